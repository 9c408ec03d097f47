import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.middleware.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { requestDelivery } from '../mail/mail.service.js';
import { invitationsPath, renderInvitationsPage, type InvitationsPageState } from './invitations.pages.js';
import {
  configuredSenderAddress,
  prepareInvitationLetters,
  sendInvitationEmails,
  summarizeInvitations,
} from './invitations.service.js';
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
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'string' && name !== '_csrf') values[name] = value;
  return values;
}

async function showInvitationsPage(c: AppContext, wave: Wave, state: InvitationsPageState = {}) {
  const summary = await summarizeInvitations(c.get('db'), wave.id);
  const done = doneSchema.safeParse({ done: c.req.query('done'), count: c.req.query('count') });
  const data = {
    wave,
    summary,
    done: done.success ? { kind: done.data.done, count: done.data.count } : null,
    sends: Boolean(c.get('config').smtpUrl),
    replyTo: configuredSenderAddress(c.get('config')),
  };
  return renderInvitationsPage(c, data, state);
}

/**
 * `/staff/waves/<key>/invitations`: figures and the send buttons; `POST …/invitations/email` sends invitations or
 * reminders; `POST /staff/waves/<key>/letters.pdf` prepares the printed letters and returns them as one PDF.
 */
export const invitationRoutes = new Hono<AppEnvironment>()
  .get('/staff/waves/:key/invitations', requireRole(...invitationRoles), async (c) =>
    showInvitationsPage(c, await findWave(c)),
  )
  .post('/staff/waves/:key/invitations/email', requireRole(...invitationRoles), async (c) => {
    const wave = await findWave(c);
    const parsed = emailFormSchema.safeParse(await readForm(c));
    if (!parsed.success) return showInvitationsPage(c, wave, { status: 400 });
    const db = c.get('db');
    const config = c.get('config');
    try {
      const result = await db.transaction().execute((trx) =>
        sendInvitationEmails(trx, config, {
          waveId: wave.id,
          kind: parsed.data.kind,
          accountId: signedInAccount(c).id,
        }),
      );
      // After the commit: the queued mail goes out through SMTP in the background (no-op without SMTP).
      requestDelivery(db, config);
      return c.redirect(`${invitationsPath(wave)}?done=${parsed.data.kind}&count=${result.sent}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return showInvitationsPage(c, wave, { status: 409, message: c.get('t')(error.messageKey) });
      throw error;
    }
  })
  // Preparing letters makes new links (and kills the old ones), so it must never happen on a GET that a reload or
  // a link preview could repeat: the PDF comes from the POST form on the invitations page.
  .get('/staff/waves/:key/letters.pdf', requireRole(...invitationRoles), async (c) =>
    c.redirect(`${invitationsPath(await findWave(c))}#letters`, 303),
  )
  .post('/staff/waves/:key/letters.pdf', requireRole(...invitationRoles), async (c) => {
    const t = c.get('t');
    const wave = await findWave(c);
    const values = await readForm(c);
    const parsed = letterFormSchema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
      return showInvitationsPage(c, wave, { status: 400, fieldErrors, values });
    }
    let result: Awaited<ReturnType<typeof prepareInvitationLetters>>;
    try {
      result = await c
        .get('db')
        .transaction()
        .execute((trx) =>
          prepareInvitationLetters(trx, c.get('config'), {
            waveId: wave.id,
            kind: parsed.data.kind,
            scope: parsed.data.scope,
            accountId: signedInAccount(c).id,
          }),
        );
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return showInvitationsPage(c, wave, { status: 409, message: t(error.messageKey), values });
      throw error;
    }
    if (!result.pdf) {
      const message = [
        t('invitations.error.no_letters'),
        result.withoutAddress > 0 ? t('invitations.error.no_address', { count: result.withoutAddress }) : '',
      ]
        .filter(Boolean)
        .join(' ');
      return showInvitationsPage(c, wave, { status: 409, message, values });
    }
    return c.body(new Uint8Array(result.pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="letters-${wave.key}-${parsed.data.kind}.pdf"`,
      'Cache-Control': 'no-store',
      'X-Letter-Count': String(result.letters),
      'X-Letters-Without-Address': String(result.withoutAddress),
    });
  });
