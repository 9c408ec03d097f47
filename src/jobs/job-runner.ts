import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { anchorAuditChains } from '../audit/audit.service.js';
import { logger } from '../core/logger.js';
import { deliverDueMessages } from '../mail/mail.service.js';
import { lapseBedHolds, sendBedReminders } from '../beds/beds.service.js';
import { expireOverdueReferrals } from '../referrals/referral-expiry.service.js';
import { runRetention } from '../retention/retention.service.js';
import { referralNotificationJob, sendReferralNotification } from '../referrals/referral-notifications.js';
import { referralDigestJob, sendDailyDigests } from '../referrals/referral-digest.js';
import { registryUpkeepJob, runRegistryUpkeep } from '../registry/upkeep.service.js';
import {
  declareRecurringJobs,
  pruneJobRuns,
  runDueJobs,
  type JobContext,
  type JobDefinition,
  type RecurringJob,
} from './job.service.js';

// The jobs this app runs and the loop that runs them, started from startup.ts in every app process. The
// handlers are thin adapters over domain services (STYLE.md, practice 8); the table decides which process runs
// each due job, so N processes on one PostgreSQL run each job once.

/** Every job kind a process can run, by name. */
export const jobDefinitions: ReadonlyMap<string, JobDefinition> = new Map<string, JobDefinition>([
  [
    'mail.deliver',
    {
      // An SMTP run may take a while: the lease must outlast it (each message also has its own lease).
      leaseSeconds: 900,
      handler: async ({ db, config }) => {
        const { sent, failed } = await deliverDueMessages(db, config);
        return `sent ${sent}, failed ${failed}`;
      },
    },
  ],
  ['referrals.expire', { handler: async ({ db }) => `expired ${await expireOverdueReferrals(db)}` }],
  [referralNotificationJob, { handler: ({ db, config }, payload) => sendReferralNotification(db, config, payload) }],
  [referralDigestJob, { handler: ({ db, config }) => sendDailyDigests(db, config) }],
  [
    'audit.anchor',
    {
      handler: async ({ db }) => {
        await anchorAuditChains(db);
        return 'anchored';
      },
    },
  ],
  ['jobs.prune', { handler: async ({ db }) => `removed ${await pruneJobRuns(db)} runs` }],
  [
    'retention.run',
    {
      // The schedule of docs/privacy/retention.md; the detail keeps the counts per kind (no ids).
      handler: async ({ db, config }) => {
        const { counts } = await runRetention(db, config, { dryRun: false });
        return Object.entries(counts)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', ');
      },
    },
  ],
  [registryUpkeepJob, { handler: ({ db, config }) => runRegistryUpkeep(db, config) }],
  ['beds.lapse', { handler: async ({ db }) => `lapsed ${await lapseBedHolds(db)}` }],
  ['beds.remind', { handler: async ({ db, config }) => `reminded ${(await sendBedReminders(db, config)).sent}` }],
]);

/** The recurring jobs: mail and expiries every minute, the referral digest check every 15 minutes, the audit anchor,
 * pruning and retention daily. */
export const recurringJobs: readonly RecurringJob[] = [
  { name: 'mail.deliver', everySeconds: 60 },
  { name: 'referrals.expire', everySeconds: 60 },
  // Looks every 15 minutes; sends each account's digest once a day, from 07:00 Riga time (referral-digest.ts).
  { name: referralDigestJob, everySeconds: 15 * 60 },
  { name: 'audit.anchor', everySeconds: 24 * 60 * 60 },
  { name: 'jobs.prune', everySeconds: 24 * 60 * 60 },
  { name: 'retention.run', everySeconds: 24 * 60 * 60 },
  { name: registryUpkeepJob, everySeconds: 24 * 60 * 60 },
  // beds/: lapsed holds marked every minute; the evening reminder looks every 5 minutes, sends once a day per place
  { name: 'beds.lapse', everySeconds: 60 },
  { name: 'beds.remind', everySeconds: 300 },
];

export type JobRunner = {
  /** This process's id in job_run rows and leases. */
  processId: string;
  /** Runs due jobs now (besides the timer); resolves when the pass ends. */
  runNow: () => Promise<{ ran: number; failed: number }>;
  /** Stops the timer and waits for a running pass to end. */
  stop: () => Promise<void>;
};

/**
 * Declares the recurring jobs and checks for due jobs every `pollSeconds` (5 s by default) until stopped.
 * One pass at a time per process; other processes' passes are kept apart by the table.
 */
export async function startJobRunner(
  db: Kysely<Database>,
  config: Config,
  options: { pollSeconds?: number; definitions?: ReadonlyMap<string, JobDefinition>; timer?: boolean } = {},
): Promise<JobRunner> {
  const definitions = options.definitions ?? jobDefinitions;
  if (!options.definitions) await declareRecurringJobs(db, recurringJobs);
  const processId = randomUUID();
  const context: JobContext = { db, config };
  let pass: Promise<{ ran: number; failed: number }> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runNow = () => {
    pass ??= runDueJobs(context, definitions, { processId })
      .catch((error: unknown) => {
        logger.error('job pass failed', { error: error instanceof Error ? error.message : String(error) });
        return { ran: 0, failed: 0 };
      })
      .finally(() => {
        pass = null;
      });
    return pass;
  };
  const schedule = () => {
    if (stopped || options.timer === false) return;
    timer = setTimeout(
      () => {
        void runNow().finally(schedule);
      },
      (options.pollSeconds ?? 5) * 1000,
    );
    timer.unref();
  };
  schedule();
  return {
    processId,
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
