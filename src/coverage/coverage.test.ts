import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { computeCoverage, findWhiteSpots } from './coverage.service.js';
import { addTestService } from '../plan/plan.fixtures.js';

const rezeknesNovads = '0043000';
const vilani = '0043200'; // a town in Rēzeknes novads
const riga = '0001000';
const bauskasNovads = '0025000';
const madonasNovads = '0038001';
const varaklanuPagasts = '0038601'; // formerly Varakļānu novads, now part of Madonas novads
const daugavpils = '0002000';

let context: Awaited<ReturnType<typeof createTestApp>>;

before(async () => {
  context = await createTestApp();
  const { db } = context;
  await addTestService(db, {
    name: 'Viļānu patversme',
    helpTypes: ['shelter.shelter'],
    territoryCode: vilani,
    residencyTerritoryCodes: [rezeknesNovads],
  });
  await addTestService(db, {
    name: 'Rīgas naktsmājas',
    helpTypes: ['shelter'],
    territoryCode: riga,
    serviceAreaCodes: [bauskasNovads],
  });
  await addTestService(db, {
    name: 'Juridiskā palīdzība pa tālruni',
    helpTypes: ['documents', 'legal'],
    territoryCode: riga,
    isStatewide: true,
    institutionType: 'state',
    placeless: true,
  });
  await addTestService(db, {
    name: 'Kopiena visai Latvijai',
    helpTypes: ['programme'],
    territoryCode: riga,
    isStatewide: true,
  });
  await addTestService(db, {
    name: 'Varakļānu zupas virtuve',
    helpTypes: ['material.food'],
    territoryCode: varaklanuPagasts,
  });
  await addTestService(db, {
    name: 'Slēgtas naktsmājas',
    helpTypes: ['shelter'],
    territoryCode: daugavpils,
    status: 'inactive',
  });
  await addTestService(db, {
    name: 'Rēzeknes darbs un mājoklis',
    helpTypes: ['employment', 'housing.social_flat'],
    territoryCode: rezeknesNovads,
  });
});

after(async () => {
  await context.close();
});

test('counts a service where it stands and where its service area reaches; a statewide one without a place everywhere', async () => {
  const coverage = await computeCoverage(context.db);
  assert.equal(coverage.municipalities.length, 42);
  const byCode = new Map(coverage.municipalities.map((municipality) => [municipality.code, municipality]));
  const rezekne = byCode.get(rezeknesNovads)!;
  assert.equal(rezekne.servicesByHelpType.shelter, 1, 'a shelter in a town of the novads counts for the novads');
  assert.equal(rezekne.servicesByHelpType.documents, 1, 'a statewide service with no place counts everywhere');
  assert.equal(rezekne.servicesByHelpType.programme, 0, 'a statewide service with a place counts only there');
  assert.equal(byCode.get(riga)!.servicesByHelpType.programme, 1);
  assert.deepEqual(
    new Set(helpTypesPresent(rezekne.servicesByHelpType)),
    new Set(['shelter', 'documents', 'legal', 'employment', 'housing']),
  );
  assert.equal(rezekne.helpTypesAvailable, 5);
  assert.equal(byCode.get(bauskasNovads)!.servicesByHelpType.shelter, 1, 'a service area naming the novads counts');
  assert.equal(byCode.get(riga)!.servicesByHelpType.shelter, 1);
  assert.equal(
    byCode.get(madonasNovads)!.servicesByHelpType.material,
    1,
    'the former Varakļānu novads counts for Madona',
  );
  assert.equal(byCode.get(daugavpils)!.servicesByHelpType.shelter, 0, 'an inactive service does not count');
  assert.equal(byCode.get(daugavpils)!.helpTypesAvailable, 2, 'only the statewide phone line reaches Daugavpils');
  assert.equal(coverage.serviceCount, 6);
});

test('white spots are the municipalities without the help type', async () => {
  const coverage = await computeCoverage(context.db);
  const withoutShelter = findWhiteSpots(coverage, 'shelter').map((municipality) => municipality.code);
  assert.equal(withoutShelter.length, 42 - 3);
  assert.ok(withoutShelter.includes(daugavpils));
  for (const covered of [rezeknesNovads, riga, bauskasNovads]) assert.ok(!withoutShelter.includes(covered));
  assert.equal(findWhiteSpots(coverage, 'documents').length, 0);
});

test('the coverage follows registry changes', async () => {
  const before = await computeCoverage(context.db);
  assert.equal(
    before.municipalities.find((municipality) => municipality.code === daugavpils)!.servicesByHelpType.shelter,
    0,
  );
  const { db } = context;
  await addTestService(db, {
    name: 'Daugavpils naktspatversme',
    helpTypes: ['shelter.night_shelter'],
    territoryCode: daugavpils,
  });
  const afterChange = await computeCoverage(db);
  assert.equal(
    afterChange.municipalities.find((municipality) => municipality.code === daugavpils)!.servicesByHelpType.shelter,
    1,
  );
});

test('GET /coverage draws every municipality with a title, a legend, the table and the credit', async () => {
  const response = await context.app.request('/coverage?lang=en');
  assert.equal(response.status, 200);
  const html = await response.text();
  const paths = [
    ...html.matchAll(/<path d="[^"]+"[^>]*data-iso="(LV-[A-Z0-9]+)"[^>]*><title>([^<]+)<\/title><\/path>/g),
  ];
  assert.equal(paths.length, 42);
  assert.ok(!paths.some((match) => match[1] === 'LV-102'), 'Varakļānu novads is drawn as part of Madona');
  const rezekneTitle = paths.find((match) => match[1] === 'LV-077')?.[2];
  assert.equal(rezekneTitle, 'Rēzeknes novads: 5 of 11 kinds of help');
  assert.match(html, /<table>/);
  assert.match(html, /<th scope="row">Rēzeknes novads<\/th><td class="number">5<\/td>/);
  assert.match(html, /href="https:\/\/www\.amcharts\.com\/"/);
  assert.doesNotMatch(html, /<script/);
});

test('GET /coverage?help=shelter lists the white spots by name', async () => {
  const response = await context.app.request('/coverage?help=shelter&lang=lv');
  assert.equal(response.status, 200);
  const html = await response.text();
  const list = /<ul class="white-spot-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const names = [...list.matchAll(/<li>([^<]+)<\/li>/g)].map((match) => match[1]);
  assert.ok(names.includes('Ogres novads'));
  assert.ok(!names.includes('Rīga'));
  assert.ok(!names.includes('Rēzeknes novads'));
  assert.equal(names.length, 42 - 4);
});

test('an unknown help type is a 400 with a message, not a 500', async () => {
  const response = await context.app.request('/coverage?help=spaceships');
  assert.equal(response.status, 400);
});

function helpTypesPresent(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([code]) => code);
}
