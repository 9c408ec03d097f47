-- The referral network (docs/privacy/dpia.md): people leaving prison, their consents, referrals to services, and
-- the keys that seal what is personal. Every column that holds something about a person ends in _sealed and holds
-- AES-256-GCM ciphertext made by the application (privacy/envelope.ts); the database never sees it in clear.

-- New roles: referrers (probation units, prisons), the staff of receiving institutions, the data protection officer.
ALTER TABLE account DROP CONSTRAINT IF EXISTS account_role_check;
ALTER TABLE account DROP CONSTRAINT IF EXISTS account_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (
  role IN ('administrator', 'analyst', 'institution_editor', 'referrer', 'provider_intake', 'provider_worker', 'dpo')
);
ALTER TABLE account ADD CONSTRAINT account_organization_check CHECK (
  role IN ('institution_editor', 'referrer', 'provider_intake', 'provider_worker') OR organization_id IS NULL
);

-- Bearer tokens for the JSON API (the probation service's case system). Only the SHA-256 of a token is stored.
CREATE TABLE api_token (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_account_idx ON api_token (account_id);

-- One data key per person, stored only wrapped by a key-encryption key (kek_version names which). Erasure
-- destroys the wrapped key: every sealed field of that person, in the database and in every backup, stays sealed.
CREATE TABLE data_key (
  id uuid PRIMARY KEY,
  wrapped_key text,
  kek_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
CREATE INDEX data_key_kek_version_idx ON data_key (kek_version) WHERE wrapped_key IS NOT NULL;

CREATE TABLE person (
  id uuid PRIMARY KEY,
  data_key_id uuid NOT NULL REFERENCES data_key (id),
  -- The referring team (a probation unit or a prison) that keeps this record.
  team_organization_id uuid NOT NULL REFERENCES organization (id),
  given_name_sealed text,
  family_name_sealed text,
  personal_code_sealed text,
  -- Keyed hash of the personal code (privacy/envelope.ts blindIndex): finds duplicates without the code.
  personal_code_index text,
  birth_date_sealed text,
  phone_sealed text,
  email_sealed text,
  expected_release_sealed text,
  language text NOT NULL CHECK (language IN ('lv', 'ru', 'en')),
  prison_organization_id uuid REFERENCES organization (id),
  -- ATVK codes: coded facts the planners' counts use; alone they name no one.
  planned_stay_territory_code text REFERENCES territory (code),
  last_residence_territory_code text REFERENCES territory (code),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);
CREATE INDEX person_team_idx ON person (team_organization_id);
CREATE INDEX person_personal_code_index_idx ON person (personal_code_index);

CREATE TABLE consent (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person (id),
  -- Organization ids of the registry and/or help-type codes the person agreed to share with.
  recipient_organization_ids jsonb NOT NULL DEFAULT '[]',
  recipient_help_types jsonb NOT NULL DEFAULT '[]',
  categories jsonb NOT NULL,
  purpose text NOT NULL,
  method text NOT NULL CHECK (method IN ('signed_paper', 'verbal_witnessed')),
  evidence_sealed text,
  notice_version text NOT NULL,
  notice_language text NOT NULL CHECK (notice_language IN ('lv', 'ru', 'en')),
  given_on date NOT NULL,
  expires_on date NOT NULL,
  withdrawn_at timestamptz,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_person_idx ON consent (person_id);

CREATE TABLE referral (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person (id),
  service_id uuid NOT NULL REFERENCES service (id),
  -- The receiving institution, copied from the service so that an inbox is one indexed read.
  organization_id uuid NOT NULL REFERENCES organization (id),
  team_organization_id uuid NOT NULL REFERENCES organization (id),
  needs jsonb NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('routine', 'urgent', 'asap', 'stat')),
  needed_by date,
  note_sealed text,
  risk_note_sealed text,
  state text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  due_at timestamptz,
  viewed_at timestamptz,
  assigned_account_id uuid,
  outcome text CHECK (outcome IN ('helped', 'partly_helped', 'not_helped')),
  -- Coded facts kept after erasure for the planners' counts.
  territory_code text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_inbox_idx ON referral (organization_id, state, due_at);
CREATE INDEX referral_team_idx ON referral (team_organization_id, state, created_at);
CREATE INDEX referral_person_idx ON referral (person_id);
CREATE INDEX referral_due_idx ON referral (due_at) WHERE state IN ('sent', 'info_requested');

-- Every transition, appended and never changed. The idempotency key makes a command sent twice one event.
CREATE TABLE referral_event (
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id),
  version integer NOT NULL,
  command text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  actor_account_id uuid,
  actor text NOT NULL,
  reason_code text,
  note_sealed text,
  idempotency_key text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (referral_id, version),
  UNIQUE (referral_id, idempotency_key)
);

CREATE TABLE referral_message (
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id),
  author_account_id uuid,
  body_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_message_referral_idx ON referral_message (referral_id, created_at);
