import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Row types of the survey tables (db/migrations/20261125_0300_surveys.sql). Only surveys/ writes them.

export const dispositions = [
  'complete',
  'partial',
  'refusal',
  'non_contact',
  'other',
  'unknown_eligibility',
  'not_eligible',
  'undeliverable',
] as const;
/** AAPOR (10th edition, 2023) final disposition of a sampled case. */
export type Disposition = (typeof dispositions)[number];

export const waveStatuses = ['draft', 'open', 'closed'] as const;
export type WaveStatus = (typeof waveStatuses)[number];

export const responseModes = ['post', 'email', 'fax', 'online', 'paper'] as const;
export type ResponseMode = (typeof responseModes)[number];

export const waveEvents = ['opened', 'closed', 'reopened'] as const;
export type WaveEventKind = (typeof waveEvents)[number];

export const invitationChannels = ['email', 'letter'] as const;
export type InvitationChannel = (typeof invitationChannels)[number];

export const responseStatuses = ['in_progress', 'complete'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

export const surveyInstitutionTypes = ['municipal', 'state', 'ngo', 'religious', 'private', 'other'] as const;
export type SurveyInstitutionType = (typeof surveyInstitutionTypes)[number];

/** Question id → answer as a string; an absent key is "not answered". */
export type Answers = Record<string, string>;

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface QuestionnaireTable {
  id: string;
  key: string;
  version: number;
  replaces_id: string | null;
  title: Json<Record<'lv' | 'ru' | 'en', string>>;
  definition: Json<object>;
  frozen_at: Date | null;
  created_at: Generated<Date>;
}

export interface WaveTable {
  id: string;
  key: string;
  name: string;
  questionnaire_id: string;
  status: Generated<WaveStatus>;
  sample: ColumnType<unknown, string | undefined, string>;
  opens_on: string | null;
  closes_on: string | null;
  created_at: Generated<Date>;
}

export interface WaveEventTable {
  id: string;
  wave_id: string;
  event: WaveEventKind;
  occurred_at: Generated<Date>;
  account_id: string | null;
}

export interface SurveyCaseTable {
  id: string;
  wave_id: string;
  case_code: string;
  organization_id: string | null;
  institution_type: SurveyInstitutionType | null;
  territory: string | null;
  respondent_id: string | null;
  organization_name: string | null;
  contact_email: string | null;
  postal_address: string | null;
  token_hash: string | null;
  token_expires_at: Date | null;
  disposition: Generated<Disposition>;
  invited_at: Date | null;
  invitation_channel: InvitationChannel | null;
  reminded_at: Date | null;
  reminder_count: Generated<number>;
  completed_at: Date | null;
  created_at: Generated<Date>;
}

export interface DispositionEventTable {
  id: string;
  case_id: string;
  from_disposition: Disposition;
  to_disposition: Disposition;
  occurred_at: Generated<Date>;
  account_id: string | null;
  note: string | null;
}

export interface SurveyResponseTable {
  id: string;
  wave_id: string;
  case_id: string | null;
  respondent_id: string;
  mode: ResponseMode | null;
  status: Generated<ResponseStatus>;
  answers: ColumnType<Answers, string, string>;
  current_page: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface ResponseEntryTable {
  id: string;
  wave_id: string;
  case_id: string | null;
  respondent_id: string;
  entry_number: 1 | 2;
  answers: ColumnType<Answers, string, string>;
  current_page: string | null;
  account_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  finished_at: Date | null;
}

/** Every link a case was given (its token's SHA-256); earlier links keep working after a reminder or a letter. */
export interface SurveyLinkTable {
  token_hash: string;
  case_id: string;
  issued_at: Generated<Date>;
}
