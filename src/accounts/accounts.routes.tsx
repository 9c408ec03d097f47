import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { listAuditActions, listAuditEvents } from '../audit/audit.service.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { formatMoment } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { requireAccount, requireRole, signedInAccount } from './access.js';
import {
  accountRoles,
  changeOwnPassword,
  createAccount,
  issueNewPassword,
  listAccounts,
  listOrganizationChoices,
  recordSignOut,
  setAccountActive,
  signIn,
} from './account.service.js';
import { auditFilterSchema, changePasswordFormSchema, createAccountFormSchema, fieldErrorKeys, loginFormSchema } from './accounts.schema.js';
import { minimumPasswordLength } from './password.js';
import { clearSessionCookie, currentSessionId, sessionCookieName, setSessionCookie } from './session.middleware.js';
import { endSession } from './session.service.js';
import { staffHomeLinks } from './staff-links.js';

type AppContext = Context<AppEnvironment>;
type FieldErrors = Record<string, string>;
type FormValues = Record<string, string>;

const auditPageSize = 50;

/** Only a path on this site: "/staff/x?y" yes; "//evil.example", "https://…", "/\\evil" no. */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\\]/.test(next)) return '/staff';
  return next;
}

// Behind a reverse proxy on this machine (and in in-process tests) the socket is the proxy's; then the proxy's
// X-Forwarded-For names the client. From anywhere else the header is the client's own claim, so it is ignored.
function clientAddress(c: AppContext): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    socketAddress = undefined;
  }
  const isLocal = !socketAddress || socketAddress === '::1' || socketAddress.startsWith('127.') || socketAddress === '::ffff:127.0.0.1';
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  if (isLocal && forwarded) return forwarded;
  return socketAddress ?? 'unknown';
}

async function readForm(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && name !== '_csrf') values[name] = value;
  return values;
}

function formatDateTime(c: AppContext, value: Date | null): string {
  if (!value) return '—';
  return formatMoment(value, c.get('language'));
}

