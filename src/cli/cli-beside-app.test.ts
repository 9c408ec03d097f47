// `npx atlas` while `npm start` runs on the embedded database (docs/decisions/008-cli-beside-the-app.md): the real
// app as a child process, the real CLI as further processes, one temporary DATA_DIR.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../db/connection.js';
import { socketDirectory, socketPath } from '../db/database-socket.js';
import { freePort } from '../testing/free-port.js';

const root = resolve(import.meta.dirname, '../..');
const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-cli-app-'));
// The test runner's own database settings are not the app's: the app opens DATA_DIR.
const { DATABASE_URL: _unused, ...inherited } = process.env;
const environment = { ...inherited, DATA_DIR: dataDirectory, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
const password = 'a long password for the first administrator';

let app: ChildProcess;
let appExit: Promise<number | null>;
let appOutput = '';

type CliResult = { code: number; stdout: string; stderr: string };
function runAtlas(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin/atlas.js'), ...args],
      { cwd: root, env: { ...environment, ...extra } },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const appPid = () => Number(readFileSync(join(dataDirectory, 'atlas.lock'), 'utf8').split(/\s+/)[0]);

before(async () => {
  const port = await freePort();
  app = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...environment, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (chunk) => (appOutput += chunk));
  app.stderr?.on('data', (chunk) => (appOutput += chunk));
  appExit = new Promise((done) => app.once('exit', (code) => done(code)));
  // A new data directory: initdb, migrations and the demonstration data take a while on a busy machine.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app stopped before it was ready:\n${appOutput}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the app did not answer /healthz:\n${appOutput}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
});

after(async () => {
  if (app.exitCode === null) {
    if (existsSync(join(dataDirectory, 'atlas.lock'))) process.kill(appPid(), 'SIGKILL');
    app.kill('SIGKILL');
  }
  rmSync(dataDirectory, { recursive: true, force: true });
});

test('the app serves its database on an owner-only socket inside DATA_DIR', () => {
  assert.equal(statSync(socketDirectory(dataDirectory)).mode & 0o777, 0o700);
  assert.equal(statSync(socketPath(dataDirectory)).mode & 0o777, 0o600);
});

test('while the app runs, `atlas users create-admin` creates the account, and a second command sees it', async () => {
  const created = await runAtlas(
    ['users', 'create-admin', '--email', 'first.admin@example.lv', '--name', 'First Admin'],
    { ATLAS_ADMIN_PASSWORD: password },
  );
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout.trim(), /^[0-9a-f-]{36}$/);
  const listed = await runAtlas(['users', 'list']);
  assert.equal(listed.code, 0, listed.stderr);
  const row = listed.stdout.split('\n').find((line) => line.startsWith(created.stdout.trim()));
  assert.deepEqual(row?.split('\t').slice(1, 4), ['first.admin@example.lv', 'administrator', 'active']);
  // npm start on an empty database loaded the demonstration data, the 2004 wave included.
  const waves = await runAtlas(['waves', 'list']);
  assert.match(waves.stdout, /^lv-2004\tclosed\t/m);
});

test('a wrong option gets one line and the usage, not a stack trace', async () => {
  const wrong = await runAtlas(['users', 'create-admin', '--email', 'x@example.lv', '--nmae', 'X']);
  assert.equal(wrong.code, 2);
  assert.deepEqual(wrong.stderr.trim().split('\n'), [
    'Unknown option --nmae.',
    'Usage: npx atlas users create-admin --email <e-mail> --name "<name>"',
  ]);
  const missing = await runAtlas(['users', 'create-admin', '--email']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.split('\n')[0], '--email needs a value.');
});

test('the app stops cleanly: socket and lock gone; the CLI then opens the data directory itself', async () => {
  process.kill(appPid(), 'SIGTERM');
  assert.equal(await appExit, 0, appOutput);
  assert.equal(existsSync(socketPath(dataDirectory)), false, 'socket removed');
  assert.equal(existsSync(join(dataDirectory, 'atlas.lock')), false, 'lock released');
  const listed = await runAtlas(['users', 'list']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /\tfirst\.admin@example\.lv\tadministrator\t/);
  const database = await openDatabase({ dataDirectory });
  try {
    const account = await database.db
      .selectFrom('account')
      .select(['role', 'display_name'])
      .where('email', '=', 'first.admin@example.lv')
      .executeTakeFirst();
    assert.deepEqual(account, { role: 'administrator', display_name: 'First Admin' });
  } finally {
    await database.close();
  }
});
