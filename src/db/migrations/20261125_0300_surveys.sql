-- Survey engine: questionnaires as data, waves, sampled cases with AAPOR dispositions, answers, paper double entry.
-- Account ids are plain uuids without a foreign key: the accounts module's tables may be migrated after these.

-- A questionnaire version. Never edited once a wave uses it (frozen_at set); a revision is a new row with its own
-- key and version + 1, pointing at the one it replaces.
CREATE TABLE questionnaire (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE,
  version integer NOT NULL CHECK (version >= 1),
  replaces_id uuid REFERENCES questionnaire (id),
  title jsonb NOT NULL,
  definition jsonb NOT NULL,
  frozen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wave (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE,
  name text NOT NULL,
  questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  -- how the sample was drawn: {"source":"registry","institution_types":[…],"territories":[…]} or {"source":"import"}
  sample jsonb NOT NULL DEFAULT '{}',
  opens_on date,
  closes_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wave_event (
  id uuid PRIMARY KEY,
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  event text NOT NULL CHECK (event IN ('opened', 'closed', 'reopened')),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  account_id uuid
);
CREATE INDEX wave_event_wave_id_idx ON wave_event (wave_id, occurred_at);

-- One sampled institution in one wave. The raw link token is never stored, only its SHA-256 (hex).
CREATE TABLE survey_case (
  id uuid PRIMARY KEY,
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  case_code text NOT NULL,
  organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
  institution_type text CHECK (institution_type IN ('municipal', 'state', 'ngo', 'religious', 'private', 'other')),
  territory text,
  respondent_id text,
  organization_name text,
  contact_email text,
  postal_address text,
  token_hash text UNIQUE,
  token_expires_at timestamptz,
  -- AAPOR 10th edition final dispositions; a sampled case nobody has heard from yet is "unknown eligibility".
  disposition text NOT NULL DEFAULT 'unknown_eligibility' CHECK (disposition IN (
    'complete', 'partial', 'refusal', 'non_contact', 'other', 'unknown_eligibility', 'not_eligible', 'undeliverable')),
  invited_at timestamptz,
  invitation_channel text CHECK (invitation_channel IN ('email', 'letter')),
  reminded_at timestamptz,
  reminder_count integer NOT NULL DEFAULT 0,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (wave_id, case_code)
);
CREATE UNIQUE INDEX survey_case_respondent_idx ON survey_case (wave_id, respondent_id) WHERE respondent_id IS NOT NULL;
CREATE INDEX survey_case_wave_disposition_idx ON survey_case (wave_id, disposition);

CREATE TABLE disposition_event (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES survey_case (id) ON DELETE CASCADE,
  from_disposition text NOT NULL,
  to_disposition text NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  account_id uuid,
  note text
);
CREATE INDEX disposition_event_case_id_idx ON disposition_event (case_id, occurred_at);

-- One respondent's answers: flat JSON, question id → string exactly as in the CSV ('yes', 'no', '0.5', text);
-- an absent key means "not answered". The respondent id lives in its column, not in `answers`.
CREATE TABLE survey_response (
  id uuid PRIMARY KEY,
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  case_id uuid REFERENCES survey_case (id) ON DELETE SET NULL,
  respondent_id text NOT NULL,
  mode text CHECK (mode IN ('post', 'email', 'fax', 'online', 'paper')),
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'complete')),
  answers jsonb NOT NULL DEFAULT '{}',
  current_page text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  UNIQUE (wave_id, respondent_id)
);
CREATE INDEX survey_response_wave_id_idx ON survey_response (wave_id);
CREATE INDEX survey_response_case_id_idx ON survey_response (case_id);

-- Paper forms keyed in by staff: entry 1 and an optional blind entry 2, reconciled into survey_response.
CREATE TABLE response_entry (
  id uuid PRIMARY KEY,
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  case_id uuid REFERENCES survey_case (id) ON DELETE SET NULL,
  respondent_id text NOT NULL,
  entry_number smallint NOT NULL CHECK (entry_number IN (1, 2)),
  answers jsonb NOT NULL DEFAULT '{}',
  current_page text,
  account_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (wave_id, respondent_id, entry_number)
);
