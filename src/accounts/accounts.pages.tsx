// Pages of the accounts domain: sign-in, the staff home, staff accounts and invitations, the invitee's page, one's
// own account and password, the audit trail.
// Views only: the routes parse the request, call the services and pass the results in.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AuditEvent } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import { formatMoment } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { StaffFormPage, StaffTable, type FieldProblem, type StaffTableColumn } from '../http/staff-components.js';
import { accountRoles } from '../core/account.js';
import type { AccountSummary } from './account.service.js';
import { notificationModes, type NotificationMode } from './account.table.js';
import type { PendingInvitation } from './invitation.service.js';
import { languages } from '../core/language.js';
import { minimumPasswordLength } from './password.js';

type AppContext = Context<AppEnvironment>;
/** Field name → message key. */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

/** Each language named in itself. */
const languageNames: Record<(typeof languages)[number], string> = { lv: 'Latviešu', ru: 'Русский', en: 'English' };

function formatDateTime(c: AppContext, value: Date | null): string {
  return value ? formatMoment(value, c.get('language')) : '—';
}

/** The error summary's links: each wrong field by its input id, with its message in the reader's language. */
function problemsOf(c: AppContext, errors: FieldErrors): FieldProblem[] {
  const t = c.get('t');
  return Object.entries(errors).map(([field, key]) => ({
    fieldId: field,
    message: t(key, { minimum: minimumPasswordLength }),
  }));
}

