import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// Read-only SQL for the planners' counts (planning/ shows them through referral-statistics.service.ts). Only coded
// columns are read: help types, the receiving service, commands, reason codes and moments — never a person's id,
// a note or anything sealed.

export type SentReferralRow = {
  service_id: string;
  organization_id: string;
  needs: string[];
  viewed_at: Date | null;
  sent_at: Date;
  accepted_at: Date | null;
};

/** Referrals first sent in [from, to), with the first send, the first accept and the first view by the provider. */
export async function selectReferralsSentBetween(db: Kysely<Database>, from: Date, to: Date) {
  const result = await sql<SentReferralRow>`
    SELECT r.service_id, r.organization_id, r.needs, r.viewed_at, s.sent_at, a.accepted_at
    FROM referral r
    JOIN (SELECT referral_id, min(occurred_at) AS sent_at FROM referral_event WHERE command = 'send'
          GROUP BY referral_id) s ON s.referral_id = r.id
    LEFT JOIN (SELECT referral_id, min(occurred_at) AS accepted_at FROM referral_event WHERE command = 'accept'
               GROUP BY referral_id) a ON a.referral_id = r.id
    WHERE s.sent_at >= ${from} AND s.sent_at < ${to}`.execute(db);
  return result.rows;
}

export type EndingEventRow = { command: 'decline' | 'expire'; reason_code: string | null; needs: string[] };

/** Declines and expiries that happened in [from, to), with the referral's help types. */
export async function selectEndingEventsBetween(db: Kysely<Database>, from: Date, to: Date) {
  const result = await sql<EndingEventRow>`
    SELECT e.command, e.reason_code, r.needs
    FROM referral_event e
    JOIN referral r ON r.id = e.referral_id
    WHERE e.command IN ('decline', 'expire') AND e.occurred_at >= ${from} AND e.occurred_at < ${to}`.execute(db);
  return result.rows;
}
