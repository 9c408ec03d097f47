import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { logger } from '../core/logger.js';
import {
  countMessagesByStatusForSubjects,
  claimMessageForDelivery,
  emptySentMessageBodies,
  insertOutboundMessage,
  markMessageFailed,
  markMessageSent,
  selectCorrespondenceLanguages,
  selectDeliverableMessages,
  selectOutboundMessage,
  selectOutboundMessages,
  upsertCorrespondenceLanguage,
  type OutboundMessageRow,
} from './mail.repository.js';
import type { MailLanguage, OutboundMessageStatus } from './mail.table.js';

// Outbound mail in two steps, like a transactional outbox:
//   1. queueMessage() runs inside the caller's transaction: it writes the whole message as an .eml file (fsync'd)
//      and inserts its row. The caller records what the mail is for (an invitation) in the same transaction, so
//      the row, the file's purpose and the record commit together or not at all.
//   2. With SMTP configured, deliverDueMessages() sends queued files after the commit and marks them sent or failed
//      (retrying temporary failures). It runs as the recurring job `mail.deliver` (jobs/, one process at a time)
//      and right after a commit that queued mail (requestDelivery); each message is claimed before it is sent.
//      Without SMTP the message is "held": the .eml file in DATA_DIR/outbox/ and the row are the delivery, for
//      staff to read.
// A crash between 1 and 2 leaves a queued row that the next delivery run sends (at least once, never lost);
// a crash inside 1 before the commit leaves at most an orphan .eml file with no row, whose link was never
// recorded and so does not work.

/** What a caller wants sent. `secrets` reach the recipient but never the database (e.g. a survey link's token). */
export type MailDraft = {
  purpose: string;
  /** The record the mail is about, by id only (e.g. subjectType 'survey_case'). */
  subjectType?: string;
  subjectId?: string;
  to: string;
  subject: string;
  text: string;
  language: MailLanguage;
  /** Languages of the text when it holds more than one, for the Content-Language header. */
  contentLanguages?: MailLanguage[];
  secrets?: string[];
};

