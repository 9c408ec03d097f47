// Several app processes on one PostgreSQL (README "Several app processes"; issue 16, item 4): two real `npm start`
// processes started at the same moment on one empty database, sharing DATA_DIR as processes on one server do.
// Shows that start-up (migrations, demonstration data) is safe to race, that a session made on one works on the
// other, that a registry change reaches both finders within a second, and that each queued mail goes out once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { loadConfig, type Config } from '../config.js';
import { openPostgres, type DatabaseHandle } from '../db/connection.js';
import { insertFinderTestServices, testTerritories } from '../finder/finder.fixtures.js';
import { queueMessage, requestDelivery } from '../mail/mail.service.js';
import { startSmtpServer, type ReceivedMail } from '../mail/testing.js';
import { createKeyMaterial } from '../privacy/keyring.js';
import { createApp } from './app.js';
import { freePort } from '../testing/free-port.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const root = resolve(import.meta.dirname, '../..');
const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-two-processes-'));
const processes: Array<{ child: ChildProcess; url: string; output: string[] }> = [];
let databaseUrl = '';
let databaseName = '';
let handle: DatabaseHandle | undefined;
let config: Config;
let received: ReceivedMail[] = [];
let closeSmtp: (() => void) | undefined;

async function waitUntilHealthy(entry: (typeof processes)[number]): Promise<void> {
  // Two processes migrate and load the demonstration data at once on a busy machine: allow them time.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (entry.child.exitCode !== null) throw new Error(`an app process stopped:\n${entry.output.join('')}`);
    const healthy = await fetch(`${entry.url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    if (Date.now() > deadline) throw new Error(`no answer on /healthz:\n${entry.output.join('')}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

before(async () => {
  if (!adminUrl) return;
  const smtp = await startSmtpServer();
  received = smtp.received;
  closeSmtp = () => smtp.server.close();
  databaseName = `atlas_two_processes_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // An empty database, not the migrated test template: both processes race to migrate it.
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  const environment = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDirectory,
    ATLAS_KEYS: JSON.stringify(createKeyMaterial()),
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'atlas@example.lv',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
  };
  config = loadConfig(environment);
  for (let count = 0; count < 2; count++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...environment, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { child, url: `http://127.0.0.1:${port}`, output: [] as string[] };
    child.stdout?.on('data', (chunk: Buffer) => entry.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => entry.output.push(chunk.toString()));
    processes.push(entry);
  }
  await Promise.all(processes.map(waitUntilHealthy));
  handle = openPostgres(databaseUrl);
});

after(async () => {
  for (const { child } of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await handle?.close();
  closeSmtp?.();
  if (databaseName && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dataDirectory, { recursive: true, force: true });
});

const skip = adminUrl ? false : 'needs PostgreSQL: the embedded database belongs to one process (decision 008)';

test('both processes started at once on an empty database: one set of demonstration data', { skip }, async () => {
  const [first, second] = processes;
  const counts = await Promise.all(
    [first, second].map(async (entry) => {
      const response = await fetch(`${entry!.url}/hsds/services?per_page=1`);
      assert.equal(response.status, 200);
      return ((await response.json()) as { total_items: number }).total_items;
    }),
  );
  const stored = await handle!.db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(stored.count) > 0, 'demonstration services loaded');
  assert.deepEqual(counts, [Number(stored.count), Number(stored.count)], 'loaded once, seen alike by both');
});

test('a session made through one process is honoured by the other', { skip }, async () => {
  const account = await createAccountForTest(handle!.db, { role: 'administrator' });
  const app = createApp({ db: handle!.db, config });
  const session = await signInForTest(app, handle!.db, account);
  for (const entry of processes) {
    const page = await fetch(`${entry.url}/staff/institutions`, {
      headers: { cookie: session.cookie },
      redirect: 'manual',
    });
    assert.equal(page.status, 200, `signed in on ${entry.url}`);
  }
  const anonymous = await fetch(`${processes[1]!.url}/staff/institutions`, { redirect: 'manual' });
  assert.notEqual(anonymous.status, 200, 'and without the cookie, no staff page');
});

test('a registry change reaches both processes’ finders within a second', { skip }, async () => {
  const name = `Patversme ${Date.now().toString(36)}`;
  const finds = (entry: (typeof processes)[number]) =>
    fetch(`${entry.url}/api/v1/finder/services?q=${encodeURIComponent(name)}&lang=lv`)
      .then((response) => response.json() as Promise<{ eligible: Array<{ name: string }> }>)
      .then((body) => body.eligible.some((service) => service.name === name));
  assert.deepEqual(await Promise.all(processes.map(finds)), [false, false]);
  await insertFinderTestServices(handle!.db, [
    { name, helpTypes: ['shelter'], territoryCodes: [testTerritories.daugavpils] },
  ]);
  const committedAt = performance.now();
  const seenAfter = await Promise.all(
    processes.map(async (entry) => {
      while (!(await finds(entry))) {
        if (performance.now() - committedAt > 10_000) return Infinity;
        await new Promise((wait) => setTimeout(wait, 25));
      }
      return performance.now() - committedAt;
    }),
  );
  for (const milliseconds of seenAfter) assert.ok(milliseconds <= 1000, `seen after ${Math.round(milliseconds)} ms`);
});

test('mail queued once is delivered once, with two processes running jobs', { skip }, async () => {
  const count = 12;
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const message = await queueMessage(handle!.db, config, {
      purpose: 'test',
      to: `reader${index}@example.lv`,
      subject: `Test ${index}`,
      text: 'A test message.',
      language: 'en',
    });
    ids.push(message.id);
  }
  // Delivery is the mail.deliver job; this process asks too, as the app does after a commit.
  requestDelivery(handle!.db, config);
  const deadline = Date.now() + 90_000;
  const ours = () => received.filter((mail) => ids.some((id) => mail.data.includes(id)));
  while (ours().length < count && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 200));
  // Both processes' job runners poll every 5 s: wait out one more round for any duplicate.
  await new Promise((wait) => setTimeout(wait, 6_000));
  const perMessage = ids.map((id) => ours().filter((mail) => mail.data.includes(id)).length);
  assert.deepEqual(
    perMessage,
    ids.map(() => 1),
  );
});
