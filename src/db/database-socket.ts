// The app's embedded database, shared with `npx atlas` through a Unix socket (docs/decisions/008).
// PGlite has one session. pglite-socket's PGLiteSocketHandler speaks the wire protocol on each connection; what it
// hands us is one protocol message at a time. A gate lets one user of that session in at a time: the app (for a
// query or a whole transaction, while it holds its one pool connection) or one socket client (from its first
// message until the database is idle again after a Sync or a simple Query, so a transaction is never split).
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { logger } from '../core/logger.js';

/** The folder (owner-only) that holds the socket; `pg` finds `.s.PGSQL.5432` in it, like a PostgreSQL server's. */
export function socketDirectory(dataDirectory: string): string {
  return join(dataDirectory, 'socket');
}
export const socketPort = 5432;
export function socketPath(dataDirectory: string): string {
  return join(socketDirectory(dataDirectory), `.s.PGSQL.${socketPort}`);
}

/** A first-come, first-served lock with one holder at a time. */
export class DatabaseGate {
  private holder: unknown = null;
  private waiting: Array<{ who: unknown; enter: () => void; refuse: (error: Error) => void }> = [];

  /** Waits until `who` holds the gate; returns at once when it already does. */
  async enter(who: unknown): Promise<void> {
    if (this.holder === who) return;
    if (this.holder === null) {
      this.holder = who;
      return;
    }
    await new Promise<void>((enter, refuse) => this.waiting.push({ who, enter, refuse }));
  }

  leave(who: unknown): void {
    if (this.holder !== who) return;
    const next = this.waiting.shift();
    this.holder = next ? next.who : null;
    next?.enter();
  }

  /** Drops what `who` was waiting for (its connection closed). */
  forget(who: unknown): void {
    for (const waiter of this.waiting.filter((candidate) => candidate.who === who))
      waiter.refuse(new Error('connection closed'));
    this.waiting = this.waiting.filter((candidate) => candidate.who !== who);
  }

  holds(who: unknown): boolean {
    return this.holder === who;
  }
}

/**
 * PGlite runs each query in this thread, and a chain of queries resolves promise after promise without ever
 * returning to the event loop: four clients paging the HSDS API kept the finder (answered from memory) from being
 * served at all (issue 16, item 2). Waiting for the next turn of the event loop before each connection is taken lets
 * the requests that arrived meanwhile run first; it costs a few microseconds per query.
 */
export function letOthersRun(): Promise<void> {
  return new Promise((resume) => setImmediate(resume));
}

/** A pool whose every connection waits its turn behind the requests that are ready to run (letOthersRun). */
export function fairPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      await letOthersRun();
      return pool.connect() as Promise<PostgresPoolClient>;
    },
    end: () => pool.end(),
  };
}

/** The app's own pool, one connection, that enters the gate for as long as Kysely holds the connection. */
export function gatedPool(pool: pg.Pool, gate: DatabaseGate): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const who = Symbol('app connection');
      await letOthersRun();
      await gate.enter(who);
      try {
        const client = await pool.connect();
        return {
          query: client.query.bind(client) as PostgresPoolClient['query'],
          release: (destroy?: boolean) => {
            client.release(destroy);
            gate.leave(who);
          },
        };
      } catch (error) {
        gate.leave(who);
        throw error;
      }
    },
    end: () => pool.end(),
  };
}

const messageType = { sync: 0x53, query: 0x51, terminate: 0x58 } as const;
// A Sync, sent alone, ends an extended-protocol exchange a client left half done.
const syncMessage = new Uint8Array([messageType.sync, 0, 0, 0, 4]);

/**
 * What PGLiteSocketHandler calls for each message of one connection (the handler awaits each in turn). It replaces
 * pglite-socket's own queue, which multiplexes message by message: an exchange of two clients could interleave, and
 * it does not know about the app's in-process queries.
 */
class GatedMessageQueue {
  constructor(
    private readonly pglite: PGlite,
    private readonly gate: DatabaseGate,
  ) {}

  async enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const type = message[0];
    // Terminate ends the client's connection, not the one shared session.
    if (type === messageType.terminate) return 0;
    await this.gate.enter(handlerId);
    let bytes = 0;
    try {
      await this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          onData(data);
        },
      });
    } finally {
      // A start-up message has no type byte (it begins with its length, whose first byte is 0).
      const endsExchange = type === messageType.sync || type === messageType.query || type === 0;
      if (endsExchange && !this.pglite.isInTransaction()) this.gate.leave(handlerId);
    }
    return bytes;
  }

  clearQueueForHandler(handlerId: number): void {
    this.gate.forget(handlerId);
  }

  /** A client gone mid-exchange or mid-transaction: finish the exchange, roll back, and let the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (!this.gate.holds(handlerId)) return;
    try {
      await this.pglite.execProtocolRawStream(syncMessage, { onRawData: () => {} });
      if (this.pglite.isInTransaction()) await this.pglite.exec('ROLLBACK');
    } finally {
      this.gate.leave(handlerId);
    }
  }
}

export type DatabaseSocketServer = { close: () => Promise<void> };

/**
 * Serves the PGlite database on `DATA_DIR/socket/.s.PGSQL.5432` for `npx atlas` while the app runs. The folder is
 * owner-only (0700), so only the account that runs the app can connect; there is no password.
 */
export async function serveDatabaseSocket(
  pglite: PGlite,
  gate: DatabaseGate,
  dataDirectory: string,
): Promise<DatabaseSocketServer> {
  const directory = socketDirectory(dataDirectory);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const path = socketPath(dataDirectory);
  // Linux keeps 107 bytes of a socket's name and silently cuts a longer one.
  if (Buffer.byteLength(path) > 107) {
    throw Object.assign(new Error(`socket path too long: ${path}`), { code: 'ENAMETOOLONG' });
  }
  // Left by an app that died: the data directory's lock (held by this process now) says nobody serves it.
  if (existsSync(path)) rmSync(path, { force: true });
  const queue = new GatedMessageQueue(pglite, gate);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    // The handler's options name pglite-socket's queue class; ours has the same three methods it calls.
    const options = { queryQueue: queue, closeOnDetach: true } as unknown as PGLiteSocketHandlerOptions;
    const handler = new PGLiteSocketHandler(options);
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  // Once listening, a failed accept must not end the app; the client sees its connection refused.
  server.on('error', (error: NodeJS.ErrnoException) => logger.warn('database socket error', { code: error.code }));
  chmodSync(path, 0o600);
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await closed;
      rmSync(path, { force: true });
    },
  };
}
