import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { finderTestRegistry, insertFinderTestServices, testTerritories } from './finder.fixtures.js';
import { latvianWeekTime } from '../core/dates.js';
import { toFinderResponse } from './finder.output.js';
import { finderQuerySchema, finderResponseSchema, type FinderResponse } from './finder.schema.js';
import { findServices, loadFinderIndex } from './finder.service.js';
import { translatorFor } from '../core/i18n.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
  await insertFinderTestServices(context.db, finderTestRegistry);
});
after(async () => {
  await context.close();
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await context.app.request(path);
  return { status: response.status, body: await response.json() };
}

test('the JSON API lists eligible services and, apart, the ones a residency rule closes, with the reason', async () => {
  const { status, body } = await getJson(
    `/api/v1/finder/services?needs=shelter,documents&territory=${testTerritories.rezeknesNovads}&residence=${testTerritories.riga}&lang=en`,
  );
  assert.equal(status, 200);
  const answer: FinderResponse = finderResponseSchema.parse(body);
  assert.deepEqual(answer.query.needs, ['shelter', 'documents']);
  assert.ok(
    answer.eligible.some(
      (service) => service.name === 'Pasu un ID karšu noformēšana Rēzeknē' && service.eligibility.is_statewide,
    ),
  );
  const closed = answer.not_eligible.find((service) => service.name === 'Rēzeknes novada patversme');
  assert.ok(closed, 'the residency-restricted shelter is listed apart');
  assert.equal(closed.reason, 'Only for people whose last declared address was in: Rēzeknes novads.');
  assert.equal(closed.territory?.municipality.code, testTerritories.rezeknesNovads);
  assert.equal(closed.phone, '+371 64 600 000');
  assert.deepEqual(closed.documents, ['Pase vai ID karte']);
  assert.deepEqual(
    closed.languages.map((language) => language.name),
    ['Latvian', 'Russian'],
  );
  assert.deepEqual(closed.hours.intervals[0], { day: 'MO', opens: '19:00', closes: '08:00' });
  assert.equal(typeof closed.open_now, 'boolean');
  assert.deepEqual(closed.help_types, [{ code: 'shelter', label: 'A place to sleep' }]);
  assert.equal(answer.total_not_eligible, 1);
  assert.equal(answer.total_eligible, answer.eligible.length);
  // What Rēzeknes novads offers this person is closed to them; the help they may use is in Rēzekne city.
  assert.equal(answer.match_in_territory, false);
});

test('the JSON API speaks the requested language', async () => {
  const { body } = await getJson(`/api/v1/finder/services?needs=shelter&residence=${testTerritories.riga}&lang=lv`);
  const answer = finderResponseSchema.parse(body);
  assert.equal(
    answer.not_eligible[0]?.reason,
    'Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads.',
  );
  const russian = finderResponseSchema.parse(
    (await getJson(`/api/v1/finder/services?needs=shelter&residence=${testTerritories.riga}&lang=ru`)).body,
  );
  assert.match(
    russian.not_eligible[0]!.reason,
    /^Только для людей, чьё последнее задекларированное место жительства было: Rēzeknes novads\.$/,
  );
});

test('bad parameters are a 400 with a translated message, never a 500', async () => {
  const cases: [string, string][] = [
    ['needs=bogus', 'needs'],
    ['needs=shelter,passports', 'needs'],
    ['needs=shelter&territory=12', 'territory'],
    ['needs=shelter&territory=9999999', 'territory'],
    ['needs=shelter&residence=abcdefg', 'residence'],
    ['needs=shelter&residence=0000001', 'residence'],
    ['needs=shelter&limit=0', 'limit'],
    ['needs=shelter&limit=many', 'limit'],
    ['needs=shelter&offset=-1', 'offset'],
    ['needs=shelter&age=-3', 'age'],
    ['needs=shelter&sex=robot', 'sex'],
    [`needs=shelter&q=${'a'.repeat(201)}`, 'q'],
  ];
  for (const [query, field] of cases) {
    const { status, body } = await getJson(`/api/v1/finder/services?${query}&lang=en`);
    assert.equal(status, 400, query);
    const error = (body as { error: { code: string; message: string; details: { path: string; message: string }[] } })
      .error;
    assert.equal(error.code, 'invalid_input', query);
    assert.equal(error.message, 'Something in the search is not right.');
    assert.equal(error.details[0]?.path, field, query);
    assert.ok(error.details[0]!.message.length > 10, query);
  }
  const unknownLanguage = await getJson('/api/v1/finder/services?needs=shelter&lang=xx');
  assert.equal(unknownLanguage.status, 400);
  assert.deepEqual(
    (unknownLanguage.body as { error: { details: { path: string }[] } }).error.details.map((detail) => detail.path),
    ['lang'],
  );
  const latvian = await getJson('/api/v1/finder/services?needs=bogus&lang=lv');
  assert.match(
    (latvian.body as { error: { details: { message: string }[] } }).error.details[0]!.message,
    /^Nezināms palīdzības veids: bogus\. Der: documents, legal/,
  );
});

test('the home page offers the needs in plain words and a place, in each language', async () => {
  const latvian = await context.app.request('/?lang=lv');
  assert.equal(latvian.status, 200);
  const page = await latvian.text();
  assert.match(page, /<form method="get" action="\/find"/);
  assert.match(page, /name="needs" value="shelter"/);
  assert.match(page, /Kur pārgulēt šonakt/);
  assert.match(page, /name="place"/);
  assert.match(page, /<option value="0043000">Rēzeknes novads<\/option>/);
  const russian = await (await context.app.request('/?lang=ru')).text();
  assert.match(russian, /Где переночевать сегодня/);
  const english = await (await context.app.request('/find?lang=en')).text();
  assert.match(english, /A place to sleep tonight/);
});

test('a place typed without diacritics leads to results under a URL of codes only', async () => {
  const response = await context.app.request(
    '/find?needs=shelter&needs=documents&place=rezeknes+novads&residence=0001000',
  );
  assert.equal(response.status, 303);
  assert.equal(
    response.headers.get('location'),
    `/find?needs=shelter,documents&territory=${testTerritories.rezeknesNovads}&residence=${testTerritories.riga}`,
  );
});

test('a place name several territories share leads to a page to choose', async () => {
  const response = await context.app.request('/find?needs=shelter&place=salas+pagasts&lang=en');
  assert.equal(response.status, 200);
  const page = await response.text();
  assert.match(page, /Which place do you mean\?/);
  assert.equal(page.match(/href="\/find\?needs=shelter&amp;territory=\d{7}"/g)?.length, 2);
});

test('an unknown place or no need re-shows the form with the problem, status 400', async () => {
  const unknownPlace = await context.app.request('/find?needs=shelter&place=atlantida&lang=en');
  assert.equal(unknownPlace.status, 400);
  assert.match(await unknownPlace.text(), /We could not find the place “atlantida”/);
  const noNeed = await context.app.request(`/find?territory=${testTerritories.rezekne}&lang=en`);
  assert.equal(noNeed.status, 400);
  const page = await noNeed.text();
  assert.match(page, /Tick at least one kind of help/);
  assert.match(page, /<option value="0006000" selected="">Rēzekne<\/option>/);
  const empty = await context.app.request('/find?place=&territory=&q=&lang=en');
  assert.equal(empty.status, 400, 'the form sent back empty says what is missing');
  assert.match(await empty.text(), /Tick at least one kind of help/);
  const anywhere = await context.app.request('/find?needs=shelter&place=&lang=en');
  assert.equal(anywhere.status, 200, 'no place searches all of Latvia');
  assert.match(await anywhere.text(), /All of Latvia\. Write a place to see the nearest help first\./);
  const badCode = await context.app.request('/find?needs=shelter&territory=1234567&lang=en');
  assert.equal(badCode.status, 400);
  assert.match(await badCode.text(), /Unknown territory code: 1234567/);
});

test('the results page lists what fits, nearest first, and the closed door apart with its reason', async () => {
  const response = await context.app.request(
    `/find?needs=shelter&territory=${testTerritories.rezeknesNovads}&residence=${testTerritories.riga}&lang=en`,
  );
  assert.equal(response.status, 200);
  const page = await response.text();
  const eligiblePart = page.slice(0, page.indexOf('will not help you – why?'));
  const apartPart = page.slice(page.indexOf('will not help you – why?'));
  assert.match(eligiblePart, /Rēzeknes pilsētas naktsmājas/);
  assert.doesNotMatch(eligiblePart, /Rēzeknes novada patversme/);
  assert.match(apartPart, /Rēzeknes novada patversme/);
  assert.match(apartPart, /Only for people whose last declared address was in: Rēzeknes novads\./);
  assert.match(eligiblePart, /href="tel:\+37164611111"/);
  assert.match(
    page,
    /<p class="organization"><a href="\/institutions\/[0-9a-f-]{36}">/,
    'each card leads to its institution page',
  );
  assert.match(page, /Day and night, every day/);
  assert.match(page, /If you have nowhere to sleep tonight and none of these works, call the social service/);
  assert.match(page, /(Open now|Closed now)/);
  assert.ok(
    page.indexOf('Rēzeknes pilsētas naktsmājas') < page.indexOf('Rīgas sieviešu krīzes centrs'),
    'nearest first',
  );
  assert.ok(gzipSync(page).length < 30_000);
});

test('a place with nothing that fits says so and shows the nearest help elsewhere', async () => {
  const page = await (
    await context.app.request(`/find?needs=legal&territory=${testTerritories.ludzasNovads}&lang=en`)
  ).text();
  assert.match(page, /We found nothing for this in Ludzas novads\. Below is the nearest help in other places\./);
  assert.ok(
    page.indexOf('Juridiskā palīdzība Daugavpilī') > 0 &&
      page.indexOf('Juridiskā palīdzība Daugavpilī') < page.indexOf('Juridiskā palīdzība Rīgā'),
  );
  const nothing = await (
    await context.app.request(`/find?needs=legal&q=helikopters&territory=${testTerritories.ludzasNovads}&lang=en`)
  ).text();
  assert.match(nothing, /We found nothing\. Try fewer words or another kind of help\./);
});

test('the results page switches language and keeps the search', async () => {
  const russian = await (
    await context.app.request(
      `/find?needs=shelter&territory=${testTerritories.rezekne}&residence=${testTerritories.riga}&lang=ru`,
    )
  ).text();
  assert.match(russian, /<html lang="ru"/);
  assert.match(russian, /вам не помо(жет|гут) – почему\?/);
  assert.match(russian, /href="\/find\?needs=shelter&amp;territory=0006000&amp;residence=0001000&amp;lang=en"/);
});

test('the JSON text the API sends (from its per-listing cache) is the document toFinderResponse describes', async () => {
  const path = `/api/v1/finder/services?needs=shelter,alcohol&territory=${testTerritories.rezekne}&residence=${testTerritories.riga}&sex=male&lang=ru`;
  const first = await getJson(path);
  const second = await getJson(path);
  const index = await loadFinderIndex(context.db);
  const parameters = finderQuerySchema.parse({
    needs: ['shelter', 'alcohol'],
    territory: testTerritories.rezekne,
    residence: testTerritories.riga,
    sex: 'male',
  });
  const result = findServices(index, {
    needs: parameters.needs,
    territoryCode: parameters.territory,
    residenceCode: parameters.residence,
    sex: 'male',
    limit: 20,
    offset: 0,
  });
  const expected = toFinderResponse(result, parameters, index, 'ru', translatorFor('ru'), latvianWeekTime(new Date()));
  assert.ok(expected.not_eligible.length >= 2, 'a residency rule and a sex rule close doors here');
  assert.deepEqual(first.body, expected);
  assert.deepEqual(second.body, expected);
});
