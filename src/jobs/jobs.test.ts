import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createAccountForTest, getAs, signInForTest } from '../accounts/testing.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { openPostgres } from '../db/connection.js';
import { deliverDueMessages, queueMessage } from '../mail/mail.service.js';
import { startSmtpServer } from '../mail/testing.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import { startJobRunner } from './job-runner.js';
import {
  backoffSeconds,
  declareRecurringJobs,
  enqueueJob,
  runDueJobs,
  type JobDefinition,
  type JobContext,
} from './job.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
// A second connection to the same database, as a second app process has: a second pool on PostgreSQL; on PGlite
// (one process owns the embedded database) the same instance, so the two runners still race for the same rows.
let second: { db: Kysely<Database>; close: () => Promise<void> };

before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-jobs-test-${process.pid}` });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(context.db)).rows[0]!.name;
    const address = new URL(url);
    address.pathname = `/${name}`;
    second = openPostgres(address.toString());
  } else second = { db: context.db, close: async () => undefined };
});
after(async () => {
  await second.close();
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

test('two runners on one database: each due job runs in exactly one of them, and each run is recorded', async () => {
  const ranBy = new Map<string, string[]>();
  const definitions = (runner: string) =>
    new Map<string, JobDefinition>([
      [
        'test.count',
        {
          handler: async (_context, payload) => {
            const key = String(payload.n);
            ranBy.set(key, [...(ranBy.get(key) ?? []), runner]);
            await pause(Math.random() * 10);
            return `counted ${key}`;
          },
        },
      ],
    ]);
  await context.db.transaction().execute(async (trx) => {
    for (let n = 0; n < 40; n += 1) await enqueueJob(trx, { name: 'test.count', payload: { n } });
  });
  const [first, other] = await Promise.all([
    runDueJobs({ db: context.db, config: context.config }, definitions('a'), { processId: crypto.randomUUID() }),
    runDueJobs({ db: second.db, config: context.config }, definitions('b'), { processId: crypto.randomUUID() }),
  ]);
  assert.equal(first.ran + other.ran, 40);
  assert.equal(ranBy.size, 40);
  for (const [key, runners] of ranBy) assert.equal(runners.length, 1, `job ${key} ran ${runners.length} times`);
  const runs = await context.db
    .selectFrom('job_run')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('job_name', '=', 'test.count')
    .where('outcome', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  assert.equal(Number(runs.count), 40);
  const left = await context.db
    .selectFrom('job')
    .select('status')
    .where('name', '=', 'test.count')
    .where('status', '<>', 'done')
    .execute();
  assert.deepEqual(left, []);
});

test('mail delivery as a job: with two runners (and two immediate deliveries) on one database each message goes out once', async () => {
  const smtp = await startSmtpServer();
  try {
    const config: Config = testConfig({
      DATA_DIR: context.config.dataDirectory,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Reentry Atlas <atlas@example.lv>',
    });
    const queued = await context.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (let n = 0; n < 25; n += 1) {
        const message = await queueMessage(trx, config, {
          purpose: 'test',
          to: `iestade${n}@example.lv`,
          subject: `Vēstule ${n}`,
          text: `Vēstule numur ${n}.`,
          language: 'lv',
        });
        ids.push(message.id);
      }
      return ids;
    });
    const runnerA = await startJobRunner(context.db, config, { timer: false });
    const runnerB = await startJobRunner(second.db, config, { timer: false });
    // Both processes see mail.deliver due at the same moment.
    await context.db
      .updateTable('job')
      .set({ run_at: new Date(Date.now() - 1000) })
      .execute();
    await Promise.all([
      runnerA.runNow(),
      runnerB.runNow(),
      deliverDueMessages(context.db, config),
      deliverDueMessages(second.db, config),
    ]);
    await runnerA.stop();
    await runnerB.stop();
    assert.equal(smtp.received.length, 25, 'every message arrived once');
    const recipients = smtp.received.flatMap((mail) => mail.to);
    assert.equal(new Set(recipients).size, 25, 'no message arrived twice');
    const rows = await context.db
      .selectFrom('outbound_message')
      .select(['status', 'attempts'])
      .where('id', 'in', queued)
      .execute();
    assert.ok(
      rows.every((row) => row.status === 'sent' && row.attempts === 1),
      JSON.stringify(rows),
    );
    const deliveryRuns = await context.db
      .selectFrom('job_run')
      .select(['outcome'])
      .where('job_name', '=', 'mail.deliver')
      .execute();
    assert.equal(deliveryRuns.length, 1, 'the recurring delivery job ran in one of the two processes');
    // The recurring job moved on to its next time, a minute ahead.
    const job = await context.db
      .selectFrom('job')
      .select(['run_at', 'status'])
      .where('unique_key', '=', 'mail.deliver')
      .executeTakeFirstOrThrow();
    assert.equal(job.status, 'waiting');
    assert.ok(job.run_at.getTime() > Date.now() + 50_000, String(job.run_at));
  } finally {
    smtp.server.close();
  }
});

test('a failing job is retried with backoff, recorded, and shown to administrators on /staff/jobs', async () => {
  assert.deepEqual([1, 2, 3, 10].map(backoffSeconds), [30, 60, 120, 3600]);
  let calls = 0;
  const definitions = new Map<string, JobDefinition>([
    [
      'test.fails',
      {
        handler: () => {
          calls += 1;
          return Promise.reject(new Error('the remote register answered 503'));
        },
      },
    ],
  ]);
  const jobContext: JobContext = { db: context.db, config: context.config };
  await enqueueJob(context.db, { name: 'test.fails', payload: { id: 'x' }, maxAttempts: 2 });
  const before = Date.now();
  assert.deepEqual(await runDueJobs(jobContext, definitions, { processId: crypto.randomUUID() }), {
    ran: 1,
    failed: 1,
  });
  const waiting = await context.db
    .selectFrom('job')
    .selectAll()
    .where('name', '=', 'test.fails')
    .executeTakeFirstOrThrow();
  assert.equal(waiting.status, 'waiting');
  assert.equal(waiting.attempts, 1);
  const delay = (waiting.run_at.getTime() - before) / 1000;
  assert.ok(delay >= 29 && delay <= 31, `first retry after ${delay} s`);
  // Not due yet: nothing runs.
  assert.deepEqual(await runDueJobs(jobContext, definitions, { processId: crypto.randomUUID() }), {
    ran: 0,
    failed: 0,
  });
  await context.db
    .updateTable('job')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('id', '=', waiting.id)
    .execute();
  await runDueJobs(jobContext, definitions, { processId: crypto.randomUUID() });
  const failed = await context.db.selectFrom('job').selectAll().where('id', '=', waiting.id).executeTakeFirstOrThrow();
  assert.equal(failed.status, 'failed', 'out of attempts');
  assert.equal(calls, 2);
  const runs = await context.db
    .selectFrom('job_run')
    .select(['attempt', 'outcome', 'detail'])
    .where('job_id', '=', waiting.id)
    .orderBy('attempt')
    .execute();
  assert.deepEqual(
    runs.map((run) => [run.attempt, run.outcome]),
    [
      [1, 'failed'],
      [2, 'failed'],
    ],
  );

  const { app, db } = context;
  const administrator = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
  const analyst = await signInForTest(app, db, await createAccountForTest(db, { role: 'analyst' }));
  assert.equal((await getAs(app, '/staff/jobs', analyst)).status, 403);
  assert.equal((await app.request('/staff/jobs')).status, 303);
  const page = await getAs(app, '/staff/jobs', administrator);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('cache-control') ?? '', /no-store/);
  const html = await page.text();
  assert.ok(html.includes('test.fails'), 'the failed job is listed');
  assert.ok(html.includes('the remote register answered 503'), 'with its error');
  assert.ok(html.includes('mail.deliver'), 'the recurring jobs are listed');
});

test('a recurring job moves its next run time; a second declaration keeps it', async () => {
  let runs = 0;
  const definitions = new Map<string, JobDefinition>([
    [
      'test.recurring',
      {
        handler: async () => {
          runs += 1;
          return 'ok';
        },
      },
    ],
  ]);
  await declareRecurringJobs(context.db, [{ name: 'test.recurring', everySeconds: 120 }]);
  const jobContext: JobContext = { db: context.db, config: context.config };
  await runDueJobs(jobContext, definitions, { processId: crypto.randomUUID() });
  await declareRecurringJobs(second.db, [{ name: 'test.recurring', everySeconds: 120 }]);
  await runDueJobs(jobContext, definitions, { processId: crypto.randomUUID() });
  assert.equal(runs, 1, 'not due again before two minutes');
  const row = await context.db
    .selectFrom('job')
    .select(['run_at', 'every_seconds'])
    .where('unique_key', '=', 'test.recurring')
    .executeTakeFirstOrThrow();
  assert.equal(row.every_seconds, 120);
  assert.ok(row.run_at.getTime() > Date.now() + 110_000);
});
