import type { Generated } from 'kysely';

// Row types of the accounts tables (db/migrations/20261125_0200_accounts.sql). Only accounts/ writes them.

import type { AccountRole } from '../core/account.js';

export type { AccountRole };

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  role: AccountRole;
  organization_id: string | null;
  password_hash: string;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
  last_login_at: Date | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the token the cookie carries. */
  id: string;
  account_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  email_key: string;
  client_key: string;
  succeeded: boolean;
  attempted_at: Generated<Date>;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}
