import { sql, type Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * Waits for a lock that lasts until the transaction ends, named by `name`: work that several app processes may
 * start at once (start-up steps, a batch) runs one at a time across the cluster. Same on PGlite and PostgreSQL.
 */
export async function lockUntilCommit(trx: Transaction<Database>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
