import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// SQL for API bearer tokens: only their SHA-256 is stored.

export async function insertApiToken(
  db: Kysely<Database>,
  values: { id: string; accountId: string; tokenHash: string; label: string },
) {
  await db
    .insertInto('api_token')
    .values({ id: values.id, account_id: values.accountId, token_hash: values.tokenHash, label: values.label })
    .execute();
}

/** The live token's account (active, token not revoked). */
export async function selectTokenAccount(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('account', 'account.id', 'api_token.account_id')
    .select([
      'api_token.id as token_id',
      'api_token.last_used_at',
      'account.id',
      'account.email',
      'account.display_name',
      'account.role',
      'account.organization_id',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('account.is_active', '=', true)
    .executeTakeFirst();
}

export async function touchApiToken(db: Kysely<Database>, id: string, at: Date) {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeApiTokens(db: Kysely<Database>, filter: { id?: string; accountId?: string }, at: Date) {
  let query = db.updateTable('api_token').set({ revoked_at: at }).where('revoked_at', 'is', null);
  if (filter.id) query = query.where('id', '=', filter.id);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Retention: tokens revoked before `before`, counted or deleted. */
export async function removeTokensRevokedBefore(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  if (!options.apply) {
    const row = await db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('revoked_at', '<', options.before)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await db.deleteFrom('api_token').where('revoked_at', '<', options.before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
