import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { formatCalendarDate } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { renderPage } from '../http/layout.js';
import { requestDelivery } from '../mail/mail.service.js';
import { prepareInvitationLetters, sendInvitationEmails, summarizeInvitations, type InvitationKind, type InvitationSummary, type LetterScope } from './invitations.service.js';
import { getWaveByKey, type Wave } from './wave.service.js';

type AppContext = Context<AppEnvironment>;

/** Who sends invitations and prints letters: the people who run survey waves. */
export const invitationRoles: Role[] = ['administrator', 'analyst'];

const waveKeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const emailFormSchema = z.object({ kind: z.enum(['invitation', 'reminder']) });
const letterFormSchema = z.object({
  kind: z.enum(['invitation', 'reminder'], { message: 'invitations.field.kind' }),
  scope: z.enum(['without_email', 'all'], { message: 'invitations.field.scope' }),
});
const doneSchema = z.object({ done: z.enum(['invitation', 'reminder']), count: z.coerce.number().int().min(0) });

async function findWave(c: AppContext): Promise<Wave> {
  const key = waveKeySchema.safeParse(c.req.param('key'));
  if (!key.success) throw new AppError('not_found', 'error.not_found');
  return getWaveByKey(c.get('db'), key.data);
}

async function readForm(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && name !== '_csrf') values[name] = value;
  return values;
}

function invitationsPath(wave: Pick<Wave, 'key'>): string {
  return `/staff/waves/${encodeURIComponent(wave.key)}/invitations`;
}

