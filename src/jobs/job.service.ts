import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { logger } from '../core/logger.js';
import {
  claimDueJob,
  deleteOldJobRuns,
  finishJobRun,
  insertOneOffJob,
  selectJobRuns,
  selectJobsForStaff,
  updateJobDueNow,
  upsertRecurringJob,
  type JobRow,
  type JobRunRow,
} from './job.repository.js';
import type { JobPayload, JobRunOutcome, JobStatus } from './job.table.js';

// Scheduled work stored in the database (docs/decisions/012). A job is a row; a process claims a due row with
// FOR UPDATE SKIP LOCKED and takes a lease on it, runs the handler outside any transaction of ours (so the
// embedded database is never held for the length of an SMTP conversation), then records the run and moves the
// row on: a recurring job to its next time, a one-off job to done, a failure to a later try (backoff).

/** What every handler gets: the database and the configuration of the process running it. */
export type JobContext = { db: Kysely<Database>; config: Config };

/** Runs one job; the string it returns (counts, ids) is kept with the run. Never put personal data in it. */
export type JobHandler = (context: JobContext, payload: JobPayload) => Promise<string | void>;

/** A job kind this process can run, and for how long a run may hold the job before another may take it. */
export type JobDefinition = { handler: JobHandler; leaseSeconds?: number };

/** A job repeated every `everySeconds`. */
export type RecurringJob = { name: string; everySeconds: number; maxAttempts?: number };

const defaultLeaseSeconds = 300;
const defaultMaxAttempts = 5;
const backoffBaseSeconds = 30;
const backoffCapSeconds = 3600;

/** Seconds to wait before the next try after `failures` failures in a row: 30 s, 60 s, 120 s … at most an hour. */
export function backoffSeconds(failures: number): number {
  return Math.min(backoffCapSeconds, backoffBaseSeconds * 2 ** Math.max(0, failures - 1));
}

/** Declares recurring jobs (every process does, at start); an existing row keeps its next run time. */
export async function declareRecurringJobs(db: Kysely<Database>, jobs: readonly RecurringJob[]): Promise<void> {
  for (const job of jobs) {
    await upsertRecurringJob(db, {
      id: randomUUID(),
      name: job.name,
      everySeconds: job.everySeconds,
      maxAttempts: job.maxAttempts ?? defaultMaxAttempts,
      firstRunAt: new Date(),
    });
  }
}

/**
 * Queues a one-off job; call it inside the transaction of the change it follows, so that the job exists only if
 * that change commits. A `uniqueKey` makes a second request for the same thing a no-op.
 */
export async function enqueueJob(
  trx: Kysely<Database>,
  job: { name: string; payload: JobPayload; uniqueKey?: string; runAt?: Date; maxAttempts?: number },
): Promise<void> {
  await insertOneOffJob(trx, {
    id: randomUUID(),
    name: job.name,
    uniqueKey: job.uniqueKey ?? null,
    payload: job.payload,
    runAt: job.runAt ?? new Date(),
    maxAttempts: job.maxAttempts ?? defaultMaxAttempts,
  });
}

/** Makes a recurring job due now, e.g. mail delivery after a commit that queued mail. */
export async function requestJobRun(db: Kysely<Database>, name: string): Promise<void> {
  await updateJobDueNow(db, name);
}

