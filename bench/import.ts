// Speed of the HSDS import: generates a registry of N services (default 100 000) with organizations, locations,
// addresses, phones, schedules, help-type and profile attributes, writes it as HSDS (JSON full organizations, or
// the tabular CSV form), imports it through the same code as `npx atlas import hsds`, and prints services per
// second and peak memory (resident set size, sampled).
//
//   npx tsx bench/import.ts [--services 100000] [--form json|tabular] [--keep] [--paging]
//
// --paging (issue 16, item 2): after the import, serves the imported registry with the real app and measures the
// finder API's throughput alone, then while 4 clients page through /hsds/services (the embedded database runs in
// the app's thread, so one slow query stalls every request). Target: at least half of the idle throughput.
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/import.ts      (PostgreSQL: a throwaway database is created and dropped)
//
// Targets (issue 2): ≥ 20 000 services/s on PostgreSQL, ≥ 5 000 services/s on PGlite.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { sql } from 'kysely';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite, type DatabaseHandle } from '../src/db/connection.js';
import { benchPostgresUrl, openThrowawayPostgres } from './bench-database.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { helpTypeCodes, helpTypeTermId } from '../src/registry/help-types.js';
import { exportHsds } from '../src/registry/hsds-export.js';
import { importHsds } from '../src/registry/hsds-import.js';
import { countRegistryRows } from '../src/registry/hsds-import.repository.js';
import { profileTermId } from '../src/registry/hsds-profile.js';
import { listMunicipalities } from '../src/territories/territory.service.js';
import { loadConfig } from '../src/config.js';
import { logger } from '../src/core/logger.js';
import { getFinderIndex } from '../src/finder/finder-index-cache.js';
import { createApp } from '../src/http/app.js';
import { serveApp } from '../src/http/server.js';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const serviceCount = Number(argument('services', '100000'));
const form = argument('form', 'json');
const keep = process.argv.includes('--keep');
const measurePaging = process.argv.includes('--paging');
const servicesPerOrganization = 10;

let peakRss = 0;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sampleMemory, 25);

