-- Outbound mail: every message the app sends (survey invitations and reminders so far), whether it went out
-- through SMTP or stayed in the outbox for staff (no SMTP configured).
--
-- The full message (RFC 5322) lives only in an .eml file under DATA_DIR, never in this table: a survey link's
-- raw token must not be stored in the database. `body_text` is the text with such secrets replaced by a mark.
CREATE TABLE outbound_message (
  id uuid PRIMARY KEY,
  -- why it was sent: 'survey_invitation' | 'survey_reminder' | …; with the record it is about (ids only)
  purpose text NOT NULL,
  subject_type text,
  subject_id text,
  sender text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  language text NOT NULL CHECK (language IN ('lv', 'ru', 'en')),
  -- RFC 5322 Message-ID, for matching a bounce or a reply to this row
  message_id text NOT NULL UNIQUE,
  -- held: kept in the outbox (no SMTP); queued: waiting for SMTP; sent: accepted by SMTP; failed: SMTP refused
  -- it (retried while attempts are left; `error` says why)
  status text NOT NULL CHECK (status IN ('held', 'queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- when SMTP delivery is next due: now for a fresh message, later after a failure or while one process is
  -- sending it (a lease, so two processes never send the same message at once); null when nothing is due
  next_attempt_at timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbound_message_created_at_idx ON outbound_message (created_at DESC);
CREATE INDEX outbound_message_due_idx ON outbound_message (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbound_message_subject_idx ON outbound_message (subject_type, subject_id);

-- The language an organization wants its letters in, besides Latvian (the official language, always first).
-- HSDS has no such field on an organization, so the mail module keeps it.
CREATE TABLE correspondence_language (
  organization_id uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('lv', 'ru', 'en')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
