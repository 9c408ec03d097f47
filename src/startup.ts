import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { startMailDelivery } from './mail/mail.service.js';

/**
 * What `npm start` does beyond serving: demo data on an empty registry, in-memory indexes, queued jobs.
 * Each step is one line so the start-up sequence reads in one place.
 */
export async function startBackgroundWork(db: Kysely<Database>, config: Config): Promise<void> {
  startMailDelivery(db, config);
  void db;
  void config;
}
