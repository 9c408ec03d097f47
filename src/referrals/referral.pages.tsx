// The referral network's staff pages: a team's people, a person with consents and referrals, the forms that record
// them, the team's list, the provider's inbox and one referral with the buttons the state machine allows. Views
// only: the routes load the data, check who may see it, and set `Cache-Control: no-store` on every page with it.
import { HoldBedField } from '../beds/beds.components.js';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { formatCalendarDate, formatMoment } from '../core/dates.js';
import { languages, type Language } from '../core/language.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { StaffForm, StaffTable, problemsOf, type StaffTableColumn } from '../http/staff-components.js';
import { consentCategories, consentMethods, type Consent } from '../people/consent.service.js';
import type { Person } from '../people/person.service.js';
import { helpTypes, helpTypeCodes } from '../registry/help-types.js';
import type { ReferralCommand, ReferralState } from './referral-machine.js';
import { referralOutcomes } from './referral-machine.js';
import { findReasonCode, reasonsFor } from './referral-reasons.js';
import { urgencies, type ReferralEventView, type ReferralMessage, type ReferralSummary } from './referral.service.js';

type AppContext = Context<AppEnvironment>;
type Values = Record<string, string | string[] | undefined>;
type Errors = Record<string, string>;

const languageNames: Record<Language, string> = { lv: 'Latviešu', ru: 'Русский', en: 'English' };

function helpTypeName(code: string, language: Language): string {
  return helpTypes.find((type) => type.code === code)?.words[language].name ?? code;
}

function fullName(person: Partial<Person>): string {
  return [person.givenName, person.familyName].filter(Boolean).join(' ');
}

const valueOf = (values: Values, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const listOf = (values: Values, name: string) => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/** The translated problems, by input id, for the error summary. */
function problems(c: AppContext, errors: Errors) {
  const t = c.get('t');
  return problemsOf(Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)])));
}

function FieldError(props: { c: AppContext; errors: Errors; name: string }) {
  const key = props.errors[props.name];
  return key ? (
    <p class="field-error" id={`${props.name}-error`}>
      {props.c.get('t')(key)}
    </p>
  ) : null;
}

