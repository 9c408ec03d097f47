import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import {
  computeCsrfToken,
  findSessionAccount,
  isValidCsrfToken,
  newCsrfCookieValue,
  type SessionPolicy,
} from './session.service.js';

export const sessionCookieName = 'atlas_session';
export const csrfCookieName = 'atlas_csrf';
export const csrfFieldName = '_csrf';
export const csrfHeaderName = 'x-csrf-token';

// The valid session behind a request (its database id), for CSRF binding and sign-out; absent when anonymous.
// Keyed by Hono's request wrapper, not the raw Request: the body limit swaps the raw Request when it reads a body.
const sessionIdByRequest = new WeakMap<object, string>();

/** The session id of the request's live session, or null for an anonymous visitor. */
export function currentSessionId(c: Context<AppEnvironment>): string | null {
  return sessionIdByRequest.get(c.req) ?? null;
}

// Paths that never render a form or change anything: no database lookups, no cookies.
function isPassivePath(path: string): boolean {
  return path.startsWith('/static/') || path === '/healthz';
}

// Read-only machine APIs get no CSRF cookie: a JSON reader has no form to post.
function isReadOnlyApiRequest(c: Context<AppEnvironment>): boolean {
  const path = c.req.path;
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && (path.startsWith('/api/') || path.startsWith('/hsds'));
}

// ---- who is on the other end: the socket, or a trusted proxy's X-Forwarded-* headers --------------------------

const trustedProxyLists = new WeakMap<Config, BlockList>();
function trustedProxyList(config: Config): BlockList {
  let list = trustedProxyLists.get(config);
  if (!list) {
    list = new BlockList();
    for (const entry of config.trustedProxies) {
      const [address = '', prefix] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    }
    trustedProxyLists.set(config, list);
  }
  return list;
}

function isTrustedProxy(config: Config, address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const version = isIP(plain);
  return version !== 0 && trustedProxyList(config).check(plain, version === 6 ? 'ipv6' : 'ipv4');
}

// The address the request came from. A request with no socket was made inside this process (`app.request()` in
// a test or a tool), and counts as coming from 127.0.0.1.
function peerAddress(c: Context<AppEnvironment>): string {
  try {
    return getConnInfo(c).remote.address ?? '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}

/**
 * The client's address. Behind proxies named in TRUSTED_PROXIES, X-Forwarded-For is read from the right (each
 * proxy appends the address it saw) and the first address that is not a trusted proxy is the client; anything
 * further left is the client's own claim. From any other peer the header is ignored, so a client cannot reset
 * the per-address sign-in limit by sending a new X-Forwarded-For.
 */
export function clientAddress(c: Context<AppEnvironment>): string {
  const config = c.get('config');
  let address = peerAddress(c);
  if (!isTrustedProxy(config, address)) return address;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  while (forwarded.length > 0 && isTrustedProxy(config, address)) address = forwarded.pop()!;
  return address;
}

/** True when the visitor came over HTTPS: to this server, or to a trusted proxy that says so (X-Forwarded-Proto). */
export function cameOverHttps(c: Context<AppEnvironment>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!isTrustedProxy(c.get('config'), peerAddress(c))) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Whether cookies get the Secure flag: by configuration, or (auto) when the visitor came over HTTPS. */
export function shouldUseSecureCookies(c: Context<AppEnvironment>): boolean {
  const setting = c.get('config').cookieSecure;
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return cameOverHttps(c);
}

/** The session limits the app is configured with (SESSION_IDLE_MINUTES, SESSION_LIFETIME_HOURS). */
export function sessionPolicyOf(c: Context<AppEnvironment>): SessionPolicy {
  const config = c.get('config');
  return { idleSeconds: config.sessionIdleSeconds, lifetimeSeconds: config.sessionLifetimeSeconds };
}

/** Sets the session cookie after sign-in: HttpOnly, SameSite=Lax, Secure per configuration, whole site. */
export function setSessionCookie(c: Context<AppEnvironment>, token: string): void {
  setCookie(c, sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: shouldUseSecureCookies(c),
    maxAge: c.get('config').sessionLifetimeSeconds,
  });
}

/** Removes the session cookie (sign-out, or a session the database no longer knows). */
export function clearSessionCookie(c: Context<AppEnvironment>): void {
  deleteCookie(c, sessionCookieName, { path: '/', secure: shouldUseSecureCookies(c) });
}

/**
 * Loads the signed-in account from the session cookie into `c.var.account`, and gives every visitor (anonymous
 * too) a CSRF cookie and the matching `c.var.csrfToken` for the forms the page renders.
 */
export function loadSession(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (isPassivePath(c.req.path)) return next();
    const db = c.get('db');
    const token = getCookie(c, sessionCookieName);
    let sessionId: string | null = null;
    if (token) {
      const found = await findSessionAccount(db, token, sessionPolicyOf(c));
      if (found) {
        c.set('account', found.account);
        sessionId = found.sessionId;
        sessionIdByRequest.set(c.req, found.sessionId);
      } else {
        clearSessionCookie(c);
      }
    }
    if (!isReadOnlyApiRequest(c)) {
      let csrfCookie = getCookie(c, csrfCookieName);
      if (!csrfCookie || !/^[0-9a-f]{48}$/.test(csrfCookie)) {
        csrfCookie = newCsrfCookieValue();
        // A browser-session cookie: it only pairs with the token, so it need not outlive the browser.
        setCookie(c, csrfCookieName, csrfCookie, {
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
          secure: shouldUseSecureCookies(c),
        });
      }
      c.set('csrfToken', await computeCsrfToken(db, csrfCookie, sessionId));
    }
    await next();
  };
}

/**
 * Refuses every state-changing request (POST, PUT, PATCH, DELETE) whose `_csrf` form field or `x-csrf-token`
 * header does not match the visitor's CSRF cookie and session. Runs after loadSession().
 */
export function verifyCsrf(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const cookieValue = getCookie(c, csrfCookieName);
    let submitted = c.req.header(csrfHeaderName);
    if (!submitted) {
      // parseBody caches the parsed form, so the route reads the same body again (with any options it likes).
      // A body that does not parse as its Content-Type says (multipart without parts) is the sender's mistake.
      const form = await c.req.parseBody().catch(() => {
        throw new AppError('invalid_input', 'error.malformed_body');
      });
      const field = form[csrfFieldName];
      submitted = typeof field === 'string' ? field : undefined;
    }
    if (
      !cookieValue ||
      !submitted ||
      !(await isValidCsrfToken(c.get('db'), submitted, cookieValue, currentSessionId(c)))
    ) {
      throw new AppError('csrf_failed', 'error.csrf_failed');
    }
    await next();
  };
}
