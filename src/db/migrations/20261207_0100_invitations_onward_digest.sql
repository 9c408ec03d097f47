-- The network's leftovers (issue 11): staff invited by an e-mail link, onward referrals, and the daily digest.

-- An invitation (or a link to set a new password for an existing account): only the SHA-256 of the link's random
-- token is stored, so a leaked table opens nothing. A link works once, until it expires, and is revoked when a
-- newer link is sent to the same address.
CREATE TABLE account_invitation (
  id uuid PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'analyst', 'institution_editor', 'referrer', 'provider_intake', 'provider_worker', 'dpo')),
  organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
  -- Set for a new-password link to an account that exists; null for an invitation that creates the account.
  account_id uuid REFERENCES account (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  invited_by uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX account_invitation_pending_idx ON account_invitation (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Each staff member chooses: one e-mail per referral event, or one digest a day.
ALTER TABLE account ADD COLUMN notification_mode text NOT NULL DEFAULT 'immediate'
  CHECK (notification_mode IN ('immediate', 'digest'));

-- An onward referral names the declined or expired one it continues (SET NULL: retention may delete the older one).
ALTER TABLE referral ADD COLUMN continues_referral_id uuid REFERENCES referral (id) ON DELETE SET NULL;
CREATE INDEX referral_continues_idx ON referral (continues_referral_id) WHERE continues_referral_id IS NOT NULL;
