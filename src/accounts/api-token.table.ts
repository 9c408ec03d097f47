import type { Generated } from 'kysely';

// Row type of the API bearer tokens (db/migrations/20261206_0610_network.sql). Only accounts/ writes it.

export interface ApiTokenTable {
  id: string;
  account_id: string;
  /** SHA-256 (hex) of the token: a leaked table opens nothing. */
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
