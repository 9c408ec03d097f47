import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ChainedEvent } from './audit-chain.js';

// SQL for the audit trail. Takes `db` or a transaction, so an event commits (or rolls back) with its change.

/** A stored event with its place in its chain (audit-chain.ts says what the hash covers). */
export type AuditEventRow = ChainedEvent & { hash: string };

export async function insertAuditEvent(db: Kysely<Database>, values: AuditEventRow): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: values.id,
      occurred_at: values.occurredAt,
      account_id: values.accountId,
      action: values.action,
      entity_type: values.entityType,
      entity_id: values.entityId,
      details: JSON.stringify(values.details),
      chain_partition: values.chainPartition,
      chain_sequence: values.chainSequence,
      previous_hash: values.previousHash,
      hash: values.hash,
    })
    .execute();
}

/** Locks one chain's head until the transaction ends: the next event of that chain waits for this one. */
export async function lockChainHead(
  trx: Kysely<Database>,
  partition: number,
): Promise<{ sequence: number; hash: string }> {
  const row = await trx
    .selectFrom('audit_chain_head')
    .select(['chain_sequence', 'hash'])
    .where('chain_partition', '=', partition)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { sequence: Number(row.chain_sequence), hash: row.hash };
}

/** Locks every chain head in partition order (one order everywhere, so two anchors cannot deadlock). */
export async function lockAllChainHeads(
  trx: Kysely<Database>,
): Promise<{ partition: number; sequence: number; hash: string }[]> {
  const rows = await trx
    .selectFrom('audit_chain_head')
    .select(['chain_partition', 'chain_sequence', 'hash'])
    .orderBy('chain_partition')
    .forUpdate()
    .execute();
  return rows.map((row) => ({ partition: row.chain_partition, sequence: Number(row.chain_sequence), hash: row.hash }));
}

export async function updateChainHead(
  trx: Kysely<Database>,
  partition: number,
  sequence: number,
  hash: string,
): Promise<void> {
  await trx
    .updateTable('audit_chain_head')
    .set({ chain_sequence: sequence, hash })
    .where('chain_partition', '=', partition)
    .execute();
}

export async function selectChainHeads(
  db: Kysely<Database>,
): Promise<{ partition: number; sequence: number; hash: string }[]> {
  const rows = await db
    .selectFrom('audit_chain_head')
    .select(['chain_partition', 'chain_sequence', 'hash'])
    .orderBy('chain_partition')
    .execute();
  return rows.map((row) => ({ partition: row.chain_partition, sequence: Number(row.chain_sequence), hash: row.hash }));
}

/** One batch of a chain's events after `afterSequence`, in chain order (keyset paging: memory stays flat). */
export async function selectChainBatch(
  db: Kysely<Database>,
  partition: number,
  afterSequence: number,
  limit: number,
): Promise<AuditEventRow[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select([
      'id',
      'occurred_at',
      'account_id',
      'action',
      'entity_type',
      'entity_id',
      'details',
      'chain_partition',
      'chain_sequence',
      'previous_hash',
      'hash',
    ])
    .where('chain_partition', '=', partition)
    .where('chain_sequence', '>', String(afterSequence) as never)
    .orderBy('chain_sequence')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    occurredAt: new Date(row.occurred_at),
    accountId: row.account_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details ?? {},
    chainPartition: row.chain_partition ?? partition,
    chainSequence: Number(row.chain_sequence),
    previousHash: row.previous_hash ?? '',
    hash: row.hash ?? '',
  }));
}

export type AuditEventFilter = { action?: string; entityType?: string; entityId?: string; from?: string; to?: string };

function filteredEvents(db: Kysely<Database>, filter: AuditEventFilter) {
  let query = db.selectFrom('audit_event').leftJoin('account', 'account.id', 'audit_event.account_id');
  // A prefix matches a family of actions: "registry." finds every registry change.
  if (filter.action) query = query.where('audit_event.action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.entityType) query = query.where('audit_event.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_event.entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('audit_event.occurred_at', '>=', sql<Date>`${filter.from}::date`);
  if (filter.to) query = query.where('audit_event.occurred_at', '<', sql<Date>`${filter.to}::date + 1`);
  return query;
}

export async function selectAuditEvents(db: Kysely<Database>, filter: AuditEventFilter, limit: number, offset: number) {
  return filteredEvents(db, filter)
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.account_id',
      'account.email as account_email',
      'audit_event.action',
      'audit_event.entity_type',
      'audit_event.entity_id',
      'audit_event.details',
    ])
    .orderBy('audit_event.occurred_at', 'desc')
    .orderBy('audit_event.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countAuditEvents(db: Kysely<Database>, filter: AuditEventFilter): Promise<number> {
  const row = await filteredEvents(db, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function selectDistinctActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
  return rows.map((row) => row.action);
}

/** The anchor events (few: one per anchoring run), oldest first. */
export async function selectAnchorEvents(
  db: Kysely<Database>,
): Promise<{ id: string; sequence: number; details: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['id', 'chain_sequence', 'details'])
    .where('action', '=', 'audit.anchor')
    .where('chain_partition', '=', 0)
    .orderBy('chain_sequence')
    .execute();
  return rows.map((row) => ({ id: row.id, sequence: Number(row.chain_sequence), details: row.details ?? {} }));
}

