import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const migrationsDirectory = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any constant works; it only has to be the same in every process that migrates this database.
const migrationLockKey = 4_217_2004;

/**
 * Applies the SQL files in db/migrations/ that have not run yet, in name order, each in its own transaction.
 * Plain SQL keeps migrations frozen in time (they import nothing from the app) and identical on both databases.
 */
export async function migrateToLatest(db: Kysely<any>, options: { only?: readonly string[] } = {}): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const files = readdirSync(migrationsDirectory)
    .filter((name) => name.endsWith('.sql'))
    // A restore migrates only as far as its backup's schema (backup/): `only` lists the files to apply.
    .filter((name) => options.only === undefined || options.only.includes(name))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const didApply = await db.transaction().execute(async (trx) => {
      // Two processes starting at once (app + CLI, or two app servers) must not apply the same file twice.
      await sql`SELECT pg_advisory_xact_lock(${migrationLockKey})`.execute(trx);
      const done = await sql<{ name: string }>`SELECT name FROM schema_migration WHERE name = ${file}`.execute(trx);
      if (done.rows.length > 0) return false;
      await sql.raw(readFileSync(join(migrationsDirectory, file), 'utf8')).execute(trx);
      await sql`INSERT INTO schema_migration (name) VALUES (${file})`.execute(trx);
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}

/** The migration files this build knows, in order (a restore refuses a backup made by a newer schema). */
export function listMigrationFiles(): string[] {
  return readdirSync(migrationsDirectory)
    .filter((name) => name.endsWith('.sql'))
    .sort();
}