function errorText(error: unknown): string {
  // Handlers throw AppErrors and driver errors: their messages carry codes and ids, never personal data.
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

function nextAfterSuccess(job: JobRow): { status: JobStatus; runAt: Date | null; attempts: number; lastError: null } {
  if (job.every_seconds === null) return { status: 'done', runAt: null, attempts: 0, lastError: null };
  return { status: 'waiting', runAt: new Date(Date.now() + job.every_seconds * 1000), attempts: 0, lastError: null };
}

function nextAfterFailure(job: JobRow, error: string) {
  const failures = job.attempts + 1;
  if (job.every_seconds === null && failures >= job.max_attempts) {
    return { status: 'failed' as const, runAt: null, attempts: failures, lastError: error };
  }
  const delay =
    job.every_seconds === null ? backoffSeconds(failures) : Math.min(backoffSeconds(failures), job.every_seconds);
  return {
    status: 'waiting' as const,
    runAt: new Date(Date.now() + delay * 1000),
    attempts: failures,
    lastError: error,
  };
}

/**
 * Runs due jobs one after another until none is due (or `limit` ran) and returns how many ran and failed.
 * Safe with several processes on one database: each due job is claimed by exactly one of them.
 */
export async function runDueJobs(
  context: JobContext,
  definitions: ReadonlyMap<string, JobDefinition>,
  options: { processId: string; limit?: number },
): Promise<{ ran: number; failed: number }> {
  const names = [...definitions.keys()];
  const limit = options.limit ?? 100;
  let ran = 0;
  let failed = 0;
  // One lease for every claim: the job's kind is known only once it is claimed.
  const leaseSeconds = Math.max(
    defaultLeaseSeconds,
    ...[...definitions.values()].map((definition) => definition.leaseSeconds ?? defaultLeaseSeconds),
  );
  while (ran < limit) {
    const job = await claimDueJob(context.db, options.processId, names, leaseSeconds);
    if (!job) break;
    ran += 1;
    const definition = definitions.get(job.name);
    const startedAt = new Date();
    let outcome: JobRunOutcome = 'succeeded';
    let detail: string | null;
    try {
      if (!definition) throw new Error(`no handler for job ${job.name}`);
      detail = (await definition.handler(context, job.payload)) ?? null;
    } catch (error) {
      outcome = 'failed';
      detail = errorText(error);
      failed += 1;
      logger.warn('job failed', { job: job.name, jobId: job.id, attempt: job.attempts + 1 });
    }
    const kept = await finishJobRun(
      context.db,
      { id: job.id, name: job.name, processId: options.processId, attempt: job.attempts + 1, startedAt },
      {
        outcome,
        detail,
        runIdentifier: randomUUID(),
        next: outcome === 'succeeded' ? nextAfterSuccess(job) : nextAfterFailure(job, detail ?? ''),
      },
    );
    if (!kept) logger.warn('job ran longer than its lease', { job: job.name, jobId: job.id });
    else logger.debug('job ran', { job: job.name, outcome, ms: Date.now() - startedAt.getTime() });
  }
  return { ran, failed };
}

/** A job as administrators see it on /staff/jobs. */
export type JobView = {
  id: string;
  name: string;
  everySeconds: number | null;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  running: boolean;
  lastError: string | null;
  lastRunAt: Date | null;
};

/** A run of a job. */
export type JobRunView = {
  id: string;
  jobId: string;
  jobName: string;
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  outcome: JobRunOutcome;
  detail: string | null;
};

function toJobView(row: JobRow, now: Date): JobView {
  return {
    id: row.id,
    name: row.name,
    everySeconds: row.every_seconds,
    status: row.status,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    running: row.locked_until !== null && row.locked_until > now,
    lastError: row.last_error,
    lastRunAt: row.last_run_at,
  };
}

function toRunView(row: JobRunRow): JobRunView {
  return {
    id: row.id,
    jobId: row.job_id,
    jobName: row.job_name,
    attempt: row.attempt,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    detail: row.detail,
  };
}

/** The jobs (recurring ones, and one-off jobs not yet done) and the latest failed runs, for the staff page. */
export async function getJobsOverview(db: Kysely<Database>): Promise<{ jobs: JobView[]; failedRuns: JobRunView[] }> {
  const now = new Date();
  const [jobs, failedRuns] = [
    await selectJobsForStaff(db, 200),
    await selectJobRuns(db, { failedOnly: true, limit: 50 }),
  ];
  return { jobs: jobs.map((row) => toJobView(row, now)), failedRuns: failedRuns.map(toRunView) };
}

/** The latest runs of every job, newest first (tests and the CLI read them). */
export async function listJobRuns(db: Kysely<Database>, limit = 100): Promise<JobRunView[]> {
  return (await selectJobRuns(db, { failedOnly: false, limit })).map(toRunView);
}

/** Removes runs (and finished one-off jobs) older than `days` days; returns how many runs went. */
export async function pruneJobRuns(db: Kysely<Database>, days = 30): Promise<number> {
  return deleteOldJobRuns(db, days);
}
