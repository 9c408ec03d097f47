// Keeps one finder index per database handle and keeps it fresh. Every app process polls the registry's change
// counter (registry_revision) at most once per POLL_INTERVAL, on request; when it moved, the index is rebuilt
// in the background while the old one keeps answering. The database stays the source of truth: no process
// has to tell another that something changed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { logger } from '../core/logger.js';
import { listTerritories } from '../territories/territory.service.js';
import { buildFinderIndex, type FinderIndex } from './finder-index.js';
import { needWordsForIndex } from './finder.messages.js';
import { selectFinderSourceRows, selectRegistryRevision } from './finder.repository.js';

// Short, so a change reaches every process within a second (a revision check is one primary-key read).
const POLL_INTERVAL_MILLISECONDS = 200;

type CacheEntry = {
  index: FinderIndex | undefined;
  building: Promise<FinderIndex> | undefined;
  checking: boolean;
  lastCheckedAt: number;
};

// Keyed by the Kysely instance: the app, each test database and the CLI each get their own index.
const entries = new WeakMap<Kysely<Database>, CacheEntry>();

/** Reads the registry and builds a fresh index (the database path of buildFinderIndex). */
export async function buildFinderIndexFromDatabase(db: Kysely<Database>): Promise<FinderIndex> {
  const [source, territories] = await Promise.all([
    selectFinderSourceRows(db),
    listTerritories(db, { includeHistorical: true }),
  ]);
  return buildFinderIndex(source, territories, needWordsForIndex());
}

/**
 * The index for this database: the first call waits for a build; later calls answer at once with the current
 * index and, at most every POLL_INTERVAL, start a background check of registry_revision (and a rebuild if it moved).
 */
export async function getFinderIndex(db: Kysely<Database>): Promise<FinderIndex> {
  let entry = entries.get(db);
  if (!entry) {
    entry = { index: undefined, building: undefined, checking: false, lastCheckedAt: 0 };
    entries.set(db, entry);
  }
  if (entry.index === undefined) return (entry.building ??= rebuild(db, entry));
  const now = Date.now();
  if (now - entry.lastCheckedAt >= POLL_INTERVAL_MILLISECONDS && !entry.checking && entry.building === undefined) {
    entry.lastCheckedAt = now;
    entry.checking = true;
    const checked = entry;
    void checkRevision(db, checked).finally(() => {
      checked.checking = false;
    });
  }
  return entry.index;
}

/** Starts building the index now (at start-up), so the first visitor does not wait for it. */
export function warmFinderIndex(db: Kysely<Database>): void {
  getFinderIndex(db).catch((error: unknown) =>
    logger.warn('finder index build failed', { error: error instanceof Error ? error.message : String(error) }),
  );
}

async function rebuild(db: Kysely<Database>, entry: CacheEntry): Promise<FinderIndex> {
  try {
    const started = performance.now();
    const index = await buildFinderIndexFromDatabase(db);
    entry.index = index;
    entry.lastCheckedAt = Date.now();
    logger.info('finder index built', {
      revision: index.revision,
      services: index.services.length,
      ms: Math.round(performance.now() - started),
    });
    return index;
  } finally {
    entry.building = undefined;
  }
}

async function checkRevision(db: Kysely<Database>, entry: CacheEntry): Promise<void> {
  try {
    const revision = await selectRegistryRevision(db);
    if (entry.index !== undefined && revision !== entry.index.revision && entry.building === undefined) {
      entry.building = rebuild(db, entry);
      await entry.building;
    }
  } catch (error) {
    // The old index keeps serving; the next poll tries again.
    logger.warn('finder index refresh failed', { error: error instanceof Error ? error.message : String(error) });
  }
}