function Field(props: {
  c: AppContext;
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: Child;
}) {
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

// --- sign-in ----------------------------------------------------------------------------------------------------

export type LoginPageState = {
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
  status?: 200 | 400 | 401 | 429;
};

export function renderLoginPage(c: AppContext, next: string, state: LoginPageState = {}) {
  const t = c.get('t');
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  return renderPage(
    c,
    t('accounts.login.title'),
    <StaffFormPage
      c={c}
      title={t('accounts.login.title')}
      intro={<p>{t('accounts.login.intro')}</p>}
      action="/login"
      submitLabel={t('accounts.login.submit')}
      problems={problemsOf(c, errors)}
      message={state.message}
    >
      <input type="hidden" name="next" value={next} />
      <Field c={c} name="email" label={t('accounts.field.email')} errors={errors}>
        <input
          type="email"
          id="email"
          name="email"
          value={values.email ?? ''}
          autocomplete="username"
          required
          aria-invalid={errors.email ? 'true' : undefined}
          aria-describedby={describedBy('email', errors)}
        />
      </Field>
      <Field c={c} name="password" label={t('accounts.field.password')} errors={errors}>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="current-password"
          required
          aria-invalid={errors.password ? 'true' : undefined}
          aria-describedby={describedBy('password', errors)}
        />
      </Field>
    </StaffFormPage>,
    { status: state.status ?? 200 },
  );
}

// --- the staff home ---------------------------------------------------------------------------------------------

export function renderStaffHomePage(
  c: AppContext,
  account: SignedInAccount,
  links: Array<{ href: string; label: string; description?: string }>,
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('accounts.staff.title'),
    <>
      <h1>{t('accounts.staff.title')}</h1>
      <p>{t('accounts.staff.signed_in_as', { name: account.displayName, role: t(`accounts.role.${account.role}`) })}</p>
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
}

// --- staff accounts ---------------------------------------------------------------------------------------------

/** The list of accounts and open invitations, loaded by the route. */
export type AccountsPageData = {
  me: SignedInAccount;
  accounts: AccountSummary[];
  invitations: PendingInvitation[];
  /** What the redirect after a change says was done. */
  done: 'invited' | 'link_sent' | 'deactivated' | 'reactivated' | undefined;
};

/**
 * One button in a table row that posts to `action`: deactivate or reactivate, a new-password link, resend an
 * invitation. The row's e-mail is in the button's accessible name, so a screen reader hears whose row it is.
 */
function RowActionForm(props: { c: AppContext; action: string; label: string; email: string }) {
  return (
    <form method="post" action={props.action}>
      <CsrfField c={props.c} />
      {/* The name in aria-label, not a visually-hidden span: absolute spans escape the table's scroll box on phones. */}
      <button type="submit" class="secondary" aria-label={`${props.label}: ${props.email}`}>
        {props.label}
      </button>
    </form>
  );
}

function AccountActions(props: { c: AppContext; account: AccountSummary; me: SignedInAccount }) {
  const { c, account } = props;
  const t = c.get('t');
  if (account.id === props.me.id) return null;
  const change = account.isActive ? t('accounts.accounts.deactivate') : t('accounts.accounts.reactivate');
  return (
    <>
      <RowActionForm
        c={c}
        action={`/staff/accounts/${account.id}/${account.isActive ? 'deactivate' : 'reactivate'}`}
        label={change}
        email={account.email}
      />
      {/* A link by e-mail with which the owner sets a new password: nobody hands out passwords. */}
      {account.isActive && (
        <RowActionForm
          c={c}
          action={`/staff/accounts/${account.id}/password`}
          label={t('accounts.accounts.new_password_link')}
          email={account.email}
        />
      )}
    </>
  );
}

function AccountTable(props: { c: AppContext; data: AccountsPageData }) {
  const { c, data } = props;
  const t = c.get('t');
  const columns: Array<StaffTableColumn<AccountSummary>> = [
    { header: t('accounts.field.display_name'), cell: (account) => account.displayName },
    { header: t('accounts.field.email'), cell: (account) => account.email },
    { header: t('accounts.field.role'), cell: (account) => t(`accounts.role.${account.role}`) },
    { header: t('accounts.field.organization'), cell: (account) => account.organizationName ?? '—' },
    { header: t('accounts.accounts.last_login'), cell: (account) => formatDateTime(c, account.lastLoginAt) },
    {
      header: t('accounts.accounts.status'),
      cell: (account) => (
        <>
          {account.isActive ? t('accounts.accounts.active') : t('accounts.accounts.inactive')}
          <AccountActions c={c} account={account} me={data.me} />
        </>
      ),
    },
  ];
  return <StaffTable columns={columns} rows={data.accounts} labelledBy="accounts-title" />;
}

function InvitationTable(props: { c: AppContext; invitations: PendingInvitation[] }) {
  const { c } = props;
  const t = c.get('t');
  if (props.invitations.length === 0) return <p>{t('accounts.invitations.none')}</p>;
  const columns: Array<StaffTableColumn<PendingInvitation>> = [
    { header: t('accounts.field.display_name'), cell: (invitation) => invitation.displayName },
    { header: t('accounts.field.email'), cell: (invitation) => invitation.email },
    { header: t('accounts.field.role'), cell: (invitation) => t(`accounts.role.${invitation.role}`) },
    { header: t('accounts.field.organization'), cell: (invitation) => invitation.organizationName ?? '—' },
    { header: t('accounts.invitations.sent'), cell: (invitation) => formatDateTime(c, invitation.createdAt) },
    {
      header: t('accounts.invitations.expires'),
      cell: (invitation) => (
        <>
          {formatDateTime(c, invitation.expiresAt)}
          <RowActionForm
            c={c}
            action={`/staff/accounts/invitations/${invitation.id}/resend`}
            label={t('accounts.invitations.resend')}
            email={invitation.email}
          />
        </>
      ),
    },
  ];
  return <StaffTable columns={columns} rows={props.invitations} labelledBy="invitations-title" />;
}

export function renderAccountsPage(
  c: AppContext,
  data: AccountsPageData,
  state: { message?: string; status?: 200 | 400 | 404 | 409 } = {},
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('accounts.accounts.title'),
    <>
      <h1 id="accounts-title">{t('accounts.accounts.title')}</h1>
      {data.done && (
        <p class="notice" role="status">
          {t(`accounts.accounts.done.${data.done}`)}
        </p>
      )}
      {state.message && (
        <p class="notice" role="alert">
          {state.message}
        </p>
      )}
      <p>
        <a href="/staff/accounts/invite">{t('accounts.invite.title')}</a>
      </p>
      <AccountTable c={c} data={data} />
      <h2 id="invitations-title">{t('accounts.invitations.title')}</h2>
      <InvitationTable c={c} invitations={data.invitations} />
    </>,
    { status: state.status ?? 200, wide: true },
  );
}

// --- inviting someone -------------------------------------------------------------------------------------------

export type InvitePageState = {
  organizations: Array<{ id: string; name: string; isDemo: boolean }>;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  status?: 200 | 400 | 409;
};

