import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { anonymousVisitorForTest, formPost, type TestSession } from '../accounts/testing.js';
import type { Database } from '../db/database.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { addTestService } from './plan.fixtures.js';
import { makePlan, planStages, planStepOrder, type PlanPlace } from './plan.service.js';

const vilani = '0043200'; // a town in Rēzeknes novads: where the person will go
const rezeknesNovads = '0043000';
const rezekneCity = '0006000';
const riga = '0001000'; // the last declared residence

let context: Awaited<ReturnType<typeof createTestApp>>;
let visitor: TestSession;
const weekdays = [
  {
    days: ['MO', 'TU', 'WE', 'TH', 'FR'] as ('MO' | 'TU' | 'WE' | 'TH' | 'FR')[],
    opensAt: '08:30',
    closesAt: '17:00',
    description: null,
  },
];

before(async () => {
  context = await createTestApp();
  const { db } = context;
  await addTestService(db, {
    name: 'Viļānu naktspatversme',
    institutionName: 'Viļānu patversme',
    helpTypes: ['shelter.night_shelter'],
    territoryCode: vilani,
    residencyTerritoryCodes: [rezeknesNovads],
  });
  await addTestService(db, {
    name: 'Rēzeknes naktsmājas',
    institutionName: 'Biedrība “Pajumte”',
    helpTypes: ['shelter'],
    territoryCode: rezekneCity,
    phone: '+371 64622222',
    requiredDocuments: ['Izziņa par atbrīvošanu no ieslodzījuma vietas'],
  });
  await addTestService(db, {
    name: 'Pases un ID kartes',
    institutionName: 'Pilsonības un migrācijas lietu pārvalde',
    institutionType: 'state',
    helpTypes: ['documents.passport'],
    territoryCode: rezekneCity,
    isStatewide: true,
    openingHours: weekdays,
  });
  await addTestService(db, {
    name: 'Sociālā palīdzība',
    institutionName: 'Rīgas Sociālais dienests',
    institutionType: 'municipal_social_service',
    helpTypes: ['material.one_off_benefit'],
    territoryCode: riga,
    residencyTerritoryCodes: [riga],
    openingHours: weekdays,
    phone: '+371 67000000',
  });
  await addTestService(db, {
    name: 'Rēzeknes sociālā palīdzība',
    institutionName: 'Rēzeknes novada Sociālais dienests',
    institutionType: 'municipal_social_service',
    helpTypes: ['material'],
    territoryCode: rezeknesNovads,
    residencyTerritoryCodes: [rezeknesNovads],
  });
  await addTestService(db, {
    name: 'Bezdarbnieku reģistrācija',
    institutionName: 'Nodarbinātības valsts aģentūra',
    institutionType: 'state',
    helpTypes: ['employment'],
    territoryCode: rezekneCity,
    isStatewide: true,
  });
  await addTestService(db, {
    name: 'Narkologa konsultācija',
    institutionName: 'Rēzeknes narkoloģiskais kabinets',
    helpTypes: ['drugs'],
    territoryCode: rezekneCity,
  });
  await addTestService(db, {
    name: 'Atbalsta grupa sievietēm',
    institutionName: 'Biedrība “Māsas”',
    helpTypes: ['psychological.support_group'],
    territoryCode: rezekneCity,
    eligibleSex: 'female',
  });
  visitor = await anonymousVisitorForTest(db);
});

after(async () => {
  await context.close();
});

test('the plan runs night → day → weeks, each step in the order of urgency', async () => {
  const plan = await makePlan(context.db, {
    territoryCode: vilani,
    residenceCode: riga,
    needs: ['drugs', 'employment', 'documents', 'shelter'],
  });
  assert.deepEqual(
    plan.stages.map((stage) => stage.name),
    ['night', 'day', 'weeks'],
  );
  const kinds = plan.stages.flatMap((stage) => stage.steps.map((step) => step.kind));
  assert.deepEqual(kinds, ['shelter', 'documents', 'social_service', 'one_off_benefit', 'employment', 'drugs']);
  const steps = plan.stages.flatMap((stage) => stage.steps);
  for (let position = 1; position < steps.length; position++) {
    assert.ok(planStages.indexOf(steps[position - 1]!.stage) <= planStages.indexOf(steps[position]!.stage));
  }
  assert.equal(planStepOrder[0]!.kind, 'shelter');
});

