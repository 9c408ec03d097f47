import type { ReferralState } from '../referrals/referral-machine.js';

// The retention schedule in one list: what goes, after how long, and what "goes" means. docs/privacy/retention.md
// is this list in words (a test compares them). Periods may be changed per installation with RETENTION_DAYS
// (`kind=days,…`), e.g. when the data protection officer settles a different period with the supervisor.

/** One line of the schedule. */
export type RetentionRule = {
  kind: RetentionKind;
  /** Days after the moment named in `after` when the rule applies. */
  days: number;
  /** What the days are counted from. */
  after: string;
  what: string;
  then: string;
};

export const retentionKinds = [
  'draft_referrals',
  'ended_referrals',
  'completed_referrals',
  'ended_consents',
  'people',
  'sessions',
  'sign_in_attempts',
  'revoked_api_tokens',
  'sent_mail_bodies',
  'audit_events',
] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/** Referrals that ended without help given: declined, withdrawn, expired. */
export const endedReferralStates: readonly ReferralState[] = ['declined', 'withdrawn', 'expired'];
/** Referrals whose help was given or begun: completed, ended early. */
export const completedReferralStates: readonly ReferralState[] = ['completed', 'ended_early'];

export const retentionSchedule: readonly RetentionRule[] = [
  {
    kind: 'draft_referrals',
    days: 30,
    after: 'last change',
    what: 'draft referrals never sent',
    then: 'deleted (a draft was never sent, so it is in no count)',
  },
  {
    kind: 'ended_referrals',
    days: 365,
    after: 'the referral ended',
    what: 'declined, withdrawn or expired referrals',
    then: 'personal content erased (notes, risk note, messages, break-glass reasons); coded facts kept for the counts',
  },
  {
    kind: 'completed_referrals',
    days: 3 * 365,
    after: 'the referral ended',
    what: 'completed or ended-early referrals',
    then: 'personal content erased; coded facts kept for the counts',
  },
  {
    kind: 'ended_consents',
    days: 3 * 365,
    after: 'the consent expired or was withdrawn',
    what: 'consents no longer in force',
    then: 'deleted (kept as long as the longest-kept referral they may have covered)',
  },
  {
    kind: 'people',
    days: 365,
    after: 'the last change to the person, their referrals or their consents',
    what: 'people with no referral kept, no consent in force and nothing new for the period',
    then: 'erased: data key destroyed (crypto-shredding) and listed in the erasure ledger, sealed columns emptied',
  },
  {
    kind: 'sessions',
    days: 0,
    after: 'the session ended (idle or lifetime limit, SESSION_IDLE_MINUTES / SESSION_LIFETIME_HOURS)',
    what: 'staff sessions',
    then: 'deleted',
  },
  {
    kind: 'sign_in_attempts',
    days: 1,
    after: 'the attempt',
    what: 'sign-in attempts (counted for 1 hour for the sign-in delays)',
    then: 'deleted',
  },
  {
    kind: 'revoked_api_tokens',
    days: 90,
    after: 'revocation',
    what: 'revoked API tokens (only their hash is stored)',
    then: 'deleted',
  },
  {
    kind: 'sent_mail_bodies',
    days: 182,
    after: 'the SMTP server accepted the message',
    what: 'bodies of delivered e-mails',
    then: 'emptied; the row (recipient, purpose, status) stays for the survey counts',
  },
  {
    kind: 'audit_events',
    days: 5 * 365 + 1,
    after: 'the event',
    what: 'the audit trail',
    then: 'deleted from the start of each hash chain; a checkpoint keeps the chains verifiable',
  },
];

/** The schedule with this installation's changes (RETENTION_DAYS); an unknown kind is refused. */
export function scheduleWith(overrides: Readonly<Record<string, number>>): RetentionRule[] {
  for (const kind of Object.keys(overrides)) {
    if (!(retentionKinds as readonly string[]).includes(kind)) {
      throw new Error(`RETENTION_DAYS names "${kind}", which is not one of: ${retentionKinds.join(', ')}.`);
    }
  }
  return retentionSchedule.map((rule) => ({ ...rule, days: overrides[rule.kind] ?? rule.days }));
}

/** The moment before which a rule applies, at `now`. */
export function cutoffOf(rules: readonly RetentionRule[], kind: RetentionKind, now: Date): Date {
  const rule = rules.find((entry) => entry.kind === kind)!;
  return new Date(now.getTime() - rule.days * 24 * 60 * 60 * 1000);
}
