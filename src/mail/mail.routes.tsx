import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { requireRole, signedInAccount, type Role } from '../accounts/access.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { AppEnvironment } from '../http/context.js';
import { formatMoment } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { outboundMessageStatuses, type OutboundMessageStatus } from './mail.table.js';
import { messageIdSchema, outboxQuerySchema } from './mail.schema.js';
import { getOutboundMessage, listOutboundMessages, readMessageFile, type OutboundMessage } from './mail.service.js';

type AppContext = Context<AppEnvironment>;

/** Who may read the outbox: the stored copies are mail to institutions, and the .eml files hold live links. */
export const outboxRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && outboxRoles.includes(account.role) ? { href: '/staff/outbox', label: c.get('t')('mail.nav.outbox') } : null;
});
staffHomeLinks.push((account, t) =>
  outboxRoles.includes(account.role) ? { href: '/staff/outbox', label: t('mail.outbox.title'), description: t('mail.outbox.description') } : null,
);

function formatDateTime(c: AppContext, value: Date | null): string {
  if (!value) return '—';
  return formatMoment(value, c.get('language'));
}

function StatusBadge(props: { c: AppContext; status: OutboundMessageStatus }) {
  return <span class={`badge mail-status-${props.status}`}>{props.c.get('t')(`mail.status.${props.status}`)}</span>;
}

function outboxHref(page: number, status: OutboundMessageStatus | undefined): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/staff/outbox?${query}` : '/staff/outbox';
}

async function renderOutboxPage(c: AppContext) {
  const t = c.get('t');
  const query = outboxQuerySchema.parse({ page: c.req.query('page'), status: c.req.query('status') });
  const { messages, total, page, pageSize } = await listOutboundMessages(c.get('db'), { page: query.page, status: query.status });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return renderPage(
    c,
    t('mail.outbox.title'),
    <>
      <h1>{t('mail.outbox.title')}</h1>
      <p>{c.get('config').smtpUrl ? t('mail.outbox.intro_smtp') : t('mail.outbox.intro_held')}</p>
      <p class="hint">{t('mail.outbox.secrets_note')}</p>
      <form method="get" action="/staff/outbox" class="actions">
        <label for="outbox-status">{t('mail.outbox.filter')}</label>
        <select id="outbox-status" name="status">
          <option value="" selected={!query.status}>
            {t('mail.outbox.filter_all')}
          </option>
          {outboundMessageStatuses.map((status) => (
            <option value={status} selected={status === query.status}>
              {t(`mail.status.${status}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('mail.outbox.show')}
        </button>
      </form>
      <p>{t('mail.outbox.count', { count: total })}</p>
      {messages.length === 0 ? (
        <p>{t('mail.outbox.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('mail.outbox.column_created')}</th>
                <th scope="col">{t('mail.outbox.column_to')}</th>
                <th scope="col">{t('mail.outbox.column_subject')}</th>
                <th scope="col">{t('mail.outbox.column_status')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr>
                  <td>{formatDateTime(c, message.createdAt)}</td>
                  <td style="overflow-wrap: anywhere">{message.to}</td>
                  <td>
                    <a href={`/staff/outbox/${message.id}`}>{message.subject}</a>
                  </td>
                  <td>
                    <StatusBadge c={c} status={message.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav class="actions" aria-label={t('mail.outbox.page', { page, pages })}>
          {page > 1 && <a href={outboxHref(page - 1, query.status)}>{t('mail.outbox.previous')}</a>}
          <span>{t('mail.outbox.page', { page, pages })}</span>
          {page < pages && <a href={outboxHref(page + 1, query.status)}>{t('mail.outbox.next')}</a>}
        </nav>
      )}
    </>,
    { wide: true },
  );
}

async function findMessage(c: AppContext): Promise<OutboundMessage> {
  const id = messageIdSchema.safeParse(c.req.param('id'));
  if (!id.success) throw new AppError('not_found', 'error.not_found');
  return getOutboundMessage(c.get('db'), id.data);
}

async function renderMessagePage(c: AppContext) {
  const t = c.get('t');
  const message = await findMessage(c);
  const hasFile = (await readMessageFile(c.get('config'), message)) !== null;
  const rows: Array<[string, Child]> = [
    [t('mail.message.status'), <StatusBadge c={c} status={message.status} />],
    [t('mail.message.from'), message.from],
    [t('mail.message.to'), message.to],
    [t('mail.message.subject'), message.subject],
    [t('mail.message.created'), formatDateTime(c, message.createdAt)],
    [t('mail.message.sent'), formatDateTime(c, message.sentAt)],
    [t('mail.message.attempts'), String(message.attempts)],
    [t('mail.message.message_id'), message.messageId],
  ];
  if (message.error) rows.push([t('mail.message.error'), message.error]);
  return renderPage(
    c,
    message.subject,
    <>
      <p>
        <a href="/staff/outbox">{t('mail.message.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td style="overflow-wrap: anywhere">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('mail.message.body')}</h2>
      <pre class="mail-body" lang={message.language} style="white-space: pre-wrap; overflow-wrap: anywhere; font: inherit;">
        {message.bodyText}
      </pre>
      {hasFile ? (
        <p>
          <a class="button secondary" href={`/staff/outbox/${message.id}/message.eml`} download={`${message.id}.eml`}>
            {t('mail.message.download')}
          </a>
          <br />
          <span class="hint">{t('mail.message.download_note')}</span>
        </p>
      ) : (
        <p class="hint">{t('mail.message.no_file')}</p>
      )}
    </>,
  );
}

/** `/staff/outbox`: every outbound message; `/staff/outbox/<id>`: one, and its .eml file while it is kept. */
export const mailRoutes = new Hono<AppEnvironment>()
  .get('/staff/outbox', requireRole(...outboxRoles), (c) => renderOutboxPage(c))
  .get('/staff/outbox/:id', requireRole(...outboxRoles), (c) => renderMessagePage(c))
  .get('/staff/outbox/:id/message.eml', requireRole(...outboxRoles), async (c) => {
    const message = await findMessage(c);
    const raw = await readMessageFile(c.get('config'), message);
    if (!raw) throw new AppError('not_found', 'error.not_found');
    // The file carries a live survey link: who took a copy is worth knowing.
    await recordAuditEvent(c.get('db'), { accountId: signedInAccount(c).id, action: 'mail.message.download', entityType: 'outbound_message', entityId: message.id });
    return c.body(new Uint8Array(raw), 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${message.id}.eml"`,
      'Cache-Control': 'no-store',
    });
  });