export function renderInvitePage(c: AppContext, state: InvitePageState) {
  const t = c.get('t');
  const values = state.values;
  const errors = state.errors ?? {};
  const language = values.language ?? c.get('language');
  return renderPage(
    c,
    t('accounts.invite.title'),
    <StaffFormPage
      c={c}
      title={t('accounts.invite.title')}
      back={{ href: '/staff/accounts', label: t('accounts.accounts.title') }}
      intro={<p>{t('accounts.invite.intro')}</p>}
      action="/staff/accounts/invite"
      submitLabel={t('accounts.invite.submit')}
      problems={problemsOf(c, errors)}
      message={state.message}
    >
      <Field c={c} name="display_name" label={t('accounts.field.display_name')} errors={errors}>
        <input
          type="text"
          id="display_name"
          name="display_name"
          value={values.display_name ?? ''}
          required
          autocomplete="off"
          aria-describedby={describedBy('display_name', errors)}
        />
      </Field>
      <Field c={c} name="email" label={t('accounts.field.email')} errors={errors}>
        <input
          type="email"
          id="email"
          name="email"
          value={values.email ?? ''}
          required
          autocomplete="off"
          aria-describedby={describedBy('email', errors)}
        />
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
      <Field
        c={c}
        name="organization_id"
        label={t('accounts.field.organization')}
        errors={errors}
        hint={t('accounts.field.organization_hint')}
      >
        <select
          id="organization_id"
          name="organization_id"
          aria-describedby={describedBy('organization_id', errors, true)}
        >
          <option value="">{t('accounts.field.organization_none')}</option>
          {state.organizations.map((organization) => (
            <option value={organization.id} selected={values.organization_id === organization.id}>
              {organization.isDemo ? `${organization.name} (${t('accounts.demo')})` : organization.name}
            </option>
          ))}
        </select>
      </Field>
      <Field c={c} name="language" label={t('accounts.invite.language')} errors={errors}>
        <select id="language" name="language" aria-describedby={describedBy('language', errors)}>
          {languages.map((code) => (
            <option value={code} selected={language === code} lang={code}>
              {languageNames[code]}
            </option>
          ))}
        </select>
      </Field>
    </StaffFormPage>,
    { status: state.status ?? 200 },
  );
}

// --- choosing a new password -----------------------------------------------------------------------------------

/**
 * A form page that ends in the new password and its repeat: the invitee's page and one's own password page differ
 * only in what comes before those two fields (hidden token and username, or the current password).
 */
function renderNewPasswordPage(
  c: AppContext,
  form: {
    title: string;
    intro: Child;
    action: string;
    submitLabel: string;
    errors: FieldErrors;
    status: 200 | 400;
    before: Child;
  },
) {
  const t = c.get('t');
  const { errors } = form;
  const hint = t('accounts.password.hint', { minimum: minimumPasswordLength });
  return renderPage(
    c,
    form.title,
    <StaffFormPage
      c={c}
      title={form.title}
      intro={form.intro}
      action={form.action}
      submitLabel={form.submitLabel}
      problems={problemsOf(c, errors)}
    >
      {form.before}
      <Field c={c} name="new_password" label={t('accounts.field.new_password')} errors={errors} hint={hint}>
        <input
          type="password"
          id="new_password"
          name="new_password"
          autocomplete="new-password"
          required
          minlength={minimumPasswordLength}
          aria-describedby={describedBy('new_password', errors, true)}
        />
      </Field>
      <Field c={c} name="repeat_password" label={t('accounts.field.repeat_password')} errors={errors}>
        <input
          type="password"
          id="repeat_password"
          name="repeat_password"
          autocomplete="new-password"
          required
          aria-describedby={describedBy('repeat_password', errors)}
        />
      </Field>
    </StaffFormPage>,
    { status: form.status },
  );
}

// --- the invitee's page -----------------------------------------------------------------------------------------

/** The page an e-mailed link opens: the invitee chooses their password. */
export function renderAcceptInvitationPage(
  c: AppContext,
  state: {
    token: string;
    invitation: { email: string; displayName: string; setsNewPassword: boolean };
    errors?: FieldErrors;
    status?: 200 | 400;
  },
) {
  const t = c.get('t');
  return renderNewPasswordPage(c, {
    title: state.invitation.setsNewPassword ? t('accounts.accept.title_reset') : t('accounts.accept.title'),
    intro: <p>{t('accounts.accept.intro', { name: state.invitation.displayName, email: state.invitation.email })}</p>,
    action: '/invitation',
    submitLabel: t('accounts.accept.submit'),
    errors: state.errors ?? {},
    status: state.status ?? 200,
    before: (
      <>
        <input type="hidden" name="token" value={state.token} />
        {/* The address as a username field, so a password manager files the new password under it. */}
        <input type="hidden" name="username" autocomplete="username" value={state.invitation.email} />
      </>
    ),
  });
}

/** Why a link does not work, in plain words, with what to do next. */
export function renderInvitationProblemPage(
  c: AppContext,
  problem: 'unknown' | 'used' | 'expired' | 'replaced',
  status: 404 | 410,
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('accounts.accept.problem_title'),
    <>
      <h1>{t('accounts.accept.problem_title')}</h1>
      <p role="alert">{t(`accounts.accept.problem.${problem}`)}</p>
      <p>{t('accounts.accept.problem_next')}</p>
      <p>
        <a href="/login">{t('accounts.nav.sign_in')}</a>
      </p>
    </>,
    { status },
  );
}

// --- own account ------------------------------------------------------------------------------------------------

