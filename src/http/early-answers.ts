// What http/server.ts lets routes do before the app parses a request, and what it tells them about the requests it
// receives. Routes import this file (never server.ts itself, which assembles the app's serving).
import type { IncomingMessage } from 'node:http';

let lastRequestOutsideHsdsAt = Number.NEGATIVE_INFINITY;

/** Called by http/server.ts for every request it receives. */
export function noteRequestArrived(url: string): void {
  if (!url.startsWith('/hsds')) lastRequestOutsideHsdsAt = performance.now();
}

/**
 * Milliseconds since a request other than the HSDS API's arrived on any server (Infinity if none did). On the
 * embedded database, HSDS pages give way to other requests while they come (registry/hsds.routes.ts).
 */
export function millisecondsSinceRequestOutsideHsds(): number {
  return performance.now() - lastRequestOutsideHsdsAt;
}

/**
 * An answer a route can give for a request before the app parses it, or undefined to let the app answer (the
 * finder API's kept answers: bytes already sent once through the whole app for the same request this minute).
 * Called for every GET on the server; return undefined at once for requests that are not yours.
 */
export type EarlyAnswerer = (
  url: string,
  request: IncomingMessage,
) => Promise<{ body: Uint8Array; headers: Record<string, string> } | undefined> | undefined;

const earlyAnswerers = new WeakMap<object, EarlyAnswerer>();

/** The early answerer offered on a server, if any (http/server.ts asks for every GET). */
export function earlyAnswererOf(server: object): EarlyAnswerer | undefined {
  return earlyAnswerers.get(server);
}

/**
 * Offers early answers on the server that carried `incoming` (Hono's `c.env.incoming` under serveApp; nothing
 * happens for requests made without a server, such as tests' app.request()). The first offer per server stays.
 */
export function offerEarlyAnswers(incoming: unknown, answerer: () => EarlyAnswerer): void {
  const server = (incoming as { socket?: { server?: object } } | undefined)?.socket?.server;
  if (server !== undefined && !earlyAnswerers.has(server)) earlyAnswerers.set(server, answerer());
}
