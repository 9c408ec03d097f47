import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { JobPayload, JobRunOutcome, JobRunTable, JobTable } from './job.table.js';

// SQL for jobs and their runs. A claim is one short statement-pair under FOR UPDATE SKIP LOCKED; the job itself
// runs outside any transaction of ours, protected by the lease (locked_by, locked_until).

export type JobRow = Selectable<JobTable>;
export type JobRunRow = Selectable<JobRunTable>;

/** Declares a recurring job once for every process: inserts it, or updates its interval if it exists. */
export async function upsertRecurringJob(
  db: Kysely<Database>,
  values: { id: string; name: string; everySeconds: number; maxAttempts: number; firstRunAt: Date },
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      id: values.id,
      name: values.name,
      unique_key: values.name,
      every_seconds: values.everySeconds,
      max_attempts: values.maxAttempts,
      run_at: values.firstRunAt,
      locked_by: null,
      locked_until: null,
      last_error: null,
      last_run_at: null,
    })
    .onConflict((conflict) =>
      conflict
        .column('unique_key')
        .doUpdateSet({ every_seconds: values.everySeconds, max_attempts: values.maxAttempts, status: 'waiting' }),
    )
    .execute();
}

/** Inserts a one-off job; with a unique key, a second insert for the same key is ignored. */
export async function insertOneOffJob(
  db: Kysely<Database>,
  values: { id: string; name: string; uniqueKey: string | null; payload: JobPayload; runAt: Date; maxAttempts: number },
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      id: values.id,
      name: values.name,
      unique_key: values.uniqueKey,
      payload: JSON.stringify(values.payload),
      every_seconds: null,
      max_attempts: values.maxAttempts,
      run_at: values.runAt,
      locked_by: null,
      locked_until: null,
      last_error: null,
      last_run_at: null,
    })
    .onConflict((conflict) => conflict.column('unique_key').doNothing())
    .execute();
}

/**
 * Takes the next due job for `processId` for `leaseSeconds`: the row lock (SKIP LOCKED) lets two processes
 * claiming at the same moment pass each other, and the lease keeps the job theirs after the commit.
 * Only jobs whose names this process can run are taken.
 */
export async function claimDueJob(
  db: Kysely<Database>,
  processId: string,
  names: readonly string[],
  leaseSeconds: number,
): Promise<JobRow | undefined> {
  if (names.length === 0) return undefined;
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('job')
      .select('id')
      .where('status', '=', 'waiting')
      .where('run_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
      .where('name', 'in', [...names])
      .orderBy('run_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return undefined;
    return trx
      .updateTable('job')
      .set({
        locked_by: processId,
        locked_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})`,
        last_run_at: sql<Date>`now()`,
      })
      .where('id', '=', due.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Records a run and moves the job on, if this process still holds its lease; false when the lease was lost. */
export async function finishJobRun(
  db: Kysely<Database>,
  job: { id: string; name: string; processId: string; attempt: number; startedAt: Date },
  result: {
    outcome: JobRunOutcome;
    detail: string | null;
    runIdentifier: string;
    next: { status: 'waiting' | 'done' | 'failed'; runAt: Date | null; attempts: number; lastError: string | null };
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('job')
      .set({
        status: result.next.status,
        attempts: result.next.attempts,
        last_error: result.next.lastError,
        locked_by: null,
        locked_until: null,
        ...(result.next.runAt ? { run_at: result.next.runAt } : {}),
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', job.processId)
      .executeTakeFirst();
    await trx
      .insertInto('job_run')
      .values({
        id: result.runIdentifier,
        job_id: job.id,
        job_name: job.name,
        attempt: job.attempt,
        process_id: job.processId,
        started_at: job.startedAt,
        outcome: result.outcome,
        detail: result.detail,
      })
      .execute();
    return Number(updated.numUpdatedRows) === 1;
  });
}

/** Makes a recurring job due now (e.g. mail delivery right after a commit that queued mail). */
export async function updateJobDueNow(db: Kysely<Database>, uniqueKey: string): Promise<void> {
  await db
    .updateTable('job')
    .set({ run_at: sql<Date>`now()` })
    .where('unique_key', '=', uniqueKey)
    .where('status', '=', 'waiting')
    .where('run_at', '>', sql<Date>`now()`)
    .execute();
}

/** Every recurring job, and the one-off jobs that are waiting or failed, by name. */
export async function selectJobsForStaff(db: Kysely<Database>, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('job')
    .selectAll()
    .where((eb) => eb.or([eb('every_seconds', 'is not', null), eb('status', '<>', 'done')]))
    .orderBy('name')
    .orderBy('run_at')
    .limit(limit)
    .execute();
}

/** The latest runs, newest first; only failed ones when asked. */
export async function selectJobRuns(
  db: Kysely<Database>,
  options: { failedOnly: boolean; limit: number; jobId?: string },
): Promise<JobRunRow[]> {
  let query = db.selectFrom('job_run').selectAll();
  if (options.failedOnly) query = query.where('outcome', '=', 'failed');
  if (options.jobId) query = query.where('job_id', '=', options.jobId);
  return query.orderBy('started_at', 'desc').limit(options.limit).execute();
}

/** One job by id, or undefined. */
export async function selectJob(db: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes runs older than the given number of days, and one-off jobs done that long ago. */
export async function deleteOldJobRuns(db: Kysely<Database>, days: number): Promise<number> {
  const cutoff = sql<Date>`now() - make_interval(days => ${days})`;
  const runs = await db.deleteFrom('job_run').where('started_at', '<', cutoff).executeTakeFirst();
  await db.deleteFrom('job').where('status', '=', 'done').where('last_run_at', '<', cutoff).execute();
  return Number(runs.numDeletedRows);
}
