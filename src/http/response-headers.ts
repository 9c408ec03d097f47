// Headers every response carries: security headers (set on Node's response by http/server.ts) and gzip for
// clients that ask for it. Hono's own `secureHeaders` changes the finished response after the handler; that makes
// @hono/node-server turn its fast path (status, headers and bytes written straight to the socket) into a full web
// `Response` per request, which cost the JSON API most of its throughput (bench/finder.ts; docs/decisions/005).
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The set Hono's secureHeaders() gives by default, with our content security policy.
export const securityHeaders: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  // Compression depends on Accept-Encoding, and a page's language on the cookie or, on a first visit, on
  // Accept-Language: caches must keep those forms apart.
  ['Vary', 'Accept-Encoding, Accept-Language, Cookie'],
];

// JSON answers of the machine APIs are not documents a browser renders, so most of the page set does not apply to
// them; they carry what the OWASP REST Security Cheat Sheet asks of an API. Fewer headers also matter for speed:
// Node validates and stores each one per answer, and 13 of them cost a finder answer about a third of its
// throughput (bench/finder.ts).
export const machineApiSecurityHeaders: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Vary', 'Accept-Encoding'],
];

/** The JSON APIs: the finder's and the HSDS registry's. */
export function isMachineApiPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/hsds');
}

/** Gzips (or deflates) text answers over 1 KB for clients that send Accept-Encoding; others pass untouched. */
export function compressWhenAccepted(): MiddlewareHandler {
  const compressAnswer = compress();
  return async (c, next) => {
    if (!c.req.header('accept-encoding')) return next();
    return compressAnswer(c, next);
  };
}
