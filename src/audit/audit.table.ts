import type { ColumnType } from 'kysely';

// Row types of the audit trail (db/migrations/20261125_0200_accounts.sql, 20261206_0600_audit_chain.sql).
// Only audit/ writes them; the database refuses updates and deletes of audit_event.

export interface AuditEventTable {
  id: string;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  // pg parses jsonb into objects; we write a JSON string so arrays are never mistaken for SQL arrays.
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  // Its place in one of the eight hash chains (NULL for events older than the chains).
  chain_partition: number | null;
  chain_sequence: ColumnType<string | null, number | null, never>;
  previous_hash: string | null;
  hash: string | null;
}

export interface AuditChainHeadTable {
  chain_partition: number;
  chain_sequence: ColumnType<string, number, number>;
  hash: string;
}

/** Where each chain now begins after the retention job deleted its oldest events (migration 20261207_0200). */
export interface AuditChainCheckpointTable {
  chain_partition: number;
  /** The last deleted event's place in its chain and its hash: the next event's previous hash. */
  chain_sequence: ColumnType<string, number, number>;
  hash: string;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
}
