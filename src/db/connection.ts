import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { logger } from '../core/logger.js';
import type { Database } from './database.js';

// PostgreSQL returns bigint (count(*)) and numeric as strings; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
// Dates (not timestamps) stay 'YYYY-MM-DD' strings: no time zone may shift a verification date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database persisted in `dataDirectory`. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDirectory: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  mkdirSync(options.dataDirectory, { recursive: true });
  const releaseLock = lockDataDirectory(options.dataDirectory);
  try {
    const pglite = await PGlite.create(join(options.dataDirectory, 'pglite'));
    const handle = wrapPglite(pglite);
    return { ...handle, close: async () => { await handle.close(); releaseLock(); } };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * PGlite is a single-process database: a second process opening the same folder (say `npx atlas` while
 * `npm start` runs) would not see the first one's writes and can corrupt the files. A lock file with the
 * owner's pid turns that into a clear message; a lock left by a process that died is taken over.
 */
function lockDataDirectory(dataDirectory: string): () => void {
  const lockPath = join(dataDirectory, 'atlas.lock');
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lockPath, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
      throw new Error(
        `Another Reentry Atlas process (pid ${owner}) is using the embedded database in ${dataDirectory}. ` +
          'Stop it first, or run both against PostgreSQL (DATABASE_URL).',
      );
    }
    writeFileSync(lockPath, String(process.pid));
  }
  return () => rmSync(lockPath, { force: true });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens a real PostgreSQL server through a connection pool. */
export function openPostgres(connectionString: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (restart, failover, pg_terminate_backend) must not crash the process:
  // the pool replaces it on the next query, and /healthz reports the outage meanwhile.
  pool.on('error', (error) => logger.warn('database connection lost', { error: error.message }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Wraps an open PGlite instance in Kysely through node-postgres, so the same dialect serves both databases. */
export function wrapPglite(pglite: PGlite): DatabaseHandle {
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
