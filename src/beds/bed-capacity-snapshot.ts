// Every place's beds, kept in memory per process and database handle, so the public finder answers without asking
// the database (on the embedded database a query waits behind every other one). The database stays the source of
// truth: at most every POLL_INTERVAL, on request, a background read of one row (the beds' change counter,
// bed_capacity's count and sum of revisions) says whether anything changed; if so, the capacity rows, open holds
// and blocks are read again. A change made in another process shows within a second. For a short while after
// this process wrote about beds, requests confirm with the database before answering, so whoever changed a figure
// sees it on their next request. What moves with the clock alone — a hold running out, a block starting or ending,
// a figure growing stale — is worked out at the moment of reading, from the kept times (decision 017).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { logger } from '../core/logger.js';
import { millisecondsSinceLocalBedsWrite } from './beds-changes.js';
import { hasFreeBedNow, toBedFigure, toPublicCapacity, type BedFigure, type PublicCapacity } from './beds-figure.js';
import {
  selectBlocksEndingAfter,
  selectCapacityRevision,
  selectCapacitySnapshotRows,
  selectOpenHoldsAfter,
} from './beds.repository.js';

// Two one-row reads a second at most, so a change reaches every process well within a second.
const POLL_INTERVAL_MILLISECONDS = 500;
// After a local write, answers wait for a fresh check for this long (a write's transaction commits within it).
const CONFIRM_AFTER_LOCAL_WRITE_MILLISECONDS = 2000;

type KeptService = {
  row: Awaited<ReturnType<typeof selectCapacitySnapshotRows>>[number];
  /** When each open hold runs out (ms since the epoch). */
  holdsUntil: number[];
  blocks: Array<{ places: number; startsAt: number; endsAt: number }>;
};

type Snapshot = { revision: string; services: KeptService[] };

/** The beds of every place with beds at one moment, as the finder and the HSDS API use them. */
export type BedsNow = {
  figures: ReadonlyMap<string, BedFigure>;
  capacities: ReadonlyMap<string, PublicCapacity>;
  /** The services with a free bed now (not stale, free > 0): the finder's `free_bed=true`. */
  freeNow: ReadonlySet<string>;
  /** Changes whenever a figure may have changed: a part of the finder's kept answers' keys. */
  fingerprint: string;
};

type View = BedsNow & { snapshot: Snapshot; staleAfterSeconds: number; validUntil: number };

type Entry = {
  snapshot: Snapshot | undefined;
  loading: Promise<Snapshot> | undefined;
  check: { startedAt: number; done: Promise<void> } | undefined;
  lastCheckStartedAt: number;
  view: View | undefined;
};

// Keyed by the Kysely instance, like the finder's index: the app, each test database and the CLI apart.
const entries = new WeakMap<Kysely<Database>, Entry>();
let viewsMade = 0;

async function readSnapshot(db: Kysely<Database>, revision: string): Promise<Snapshot> {
  // Read after the revision: a change committed in between is in the rows and moves the next poll's revision.
  const now = new Date();
  const [rows, holds, blocks] = await Promise.all([
    selectCapacitySnapshotRows(db),
    selectOpenHoldsAfter(db, now),
    selectBlocksEndingAfter(db, now),
  ]);
  const byService = new Map<string, KeptService>();
  for (const row of rows) byService.set(row.service_id, { row, holdsUntil: [], blocks: [] });
  for (const hold of holds) byService.get(hold.service_id)?.holdsUntil.push(hold.held_until.getTime());
  for (const block of blocks)
    byService
      .get(block.service_id)
      ?.blocks.push({ places: block.places, startsAt: block.starts_at.getTime(), endsAt: block.ends_at.getTime() });
  return { revision, services: [...byService.values()] };
}

async function firstLoad(db: Kysely<Database>, entry: Entry): Promise<Snapshot> {
  try {
    entry.lastCheckStartedAt = Date.now();
    const snapshot = await readSnapshot(db, await selectCapacityRevision(db));
    entry.snapshot ??= snapshot;
    return entry.snapshot;
  } finally {
    entry.loading = undefined;
  }
}

