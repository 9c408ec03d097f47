import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { translatorFor } from '../core/i18n.js';
import { openTestDatabase } from '../testing/test-database.js';
import { buildFinderIndexFromDatabase } from './finder-index-cache.js';
import { finderTestRegistry, insertFinderTestServices, testTerritories } from './finder.fixtures.js';
import { describeReason, describeWhoMayCome } from './finder.output.js';
import {
  findServices,
  matchTerritories,
  resolveTerritory,
  suggestTerritories,
  type FinderIndex,
  type FinderQuery,
  type FinderResult,
} from './finder.service.js';

let database: DatabaseHandle;
let index: FinderIndex;
before(async () => {
  database = await openTestDatabase();
  await insertFinderTestServices(database.db, finderTestRegistry);
  index = await buildFinderIndexFromDatabase(database.db);
});
after(async () => {
  await database.close();
});

const search = (query: Partial<FinderQuery>): FinderResult =>
  findServices(index, { needs: [], limit: 50, offset: 0, ...query });
const names = (hits: FinderResult['eligible']) => hits.map((hit) => hit.service.name);

test('keywords match whatever the case and diacritics', () => {
  for (const typed of ['patversme', 'PATVERSME', 'Patversmē', 'patversmes', 'patversmei']) {
    assert.ok(names(search({ keywords: typed }).eligible).includes('Rēzeknes novada patversme'), typed);
  }
  assert.deepEqual(names(search({ keywords: 'juridiska palidziba daugavpili' }).eligible), [
    'Juridiskā palīdzība Daugavpilī',
  ]);
});

test('keywords match other word forms and the help types in Russian and English', () => {
  assert.deepEqual(names(search({ keywords: 'juridiskās konsultācijas pēc atbrīvošanas' }).eligible), [
    'Juridiskā palīdzība Daugavpilī',
  ]);
  // The help type's Russian and English names are searchable too.
  assert.ok(names(search({ keywords: 'юридическая помощь' }).eligible).includes('Juridiskā palīdzība Rīgā'));
  assert.ok(names(search({ keywords: 'lawyer' }).eligible).includes('Juridiskā palīdzība Rīgā'));
  // A word the index does not hold whole still finds its longer forms.
  assert.ok(names(search({ keywords: 'patvers' }).eligible).includes('Rēzeknes novada patversme'));
  assert.equal(search({ keywords: 'helikopters' }).totalEligible, 0);
});

test('a place name among the keywords finds the services there', () => {
  const found = names(search({ keywords: 'rezeknes', needs: ['shelter'] }).eligible);
  assert.ok(found.includes('Rēzeknes pilsētas naktsmājas'));
  assert.ok(!found.includes('Rīgas sieviešu krīzes centrs'));
});

test('several needs at once return services of each, nearest first, each service once', () => {
  const result = search({ needs: ['shelter', 'documents', 'alcohol'], territoryCode: testTerritories.rezekne });
  const found = names(result.eligible);
  for (const expected of [
    'Rēzeknes novada patversme',
    'Rēzeknes pilsētas naktsmājas',
    'Pasu un ID karšu noformēšana Rēzeknē',
    'Krāslavas un Rēzeknes atbalsta grupa',
    'Rīgas sieviešu krīzes centrs',
  ]) {
    assert.ok(found.includes(expected), expected);
  }
  assert.ok(!found.includes('Juridiskā palīdzība Rīgā'));
  assert.equal(new Set(found).size, found.length, 'no service twice');
  assert.equal(result.totalEligible, found.length);
  // Rīga is the farthest of these from Rēzekne, so its shelter comes last.
  assert.equal(found.at(-1), 'Rīgas sieviešu krīzes centrs');
  // The support group meets in Krāslava and Rēzekne: listed once, at the Rēzekne place.
  const group = result.eligible.find((hit) => hit.service.name === 'Krāslavas un Rēzeknes atbalsta grupa');
  assert.equal(group?.territory?.code, testTerritories.rezekne);
  assert.equal(result.matchInTerritory, true);
});

test('a territory with no match gives the nearest alternatives first and says so', () => {
  const result = search({ needs: ['legal'], territoryCode: testTerritories.ludzasNovads });
  assert.equal(result.matchInTerritory, false);
  assert.deepEqual(names(result.eligible), ['Juridiskā palīdzība Daugavpilī', 'Juridiskā palīdzība Rīgā']);
  const [daugavpils, riga] = result.eligible.map((hit) => hit.distanceKilometres!);
  assert.ok(daugavpils! > 50 && daugavpils! < riga!, `${daugavpils} km then ${riga} km`);
});

