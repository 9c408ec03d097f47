-- Break-glass reads (issue: the network): an administrator sees no referral content by default. To read one, they
-- state a reason; the grant lasts a short time and every read under it is audited. The reason is sealed with the
-- person's data key (it may say why this person), so erasure makes it unreadable too.
CREATE TABLE break_glass_grant (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  referral_id uuid NOT NULL REFERENCES referral (id),
  reason_sealed text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX break_glass_grant_lookup_idx ON break_glass_grant (account_id, referral_id, expires_at);