test('a shelter only for residents of another municipality is listed apart, with its reason', async () => {
  const plan = await makePlan(context.db, { territoryCode: vilani, residenceCode: riga, needs: ['shelter'] });
  const shelter = plan.stages[0]!.steps[0]!;
  assert.equal(shelter.kind, 'shelter');
  assert.deepEqual(
    shelter.places.map((place) => place.serviceName),
    ['Rēzeknes naktsmājas'],
  );
  assert.deepEqual(
    shelter.notForYou.map((place) => place.serviceName),
    ['Viļānu naktspatversme'],
  );
  assert.deepEqual(
    shelter.notForYou[0]!.reasons.map((reason) => reason.kind),
    ['residency'],
  );

  // Whose last residence was in Rēzeknes novads, the nearer shelter is theirs, and it comes first.
  const local = await makePlan(context.db, {
    territoryCode: vilani,
    residenceCode: rezeknesNovads,
    needs: ['shelter'],
  });
  assert.deepEqual(
    local.stages[0]!.steps[0]!.places.map((place) => place.serviceName),
    ['Viļānu naktspatversme', 'Rēzeknes naktsmājas'],
  );
  assert.equal(local.stages[0]!.steps[0]!.notForYou.length, 0);
});

test('the social service is the one of the last declared residence, or of the destination when it is unknown', async () => {
  const fromRiga = await makePlan(context.db, { territoryCode: vilani, residenceCode: riga, needs: [] });
  const socialService = fromRiga.stages.flatMap((stage) => stage.steps).find((step) => step.kind === 'social_service')!;
  assert.deepEqual(
    socialService.places.map((place) => place.organizationName),
    ['Rīgas Sociālais dienests'],
  );
  const unknown = await makePlan(context.db, { territoryCode: vilani, residenceCode: null, needs: [] });
  const local = unknown.stages.flatMap((stage) => stage.steps).find((step) => step.kind === 'social_service')!;
  assert.deepEqual(
    local.places.map((place) => place.organizationName),
    ['Rēzeknes novada Sociālais dienests'],
  );
});

test('limits the plan does not ask about (sex, age) are said beside the place', async () => {
  const response = await context.app.request(`/plan/result?territory=${vilani}&needs=psychological&lang=lv`);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /Biedrība “Māsas”[\s\S]*Tikai sievietēm\./);
});

test('the form turns a place typed without diacritics into a link holding only codes; the date stays out of it', async () => {
  const response = await formPost(
    context.app,
    '/plan?lang=lv',
    {
      release_date: '2026-12-12',
      place: 'vilani',
      residence: riga,
      needs: ['shelter', 'documents', 'drugs', 'employment'],
    },
    visitor,
  );
  assert.equal(response.status, 303);
  const location = new URL(response.headers.get('location')!, 'http://localhost');
  assert.equal(location.pathname, '/plan/result');
  assertOnlyCodes(location);
  assert.equal(location.searchParams.get('territory'), vilani);
  assert.equal(location.searchParams.get('residence'), riga);
  assert.deepEqual(
    new Set(location.searchParams.get('needs')!.split(',')),
    new Set(['shelter', 'documents', 'drugs', 'employment']),
  );
  assert.doesNotMatch(location.href, /2026|12-12/);
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /atlas_plan_release=2026-12-12/);
  assert.match(cookie, /Max-Age=7200/);
  assert.match(cookie, /HttpOnly/);

  const page = await context.app.request(`${location.pathname}${location.search}`, {
    headers: { cookie: `${visitor.cookie}; atlas_plan_release=2026-12-12` },
  });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Atbrīvošanas diena: sestdiena, 2026\. gada 12\. decembris/);
  // Released on a Saturday: the social service, open on weekdays, opens on Monday.
  assert.match(html, /Atbrīvošanas dienā slēgts\. Nākamā atvērtā diena: pirmdiena, 2026\. gada 14\. decembris\./);
  assert.match(html, /Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads\./);
  const stageOrder = ['Pirmā nakts', 'Pirmā diena', 'Pirmās nedēļas'].map((heading) => html.indexOf(heading));
  assert.ok(stageOrder.every((position) => position > 0));
  assert.deepEqual(
    [...stageOrder].sort((a, b) => a - b),
    stageOrder,
  );

  const share = /id="share-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="share-link"/.exec(html);
  const shareUrl = new URL((share?.[1] ?? share?.[2] ?? '').replaceAll('&amp;', '&'));
  assertOnlyCodes(shareUrl);
  assert.doesNotMatch(shareUrl.href, /2026/);
  // The phone's text-message and mail apps send the same link, and nothing else of the person.
  const sms = /href="(sms:[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
  assert.ok(decodeURIComponent(sms).endsWith(shareUrl.href), sms);
  assert.doesNotMatch(decodeURIComponent(sms), /2026/);
  assert.match(html, /href="mailto:\?subject=/);
});

