import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { loadDemoDataIfDatabaseEmpty } from './demo/demo.service.js';
import { warmFinderIndex } from './finder/finder-index-cache.js';
import { logger } from './core/logger.js';
import { startJobRunner } from './jobs/job-runner.js';

/**
 * What `npm start` does beyond serving: demonstration data on an empty database, in-memory indexes, queued jobs.
 * Each step is one line so the start-up sequence reads in one place.
 */
export async function startBackgroundWork(
  db: Kysely<Database>,
  config: Config,
): Promise<{ stopJobs: () => Promise<void> }> {
  const demo = await loadDemoDataIfDatabaseEmpty(db);
  if (demo.loaded) {
    const { institutions, services, waveResponses } = demo;
    logger.info('the database was empty: demonstration data loaded', { institutions, services, waveResponses });
  }
  // The finder first (from the current revision's snapshot when one is kept: docs/decisions/005), so the jobs'
  // first runs queue behind its reads instead of in front of them.
  warmFinderIndex(db);
  // Mail delivery, referral expiries and notifications, the daily audit anchor: jobs in the database (jobs/).
  const jobs = await startJobRunner(db, config);
  void jobs.runNow();
  // main.ts may await this before closing the database; a run cut short is taken again when its lease ends.
  return { stopJobs: jobs.stop };
}
