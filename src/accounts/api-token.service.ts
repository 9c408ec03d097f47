import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import type { Database } from '../db/database.js';
import {
  insertApiToken,
  removeTokensRevokedBefore,
  revokeApiTokens,
  selectTokenAccount,
  touchApiToken,
} from './api-token.repository.js';

// Bearer tokens for the JSON API, so the probation service's case system needs no double entry. A token acts as
// its account, with that account's role and scope. It is shown once; the database keeps only its SHA-256.

const tokenPrefix = 'atlas_';
// Writing last_used_at on every call would make every read a write; an hour's slack is enough to spot dead tokens.
const touchEveryMilliseconds = 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a new token for an account; returns it once (it cannot be read back). Audited without the token. */
export async function createApiToken(
  db: Kysely<Database>,
  accountId: string,
  label: string,
  issuedBy: string | null,
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, { id, accountId, tokenHash: hashToken(token), label });
    await recordAuditEvent(trx, {
      accountId: issuedBy,
      action: 'api_token.create',
      entityType: 'account',
      entityId: accountId,
      details: { token: id },
    });
  });
  return { id, token };
}

/** The account a bearer token acts as, or null for an unknown, revoked or deactivated one. */
export async function findTokenAccount(db: Kysely<Database>, token: string): Promise<SignedInAccount | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const row = await selectTokenAccount(db, hashToken(token));
  if (!row) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > touchEveryMilliseconds)
    await touchApiToken(db, row.token_id, now);
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organizationId: row.organization_id,
  };
}

/** Revokes one token, or every token of an account; audited. */
export async function revokeApiToken(
  db: Kysely<Database>,
  filter: { id?: string; accountId?: string },
  revokedBy: string | null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const count = await revokeApiTokens(trx, filter, new Date());
    await recordAuditEvent(trx, {
      accountId: revokedBy,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: filter.id ?? null,
      details: { count, ...(filter.accountId ? { account: filter.accountId } : {}) },
    });
    return count;
  });
}

/** Retention (retention/): tokens revoked before `before`, counted, or deleted when `apply`. */
export async function removeRevokedTokensForRetention(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  return removeTokensRevokedBefore(db, options);
}
