// The invitations page of a wave: figures, the e-mail buttons and the printed-letters form. A view only.
import type { Context } from 'hono';
import { formatCalendarDate } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { ErrorSummary, problemsOf, StaffForm } from '../http/staff-components.js';
import { senderSetting, type InvitationKind, type InvitationSummary, type LetterScope } from './invitations.service.js';
import type { Wave } from './wave.service.js';

type AppContext = Context<AppEnvironment>;

export function invitationsPath(wave: Pick<Wave, 'key'>): string {
  return `/staff/waves/${encodeURIComponent(wave.key)}/invitations`;
}

/** What a failed send or letters form shows when the page is rendered again. */
export type InvitationsPageState = {
  status?: 200 | 400 | 409;
  message?: string;
  /** Field name → message key. */
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

/** What the page shows besides the wave: its figures, and what the redirect after a send says was done. */
export type InvitationsPageData = {
  wave: Wave;
  summary: InvitationSummary;
  done: { kind: InvitationKind; count: number } | null;
  /** A mail server is configured: mail leaves now; without one it is only prepared. */
  sends: boolean;
  /** The address letters ask people to write to; null while MAIL_FROM is unset (the placeholder). */
  replyTo: string | null;
};

function Figure(props: { label: string; value: number; indent?: boolean }) {
  return (
    <tr>
      <th scope="row" style={props.indent ? 'padding-left: 1.5rem; font-weight: 400' : 'font-weight: 400'}>
        {props.label}
      </th>
      <td class="number">{props.value}</td>
    </tr>
  );
}

function DoneNotice(props: { c: AppContext; done: NonNullable<InvitationsPageData['done']>; sends: boolean }) {
  const t = props.c.get('t');
  const { kind, count } = props.done;
  return (
    <p class="notice" role="status">
      {/* Without a mail server nothing has left yet: say "prepared", not "sent". */}
      {props.sends
        ? t(kind === 'invitation' ? 'invitations.done.invitations' : 'invitations.done.reminders', { count })
        : `${t(kind === 'invitation' ? 'invitations.done.invitations_prepared' : 'invitations.done.reminders_prepared', { count })} ${t('invitations.done.held')}`}
    </p>
  );
}

function Figures(props: { c: AppContext; summary: InvitationSummary }) {
  const t = props.c.get('t');
  const { summary } = props;
  return (
    <>
      <h2>{t('invitations.figures')}</h2>
      <div class="table-scroll">
        <table>
          <tbody>
            <Figure label={t('invitations.figure.cases')} value={summary.cases} />
            <Figure label={t('invitations.figure.with_email')} value={summary.withEmail} indent />
            <Figure label={t('invitations.figure.without_email')} value={summary.withoutEmail} indent />
            <Figure label={t('invitations.figure.unreachable')} value={summary.unreachable} indent />
            <Figure label={t('invitations.figure.invited_email')} value={summary.invitedByEmail} />
            <Figure label={t('invitations.figure.invited_letter')} value={summary.invitedByLetter} />
            <Figure label={t('invitations.figure.not_invited')} value={summary.notInvited} />
            <Figure label={t('invitations.figure.reminded')} value={summary.reminded} />
            <Figure label={t('invitations.figure.completed')} value={summary.completed} />
            <Figure label={t('invitations.figure.mail_waiting')} value={summary.mailWaiting} />
            <Figure label={t('invitations.figure.mail_failed')} value={summary.mailFailed} />
          </tbody>
        </table>
      </div>
    </>
  );
}

function EmailAction(props: { c: AppContext; wave: Wave; kind: InvitationKind; count: number }) {
  const { c, wave, kind, count } = props;
  const t = c.get('t');
  if (count === 0)
    return (
      <p class="hint">
        {t(kind === 'invitation' ? 'invitations.email.nobody_to_invite' : 'invitations.email.nobody_to_remind')}
      </p>
    );
  return (
    <form method="post" action={`${invitationsPath(wave)}/email`}>
      <CsrfField c={c} />
      <input type="hidden" name="kind" value={kind} />
      <button type="submit">
        {t(kind === 'invitation' ? 'invitations.email.invite_button' : 'invitations.email.remind_button', { count })}
      </button>
    </form>
  );
}

function EmailSection(props: { c: AppContext; data: InvitationsPageData }) {
  const { c, data } = props;
  const t = c.get('t');
  return (
    <>
      <h2>{t('invitations.email.heading')}</h2>
      {data.wave.status === 'open' ? (
        <>
          <p>{t('invitations.email.invite_help')}</p>
          <EmailAction c={c} wave={data.wave} kind="invitation" count={data.summary.toInviteByEmail} />
          <p>{t('invitations.email.remind_help')}</p>
          <EmailAction c={c} wave={data.wave} kind="reminder" count={data.summary.toRemindByEmail} />
        </>
      ) : (
        <p class="hint">{t('invitations.error.wave_not_open')}</p>
      )}
      <p>
        <a href={data.summary.mailFailed > 0 ? '/staff/outbox?status=failed' : '/staff/outbox'}>
          {t('invitations.email.outbox_link')}
        </a>
      </p>
    </>
  );
}

function LettersAvailable(props: { c: AppContext; summary: InvitationSummary }) {
  const t = props.c.get('t');
  return (
    <div class="table-scroll">
      <table>
        <caption style="text-align: left; font-weight: 600">{t('invitations.letters.available')}</caption>
        <thead>
          <tr>
            <td></td>
            <th scope="col" class="number">
              {t('invitations.letters.column_without_email')}
            </th>
            <th scope="col" class="number">
              {t('invitations.letters.column_all')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(['invitation', 'reminder'] as const).map((kind) => (
            <tr>
              <th scope="row" style="font-weight: 400">
                {t(`invitations.letters.row_${kind}`)}
              </th>
              <td class="number">{props.summary.letters[kind].without_email}</td>
              <td class="number">{props.summary.letters[kind].all}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LettersSection(props: { c: AppContext; data: InvitationsPageData; state: InvitationsPageState }) {
  const { c, data, state } = props;
  const t = c.get('t');
  const errors = state.fieldErrors ?? {};
  const chosenKind = state.values?.kind ?? 'invitation';
  const chosenScope = state.values?.scope ?? 'without_email';
  return (
    <>
      <h2 id="letters">{t('invitations.letters.heading')}</h2>
      {data.wave.status === 'closed' ? (
        <p class="hint">{t('invitations.error.wave_closed')}</p>
      ) : (
        <>
          <p>{t('invitations.letters.help')}</p>
          {!data.replyTo && (
            <div class="notice warning" id="no-sender">
              <p>{t('invitations.letters.no_sender')}</p>
              <p>
                <code>{senderSetting}</code>
              </p>
            </div>
          )}
          <LettersAvailable c={c} summary={data.summary} />
          <StaffForm
            c={c}
            action={`/staff/waves/${encodeURIComponent(data.wave.key)}/letters.pdf`}
            submitLabel={t('invitations.letters.button')}
          >
            <fieldset id="letters-kind" class={errors.kind ? 'field has-error' : 'field'}>
              <legend>{t('invitations.letters.kind')}</legend>
              {errors.kind && <p class="field-error">{t(errors.kind)}</p>}
              {(['invitation', 'reminder'] as const).map((kind) => (
                <label>
                  <input type="radio" name="kind" value={kind} checked={chosenKind === kind} />
                  <span>{t(`invitations.letters.kind_${kind}`)}</span>
                </label>
              ))}
            </fieldset>
            <fieldset id="letters-scope" class={errors.scope ? 'field has-error' : 'field'}>
              <legend>{t('invitations.letters.scope')}</legend>
              {errors.scope && <p class="field-error">{t(errors.scope)}</p>}
              {(['without_email', 'all'] as const).map((scope: LetterScope) => (
                <label>
                  <input type="radio" name="scope" value={scope} checked={chosenScope === scope} />
                  <span>{t(`invitations.letters.scope_${scope}`)}</span>
                </label>
              ))}
            </fieldset>
          </StaffForm>
        </>
      )}
    </>
  );
}

export function renderInvitationsPage(c: AppContext, data: InvitationsPageData, state: InvitationsPageState = {}) {
  const t = c.get('t');
  const { wave } = data;
  const closesOn = wave.closesOn ? formatCalendarDate(wave.closesOn, c.get('language')) : null;
  const title = t('invitations.title');
  // The summary links each wrong choice of the letters form to its fieldset (`letters-kind`, `letters-scope`).
  const errors = state.fieldErrors ?? {};
  const problems = problemsOf(
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [`letters-${field}`, t(key)])),
  );
  return renderPage(
    c,
    title,
    <>
      <p>
        <a href={`/staff/waves/${encodeURIComponent(wave.key)}`}>{t('invitations.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('invitations.wave', { name: wave.name })}</p>
      <p class={wave.status === 'open' ? 'notice' : 'notice warning'}>
        {t(`invitations.wave_status.${wave.status}`)}
        {closesOn ? ` ${t('invitations.closes_on', { date: closesOn })}` : ''}
      </p>
      {data.done && !state.message && <DoneNotice c={c} done={data.done} sends={data.sends} />}
      <ErrorSummary c={c} problems={problems} message={state.message} />
      <p>{t('invitations.intro')}</p>
      <Figures c={c} summary={data.summary} />
      <EmailSection c={c} data={data} />
      <LettersSection c={c} data={data} state={state} />
    </>,
    { status: state.status ?? 200 },
  );
}