/** Every event about any of these records, oldest first (a subject-access export: who read or received what). */
export async function selectEventsForEntities(db: Kysely<Database>, entityIds: readonly string[]) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('audit_event')
    .select(['id', 'occurred_at', 'account_id', 'action', 'entity_type', 'entity_id', 'details'])
    .where('entity_id', 'in', [...entityIds])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** Where each chain begins after retention deleted its oldest events (none: it begins at 'genesis'). */
export async function selectChainCheckpoints(
  db: Kysely<Database>,
): Promise<{ partition: number; sequence: number; hash: string }[]> {
  const rows = await db
    .selectFrom('audit_chain_checkpoint')
    .select(['chain_partition', 'chain_sequence', 'hash'])
    .orderBy('chain_partition')
    .execute();
  return rows.map((row) => ({ partition: row.chain_partition, sequence: Number(row.chain_sequence), hash: row.hash }));
}

/** The first place in a chain whose event is not older than `before` (undefined: every event is older). */
export async function selectFirstSequenceSince(
  db: Kysely<Database>,
  partition: number,
  before: Date,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.min('chain_sequence').as('first'))
    .where('chain_partition', '=', partition)
    .where('occurred_at', '>=', before)
    .executeTakeFirst();
  return row?.first === null || row?.first === undefined ? undefined : Number(row.first);
}

/** How many events of a chain sit at or before `sequence`, and the hash of the one at `sequence`. */
export async function selectChainPrefix(
  db: Kysely<Database>,
  partition: number,
  sequence: number,
): Promise<{ count: number; hash: string | undefined }> {
  const counted = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('chain_partition', '=', partition)
    .where('chain_sequence', '<=', String(sequence) as never)
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('audit_event')
    .select('hash')
    .where('chain_partition', '=', partition)
    .where('chain_sequence', '=', String(sequence) as never)
    .executeTakeFirst();
  return { count: Number(counted.count), hash: last?.hash ?? undefined };
}

/** Deletes a chain's events up to `sequence`; the caller has set atlas.audit_retention in its transaction. */
export async function deleteChainPrefix(trx: Kysely<Database>, partition: number, sequence: number): Promise<number> {
  const result = await trx
    .deleteFrom('audit_event')
    .where('chain_partition', '=', partition)
    .where('chain_sequence', '<=', String(sequence) as never)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Events written before the chains existed (no chain) that are older than `before`: counted or deleted. */
export async function deleteUnchainedEventsBefore(trx: Kysely<Database>, before: Date, apply: boolean) {
  if (!apply) {
    const row = await trx
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('chain_partition', 'is', null)
      .where('occurred_at', '<', before)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await trx
    .deleteFrom('audit_event')
    .where('chain_partition', 'is', null)
    .where('occurred_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function upsertChainCheckpoint(trx: Kysely<Database>, partition: number, sequence: number, hash: string) {
  await trx
    .insertInto('audit_chain_checkpoint')
    .values({ chain_partition: partition, chain_sequence: sequence, hash, recorded_at: new Date() })
    .onConflict((conflict) =>
      conflict.column('chain_partition').doUpdateSet({ chain_sequence: sequence, hash, recorded_at: new Date() }),
    )
    .execute();
}

/** The newest event recording a retention deletion of audit events (it names the checkpoints it left). */
export async function selectLatestPruneEvent(db: Kysely<Database>) {
  const row = await db
    .selectFrom('audit_event')
    .select(['id', 'details'])
    .where('action', '=', 'audit.prune')
    .where('chain_partition', '=', 0)
    .orderBy('chain_sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, details: row.details ?? {} } : undefined;
}