function ErrorSummary(props: { c: AppContext; errors: FieldErrors; message?: string }) {
  const t = props.c.get('t');
  const fields = Object.keys(props.errors);
  if (fields.length === 0 && !props.message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{props.message ?? t('error.invalid_input')}</h2>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li>
              <a href={`#${field}`}>{t(props.errors[field] ?? 'accounts.field.invalid', { minimum: minimumPasswordLength })}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Field(props: { c: AppContext; name: string; label: string; errors: FieldErrors; hint?: string; children: Child }) {
  const t = props.c.get('t');
  const error = props.errors[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${props.name}-error`}>
          {t(error, { minimum: minimumPasswordLength })}
        </p>
      )}
      {props.children}
    </div>
  );
}

function describedBy(name: string, errors: FieldErrors, hasHint = false): string | undefined {
  const ids = [hasHint ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

// --- sign-in and sign-out -------------------------------------------------------------------------------------

function renderLoginPage(c: AppContext, options: { values?: FormValues; errors?: FieldErrors; message?: string; status?: 200 | 400 | 401 | 429 } = {}) {
  const t = c.get('t');
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const next = safeNextPath(values.next ?? c.req.query('next'));
  return renderPage(
    c,
    t('accounts.login.title'),
    <>
      <h1>{t('accounts.login.title')}</h1>
      <p>{t('accounts.login.intro')}</p>
      <ErrorSummary c={c} errors={errors} message={options.message} />
      <form method="post" action="/login" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="next" value={next} />
        <Field c={c} name="email" label={t('accounts.field.email')} errors={errors}>
          <input type="email" id="email" name="email" value={values.email ?? ''} autocomplete="username" required aria-invalid={errors.email ? 'true' : undefined} aria-describedby={describedBy('email', errors)} />
        </Field>
        <Field c={c} name="password" label={t('accounts.field.password')} errors={errors}>
          <input type="password" id="password" name="password" autocomplete="current-password" required aria-invalid={errors.password ? 'true' : undefined} aria-describedby={describedBy('password', errors)} />
        </Field>
        <div class="actions">
          <button type="submit">{t('accounts.login.submit')}</button>
        </div>
      </form>
    </>,
    { status: options.status ?? 200 },
  );
}

// --- staff accounts ---------------------------------------------------------------------------------------------

async function renderAccountsPage(
  c: AppContext,
  options: { values?: FormValues; errors?: FieldErrors; message?: string; status?: 200 | 400 | 409; issuedPassword?: { email: string; password: string } } = {},
) {
  const t = c.get('t');
  const db = c.get('db');
  const me = signedInAccount(c);
  const [accounts, organizations] = await Promise.all([listAccounts(db), listOrganizationChoices(db)]);
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const done = c.req.query('done');
  return renderPage(
    c,
    t('accounts.accounts.title'),
    <>
      <h1 id="accounts-title">{t('accounts.accounts.title')}</h1>
      {done && ['created', 'deactivated', 'reactivated'].includes(done) && (
        <p class="notice" role="status">
          {t(`accounts.accounts.done.${done}`)}
        </p>
      )}
      {/* Shown on this answer only, never in a URL or a log: the administrator passes it on, the person changes it. */}
      {options.issuedPassword && (
        <div class="notice" role="status">
          <p>{t('accounts.accounts.new_password_issued', { email: options.issuedPassword.email })}</p>
          <p>
            <code>{options.issuedPassword.password}</code>
          </p>
        </div>
      )}
      <div class="table-scroll">
        <table aria-labelledby="accounts-title">
          <thead>
            <tr>
              <th scope="col">{t('accounts.field.display_name')}</th>
              <th scope="col">{t('accounts.field.email')}</th>
              <th scope="col">{t('accounts.field.role')}</th>
              <th scope="col">{t('accounts.field.organization')}</th>
              <th scope="col">{t('accounts.accounts.last_login')}</th>
              <th scope="col">{t('accounts.accounts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr>
                <td>{account.displayName}</td>
                <td>{account.email}</td>
                <td>{t(`accounts.role.${account.role}`)}</td>
                <td>{account.organizationName ?? '—'}</td>
                <td>{formatDateTime(c, account.lastLoginAt)}</td>
                <td>
                  {account.isActive ? t('accounts.accounts.active') : t('accounts.accounts.inactive')}
                  {account.id !== me.id && (
                    <form method="post" action={`/staff/accounts/${account.id}/${account.isActive ? 'deactivate' : 'reactivate'}`}>
                      <CsrfField c={c} />
                      {/* The name in aria-label, not a visually-hidden span: absolute spans escape the table's scroll box on phones. */}
                      <button type="submit" class="secondary" aria-label={`${account.isActive ? t('accounts.accounts.deactivate') : t('accounts.accounts.reactivate')}: ${account.email}`}>
                        {account.isActive ? t('accounts.accounts.deactivate') : t('accounts.accounts.reactivate')}
                      </button>
                    </form>
                  )}
                  {account.id !== me.id && account.isActive && (
                    <form method="post" action={`/staff/accounts/${account.id}/password`}>
                      <CsrfField c={c} />
                      <button type="submit" class="secondary" aria-label={`${t('accounts.accounts.new_password')}: ${account.email}`}>
                        {t('accounts.accounts.new_password')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="new">{t('accounts.accounts.create')}</h2>
      <ErrorSummary c={c} errors={errors} message={options.message} />
      <form method="post" action="/staff/accounts" novalidate>
        <CsrfField c={c} />
        <Field c={c} name="display_name" label={t('accounts.field.display_name')} errors={errors}>
          <input type="text" id="display_name" name="display_name" value={values.display_name ?? ''} required autocomplete="off" aria-describedby={describedBy('display_name', errors)} />
        </Field>
        <Field c={c} name="email" label={t('accounts.field.email')} errors={errors}>
          <input type="email" id="email" name="email" value={values.email ?? ''} required autocomplete="off" aria-describedby={describedBy('email', errors)} />
        </Field>
        <Field c={c} name="role" label={t('accounts.field.role')} errors={errors} hint={t('accounts.field.role_hint')}>
          <select id="role" name="role" aria-describedby={describedBy('role', errors, true)}>
            {accountRoles.map((role) => (
              <option value={role} selected={(values.role ?? 'analyst') === role}>
                {t(`accounts.role.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field c={c} name="organization_id" label={t('accounts.field.organization')} errors={errors} hint={t('accounts.field.organization_hint')}>
          <select id="organization_id" name="organization_id" aria-describedby={describedBy('organization_id', errors, true)}>
            <option value="">{t('accounts.field.organization_none')}</option>
            {organizations.map((organization) => (
              <option value={organization.id} selected={values.organization_id === organization.id}>
                {organization.isDemo ? `${organization.name} (${t('accounts.demo')})` : organization.name}
              </option>
            ))}
          </select>
        </Field>
        <Field c={c} name="password" label={t('accounts.field.new_password')} errors={errors} hint={t('accounts.password.hint', { minimum: minimumPasswordLength })}>
          <input type="password" id="password" name="password" autocomplete="new-password" required minlength={minimumPasswordLength} aria-describedby={describedBy('password', errors, true)} />
        </Field>
        <div class="actions">
          <button type="submit">{t('accounts.accounts.create_submit')}</button>
        </div>
      </form>
    </>,
    { status: options.status ?? 200, wide: true },
  );
}

// --- own password -----------------------------------------------------------------------------------------------

function renderPasswordPage(c: AppContext, options: { errors?: FieldErrors; status?: 200 | 400 } = {}) {
  const t = c.get('t');
  const errors = options.errors ?? {};
  const done = c.req.query('done') === 'changed';
  return renderPage(
    c,
    t('accounts.password.title'),
    <>
      <h1>{t('accounts.password.title')}</h1>
      {done && (
        <p class="notice" role="status">
          {t('accounts.password.changed')}
        </p>
      )}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/staff/account/password" novalidate>
        <CsrfField c={c} />
        <Field c={c} name="current_password" label={t('accounts.field.current_password')} errors={errors}>
          <input type="password" id="current_password" name="current_password" autocomplete="current-password" required aria-describedby={describedBy('current_password', errors)} />
        </Field>
        <Field c={c} name="new_password" label={t('accounts.field.new_password')} errors={errors} hint={t('accounts.password.hint', { minimum: minimumPasswordLength })}>
          <input type="password" id="new_password" name="new_password" autocomplete="new-password" required minlength={minimumPasswordLength} aria-describedby={describedBy('new_password', errors, true)} />
        </Field>
        <Field c={c} name="repeat_password" label={t('accounts.field.repeat_password')} errors={errors}>
          <input type="password" id="repeat_password" name="repeat_password" autocomplete="new-password" required aria-describedby={describedBy('repeat_password', errors)} />
        </Field>
        <div class="actions">
          <button type="submit">{t('accounts.password.submit')}</button>
        </div>
      </form>
    </>,
    { status: options.status ?? 200 },
  );
}

// --- audit trail ----------------------------------------------------------------------------------------------

async function renderAuditPage(c: AppContext) {
  const t = c.get('t');
  const db = c.get('db');
  const filter = auditFilterSchema.parse(c.req.query());
  const serviceFilter = { action: filter.action || undefined, entityType: filter.entity_type || undefined, entityId: filter.entity_id || undefined, from: filter.from, to: filter.to };
  const [{ events, total }, actions] = await Promise.all([
    listAuditEvents(db, serviceFilter, { limit: auditPageSize, offset: (filter.page - 1) * auditPageSize }),
    listAuditActions(db),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ action: filter.action, entity_type: filter.entity_type, entity_id: filter.entity_id, from: filter.from, to: filter.to })) {
      if (value) params.set(name, value);
    }
    params.set('page', String(page));
    return `/staff/audit?${params.toString()}`;
  };
  return renderPage(
    c,
    t('accounts.audit.title'),
    <>
      <h1>{t('accounts.audit.title')}</h1>
      <p>{t('accounts.audit.intro')}</p>
      <form method="get" action="/staff/audit" class="card">
        <Field c={c} name="action" label={t('accounts.audit.action')} errors={{}}>
          <select id="action" name="action">
            <option value="">{t('accounts.audit.all')}</option>
            {actions.map((action) => (
              <option value={action} selected={filter.action === action}>
                {action}
              </option>
            ))}
          </select>
        </Field>
        <Field c={c} name="entity_type" label={t('accounts.audit.entity_type')} errors={{}}>
          <input type="text" id="entity_type" name="entity_type" value={filter.entity_type ?? ''} />
        </Field>
        <Field c={c} name="entity_id" label={t('accounts.audit.entity_id')} errors={{}}>
          <input type="text" id="entity_id" name="entity_id" value={filter.entity_id ?? ''} />
        </Field>
        <Field c={c} name="from" label={t('accounts.audit.from')} errors={{}}>
          <input type="date" id="from" name="from" value={filter.from ?? ''} />
        </Field>
        <Field c={c} name="to" label={t('accounts.audit.to')} errors={{}}>
          <input type="date" id="to" name="to" value={filter.to ?? ''} />
        </Field>
        <div class="actions">
          <button type="submit">{t('accounts.audit.filter')}</button>
        </div>
      </form>
      <p role="status">{t('accounts.audit.count', { count: total })}</p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('accounts.audit.when')}</th>
              <th scope="col">{t('accounts.audit.who')}</th>
              <th scope="col">{t('accounts.audit.action')}</th>
              <th scope="col">{t('accounts.audit.entity')}</th>
              <th scope="col">{t('accounts.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <td>{formatDateTime(c, event.occurredAt)}</td>
                <td>{event.accountEmail ?? '—'}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{event.entityType ? `${event.entityType} ${event.entityId ?? ''}` : '—'}</td>
                <td>
                  <code>{Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav aria-label={t('accounts.audit.pages')} class="actions">
          {filter.page > 1 && (
            <a class="button secondary" href={pageHref(filter.page - 1)} rel="prev">
              {t('accounts.audit.previous')}
            </a>
          )}
          <span>{t('accounts.audit.page', { page: Math.min(filter.page, pageCount), pages: pageCount })}</span>
          {filter.page < pageCount && (
            <a class="button secondary" href={pageHref(filter.page + 1)} rel="next">
              {t('accounts.audit.next')}
            </a>
          )}
        </nav>
      )}
    </>,
    { wide: true },
  );
}