/** A message as staff see it in the outbox: the stored copy, with secrets masked. */
export type OutboundMessage = {
  id: string;
  purpose: string;
  subjectType: string | null;
  subjectId: string | null;
  from: string;
  to: string;
  subject: string;
  bodyText: string;
  language: MailLanguage;
  messageId: string;
  status: OutboundMessageStatus;
  attempts: number;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** What stands in the stored copy where a secret was. */
export const maskedSecret = '[…]';

const maxAttempts = 5;
const leaseSeconds = 300;

/** Where held messages are kept as .eml files for staff (no SMTP configured). */
export function outboxDirectory(config: Config): string {
  return join(config.dataDirectory, 'outbox');
}

/** Where messages wait for SMTP; each file is removed once the server has accepted it. */
export function mailQueueDirectory(config: Config): string {
  return join(config.dataDirectory, 'mail-queue');
}

function messageFilePath(config: Config, id: string, status: OutboundMessageStatus): string {
  return join(status === 'held' ? outboxDirectory(config) : mailQueueDirectory(config), `${id}.eml`);
}

function toOutboundMessage(row: OutboundMessageRow): OutboundMessage {
  return {
    id: row.id,
    purpose: row.purpose,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    from: row.sender,
    to: row.recipient,
    subject: row.subject,
    bodyText: row.body_text,
    language: row.language,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** The domain for Message-IDs: the sender's, else the public host's. */
function messageIdDomain(config: Config): string {
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom;
  const domain = address.split('@')[1]?.trim();
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain : new URL(config.publicUrl).hostname;
}

function maskSecrets(text: string, secrets: string[]): string {
  let masked = text;
  for (const secret of secrets) {
    // A short "secret" would mask ordinary words; tokens are long.
    if (secret.length < 8) throw new Error('a mail secret must be at least 8 characters long');
    masked = masked.split(secret).join(maskedSecret);
  }
  return masked;
}

/** Builds the RFC 5322 message (UTF-8, quoted-printable so the .eml stays readable in a text editor). */
async function composeMessage(config: Config, draft: MailDraft, messageId: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: config.mailFrom,
    to: draft.to,
    subject: draft.subject,
    text: draft.text,
    textEncoding: 'quoted-printable',
    messageId,
    date: new Date(),
    headers: { 'Content-Language': (draft.contentLanguages ?? [draft.language]).join(', ') },
  });
  return composer.compile().build();
}

async function writeFileDurably(path: string, content: Buffer): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/**
 * Composes a message, writes it as an .eml file and records it; call it inside the transaction that records
 * what the mail is for. Held (no SMTP) messages are done; queued ones go out with deliverDueMessages().
 */
export async function queueMessage(
  db: Kysely<Database>,
  config: Config,
  draft: MailDraft,
): Promise<{ id: string; status: 'held' | 'queued' }> {
  const id = randomUUID();
  const status = config.smtpUrl ? 'queued' : 'held';
  const messageId = `<${id}@${messageIdDomain(config)}>`;
  const raw = await composeMessage(config, draft, messageId);
  const path = messageFilePath(config, id, status);
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  await writeFileDurably(path, raw);
  const secrets = draft.secrets ?? [];
  await insertOutboundMessage(db, {
    id,
    purpose: draft.purpose,
    subject_type: draft.subjectType ?? null,
    subject_id: draft.subjectId ?? null,
    sender: config.mailFrom,
    recipient: draft.to,
    subject: maskSecrets(draft.subject, secrets),
    body_text: maskSecrets(draft.text, secrets),
    language: draft.language,
    message_id: messageId,
    status,
    next_attempt_at: status === 'queued' ? new Date() : null,
    error: null,
    sent_at: null,
  });
  return { id, status };
}

type SmtpError = Error & { code?: string; responseCode?: number };

// 5xx replies are final (no such mailbox, refused); network trouble and 4xx replies are worth another try.
function retryDelaySeconds(error: SmtpError, attemptsSoFar: number): number | null {
  if (typeof error.responseCode === 'number' && error.responseCode >= 500) return null;
  if (attemptsSoFar >= maxAttempts) return null;
  return 60 * 2 ** attemptsSoFar;
}

/**
 * Sends messages that are due through SMTP (none without SMTP configured) and marks each sent or failed;
 * safe to run from several processes at once. Returns how many went out and how many failed.
 */
export async function deliverDueMessages(
  db: Kysely<Database>,
  config: Config,
  options: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  if (!config.smtpUrl) return { sent: 0, failed: 0 };
  const due = await selectDeliverableMessages(db, options.limit ?? 500);
  if (due.length === 0) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  let sent = 0;
  let failed = 0;
  try {
    for (const message of due) {
      if (!(await claimMessageForDelivery(db, message.id, message.attempts, leaseSeconds))) continue;
      const path = messageFilePath(config, message.id, 'queued');
      let raw: Buffer;
      try {
        raw = await readFile(path);
      } catch {
        // The file is the only full copy (the token is not in the database): without it, nothing can be sent.
        await markMessageFailed(db, message.id, 'message file missing', null);
        logger.error('mail file missing', { messageId: message.id });
        failed += 1;
        continue;
      }
      try {
        await transport.sendMail({
          envelope: { from: envelopeAddress(config.mailFrom), to: [message.recipient] },
          raw,
        });
        await markMessageSent(db, message.id);
        await rm(path, { force: true });
        sent += 1;
      } catch (error) {
        const smtpError = error as SmtpError;
        const detail = [smtpError.responseCode, smtpError.code, smtpError.message]
          .filter(Boolean)
          .join(' ')
          .slice(0, 500);
        await markMessageFailed(db, message.id, detail, retryDelaySeconds(smtpError, message.attempts + 1));
        // The log gets the message id and the code only: the server's text may quote the recipient's address.
        logger.warn('mail delivery failed', {
          messageId: message.id,
          responseCode: smtpError.responseCode,
          code: smtpError.code,
        });
        failed += 1;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

function envelopeAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** One page of the outbox (every outbound message), newest first. */
export async function listOutboundMessages(
  db: Kysely<Database>,
  options: { page: number; pageSize?: number; status?: OutboundMessageStatus | undefined },
): Promise<{ messages: OutboundMessage[]; total: number; page: number; pageSize: number }> {
  const pageSize = options.pageSize ?? 50;
  const page = Math.max(1, options.page);
  const { rows, total } = await selectOutboundMessages(db, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    status: options.status,
  });
  return { messages: rows.map(toOutboundMessage), total, page, pageSize };
}

/** One outbound message by id; throws not_found. */
export async function getOutboundMessage(db: Kysely<Database>, id: string): Promise<OutboundMessage> {
  const row = await selectOutboundMessage(db, id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return toOutboundMessage(row);
}

/** The message exactly as composed (RFC 5322 bytes), while its .eml file exists; null after SMTP took it. */
export async function readMessageFile(
  config: Config,
  message: Pick<OutboundMessage, 'id' | 'status'>,
): Promise<Buffer | null> {
  try {
    return await readFile(messageFilePath(config, message.id, message.status === 'held' ? 'held' : 'queued'));
  } catch {
    return null;
  }
}

/** Sets the language (besides Latvian) an organization wants its letters and e-mails in. */
export async function setCorrespondenceLanguage(
  db: Kysely<Database>,
  organizationId: string,
  language: MailLanguage,
): Promise<void> {
  await upsertCorrespondenceLanguage(db, organizationId, language);
}

/** The correspondence language of each organization that set one (others get Latvian only). */
export async function findCorrespondenceLanguages(
  db: Kysely<Database>,
  organizationIds: string[],
): Promise<Map<string, MailLanguage>> {
  return selectCorrespondenceLanguages(db, [...new Set(organizationIds)]);
}

// One delivery run at a time per process: a run started while another is going would only find its leftovers.
let deliveryRunning: Promise<unknown> | null = null;

/**
 * Starts an SMTP delivery run in the background (after a commit that queued mail), unless one is running;
 * a no-op without SMTP. Failures are logged and retried by the next run.
 */
export function requestDelivery(db: Kysely<Database>, config: Config): void {
  if (!config.smtpUrl || deliveryRunning) return;
  deliveryRunning = deliverDueMessages(db, config)
    .catch((error: unknown) =>
      logger.error('mail delivery run failed', { error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      deliveryRunning = null;
    });
}

/** How many messages about the given subjects (e.g. one wave's cases) are in each status. */
export async function countMessagesByStatus(
  db: Kysely<Database>,
  subject: { type: string; ids: string[] },
): Promise<Array<{ status: OutboundMessageStatus; count: number }>> {
  return countMessagesByStatusForSubjects(db, subject.type, subject.ids);
}

/** Retention (retention/): bodies of messages sent before `before`, counted, or emptied when `apply`. */
export async function emptyDeliveredMessageBodies(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  return emptySentMessageBodies(db, options);
}
