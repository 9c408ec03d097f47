// Serving the app over HTTP, with the headers every response carries. main.ts, the browser tests and the benches
// all serve through here, so what they measure and test is what people get.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { isMachineApiPath, machineApiSecurityHeaders, securityHeaders } from './response-headers.js';

// The security headers are the same on every answer, so they go on Node's response before the app runs. Set in
// Hono (c.header), they would make every answer build a web Headers object, which costs a small answer half its
// speed; Node merges them with the app's own headers, and the app's win where both set one (decisions/005).
const createServerWithSecurityHeaders = ((
  options: object,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
) => {
  const server = createServer(options, (request, response) => {
    const url = request.url ?? '';
    if (!url.startsWith('/hsds')) lastRequestOutsideHsdsAt = performance.now();
    const headers = isMachineApiPath(url) ? machineApiSecurityHeaders : securityHeaders;
    for (const [name, value] of headers) response.setHeader(name, value);
    const early = request.method === 'GET' ? earlyAnswerers.get(server) : undefined;
    if (early === undefined) return listener(request, response);
    const answering = early(url, request);
    if (answering === undefined) return listener(request, response);
    answering.then(
      (answer) => {
        if (answer === undefined) return listener(request, response);
        response.writeHead(200, { ...answer.headers, 'Content-Length': answer.body.byteLength });
        response.end(answer.body);
      },
      () => listener(request, response),
    );
  });
  return server;
}) as typeof createServer;

let lastRequestOutsideHsdsAt = Number.NEGATIVE_INFINITY;

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

/**
 * Offers early answers on the server that carried `incoming` (Hono's `c.env.incoming` under serveApp; nothing
 * happens for requests made without a server, such as tests' app.request()). The first offer per server stays.
 */
export function offerEarlyAnswers(incoming: unknown, answerer: () => EarlyAnswerer): void {
  const server = (incoming as { socket?: { server?: object } } | undefined)?.socket?.server;
  if (server !== undefined && !earlyAnswerers.has(server)) earlyAnswerers.set(server, answerer());
}

/** Serves `app` on `port` (0: any free port) and resolves once it listens, with the address to reach it at. */
export async function serveApp(
  app: Hono<any>,
  options: { port: number; hostname?: string },
): Promise<{ server: ServerType; url: string }> {
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: options.hostname,
    createServer: createServerWithSecurityHeaders,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${options.hostname ?? 'localhost'}:${address.port}` };
}
