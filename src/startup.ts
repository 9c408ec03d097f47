import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { loadDemoDataIfRegistryEmpty } from './demo/demo.service.js';
import { warmFinderIndex } from './finder/finder-index-cache.js';
import { logger } from './core/logger.js';
import { startMailDelivery } from './mail/mail.service.js';

/**
 * What `npm start` does beyond serving: demo data on an empty registry, in-memory indexes, queued jobs.
 * Each step is one line so the start-up sequence reads in one place.
 */
export async function startBackgroundWork(db: Kysely<Database>, config: Config): Promise<void> {
  const demo = await loadDemoDataIfRegistryEmpty(db);
  if (demo.loaded) logger.info('the registry was empty: demo data loaded', { institutions: demo.institutions, services: demo.services });
  startMailDelivery(db, config);
  warmFinderIndex(db);
  void db;
  void config;
}
