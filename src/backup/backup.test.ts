// Backup and restore (issue 16 item 5), erasure reaching backups, and "nowhere in clear" (issue 12 item 1), with
// the real app as a child process and the real CLI as further processes, on the database this suite runs on.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import { openDatabase, openPostgres, type DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/database.js';
import { readPeople } from '../people/person.service.js';
import { SealError, unwrapDataKey } from '../privacy/envelope.js';
import { useErasureLedger } from '../privacy/erasure-ledger.js';
import { createKeyMaterial, keyringFrom } from '../privacy/keyring.js';
import { openTestDatabase } from '../testing/test-database.js';
import { freePort } from '../testing/free-port.js';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
const postgresUrl = process.env.TEST_DATABASE_URL;
const material = createKeyMaterial();
const keyring = keyringFrom(material);
const ledgerPath = join(work, 'erased-keys.txt');
const sourceDirectory = join(work, 'source');
const letters = () => Array.from({ length: 6 }, () => 'bcdfghjklmnprstvz'[randomInt(17)]).join('');
// Names and codes nobody else uses, to be searched for everywhere afterwards.
const people = Array.from({ length: 3 }, () => ({
  given: `Ksenofonts${letters()}`,
  family: `Zvaigznīte${letters()}`,
  code: `${String(randomInt(10, 28))}0${randomInt(1, 9)}8${randomInt(0, 9)}-${String(randomInt(10_000, 99_999))}`,
  id: '',
}));

let environment: NodeJS.ProcessEnv;
let app: ChildProcess;
let appOutput = '';
let appExit: Promise<number | null>;
let baseUrl: string;
let source: DatabaseHandle;
let sourceTestDatabase: DatabaseHandle | undefined;
const extraDatabases: string[] = [];
let token: string;
let serviceOrganizationId: string;

