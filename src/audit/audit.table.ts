import type { ColumnType, Generated } from 'kysely';

// Row type of the audit trail (db/migrations/20261125_0200_accounts.sql). Only audit/ writes it.

export interface AuditEventTable {
  id: string;
  occurred_at: Generated<Date>;
  account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  // pg parses jsonb into objects; we write a JSON string so arrays are never mistaken for SQL arrays.
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}
