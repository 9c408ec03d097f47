import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type {
  BedBlockTable,
  BedCapacityTable,
  BedCapacityUpdateTable,
  BedHoldTable,
  BedMovementTable,
  BedReminderTable,
} from './beds.table.js';
import { noteLocalBedsWrite } from './beds-changes.js';

// SQL of the beds tables; beds/ owns them. Every function takes `db` or a `trx`.

/** A capacity row with what moves it now: stays since its figure, holds in force, places blocked now. */
export type CapacityFigureRow = {
  service_id: string;
  maximum: number;
  places_men: number;
  places_women: number;
  places_accessible: number;
  available: number;
  figure_at: Date;
  updated_at: Date;
  arrivals: number;
  departures: number;
  holds: number;
  blocked: number;
};

/**
 * The capacity of the given services (all services with beds when `serviceIds` is null), worked out at `now`, in one
 * query: holds count while in force (`held_until > now`), blocks while their period runs.
 */
// What a place's figure is made of, as both the per-request read and the in-memory snapshot select it.
const capacityFigureColumns = [
  'c.service_id',
  'c.maximum',
  'c.places_men',
  'c.places_women',
  'c.places_accessible',
  'c.available',
  'c.figure_at',
  'c.updated_at',
] as const;

export async function selectCapacityFigures(
  db: Kysely<Database>,
  serviceIds: readonly string[] | null,
  now: Date,
): Promise<CapacityFigureRow[]> {
  if (serviceIds !== null && serviceIds.length === 0) return [];
  let query = db
    .selectFrom('bed_capacity as c')
    .select(capacityFigureColumns)
    .select((eb) => [
      eb
        .selectFrom('bed_movement as m')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m.service_id', '=', 'c.service_id')
        .whereRef('m.occurred_at', '>', 'c.figure_at')
        .where('m.kind', '=', 'arrival')
        .as('arrivals'),
      eb
        .selectFrom('bed_movement as m')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m.service_id', '=', 'c.service_id')
        .whereRef('m.occurred_at', '>', 'c.figure_at')
        .where('m.kind', '=', 'departure')
        .as('departures'),
      eb
        .selectFrom('bed_hold as h')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('h.service_id', '=', 'c.service_id')
        .where('h.state', '=', 'held')
        .where('h.held_until', '>', now)
        .as('holds'),
      eb
        .selectFrom('bed_block as b')
        .select(sql<string>`coalesce(sum(b.places), 0)`.as('n'))
        .whereRef('b.service_id', '=', 'c.service_id')
        .where('b.starts_at', '<=', now)
        .where('b.ends_at', '>', now)
        .as('blocked'),
    ]);
  if (serviceIds !== null) query = query.where('c.service_id', 'in', serviceIds);
  const rows = await query.execute();
  return rows.map((row) => ({
    service_id: row.service_id,
    maximum: row.maximum,
    places_men: row.places_men,
    places_women: row.places_women,
    places_accessible: row.places_accessible,
    available: row.available,
    figure_at: row.figure_at,
    updated_at: row.updated_at,
    arrivals: Number(row.arrivals ?? 0),
    departures: Number(row.departures ?? 0),
    holds: Number(row.holds ?? 0),
    blocked: Number(row.blocked ?? 0),
  }));
}

/** Locks one service's capacity row until the transaction ends (holds on the last bed queue here). */
export async function lockCapacityRow(trx: Kysely<Database>, serviceId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('bed_capacity')
    .select('service_id')
    .where('service_id', '=', serviceId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function selectCapacityRow(db: Kysely<Database>, serviceId: string) {
  return db.selectFrom('bed_capacity').selectAll().where('service_id', '=', serviceId).executeTakeFirst();
}

/** Writes a service's figure (insert or replace). */
export async function upsertCapacity(db: Kysely<Database>, values: Insertable<BedCapacityTable>): Promise<void> {
  noteLocalBedsWrite();
  await db
    .insertInto('bed_capacity')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('service_id').doUpdateSet({
        maximum: values.maximum,
        places_men: values.places_men ?? 0,
        places_women: values.places_women ?? 0,
        places_accessible: values.places_accessible ?? 0,
        available: values.available,
        figure_at: values.figure_at,
        updated_at: values.updated_at,
        updated_by: values.updated_by ?? null,
      }),
    )
    .execute();
}

export async function touchCapacity(db: Kysely<Database>, serviceId: string, at: Date, by: string | null) {
  noteLocalBedsWrite();
  await db
    .updateTable('bed_capacity')
    .set({ updated_at: at, updated_by: by })
    .where('service_id', '=', serviceId)
    .execute();
}

export async function insertCapacityUpdate(db: Kysely<Database>, values: Insertable<BedCapacityUpdateTable>) {
  noteLocalBedsWrite();
  await db.insertInto('bed_capacity_update').values(values).execute();
}

export async function insertBlock(db: Kysely<Database>, values: Insertable<BedBlockTable>) {
  noteLocalBedsWrite();
  await db.insertInto('bed_block').values(values).execute();
}

export async function selectBlocksInForce(db: Kysely<Database>, serviceIds: readonly string[], now: Date) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('bed_block')
    .select(['id', 'service_id', 'places', 'reason', 'starts_at', 'ends_at'])
    .where('service_id', 'in', serviceIds)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
}

export async function insertMovement(db: Kysely<Database>, values: Insertable<BedMovementTable>) {
  noteLocalBedsWrite();
  await db.insertInto('bed_movement').values(values).execute();
}

export async function countArrivalsOfReferral(db: Kysely<Database>, referralId: string): Promise<number> {
  const rows = await db.selectFrom('bed_movement').select(['kind']).where('referral_id', '=', referralId).execute();
  return rows.reduce((sum, row) => sum + (row.kind === 'arrival' ? 1 : -1), 0);
}

