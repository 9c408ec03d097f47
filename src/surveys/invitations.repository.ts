import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { OutboundMessageStatus } from '../mail/mail.table.js';

/**
 * Serialises sending for one wave until the transaction ends: two staff members pressing "send" at once would
 * otherwise both pick the same cases, and the second token would kill the first mail's link.
 */
export async function lockWaveInvitations(db: Kysely<Database>, waveId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-invitations:${waveId}`}))`.execute(db);
}

/** How many of the wave's e-mails are in each delivery state (read-only over the mail and case tables). */
export async function countWaveMessagesByStatus(db: Kysely<Database>, waveId: string): Promise<Array<{ status: OutboundMessageStatus; count: number }>> {
  const result = await sql<{ status: OutboundMessageStatus; count: number }>`
    SELECT om.status, count(*)::int AS count
    FROM outbound_message om
    JOIN survey_case sc ON om.subject_type = 'survey_case' AND om.subject_id = sc.id::text
    WHERE sc.wave_id = ${waveId}
    GROUP BY om.status`.execute(db);
  return result.rows;
}
