// The PostgreSQL database a bench script runs on: a throwaway database of its own on the server that
// BENCH_DATABASE_URL names, created at the start and dropped at the end, so a bench never touches real data.
import pg from 'pg';
import { openPostgres, type DatabaseHandle } from '../src/db/connection.js';

/** The server a bench measures PostgreSQL on, or undefined to measure PGlite only. */
export const benchPostgresUrl = process.env.BENCH_DATABASE_URL || undefined;

/** Creates `<prefix>_<pid>` on the server and opens it; `close()` drops it again. */
export async function openThrowawayPostgres(
  serverUrl: string,
  prefix: string,
): Promise<DatabaseHandle & { label: string }> {
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const handle = openPostgres(target.toString());
  return {
    ...handle,
    label: `PostgreSQL (${target.host})`,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
