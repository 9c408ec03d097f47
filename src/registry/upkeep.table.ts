import type { Generated } from 'kysely';

// Row types of the tables that keep the registry true (db/migrations/20261207_0700_registry_upkeep.sql): follows,
// verification links, public mistake reports and their rate limit, support capabilities. Only registry/ writes them.

export const verificationOutcomes = ['confirmed', 'edited'] as const;
export type VerificationOutcome = (typeof verificationOutcomes)[number];

export const mistakeReportStatuses = ['open', 'fixed', 'rejected'] as const;
export type MistakeReportStatus = (typeof mistakeReportStatuses)[number];

export interface InstitutionFollowTable {
  account_id: string;
  organization_id: string;
  created_at: Generated<Date>;
}

export interface VerificationLinkTable {
  token_hash: string;
  organization_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  outcome: VerificationOutcome | null;
}

export interface MistakeReportTable {
  id: string;
  organization_id: string;
  service_id: string | null;
  body: string;
  status: Generated<MistakeReportStatus>;
  created_at: Generated<Date>;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface MistakeReportAttemptTable {
  id: string;
  sender_key: string;
  attempted_at: Generated<Date>;
}

export interface OrganizationSupportCapabilityTable {
  organization_id: string;
  help_type: string;
  recorded_at: Generated<Date>;
}