test('a residency rule that excludes the person puts the service apart with the reason', () => {
  const result = search({
    needs: ['shelter'],
    territoryCode: testTerritories.rezeknesNovads,
    residenceCode: testTerritories.riga,
  });
  assert.ok(!names(result.eligible).includes('Rēzeknes novada patversme'));
  assert.deepEqual(names(result.notEligible), ['Rēzeknes novada patversme']);
  assert.equal(result.totalNotEligible, 1);
  const reasons = result.notEligible[0]!.reasons;
  assert.equal(
    describeReason(reasons[0]!, translatorFor('lv')),
    'Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads.',
  );
  assert.equal(
    describeReason(reasons[0]!, translatorFor('en')),
    'Only for people whose last declared address was in: Rēzeknes novads.',
  );
  assert.ok(names(result.eligible).includes('Rēzeknes pilsētas naktsmājas'));
});

test('a residence in a parish counts as its municipality; without a residence nobody is turned away', () => {
  const parish = search({ needs: ['shelter'], residenceCode: testTerritories.audrinuPagasts });
  assert.ok(names(parish.eligible).includes('Rēzeknes novada patversme'));
  assert.equal(parish.totalNotEligible, 0);
  const unknown = search({ needs: ['shelter'] });
  assert.ok(names(unknown.eligible).includes('Rēzeknes novada patversme'));
  const hit = unknown.eligible.find((candidate) => candidate.service.name === 'Rēzeknes novada patversme')!;
  assert.match(
    describeWhoMayCome(hit, index, 'lv', translatorFor('lv')),
    /deklarētā dzīvesvieta bija: Rēzeknes novads/,
  );
});

test('state-wide services are always offered, whatever the residence', () => {
  for (const residenceCode of [testTerritories.ludzasNovads, testTerritories.liepaja]) {
    const documents = search({ needs: ['documents'], territoryCode: testTerritories.rezekne, residenceCode });
    assert.deepEqual(names(documents.eligible), ['Pasu un ID karšu noformēšana Rēzeknē']);
    assert.equal(documents.totalNotEligible, 0);
  }
  // A phone line with no place is offered right after what is in the chosen place.
  const talk = search({
    needs: ['psychological'],
    territoryCode: testTerritories.liepaja,
    residenceCode: testTerritories.riga,
  });
  assert.equal(talk.eligible[0]?.service.name, 'Uzticības tālrunis');
  assert.equal(talk.eligible[0]?.territory, null);
});

test('sex and age rules apply only when the person gives them', () => {
  assert.ok(names(search({ needs: ['shelter'] }).eligible).includes('Rīgas sieviešu krīzes centrs'));
  const man = search({ needs: ['shelter'], sex: 'male' });
  assert.deepEqual(names(man.notEligible), ['Rīgas sieviešu krīzes centrs']);
  assert.equal(describeReason(man.notEligible[0]!.reasons[0]!, translatorFor('ru')), 'Только для женщин.');
  assert.ok(names(search({ needs: ['shelter'], sex: 'female' }).eligible).includes('Rīgas sieviešu krīzes centrs'));

  assert.equal(search({ needs: ['employment'], age: 22 }).totalEligible, 1);
  const older = search({ needs: ['employment'], age: 40 });
  assert.equal(older.totalEligible, 0);
  assert.equal(
    describeReason(older.notEligible[0]!.reasons[0]!, translatorFor('en')),
    'Only for people aged 18 to 25.',
  );
});

test('inactive services are never offered', () => {
  assert.ok(!names(search({ needs: ['shelter'], limit: 100 }).eligible).includes('Slēgta patversme'));
  assert.equal(search({ keywords: 'nedarbojas' }).totalEligible, 0);
});

test('services a prison runs for its own inmates are not offered to people who have left', () => {
  assert.ok(!names(search({ needs: ['alcohol'], limit: 100 }).eligible).includes('Cietuma atkarību programma'));
  assert.equal(search({ keywords: 'ieslodzītajiem' }).totalEligible, 0);
});

test('paging returns the requested slice and the same totals', () => {
  const all = search({ needs: ['shelter', 'legal'], territoryCode: testTerritories.rezekne });
  const second = search({ needs: ['shelter', 'legal'], territoryCode: testTerritories.rezekne, limit: 2, offset: 2 });
  assert.equal(second.totalEligible, all.totalEligible);
  assert.deepEqual(names(second.eligible), names(all.eligible).slice(2, 4));
});

