import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// SQL for the audit trail. Takes `db` or a transaction, so an event commits (or rolls back) with its change.

export async function insertAuditEvent(
  db: Kysely<Database>,
  values: { id: string; accountId: string | null; action: string; entityType: string | null; entityId: string | null; details: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({ id: values.id, account_id: values.accountId, action: values.action, entity_type: values.entityType, entity_id: values.entityId, details: JSON.stringify(values.details) })
    .execute();
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
    .select(['audit_event.id', 'audit_event.occurred_at', 'audit_event.account_id', 'account.email as account_email', 'audit_event.action', 'audit_event.entity_type', 'audit_event.entity_id', 'audit_event.details'])
    .orderBy('audit_event.occurred_at', 'desc')
    .orderBy('audit_event.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countAuditEvents(db: Kysely<Database>, filter: AuditEventFilter): Promise<number> {
  const row = await filteredEvents(db, filter).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function selectDistinctActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
  return rows.map((row) => row.action);
}
