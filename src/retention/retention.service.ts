import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { removeRevokedTokensForRetention } from '../accounts/api-token.service.js';
import { removeEndedSessionsForRetention, removeLoginAttemptsForRetention } from '../accounts/session.service.js';
import { pruneAuditEvents, recordAuditEvent } from '../audit/audit.service.js';
import { emptyDeliveredMessageBodies } from '../mail/mail.service.js';
import { removeEndedConsentsForRetention } from '../people/consent.service.js';
import { erasePerson, findPeopleWithConsentSince, listUnerasedPeopleCreatedBefore } from '../people/person.service.js';
import { listErasedKeysInLedger } from '../privacy/sealing.service.js';
import {
  deleteStaleDraftsForRetention,
  eraseEndedReferralContentForRetention,
  findPeopleWithReferralsKept,
} from '../referrals/referral.service.js';
import {
  completedReferralStates,
  cutoffOf,
  endedReferralStates,
  retentionKinds,
  scheduleWith,
  type RetentionKind,
  type RetentionRule,
} from './retention-schedule.js';

// The retention schedule applied (retention-schedule.ts, docs/privacy/retention.md): by the daily `retention.run`
// job (once per cluster, jobs/) and by `npx atlas retention run [--dry-run]`. Each table's rows are counted and
// removed by the folder that owns the table; this service only decides the moments and the order, and audits each
// run with its counts (no ids, no personal data).

/** What a run removed, or (dry run) would remove, per kind of data. */
export type RetentionReport = {
  dryRun: boolean;
  now: Date;
  rules: RetentionRule[];
  counts: Record<RetentionKind, number>;
};

const personBatchSize = 500;

/**
 * The people to erase at `now`: not erased yet, quiet for the `people` period (record, referrals, consents), with no
 * referral still kept (open, or ended within its own period) and no consent in force. Decided before anything is
 * removed, so a dry run names the same people as the run.
 */
async function findPeopleToErase(db: Kysely<Database>, rules: RetentionRule[], now: Date): Promise<string[]> {
  const quietSince = cutoffOf(rules, 'people', now);
  const candidates = await listUnerasedPeopleCreatedBefore(db, quietSince);
  const endedSince = [
    { states: endedReferralStates, since: cutoffOf(rules, 'ended_referrals', now) },
    { states: completedReferralStates, since: cutoffOf(rules, 'completed_referrals', now) },
  ];
  const chosen: string[] = [];
  for (let start = 0; start < candidates.length; start += personBatchSize) {
    const batch = candidates.slice(start, start + personBatchSize);
    const withReferrals = await findPeopleWithReferralsKept(db, batch, { quietSince, endedSince });
    const withConsents = await findPeopleWithConsentSince(db, batch, quietSince);
    chosen.push(...batch.filter((id) => !withReferrals.has(id) && !withConsents.has(id)));
  }
  return chosen;
}

/**
 * Applies the retention schedule at `now` (default: the present). With `dryRun` it only counts what would go and
 * changes nothing, not even the audit trail. Otherwise it removes it, kind by kind, and records one
 * 'retention.run' audit event with the counts.
 */
export async function runRetention(
  db: Kysely<Database>,
  config: Pick<Config, 'retentionDays' | 'sessionIdleSeconds'>,
  options: { dryRun: boolean; now?: Date },
): Promise<RetentionReport> {
  const rules = scheduleWith(config.retentionDays);
  const now = options.now ?? new Date();
  const apply = !options.dryRun;
  const before = (kind: RetentionKind) => ({ before: cutoffOf(rules, kind, now), apply });
  const people = await findPeopleToErase(db, rules, now);
  const counts = Object.fromEntries(retentionKinds.map((kind) => [kind, 0])) as Record<RetentionKind, number>;
  // The audit trail first: the events this run writes (erasures, the run itself) are never among those it deletes.
  counts.audit_events = (await pruneAuditEvents(db, before('audit_events'))).deleted;
  counts.draft_referrals = await deleteStaleDraftsForRetention(db, before('draft_referrals'));
  counts.ended_referrals = await eraseEndedReferralContentForRetention(db, {
    states: endedReferralStates,
    ...before('ended_referrals'),
  });
  counts.completed_referrals = await eraseEndedReferralContentForRetention(db, {
    states: completedReferralStates,
    ...before('completed_referrals'),
  });
  counts.ended_consents = await removeEndedConsentsForRetention(db, before('ended_consents'));
  if (apply) {
    for (const personId of people) {
      await db.transaction().execute((trx) => erasePerson(trx, personId, { accountId: null, reason: 'retention' }));
    }
  }
  counts.people = people.length;
  counts.sessions = await removeEndedSessionsForRetention(db, {
    now: cutoffOf(rules, 'sessions', now),
    idleSeconds: config.sessionIdleSeconds,
    apply,
  });
  counts.sign_in_attempts = await removeLoginAttemptsForRetention(db, before('sign_in_attempts'));
  counts.revoked_api_tokens = await removeRevokedTokensForRetention(db, before('revoked_api_tokens'));
  counts.sent_mail_bodies = await emptyDeliveredMessageBodies(db, before('sent_mail_bodies'));
  if (apply) {
    // Keys erased by another process (with its own ledger file) or before the ledger existed join this ledger.
    await listErasedKeysInLedger(db);
    await recordAuditEvent(db, {
      accountId: null,
      action: 'retention.run',
      details: { counts, at: now.toISOString() },
    });
  }
  return { dryRun: options.dryRun, now, rules, counts };
}

/** One line per kind: what goes, and how many. */
export function describeRetentionReport(report: RetentionReport): string[] {
  const verb = report.dryRun ? 'would remove' : 'removed';
  return report.rules.map(
    (rule) =>
      `${rule.kind.padEnd(20)} ${String(report.counts[rule.kind]).padStart(7)} ${verb} — ${rule.what}, ${rule.days} days after ${rule.after}: ${rule.then}`,
  );
}
