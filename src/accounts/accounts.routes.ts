import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { getCookie } from 'hono/cookie';
import { listAuditActions, listAuditEvents } from '../audit/audit.service.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks } from '../http/layout.js';
import { requireAccount, requireRole, signedInAccount } from './access.middleware.js';
import {
  changeOwnPassword,
  getNotificationMode,
  listAccounts,
  listOrganizationChoices,
  recordSignOut,
  setAccountActive,
  setNotificationMode,
  signIn,
} from './account.service.js';
import {
  acceptInvitationFormSchema,
  auditFilterSchema,
  changePasswordFormSchema,
  fieldErrorKeys,
  invitePreselectSchema,
  inviteFormSchema,
  loginFormSchema,
  notificationFormSchema,
} from './accounts.schema.js';
import {
  renderAcceptInvitationPage,
  renderAccountsPage,
  renderAuditPage,
  renderInvitationProblemPage,
  renderInvitePage,
  renderLoginPage,
  renderOwnAccountPage,
  renderPasswordPage,
  renderStaffHomePage,
  type FormValues,
  type InvitePageState,
  type LoginPageState,
} from './accounts.pages.js';
import {
  acceptInvitation,
  checkInvitation,
  inviteAccount,
  invitationPath,
  listPendingInvitations,
  resendInvitation,
  sendNewPasswordLink,
} from './invitation.service.js';
import {
  clearSessionCookie,
  clientAddress,
  currentSessionId,
  sessionCookieName,
  sessionPolicyOf,
  setSessionCookie,
} from './session.middleware.js';
import { endSession } from './session.service.js';
import { staffHomeLinks } from './staff-links.js';

type AppContext = Context<AppEnvironment>;

const auditPageSize = 50;

/** Only a path on this site: "/staff/x?y" yes; "//evil.example", "https://…", "/\\evil" no. */
export function safeNextPath(next: string | undefined): string {
  if (
    !next ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    /[\u0000-\u001f\\]/.test(next)
  )
    return '/staff';
  return next;
}

async function readForm(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'string' && name !== '_csrf') values[name] = value;
  return values;
}

function showLoginPage(c: AppContext, state: LoginPageState = {}) {
  return renderLoginPage(c, safeNextPath(state.values?.next ?? c.req.query('next')), state);
}

const accountsDoneSchema = z.enum(['invited', 'link_sent', 'deactivated', 'reactivated']).optional().catch(undefined);

async function showAccountsPage(c: AppContext, state: { message?: string; status?: 200 | 400 | 404 | 409 } = {}) {
  const db = c.get('db');
  const [accounts, invitations] = await Promise.all([listAccounts(db), listPendingInvitations(db)]);
  const done = accountsDoneSchema.parse(c.req.query('done'));
  return renderAccountsPage(c, { me: signedInAccount(c), accounts, invitations, done }, state);
}

async function showInvitePage(c: AppContext, state: Omit<InvitePageState, 'organizations'>) {
  return renderInvitePage(c, { ...state, organizations: await listOrganizationChoices(c.get('db')) });
}

/** The invitee's page carries a secret in its query string: never cached, never sent on as a referrer. */
function privateLinkPage(c: AppContext) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

