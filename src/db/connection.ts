import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { logger } from '../core/logger.js';
import type { Database } from './database.js';
import {
  DatabaseGate,
  fairPool,
  gatedPool,
  serveDatabaseSocket,
  socketDirectory,
  socketPath,
  socketPort,
} from './database-socket.js';

// PostgreSQL returns bigint (count(*)) and numeric as strings; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
// Dates (not timestamps) stay 'YYYY-MM-DD' strings: no time zone may shift a verification date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type DatabaseKind = 'pglite' | 'pglite-through-app' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

/**
 * Who opens the database. The app serves its embedded database to the CLI on a Unix socket; the CLI uses that
 * socket while the app runs, and opens the data directory itself when it does not.
 */
export type DatabaseUser = 'app' | 'cli';

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database persisted in `dataDirectory`. */
export async function openDatabase(
  options: { databaseUrl?: string | undefined; dataDirectory: string },
  user: DatabaseUser = 'cli',
): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  mkdirSync(options.dataDirectory, { recursive: true });
  const lock = lockDataDirectory(options.dataDirectory, user);
  if (lock.heldBy) {
    if (user === 'cli' && lock.heldBy.user === 'app') return openThroughApp(options.dataDirectory, lock.heldBy.pid);
    throw new Error(
      `Another Reentry Atlas process (pid ${lock.heldBy.pid}) is using the embedded database in ` +
        `${options.dataDirectory}. ` +
        'Wait for it to finish, or run both against PostgreSQL (DATABASE_URL).',
    );
  }
  const release = lock.release;
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(join(options.dataDirectory, 'pglite'));
    const handle = user === 'app' ? await shareWithCli(pglite, options.dataDirectory) : wrapPglite(pglite);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        release();
      },
    };
  } catch (error) {
    await pglite?.close();
    release();
    throw error;
  }
}

/** The app's side: its own queries and the CLI's socket take turns through one gate (database-socket.ts). */
async function shareWithCli(pglite: PGlite, dataDirectory: string): Promise<DatabaseHandle> {
  const gate = new DatabaseGate();
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: gatedPool(pool, gate) }) });
  const server = await serveDatabaseSocket(pglite, gate, dataDirectory).catch((error: NodeJS.ErrnoException) => {
    // A socket name has ~100 bytes at most: a very long DATA_DIR must not stop the app; the CLI then says so.
    logger.warn('the embedded database is not served to the CLI', { code: error.code ?? error.message });
    return null;
  });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await server?.close();
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The CLI's side while the app runs: `pg` over the app's socket, the same dialect as for a PostgreSQL server. */
async function openThroughApp(dataDirectory: string, appPid: number): Promise<DatabaseHandle> {
  // The app serves the socket a moment after it takes the lock (opening PGlite takes up to a few seconds).
  const deadline = Date.now() + 30_000;
  while (!existsSync(socketPath(dataDirectory))) {
    if (!isProcessAlive(appPid) || Date.now() > deadline) {
      throw new Error(
        `The Reentry Atlas app (pid ${appPid}) holds the embedded database in ${dataDirectory} ` +
          'but does not serve it to the CLI.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const socket = { host: socketDirectory(dataDirectory), port: socketPort };
  const pool = new pg.Pool({ ...socket, user: 'postgres', database: 'postgres', max: 1 });
  survivesLostConnections(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'pglite-through-app', close: () => db.destroy() };
}

type DataDirectoryLock =
  { heldBy: { pid: number; user: DatabaseUser }; release?: never } | { heldBy?: never; release: () => void };

/**
 * PGlite is a single-process database: a second process opening the same folder would not see the first one's
 * writes and can corrupt the files. A lock file with the owner's pid, role and start time says who has it: the CLI
 * then goes through a running app's socket, or stops with a clear message; a lock left by a process that died is
 * taken over. The start time matters because pids are reused: after a crash and a reboot (a container restarts with
 * pid 1 every time) the pid in a stale lock often belongs to another live process, which must not block start-up.
 */
function lockDataDirectory(dataDirectory: string, user: DatabaseUser): DataDirectoryLock {
  const lockPath = join(dataDirectory, 'atlas.lock');
  const content = `${[process.pid, user, processStartTime(process.pid)].filter((part) => part !== undefined).join(' ')}\n`;
  try {
    writeFileSync(lockPath, content, { flag: 'wx' });
  } catch {
    const [pidText, holder, startText] = readFileSync(lockPath, 'utf8').trim().split(/\s+/);
    const owner = Number(pidText);
    if (Number.isInteger(owner) && owner !== process.pid && isLockOwnerAlive(owner, startText)) {
      return { heldBy: { pid: owner, user: holder === 'app' ? 'app' : 'cli' } };
    }
    writeFileSync(lockPath, content);
  }
  return { release: () => rmSync(lockPath, { force: true }) };
}

/** The owner is alive when its pid is, and (where the lock and the system tell) it is the same process that wrote it. */
function isLockOwnerAlive(pid: number, recordedStart: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  if (recordedStart === undefined) return true; // a lock written before start times were recorded
  const start = processStartTime(pid);
  return start === undefined || start === recordedStart;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, in clock ticks since boot (Linux: field 22 of /proc/<pid>/stat), or undefined where there
 * is no /proc (macOS, Windows: the lock then falls back to the pid alone). Together with the pid it names a process
 * uniquely until the next reboot.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2, the command name, is in parentheses and may hold spaces and parentheses itself: count after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

/**
 * A connection the server drops (restart, failover, pg_terminate_backend) must not crash the process. The pool
 * reports idle connections' errors on itself; a connection that is checked out (inside a transaction, between two
 * queries) reports on its own client, where an 'error' event without a listener would end the process (57P01).
 * The query in flight fails (503 to the caller), the pool replaces the connection, /healthz reports the outage.
 */
function survivesLostConnections(pool: pg.Pool): void {
  const warn = (error: Error) => logger.warn('database connection lost', { error: error.message });
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
}

/** Opens a real PostgreSQL server through a connection pool. */
export function openPostgres(connectionString: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: 10 });
  survivesLostConnections(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Wraps an open PGlite instance in Kysely through node-postgres, so the same dialect serves both databases. */
export function wrapPglite(pglite: PGlite): DatabaseHandle {
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: fairPool(pool) }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
