import type { ColumnType, Generated } from 'kysely';
import type { ReferralOutcome, ReferralState } from './referral-machine.js';

// Row types of referrals, their events and messages (db/migrations/20261206_0610_network.sql). Only referrals/
// writes them; events are appended, never changed.

type Json<T> = ColumnType<T, string, string>;

export interface ReferralTable {
  id: string;
  person_id: string;
  service_id: string;
  organization_id: string;
  team_organization_id: string;
  needs: Json<string[]>;
  urgency: 'routine' | 'urgent' | 'asap' | 'stat';
  needed_by: ColumnType<string | null, string | null, string | null>;
  note_sealed: string | null;
  risk_note_sealed: string | null;
  state: ReferralState;
  version: number;
  due_at: Date | null;
  viewed_at: Date | null;
  assigned_account_id: string | null;
  outcome: ReferralOutcome | null;
  territory_code: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** The declined or expired referral this one sends on to another service (an onward referral). */
  continues_referral_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  version: number;
  command: string;
  from_state: ReferralState;
  to_state: ReferralState;
  actor_account_id: string | null;
  actor: string;
  reason_code: string | null;
  note_sealed: string | null;
  idempotency_key: string | null;
  occurred_at: Generated<Date>;
}

export interface ReferralMessageTable {
  id: string;
  referral_id: string;
  author_account_id: string | null;
  body_sealed: string;
  created_at: Generated<Date>;
}

/** A time-limited read of one referral by an administrator, with its sealed reason. */
export interface BreakGlassGrantTable {
  id: string;
  account_id: string;
  referral_id: string;
  reason_sealed: string;
  granted_at: Generated<Date>;
  expires_at: Date;
}
