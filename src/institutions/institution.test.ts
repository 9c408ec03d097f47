import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { addTestService } from '../plan/plan.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let shelter: { organizationId: string; serviceId: string };
let demo: { organizationId: string };

before(async () => {
  context = await createTestApp();
  const { db } = context;
  shelter = await addTestService(db, {
    name: 'Viļānu naktspatversme',
    institutionName: 'Rēzeknes novada sociālais dienests',
    institutionType: 'municipal_social_service',
    helpTypes: ['shelter.night_shelter'],
    territoryCode: '0043200',
    residencyTerritoryCodes: ['0043000'],
    requiredDocuments: ['Izziņa par atbrīvošanu'],
    phone: '+371 64600000',
    address: 'Rēzeknes iela 5',
    openingHours: [
      { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opensAt: '00:00', closesAt: '24:00', description: null },
    ],
  });
  await addTestService(db, {
    name: 'Zupas virtuve Viļānos',
    organizationId: shelter.organizationId,
    helpTypes: ['material.food'],
    territoryCode: '0043200',
  });
  await addTestService(db, {
    name: 'Slēgtais pakalpojums',
    organizationId: shelter.organizationId,
    helpTypes: ['other'],
    territoryCode: '0043200',
    status: 'inactive',
  });
  demo = await addTestService(db, {
    name: 'Piemēra darbnīca',
    institutionName: 'Piemēra biedrība',
    helpTypes: ['employment'],
    territoryCode: '0001000',
    isDemo: true,
  });
});

after(async () => {
  await context.close();
});

test('an institution page shows its services, who may come, hours, documents, address and map links', async () => {
  const response = await context.app.request(`/institutions/${shelter.organizationId}?lang=lv`);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<h1>Rēzeknes novada sociālais dienests/);
  assert.match(html, /Viļānu naktspatversme/);
  assert.match(html, /Zupas virtuve Viļānos/);
  assert.doesNotMatch(html, /Slēgtais pakalpojums/, 'an inactive service is not offered to the public');
  assert.match(html, /Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads\./);
  assert.match(html, /Izziņa par atbrīvošanu/);
  assert.match(html, /Rēzeknes iela 5/);
  assert.match(html, /href="tel:\+37164600000"/);
  assert.match(html, /Visu diennakti, katru dienu/);
  assert.match(html, /Tagad atvērts/, 'a place open day and night is open now');
  // Where it is, in a way a person can use: the address with "open in maps" links, no outside tiles.
  assert.match(html, /<a href="geo:[^"]+"[^>]*>Atvērt kartē<\/a>/);
  assert.match(html, /<a href="https:\/\/www\.openstreetmap\.org\/[^"]+"[^>]*>OpenStreetMap<\/a>/);
  assert.match(
    html,
    /<svg[^>]+role="img"[^>]+aria-label="Latvijas karte: kur atrodas Rēzeknes novada sociālais dienests"/,
  );
  assert.equal((html.match(/<circle /g) ?? []).length, 1, 'one dot: the institution is in one municipality');
  assert.match(html, /href="https:\/\/www\.amcharts\.com\/"/);
  assert.doesNotMatch(html, /Piemēra dati/, 'real data carries no demo badge');
  assert.doesNotMatch(html, /<script|<img|<iframe|https?:\/\/(?!www\.amcharts\.com)[a-z.]+\/[^"]*\.(png|js)/);
});

test('demonstration data is marked as such, in every language', async () => {
  const english = await (await context.app.request(`/institutions/${demo.organizationId}?lang=en`)).text();
  assert.match(english, /class="badge demo"/);
  assert.match(english, /These are example data/);
  const russian = await (await context.app.request(`/institutions/${demo.organizationId}?lang=ru`)).text();
  assert.match(russian, /Это пример/);
});

test('an unknown or malformed institution id is a 404 page, not a 500', async () => {
  assert.equal((await context.app.request(`/institutions/${randomUUID()}`)).status, 404);
  assert.equal((await context.app.request('/institutions/not-a-uuid')).status, 404);
  assert.equal((await context.app.request("/institutions/1'%20OR%201=1")).status, 404);
});

test('the finder and the institution page show a service on the same card: the checked date in words, not ISO', async () => {
  const onInstitutionPage = await (await context.app.request(`/institutions/${shelter.organizationId}?lang=lv`)).text();
  const inFinder = await (await context.app.request('/find?needs=shelter&territory=0043200&lang=lv')).text();
  for (const html of [onInstitutionPage, inFinder]) {
    const card =
      /<article class="card"[^>]*>(?:(?!<\/article>).)*Viļānu naktspatversme(?:(?!<\/article>).)*<\/article>/s.exec(
        html,
      )?.[0] ?? '';
    assert.match(card, /<dt>Ziņas pārbaudītas<\/dt><dd>2026\. gada 1\. novembris<\/dd>/);
    assert.doesNotMatch(card, /2026-11-01/);
    assert.match(
      card,
      /<dt>Kas var nākt<\/dt><dd>Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads\./,
    );
    assert.match(card, /<a href="tel:\+37164600000">\+371 64600000<\/a>/);
    assert.match(card, /<dt>Darba laiks<\/dt><dd>Visu diennakti, katru dienu/);
  }
});

test('opened from a search, the page says how far each place is from the place searched', async () => {
  const html = await (await context.app.request(`/institutions/${shelter.organizationId}?lang=en&from=0006000`)).text();
  assert.match(html, /About \d+ km from Rēzekne/);
  const unknown = await context.app.request(`/institutions/${shelter.organizationId}?lang=en&from=9999999`);
  assert.equal(unknown.status, 200);
  assert.doesNotMatch(await unknown.text(), /km from/);
});