export async function insertHold(db: Kysely<Database>, values: Insertable<BedHoldTable>) {
  noteLocalBedsWrite();
  await db.insertInto('bed_hold').values(values).execute();
}

/** The referral's open hold (state 'held'), if any, whether or not its time has passed. */
export async function selectOpenHoldOfReferral(db: Kysely<Database>, referralId: string) {
  return db
    .selectFrom('bed_hold')
    .selectAll()
    .where('referral_id', '=', referralId)
    .where('state', '=', 'held')
    .executeTakeFirst();
}

export async function closeHold(
  db: Kysely<Database>,
  id: string,
  state: 'confirmed' | 'released' | 'lapsed',
  at: Date,
): Promise<void> {
  noteLocalBedsWrite();
  await db.updateTable('bed_hold').set({ state, closed_at: at }).where('id', '=', id).execute();
}

/** Marks holds past their time as lapsed; returns them (ids, services, referrals). */
export async function lapseHoldsBefore(db: Kysely<Database>, now: Date) {
  noteLocalBedsWrite();
  return db
    .updateTable('bed_hold')
    .set({ state: 'lapsed', closed_at: now })
    .where('state', '=', 'held')
    .where('held_until', '<=', now)
    .returning(['id', 'service_id', 'referral_id', 'held_until'])
    .execute();
}

export async function selectHoldsOfServices(db: Kysely<Database>, serviceIds: readonly string[], now: Date) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('bed_hold')
    .select(['id', 'service_id', 'held_until'])
    .where('service_id', 'in', serviceIds)
    .where('state', '=', 'held')
    .where('held_until', '>', now)
    .orderBy('held_until')
    .execute();
}

/** Services whose figure was last changed before `before` and that have no reminder for `sentOn` yet. */
export async function selectServicesToRemind(db: Kysely<Database>, before: Date, sentOn: string) {
  return db
    .selectFrom('bed_capacity as c')
    .select(['c.service_id'])
    .where('c.updated_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bed_reminder as r')
            .select('r.service_id')
            .whereRef('r.service_id', '=', 'c.service_id')
            .where('r.sent_on', '=', sentOn),
        ),
      ),
    )
    .orderBy('c.service_id')
    .execute();
}

/** Stores a reminder's token hash; false when the service already has one for that day. */
export async function insertReminder(db: Kysely<Database>, values: Insertable<BedReminderTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('bed_reminder')
    .values(values)
    .onConflict((conflict) => conflict.columns(['service_id', 'sent_on']).doNothing())
    .returning('token_hash')
    .execute();
  return inserted.length > 0;
}

export async function selectReminderForUpdate(trx: Kysely<Database>, tokenHash: string) {
  return trx.selectFrom('bed_reminder').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function selectReminder(db: Kysely<Database>, tokenHash: string) {
  return db.selectFrom('bed_reminder').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markReminderUsed(trx: Kysely<Database>, tokenHash: string, at: Date): Promise<void> {
  await trx.updateTable('bed_reminder').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Locks the capacity rows of the services whose holds have run out, in one order (before lapseHoldsBefore). */
export async function lockCapacityRowsWithHoldsBefore(trx: Kysely<Database>, now: Date): Promise<void> {
  await trx
    .selectFrom('bed_capacity')
    .select('service_id')
    .where('service_id', 'in', (eb) =>
      eb.selectFrom('bed_hold').select('service_id').where('state', '=', 'held').where('held_until', '<=', now),
    )
    .orderBy('service_id')
    .forUpdate()
    .execute();
}

// ---- the in-memory capacity's reads (bed-capacity-snapshot.ts) ----------------------------------------------

/**
 * The beds' change counter: how many capacity rows there are and the sum of their revisions (one row). Any
 * committed change moves it: revisions come from one sequence and only grow; a deleted row lowers the count.
 */
export async function selectCapacityRevision(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('bed_capacity')
    .select(sql<string>`count(*)::text || ':' || coalesce(sum(revision), 0)::text`.as('revision'))
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** Every capacity row with its stays since its figure (what does not depend on the moment it is read). */
export async function selectCapacitySnapshotRows(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('bed_capacity as c')
    .select(capacityFigureColumns)
    .select((eb) => [
      eb
        .selectFrom('bed_movement as m')
        .select(sql<string>`count(*) FILTER (WHERE m.kind = 'arrival')`.as('n'))
        .whereRef('m.service_id', '=', 'c.service_id')
        .whereRef('m.occurred_at', '>', 'c.figure_at')
        .as('arrivals'),
      eb
        .selectFrom('bed_movement as m')
        .select(sql<string>`count(*) FILTER (WHERE m.kind = 'departure')`.as('n'))
        .whereRef('m.service_id', '=', 'c.service_id')
        .whereRef('m.occurred_at', '>', 'c.figure_at')
        .as('departures'),
    ])
    .execute();
  return rows.map((row) => ({
    ...row,
    arrivals: Number(row.arrivals ?? 0),
    departures: Number(row.departures ?? 0),
  }));
}

/** Holds still open and not yet past their time at `now` (they stop counting by themselves when it passes). */
export async function selectOpenHoldsAfter(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('bed_hold')
    .select(['service_id', 'held_until'])
    .where('state', '=', 'held')
    .where('held_until', '>', now)
    .execute();
}

/** Blocks in force now or later. */
export async function selectBlocksEndingAfter(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('bed_block')
    .select(['service_id', 'places', 'starts_at', 'ends_at'])
    .where('ends_at', '>', now)
    .execute();
}
