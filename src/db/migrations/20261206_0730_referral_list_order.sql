-- The inbox and the team's list read the first 200 referrals in their order (due first, then newest), with or
-- without a state filter (referral.repository.ts selectReferralList). Without an index in that order, a busy
-- institution's whole history (10 000 referrals in bench/network.ts) is read and sorted for every list; with one,
-- the read stops after 200 rows. The inbox never shows drafts, hence the partial index.
CREATE INDEX referral_inbox_order_idx ON referral (organization_id, due_at, created_at DESC) WHERE state <> 'draft';
CREATE INDEX referral_team_order_idx ON referral (team_organization_id, due_at, created_at DESC);