type PageState = {
  status?: 200 | 400 | 409;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
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

function EmailAction(props: { c: AppContext; wave: Wave; kind: InvitationKind; count: number }) {
  const { c, wave, kind, count } = props;
  const t = c.get('t');
  if (count === 0) return <p class="hint">{t(kind === 'invitation' ? 'invitations.email.nobody_to_invite' : 'invitations.email.nobody_to_remind')}</p>;
  return (
    <form method="post" action={`${invitationsPath(wave)}/email`}>
      <CsrfField c={c} />
      <input type="hidden" name="kind" value={kind} />
      <button type="submit">{t(kind === 'invitation' ? 'invitations.email.invite_button' : 'invitations.email.remind_button', { count })}</button>
    </form>
  );
}

async function renderInvitationsPage(c: AppContext, wave: Wave, state: PageState = {}) {
  const t = c.get('t');
  const language = c.get('language');
  const summary: InvitationSummary = await summarizeInvitations(c.get('db'), wave.id);
  const done = doneSchema.safeParse({ done: c.req.query('done'), count: c.req.query('count') });
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const chosenKind = values.kind ?? 'invitation';
  const chosenScope = values.scope ?? 'without_email';
  const closesOn = wave.closesOn ? formatCalendarDate(wave.closesOn, language) : null;
  const title = t('invitations.title');
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
      {done.success && !state.message && (
        <p class="notice" role="status">
          {/* Without a mail server nothing has left yet: say "prepared", not "sent". */}
          {c.get('config').smtpUrl
            ? t(done.data.done === 'invitation' ? 'invitations.done.invitations' : 'invitations.done.reminders', { count: done.data.count })
            : `${t(done.data.done === 'invitation' ? 'invitations.done.invitations_prepared' : 'invitations.done.reminders_prepared', { count: done.data.count })} ${t('invitations.done.held')}`}
        </p>
      )}
      {(state.message || Object.keys(errors).length > 0) && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{state.message ?? t('error.invalid_input')}</h2>
          {Object.keys(errors).length > 0 && (
            <ul>
              {Object.entries(errors).map(([field, key]) => (
                <li>
                  <a href={`#letters-${field}`}>{t(key)}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p>{t('invitations.intro')}</p>

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

      <h2>{t('invitations.email.heading')}</h2>
      {wave.status === 'open' ? (
        <>
          <p>{t('invitations.email.invite_help')}</p>
          <EmailAction c={c} wave={wave} kind="invitation" count={summary.toInviteByEmail} />
          <p>{t('invitations.email.remind_help')}</p>
          <EmailAction c={c} wave={wave} kind="reminder" count={summary.toRemindByEmail} />
        </>
      ) : (
        <p class="hint">{t('invitations.error.wave_not_open')}</p>
      )}
      <p>
        <a href={summary.mailFailed > 0 ? '/staff/outbox?status=failed' : '/staff/outbox'}>{t('invitations.email.outbox_link')}</a>
      </p>

      <h2 id="letters">{t('invitations.letters.heading')}</h2>
      {wave.status === 'closed' ? (
        <p class="hint">{t('invitations.error.wave_closed')}</p>
      ) : (
        <>
          <p>{t('invitations.letters.help')}</p>
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
                    <td class="number">{summary.letters[kind].without_email}</td>
                    <td class="number">{summary.letters[kind].all}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action={`/staff/waves/${encodeURIComponent(wave.key)}/letters.pdf`}>
            <CsrfField c={c} />
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
            <button type="submit">{t('invitations.letters.button')}</button>
          </form>
        </>
      )}
    </>,
    { status: state.status ?? 200 },
  );
}

/**
 * `/staff/waves/<key>/invitations`: figures and the send buttons; `POST …/invitations/email` sends invitations or
 * reminders; `POST /staff/waves/<key>/letters.pdf` prepares the printed letters and returns them as one PDF.
 */
export const invitationRoutes = new Hono<AppEnvironment>()
  .get('/staff/waves/:key/invitations', requireRole(...invitationRoles), async (c) => renderInvitationsPage(c, await findWave(c)))
  .post('/staff/waves/:key/invitations/email', requireRole(...invitationRoles), async (c) => {
    const wave = await findWave(c);
    const parsed = emailFormSchema.safeParse(await readForm(c));
    if (!parsed.success) return renderInvitationsPage(c, wave, { status: 400 });
    const db = c.get('db');
    const config = c.get('config');
    try {
      const result = await db.transaction().execute((trx) => sendInvitationEmails(trx, config, { waveId: wave.id, kind: parsed.data.kind, accountId: signedInAccount(c).id }));
      // After the commit: the queued mail goes out through SMTP in the background (no-op without SMTP).
      requestDelivery(db, config);
      return c.redirect(`${invitationsPath(wave)}?done=${parsed.data.kind}&count=${result.sent}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderInvitationsPage(c, wave, { status: 409, message: c.get('t')(error.messageKey) });
      throw error;
    }
  })
  // Preparing letters makes new links (and kills the old ones), so it must never happen on a GET that a reload or
  // a link preview could repeat: the PDF comes from the POST form on the invitations page.
  .get('/staff/waves/:key/letters.pdf', requireRole(...invitationRoles), async (c) => c.redirect(`${invitationsPath(await findWave(c))}#letters`, 303))
  .post('/staff/waves/:key/letters.pdf', requireRole(...invitationRoles), async (c) => {
    const t = c.get('t');
    const wave = await findWave(c);
    const values = await readForm(c);
    const parsed = letterFormSchema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
      return renderInvitationsPage(c, wave, { status: 400, fieldErrors, values });
    }
    let result: Awaited<ReturnType<typeof prepareInvitationLetters>>;
    try {
      result = await c
        .get('db')
        .transaction()
        .execute((trx) => prepareInvitationLetters(trx, c.get('config'), { waveId: wave.id, kind: parsed.data.kind, scope: parsed.data.scope, accountId: signedInAccount(c).id }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderInvitationsPage(c, wave, { status: 409, message: t(error.messageKey), values });
      throw error;
    }
    if (!result.pdf) {
      const message = [t('invitations.error.no_letters'), result.withoutAddress > 0 ? t('invitations.error.no_address', { count: result.withoutAddress }) : ''].filter(Boolean).join(' ');
      return renderInvitationsPage(c, wave, { status: 409, message, values });
    }
    return c.body(new Uint8Array(result.pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="letters-${wave.key}-${parsed.data.kind}.pdf"`,
      'Cache-Control': 'no-store',
      'X-Letter-Count': String(result.letters),
      'X-Letters-Without-Address': String(result.withoutAddress),
    });
  });
