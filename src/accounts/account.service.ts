import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import { AppError } from '../core/errors.js';
import {
  countRecentFailures,
  deleteLoginAttemptsBefore,
  deleteSessionsOfAccount,
  insertAccount,
  insertLoginAttempt,
  selectAccountByEmail,
  selectAccountById,
  selectAccountList,
  selectNotifiableAccounts,
  updateAccountActive,
  updateAccountLastLogin,
  updateAccountNotificationMode,
  updateAccountPassword,
} from './account.repository.js';
import type { NotificationMode } from './account.table.js';
import { rolesWithOrganization, type AccountRole } from '../core/account.js';
import {
  findExistingInstitutionIds,
  findInstitutionNames,
  listInstitutionChoices,
} from '../registry/institution-read.service.js';
import { compareLatvian } from '../territories/territory.service.js';
import { hashPassword, minimumPasswordLength, verifyAgainstDecoy, verifyPassword } from './password.js';
import { startSession, type SessionPolicy } from './session.service.js';

// Failed sign-ins slow further attempts down instead of locking the account: after a few free failures each one
// doubles the wait, up to a cap. The cap per e-mail is short, so an attacker who knows the administrator's e-mail
// can delay them by a minute at most, never lock them out; the cap per client address (many e-mails tried from one
// place) is longer, as it slows only that address. Failures are rows of login_attempt, so the waits hold across
// every process serving the database.
/** Failures for one e-mail before sign-in is slowed down… */
export const freeFailuresPerEmail = 3;
/** …and the longest wait they impose. */
export const maximumWaitPerEmailSeconds = 60;
/** Failures from one client address before sign-in from there is slowed down… */
export const freeFailuresPerClient = 10;
/** …and the longest wait they impose. */
export const maximumWaitPerClientSeconds = 15 * 60;
/** Failures older than this no longer count. */
export const loginWindowSeconds = 60 * 60;

/** The wait after `failures` recent failures: none for the free ones, then 1 s, 2 s, 4 s … up to the cap. */
export function signInWaitSeconds(failures: number, free: number, cap: number): number {
  if (failures < free) return 0;
  return Math.min(cap, 2 ** (failures - free));
}

/** A staff account as pages and the CLI show it (never the password hash). */
export type AccountSummary = {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  organizationId: string | null;
  organizationName: string | null;
  isActive: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  notificationMode: NotificationMode;
};

/** E-mails compare without case or surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function assertPasswordStrongEnough(password: string): void {
  if ([...password].length < minimumPasswordLength) {
    throw new AppError('invalid_input', 'accounts.password_too_short', [], { minimum: minimumPasswordLength });
  }
}

/** Checks a new password's length (throws `invalid_input` when it is too short) and returns its hash. */
export async function hashNewPassword(password: string): Promise<string> {
  assertPasswordStrongEnough(password);
  return hashPassword(password);
}

/**
 * Gives an existing account a new password: checks and hashes it, ends the account's sessions (all but
 * `keepSessionId`) and audits the change as `audit.action`. The one way a password is set, by the account holder
 * or through an e-mailed link.
 */
export async function setAccountPassword(
  db: Kysely<Database>,
  input: {
    accountId: string;
    password: string;
    keepSessionId?: string;
    audit: { action: string; details?: Record<string, unknown> };
  },
): Promise<void> {
  await updateAccountPassword(db, input.accountId, await hashNewPassword(input.password));
  await deleteSessionsOfAccount(db, input.accountId, input.keepSessionId);
  await recordAuditEvent(db, {
    accountId: input.accountId,
    action: input.audit.action,
    entityType: 'account',
    entityId: input.accountId,
    details: input.audit.details,
  });
}

