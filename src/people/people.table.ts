import type { ColumnType, Generated } from 'kysely';
import type { Language } from '../core/language.js';

// Row types of people and their consents (db/migrations/20261206_0610_network.sql). Only people/ writes them.
// Columns ending in _sealed hold ciphertext from privacy/envelope.ts, bound to their table, column and row.

type Json<T> = ColumnType<T, string, string>;

export interface PersonTable {
  id: string;
  data_key_id: string;
  team_organization_id: string;
  given_name_sealed: string | null;
  family_name_sealed: string | null;
  personal_code_sealed: string | null;
  personal_code_index: string | null;
  birth_date_sealed: string | null;
  phone_sealed: string | null;
  email_sealed: string | null;
  expected_release_sealed: string | null;
  language: Language;
  prison_organization_id: string | null;
  planned_stay_territory_code: string | null;
  last_residence_territory_code: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  erased_at: Date | null;
}

export interface ConsentTable {
  id: string;
  person_id: string;
  recipient_organization_ids: Json<string[]>;
  recipient_help_types: Json<string[]>;
  categories: Json<string[]>;
  purpose: string;
  method: 'signed_paper' | 'verbal_witnessed';
  evidence_sealed: string | null;
  notice_version: string;
  notice_language: Language;
  given_on: ColumnType<string, string, string>;
  expires_on: ColumnType<string, string, string>;
  withdrawn_at: Date | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}