// --- routes -------------------------------------------------------------------------------------------------------

/** Sign-in, sign-out, the staff home, account administration, own password and the audit trail. */
export const accountRoutes = new Hono<AppEnvironment>()
  .get('/login', (c) => {
    if (c.get('account')) return c.redirect(safeNextPath(c.req.query('next')), 303);
    return renderLoginPage(c);
  })
  .post('/login', async (c) => {
    const t = c.get('t');
    const values = await readForm(c);
    const parsed = loginFormSchema.safeParse(values);
    if (!parsed.success) return renderLoginPage(c, { values, errors: fieldErrorKeys(parsed.error), status: 400 });
    const db = c.get('db');
    const result = await signIn(db, { email: parsed.data.email, password: parsed.data.password, clientAddress: clientAddress(c) });
    if (result.outcome === 'rate_limited') return renderLoginPage(c, { values, message: t('accounts.login.rate_limited'), status: 429 });
    if (result.outcome === 'refused') return renderLoginPage(c, { values, message: t('accounts.login.refused'), status: 401 });
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
      account.role === 'administrator' ? { href: '/staff/accounts', label: t('accounts.accounts.title'), description: t('accounts.staff.accounts_description') } : null,
      account.role === 'administrator' ? { href: '/staff/audit', label: t('accounts.audit.title'), description: t('accounts.staff.audit_description') } : null,
      { href: '/staff/account/password', label: t('accounts.password.title'), description: t('accounts.staff.password_description') },
    ].filter((link) => link !== null);
    return renderPage(
      c,
      t('accounts.staff.title'),
      <>
        <h1>{t('accounts.staff.title')}</h1>
        <p>
          {t('accounts.staff.signed_in_as', { name: account.displayName, role: t(`accounts.role.${account.role}`) })}
        </p>
        <ul>
          {links.map((link) => (
            <li>
              <a href={link.href}>{link.label}</a>
              {link.description ? ` — ${link.description}` : ''}
            </li>
          ))}
        </ul>
        <form method="post" action="/logout">
          <CsrfField c={c} />
          <button type="submit" class="secondary">
            {t('accounts.nav.sign_out')}
          </button>
        </form>
      </>,
    );
  })
  .get('/staff/accounts', requireRole('administrator'), (c) => renderAccountsPage(c))
  .post('/staff/accounts', requireRole('administrator'), async (c) => {
    const values = await readForm(c);
    const parsed = createAccountFormSchema.safeParse(values);
    if (!parsed.success) return renderAccountsPage(c, { values, errors: fieldErrorKeys(parsed.error), status: 400 });
    const actor = signedInAccount(c);
    try {
      await c.get('db').transaction().execute((trx) => createAccount(trx, { ...parsed.data, displayName: parsed.data.display_name, organizationId: parsed.data.organization_id || null }, actor.id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderAccountsPage(c, { values, errors: { email: error.messageKey }, status: 409 });
      if (error instanceof AppError && error.messageKey === 'accounts.organization_required') return renderAccountsPage(c, { values, errors: { organization_id: error.messageKey }, status: 400 });
      throw error;
    }
    return c.redirect('/staff/accounts?done=created', 303);
  })
  .post('/staff/accounts/:id/:change{deactivate|reactivate}', requireRole('administrator'), async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'error.not_found');
    const isActive = c.req.param('change') === 'reactivate';
    await c.get('db').transaction().execute((trx) => setAccountActive(trx, { actorAccountId: signedInAccount(c).id, accountId: id, isActive }));
    return c.redirect(`/staff/accounts?done=${isActive ? 'reactivated' : 'deactivated'}`, 303);
  })
  .post('/staff/accounts/:id/password', requireRole('administrator'), async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'error.not_found');
    const issuedPassword = await c.get('db').transaction().execute((trx) => issueNewPassword(trx, { actorAccountId: signedInAccount(c).id, accountId: id }));
    return renderAccountsPage(c, { issuedPassword });
  })
  .get('/staff/account/password', requireAccount(), (c) => renderPasswordPage(c))
  .post('/staff/account/password', requireAccount(), async (c) => {
    const parsed = changePasswordFormSchema.safeParse(await readForm(c));
    if (!parsed.success) return renderPasswordPage(c, { errors: fieldErrorKeys(parsed.error), status: 400 });
    try {
      await c.get('db').transaction().execute((trx) =>
        changeOwnPassword(trx, { accountId: signedInAccount(c).id, currentPassword: parsed.data.current_password, newPassword: parsed.data.new_password, keepSessionId: currentSessionId(c) }),
      );
    } catch (error) {
      if (error instanceof AppError && error.messageKey === 'accounts.current_password_wrong') return renderPasswordPage(c, { errors: { current_password: error.messageKey }, status: 400 });
      throw error;
    }
    return c.redirect('/staff/account/password?done=changed', 303);
  })
  .get('/staff/audit', requireRole('administrator'), (c) => renderAuditPage(c));

// Anonymous visitors see "Sign in"; staff see "Staff" and a "Sign out" button (a POST form, never a GET link).
navigationLinks.push(
  (c) => (c.get('account') ? { href: '/staff', label: c.get('t')('accounts.nav.staff') } : null),
  (c) => (c.get('account') ? { href: '/logout', label: c.get('t')('accounts.nav.sign_out'), post: true } : { href: '/login', label: c.get('t')('accounts.nav.sign_in') }),
);