/** Creates a staff account; editors must name their institution. Throws `conflict` for an e-mail already used. */
export async function createAccount(
  db: Kysely<Database>,
  input: { email: string; displayName: string; role: AccountRole; organizationId?: string | null; password: string },
  actorAccountId: string | null,
): Promise<SignedInAccount> {
  assertPasswordStrongEnough(input.password);
  const email = normalizeEmail(input.email);
  const organizationId = rolesWithOrganization.includes(input.role) ? (input.organizationId ?? null) : null;
  if (rolesWithOrganization.includes(input.role)) {
    const found = organizationId ? await findExistingInstitutionIds(db, [organizationId]) : [];
    if (found.length === 0) throw new AppError('invalid_input', 'accounts.organization_required');
  }
  if (await selectAccountByEmail(db, email)) throw new AppError('conflict', 'accounts.email_taken');
  const id = randomUUID();
  await insertAccount(db, {
    id,
    email,
    displayName: input.displayName.trim(),
    role: input.role,
    organizationId,
    passwordHash: await hashPassword(input.password),
  });
  await recordAuditEvent(db, {
    accountId: actorAccountId,
    action: 'account.create',
    entityType: 'account',
    entityId: id,
    details: { role: input.role, organization_id: organizationId },
  });
  return { id, email, displayName: input.displayName.trim(), role: input.role, organizationId };
}

/** Every account, active first, with its institution's name for editors. */
export async function listAccounts(db: Kysely<Database>): Promise<AccountSummary[]> {
  const rows = await selectAccountList(db);
  const names = await findInstitutionNames(
    db,
    rows.flatMap((row) => (row.organization_id ? [row.organization_id] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organizationId: row.organization_id,
    organizationName: row.organization_id ? (names.get(row.organization_id) ?? null) : null,
    isActive: row.is_active,
    createdAt: new Date(row.created_at),
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
    notificationMode: row.notification_mode,
  }));
}

export type SignInResult =
  | { outcome: 'signed_in'; account: SignedInAccount; sessionToken: string }
  | { outcome: 'refused' }
  | { outcome: 'rate_limited'; retryAfterSeconds: number };

