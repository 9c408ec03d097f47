import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Serialises sending for one wave until the transaction ends: two staff members pressing "send" at once would
 * otherwise both pick the same cases, and the second token would kill the first mail's link.
 */
export async function lockWaveInvitations(db: Kysely<Database>, waveId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-invitations:${waveId}`}))`.execute(db);
}

/** How many of the wave's e-mails are in each delivery state (read-only over the mail and case tables). */
