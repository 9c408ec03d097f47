import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { AccountInvitationTable, AccountRole, AccountTable, NotificationMode } from './account.table.js';

// SQL for accounts, sessions, login attempts and shared secrets. Takes `db` or a transaction.

export type AccountRow = Selectable<AccountTable>;

export async function insertAccount(
  db: Kysely<Database>,
  values: {
    id: string;
    email: string;
    displayName: string;
    role: AccountRole;
    organizationId: string | null;
    passwordHash: string;
  },
): Promise<void> {
  await db
    .insertInto('account')
    .values({
      id: values.id,
      email: values.email,
      display_name: values.displayName,
      role: values.role,
      organization_id: values.organizationId,
      password_hash: values.passwordHash,
    })
    .execute();
}

export async function selectAccountByEmail(db: Kysely<Database>, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function selectAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every account (no password hash), active first, then by e-mail. */
export async function selectAccountList(db: Kysely<Database>) {
  return db
    .selectFrom('account')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'organization_id',
      'is_active',
      'created_at',
      'last_login_at',
      'notification_mode',
    ])
    .orderBy('account.is_active', 'desc')
    .orderBy('account.email')
    .execute();
}

export async function updateAccountActive(db: Kysely<Database>, id: string, isActive: boolean): Promise<number> {
  const result = await db.updateTable('account').set({ is_active: isActive }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateAccountPassword(db: Kysely<Database>, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function updateAccountLastLogin(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('account')
    .set({ last_login_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertSession(
  db: Kysely<Database>,
  values: { id: string; accountId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({ id: values.id, account_id: values.accountId, expires_at: values.expiresAt })
    .execute();
}

/** The session's account when the session is within both its absolute and idle limits and the account active. */
export async function selectLiveSession(
  db: Kysely<Database>,
  sessionId: string,
  limits: { idleSeconds: number; lifetimeSeconds: number },
) {
  return (
    db
      .selectFrom('session')
      .innerJoin('account', 'account.id', 'session.account_id')
      .select([
        'session.id as session_id',
        'session.last_seen_at',
        'account.id',
        'account.email',
        'account.display_name',
        'account.role',
        'account.organization_id',
      ])
      .where('session.id', '=', sessionId)
      .where('session.expires_at', '>', sql<Date>`now()`)
      // A lifetime shortened since sign-in applies to sessions already open, too.
      .where('session.created_at', '>', sql<Date>`now() - make_interval(secs => ${limits.lifetimeSeconds})`)
      .where('session.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${limits.idleSeconds})`)
      .where('account.is_active', '=', true)
      .executeTakeFirst()
  );
}

export async function touchSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfAccount(
  db: Kysely<Database>,
  accountId: string,
  exceptSessionId?: string,
): Promise<void> {
  let query = db.deleteFrom('session').where('account_id', '=', accountId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, idleSeconds: number): Promise<void> {
  await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${idleSeconds})`),
      ]),
    )
    .execute();
}

export async function insertLoginAttempt(
  db: Kysely<Database>,
  values: { emailKey: string; clientKey: string; succeeded: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempt')
    .values({ email_key: values.emailKey, client_key: values.clientKey, succeeded: values.succeeded })
    .execute();
}

/**
 * Failed attempts in the window, and how many seconds ago the latest was (by the database's clock, which every
 * process shares): for the e-mail, only since its last success (the owner proved the password); for the client
 * address, all of them (an attacker's own successful login must not reset the count).
 */
export async function countRecentFailures(
  db: Kysely<Database>,
  keys: { emailKey: string; clientKey: string },
  windowSeconds: number,
) {
  const since = sql<Date>`now() - make_interval(secs => ${windowSeconds})`;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('login_attempt as failure')
        .select(sql<string>`count(*) || ' ' || coalesce(extract(epoch from now() - max(attempted_at)), 0)`.as('count'))
        .where('failure.email_key', '=', keys.emailKey)
        .where('failure.succeeded', '=', false)
        .where('failure.attempted_at', '>', since)
        .where((inner) =>
          inner.not(
            inner.exists(
              inner
                .selectFrom('login_attempt as success')
                .select('success.id')
                .where('success.email_key', '=', keys.emailKey)
                .where('success.succeeded', '=', true)
                .whereRef('success.attempted_at', '>=', 'failure.attempted_at'),
            ),
          ),
        )
        .as('by_email'),
      eb
        .selectFrom('login_attempt')
        .select(sql<string>`count(*) || ' ' || coalesce(extract(epoch from now() - max(attempted_at)), 0)`.as('count'))
        .where('client_key', '=', keys.clientKey)
        .where('succeeded', '=', false)
        .where('attempted_at', '>', since)
        .as('by_client'),
    ])
    .executeTakeFirstOrThrow();
  const read = (pair: string | null) => {
    const [count = '0', secondsAgo = '0'] = (pair ?? '0 0').split(' ');
    return { count: Number(count), secondsAgo: Number(secondsAgo) };
  };
  return { byEmail: read(row.by_email), byClient: read(row.by_client) };
}

export async function deleteLoginAttemptsBefore(db: Kysely<Database>, windowSeconds: number): Promise<void> {
  await db
    .deleteFrom('login_attempt')
    .where('attempted_at', '<', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .execute();
}

export async function selectAppSecret(db: Kysely<Database>, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Inserts the secret unless another process got there first; the caller reads back whichever won. */
export async function insertAppSecretIfMissing(db: Kysely<Database>, name: string, value: string): Promise<void> {
  await db
    .insertInto('app_secret')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Retention: sessions that ended by `now` (lifetime over, or idle too long), counted or deleted. */
export async function removeEndedSessions(
  db: Kysely<Database>,
  options: { now: Date; idleSeconds: number; apply: boolean },
): Promise<number> {
  const idleSince = new Date(options.now.getTime() - options.idleSeconds * 1000);
  const ended = (eb: ExpressionBuilder<Database, 'session'>) =>
    eb.or([eb('expires_at', '<=', options.now), eb('last_seen_at', '<=', idleSince)]);
  if (!options.apply) {
    const row = await db
      .selectFrom('session')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(ended)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await db.deleteFrom('session').where(ended).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Retention: sign-in attempts older than `before`, counted or deleted. */
export async function removeLoginAttemptsBefore(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  if (!options.apply) {
    const row = await db
      .selectFrom('login_attempt')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('attempted_at', '<', options.before)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await db.deleteFrom('login_attempt').where('attempted_at', '<', options.before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type AccountInvitationRow = Selectable<AccountInvitationTable>;

export async function insertAccountInvitation(db: Kysely<Database>, values: Insertable<AccountInvitationTable>) {
  await db.insertInto('account_invitation').values(values).execute();
}

/** Revokes every link still open for the address (a newer one replaces them); returns how many. */
export async function revokePendingInvitations(db: Kysely<Database>, email: string): Promise<number> {
  const result = await db
    .updateTable('account_invitation')
    .set({ revoked_at: sql<Date>`now()` })
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The invitation a link's token hash names, locked when `lock` is set (acceptance takes turns). */
export async function selectInvitationByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
  lock = false,
): Promise<AccountInvitationRow | undefined> {
  const query = db.selectFrom('account_invitation').selectAll().where('token_hash', '=', tokenHash);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function selectInvitationById(
  db: Kysely<Database>,
  id: string,
): Promise<AccountInvitationRow | undefined> {
  return db.selectFrom('account_invitation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Invitations that create an account and are still open (not accepted, revoked or expired), newest first. */
export async function selectPendingInvitations(db: Kysely<Database>): Promise<AccountInvitationRow[]> {
  return db
    .selectFrom('account_invitation')
    .selectAll()
    .where('account_id', 'is', null)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function markInvitationAccepted(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('account_invitation')
    .set({ accepted_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function updateAccountNotificationMode(
  db: Kysely<Database>,
  id: string,
  mode: NotificationMode,
): Promise<void> {
  await db.updateTable('account').set({ notification_mode: mode }).where('id', '=', id).execute();
}

/** Active accounts of one role and organization with their notification choice (for referral e-mails). */
export async function selectNotifiableAccounts(
  db: Kysely<Database>,
  filter: { role?: AccountRole; organizationId?: string; mode?: NotificationMode },
) {
  let query = db
    .selectFrom('account')
    .select(['id', 'email', 'role', 'organization_id', 'notification_mode'])
    .where('is_active', '=', true);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.mode) query = query.where('notification_mode', '=', filter.mode);
  return query.orderBy('email').execute();
}
