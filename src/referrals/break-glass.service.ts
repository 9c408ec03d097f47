import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import { AppError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { openPersonKey } from '../people/person.service.js';
import type { Keyring } from '../privacy/keyring.js';
import { isErased, sealOptional } from '../privacy/sealing.service.js';
import { insertBreakGlassGrant, selectGrantInForce } from './break-glass.repository.js';
import { selectReferral } from './referral.repository.js';

// Break-glass: an administrator sees no referral content by default. In an emergency (a complaint, a data-protection
// request, a fault) they state a reason and get a read of one referral for a short time; the grant and every read
// under it are audited, and the reason is sealed with the person's key.

/** How long a break-glass grant lasts. */
export const breakGlassMinutes = 30;

/** Grants the administrator a time-limited read of one referral; returns when it ends. */
export async function breakGlass(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  account: SignedInAccount,
  reason: string,
  now: Date = new Date(),
): Promise<{ expiresAt: Date }> {
  if (account.role !== 'administrator') throw new AppError('forbidden', 'error.forbidden');
  return db.transaction().execute(async (trx) => {
    const referral = await selectReferral(trx, referralId);
    if (!referral) throw new AppError('not_found', 'error.not_found');
    const key = await openPersonKey(trx, keyring, referral.person_id);
    if (!key || isErased(key)) throw new AppError('not_found', 'error.not_found');
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + breakGlassMinutes * 60_000);
    const reasonSealed = sealOptional(key, { table: 'break_glass_grant', column: 'reason_sealed', rowId: id }, reason)!;
    await insertBreakGlassGrant(trx, { id, accountId: account.id, referralId, reasonSealed, expiresAt });
    await recordAuditEvent(trx, {
      accountId: account.id,
      action: 'referral.break_glass',
      entityType: 'referral',
      entityId: referralId,
      details: { grant: id, minutes: breakGlassMinutes },
    });
    return { expiresAt };
  });
}

/** True when the account is an administrator holding a break-glass grant in force for this referral. */
export async function hasBreakGlass(
  db: Kysely<Database>,
  account: SignedInAccount,
  referralId: string,
): Promise<boolean> {
  if (account.role !== 'administrator') return false;
  return (await selectGrantInForce(db, account.id, referralId, new Date())) !== undefined;
}
