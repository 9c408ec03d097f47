import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { rolesWithOrganization, type AccountRole } from '../core/account.js';
import { AppError } from '../core/errors.js';
import { translate } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import type { Database } from '../db/database.js';
import { requestJobRun } from '../jobs/job.service.js';
import { queueMessage } from '../mail/mail.service.js';
import { findExistingInstitutionIds, findInstitutionNames } from '../registry/institution-read.service.js';
import {
  insertAccount,
  insertAccountInvitation,
  markInvitationAccepted,
  revokePendingInvitations,
  selectAccountByEmail,
  selectAccountById,
  selectInvitationById,
  selectInvitationByTokenHash,
  selectPendingInvitations,
  updateAccountLastLogin,
  type AccountInvitationRow,
} from './account.repository.js';
import { hashNewPassword, normalizeEmail, setAccountPassword } from './account.service.js';
import { startSession, type SessionPolicy } from './session.service.js';

// Accounts are invited by an e-mail link; nobody hands out passwords (issue 11, item 1). An administrator names the
// person, their role and organization; the app mails a link with a random single-use token (only its SHA-256 is
// stored) that expires after INVITATION_HOURS. The invitee sets their own password on that page and is signed in.
// A newer link to the same address revokes the older ones. The same link, bound to an existing account, is how an
// administrator lets someone who forgot their password set a new one. `npx atlas users create` stays as it is.

/** What an administrator fills in to invite someone. */
export type InvitationInput = {
  email: string;
  displayName: string;
  role: AccountRole;
  organizationId?: string | null;
  /** The language of the e-mail. */
  language: Language;
};

/** An open invitation as the staff account list shows it. */
export type PendingInvitation = {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  organizationName: string | null;
  createdAt: Date;
  expiresAt: Date;
};

/** What a link's token names: a usable invitation, or why it no longer works. */
export type InvitationCheck =
  | { state: 'valid'; invitation: { email: string; displayName: string; setsNewPassword: boolean } }
  | { state: 'unknown' | 'used' | 'expired' | 'replaced' };

/** The path of the page a link opens; the token travels in the query string, which request logs leave out. */
export const invitationPath = '/invitation';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// 32 random bytes in base64url: 43 characters. Anything else cannot be a token of ours.
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

async function organizationFor(
  db: Kysely<Database>,
  role: AccountRole,
  organizationId: string | null | undefined,
): Promise<string | null> {
  if (!rolesWithOrganization.includes(role)) return null;
  const found = organizationId ? await findExistingInstitutionIds(db, [organizationId]) : [];
  if (found.length === 0) throw new AppError('invalid_input', 'accounts.organization_required');
  return organizationId ?? null;
}

async function issueLink(
  trx: Kysely<Database>,
  config: Config,
  invitation: Omit<InvitationInput, 'organizationId'> & { organizationId: string | null; accountId: string | null },
  actorAccountId: string,
  action: string,
): Promise<{ id: string }> {
  const replaced = await revokePendingInvitations(trx, invitation.email);
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await insertAccountInvitation(trx, {
    id,
    email: invitation.email,
    display_name: invitation.displayName,
    role: invitation.role,
    organization_id: invitation.organizationId,
    account_id: invitation.accountId,
    token_hash: hashToken(token),
    expires_at: new Date(Date.now() + config.invitationLifetimeSeconds * 1000),
    invited_by: actorAccountId,
    accepted_at: null,
    revoked_at: null,
  });
  const language = invitation.language;
  const link = new URL(`${invitationPath}?token=${token}`, config.publicUrl).toString();
  const kind = invitation.accountId ? 'password_link' : 'invitation';
  const hours = Math.round(config.invitationLifetimeSeconds / 3600);
  const subject = translate(language, `accounts.${kind}.mail_subject`);
  const text = `${translate(language, `accounts.${kind}.mail_body`, { hours })}\n\n${link}\n\n${translate(language, 'accounts.invitation.mail_footer')}\n`;
  // The token is a secret: it reaches the recipient, while the outbox row shows "[…]" in its place.
  await queueMessage(trx, config, {
    purpose: 'account_invitation',
    subjectType: 'account_invitation',
    subjectId: id,
    to: invitation.email,
    subject,
    text,
    language,
    secrets: [token],
  });
  await requestJobRun(trx, 'mail.deliver');
  await recordAuditEvent(trx, {
    accountId: actorAccountId,
    action,
    entityType: invitation.accountId ? 'account' : 'account_invitation',
    entityId: invitation.accountId ?? id,
    details: {
      invitation: id,
      role: invitation.role,
      organization_id: invitation.organizationId,
      ...(replaced > 0 ? { replaced } : {}),
    },
  });
  return { id };
}