test('"change answers" opens the form filled in from the link; without the cookie no date is shown', async () => {
  const form = await (
    await context.app.request(`/plan?territory=${vilani}&residence=${riga}&needs=shelter,drugs&lang=en`)
  ).text();
  assert.match(form, /id="place" name="place" value="Viļāni"/);
  assert.match(form, /<option value="0001000" selected="">Rīga<\/option>/);
  assert.match(form, /value="shelter" checked=""/);
  assert.match(form, /value="drugs" checked=""/);
  assert.doesNotMatch(form, /value="documents" checked=""/);
  const result = await (await context.app.request(`/plan/result?territory=${vilani}&needs=shelter&lang=en`)).text();
  assert.doesNotMatch(result, /Release day/);
  assert.match(result, /Last declared address: not given/);
});

test('form errors re-render with 400: no place, an ambiguous place (choose one), a wrong date', async () => {
  const missing = await formPost(context.app, '/plan?lang=en', { place: '', needs: ['shelter'] }, visitor);
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /class="field-error" id="place-error"/);

  // Two parishes of Latvia are called "Salas pagasts": the person chooses, no JavaScript needed.
  const ambiguous = await formPost(
    context.app,
    '/plan?lang=en',
    { place: 'salas pagasts', needs: ['shelter'] },
    visitor,
  );
  assert.equal(ambiguous.status, 400);
  const choices = await ambiguous.text();
  const codes = [...choices.matchAll(/type="radio" name="territory" value="(\d{7})"/g)].map((match) => match[1]!);
  assert.ok(codes.length >= 2, 'both parishes are offered');
  const chosen = await formPost(
    context.app,
    '/plan?lang=en',
    { place: 'salas pagasts', territory: codes[1]!, needs: ['shelter'] },
    visitor,
  );
  assert.equal(chosen.status, 303);
  assert.equal(new URL(chosen.headers.get('location')!, 'http://localhost').searchParams.get('territory'), codes[1]);

  const badDate = await formPost(
    context.app,
    '/plan?lang=en',
    { place: 'Viļāni', release_date: '2026-02-31', needs: [] },
    visitor,
  );
  assert.equal(badDate.status, 400);
  assert.match(await badDate.text(), /Type a date/);

  const badNeed = await formPost(context.app, '/plan?lang=en', { place: 'Viļāni', needs: ['spaceship'] }, visitor);
  assert.equal(badNeed.status, 400);
});

test('a broken plan link is a 400 with a message, never a 500', async () => {
  for (const query of [
    '',
    'territory=12',
    'territory=9999999',
    `territory=${vilani}&needs=spaceship`,
    `territory=${vilani}&residence=abc`,
  ]) {
    const response = await context.app.request(`/plan/result?${query}`);
    assert.equal(response.status, 400, query);
    const pdf = await context.app.request(`/plan.pdf?${query}`);
    assert.equal(pdf.status, 400, query);
  }
  // One plain sentence, no field names, and the way to make the plan again.
  const html = await (await context.app.request('/plan/result?territory=12&lang=ru')).text();
  assert.equal(html.split('Ссылка на план повреждена').length - 1, 1);
  assert.doesNotMatch(html, /territory:/);
  assert.match(html, /<a class="button" href="\/plan">/);
});

test('the PDF is a real PDF whose Latvian and Russian text can be searched', async () => {
  const query = `territory=${vilani}&residence=${riga}&needs=shelter,documents,drugs`;
  const latvian = await context.app.request(`/plan.pdf?${query}&lang=lv`);
  assert.equal(latvian.status, 200);
  assert.equal(latvian.headers.get('content-type'), 'application/pdf');
  assert.match(latvian.headers.get('content-disposition') ?? '', /attachment; filename="plans-pec-atbrivosanas\.pdf"/);
  const text = await readPdfText(Buffer.from(await latvian.arrayBuffer()));
  for (const expected of [
    'Jūsu plāns pēc atbrīvošanas',
    'Pirmā nakts',
    'Pirmā diena',
    'Pirmās nedēļas',
    'Rēzeknes naktsmājas',
    'Izziņa par atbrīvošanu no ieslodzījuma vietas',
    'Viļāni',
    'Rīgas Sociālais dienests',
  ]) {
    assert.ok(text.includes(expected), `PDF text lacks “${expected}”`);
  }
  assert.ok(
    text.indexOf('Pirmā nakts') < text.indexOf('Pirmā diena') &&
      text.indexOf('Pirmā diena') < text.indexOf('Pirmās nedēļas'),
  );
  assert.match(text, /dzīvesvieta bija: Rēzeknes novads/);

  const russian = await context.app.request(`/plan.pdf?${query}&lang=ru`);
  const russianText = await readPdfText(Buffer.from(await russian.arrayBuffer()));
  for (const expected of ['Ваш план после освобождения', 'Первая ночь', 'Что взять с собой'])
    assert.ok(russianText.includes(expected), `PDF text lacks “${expected}”`);
});