type CliResult = { code: number; stdout: string; stderr: string };
function runAtlas(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin/atlas.js'), ...args],
      { cwd: root, env: { ...environment, ...extra }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A database URL on the test server for a database name. */
function urlFor(name: string): string {
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty PostgreSQL database (not from the migrated template): what `atlas restore` expects. */
async function createEmptyDatabase(): Promise<string> {
  const name = `atlas_restore_${process.pid}_${extraDatabases.length}_${randomInt(1e6)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  extraDatabases.push(name);
  return urlFor(name);
}

/** Where a restore goes: a new data folder, or a new empty database. */
async function freshTarget(label: string): Promise<NodeJS.ProcessEnv> {
  if (postgresUrl) return { DATABASE_URL: await createEmptyDatabase() };
  return { DATA_DIR: join(work, label) };
}

async function openTarget(target: NodeJS.ProcessEnv): Promise<DatabaseHandle> {
  if (target.DATABASE_URL) return openPostgres(target.DATABASE_URL);
  return openDatabase({ dataDirectory: target.DATA_DIR! });
}

/** Every row of every table as text, sorted (schema_migration: names only, its times are the restore's). */
async function snapshot(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname`.execute(db);
  const result = new Map<string, string[]>();
  for (const { name } of tables.rows) {
    const query =
      name === 'schema_migration'
        ? sql<{ row: string }>`SELECT name AS row FROM schema_migration ORDER BY 1`
        : sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t ORDER BY 1`;
    result.set(
      name,
      (await query.execute(db)).rows.map((row) => row.row),
    );
  }
  return result;
}

async function post(path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(response.status < 300, `${path}: ${response.status}`);
  return (await response.json()) as { id: string };
}

before(async () => {
  const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...inherited } = process.env;
  environment = {
    ...inherited,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    ATLAS_KEYS: JSON.stringify(material),
    ATLAS_ERASURE_LEDGER: ledgerPath,
    DATA_DIR: sourceDirectory,
  };
  if (postgresUrl) {
    sourceTestDatabase = await openTestDatabase();
    const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(sourceTestDatabase.db))
      .rows[0]!.name;
    environment.DATABASE_URL = urlFor(name);
  }
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...environment, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (chunk) => (appOutput += chunk));
  app.stderr?.on('data', (chunk) => (appOutput += chunk));
  appExit = new Promise((done) => app.once('exit', (code) => done(code)));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app stopped before it was ready:\n${appOutput}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the app did not answer /healthz:\n${appOutput}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
  // The test's own connection: the app's socket on the embedded database (decision 008), or the server.
  source = postgresUrl
    ? openPostgres(environment.DATABASE_URL!)
    : await openDatabase({ dataDirectory: sourceDirectory });
  // The demonstration data is loaded in the background at the first start: wait for a service to refer to.
  let service: { organization_id: string | null } | undefined;
  while (!service) {
    service = await source.db
      .selectFrom('service')
      .select('organization_id')
      .where('organization_id', 'is not', null)
      .executeTakeFirst();
    if (!service) await new Promise((wait) => setTimeout(wait, 500));
  }
  serviceOrganizationId = service.organization_id!;
  const referrer = await createAccountForTest(source.db, { role: 'referrer' });
  token = (await createApiToken(source.db, referrer.id, 'backup test', null)).token;
  for (const person of people) {
    person.id = (
      await post('/api/v1/people', {
        given_name: person.given,
        family_name: person.family,
        personal_code: person.code,
        language: 'lv',
      })
    ).id;
    await post(`/api/v1/people/${person.id}/consents`, {
      recipients: [service.organization_id],
      categories: ['identity', 'needs'],
      purpose: 'referral',
      method: 'signed_paper',
      evidence: `Signed by ${person.given} ${person.family}`,
      expires_on: '2099-01-01',
    });
  }
});

after(async () => {
  await source?.close().catch(() => undefined);
  if (app.exitCode === null) app.kill('SIGKILL');
  await sourceTestDatabase?.close();
  if (postgresUrl && extraDatabases.length > 0) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    for (const name of extraDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  useErasureLedger(undefined);
  rmSync(work, { recursive: true, force: true });
});

const runningBackup = join(work, 'while-running.atlas.gz');
const quietBackup = join(work, 'quiet.atlas.gz');

test('a backup made while the app runs and writes, restored elsewhere, opens with the same keys', async () => {
  // Writes go on while the backup reads: the backup holds one moment (its counts are checked on restore).
  let writing = true;
  const writes = (async () => {
    let count = 0;
    while (writing && count < 40) {
      await post(`/api/v1/people/${people[0]!.id}/consents`, {
        recipients: [serviceOrganizationId],
        categories: ['identity', 'needs'],
        purpose: 'referral',
        method: 'signed_paper',
        expires_on: '2099-01-01',
      });
      count += 1;
    }
  })();
  const backup = await runAtlas(['backup', runningBackup]);
  writing = false;
  await writes;
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /Backup written: .*\d+ tables, \d+ rows/);
  assert.equal(statSync(runningBackup).mode & 0o777, 0o600);

  // An erasure after the backup: the erasure ledger (beside the keys) remembers the data key.
  const erased = people[1]!;
  const erasure = await runAtlas(['people', 'erase', erased.id, '--reason', 'test']);
  assert.equal(erasure.code, 0, erasure.stderr);
  const listed = readFileSync(ledgerPath, 'utf8');
  const erasedKey = await source.db
    .selectFrom('person')
    .select('data_key_id')
    .where('id', '=', erased.id)
    .executeTakeFirstOrThrow();
  assert.ok(listed.includes(erasedKey.data_key_id), 'the erased key is in the ledger');
  assert.doesNotMatch(listed, new RegExp(erased.given));

  const target = await freshTarget('restored-running');
  const restore = await runAtlas(['restore', runningBackup], target);
  assert.equal(restore.code, 0, `${restore.stdout}\n${restore.stderr}`);
  assert.match(restore.stdout, /counts checked\), audit trail verified/);
  assert.match(restore.stdout, /1 people erased since the backup were erased again/);
  const restored = await openTarget(target);
  try {
    const opened = await readPeople(
      restored.db,
      keyring,
      people.map((person) => person.id),
      {
        accountId: null,
        purpose: 'test',
      },
    );
    assert.equal(opened.get(people[0]!.id)?.givenName, people[0]!.given);
    assert.equal(opened.get(people[0]!.id)?.personalCode, people[0]!.code);
    assert.equal(opened.get(people[2]!.id)?.familyName, people[2]!.family);
    // The backup was made before the erasure; restored, the person is erased all the same.
    assert.equal(opened.get(erased.id)?.erased, true);
    assert.equal(opened.get(erased.id)?.givenName, null);
    const key = await restored.db
      .selectFrom('data_key')
      .select('wrapped_key')
      .where('id', '=', erasedKey.data_key_id)
      .executeTakeFirstOrThrow();
    assert.equal(key.wrapped_key, null);
  } finally {
    await restored.close();
  }

  // And the old file's wrapped key, with today's keys: the keyring refuses it once the ledger lists it.
  const oldKey = gunzipSync(readFileSync(runningBackup))
    .toString('utf8')
    .split('\n')
    .find((line) => line.startsWith(`["${erasedKey.data_key_id}"`));
  const wrapped = (JSON.parse(oldKey!) as string[])[1]!;
  assert.equal(unwrapDataKey(keyring, erasedKey.data_key_id, wrapped).id, erasedKey.data_key_id);
  useErasureLedger(ledgerPath);
  assert.throws(
    () => unwrapDataKey(keyring, erasedKey.data_key_id, wrapped),
    (error: unknown) => error instanceof SealError && error.reason === 'erased',
  );
  useErasureLedger(undefined);

  const again = await runAtlas(['restore', runningBackup], target);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /not empty/);
});

test('with the app stopped, backup then restore reproduces every table exactly', async () => {
  await source.close();
  app.kill('SIGTERM');
  assert.equal(await appExit, 0, appOutput);
  const backup = await runAtlas(['backup', quietBackup]);
  assert.equal(backup.code, 0, backup.stderr);
  const target = await freshTarget('restored-quiet');
  // No ledger here: the copy must be exact (the erasure above is in both already).
  const restore = await runAtlas(['restore', quietBackup], { ...target, ATLAS_ERASURE_LEDGER: join(work, 'none.txt') });
  assert.equal(restore.code, 0, `${restore.stdout}\n${restore.stderr}`);
  const original = postgresUrl
    ? openPostgres(environment.DATABASE_URL!)
    : await openDatabase({ dataDirectory: sourceDirectory });
  const restored = await openTarget(target);
  try {
    const expected = await snapshot(original.db);
    const actual = await snapshot(restored.db);
    assert.deepEqual([...actual.keys()], [...expected.keys()]);
    for (const [table, rows] of expected) assert.deepEqual(actual.get(table), rows, `table ${table}`);
    assert.ok((expected.get('audit_event')?.length ?? 0) > 10);
    assert.ok((expected.get('person')?.length ?? 0) >= people.length);
    // Sequences moved on: the next sign-in attempt gets a new id.
    const next = await sql<{
      id: string;
    }>`SELECT nextval(pg_get_serial_sequence('login_attempt', 'id'))::text AS id`.execute(restored.db);
    const largest = await sql<{ id: string | null }>`SELECT max(id)::text AS id FROM login_attempt`.execute(
      restored.db,
    );
    assert.ok(Number(next.rows[0]!.id) > Number(largest.rows[0]!.id ?? 0));
  } finally {
    await original.close();
    await restored.close();
  }
});

/** Every place a string could be found: [where, bytes]. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

test('nowhere in clear: no name or personal code in the database files, a table dump, a backup or the log', async () => {
  const needles = people.flatMap((person) => [person.given, person.family, person.code, person.code.replace('-', '')]);
  const haystacks: { where: string; bytes: Buffer }[] = [];
  if (postgresUrl) {
    const database = openPostgres(environment.DATABASE_URL!);
    try {
      const dump = await snapshot(database.db);
      haystacks.push({
        where: 'every row of every table as text',
        bytes: Buffer.from([...dump.values()].flat().join('\n')),
      });
    } finally {
      await database.close();
    }
  } else {
    // The app stopped cleanly (a checkpoint); its WAL is among these files too.
    const files = filesUnder(join(sourceDirectory, 'pglite'));
    assert.ok(
      files.some((file) => file.includes('pg_wal')),
      'the WAL is searched too',
    );
    for (const file of files) haystacks.push({ where: file, bytes: readFileSync(file) });
  }
  for (const file of [runningBackup, quietBackup])
    haystacks.push({ where: file, bytes: gunzipSync(readFileSync(file)) });
  haystacks.push({ where: 'the app log', bytes: Buffer.from(appOutput) });
  assert.ok(appOutput.length > 0);
  // The search itself works: a subject-access export (opened on purpose, for the DPO) holds the name in clear.
  const exported = await runAtlas(['people', 'export', people[0]!.id]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.ok(Buffer.from(exported.stdout).includes(Buffer.from(people[0]!.given, 'utf8')));
  for (const needle of needles) {
    for (const haystack of haystacks) {
      assert.equal(haystack.bytes.includes(Buffer.from(needle, 'utf8')), false, `${needle} found in ${haystack.where}`);
    }
  }
});
