// Speed of the service finder (issue 5, item 8). Generates a registry, builds the in-memory index, runs a mixed
// query set, measures HTTP throughput of the JSON API against a hello-world Hono server in the same run, and the
// compressed size of a results page. Prints each figure beside its target.
//
//   npx tsx --expose-gc --max-old-space-size=12288 bench/finder.ts [--services 100000] [--large 1000000] [--seconds 12] [--queries 5000]
//   (the heap flag is for the million: its generated rows and the index being built from them share one heap)
//   BENCH_DATABASE_URL=postgres://… npx tsx --expose-gc bench/finder.ts     (the 100k database path on PostgreSQL)
//   npx tsx --expose-gc bench/finder.ts --no-database                 (generated rows only: no database, no HTTP)
//   npx tsx --expose-gc bench/finder.ts --large 0 --no-http           (the 100k database path and the restart only)
//   … --no-restart                                                    (leaves out the restart measurement)
//
// 100 000 services go through the database: written into the registry tables, then read and indexed by the same
// code the app runs (buildFinderIndexFromDatabase), and served over HTTP by the real app. 1 000 000 services are
// generated as rows of the same shape the repository returns and fed to the same builder (buildFinderIndex):
// writing a million services through the database would take longer than the rest of the run together.
// --large 0 skips that part.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../src/config.js';
import { sql } from 'kysely';
import { openDatabase, openPostgres, type DatabaseHandle } from '../src/db/connection.js';
import { benchPostgresUrl, openThrowawayPostgres } from './bench-database.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { createApp } from '../src/http/app.js';
import { serveApp } from '../src/http/server.js';
import { translatorFor } from '../src/core/i18n.js';
import { logger } from '../src/core/logger.js';
import { helpTypeCodes, type HelpTypeCode } from '../src/registry/help-types.js';
import { generateRegistry, pick, random, writeRegistry } from './finder-registry.js';
import { listTerritories, type Territory } from '../src/territories/territory.service.js';
import { latvianWeekTime } from '../src/core/dates.js';
import { buildFinderIndex, type FinderIndex } from '../src/finder/finder-index.js';
import { finderSnapshotKept, getFinderIndex } from '../src/finder/finder-index-cache.js';
import { readFinderSnapshot } from '../src/finder/finder-snapshot.js';
import {
  parseFinderSourceTexts,
  selectFinderSourceRows,
  selectRegistryRevision,
} from '../src/finder/finder.repository.js';
import { needWordsForIndex } from '../src/finder/finder.messages.js';
import { renderFinderResponseJson } from '../src/finder/finder.output.js';
import { findServices, type FinderQuery } from '../src/finder/finder.service.js';
import { finderApiRoutes } from '../src/finder/finder.routes.js';
import type { AppEnvironment } from '../src/http/context.js';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const serviceCount = Number(argument('services', '100000'));
const largeCount = Number(argument('large', '1000000'));
const loadSeconds = Number(argument('seconds', '10'));
const queryCount = Number(argument('queries', '5000'));
const withDatabase = !process.argv.includes('--no-database');
// Share of services that also have Russian and English texts (issue 14): 0 keeps the figures comparable with runs
// from before translations existed; 1 is a fully translated registry. Generated rows only (the database loader
// writes Latvian texts).
const translatedShare = Number(argument('translated', '0'));
logger.setLevel('warn');

// ---- the database path ------------------------------------------------------------------------------------------

// On PGlite the registry lives in a data folder, as the app keeps it, so a restart can open it again.
const benchDataDirectory = `/tmp/atlas-finder-bench-${process.pid}`;
// The throwaway database bench-database.ts makes on the BENCH_DATABASE_URL server, for the restarted app to open.
const benchDatabaseUrl = (() => {
  if (!benchPostgresUrl) return undefined;
  const target = new URL(benchPostgresUrl);
  target.pathname = `/atlas_finder_bench_${process.pid}`;
  return target.toString();
})();

async function openBenchDatabase(): Promise<DatabaseHandle & { label: string }> {
  const url = benchPostgresUrl;
  if (!url) {
    const handle = await openDatabase({ dataDirectory: benchDataDirectory });
    return { ...handle, label: `PGlite (data folder ${benchDataDirectory})` };
  }
  return openThrowawayPostgres(url, 'atlas_finder_bench');
}

