// Serving the app over HTTP, with the headers every response carries. main.ts, the browser tests and the benches
// all serve through here, so what they measure and test is what people get.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { isMachineApiPath, machineApiSecurityHeaders, securityHeaders } from './response-headers.js';
import { earlyAnswererOf, noteRequestArrived } from './early-answers.js';

// The security headers are the same on every answer, so they go on Node's response before the app runs. Set in
// Hono (c.header), they would make every answer build a web Headers object, which costs a small answer half its
// speed; Node merges them with the app's own headers, and the app's win where both set one (decisions/005).
const createServerWithSecurityHeaders = ((
  options: object,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
) => {
  const server = createServer(options, (request, response) => {
    const url = request.url ?? '';
    noteRequestArrived(url);
    const headers = isMachineApiPath(url) ? machineApiSecurityHeaders : securityHeaders;
    for (const [name, value] of headers) response.setHeader(name, value);
    const early = request.method === 'GET' ? earlyAnswererOf(server) : undefined;
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
