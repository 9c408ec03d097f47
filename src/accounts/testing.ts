// Helpers for other domains' tests: make a staff account, sign it in, post a form with a valid CSRF token.
//
//   const admin = await createAccountForTest(db, { role: 'administrator' });
//   const session = await signInForTest(app, db, admin);
//   const response = await formPost(app, '/staff/registry/organizations', { name: 'X' }, session);
//   const page = await app.request('/staff', { headers: { cookie: session.cookie } });
//
// Public forms need a CSRF token too: use `anonymousVisitorForTest(db)` as the session.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import type { AppEnvironment } from '../http/context.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import { insertAccount } from './account.repository.js';
import type { AccountRole } from './account.table.js';
import { hashPassword } from './password.js';
import { csrfCookieName, csrfFieldName, sessionCookieName } from './session.middleware.js';
import { computeCsrfToken, newCsrfCookieValue, startSession } from './session.service.js';

/** The password every test account gets unless the test names one. */
export const testPassword = 'correct horse battery staple';

/** What a test sends with `app.request()`: the `cookie` header and the `_csrf` form field (or x-csrf-token header). */
export type TestSession = { cookie: string; csrfToken: string };

export type TestAccount = SignedInAccount & { password: string };

// scrypt costs ~100 ms by design; one hash of the shared test password serves every test account.
let testPasswordHash: Promise<string> | undefined;

/**
 * Inserts an active account. An institution editor without `organizationId` gets a fresh demo organization of
 * its own, so the test can check it may not touch others.
 */
export async function createAccountForTest(
  db: Kysely<Database>,
  options: { role: AccountRole; organizationId?: string; email?: string; displayName?: string; password?: string },
): Promise<TestAccount> {
  const id = randomUUID();
  const email = (options.email ?? `test-${id.slice(0, 8)}@example.lv`).toLowerCase();
  let organizationId: string | null = null;
  // Roles that belong to an organization get one; without `organizationId`, a fresh demo organization of their own.
  if (['institution_editor', 'referrer', 'provider_intake', 'provider_worker'].includes(options.role)) {
    organizationId = options.organizationId ?? randomUUID();
    if (!options.organizationId) {
      await addTestInstitution(db, {
        id: organizationId,
        name: `Test institution ${organizationId.slice(0, 8)}`,
        isDemo: true,
      });
    }
  }
  const password = options.password ?? testPassword;
  const passwordHash = options.password
    ? await hashPassword(options.password)
    : await (testPasswordHash ??= hashPassword(testPassword));
  const displayName = options.displayName ?? `Test ${options.role}`;
  await insertAccount(db, { id, email, displayName, role: options.role, organizationId, passwordHash });
  return { id, email, displayName, role: options.role, organizationId, password };
}

/** A signed-in browser for the account: session cookie, CSRF cookie and the token its forms carry. */
export async function signInForTest(
  _app: Hono<AppEnvironment>,
  db: Kysely<Database>,
  account: { id: string },
): Promise<TestSession> {
  const session = await startSession(db, account.id);
  const csrfCookie = newCsrfCookieValue();
  return {
    cookie: `${sessionCookieName}=${session.token}; ${csrfCookieName}=${csrfCookie}`,
    csrfToken: await computeCsrfToken(db, csrfCookie, session.sessionId),
  };
}

/** An anonymous browser with a CSRF cookie and token, for public forms (questionnaire, release plan, login). */
export async function anonymousVisitorForTest(db: Kysely<Database>): Promise<TestSession> {
  const csrfCookie = newCsrfCookieValue();
  return { cookie: `${csrfCookieName}=${csrfCookie}`, csrfToken: await computeCsrfToken(db, csrfCookie, null) };
}

/**
 * Posts a urlencoded form as the session's browser, adding `_csrf`. Without a session it posts with no cookie
 * and no token (to test refusals). Arrays become repeated fields (checkboxes, multi-selects).
 */
export async function formPost(
  app: Hono<AppEnvironment>,
  path: string,
  fields: Record<string, string | number | boolean | Array<string | number>>,
  session?: TestSession,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, String(item));
  }
  if (session && !(csrfFieldName in fields)) body.set(csrfFieldName, session.csrfToken);
  return app.request(path, {
    method: 'POST',
    body: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(session ? { cookie: session.cookie } : {}),
      ...headers,
    },
  });
}

/** A GET as the session's browser. */
export async function getAs(
  app: Hono<AppEnvironment>,
  path: string,
  session?: TestSession,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(path, { headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}