function startCheck(db: Kysely<Database>, entry: Entry): { startedAt: number; done: Promise<void> } {
  const startedAt = Date.now();
  entry.lastCheckStartedAt = startedAt;
  const check = { startedAt, done: refresh(db, entry) };
  entry.check = check;
  void check.done.finally(() => {
    if (entry.check === check) entry.check = undefined;
  });
  return check;
}

async function refresh(db: Kysely<Database>, entry: Entry): Promise<void> {
  try {
    const revision = await selectCapacityRevision(db);
    if (revision !== entry.snapshot?.revision) entry.snapshot = await readSnapshot(db, revision);
  } catch (error) {
    // The kept figures keep serving (also while the database is away); the next poll tries again.
    logger.warn('beds refresh failed', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Waits for a check of the database that started at or after `since`. */
async function checkedSince(db: Kysely<Database>, entry: Entry, since: number): Promise<void> {
  for (;;) {
    const current = entry.check;
    if (current === undefined) return startCheck(db, entry).done;
    await current.done;
    if (current.startedAt >= since) return;
  }
}

function entryOf(db: Kysely<Database>): Entry {
  let entry = entries.get(db);
  if (!entry) {
    entry = { snapshot: undefined, loading: undefined, check: undefined, lastCheckStartedAt: 0, view: undefined };
    entries.set(db, entry);
  }
  return entry;
}

/**
 * Every place's beds now, from memory. The first call reads them; later calls answer at once and start a background
 * check at most every POLL_INTERVAL — except just after this process wrote about beds, when they wait for one.
 */
export async function bedsNow(db: Kysely<Database>, staleAfterSeconds: number): Promise<BedsNow> {
  const entry = entryOf(db);
  const now = Date.now();
  if (entry.snapshot === undefined) await (entry.loading ??= firstLoad(db, entry));
  else if (millisecondsSinceLocalBedsWrite(now) < CONFIRM_AFTER_LOCAL_WRITE_MILLISECONDS)
    await checkedSince(db, entry, now);
  else if (now - entry.lastCheckStartedAt >= POLL_INTERVAL_MILLISECONDS && entry.check === undefined)
    startCheck(db, entry);
  return viewOf(entry, entry.snapshot!, staleAfterSeconds, Date.now());
}

/** The figures of a snapshot at `now`, kept until the next moment one of them can change with the clock. */
function viewOf(entry: Entry, snapshot: Snapshot, staleAfterSeconds: number, now: number): View {
  const kept = entry.view;
  if (kept && kept.snapshot === snapshot && kept.staleAfterSeconds === staleAfterSeconds && now < kept.validUntil)
    return kept;
  const at = new Date(now);
  const figures = new Map<string, BedFigure>();
  const capacities = new Map<string, PublicCapacity>();
  const freeNow = new Set<string>();
  let validUntil = Number.POSITIVE_INFINITY;
  for (const { row, holdsUntil, blocks } of snapshot.services) {
    let holds = 0;
    for (const until of holdsUntil)
      if (until > now) {
        holds += 1;
        validUntil = Math.min(validUntil, until);
      }
    let blocked = 0;
    for (const block of blocks) {
      if (block.startsAt <= now && block.endsAt > now) blocked += block.places;
      if (block.startsAt > now) validUntil = Math.min(validUntil, block.startsAt);
      if (block.endsAt > now) validUntil = Math.min(validUntil, block.endsAt);
    }
    const staleAt = row.updated_at.getTime() + staleAfterSeconds * 1000;
    if (staleAt >= now) validUntil = Math.min(validUntil, staleAt + 1);
    const figure = toBedFigure({ ...row, holds, blocked }, at, staleAfterSeconds);
    figures.set(row.service_id, figure);
    capacities.set(row.service_id, toPublicCapacity(figure));
    if (hasFreeBedNow(figure)) freeNow.add(row.service_id);
  }
  viewsMade += 1;
  const view: View = {
    figures,
    capacities,
    freeNow,
    fingerprint: `b${viewsMade}`,
    snapshot,
    staleAfterSeconds,
    validUntil,
  };
  entry.view = view;
  return view;
}