/** A UUID from a kind number and a counter, readable in a debugger and unique across kinds. */
const uuid = (kind: number, index: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

async function openBenchDatabase(): Promise<DatabaseHandle & { label: string }> {
  const url = benchPostgresUrl;
  if (!url) {
    // On disk, as `npx atlas import` runs (DATA_DIR); PGlite's in-memory file system is slower for bulk writes.
    const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-bench-pglite-'));
    const handle = wrapPglite(await PGlite.create(dataDirectory));
    return {
      ...handle,
      label: 'PGlite (on disk)',
      close: async () => {
        await handle.close();
        rmSync(dataDirectory, { recursive: true, force: true });
      },
    };
  }
  return openThrowawayPostgres(url, 'atlas_bench');
}

/** Writes the generated registry as a JSON array of HSDS full organizations, each with its services nested, one at a time. */
function writeGeneratedRegistry(file: string, territories: string[]): void {
  const descriptor = openSync(file, 'w');
  writeSync(descriptor, '[');
  const organizationCount = Math.ceil(serviceCount / servicesPerOrganization);
  const types = ['municipal_social_service', 'municipal_other', 'state', 'ngo', 'religious', 'private', 'prison'];
  let attribute = 0;
  for (let o = 0; o < organizationCount; o++) {
    const territory = territories[o % territories.length]!;
    const organizationId = uuid(1, o);
    const locationId = uuid(2, o);
    const services = [];
    for (let s = o * servicesPerOrganization; s < Math.min(serviceCount, (o + 1) * servicesPerOrganization); s++) {
      const residency = s % 3 === 0;
      services.push({
        id: uuid(10, s),
        name: `Pakalpojums ${s} — palīdzība pēc atbrīvošanas`,
        description: 'Konsultācijas, pārtikas paka un palīdzība ar dokumentiem.',
        status: 'active',
        email: `pakalpojums${s}@example.lv`,
        minimum_age: 18,
        eligibility_description: residency
          ? 'Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija šajā novadā.'
          : 'Visiem.',
        phones: [{ id: uuid(11, s), number: `+371 6${String(s).padStart(7, '0')}`, type: 'voice' }],
        schedules: [
          { id: uuid(12, s), freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' },
        ],
        service_at_locations: [{ id: uuid(13, s), location_id: locationId }],
        attributes: [
          {
            id: uuid(14, attribute++),
            taxonomy_term_id: helpTypeTermId(helpTypeCodes[s % helpTypeCodes.length]!),
            link_entity: 'service',
          },
          ...(residency
            ? [
                {
                  id: uuid(14, attribute++),
                  taxonomy_term_id: profileTermId('residency_rule'),
                  value: 'last_declared_residence',
                },
                { id: uuid(14, attribute++), taxonomy_term_id: profileTermId('residency_territory'), value: territory },
              ]
            : []),
          { id: uuid(14, attribute++), taxonomy_term_id: profileTermId('last_verified_on'), value: '2026-11-01' },
        ],
      });
    }
    const organization = {
      id: organizationId,
      name: `Iestāde ${o}`,
      description: 'Sociālā palīdzība un konsultācijas.',
      email: `iestade${o}@example.lv`,
      attributes: [
        {
          id: uuid(14, attribute++),
          taxonomy_term_id: profileTermId('institution_type'),
          value: types[o % types.length],
        },
      ],
      phones: [{ id: uuid(3, o), number: `+371 2${String(o).padStart(7, '0')}` }],
      locations: [
        {
          id: locationId,
          location_type: 'physical',
          name: `Birojs ${o}`,
          latitude: 56.9 + (o % 100) / 1000,
          longitude: 24.1 + (o % 100) / 1000,
          addresses: [
            {
              id: uuid(4, o),
              address_1: `Brīvības iela ${o % 200}`,
              city: 'Rīga',
              state_province: 'Rīga',
              postal_code: 'LV-1010',
              country: 'LV',
              address_type: 'physical',
            },
          ],
          attributes: [
            { id: uuid(14, attribute++), taxonomy_term_id: profileTermId('atvk_territory'), value: territory },
          ],
        },
      ],
      services,
    };
    writeSync(descriptor, `${o === 0 ? '' : ',\n'}${JSON.stringify(organization)}`);
  }
  writeSync(descriptor, ']\n');
  closeSync(descriptor);
}

/** CPU seconds used so far by each PostgreSQL backend serving the bench database (read from /proc: same machine only). */
async function serverCpuSeconds(database: DatabaseHandle): Promise<Map<number, number> | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const { rows } = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(database.db);
  const ticksPerSecond = 100;
  const seconds = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): user and system time in clock ticks.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
    } catch {
      return undefined;
    }
  }
  return seconds;
}

/** Finder API requests per second from 8 clients in a closed loop for `seconds`, and the slowest tenth's floor. */
async function finderThroughput(base: string, seconds: number): Promise<{ perSecond: number; p99: number }> {
  const paths = ['needs=shelter', 'needs=documents&residence=0001000', 'needs=food,work', 'q=palīdzība'].map(
    (query) => `${base}/api/v1/finder/services?${query}&lang=lv`,
  );
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async (_, client) => {
      for (let request = client; performance.now() < until; request++) {
        const started = performance.now();
        await (await fetch(paths[request % paths.length]!)).arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

async function measureFinderWhilePaging(database: DatabaseHandle): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: workDirectory, LOG_LEVEL: 'error' });
  logger.setLevel('error');
  const app = createApp({ db: database.db, config });
  const { server, url } = await serveApp(app, { port: 0 });
  try {
    await getFinderIndex(database.db);
    await finderThroughput(url, 1); // warm-up
    const idle = await finderThroughput(url, 5);
    let paging = true;
    let pages = 0;
    const startPagers = (first: number) =>
      Array.from({ length: 4 }, async (_, pager) => {
        for (let page = first + pager * 200; paging; page++) {
          await (await fetch(`${url}/hsds/services?page=${page}&per_page=50`)).arrayBuffer();
          pages++;
        }
      });
    // The pagers alone first: on the embedded database HSDS pages give way only while other requests arrive.
    let pagers = startPagers(1);
    await new Promise((resume) => setTimeout(resume, 3000));
    paging = false;
    await Promise.all(pagers);
    const pagesAlone = pages / 3;
    paging = true;
    pages = 0;
    pagers = startPagers(101);
    const busy = await finderThroughput(url, 5);
    paging = false;
    await Promise.all(pagers);
    process.stdout.write(
      [
        `  finder API alone: ${format(idle.perSecond)} requests/s (p99 ${idle.p99.toFixed(1)} ms); 4 pagers alone: ${format(pagesAlone)} pages/s`,
        `  finder API while 4 clients page /hsds/services (${format(pages / 5)} pages/s): ${format(busy.perSecond)} requests/s` +
          ` (p99 ${busy.p99.toFixed(1)} ms) = ${Math.round((100 * busy.perSecond) / idle.perSecond)} % of alone (target ≥ 50 %;` +
          ` load average ${loadavg()
            .map((value) => value.toFixed(1))
            .join(' ')})`,
      ].join('\n') + '\n',
    );
  } finally {
    server.close();
  }
}