test('places typed without diacritics or in another form resolve to one territory, or offer a choice', () => {
  assert.equal(resolveTerritory(index, 'rezekne')?.code, testTerritories.rezekne);
  assert.equal(resolveTerritory(index, 'REZEKNES NOVADS')?.code, testTerritories.rezeknesNovads);
  assert.equal(resolveTerritory(index, 'Daugavpilī')?.code, testTerritories.daugavpils);
  assert.equal(resolveTerritory(index, 'audrinu')?.code, testTerritories.audrinuPagasts);
  assert.equal(resolveTerritory(index, 'salas pagasts'), undefined, 'two parishes share the name');
  // Russian speakers write the names in Cyrillic: the city, the novads ("край"), a case form, Е as "je".
  assert.equal(resolveTerritory(index, 'Резекне')?.code, testTerritories.rezekne);
  assert.equal(resolveTerritory(index, 'Резекненский край')?.code, testTerritories.rezeknesNovads);
  assert.equal(resolveTerritory(index, 'даугавпилс')?.code, testTerritories.daugavpils);
  assert.equal(resolveTerritory(index, 'Рига')?.code, testTerritories.riga);
  assert.equal(resolveTerritory(index, 'Елгава')?.code, '0003000');
  const choices = matchTerritories(index, 'salas pagasts');
  assert.equal(choices.length, 2);
  assert.deepEqual(matchTerritories(index, 'qqqq'), []);
});

test('totals counted from the per-combination tables agree with the services actually listed', () => {
  const needSets: FinderQuery['needs'][] = [
    [],
    ['shelter'],
    ['alcohol', 'psychological'],
    ['shelter', 'documents', 'material'],
    ['legal', 'employment'],
  ];
  const residences = [
    undefined,
    testTerritories.riga,
    testTerritories.rezeknesNovads,
    testTerritories.audrinuPagasts,
    testTerritories.ludzasNovads,
  ];
  // Single words use the counts of their posting list, several words a pass over the matches.
  const keywordSets = [undefined, 'palīdzība', 'rezekne', 'patversme', 'juridiska palidziba'];
  for (const needs of needSets) {
    for (const residenceCode of residences) {
      for (const keywords of keywordSets) {
        const result = search({ needs, residenceCode, keywords, territoryCode: testTerritories.rezekne, limit: 100 });
        const label = `${needs.join(',')} / ${residenceCode} / ${keywords}`;
        assert.equal(result.totalEligible, result.eligible.length, label);
        assert.equal(result.totalNotEligible, result.notEligible.length, label);
        // The same query through the scanning path (an age that no rule here excludes) counts the same.
        const scanned = search({
          needs,
          residenceCode,
          keywords,
          territoryCode: testTerritories.rezekne,
          limit: 100,
          age: 20,
        });
        assert.equal(scanned.totalEligible, result.totalEligible, label);
        assert.equal(scanned.totalNotEligible, result.totalNotEligible, label);
      }
    }
  }
});

test('a place typed with a letter wrong gets "did you mean", over Latvian and Russian names alike', () => {
  assert.deepEqual(
    suggestTerritories(index, 'Daugavpls').map((territory) => territory.code),
    [testTerritories.daugavpils],
  );
  assert.equal(suggestTerritories(index, 'Resekne')[0]?.code, testTerritories.rezekne);
  assert.equal(suggestTerritories(index, 'Двинсл')[0]?.code, testTerritories.daugavpils, 'a typo in a historical name');
  assert.deepEqual(suggestTerritories(index, 'Rgi'), [], 'three letters are too few to guess from');
  assert.deepEqual(suggestTerritories(index, 'Helikopters'), []);
});

test("Russian and historical names resolve to today's place", () => {
  assert.equal(resolveTerritory(index, 'Двинск')?.code, testTerritories.daugavpils);
  assert.equal(resolveTerritory(index, 'Режица')?.code, testTerritories.rezekne);
  assert.equal(resolveTerritory(index, 'Dünaburg')?.code, testTerritories.daugavpils);
  assert.equal(resolveTerritory(index, 'Либава')?.code, testTerritories.liepaja);
  assert.equal(resolveTerritory(index, 'Лудзенский край')?.code, testTerritories.ludzasNovads);
  assert.equal(matchTerritories(index, 'Митава')[0]?.code, '0003000');
});