// Keys for counting attempts: digests, so the table holds no e-mail or address in the clear.
function attemptKey(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}\u0000${value}`).digest('hex');
}

/**
 * Checks an e-mail and password and starts a session. Unknown e-mail, wrong password and deactivated account
 * are one outcome ('refused') and take the same time; too many recent failures give 'rate_limited' even for
 * the right password. Every attempt is counted and audited; nothing is thrown, so the caller's records stay.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string; sessionPolicy?: SessionPolicy },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const keys = { emailKey: attemptKey('email', email), clientKey: attemptKey('client', input.clientAddress) };
  const account = await selectAccountByEmail(db, email);
  const failures = await countRecentFailures(db, keys, loginWindowSeconds);
  const emailWait =
    signInWaitSeconds(failures.byEmail.count, freeFailuresPerEmail, maximumWaitPerEmailSeconds) -
    failures.byEmail.secondsAgo;
  const clientWait =
    signInWaitSeconds(failures.byClient.count, freeFailuresPerClient, maximumWaitPerClientSeconds) -
    failures.byClient.secondsAgo;
  if (emailWait > 0 || clientWait > 0) {
    // An attempt during the wait is not checked and not counted: the wait never grows past its cap.
    await recordAuditEvent(db, {
      accountId: null,
      action: 'account.login_rate_limited',
      entityType: account ? 'account' : null,
      entityId: account?.id ?? null,
      details: { by: emailWait >= clientWait ? 'email' : 'client' },
    });
    return { outcome: 'rate_limited', retryAfterSeconds: Math.ceil(Math.max(emailWait, clientWait)) };
  }
  const passwordMatches = account
    ? await verifyPassword(input.password, account.password_hash)
    : await verifyAgainstDecoy(input.password);
  if (!account || !passwordMatches || !account.is_active) {
    await insertLoginAttempt(db, { ...keys, succeeded: false });
    const reason = !account ? 'unknown_email' : !passwordMatches ? 'wrong_password' : 'inactive';
    await recordAuditEvent(db, {
      accountId: null,
      action: 'account.login_failed',
      entityType: account ? 'account' : null,
      entityId: account?.id ?? null,
      details: { reason },
    });
    return { outcome: 'refused' };
  }
  await insertLoginAttempt(db, { ...keys, succeeded: true });
  // Old attempts only ever matter inside the window; sweeping here keeps the table small.
  await deleteLoginAttemptsBefore(db, loginWindowSeconds * 2);
  await updateAccountLastLogin(db, account.id);
  const session = await startSession(db, account.id, input.sessionPolicy);
  await recordAuditEvent(db, {
    accountId: account.id,
    action: 'account.login',
    entityType: 'account',
    entityId: account.id,
  });
  return {
    outcome: 'signed_in',
    sessionToken: session.token,
    account: {
      id: account.id,
      email: account.email,
      displayName: account.display_name,
      role: account.role,
      organizationId: account.organization_id,
    },
  };
}

/** Records a sign-out (the session row itself is removed by endSession). */
export async function recordSignOut(db: Kysely<Database>, accountId: string): Promise<void> {
  await recordAuditEvent(db, { accountId, action: 'account.logout', entityType: 'account', entityId: accountId });
}

/** Changes the account's own password after checking the current one; ends its other sessions. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  input: { accountId: string; currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  const account = await selectAccountById(db, input.accountId);
  if (!account) throw new AppError('not_found', 'error.not_found');
  if (!(await verifyPassword(input.currentPassword, account.password_hash))) {
    throw new AppError('invalid_input', 'accounts.current_password_wrong');
  }
  await setAccountPassword(db, {
    accountId: account.id,
    password: input.newPassword,
    keepSessionId: input.keepSessionId ?? undefined,
    audit: { action: 'account.password_change' },
  });
}

/** Deactivates or reactivates an account (administrators only, never their own); deactivation ends its sessions. */
export async function setAccountActive(
  db: Kysely<Database>,
  input: { actorAccountId: string; accountId: string; isActive: boolean },
): Promise<void> {
  if (input.actorAccountId === input.accountId) throw new AppError('invalid_input', 'accounts.cannot_deactivate_self');
  const changed = await updateAccountActive(db, input.accountId, input.isActive);
  if (changed === 0) throw new AppError('not_found', 'error.not_found');
  if (!input.isActive) await deleteSessionsOfAccount(db, input.accountId);
  await recordAuditEvent(db, {
    accountId: input.actorAccountId,
    action: input.isActive ? 'account.reactivate' : 'account.deactivate',
    entityType: 'account',
    entityId: input.accountId,
  });
}

/** Institutions to choose from when creating an institution editor, in Latvian alphabetical order. */
export async function listOrganizationChoices(
  db: Kysely<Database>,
): Promise<Array<{ id: string; name: string; isDemo: boolean }>> {
  // A select list is only usable up to a few thousand entries; a registry larger than that needs a search box.
  const choices = await listInstitutionChoices(db, 5000);
  return choices.sort((a, b) => compareLatvian(a.name, b.name));
}

/** The account with this e-mail (any case), for the CLI; never its password hash. */
export async function findAccountByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<{ id: string; role: AccountRole; isActive: boolean } | undefined> {
  const row = await selectAccountByEmail(db, normalizeEmail(email));
  return row ? { id: row.id, role: row.role, isActive: row.is_active } : undefined;
}

/** An account's own choice of referral e-mails: one per event, or one digest a day. */
export async function getNotificationMode(db: Kysely<Database>, accountId: string): Promise<NotificationMode> {
  const row = await selectAccountById(db, accountId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return row.notification_mode;
}

/** Sets the account's own choice of referral e-mails, audited. */
export async function setNotificationMode(
  db: Kysely<Database>,
  accountId: string,
  mode: NotificationMode,
): Promise<void> {
  await updateAccountNotificationMode(db, accountId, mode);
  await recordAuditEvent(db, {
    accountId,
    action: 'account.notification_mode',
    entityType: 'account',
    entityId: accountId,
    details: { mode },
  });
}

/** Active accounts of a role in an organization that want referral e-mails in this mode (ids and addresses). */
export async function listNotifiableAccounts(
  db: Kysely<Database>,
  filter: { role?: AccountRole; organizationId?: string; mode?: NotificationMode },
): Promise<
  Array<{ id: string; email: string; role: AccountRole; organizationId: string | null; mode: NotificationMode }>
> {
  const rows = await selectNotifiableAccounts(db, filter);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    mode: row.notification_mode,
  }));
}