test('making a plan writes nothing to the database', async () => {
  const { app, db } = context;
  // Warm-up: the first request may create app-wide secrets (CSRF); a plan itself must change nothing.
  await app.request('/plan', { headers: { cookie: visitor.cookie } });
  const before = await snapshotTables(db);
  await app.request('/plan?lang=ru', { headers: { cookie: visitor.cookie } });
  const posted = await formPost(
    app,
    '/plan?lang=ru',
    { release_date: '2026-12-12', place: 'Vilani', residence: riga, needs: ['shelter', 'drugs'] },
    visitor,
  );
  assert.equal(posted.status, 303);
  const result = posted.headers.get('location')!;
  assert.equal(
    (await app.request(result, { headers: { cookie: `${visitor.cookie}; atlas_plan_release=2026-12-12` } })).status,
    200,
  );
  assert.equal((await app.request(result.replace('/plan/result', '/plan.pdf'))).status, 200);
  // The review step's posts (the chosen plan, its PDF, large print) write nothing either.
  const chosen = {
    territory: vilani,
    residence: riga,
    needs: ['shelter', 'drugs'],
    release_date: '2026-12-12',
    sex: 'male',
    age: '40',
    chosen: '1',
  };
  assert.equal((await formPost(app, '/plan/result?lang=ru', chosen, visitor)).status, 200);
  assert.equal((await formPost(app, '/plan.pdf?lang=ru', { ...chosen, print: 'large' }, visitor)).status, 200);
  await formPost(app, '/plan', { place: '' }, visitor);
  const afterwards = await snapshotTables(db);
  assert.ok(before.size > 20, 'the snapshot covers the schema');
  for (const [table, fingerprint] of before) assert.equal(afterwards.get(table), fingerprint, `table ${table} changed`);
});

/** Only territory codes, need codes and the language: the link can never carry a name or a date. */
function assertOnlyCodes(url: URL): void {
  for (const [key, value] of url.searchParams) {
    if (key === 'territory' || key === 'residence') assert.match(value, /^\d{7}$/, key);
    else if (key === 'needs')
      for (const need of value.split(',')) assert.ok((helpTypeCodes as readonly string[]).includes(need), need);
    else if (key === 'lang') assert.match(value, /^(lv|ru|en)$/);
    else assert.fail(`unexpected parameter ${key} in ${url.href}`);
  }
}

/** Every table's row count and a hash of its rows, to prove a request changed nothing. */
async function snapshotTables(db: Kysely<Database>): Promise<Map<string, string>> {
  const tables = await sql<{
    table_name: string;
  }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    db,
  );
  const snapshot = new Map<string, string>();
  for (const { table_name: table } of tables.rows) {
    const row = await sql<{
      rows: string;
      fingerprint: string | null;
    }>`SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS fingerprint FROM ${sql.table(table)} t`.execute(
      db,
    );
    snapshot.set(table, `${row.rows[0]?.rows}:${row.rows[0]?.fingerprint ?? ''}`);
  }
  return snapshot;
}

test('the plan offers a place open to anyone before a women-only one in the same town, since it does not ask sex', async () => {
  const daugavpils = '0002000';
  await addTestService(context.db, {
    name: 'Aizsargātā māja sievietēm',
    helpTypes: ['shelter'],
    territoryCode: daugavpils,
    eligibleSex: 'female',
  });
  await addTestService(context.db, {
    name: 'Daugavpils naktsmājas',
    helpTypes: ['shelter'],
    territoryCode: daugavpils,
  });
  // The finder index notices the registry change within a second or so (decisions/005): ask until it has.
  let places: PlanPlace[] = [];
  for (
    let attempt = 0;
    attempt < 50 && !places.some((place) => place.serviceName === 'Daugavpils naktsmājas');
    attempt++
  ) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    places = (await makePlan(context.db, { territoryCode: daugavpils, residenceCode: null, needs: ['shelter'] }))
      .stages[0]!.steps[0]!.places;
  }
  assert.deepEqual(
    places.slice(0, 2).map((place) => place.serviceName),
    ['Daugavpils naktsmājas', 'Aizsargātā māja sievietēm'],
  );
  assert.equal(places[1]!.onlyFor.sex, 'female', 'the women-only place is still offered, and says so');
});