const format = (value: number) => Math.round(value).toLocaleString('en');
const megabytes = (bytes: number) => `${format(bytes / 1024 / 1024)} MB`;

const database = await openBenchDatabase();
const workDirectory = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
try {
  await prepareDatabase(database.db);
  const territories = (await listMunicipalities(database.db)).map((territory) => territory.code);
  let source: string;
  {
    const jsonFile = join(workDirectory, 'registry.json');
    writeGeneratedRegistry(jsonFile, territories);
    source = jsonFile;
    if (form === 'tabular') {
      // The tabular form of the same registry: import the JSON once into a scratch database, export it.
      const scratch = wrapPglite(await PGlite.create());
      await prepareDatabase(scratch.db);
      await importHsds(scratch.db, jsonFile);
      await exportHsds(scratch.db, join(workDirectory, 'export'));
      await scratch.close();
      source = join(workDirectory, 'export', 'tabular');
    }
  }
  const size = statSync(source).isDirectory()
    ? readdirSync(source).reduce((sum, file) => sum + statSync(join(source, file)).size, 0)
    : statSync(source).size;
  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  process.stdout.write(`${database.label}: importing ${format(serviceCount)} services (${form}, ${megabytes(size)})\n`);

  const serverBefore = await serverCpuSeconds(database);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let validatedAt = 0;
  const summary = await importHsds(database.db, source, {
    onProgress: (event) => {
      sampleMemory();
      if (event.stage === 'validated' && event.total > 0) validatedAt = performance.now();
      if (event.stage === 'written' && event.rows === event.total)
        process.stderr.write(`  written ${format(event.rows)} rows\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const serverAfter = await serverCpuSeconds(database);
  const serverCpu =
    serverAfter && serverBefore
      ? [...serverAfter].reduce((sum, [pid, value]) => sum + value - (serverBefore.get(pid) ?? 0), 0)
      : undefined;
  sampleMemory();
  const counts = await countRegistryRows(database.db);
  if (counts.service !== serviceCount) throw new Error(`expected ${serviceCount} services, found ${counts.service}`);
  const rows = Object.values(summary.counts).reduce((sum, count) => sum + (count ?? 0), 0);
  process.stdout.write(
    [
      `  read + validated in ${((validatedAt - started) / 1000).toFixed(2)} s, written in ${((performance.now() - validatedAt) / 1000 - 0).toFixed(2)} s (${format(rows)} rows)`,
      `  total ${seconds.toFixed(2)} s: ${format(serviceCount / seconds)} services/s`,
      `  peak memory (RSS): ${megabytes(peakRss)} (${megabytes(rssBefore)} before the import, database included)`,
      // Wall time counts whatever else the machine runs; CPU time does not. Node's and the server's work run
      // one after the other for the most part, so their sum bounds the time on an otherwise idle machine.
      `  CPU time: this process ${nodeCpu.toFixed(2)} s${serverCpu === undefined ? '' : `, PostgreSQL backends ${serverCpu.toFixed(2)} s`}` +
        ` → about ${format(serviceCount / (nodeCpu + (serverCpu ?? 0)))} services/s on an idle machine (load average now ${loadavg()[0]!.toFixed(1)})`,
    ].join('\n') + '\n',
  );
  if (measurePaging) await measureFinderWhilePaging(database);
} finally {
  clearInterval(sampler);
  if (!keep) rmSync(workDirectory, { recursive: true, force: true });
  else process.stdout.write(`  files kept in ${workDirectory}\n`);
  await database.close();
}
