-- Keeping the registry true (issue 15, items 1-4; src/registry/upkeep.*): staff who follow an institution's
-- changes, the signed links of the verification cycle, the public "report a mistake" queue with its rate limit,
-- and what an institution said it could give with state support (from survey answers).

-- A staff member follows an institution: its changes appear in their change feed.
CREATE TABLE institution_follow (
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, organization_id)
);
CREATE INDEX institution_follow_organization_idx ON institution_follow (organization_id);

-- A verification link e-mailed to an institution: only the SHA-256 of its random token is stored. It is bound to
-- one listing (the institution), works once (used_at) and until expires_at.
CREATE TABLE verification_link (
  token_hash text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- confirmed: "still right" in one tap; edited: the institution sent corrections instead
  outcome text CHECK (outcome IS NULL OR outcome IN ('confirmed', 'edited'))
);
CREATE INDEX verification_link_organization_idx ON verification_link (organization_id, created_at);

-- "Report a mistake" from the public pages: text only, no account, no contact details.
CREATE TABLE mistake_report (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  service_id uuid REFERENCES service (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_by uuid REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX mistake_report_queue_idx ON mistake_report (status, created_at);

-- One row per accepted report, for the rate limits (per sender and for everyone): a keyed hash of the sender's
-- address, never the address. Rows older than a day are deleted by the daily verification job.
CREATE TABLE mistake_report_attempt (
  id uuid PRIMARY KEY,
  sender_key text NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mistake_report_attempt_idx ON mistake_report_attempt (attempted_at, sender_key);

-- Help an institution says it could give if the state supported it (survey answers accepted by staff).
CREATE TABLE organization_support_capability (
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  help_type text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, help_type)
);