/** A new handle on the bench's data, as a restarted process opens it. */
const reopenBenchDatabase = (): Promise<DatabaseHandle> =>
  benchDatabaseUrl
    ? Promise.resolve(openPostgres(benchDatabaseUrl))
    : openDatabase({ dataDirectory: benchDataDirectory });

// ---- ready after a restart (issue 16, item 9) -----------------------------------------------------------------------

const cpuMilliseconds = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

/**
 * A restart in this process: a new database handle on the existing data, migrations checked (as every start does),
 * then the time until getFinderIndex resolves; with or without the snapshot of the current revision.
 */
async function measureRestartInProcess(withSnapshot: boolean): Promise<string> {
  if (!withSnapshot) {
    const handle = await reopenBenchDatabase();
    await handle.db.deleteFrom('finder_snapshot').execute();
    await handle.close();
  }
  collectGarbage();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const handle = await reopenBenchDatabase();
  const opened = performance.now();
  await prepareDatabase(handle.db);
  const prepared = performance.now();
  const index = await getFinderIndex(handle.db);
  const ready = performance.now();
  const cpu = cpuMilliseconds(process.cpuUsage(cpuBefore));
  let kept = '';
  if (!withSnapshot) {
    await finderSnapshotKept(handle.db);
    const size = await handle.db
      .selectFrom('finder_snapshot')
      .select(sql<number>`length(content)`.as('bytes'))
      .execute();
    kept = `; then the snapshot kept in the background in ${((performance.now() - ready) / 1000).toFixed(1)} s, ${megabytes(size[0]?.bytes ?? 0)} compressed`;
  }
  await handle.close();
  return `${((ready - started) / 1000).toFixed(1)} s (CPU ${(cpu / 1000).toFixed(1)} s; open ${((opened - started) / 1000).toFixed(1)} s, migrations checked ${((prepared - opened) / 1000).toFixed(1)} s, index ${((ready - prepared) / 1000).toFixed(1)} s for ${index.services.length.toLocaleString('en-US')} services${kept})`;
}

