-- Scheduled work in the database (docs/decisions/012): one row per job, claimed with FOR UPDATE SKIP LOCKED and
-- a lease, so that with several app processes on one database exactly one process runs each due job.
CREATE TABLE job (
  id uuid PRIMARY KEY,
  -- which handler runs it: 'mail.deliver', 'referrals.expire', 'audit.anchor', 'referrals.notify', …
  name text NOT NULL,
  -- a recurring job has a fixed key (its name) so that every process declaring it finds the same row
  unique_key text UNIQUE,
  -- what a one-off job is about, ids and codes only (never a name or a personal code)
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- recurring jobs: the interval; their run_at moves forward after each run. Null for a one-off job.
  every_seconds integer CHECK (every_seconds IS NULL OR every_seconds > 0),
  -- waiting: due at run_at; done: a one-off job that succeeded; failed: a one-off job out of attempts
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  -- failures since the last success (the backoff grows with it)
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  -- the lease of the process running it now; another process may take the job only after locked_until
  locked_by uuid,
  locked_until timestamptz,
  last_error text,
  last_run_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_due_idx ON job (run_at) WHERE status = 'waiting';

-- Every run of a job: when, by which process, how it ended.
CREATE TABLE job_run (
  id uuid PRIMARY KEY,
  job_id uuid NOT NULL REFERENCES job (id) ON DELETE CASCADE,
  job_name text NOT NULL,
  attempt integer NOT NULL,
  process_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  -- what the handler reported (counts) or why it failed; handlers never put personal data in either
  detail text
);
CREATE INDEX job_run_job_idx ON job_run (job_id, started_at DESC);
CREATE INDEX job_run_failed_idx ON job_run (started_at DESC) WHERE outcome = 'failed';
