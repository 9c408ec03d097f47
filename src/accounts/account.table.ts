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
  notification_mode: Generated<NotificationMode>;
}

/** How a staff member hears of referral events: one e-mail each, or one digest a day. */
export const notificationModes = ['immediate', 'digest'] as const;
export type NotificationMode = (typeof notificationModes)[number];

/** An e-mailed link that creates an account (account_id null) or sets a new password for one. */
export interface AccountInvitationTable {
  id: string;
  email: string;
  display_name: string;
  role: AccountRole;
  organization_id: string | null;
  account_id: string | null;
  /** SHA-256 (hex) of the link's token; the token itself is only in the e-mail. */
  token_hash: string;
  expires_at: Date;
  invited_by: string | null;
  created_at: Generated<Date>;
  accepted_at: Date | null;
  revoked_at: Date | null;
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
