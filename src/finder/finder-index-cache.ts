// Keeps one finder index per database handle and keeps it fresh. Every app process polls the registry's change
// counter (registry_revision) at most once per POLL_INTERVAL, on request; when it moved, the index is rebuilt
// in the background while the old one keeps answering. The database stays the source of truth: no process
// has to tell another that something changed. A build starts from the snapshot of the current revision when one is
// kept (finder-snapshot.ts), else reads the tables and then keeps a snapshot for the next process or restart.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { logger } from '../core/logger.js';
import { listTerritories } from '../territories/territory.service.js';
import { buildFinderIndex, type FinderIndex } from './finder-index.js';
import { needWordsForIndex } from './finder.messages.js';
import {
  finderSourceTableNames,
  parseFinderSourceTable,
  selectFinderSourceTexts,
  selectRegistryRevision,
  type FinderSourceRows,
  type FinderSourceTexts,
} from './finder.repository.js';
import { keepFinderSnapshot, readFinderSnapshot } from './finder-snapshot.js';

// Short, so a change reaches every process within a second (a revision check is one primary-key read).
const POLL_INTERVAL_MILLISECONDS = 200;

type CacheEntry = {
  index: FinderIndex | undefined;
  building: Promise<FinderIndex> | undefined;
  checking: boolean;
  lastCheckedAt: number;
  /** The snapshot being written after a build from the tables (tests and the bench wait for it). */
  keepingSnapshot: Promise<void> | undefined;
};

// Keyed by the Kysely instance: the app, each test database and the CLI each get their own index.
const entries = new WeakMap<Kysely<Database>, CacheEntry>();

/** Where a build's rows came from: the current revision's snapshot, or the registry tables (then kept as texts). */
export type FinderIndexLoad = { index: FinderIndex; from: 'snapshot' | 'tables'; texts?: FinderSourceTexts };

/**
 * Reads the registry and builds a fresh index (the database path of buildFinderIndex): from the current revision's
 * snapshot when `useSnapshot` and one is kept, else from the tables (whose texts are returned, to keep as a snapshot).
 */
export async function loadFinderIndex(
  db: Kysely<Database>,
  options: { useSnapshot: boolean } = { useSnapshot: true },
): Promise<FinderIndexLoad> {
  const readSource = async (): Promise<{ texts: FinderSourceTexts; fromSnapshot: boolean }> => {
    const snapshot = options.useSnapshot
      ? await readFinderSnapshot(db).catch((error: unknown) => {
          // A damaged snapshot costs a read of the tables, never the finder.
          logger.warn('finder snapshot not used', { error: error instanceof Error ? error.message : String(error) });
          return undefined;
        })
      : undefined;
    return snapshot
      ? { texts: snapshot, fromSnapshot: true }
      : { texts: await selectFinderSourceTexts(db), fromSnapshot: false };
  };
  const [{ texts, fromSnapshot }, territories] = await Promise.all([
    readSource(),
    listTerritories(db, { includeHistorical: true }),
  ]);
  const source = await parseCooperatively(texts);
  const index = await buildFinderIndex(source, territories, needWordsForIndex());
  return fromSnapshot ? { index, from: 'snapshot' } : { index, from: 'tables', texts };
}

/** Reads the registry's tables (never a snapshot) and builds a fresh index. */
export async function buildFinderIndexFromDatabase(db: Kysely<Database>): Promise<FinderIndex> {
  return (await loadFinderIndex(db, { useSnapshot: false })).index;
}

/** Parses table after table, giving the event loop a turn between them, so a rebuild does not stall requests. */
async function parseCooperatively(texts: FinderSourceTexts): Promise<FinderSourceRows> {
  const rows: Record<string, unknown> = { revision: texts.revision };
  for (const name of finderSourceTableNames) {
    await new Promise((resume) => setImmediate(resume));
    rows[name] = parseFinderSourceTable(name, texts.tables[name]);
  }
  return rows as FinderSourceRows;
}

/** Resolves when the snapshot this database's last build from the tables started to write is written (or failed). */
export async function finderSnapshotKept(db: Kysely<Database>): Promise<void> {
  await entries.get(db)?.keepingSnapshot;
}

/**
 * The index for this database: the first call waits for a build; later calls answer at once with the current
 * index and, at most every POLL_INTERVAL, start a background check of registry_revision (and a rebuild if it moved).
 */
export async function getFinderIndex(db: Kysely<Database>): Promise<FinderIndex> {
  let entry = entries.get(db);
  if (!entry) {
    entry = { index: undefined, building: undefined, checking: false, lastCheckedAt: 0, keepingSnapshot: undefined };
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
    const { index, from, texts } = await loadFinderIndex(db);
    entry.index = index;
    entry.lastCheckedAt = Date.now();
    logger.info('finder index built', {
      revision: index.revision,
      services: index.services.length,
      from,
      ms: Math.round(performance.now() - started),
    });
    // After the swap, so nobody waits for it: the next process (or this one, restarted) starts from it.
    if (texts) entry.keepingSnapshot = keepSnapshotInBackground(db, texts);
    return index;
  } finally {
    entry.building = undefined;
  }
}

async function keepSnapshotInBackground(db: Kysely<Database>, texts: FinderSourceTexts): Promise<void> {
  try {
    const started = performance.now();
    if (await keepFinderSnapshot(db, texts))
      logger.info('finder snapshot kept', { revision: texts.revision, ms: Math.round(performance.now() - started) });
  } catch (error) {
    // Without it the next start reads the tables, as before: slower, never wrong.
    logger.warn('finder snapshot not kept', { error: error instanceof Error ? error.message : String(error) });
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
