// The architecture checks of `npm test` catch what they promise: dependency-cruiser with the project's
// .dependency-cruiser.cjs on files that break a rule, and the table-owner check on SQL in the wrong folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  checkTableOwners,
  findExceptionsWithoutRecord,
  findTableUses,
  readSourceFiles,
  readTableOwners,
} from '../scripts/check-table-owners.js';

const root = resolve(import.meta.dirname, '..');

type CruiseViolation = { from: string; to: string; rule: { name: string; severity: string } };

test('dependency-cruiser refuses a repository that imports the web layer and a route that skips the service', () => {
  // Temporary files in a real domain folder, so the rules see the paths they are written for.
  const repositoryProbe = `src/mail/architecture-probe-${process.pid}.repository.ts`;
  const routesProbe = `src/mail/architecture-probe-${process.pid}.routes.ts`;
  writeFileSync(join(root, repositoryProbe), "export { renderPage } from '../http/layout.js';\n");
  writeFileSync(join(root, routesProbe), "export * from '../registry/registry.repository.js';\n");
  try {
    const cruiser = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const arguments_ = ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--max-depth', '1'];
    const result = spawnSync(process.execPath, [cruiser, ...arguments_, repositoryProbe, routesProbe], {
      cwd: root,
      encoding: 'utf8',
    });
    // The JSON reporter exits with 0 either way; the "err" reporter of `npm test` exits with the error count.
    assert.equal(result.status, 0, result.stderr);
    const violations = (JSON.parse(result.stdout) as { summary: { violations: CruiseViolation[] } }).summary.violations;
    const found = (from: string) =>
      violations
        .filter((violation) => violation.from === from)
        .map((violation) => `${violation.rule.severity} ${violation.rule.name} → ${violation.to}`)
        .sort();
    assert.deepEqual(found(repositoryProbe), [
      'error http-only-for-web → src/http/layout.tsx',
      'error inner-layers-not-to-web → src/http/layout.tsx',
    ]);
    assert.deepEqual(found(routesProbe), [
      'error domains-through-services → src/registry/registry.repository.ts',
      'error web-through-services → src/registry/registry.repository.ts',
    ]);
  } finally {
    rmSync(join(root, repositoryProbe), { force: true });
    rmSync(join(root, routesProbe), { force: true });
  }
});

test('every exception to table ownership names a decision record that exists, or is a TODO(owner)', () => {
  assert.deepEqual(findExceptionsWithoutRecord(root), []);
});

test('the table owners come from the *.table.ts files that declare the row types in db/database.ts', () => {
  const owners = readTableOwners(readSourceFiles(root));
  assert.equal(owners.get('survey_response'), 'surveys');
  assert.equal(owners.get('organization'), 'registry');
  assert.equal(owners.get('outbound_message'), 'mail');
});

test('the table-owner check flags a folder that writes or reads a table it does not own', () => {
  const probe = {
    path: 'src/mail/probe.repository.ts',
    text: [
      "await trx.insertInto('survey_response').values(row).execute();",
      "await db.selectFrom('outbound_message').selectAll().execute();",
      'await sql`SELECT w.id FROM wave w JOIN survey_case c ON c.wave_id = w.id`.execute(db);',
    ].join('\n'),
  };
  const violations = checkTableOwners([...readSourceFiles(root), probe]).violations.filter(
    (violation) => violation.file === probe.path,
  );
  assert.deepEqual(
    violations.map((violation) => `${violation.line} ${violation.access} ${violation.table} (${violation.owner})`),
    ['1 write survey_response (surveys)', '3 read wave (surveys)', '3 read survey_case (surveys)'],
  );
});

test('an exception allows only what it names: the finder reads the registry (decision 005), never writes it', () => {
  const finderRepository = {
    path: 'src/finder/probe.repository.ts',
    text: "db.selectFrom('organization').selectAll();\ndb.updateTable('organization').set({ name: 'x' });",
  };
  const violations = checkTableOwners([...readSourceFiles(root), finderRepository]).violations.filter(
    (violation) => violation.file === finderRepository.path,
  );
  assert.deepEqual(
    violations.map((violation) => `${violation.line} ${violation.access} ${violation.table}`),
    ['2 write organization'],
  );
});

test('raw SQL: writes by keyword; columns, functions and unknown names are not tables', () => {
  const known = new Set(['wave', 'survey_case', 'analysis_answer_count']);
  const text = [
    'sql`',
    '  INSERT INTO analysis_answer_count (wave_id) SELECT id FROM jsonb_each(${answers})',
    '  ON CONFLICT (wave_id) DO UPDATE SET count = analysis_answer_count.count + 1',
    '  WHERE EXTRACT(year FROM wave.opened_at) > 2000 AND x IN (${sql`SELECT 1 FROM wave`})',
    '`',
    'sql`DELETE FROM "survey_case" WHERE id = 1`',
  ].join('\n');
  assert.deepEqual(
    findTableUses(text, known).map((use) => `${use.line} ${use.access} ${use.table}`),
    ['2 write analysis_answer_count', '4 read wave', '6 write survey_case'],
  );
});
