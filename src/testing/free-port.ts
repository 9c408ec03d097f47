// A TCP port nobody listens on now, for tests and benches that start real server processes.
import { createServer } from 'node:net';

/** Asks the system for a free port on 127.0.0.1 and gives it back (another process may take it meanwhile). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