async function showAuditPage(c: AppContext) {
  const db = c.get('db');
  const filter = auditFilterSchema.parse(c.req.query());
  const serviceFilter = {
    action: filter.action || undefined,
    entityType: filter.entity_type || undefined,
    entityId: filter.entity_id || undefined,
    from: filter.from,
    to: filter.to,
  };
  const [{ events, total }, actions] = await Promise.all([
    listAuditEvents(db, serviceFilter, { limit: auditPageSize, offset: (filter.page - 1) * auditPageSize }),
    listAuditActions(db),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  return renderAuditPage(c, { filter, events, total, pageCount, actions });
}

// --- routes -------------------------------------------------------------------------------------------------------

/** Sign-in, sign-out, the staff home, account administration, own password and the audit trail. */
export const accountRoutes = new Hono<AppEnvironment>()
  .get('/login', (c) => {
    if (c.get('account')) return c.redirect(safeNextPath(c.req.query('next')), 303);
    return showLoginPage(c);
  })
  .post('/login', async (c) => {
    const t = c.get('t');
    const values = await readForm(c);
    const parsed = loginFormSchema.safeParse(values);
    if (!parsed.success) return showLoginPage(c, { values, errors: fieldErrorKeys(parsed.error), status: 400 });
    const db = c.get('db');
    const result = await signIn(db, {
      email: parsed.data.email,
      password: parsed.data.password,
      clientAddress: clientAddress(c),
      sessionPolicy: sessionPolicyOf(c),
    });
    if (result.outcome === 'rate_limited') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return showLoginPage(c, {
        values,
        message: t('accounts.login.rate_limited', { count: result.retryAfterSeconds }),
        status: 429,
      });
    }
    if (result.outcome === 'refused')
      return showLoginPage(c, { values, message: t('accounts.login.refused'), status: 401 });
    // A new session id at every sign-in: a session token planted before sign-in is worth nothing after it.
    const previousToken = getCookie(c, sessionCookieName);
    if (previousToken) await endSession(db, previousToken);
    setSessionCookie(c, result.sessionToken);
    return c.redirect(safeNextPath(parsed.data.next), 303);
  })
  .post('/logout', async (c) => {
    const db = c.get('db');
    const token = getCookie(c, sessionCookieName);
    const account = c.get('account');
    if (token) await endSession(db, token);
    if (account) await recordSignOut(db, account.id);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  })
  .get('/staff', requireAccount(), (c) => {
    const t = c.get('t');
    const account = signedInAccount(c);
    const links = [
      ...staffHomeLinks.map((link) => link(account, t)),
      account.role === 'administrator'
        ? {
            href: '/staff/accounts',
            label: t('accounts.accounts.title'),
            description: t('accounts.staff.accounts_description'),
          }
        : null,
      account.role === 'administrator'
        ? { href: '/staff/audit', label: t('accounts.audit.title'), description: t('accounts.staff.audit_description') }
        : null,
      {
        href: '/staff/account',
        label: t('accounts.own.title'),
        description: t('accounts.staff.own_description'),
      },
      {
        href: '/staff/account/password',
        label: t('accounts.password.title'),
        description: t('accounts.staff.password_description'),
      },
    ].filter((link) => link !== null);
    return renderStaffHomePage(c, account, links);
  })
  .get('/staff/accounts', requireRole('administrator'), (c) => showAccountsPage(c))
  .get('/staff/accounts/invite', requireRole('administrator'), (c) => {
    // The registry links here with ?role=institution_editor&organization=<id> to invite an institution's editor.
    const preselect = invitePreselectSchema.parse(c.req.query());
    return showInvitePage(c, {
      values: {
        ...(preselect.role ? { role: preselect.role } : {}),
        ...(preselect.organization ? { organization_id: preselect.organization } : {}),
      },
    });
  })
  .post('/staff/accounts/invite', requireRole('administrator'), async (c) => {
    const values = await readForm(c);
    // The organization may come as `organization` too, the name the page's query string uses.
    if (!values.organization_id && values.organization) values.organization_id = values.organization;
    const parsed = inviteFormSchema.safeParse(values);
    if (!parsed.success) return showInvitePage(c, { values, errors: fieldErrorKeys(parsed.error), status: 400 });
    const actor = signedInAccount(c);
    try {
      await c
        .get('db')
        .transaction()
        .execute((trx) =>
          inviteAccount(
            trx,
            c.get('config'),
            {
              email: parsed.data.email,
              displayName: parsed.data.display_name,
              role: parsed.data.role,
              organizationId: parsed.data.organization_id || null,
              language: parsed.data.language ?? c.get('language'),
            },
            actor.id,
          ),
        );
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return showInvitePage(c, { values, errors: { email: error.messageKey }, status: 409 });
      if (error instanceof AppError && error.messageKey === 'accounts.organization_required')
        return showInvitePage(c, { values, errors: { organization_id: error.messageKey }, status: 400 });
      throw error;
    }
    return c.redirect('/staff/accounts?done=invited', 303);
  })
  .post('/staff/accounts/invitations/:id/resend', requireRole('administrator'), async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'error.not_found');
    try {
      await c
        .get('db')
        .transaction()
        .execute((trx) => resendInvitation(trx, c.get('config'), id, c.get('language'), signedInAccount(c).id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return showAccountsPage(c, { message: c.get('t')(error.messageKey), status: 409 });
      throw error;
    }
    return c.redirect('/staff/accounts?done=invited', 303);
  })
  .post('/staff/accounts/:id/:change{deactivate|reactivate}', requireRole('administrator'), async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'error.not_found');
    const isActive = c.req.param('change') === 'reactivate';
    await c
      .get('db')
      .transaction()
      .execute((trx) => setAccountActive(trx, { actorAccountId: signedInAccount(c).id, accountId: id, isActive }));
    return c.redirect(`/staff/accounts?done=${isActive ? 'reactivated' : 'deactivated'}`, 303);
  })
  .post('/staff/accounts/:id/password', requireRole('administrator'), async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'error.not_found');
    await c
      .get('db')
      .transaction()
      .execute((trx) => sendNewPasswordLink(trx, c.get('config'), id, c.get('language'), signedInAccount(c).id));
    return c.redirect('/staff/accounts?done=link_sent', 303);
  })
  .get(invitationPath, async (c) => {
    privateLinkPage(c);
    const token = c.req.query('token') ?? '';
    const check = await checkInvitation(c.get('db'), token);
    if (check.state !== 'valid')
      return renderInvitationProblemPage(c, check.state, check.state === 'unknown' ? 404 : 410);
    return renderAcceptInvitationPage(c, { token, invitation: check.invitation });
  })
  .post(invitationPath, async (c) => {
    privateLinkPage(c);
    const values = await readForm(c);
    const token = values.token ?? '';
    const parsed = acceptInvitationFormSchema.safeParse(values);
    if (!parsed.success) {
      const check = await checkInvitation(c.get('db'), token);
      if (check.state !== 'valid')
        return renderInvitationProblemPage(c, check.state, check.state === 'unknown' ? 404 : 410);
      return renderAcceptInvitationPage(c, {
        token,
        invitation: check.invitation,
        errors: fieldErrorKeys(parsed.error),
        status: 400,
      });
    }
    const result = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        acceptInvitation(trx, {
          token: parsed.data.token,
          password: parsed.data.new_password,
          sessionPolicy: sessionPolicyOf(c),
        }),
      );
    if (result.state !== 'accepted') {
      if (result.state === 'valid') throw new Error('an accepted invitation must say so');
      return renderInvitationProblemPage(c, result.state, result.state === 'unknown' ? 404 : 410);
    }
    const previousToken = getCookie(c, sessionCookieName);
    if (previousToken) await endSession(c.get('db'), previousToken);
    setSessionCookie(c, result.sessionToken);
    return c.redirect('/staff', 303);
  })
  .get('/staff/account', requireAccount(), async (c) => {
    const account = signedInAccount(c);
    const mode = await getNotificationMode(c.get('db'), account.id);
    return renderOwnAccountPage(c, { account, mode, done: c.req.query('done') === 'saved' });
  })
  .post('/staff/account', requireAccount(), async (c) => {
    const account = signedInAccount(c);
    const parsed = notificationFormSchema.safeParse(await readForm(c));
    if (!parsed.success) {
      const mode = await getNotificationMode(c.get('db'), account.id);
      return renderOwnAccountPage(c, { account, mode, errors: fieldErrorKeys(parsed.error), status: 400 });
    }
    await c
      .get('db')
      .transaction()
      .execute((trx) => setNotificationMode(trx, account.id, parsed.data.notification_mode));
    return c.redirect('/staff/account?done=saved', 303);
  })
  .get('/staff/account/password', requireAccount(), (c) =>
    renderPasswordPage(c, { done: c.req.query('done') === 'changed' }),
  )
  .post('/staff/account/password', requireAccount(), async (c) => {
    const parsed = changePasswordFormSchema.safeParse(await readForm(c));
    if (!parsed.success) return renderPasswordPage(c, { errors: fieldErrorKeys(parsed.error), status: 400 });
    try {
      await c
        .get('db')
        .transaction()
        .execute((trx) =>
          changeOwnPassword(trx, {
            accountId: signedInAccount(c).id,
            currentPassword: parsed.data.current_password,
            newPassword: parsed.data.new_password,
            keepSessionId: currentSessionId(c),
          }),
        );
    } catch (error) {
      if (error instanceof AppError && error.messageKey === 'accounts.current_password_wrong')
        return renderPasswordPage(c, { errors: { current_password: error.messageKey }, status: 400 });
      throw error;
    }
    return c.redirect('/staff/account/password?done=changed', 303);
  })
  .get('/staff/audit', requireRole('administrator'), (c) => showAuditPage(c));

// Anonymous visitors see "Sign in"; staff see "Staff" and a "Sign out" button (a POST form, never a GET link).
navigationLinks.push(
  (c) => (c.get('account') ? { href: '/staff', label: c.get('t')('accounts.nav.staff') } : null),
  (c) =>
    c.get('account')
      ? { href: '/logout', label: c.get('t')('accounts.nav.sign_out'), post: true }
      : { href: '/login', label: c.get('t')('accounts.nav.sign_in') },
);