/** The signed-in person's own account: who they are, how they hear of referrals, a link to change the password. */
export function renderOwnAccountPage(
  c: AppContext,
  data: { account: SignedInAccount; mode: NotificationMode; done?: boolean; errors?: FieldErrors; status?: 200 | 400 },
) {
  const t = c.get('t');
  const errors = data.errors ?? {};
  return renderPage(
    c,
    t('accounts.own.title'),
    <StaffFormPage
      c={c}
      title={t('accounts.own.title')}
      intro={
        <>
          {data.done && (
            <p class="notice" role="status">
              {t('accounts.own.saved')}
            </p>
          )}
          <p>
            {t('accounts.staff.signed_in_as', {
              name: data.account.displayName,
              role: t(`accounts.role.${data.account.role}`),
            })}
          </p>
          <p>
            <a href="/staff/account/password">{t('accounts.password.title')}</a>
          </p>
        </>
      }
      action="/staff/account"
      submitLabel={t('accounts.own.submit')}
      problems={problemsOf(c, errors)}
    >
      <fieldset>
        <legend>{t('accounts.own.notifications')}</legend>
        {notificationModes.map((mode) => (
          <div class="choice">
            <input
              type="radio"
              id={`notification_mode_${mode}`}
              name="notification_mode"
              value={mode}
              checked={data.mode === mode}
            />
            <label for={`notification_mode_${mode}`}>{t(`accounts.own.mode.${mode}`)}</label>
          </div>
        ))}
      </fieldset>
    </StaffFormPage>,
    { status: data.status ?? 200 },
  );
}

// --- own password -----------------------------------------------------------------------------------------------

export function renderPasswordPage(
  c: AppContext,
  options: { done?: boolean; errors?: FieldErrors; status?: 200 | 400 } = {},
) {
  const t = c.get('t');
  const errors = options.errors ?? {};
  return renderNewPasswordPage(c, {
    title: t('accounts.password.title'),
    intro: options.done && (
      <p class="notice" role="status">
        {t('accounts.password.changed')}
      </p>
    ),
    action: '/staff/account/password',
    submitLabel: t('accounts.password.submit'),
    errors,
    status: options.status ?? 200,
    before: (
      <Field c={c} name="current_password" label={t('accounts.field.current_password')} errors={errors}>
        <input
          type="password"
          id="current_password"
          name="current_password"
          autocomplete="current-password"
          required
          aria-describedby={describedBy('current_password', errors)}
        />
      </Field>
    ),
  });
}

// --- audit trail ------------------------------------------------------------------------------------------------

/** The filter as the page shows it back, and one page of the events it found. */
export type AuditPageData = {
  filter: { action?: string; entity_type?: string; entity_id?: string; from?: string; to?: string; page: number };
  events: AuditEvent[];
  total: number;
  pageCount: number;
  actions: string[];
};

function AuditFilter(props: { c: AppContext; data: AuditPageData }) {
  const { c, data } = props;
  const { filter } = data;
  const t = c.get('t');
  return (
    <form method="get" action="/staff/audit" class="card">
      <Field c={c} name="action" label={t('accounts.audit.action')} errors={{}}>
        <select id="action" name="action">
          <option value="">{t('accounts.audit.all')}</option>
          {data.actions.map((action) => (
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
  );
}

export function renderAuditPage(c: AppContext, data: AuditPageData) {
  const t = c.get('t');
  const { filter } = data;
  const columns: Array<StaffTableColumn<AuditEvent>> = [
    { header: t('accounts.audit.when'), cell: (event) => formatDateTime(c, event.occurredAt) },
    { header: t('accounts.audit.who'), cell: (event) => event.accountEmail ?? '—' },
    { header: t('accounts.audit.action'), cell: (event) => <code>{event.action}</code> },
    {
      header: t('accounts.audit.entity'),
      cell: (event) => (event.entityType ? `${event.entityType} ${event.entityId ?? ''}` : '—'),
    },
    {
      header: t('accounts.audit.details'),
      cell: (event) => <code>{Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : ''}</code>,
    },
  ];
  const { page: _page, ...otherParameters } = filter;
  return renderPage(
    c,
    t('accounts.audit.title'),
    <>
      <h1 id="audit-title">{t('accounts.audit.title')}</h1>
      <p>{t('accounts.audit.intro')}</p>
      <AuditFilter c={c} data={data} />
      <p role="status">{t('accounts.audit.count', { count: data.total })}</p>
      <StaffTable
        columns={columns}
        rows={data.events}
        labelledBy="audit-title"
        paging={{
          page: filter.page,
          pageCount: data.pageCount,
          path: '/staff/audit',
          query: otherParameters,
          labels: {
            navigation: t('accounts.audit.pages'),
            previous: t('accounts.audit.previous'),
            next: t('accounts.audit.next'),
            position: t('accounts.audit.page', { page: Math.min(filter.page, data.pageCount), pages: data.pageCount }),
          },
        }}
      />
    </>,
    { wide: true },
  );
}