/** Invites someone by e-mail to create their account; throws `conflict` when the address has an account already. */
export async function inviteAccount(
  trx: Kysely<Database>,
  config: Config,
  input: InvitationInput,
  actorAccountId: string,
): Promise<{ id: string }> {
  const email = normalizeEmail(input.email);
  const organizationId = await organizationFor(trx, input.role, input.organizationId);
  if (await selectAccountByEmail(trx, email)) throw new AppError('conflict', 'accounts.email_taken');
  return issueLink(
    trx,
    config,
    { ...input, email, displayName: input.displayName.trim(), organizationId, accountId: null },
    actorAccountId,
    'account.invitation_create',
  );
}

/** Sends an open invitation again with a new link; the earlier link stops working. */
export async function resendInvitation(
  trx: Kysely<Database>,
  config: Config,
  invitationId: string,
  language: Language,
  actorAccountId: string,
): Promise<{ id: string }> {
  const invitation = await selectInvitationById(trx, invitationId);
  if (!invitation || invitation.account_id !== null) throw new AppError('not_found', 'error.not_found');
  if (invitation.accepted_at !== null) throw new AppError('conflict', 'accounts.invitation.already_accepted');
  if (await selectAccountByEmail(trx, invitation.email)) throw new AppError('conflict', 'accounts.email_taken');
  return issueLink(
    trx,
    config,
    {
      email: invitation.email,
      displayName: invitation.display_name,
      role: invitation.role,
      organizationId: invitation.organization_id,
      accountId: null,
      language,
    },
    actorAccountId,
    'account.invitation_create',
  );
}

/**
 * Mails an account's owner a link to set a new password (administrators only, never for themselves): the
 * administrator never sees or hands out a password.
 */
export async function sendNewPasswordLink(
  trx: Kysely<Database>,
  config: Config,
  accountId: string,
  language: Language,
  actorAccountId: string,
): Promise<{ email: string }> {
  if (actorAccountId === accountId) throw new AppError('invalid_input', 'accounts.cannot_reset_self');
  const account = await selectAccountById(trx, accountId);
  if (!account || !account.is_active) throw new AppError('not_found', 'error.not_found');
  await issueLink(
    trx,
    config,
    {
      email: account.email,
      displayName: account.display_name,
      role: account.role,
      organizationId: account.organization_id,
      accountId: account.id,
      language,
    },
    actorAccountId,
    'account.password_link',
  );
  return { email: account.email };
}

function checkRow(row: AccountInvitationRow | undefined, now = new Date()): InvitationCheck {
  if (!row) return { state: 'unknown' };
  if (row.accepted_at !== null) return { state: 'used' };
  if (row.revoked_at !== null) return { state: 'replaced' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { state: 'expired' };
  return {
    state: 'valid',
    invitation: { email: row.email, displayName: row.display_name, setsNewPassword: row.account_id !== null },
  };
}

/** Whether a link's token still works, and for whom (no audit: nothing personal is opened). */
export async function checkInvitation(db: Kysely<Database>, token: string): Promise<InvitationCheck> {
  if (!tokenPattern.test(token)) return { state: 'unknown' };
  return checkRow(await selectInvitationByTokenHash(db, hashToken(token)));
}

/**
 * Accepts a link: creates the account (or sets the existing account's new password, ending its sessions), marks
 * the link used and starts a session. Two submissions of one link take turns on the row; the second finds it used.
 */
export async function acceptInvitation(
  trx: Kysely<Database>,
  input: { token: string; password: string; sessionPolicy?: SessionPolicy },
): Promise<InvitationCheck | { state: 'accepted'; accountId: string; sessionToken: string }> {
  if (!tokenPattern.test(input.token)) return { state: 'unknown' };
  const row = await selectInvitationByTokenHash(trx, hashToken(input.token), true);
  const check = checkRow(row);
  if (check.state !== 'valid' || !row) return check;
  const details = { invitation: row.id, role: row.role, organization_id: row.organization_id };
  let accountId = row.account_id;
  if (accountId) {
    await setAccountPassword(trx, {
      accountId,
      password: input.password,
      audit: { action: 'account.password_link_accept', details },
    });
  } else {
    const passwordHash = await hashNewPassword(input.password);
    // An account made for this address meanwhile (the CLI) makes the invitation moot.
    if (await selectAccountByEmail(trx, row.email)) return { state: 'used' };
    accountId = randomUUID();
    await insertAccount(trx, {
      id: accountId,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      organizationId: row.organization_id,
      passwordHash,
    });
    await recordAuditEvent(trx, {
      accountId,
      action: 'account.invitation_accept',
      entityType: 'account',
      entityId: accountId,
      details,
    });
  }
  await markInvitationAccepted(trx, row.id);
  await updateAccountLastLogin(trx, accountId);
  const session = await startSession(trx, accountId, input.sessionPolicy);
  return { state: 'accepted', accountId, sessionToken: session.token };
}

/** Invitations still waiting for their invitee, newest first, with the organization's name. */
export async function listPendingInvitations(db: Kysely<Database>): Promise<PendingInvitation[]> {
  const rows = await selectPendingInvitations(db);
  const names = await findInstitutionNames(
    db,
    rows.flatMap((row) => (row.organization_id ? [row.organization_id] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organizationName: row.organization_id ? (names.get(row.organization_id) ?? null) : null,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  }));
}