function TextField(props: {
  c: AppContext;
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  type?: string;
  required?: boolean;
  hint?: string;
}) {
  const invalid = Boolean(props.errors[props.name]);
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldError c={props.c} errors={props.errors} name={props.name} />
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={valueOf(props.values, props.name)}
        required={props.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${props.name}-error` : props.hint ? `${props.name}-hint` : undefined}
      />
    </div>
  );
}

function TextArea(props: {
  c: AppContext;
  id: string;
  name: string;
  label: string;
  value?: string;
  errors?: Errors;
  hint?: string;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.errors && <FieldError c={props.c} errors={props.errors} name={props.name} />}
      <textarea
        id={props.id}
        name={props.name}
        rows={3}
        required={props.required}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

function Select(props: {
  c: AppContext;
  id: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  selected?: string;
  errors?: Errors;
  placeholder?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.errors && <FieldError c={props.c} errors={props.errors} name={props.name} />}
      <select id={props.id} name={props.name}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Checkboxes(props: {
  c: AppContext;
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  checked: string[];
  errors: Errors;
  type?: 'checkbox' | 'radio';
}) {
  return (
    <fieldset id={props.name}>
      <legend>{props.legend}</legend>
      <FieldError c={props.c} errors={props.errors} name={props.name} />
      {props.options.map((option) => (
        <div class="choice">
          <input
            type={props.type ?? 'checkbox'}
            id={`${props.name}-${option.value}`}
            name={props.name}
            value={option.value}
            checked={props.checked.includes(option.value)}
          />
          <label for={`${props.name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function StateBadge(props: { c: AppContext; state: ReferralState }) {
  return <span class={`badge referral-state-${props.state}`}>{props.c.get('t')(`network.state.${props.state}`)}</span>;
}

/** True when an answer is due and its time has passed. */
export function isOverdue(referral: ReferralSummary, now: Date): boolean {
  return (
    (referral.state === 'sent' || referral.state === 'info_requested') &&
    referral.dueAt !== null &&
    referral.dueAt.getTime() < now.getTime()
  );
}

function age(c: AppContext, since: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  return hours < 48
    ? c.get('t')('network.age.hours', { count: hours })
    : c.get('t')('network.age.days', { count: Math.floor(hours / 24) });
}

// ---- people ------------------------------------------------------------------------------------------------

export function renderPeoplePage(c: AppContext, people: Person[]) {
  const t = c.get('t');
  const columns: Array<StaffTableColumn<Person>> = [
    {
      header: t('network.people.column_name'),
      rowHeader: true,
      cell: (person) => <a href={`/staff/people/${person.id}`}>{fullName(person) || t('network.people.erased')}</a>,
    },
    { header: t('network.people.column_language'), cell: (person) => languageNames[person.language] },
  ];
  return renderPage(
    c,
    t('network.people.title'),
    <>
      <h1 id="people-title">{t('network.people.title')}</h1>
      <p>
        <a class="button" href="/staff/people/new">
          {t('network.people.new')}
        </a>
      </p>
      <StaffTable columns={columns} rows={people} labelledBy="people-title" empty={t('network.people.empty')} />
    </>,
  );
}

export function renderPersonFormPage(
  c: AppContext,
  data: { values: Values; errors: Errors; municipalities: Array<{ code: string; name: string }> },
) {
  const t = c.get('t');
  const field = (name: string, type?: string, required?: boolean) => (
    <TextField
      c={c}
      name={name}
      label={t(`network.person.${name}`)}
      values={data.values}
      errors={data.errors}
      type={type}
      required={required}
    />
  );
  return renderPage(
    c,
    t('network.people.new'),
    <>
      <p>
        <a href="/staff/people">{t('network.people.title')}</a>
      </p>
      <h1>{t('network.people.new')}</h1>
      <StaffForm
        c={c}
        action="/staff/people/new"
        submitLabel={t('network.person.save')}
        problems={problems(c, data.errors)}
      >
        {field('given_name', 'text', true)}
        {field('family_name', 'text', true)}
        {field('personal_code')}
        {field('birth_date', 'date')}
        {field('phone', 'tel')}
        {field('email', 'email')}
        <Select
          c={c}
          id="language"
          name="language"
          label={t('network.person.language')}
          options={languages.map((language) => ({ value: language, label: languageNames[language] }))}
          selected={valueOf(data.values, 'language') || c.get('language')}
          errors={data.errors}
        />
        <Select
          c={c}
          id="last_residence"
          name="last_residence"
          label={t('network.person.last_residence')}
          options={data.municipalities.map((territory) => ({ value: territory.code, label: territory.name }))}
          selected={valueOf(data.values, 'last_residence')}
          placeholder={t('network.referral.choose')}
          errors={data.errors}
        />
        {field('expected_release', 'date')}
      </StaffForm>
    </>,
    { status: Object.keys(data.errors).length > 0 ? 400 : 200 },
  );
}

function consentStatus(consent: Consent, today: string): 'withdrawn' | 'expired' | 'in_force' {
  if (consent.withdrawnAt) return 'withdrawn';
  return consent.expiresOn < today ? 'expired' : 'in_force';
}

export type PersonPageData = {
  person: Person;
  consents: Consent[];
  referrals: ReferralSummary[];
  institutionNames: Map<string, string>;
  residenceName: string | null;
  today: string;
  now: Date;
};

export function renderPersonPage(c: AppContext, data: PersonPageData) {
  const t = c.get('t');
  const language = c.get('language');
  const { person } = data;
  const notGiven = t('network.person.not_given');
  const row = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || notGiven}</dd>
    </>
  );
  const consentColumns: Array<StaffTableColumn<Consent>> = [
    {
      header: t('network.consent.recipients'),
      rowHeader: true,
      cell: (consent) =>
        consent.recipientOrganizationIds.map((id) => data.institutionNames.get(id) ?? id).join(', ') ||
        consent.recipientHelpTypes.map((code) => helpTypeName(code, language)).join(', '),
    },
    {
      header: t('network.consent.categories'),
      cell: (consent) => consent.categories.map((category) => t(`network.consent.category.${category}`)).join(', '),
    },
    { header: t('network.consent.method'), cell: (consent) => t(`network.consent.method.${consent.method}`) },
    { header: t('network.consent.expires_on'), cell: (consent) => formatCalendarDate(consent.expiresOn, language) },
    {
      header: t('network.consent.status'),
      cell: (consent) => {
        const status = consentStatus(consent, data.today);
        return (
          <>
            <span>{t(`network.consent.${status}`)}</span>{' '}
            <a href={`/staff/consents/${consent.id}/print.pdf`}>{t('referral.print.consent_link')}</a>
            {status === 'in_force' && (
              <form method="post" action={`/staff/consents/${consent.id}/withdraw`}>
                <CsrfField c={c} />
                <button type="submit" class="secondary">
                  {t('network.consent.withdraw')}
                </button>
              </form>
            )}
          </>
        );
      },
    },
  ];
  return renderPage(
    c,
    t('network.person.title'),
    <>
      <p>
        <a href="/staff/people">{t('network.people.title')}</a>
      </p>
      <h1>{fullName(person) || t('network.people.erased')}</h1>
      <h2>{t('network.person.details')}</h2>
      <dl>
        {row(t('network.person.personal_code'), person.personalCode)}
        {row(t('network.person.birth_date'), person.birthDate)}
        {row(t('network.person.phone'), person.phone)}
        {row(t('network.person.email'), person.email)}
        {row(t('network.person.language'), languageNames[person.language])}
        {row(t('network.person.last_residence'), data.residenceName ?? person.lastResidence)}
        {row(t('network.person.expected_release'), person.expectedRelease)}
      </dl>
      <h2 id="consents-title">{t('network.consents.title')}</h2>
      <p>
        <a class="button" href={`/staff/people/${person.id}/consents/new`}>
          {t('network.consents.new')}
        </a>
      </p>
      <StaffTable
        columns={consentColumns}
        rows={data.consents}
        labelledBy="consents-title"
        empty={t('network.consents.none')}
      />
      <h2 id="referrals-title">{t('network.referrals.title')}</h2>
      <p>
        <a class="button" href={`/staff/people/${person.id}/referrals/new`}>
          {t('network.referrals.new')}
        </a>
      </p>
      <ReferralTable c={c} referrals={data.referrals} institutionNames={data.institutionNames} now={data.now} />
      <p>
        <a href={`/staff/people/${person.id}/plan.pdf`}>{t('referral.print.plan_link')}</a>
      </p>
    </>,
  );
}

export function renderConsentFormPage(
  c: AppContext,
  data: { personId: string; institutions: Array<{ id: string; name: string }>; values: Values; errors: Errors },
) {
  const t = c.get('t');
  const chosen = listOf(data.values, 'recipients');
  return renderPage(
    c,
    t('network.consents.new'),
    <>
      <p>
        <a href={`/staff/people/${data.personId}`}>{t('network.referral.person_page')}</a>
      </p>
      <h1>{t('network.consents.new')}</h1>
      <StaffForm
        c={c}
        action={`/staff/people/${data.personId}/consents/new`}
        submitLabel={t('network.consent.save')}
        problems={problems(c, data.errors)}
      >
        <div class="field">
          <label for="recipients">{t('network.consent.recipients')}</label>
          <p class="hint" id="recipients-hint">
            {t('network.consent.recipients_hint')}
          </p>
          <FieldError c={c} errors={data.errors} name="recipients" />
          <select id="recipients" name="recipients" multiple size={6} aria-describedby="recipients-hint">
            {data.institutions.map((institution) => (
              <option value={institution.id} selected={chosen.includes(institution.id)}>
                {institution.name}
              </option>
            ))}
          </select>
        </div>
        <Checkboxes
          c={c}
          name="categories"
          legend={t('network.consent.categories')}
          options={consentCategories.map((category) => ({
            value: category,
            label: t(`network.consent.category.${category}`),
          }))}
          checked={listOf(data.values, 'categories')}
          errors={data.errors}
        />
        <TextField
          c={c}
          name="purpose"
          label={t('network.consent.purpose')}
          values={data.values}
          errors={data.errors}
        />
        <Checkboxes
          c={c}
          type="radio"
          name="method"
          legend={t('network.consent.method')}
          options={consentMethods.map((method) => ({ value: method, label: t(`network.consent.method.${method}`) }))}
          checked={listOf(data.values, 'method')}
          errors={data.errors}
        />
        <TextField
          c={c}
          name="evidence"
          label={t('network.consent.evidence')}
          values={data.values}
          errors={data.errors}
        />
        <TextField
          c={c}
          name="notice_version"
          label={t('network.consent.notice_version')}
          values={data.values}
          errors={data.errors}
        />
        <Select
          c={c}
          id="notice_language"
          name="notice_language"
          label={t('network.consent.notice_language')}
          options={languages.map((language) => ({ value: language, label: languageNames[language] }))}
          selected={valueOf(data.values, 'notice_language') || c.get('language')}
          errors={data.errors}
        />
        <TextField
          c={c}
          name="expires_on"
          type="date"
          label={t('network.consent.expires_on')}
          values={data.values}
          errors={data.errors}
        />
      </StaffForm>
    </>,
    { status: Object.keys(data.errors).length > 0 ? 400 : 200 },
  );
}

export function renderReferralFormPage(
  c: AppContext,
  data: {
    personId: string;
    institutions: Array<{ id: string; name: string }>;
    institutionId: string | undefined;
    services: Array<{ id: string; name: string }>;
    values: Values;
    errors: Errors;
  },
) {
  const t = c.get('t');
  const language = c.get('language');
  const path = `/staff/people/${data.personId}/referrals/new`;
  return renderPage(
    c,
    t('network.referral.new.title'),
    <>
      <p>
        <a href={`/staff/people/${data.personId}`}>{t('network.referral.person_page')}</a>
      </p>
      <h1>{t('network.referral.new.title')}</h1>
      <ServiceChoice c={c} path={path} data={data}>
        <Checkboxes
          c={c}
          name="needs"
          legend={t('network.referral.needs')}
          options={helpTypeCodes.map((code) => ({ value: code, label: helpTypeName(code, language) }))}
          checked={listOf(data.values, 'needs')}
          errors={data.errors}
        />
        <Select
          c={c}
          id="urgency"
          name="urgency"
          label={t('network.referral.urgency')}
          options={urgencies.map((urgency) => ({ value: urgency, label: t(`network.urgency.${urgency}`) }))}
          selected={valueOf(data.values, 'urgency') || 'routine'}
          errors={data.errors}
        />
        <TextField
          c={c}
          name="needed_by"
          type="date"
          label={t('network.referral.needed_by')}
          values={data.values}
          errors={data.errors}
        />
        <TextArea
          c={c}
          id="note"
          name="note"
          label={t('network.referral.note')}
          value={valueOf(data.values, 'note')}
          errors={data.errors}
        />
        <TextArea
          c={c}
          id="risk_note"
          name="risk_note"
          label={t('network.referral.risk_note')}
          hint={t('network.referral.risk_note_hint')}
          value={valueOf(data.values, 'risk_note')}
          errors={data.errors}
        />
      </ServiceChoice>
    </>,
    { status: Object.keys(data.errors).length > 0 ? 400 : 200 },
  );
}

// ---- lists -------------------------------------------------------------------------------------------------

function ReferralTable(props: {
  c: AppContext;
  referrals: ReferralSummary[];
  institutionNames: Map<string, string>;
  now: Date;
  labelledBy?: string;
  /** The inbox marks referrals nobody at the institution has opened yet. */
  markUnread?: boolean;
}) {
  const { c, now } = props;
  const t = c.get('t');
  const language = c.get('language');
  const columns: Array<StaffTableColumn<ReferralSummary>> = [
    {
      header: t('network.column.open'),
      rowHeader: true,
      cell: (referral) => (
        <>
          <a href={`/staff/referrals/${referral.id}`}>
            {props.institutionNames.get(referral.organizationId) ?? t('network.open')}
          </a>
          {props.markUnread && referral.viewedAt === null && (
            <>
              {' '}
              <strong class="badge">{t('network.new')}</strong>
            </>
          )}
        </>
      ),
    },
    {
      header: t('network.column.needs'),
      cell: (referral) => referral.needs.map((code) => helpTypeName(code, language)).join(', '),
    },
    {
      header: t('network.column.state'),
      cell: (referral) => (
        <>
          <StateBadge c={c} state={referral.state} />
          {isOverdue(referral, now) && (
            <>
              {' '}
              <strong class="overdue">{t('network.overdue')}</strong>
            </>
          )}
        </>
      ),
    },
    { header: t('network.column.age'), cell: (referral) => age(c, referral.createdAt, now) },
    {
      header: t('network.column.due'),
      cell: (referral) => (referral.dueAt ? formatMoment(referral.dueAt, language) : '—'),
    },
  ];
  return (
    <StaffTable
      columns={columns}
      rows={props.referrals}
      labelledBy={props.labelledBy}
      empty={t('network.referrals.none')}
    />
  );
}

export function renderReferralListPage(
  c: AppContext,
  data: { kind: 'team' | 'inbox'; referrals: ReferralSummary[]; institutionNames: Map<string, string>; now: Date },
) {
  const t = c.get('t');
  const title = data.kind === 'team' ? t('network.referrals.title') : t('network.inbox.title');
  const overdue = data.referrals.filter((referral) => isOverdue(referral, data.now)).length;
  return renderPage(
    c,
    title,
    <>
      <h1 id="referrals-title">{title}</h1>
      <p>{t(data.kind === 'team' ? 'network.referrals.description' : 'network.inbox.description')}</p>
      <p>{t('network.referrals.overdue_count', { count: overdue })}</p>
      <ReferralTable
        c={c}
        referrals={data.referrals}
        institutionNames={data.institutionNames}
        now={data.now}
        labelledBy="referrals-title"
        markUnread={data.kind === 'inbox'}
      />
    </>,
  );
}

// ---- one referral ------------------------------------------------------------------------------------------

export type ReferralPageData = {
  referral: ReferralSummary;
  note: string | null;
  riskNote: string | null;
  events: ReferralEventView[];
  person: Partial<Person> | null;
  messages: ReferralMessage[];
  commands: ReferralCommand[];
  institutionName: string;
  serviceName: string;
  workers: Array<{ id: string; name: string }> | null;
  accountNames: Map<string, string>;
  accountId: string;
  formToken: string;
  now: Date;
  /** The declined or expired referral this one continues, and the onward referrals that continue this one. */
  continuesReferralId: string | null;
  continuedBy: string[];
  /** The referring team may print for the person and send a declined or expired referral on. */
  isReferringTeam: boolean;
  /** A refusal of the last form (a stale version, a state that moved on): shown at the top. */
  message?: string;
  errors?: Errors;
  status?: 200 | 400 | 409;
};

function CommandForm(props: { c: AppContext; data: ReferralPageData; command: ReferralCommand }) {
  const { c, data, command } = props;
  const t = c.get('t');
  const language = c.get('language');
  const id = (name: string) => `${command}-${name}`;
  const reasons = reasonsFor(command);
  const needsReason = ['decline', 'withdraw', 'end_early'].includes(command);
  return (
    <form method="post" action={`/staff/referrals/${data.referral.id}/commands`} class="referral-command">
      <CsrfField c={c} />
      <input type="hidden" name="command" value={command} />
      <input type="hidden" name="version" value={String(data.referral.version)} />
      <input type="hidden" name="form_token" value={data.formToken} />
      {needsReason && (
        <Select
          c={c}
          id={id('reason')}
          name="reason_code"
          label={t('network.referral.reason')}
          options={reasons.map((reason) => ({ value: reason.code, label: reason.label[language] }))}
          placeholder={t('network.referral.choose')}
        />
      )}
      {command === 'complete' && (
        <Select
          c={c}
          id={id('outcome')}
          name="outcome"
          label={t('network.referral.outcome')}
          options={referralOutcomes.map((outcome) => ({ value: outcome, label: t(`network.outcome.${outcome}`) }))}
          placeholder={t('network.referral.choose')}
        />
      )}
      {command === 'accept' && <HoldBedField id={id('hold')} t={t} />}
      {(command === 'request_info' || command === 'answer_info') && (
        <TextArea
          c={c}
          id={id('note')}
          name="note"
          label={t(command === 'request_info' ? 'network.referral.question' : 'network.referral.answer')}
          required
        />
      )}
      {needsReason && <TextArea c={c} id={id('note')} name="note" label={t('network.referral.command_note')} />}
      <div class="actions">
        <button type="submit" class={needsReason ? 'secondary' : undefined}>
          {t(`network.command.${command}`)}
        </button>
      </div>
    </form>
  );
}

export function renderReferralPage(c: AppContext, data: ReferralPageData) {
  const t = c.get('t');
  const language = c.get('language');
  const { referral, person } = data;
  const fact = (label: string, value: Child) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  const errors = data.errors ?? {};
  return renderPage(
    c,
    t('network.referral.title'),
    <>
      <p>
        <a
          href={referral.teamOrganizationId === c.get('account')?.organizationId ? '/staff/referrals' : '/staff/inbox'}
        >
          {referral.teamOrganizationId === c.get('account')?.organizationId
            ? t('network.referrals.title')
            : t('network.inbox.title')}
        </a>
      </p>
      <h1>
        {t('network.referral.title')}: {data.serviceName}
      </h1>
      {(data.message || Object.keys(errors).length > 0) && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{data.message ?? t('error.invalid_input')}</h2>
          {Object.keys(errors).length > 0 && (
            <ul>
              {Object.values(errors).map((key) => (
                <li>{t(key)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h2>{t('network.referral.facts')}</h2>
      <dl>
        {fact(t('network.column.state'), <StateBadge c={c} state={referral.state} />)}
        {fact(t('network.column.institution'), data.institutionName)}
        {fact(t('network.referral.service'), data.serviceName)}
        {fact(t('network.column.needs'), referral.needs.map((code) => helpTypeName(code, language)).join(', '))}
        {fact(t('network.referral.urgency'), t(`network.urgency.${referral.urgency}`))}
        {referral.neededBy && fact(t('network.referral.needed_by'), formatCalendarDate(referral.neededBy, language))}
        {fact(t('network.column.created'), formatMoment(referral.createdAt, language))}
        {referral.dueAt &&
          fact(
            t('network.column.due'),
            <>
              {formatMoment(referral.dueAt, language)}
              {isOverdue(referral, data.now) && <strong class="overdue"> {t('network.overdue')}</strong>}
            </>,
          )}
        {fact(
          t('network.referral.assigned'),
          referral.assignedAccountId
            ? (data.accountNames.get(referral.assignedAccountId) ?? referral.assignedAccountId)
            : t('network.referral.nobody'),
        )}
        {referral.outcome && fact(t('network.referral.outcome'), t(`network.outcome.${referral.outcome}`))}
        {data.note && fact(t('network.referral.note'), data.note)}
        {data.riskNote && fact(t('network.referral.risk_note'), data.riskNote)}
      </dl>
      <h2>{t('network.referral.person')}</h2>
      {person ? (
        <dl>
          {person.givenName !== undefined && fact(t('network.people.column_name'), fullName(person))}
          {person.personalCode && fact(t('network.person.personal_code'), person.personalCode)}
          {person.birthDate && fact(t('network.person.birth_date'), person.birthDate)}
          {person.phone && fact(t('network.person.phone'), person.phone)}
          {person.email && fact(t('network.person.email'), person.email)}
          {person.language && fact(t('network.person.language'), languageNames[person.language])}
          {person.expectedRelease && fact(t('network.person.expected_release'), person.expectedRelease)}
        </dl>
      ) : (
        <p>{t('network.referral.person_hidden')}</p>
      )}
      {data.isReferringTeam && (
        <ul>
          <li>
            <a href={`/staff/people/${referral.personId}`}>{t('network.referral.person_page')}</a>
          </li>
          <li>
            <a href={`/staff/referrals/${referral.id}/print.pdf`}>{t('referral.print.link')}</a>
          </li>
          <li>
            <a href={`/staff/people/${referral.personId}/plan.pdf`}>{t('referral.print.plan_link')}</a>
          </li>
        </ul>
      )}
      {(data.continuesReferralId || data.continuedBy.length > 0) && (
        <>
          <h2>{t('network.onward.title')}</h2>
          <ul>
            {data.continuesReferralId && (
              <li>
                <a href={`/staff/referrals/${data.continuesReferralId}`}>{t('network.onward.continues')}</a>
              </li>
            )}
            {data.continuedBy.map((id) => (
              <li>
                <a href={`/staff/referrals/${id}`}>{t('network.onward.continued_by')}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {data.isReferringTeam && ['declined', 'expired'].includes(referral.state) && (
        <p>
          <a class="button" href={`/staff/referrals/${referral.id}/onward`}>
            {t('network.onward.send_on')}
          </a>
        </p>
      )}
      <h2>{t('network.referral.actions')}</h2>
      {data.commands.length === 0 ? (
        <p>{t('network.referral.no_actions')}</p>
      ) : (
        data.commands.map((command) => <CommandForm c={c} data={data} command={command} />)
      )}
      {data.workers && (
        <>
          <h2>{t('network.assign.title')}</h2>
          <form method="post" action={`/staff/referrals/${referral.id}/assign`}>
            <CsrfField c={c} />
            <Select
              c={c}
              id="worker"
              name="worker"
              label={t('network.assign.worker')}
              options={data.workers.map((worker) => ({ value: worker.id, label: worker.name }))}
              selected={referral.assignedAccountId ?? undefined}
              placeholder={t('network.referral.nobody')}
            />
            <div class="actions">
              <button type="submit" class="secondary">
                {t('network.assign.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      <h2 id="messages-title">{t('network.messages.title')}</h2>
      {data.messages.length === 0 ? (
        <p>{t('network.messages.none')}</p>
      ) : (
        <ol class="messages" aria-labelledby="messages-title">
          {data.messages.map((message) => (
            <li>
              <p>
                <strong>
                  {message.authorAccountId === data.accountId
                    ? t('network.messages.mine')
                    : (data.accountNames.get(message.authorAccountId ?? '') ?? t('network.messages.other'))}
                </strong>{' '}
                · {formatMoment(message.createdAt, language)}
              </p>
              <p>{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      {data.commands.length > 0 ||
      !['completed', 'declined', 'withdrawn', 'expired', 'ended_early'].includes(referral.state) ? (
        <form method="post" action={`/staff/referrals/${referral.id}/messages`}>
          <CsrfField c={c} />
          <TextArea c={c} id="message-body" name="body" label={t('network.messages.body')} required />
          <div class="actions">
            <button type="submit" class="secondary">
              {t('network.messages.send')}
            </button>
          </div>
        </form>
      ) : null}
      <h2 id="history-title">{t('network.referral.history')}</h2>
      <ol class="referral-history" aria-labelledby="history-title">
        {data.events.map((event) => (
          <li>
            <p>
              {formatMoment(event.occurredAt, language)} ·{' '}
              {t('network.referral.event', {
                command: t(`network.command.${event.command}`),
                from: t(`network.state.${event.from}`),
                to: t(`network.state.${event.to}`),
              })}
            </p>
            {event.reasonCode && (
              <p>
                {t('network.referral.reason')}: {reasonLabel(event.reasonCode, language)}
              </p>
            )}
            {event.note && <p>{event.note}</p>}
          </li>
        ))}
      </ol>
    </>,
    { status: data.status ?? 200 },
  );
}

function reasonLabel(code: string, language: Language): string {
  return findReasonCode(code)?.label[language] ?? code;
}

/** Sending a declined or expired referral on: choose another institution, then its service; nothing is retyped. */
export function renderOnwardFormPage(
  c: AppContext,
  data: {
    referralId: string;
    institutions: Array<{ id: string; name: string }>;
    institutionId: string | undefined;
    services: Array<{ id: string; name: string }>;
    values: Values;
    errors: Errors;
    message?: string;
    status?: 200 | 400 | 409;
  },
) {
  const t = c.get('t');
  const path = `/staff/referrals/${data.referralId}/onward`;
  return renderPage(
    c,
    t('network.onward.send_on'),
    <>
      <p>
        <a href={`/staff/referrals/${data.referralId}`}>{t('network.referral.title')}</a>
      </p>
      <h1>{t('network.onward.send_on')}</h1>
      <p>{t('network.onward.intro')}</p>
      {data.message && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{data.message}</h2>
        </div>
      )}
      <ServiceChoice c={c} path={path} data={data} />
    </>,
    { status: data.status ?? 200 },
  );
}

/**
 * Choosing a service: the institution first, then a form with its services (and, for a new referral, the
 * referral's own fields as children). Used by the new referral and the onward referral.
 */
function ServiceChoice(props: {
  c: AppContext;
  path: string;
  data: {
    institutions: ReadonlyArray<{ id: string; name: string }>;
    institutionId: string | undefined;
    services: ReadonlyArray<{ id: string; name: string }>;
    values: Values;
    errors: Errors;
  };
  children?: Child;
}) {
  const { c, path, data } = props;
  const t = c.get('t');
  return (
    <>
      <InstitutionChoice c={c} path={path} institutions={data.institutions} chosen={data.institutionId} />
      {data.institutionId &&
        (data.services.length === 0 ? (
          <p class="notice">{t('network.referral.no_services')}</p>
        ) : (
          <StaffForm
            c={c}
            action={path}
            submitLabel={t('network.referral.save_draft')}
            problems={problems(c, data.errors)}
          >
            <input type="hidden" name="institution" value={data.institutionId} />
            <Select
              c={c}
              id="service"
              name="service"
              label={t('network.referral.service')}
              options={data.services.map((service) => ({ value: service.id, label: service.name }))}
              selected={valueOf(data.values, 'service')}
              errors={data.errors}
            />
            {props.children}
          </StaffForm>
        ))}
    </>
  );
}

/** The first step of choosing a service: pick the institution (a GET form, so it works without JavaScript). */
function InstitutionChoice(props: {
  c: AppContext;
  path: string;
  institutions: ReadonlyArray<{ id: string; name: string }>;
  chosen: string | undefined;
}) {
  const t = props.c.get('t');
  return (
    <form method="get" action={props.path}>
      <Select
        c={props.c}
        id="institution-choice"
        name="institution"
        label={t('network.referral.institution')}
        options={props.institutions.map((institution) => ({ value: institution.id, label: institution.name }))}
        selected={props.chosen}
        placeholder={t('network.referral.choose')}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {t('network.referral.show_services')}
        </button>
      </div>
    </form>
  );
}
