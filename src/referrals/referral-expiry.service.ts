import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { applyReferralCommandToBeds } from '../beds/beds.service.js';
import { decideTransition } from './referral-machine.js';
import { isReasonAllowed } from './referral-reasons.js';
import { notifyReferralParties } from './referral-notifications.js';
import { insertReferralEvent, selectOverdueReferrals, updateReferralState } from './referral.repository.js';

// The clock's side of the state machine: a referral nobody answered by its due time moves to `expired` through the
// same transition table as every other command (actor `system`, reason `no_answer_in_time`). The event it appends
// is what the planners' unmet-need page counts. Run by the recurring job `referrals.expire` (jobs/).

/** The reason every expiry records. */
export const expiryReasonCode = 'no_answer_in_time';

/**
 * Expires referrals whose answer time has passed (at most `limit` per call), each with its event and audit entry,
 * in one transaction; the rows are locked with SKIP LOCKED, so two processes never expire the same referral.
 * Returns how many expired.
 */
export async function expireOverdueReferrals(db: Kysely<Database>, now = new Date(), limit = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const overdue = await selectOverdueReferrals(trx, now, limit);
    let expired = 0;
    for (const referral of overdue) {
      const decision = decideTransition(
        { state: referral.state, version: referral.version },
        { command: 'expire', actor: 'system', expectedVersion: referral.version, reasonCode: expiryReasonCode },
        isReasonAllowed,
      );
      if ('refused' in decision) continue;
      const moved = await updateReferralState(trx, referral.id, referral.version, {
        state: decision.to,
        version: decision.version,
        dueAt: null,
      });
      if (!moved) continue;
      await insertReferralEvent(trx, {
        id: randomUUID(),
        referral_id: referral.id,
        version: decision.version,
        command: 'expire',
        from_state: referral.state,
        to_state: decision.to,
        actor_account_id: null,
        actor: 'system',
        reason_code: expiryReasonCode,
        note_sealed: null,
        idempotency_key: null,
      });
      await recordAuditEvent(trx, {
        accountId: null,
        action: 'referral.expire',
        entityType: 'referral',
        entityId: referral.id,
        details: { from: referral.state, to: decision.to, version: decision.version, reason: expiryReasonCode },
      });
      await notifyReferralParties(trx, { id: referral.id }, 'expire', decision.version);
      await applyReferralCommandToBeds(trx, {
        referralId: referral.id,
        serviceId: referral.service_id,
        organizationId: referral.organization_id,
        command: 'expire',
        accountId: null,
      });
      expired += 1;
    }
    return expired;
  });
}
