// Unmet bed-nights from public finder searches, queued in memory and written a moment later in one transaction,
// so a search for a bed never waits for a write (on the embedded database a write waits behind every other query).
// The queue is written within FLUSH_DELAY, and main.ts writes what is left before it closes the database on a
// normal shutdown; a failed write keeps its records for the next try. Only need × municipality × night is queued.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { logger } from '../core/logger.js';
import { recordUnmetBedNight } from '../planning/unmet-need.service.js';

const FLUSH_DELAY_MILLISECONDS = 250;
// A bound on what waits in memory while the database is away (each record is a few dozen bytes).
const MOST_QUEUED = 100_000;

type Queued = { territoryCode: string; night: string };
type Queue = { records: Queued[]; timer: NodeJS.Timeout | undefined; writing: Promise<void> | undefined };

const queues = new Map<Kysely<Database>, Queue>();

/** Queues one unmet bed-night of a finder search (shelter × municipality × night), written within a moment. */
export function queueUnmetBedNight(db: Kysely<Database>, record: Queued): void {
  let queue = queues.get(db);
  if (!queue) {
    queue = { records: [], timer: undefined, writing: undefined };
    queues.set(db, queue);
  }
  if (queue.records.length >= MOST_QUEUED) return;
  queue.records.push(record);
  scheduleFlush(db, queue, FLUSH_DELAY_MILLISECONDS);
}

function scheduleFlush(db: Kysely<Database>, queue: Queue, delay: number): void {
  if (queue.timer !== undefined) return;
  queue.timer = setTimeout(() => {
    queue.timer = undefined;
    void flushQueue(db, queue).catch(() => {
      // Logged in flushQueue; the records wait for the next try.
      scheduleFlush(db, queue, 5_000);
    });
  }, delay);
  queue.timer.unref();
}

async function flushQueue(db: Kysely<Database>, queue: Queue): Promise<void> {
  while (queue.writing) await queue.writing.catch(() => undefined);
  const records = queue.records.splice(0);
  if (records.length === 0) return;
  const writing = db.transaction().execute(async (trx) => {
    for (const record of records) await recordUnmetBedNight(trx, { ...record, source: 'finder_no_free_bed' });
  });
  queue.writing = writing;
  try {
    await writing;
  } catch (error) {
    queue.records.unshift(...records.slice(0, MOST_QUEUED - queue.records.length));
    logger.warn('unmet bed-nights not written yet', {
      records: records.length,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    queue.writing = undefined;
    if (queue.records.length === 0 && queue.timer === undefined) queues.delete(db);
  }
}

/**
 * Writes the queued unmet bed-nights now (of one database, or of all): before the database closes on a shutdown,
 * and where a test reads the planners' figures right after searching.
 */
export async function flushUnmetBedNights(db?: Kysely<Database>): Promise<void> {
  const targets = db ? [db] : [...queues.keys()];
  for (const target of targets) {
    const queue = queues.get(target);
    if (!queue) continue;
    if (queue.timer !== undefined) clearTimeout(queue.timer);
    queue.timer = undefined;
    await flushQueue(target, queue);
  }
}
