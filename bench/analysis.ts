// bench/analysis: how long a full analysis of a wave takes as waves grow, and how long the 2004 report takes as PDF.
//
//   npx tsx bench/analysis.ts                          PGlite (in memory): 10 000 respondents, and the 2004 PDF
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/analysis.ts
//                                                      also PostgreSQL: 10 000 and 1 000 000 respondents
//   BENCH_SIZES=10000,100000 …                         other sizes
//
// Waves are generated in SQL (INSERT … SELECT FROM generate_series): each generated respondent copies the answers
// of one of the 111 reconstructed 2004 respondents, so the answers have the 2004 shape and density (every help
// block, needs, free text), and a sample of cases with dispositions is generated beside them. The generation time
// includes keeping the answer counts (the 0410 migration's triggers), which is what a full analysis then reads.
// Targets (issue 4): < 1 s for 10 000 on PGlite, < 10 s for 1 000 000 on PostgreSQL, < 1 s for the 2004 PDF.
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { analyseWave } from '../src/analysis/analysis.service.js';
import { wrapPglite, type DatabaseHandle } from '../src/db/connection.js';
import { benchPostgresUrl, openThrowawayPostgres } from './bench-database.js';
import type { Database } from '../src/db/database.js';
import { loadDemoData } from '../src/demo/demo.service.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { buildWaveReport, renderReport } from '../src/report/report.service.js';
import { createWave } from '../src/surveys/wave.service.js';

const RUNS = 3;

function milliseconds(start: number): number {
  return Math.round(performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Creates a wave of `size` complete responses (and 1.25 × size cases) by copying the 2004 answers in SQL. */
async function generateWave(db: Kysely<Database>, size: number): Promise<string> {
  const key = `bench-${size}-${Date.now().toString(36)}`;
  const wave = await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: `Bench ${size}`,
    key,
    sample: { source: 'import' },
  });
  const started = performance.now();
  await sql`
    INSERT INTO survey_response (id, wave_id, respondent_id, mode, status, answers, submitted_at)
    SELECT gen_random_uuid(), ${wave.id}, 'B' || lpad(g::text, 8, '0'), 'online', 'complete', t.answers, now()
    FROM generate_series(1, ${size}::int) AS g
    JOIN (
      SELECT row_number() OVER (ORDER BY r.respondent_id) - 1 AS n, r.answers
      FROM survey_response r JOIN wave w ON w.id = r.wave_id
      WHERE w.key = 'lv-2004'
    ) t ON t.n = g % 111`.execute(db);
  await sql`
    INSERT INTO survey_case (id, wave_id, case_code, institution_type, territory, respondent_id, disposition)
    SELECT gen_random_uuid(), ${wave.id}, 'C' || lpad(g::text, 8, '0'),
      (ARRAY['municipal', 'municipal', 'municipal', 'state', 'ngo', 'religious', 'private'])[1 + g % 7], 'Rīga',
      CASE WHEN g <= ${size}::int THEN 'B' || lpad(g::text, 8, '0') END,
      CASE WHEN g <= ${size}::int THEN 'complete'
           ELSE (ARRAY['refusal', 'non_contact', 'unknown_eligibility', 'unknown_eligibility', 'not_eligible', 'undeliverable', 'partial', 'other'])[1 + g % 8] END
    FROM generate_series(1, ${Math.round(size * 1.25)}::int) AS g`.execute(db);
  await sql`ANALYZE survey_response`.execute(db);
  await sql`ANALYZE survey_case`.execute(db);
  process.stdout.write(
    `  generated ${size.toLocaleString('en')} respondents (answers counted as they are written) in ${milliseconds(started)} ms\n`,
  );
  return key;
}

async function timeAnalysis(
  db: Kysely<Database>,
  key: string,
  size: number,
  label: string,
  target: number | null,
): Promise<void> {
  const times: number[] = [];
  let respondents = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const analysis = await analyseWave(db, key);
    times.push(milliseconds(started));
    respondents = analysis.respondents;
  }
  if (respondents !== size) throw new Error(`analysed ${respondents} respondents, expected ${size}`);
  const verdict =
    target === null
      ? ''
      : median(times) < target
        ? `  (target < ${target} ms: met)`
        : `  (target < ${target} ms: NOT met)`;
  process.stdout.write(
    `  full analysis, ${label}, ${size.toLocaleString('en')} respondents: median ${median(times)} ms (runs: ${times.join(', ')} ms)${verdict}\n`,
  );
}

async function timePdf(db: Kysely<Database>): Promise<void> {
  const times: number[] = [];
  let pages = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const started = performance.now();
    const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'lv');
    const pdf = (await renderReport(analysis, model, 'pdf')).body as Buffer;
    times.push(milliseconds(started));
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }
  const [first, ...rest] = times;
  process.stdout.write(
    `  2004 report as PDF (${pages} pages, analysis included): first ${first} ms (fonts loaded), then median ${median(rest)} ms (runs: ${rest.join(', ')} ms)  (target < 1000 ms: ${median(rest) < 1000 ? 'met' : 'NOT met'})\n`,
  );
}

async function run(
  label: string,
  handle: DatabaseHandle,
  sizes: number[],
  targets: Record<number, number>,
): Promise<void> {
  process.stdout.write(`\n${label}\n`);
  await prepareDatabase(handle.db);
  // The bench copies the 2004 wave's answers; that wave is demonstration data (`npx atlas demo load`).
  await loadDemoData(handle.db);
  for (const size of sizes) {
    const key = await generateWave(handle.db, size);
    await timeAnalysis(handle.db, key, size, label, targets[size] ?? null);
  }
}

const requestedSizes = process.env.BENCH_SIZES?.split(',')
  .map(Number)
  .filter((size) => size > 0);

// PGlite, in memory: what `npm start` uses by default.
{
  const pglite = await PGlite.create();
  const handle = wrapPglite(pglite);
  await run('PGlite (in memory)', handle, requestedSizes ?? [10_000], { 10_000: 1000 });
  process.stdout.write('\n');
  await timePdf(handle.db);
  await handle.close();
}

// PostgreSQL, in a database of its own that is dropped afterwards.
if (benchPostgresUrl) {
  const handle = await openThrowawayPostgres(benchPostgresUrl, 'atlas_bench');
  try {
    const version = await sql<{ server_version: string }>`SHOW server_version`.execute(handle.db);
    await run(`PostgreSQL ${version.rows[0]?.server_version ?? ''}`, handle, requestedSizes ?? [10_000, 1_000_000], {
      1_000_000: 10_000,
    });
  } finally {
    await handle.close();
  }
} else {
  process.stdout.write(
    '\n(BENCH_DATABASE_URL is not set: PostgreSQL skipped. Start a server as .ci/run does and set it to measure 1 000 000.)\n',
  );
}
