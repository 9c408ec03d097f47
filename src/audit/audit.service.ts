import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { countAuditEvents, insertAuditEvent, selectAuditEvents, selectDistinctActions, type AuditEventFilter } from './audit.repository.js';

/**
 * One entry of the audit trail. Data about released people is special-category data (GDPR Art. 10): events hold
 * ids, actions and codes only — never names, contact details, free text or anything else personal.
 */
export type AuditEventInput = {
  accountId: string | null;
  /** Dotted, domain first: 'registry.service.update', 'account.login', 'account.login_failed'. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** Ids, codes, counts, changed field names — no personal values. */
  details?: Record<string, unknown>;
};

export type AuditEvent = {
  id: string;
  occurredAt: Date;
  accountId: string | null;
  accountEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: Record<string, unknown>;
};

export type { AuditEventFilter };

/** Records an audit event; call it with the transaction that makes the change, so both commit or neither. */
export async function recordAuditEvent(db: Kysely<Database>, event: AuditEventInput): Promise<string> {
  const id = randomUUID();
  await insertAuditEvent(db, {
    id,
    accountId: event.accountId,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    details: event.details ?? {},
  });
  return id;
}

/** One page of audit events, newest first, with the total that match the filter. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditEventFilter, page: { limit: number; offset: number }): Promise<{ events: AuditEvent[]; total: number }> {
  const [rows, total] = await Promise.all([selectAuditEvents(db, filter, page.limit, page.offset), countAuditEvents(db, filter)]);
  return {
    total,
    events: rows.map((row) => ({
      id: row.id,
      occurredAt: new Date(row.occurred_at),
      accountId: row.account_id,
      accountEmail: row.account_email,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      details: row.details ?? {},
    })),
  };
}

/** Every action name recorded so far, for the filter's choices. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  return selectDistinctActions(db);
}
