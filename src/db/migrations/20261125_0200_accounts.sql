-- Staff accounts, their server-side sessions, login attempts (rate limiting across restarts and processes),
-- secrets every process shares (CSRF signing key), and the audit trail of changes.

CREATE TABLE account (
  id uuid PRIMARY KEY,
  -- Stored lower-cased so "Anna@x.lv" and "anna@x.lv" are one account.
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'analyst', 'institution_editor')),
  organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
  -- Self-describing: scrypt$N$r$p$salt$hash (base64url), so parameters can grow without a migration.
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  CHECK (role = 'institution_editor' OR organization_id IS NULL)
);
CREATE INDEX account_organization_id_idx ON account (organization_id);

-- The cookie carries a random token; only its SHA-256 (hex) is stored, so a leaked table opens no session.
CREATE TABLE session (
  id text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_account_id_idx ON session (account_id);
CREATE INDEX session_expires_at_idx ON session (expires_at);

-- Keys are SHA-256 digests of the lower-cased e-mail and of the client address: enough to count, nothing to read.
CREATE TABLE login_attempt (
  id bigserial PRIMARY KEY,
  email_key text NOT NULL,
  client_key text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_email_idx ON login_attempt (email_key, attempted_at);
CREATE INDEX login_attempt_client_idx ON login_attempt (client_key, attempted_at);

-- Created on first use by the code (node:crypto), never kept only in one process's memory.
CREATE TABLE app_secret (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who did what to which record. GDPR Art. 10: ids and actions only, never names or personal details.
CREATE TABLE audit_event (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  account_id uuid REFERENCES account (id) ON DELETE SET NULL,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
