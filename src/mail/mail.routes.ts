import { Hono, type Context } from 'hono';
import { requireRole, signedInAccount, type Role } from '../accounts/access.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks } from '../http/layout.js';
import { renderMessagePage, renderOutboxPage } from './mail.pages.js';
import { messageIdSchema, outboxQuerySchema } from './mail.schema.js';
import { getOutboundMessage, listOutboundMessages, readMessageFile, type OutboundMessage } from './mail.service.js';

type AppContext = Context<AppEnvironment>;

/** Who may read the outbox: the stored copies are mail to institutions, and the .eml files hold live links. */
export const outboxRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && outboxRoles.includes(account.role)
    ? { href: '/staff/outbox', label: c.get('t')('mail.nav.outbox') }
    : null;
});
staffHomeLinks.push((account, t) =>
  outboxRoles.includes(account.role)
    ? { href: '/staff/outbox', label: t('mail.outbox.title'), description: t('mail.outbox.description') }
    : null,
);

async function findMessage(c: AppContext): Promise<OutboundMessage> {
  const id = messageIdSchema.safeParse(c.req.param('id'));
  if (!id.success) throw new AppError('not_found', 'error.not_found');
  return getOutboundMessage(c.get('db'), id.data);
}

/** `/staff/outbox`: every outbound message; `/staff/outbox/<id>`: one, and its .eml file while it is kept. */
export const mailRoutes = new Hono<AppEnvironment>()
  .get('/staff/outbox', requireRole(...outboxRoles), async (c) => {
    const query = outboxQuerySchema.parse({ page: c.req.query('page'), status: c.req.query('status') });
    const { messages, total, page, pageSize } = await listOutboundMessages(c.get('db'), {
      page: query.page,
      status: query.status,
    });
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    return renderOutboxPage(c, {
      messages,
      total,
      page,
      pageCount,
      status: query.status,
      sends: Boolean(c.get('config').smtpUrl),
    });
  })
  .get('/staff/outbox/:id', requireRole(...outboxRoles), async (c) => {
    const message = await findMessage(c);
    return renderMessagePage(c, message, (await readMessageFile(c.get('config'), message)) !== null);
  })
  .get('/staff/outbox/:id/message.eml', requireRole(...outboxRoles), async (c) => {
    const message = await findMessage(c);
    const raw = await readMessageFile(c.get('config'), message);
    if (!raw) throw new AppError('not_found', 'error.not_found');
    // The file carries a live survey link: who took a copy is worth knowing.
    await recordAuditEvent(c.get('db'), {
      accountId: signedInAccount(c).id,
      action: 'mail.message.download',
      entityType: 'outbound_message',
      entityId: message.id,
    });
    return c.body(new Uint8Array(raw), 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${message.id}.eml"`,
      'Cache-Control': 'no-store',
    });
  });
