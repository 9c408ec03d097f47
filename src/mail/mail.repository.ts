import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { MailLanguage, OutboundMessageStatus, OutboundMessageTable } from './mail.table.js';

export type OutboundMessageRow = Selectable<OutboundMessageTable>;

/** Inserts one outbound message row. */
export async function insertOutboundMessage(
  db: Kysely<Database>,
  row: Insertable<OutboundMessageTable>,
): Promise<void> {
  await db.insertInto('outbound_message').values(row).execute();
}

/** One page of messages, newest first, and how many there are in all. */
export async function selectOutboundMessages(
  db: Kysely<Database>,
  options: { limit: number; offset: number; status?: OutboundMessageStatus | undefined },
): Promise<{ rows: OutboundMessageRow[]; total: number }> {
  let query = db.selectFrom('outbound_message');
  if (options.status) query = query.where('status', '=', options.status);
  const rows = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(counted.total) };
}

/** One message by id, or undefined. */
export async function selectOutboundMessage(db: Kysely<Database>, id: string): Promise<OutboundMessageRow | undefined> {
  return db.selectFrom('outbound_message').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Messages for which SMTP delivery is due (queued, or failed with a retry scheduled), oldest first. */
export async function selectDeliverableMessages(db: Kysely<Database>, limit: number): Promise<OutboundMessageRow[]> {
  return db
    .selectFrom('outbound_message')
    .selectAll()
    .where('status', 'in', ['queued', 'failed'])
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Takes a message for one delivery attempt: counts the attempt and pushes the next one `leaseSeconds` ahead, so
 * a second process running at the same time skips it. Returns false when someone else took it first.
 */
export async function claimMessageForDelivery(
  db: Kysely<Database>,
  id: string,
  seenAttempts: number,
  leaseSeconds: number,
): Promise<boolean> {
  const result = await db
    .updateTable('outbound_message')
    .set({ attempts: seenAttempts + 1, next_attempt_at: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', id)
    .where('attempts', '=', seenAttempts)
    .where('status', 'in', ['queued', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a message as accepted by the SMTP server. */
export async function markMessageSent(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('outbound_message')
    .set({ status: 'sent', error: null, next_attempt_at: null, sent_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Marks a delivery attempt as failed; `retryInSeconds` null means the failure is final. */
export async function markMessageFailed(
  db: Kysely<Database>,
  id: string,
  error: string,
  retryInSeconds: number | null,
): Promise<void> {
  await db
    .updateTable('outbound_message')
    .set({
      status: 'failed',
      error,
      next_attempt_at: retryInSeconds === null ? null : sql<Date>`now() + make_interval(secs => ${retryInSeconds})`,
    })
    .where('id', '=', id)
    .execute();
}

/** The language an organization wants its letters in besides Latvian, per organization id. */
export async function selectCorrespondenceLanguages(
  db: Kysely<Database>,
  organizationIds: string[],
): Promise<Map<string, MailLanguage>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('correspondence_language')
    .select(['organization_id', 'language'])
    .where('organization_id', 'in', organizationIds)
    .execute();
  return new Map(rows.map((row) => [row.organization_id, row.language]));
}

/** Sets (or replaces) an organization's correspondence language. */
export async function upsertCorrespondenceLanguage(
  db: Kysely<Database>,
  organizationId: string,
  language: MailLanguage,
): Promise<void> {
  await db
    .insertInto('correspondence_language')
    .values({ organization_id: organizationId, language })
    .onConflict((conflict) =>
      conflict.column('organization_id').doUpdateSet({ language, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

/** Messages about the given subjects (e.g. the cases of one wave), counted by status. */
export async function countMessagesByStatusForSubjects(
  db: Kysely<Database>,
  subjectType: string,
  subjectIds: string[],
): Promise<Array<{ status: OutboundMessageStatus; count: number }>> {
  if (subjectIds.length === 0) return [];
  const result = await sql<{ status: OutboundMessageStatus; count: number }>`
    SELECT status, count(*)::int AS count
    FROM outbound_message
    WHERE subject_type = ${subjectType} AND subject_id = ANY(${subjectIds}::text[])
    GROUP BY status`.execute(db);
  return result.rows;
}

/** Retention: bodies of messages sent before `before` (the row stays for the counts), counted or emptied. */
export async function emptySentMessageBodies(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  if (!options.apply) {
    const row = await db
      .selectFrom('outbound_message')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'sent')
      .where('sent_at', '<', options.before)
      .where('body_text', '<>', '')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await db
    .updateTable('outbound_message')
    .set({ body_text: '' })
    .where('status', '=', 'sent')
    .where('sent_at', '<', options.before)
    .where('body_text', '<>', '')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
