import type { ColumnType, Generated } from 'kysely';

// Row types of the job tables (db/migrations/20261206_0700_jobs.sql). Only jobs/ writes them.

export const jobStatuses = ['waiting', 'done', 'failed'] as const;
/** waiting: due at run_at; done: a one-off job that succeeded; failed: a one-off job out of attempts. */
export type JobStatus = (typeof jobStatuses)[number];

export const jobRunOutcomes = ['succeeded', 'failed'] as const;
export type JobRunOutcome = (typeof jobRunOutcomes)[number];

/** What a job is about: ids and codes only. */
export type JobPayload = Record<string, string | number | boolean | null>;

export interface JobTable {
  id: string;
  name: string;
  unique_key: string | null;
  payload: ColumnType<JobPayload, string | undefined, string>;
  every_seconds: number | null;
  status: Generated<JobStatus>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  last_run_at: Date | null;
  created_at: Generated<Date>;
}

export interface JobRunTable {
  id: string;
  job_id: string;
  job_name: string;
  attempt: number;
  process_id: string;
  started_at: Date;
  finished_at: Generated<Date>;
  outcome: JobRunOutcome;
  detail: string | null;
}
