// Staff pages of the outbox: the list of outbound messages and one message. Views only: the routes load the data.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { formatMoment } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { StaffTable, type StaffTableColumn } from '../http/staff-components.js';
import type { OutboundMessage } from './mail.service.js';
import { outboundMessageStatuses, type OutboundMessageStatus } from './mail.table.js';

type AppContext = Context<AppEnvironment>;

function formatDateTime(c: AppContext, value: Date | null): string {
  return value ? formatMoment(value, c.get('language')) : '—';
}

function StatusBadge(props: { c: AppContext; status: OutboundMessageStatus }) {
  return <span class={`badge mail-status-${props.status}`}>{props.c.get('t')(`mail.status.${props.status}`)}</span>;
}

function StatusFilter(props: { c: AppContext; status: OutboundMessageStatus | undefined }) {
  const t = props.c.get('t');
  return (
    <form method="get" action="/staff/outbox" class="actions">
      <label for="outbox-status">{t('mail.outbox.filter')}</label>
      <select id="outbox-status" name="status">
        <option value="" selected={!props.status}>
          {t('mail.outbox.filter_all')}
        </option>
        {outboundMessageStatuses.map((status) => (
          <option value={status} selected={status === props.status}>
            {t(`mail.status.${status}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('mail.outbox.show')}
      </button>
    </form>
  );
}

/** One page of the outbox, filtered by status. */
export type OutboxPageData = {
  messages: OutboundMessage[];
  total: number;
  page: number;
  pageCount: number;
  status: OutboundMessageStatus | undefined;
  /** A mail server is configured: messages leave; without one they are held here. */
  sends: boolean;
};

export function renderOutboxPage(c: AppContext, data: OutboxPageData) {
  const t = c.get('t');
  const columns: Array<StaffTableColumn<OutboundMessage>> = [
    { header: t('mail.outbox.column_created'), cell: (message) => formatDateTime(c, message.createdAt) },
    {
      header: t('mail.outbox.column_to'),
      cell: (message) => <span style="overflow-wrap: anywhere">{message.to}</span>,
    },
    {
      header: t('mail.outbox.column_subject'),
      cell: (message) => <a href={`/staff/outbox/${message.id}`}>{message.subject}</a>,
    },
    { header: t('mail.outbox.column_status'), cell: (message) => <StatusBadge c={c} status={message.status} /> },
  ];
  const position = t('mail.outbox.page', { page: data.page, pages: data.pageCount });
  return renderPage(
    c,
    t('mail.outbox.title'),
    <>
      <h1 id="outbox-title">{t('mail.outbox.title')}</h1>
      <p>{data.sends ? t('mail.outbox.intro_smtp') : t('mail.outbox.intro_held')}</p>
      <p class="hint">{t('mail.outbox.secrets_note')}</p>
      <StatusFilter c={c} status={data.status} />
      <p>{t('mail.outbox.count', { count: data.total })}</p>
      <StaffTable
        columns={columns}
        rows={data.messages}
        empty={t('mail.outbox.empty')}
        labelledBy="outbox-title"
        paging={{
          page: data.page,
          pageCount: data.pageCount,
          path: '/staff/outbox',
          query: { status: data.status },
          labels: { navigation: position, previous: t('mail.outbox.previous'), next: t('mail.outbox.next'), position },
        }}
      />
    </>,
    { wide: true },
  );
}

export function renderMessagePage(c: AppContext, message: OutboundMessage, hasFile: boolean) {
  const t = c.get('t');
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
      <pre
        class="mail-body"
        lang={message.language}
        style="white-space: pre-wrap; overflow-wrap: anywhere; font: inherit;"
      >
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