/** The two ways to the builder's rows, alone: the tables (as JSON texts, parsed) and the snapshot (unpacked, parsed). */
async function measureReads(): Promise<string> {
  const handle = await reopenBenchDatabase();
  await selectRegistryRevision(handle.db);
  const time = async (read: () => Promise<unknown>) => {
    collectGarbage();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await read();
    return `${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${(cpuMilliseconds(process.cpuUsage(cpuBefore)) / 1000).toFixed(1)} s)`;
  };
  const fromTables = await time(() => selectFinderSourceRows(handle.db));
  const fromSnapshot = await time(async () => {
    const texts = await readFinderSnapshot(handle.db);
    if (!texts) throw new Error('no snapshot of the current revision');
    return parseFinderSourceTexts(texts);
  });
  await handle.close();
  return `from the tables ${fromTables}, from the snapshot ${fromSnapshot}`;
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * A restart as it happens: the real app (src/main.ts) started as a new process on the existing data; the time from
 * the spawn until the finder API answers a question with 200 (before that, refused connections, then a request
 * that waits for the first index).
 */
async function measureRestartOfTheApp(withSnapshot: boolean, path: string): Promise<string> {
  if (!withSnapshot) {
    const handle = await reopenBenchDatabase();
    await handle.db.deleteFrom('finder_snapshot').execute();
    await handle.close();
  }
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: benchDataDirectory,
    LOG_LEVEL: 'info',
  };
  delete environment.DATABASE_URL;
  if (benchDatabaseUrl) environment.DATABASE_URL = benchDatabaseUrl;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const marks: string[] = [];
  const onLine = (text: string) => {
    output += text;
    for (const line of text.split('\n')) {
      const at = ((performance.now() - started) / 1000).toFixed(1);
      if (line.includes('"database opened"')) marks.push(`database open at ${at} s`);
      if (line.includes('is listening on')) marks.push(`listening at ${at} s`);
      const built = /"finder index built".*"from":"(\w+)","ms":(\d+)/.exec(line);
      if (built) marks.push(`index from the ${built[1]} in ${(Number(built[2]) / 1000).toFixed(1)} s, done at ${at} s`);
    }
  };
  child.stdout.setEncoding('utf8').on('data', onLine);
  child.stderr.setEncoding('utf8').on('data', onLine);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let ready: number | undefined;
  let cpu: number | undefined;
  while (ready === undefined) {
    if (child.exitCode !== null) throw new Error(`the app stopped before it answered:\n${output}`);
    if (performance.now() - started > 180_000) throw new Error(`the app did not answer within 3 minutes:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      await response.arrayBuffer();
      if (response.status === 200) {
        ready = performance.now();
        cpu = processCpuSeconds(child.pid!);
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  child.kill('SIGTERM');
  await exited;
  return `${((ready - started) / 1000).toFixed(1)} s${cpu === undefined ? '' : ` (the app's CPU ${cpu.toFixed(1)} s)`}; ${marks.join(', ')}`;
}

// ---- the query set ----------------------------------------------------------------------------------------------

// As people type them: with and without diacritics, capitals, other word forms, Russian and English.
const TYPED_KEYWORDS = [
  'patversme',
  'patversmes',
  'PATVERSMĒ',
  'patversmi',
  'naktsmajas',
  'zupa',
  'pase',
  'pases',
  'ID karte',
  'juridiska palidziba',
  'juristu',
  'jurists',
  'darbs',
  'darba meklesana',
  'darbu',
  'kursi',
  'dzivoklis',
  'dzīvokli',
  'alkohola',
  'anonimie alkoholiki',
  'narkotiku atkariba',
  'metadons',
  'psihologs',
  'psihologa',
  'krizes centrs',
  'pabalsts',
  'pabalstu',
  'bez maksas',
  'rezekne',
  'Rīgā',
  'daugavpils',
  'приют',
  'юрист',
  'работа',
  'shelter',
  'lawyer',
];

function generateQueries(count: number, territories: readonly Territory[]): FinderQuery[] {
  const current = territories.filter((territory) => territory.isCurrent);
  const municipalities = current.filter((territory) => territory.level === 1);
  const queries: FinderQuery[] = [];
  for (let index = 0; index < count; index++) {
    const needs = new Set<HelpTypeCode>([pick(helpTypeCodes)]);
    const needCount = 1 + Math.floor(random() * 3);
    while (needs.size < needCount) needs.add(pick(helpTypeCodes));
    queries.push({
      needs: [...needs],
      territoryCode: pick(current).code,
      residenceCode: pick(municipalities).code,
      keywords: random() < 0.4 ? pick(TYPED_KEYWORDS) : undefined,
      limit: 20,
      offset: 0,
    });
  }
  return queries;
}

const percentile = (sorted: readonly number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
const milliseconds = (value: number) => `${value.toFixed(3)} ms`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** Server time per query: the search, the JSON text (all the finder does but HTTP); search alone; keyword queries apart. */
function measureQueries(index: FinderIndex, queries: readonly FinderQuery[]) {
  const t = translatorFor('lv');
  const now = latvianWeekTime(new Date());
  const run = (query: FinderQuery) => {
    const started = performance.now();
    const result = findServices(index, query);
    const searched = performance.now();
    const parameters = {
      needs: [...query.needs],
      territory: query.territoryCode,
      residence: query.residenceCode,
      q: query.keywords,
      limit: query.limit,
      offset: query.offset,
    };
    renderFinderResponseJson(result, parameters, index, 'lv', t, now);
    return {
      total: performance.now() - started,
      search: searched - started,
      found: result.totalEligible + result.totalNotEligible,
    };
  };
  for (const query of queries.slice(0, Math.min(1000, queries.length))) run(query);
  const totals: number[] = [];
  const searches: number[] = [];
  const withWords: number[] = [];
  const withoutWords: number[] = [];
  let found = 0;
  const bestOfFive: number[] = [];
  for (const query of queries) {
    const timing = run(query);
    // The same query four more times: its fastest run is its cost without waiting for a CPU other work holds.
    let best = timing.total;
    for (let repeat = 0; repeat < 4; repeat++) best = Math.min(best, run(query).total);
    bestOfFive.push(best);
    totals.push(timing.total);
    searches.push(timing.search);
    (query.keywords === undefined ? withoutWords : withWords).push(timing.total);
    found += timing.found;
  }
  for (const list of [totals, searches, withWords, withoutWords, bestOfFive]) list.sort((a, b) => a - b);
  return {
    p50: percentile(totals, 0.5),
    p99: percentile(totals, 0.99),
    searchP50: percentile(searches, 0.5),
    searchP99: percentile(searches, 0.99),
    wordsP50: percentile(withWords, 0.5),
    wordsP99: percentile(withWords, 0.99),
    noWordsP99: percentile(withoutWords, 0.99),
    bestP50: percentile(bestOfFive, 0.5),
    bestP99: percentile(bestOfFive, 0.99),
    meanResults: found / queries.length,
  };
}

const loadAverage = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} on ${cpus().length} cores`;

// ---- HTTP --------------------------------------------------------------------------------------------------------

async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Requests per second from wrk (2 threads, 50 connections), optionally cycling through paths with a Lua script. */
// Asynchronous on purpose: the servers under load run in this very process and must keep answering.
async function runWrk(url: string, seconds: number, script?: string, header?: string): Promise<number> {
  const { stdout: output } = await promisify(execFile)(
    '/usr/bin/wrk',
    ['-t2', '-c50', `-d${seconds}s`, ...(script ? ['-s', script] : []), ...(header ? ['-H', header] : []), url],
    { encoding: 'utf8' },
  );
  const match = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (errors) throw new Error(`wrk saw ${errors[1]} error responses:\n${output}`);
  return Number(match?.[1] ?? 0);
}

// wrk shares the two cores with the server, so its own work per request is kept small: the requests are formatted
// once per thread in init(), and request() only hands the next one out.
function writeWrkScript(paths: readonly string[]): string {
  const file = `/tmp/atlas-finder-bench-${process.pid}.lua`;
  const list = paths.map((path) => `"${path}"`).join(',\n');
  writeFileSync(
    file,
    `local paths = {\n${list}\n}\nlocal requests = {}\nlocal counter = 0\n` +
      `init = function(args)\n  for i, path in ipairs(paths) do requests[i] = wrk.format("GET", path) end\nend\n` +
      `request = function()\n  counter = counter + 1\n  if counter > #requests then counter = 1 end\n  return requests[counter]\nend\n`,
  );
  return file;
}

const toPath = (query: FinderQuery) => {
  const search = new URLSearchParams({
    needs: query.needs.join(','),
    territory: query.territoryCode!,
    residence: query.residenceCode!,
    lang: 'lv',
  });
  if (query.keywords) search.set('q', query.keywords);
  return `/api/v1/finder/services?${search.toString()}`;
};

// ---- the run -------------------------------------------------------------------------------------------------------

console.log(
  `Finder benchmark: ${serviceCount.toLocaleString('en-US')} services${withDatabase ? ' through the database' : ' (generated rows only)'}, ${largeCount.toLocaleString('en-US')} generated; ${queryCount} mixed queries each.`,
);
if (!(globalThis as { gc?: unknown }).gc)
  console.log('(run with `npx tsx --expose-gc` for exact index memory figures)');

const database = await openBenchDatabase();
await prepareDatabase(database.db);
const territories = await listTerritories(database.db, { includeHistorical: true });
const queries = generateQueries(queryCount, territories);

let started = performance.now();
const registry = generateRegistry(serviceCount, territories, translatedShare);
console.log(
  `\n[${serviceCount.toLocaleString('en-US')} services] generated in ${Math.round(performance.now() - started)} ms`,
);

// The builder alone (what blocks the event loop during a background rebuild), on the same rows.
collectGarbage();
let heapBefore = process.memoryUsage().heapUsed;
started = performance.now();
let index = await buildFinderIndex(registry, territories, needWordsForIndex());
const builderMilliseconds = performance.now() - started;
collectGarbage();
let indexBytes = process.memoryUsage().heapUsed - heapBefore;
let databaseBuildMilliseconds: number | undefined;

if (withDatabase) {
  console.log(`  writing to ${database.label} …`);
  started = performance.now();
  await writeRegistry(database.db, registry);
  console.log(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Drops the only reference, so the old index is collected before the database-built one is measured.
  // eslint-disable-next-line no-useless-assignment
  index = undefined as unknown as FinderIndex;
  collectGarbage();
  heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  index = await getFinderIndex(database.db);
  databaseBuildMilliseconds = performance.now() - started;
  // The build from the tables keeps a snapshot in the background: done before anything else is measured.
  await finderSnapshotKept(database.db);
  collectGarbage();
  indexBytes = process.memoryUsage().heapUsed - heapBefore;
}
const timing = measureQueries(index, queries);

if (databaseBuildMilliseconds !== undefined)
  console.log(`  index build from the database (read + build): ${(databaseBuildMilliseconds / 1000).toFixed(1)} s`);
console.log(`  index build, the builder alone (runs on the event loop): ${(builderMilliseconds / 1000).toFixed(2)} s`);
console.log(
  `  index memory: ${megabytes(indexBytes)} heap   (${index.listings.length.toLocaleString('en-US')} listings, ${index.postings.size.toLocaleString('en-US')} stems)`,
);
console.log(`  finder server time p50: ${milliseconds(timing.p50)}   target ≤ 0.5 ms   ${verdict(timing.p50 <= 0.5)}`);
console.log(`  finder server time p99: ${milliseconds(timing.p99)}   target ≤ 5 ms     ${verdict(timing.p99 <= 5)}`);
console.log(
  `    (each query's fastest of 5 runs, i.e. without waiting for a CPU: p50 ${milliseconds(timing.bestP50)}, p99 ${milliseconds(timing.bestP99)})`,
);
console.log(
  `    (search alone p50 ${milliseconds(timing.searchP50)}, p99 ${milliseconds(timing.searchP99)}; queries with words p50 ${milliseconds(timing.wordsP50)}, p99 ${milliseconds(timing.wordsP99)}, without p99 ${milliseconds(timing.noWordsP99)}; on average ${Math.round(timing.meanResults).toLocaleString('en-US')} matching services per query, 20 + 20 returned; ${loadAverage()})`,
);

if (withDatabase && !process.argv.includes('--no-http')) {
  // HTTP: the real app over the same database and index, against a hello-world Hono server, one after the other.
  const appConfig = (answerCacheMegabytes?: string) =>
    loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: '/tmp/atlas-finder-bench',
      LOG_LEVEL: 'warn',
      FINDER_ANSWER_CACHE_MB: answerCacheMegabytes,
    });
  const app = createApp({ db: database.db, config: appConfig() });
  // The same app without kept answers: every request searches and writes its answer anew.
  const searchingApp = createApp({ db: database.db, config: appConfig('0') });
  const hello = new Hono().get('/', (c) => c.text('Hello, world!'));
  // The finder's routes alone on a bare Hono app (only what the API route reads from the context), to tell the
  // finder's own cost from that of the app-wide middleware (security headers, compression, session, logging).
  const bare = new Hono<AppEnvironment>()
    .use('*', async (c, next) => {
      c.set('db', database.db);
      c.set('config', appConfig());
      c.set('language', 'lv');
      c.set('t', translatorFor('lv'));
      await next();
    })
    .route('/', finderApiRoutes);
  // The app as main.ts serves it (with the security headers every answer carries); the others bare.
  const appServer = await serveApp(app, { port: 0, hostname: '127.0.0.1' });
  const searchingServer = await serveApp(searchingApp, { port: 0, hostname: '127.0.0.1' });
  const helloServer = await listen(hello.fetch);
  const bareServer = await listen(bare.fetch);
  // The ceiling for any server sending answers this big: a constant reply of the API's mean answer size.
  let answerBytes = 0;
  for (const query of queries.slice(0, 100))
    answerBytes += (await (await fetch(`${appServer.url}${toPath(query)}`)).arrayBuffer()).byteLength / 100;
  // Bytes, as the API sends them (a string would be encoded anew for every request).
  const constantReply = new Uint8Array(Math.round(answerBytes)).fill(120);
  const stylesheetBytes = (await (await fetch(`${appServer.url}/static/site.css`)).arrayBuffer()).byteLength;
  // Served like the app, with the same security headers: what no work at all per request would reach.
  const constantServer = await serveApp(
    new Hono().get('/', (c) => c.body(constantReply, 200, { 'Content-Type': 'application/json; charset=utf-8' })),
    { port: 0, hostname: '127.0.0.1' },
  );
  const script = writeWrkScript(queries.slice(0, 500).map(toPath));
  const sample = await fetch(`${appServer.url}${toPath(queries[0]!)}`);
  if (sample.status !== 200) throw new Error(`the API answered ${sample.status}: ${await sample.text()}`);
  // Rounds alternate between the servers, so a change in the machine's other load hits both alike.
  const rounds = 3;
  const roundSeconds = Math.max(1, Math.round(loadSeconds / rounds));
  let helloRate = 0;
  let apiRate = 0;
  let cssRate = 0;
  let bareRate = 0;
  let searchingRate = 0;
  let constantRate = 0;
  // What browsers and phones send: the API then answers with the kept answer's gzip (finder.routes.ts).
  const gzipHeader = 'Accept-Encoding: gzip';
  let helloGzipRate = 0;
  let apiGzipRate = 0;
  for (let round = 0; round < rounds; round++) {
    helloGzipRate += (await runWrk(helloServer.url, roundSeconds, undefined, gzipHeader)) / rounds;
    apiGzipRate += (await runWrk(appServer.url, roundSeconds, script, gzipHeader)) / rounds;
    constantRate += (await runWrk(constantServer.url, roundSeconds)) / rounds;
    helloRate += (await runWrk(helloServer.url, roundSeconds)) / rounds;
    apiRate += (await runWrk(appServer.url, roundSeconds, script)) / rounds;
    cssRate += (await runWrk(`${appServer.url}/static/site.css`, roundSeconds)) / rounds;
    bareRate += (await runWrk(bareServer.url, roundSeconds, script)) / rounds;
    searchingRate += (await runWrk(searchingServer.url, roundSeconds, script)) / rounds;
  }
  const share = apiRate / helloRate;
  console.log(
    `  HTTP (wrk -t2 -c50, ${rounds} alternating rounds of ${roundSeconds} s, 127.0.0.1, no Accept-Encoding, 500 different queries): hello-world Hono ${Math.round(helloRate).toLocaleString('en-US')} req/s, finder JSON API ${Math.round(apiRate).toLocaleString('en-US')} req/s`,
  );
  console.log(
    `  JSON API throughput: ${(share * 100).toFixed(0)}% of hello-world   target ≥ 50%   ${verdict(share >= 0.5)}`,
  );
  console.log(
    `  with Accept-Encoding: gzip (as browsers send it), same rounds: hello-world ${Math.round(helloGzipRate).toLocaleString('en-US')} req/s, finder JSON API ${Math.round(apiGzipRate).toLocaleString('en-US')} req/s = ${((apiGzipRate / helloGzipRate) * 100).toFixed(0)}% of hello-world   target ≥ 80% (repeated)   ${verdict(apiGzipRate / helloGzipRate >= 0.8)}`,
  );
  console.log(
    `    (the 500 queries repeat within the minute, so after the first round of each minute the app answers them from the answers it keeps for that minute;`,
  );
  console.log(
    `     the same app keeping no answers (FINDER_ANSWER_CACHE_MB=0), every request searched and written anew: ${Math.round(searchingRate).toLocaleString('en-US')} req/s = ${((searchingRate / helloRate) * 100).toFixed(0)}% of hello-world;`,
  );
  console.log(
    `     the finder API route alone on a bare Hono app (no app-wide middleware, no security headers), keeping answers like the app: ${Math.round(bareRate).toLocaleString('en-US')} req/s = ${((bareRate / helloRate) * 100).toFixed(0)}% of hello-world;`,
  );
  console.log(
    `     the app's cheapest route, /static/site.css (${(stylesheetBytes / 1024).toFixed(1)} KB) through the same middleware: ${Math.round(cssRate).toLocaleString('en-US')} req/s = ${((cssRate / helloRate) * 100).toFixed(0)}% of hello-world;`,
  );
  console.log(
    `     a bare Hono app sending a constant reply of the API's mean answer size, ${(answerBytes / 1024).toFixed(1)} KB (20 + 20 services), with the same security headers: ${Math.round(constantRate).toLocaleString('en-US')} req/s = ${((constantRate / helloRate) * 100).toFixed(0)}% of hello-world)`,
  );

  // The results page a person gets: 20 services they may use, 20 listed apart, gzip as the app sends it.
  const pagePath = `/find?needs=shelter,documents,material&territory=${queries[1]!.territoryCode}&residence=0001000`;
  const page = await fetch(`${appServer.url}${pagePath}`, {
    headers: { 'accept-encoding': 'gzip' },
    redirect: 'manual',
  });
  const pageHtml = await page.text();
  const compressedBytes = gzipSync(pageHtml).length;
  console.log(
    `  results page (${pagePath.split('?')[0]}, 3 needs, a residence): ${Math.round(pageHtml.length / 1024)} KB of HTML, ${(compressedBytes / 1024).toFixed(1)} KB gzip   target < 30 KB   ${verdict(compressedBytes < 30 * 1024)}`,
  );
  appServer.server.close();
  searchingServer.server.close();
  helloServer.server.close();
  bareServer.server.close();
  constantServer.server.close();
}
if (withDatabase && !process.argv.includes('--no-restart')) {
  // Issue 16, item 9: ready to answer within 5 s of a restart at 100 000 services. Each way twice: without a
  // snapshot (the tables read, as every start did before), and from the current revision's snapshot.
  if (!benchDatabaseUrl) await database.close();
  console.log(`  ready after restart at ${serviceCount.toLocaleString('en-US')} services   target ≤ 5 s (issue 16):`);
  console.log(`    in this process, cold (no snapshot): ${await measureRestartInProcess(false)}   ${loadAverage()}`);
  console.log(`    in this process, from the snapshot: ${await measureRestartInProcess(true)}   ${loadAverage()}`);
  console.log(`    the read alone, without the builder: ${await measureReads()}   ${loadAverage()}`);
  const path = toPath(queries[0]!);
  const fromSnapshot = await measureRestartOfTheApp(true, path);
  console.log(`    the app (src/main.ts) restarted, from the snapshot: ${fromSnapshot}   ${loadAverage()}`);
  const cold = await measureRestartOfTheApp(false, path);
  console.log(`    the app (src/main.ts) restarted, cold (no snapshot): ${cold}   ${loadAverage()}`);
}
if (benchDatabaseUrl || !withDatabase || process.argv.includes('--no-restart')) await database.close();
rmSync(benchDataDirectory, { recursive: true, force: true });

if (largeCount > 0) {
  // Free the small run before the large one, so its memory figure is its own.
  registry.services.length = 0;
  collectGarbage();
  const largeHeapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const large = generateRegistry(largeCount, territories, translatedShare);
  console.log(
    `\n[${largeCount.toLocaleString('en-US')} services] generated rows in ${((performance.now() - started) / 1000).toFixed(1)} s (the builder is the one the database path uses)`,
  );
  collectGarbage();
  const rowsHeap = process.memoryUsage().heapUsed - largeHeapBefore;
  started = performance.now();
  const largeIndex = await buildFinderIndex(large, territories, needWordsForIndex());
  const largeBuild = performance.now() - started;
  large.services.length = 0;
  large.serviceLocations.length = 0;
  large.addresses.length = 0;
  large.phones.length = 0;
  large.schedules.length = 0;
  large.languages.length = 0;
  large.documents.length = 0;
  large.serviceTerms.length = 0;
  large.residencyTerritories.length = 0;
  collectGarbage();
  const largeBytes = process.memoryUsage().heapUsed - largeHeapBefore;
  const largeTiming = measureQueries(largeIndex, queries);
  console.log(
    `  index build: ${(largeBuild / 1000).toFixed(1)} s; index memory: ${megabytes(largeBytes)} heap (the generated rows, freed after the build, took ${megabytes(rowsHeap)})`,
  );
  console.log(
    `  finder server time p50: ${milliseconds(largeTiming.p50)}; p99: ${milliseconds(largeTiming.p99)}   target p99 ≤ 20 ms   ${verdict(largeTiming.p99 <= 20)}`,
  );
  console.log(
    `    (each query's fastest of 5 runs: p50 ${milliseconds(largeTiming.bestP50)}, p99 ${milliseconds(largeTiming.bestP99)})`,
  );
  console.log(
    `    (search alone p50 ${milliseconds(largeTiming.searchP50)}, p99 ${milliseconds(largeTiming.searchP99)}; queries with words p50 ${milliseconds(largeTiming.wordsP50)}, p99 ${milliseconds(largeTiming.wordsP99)}, without p99 ${milliseconds(largeTiming.noWordsP99)}; on average ${Math.round(largeTiming.meanResults).toLocaleString('en-US')} matching services per query; ${loadAverage()})`,
  );
}
process.exit(0);
