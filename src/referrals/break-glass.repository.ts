import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// SQL for break-glass grants. Takes `db` or a transaction.

export async function insertBreakGlassGrant(
  db: Kysely<Database>,
  values: { id: string; accountId: string; referralId: string; reasonSealed: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('break_glass_grant')
    .values({
      id: values.id,
      account_id: values.accountId,
      referral_id: values.referralId,
      reason_sealed: values.reasonSealed,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** The grant in force for this account and referral, if any. */
export async function selectGrantInForce(db: Kysely<Database>, accountId: string, referralId: string, now: Date) {
  return db
    .selectFrom('break_glass_grant')
    .select(['id', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('referral_id', '=', referralId)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}
