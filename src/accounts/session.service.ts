import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import {
  deleteExpiredSessions,
  deleteSession,
  insertAppSecretIfMissing,
  insertSession,
  removeEndedSessions,
  removeLoginAttemptsBefore,
  selectAppSecret,
  selectLiveSession,
  touchSession,
} from './account.repository.js';

/** How long a session lasts: without a request (idle), and in any case after sign-in (lifetime). */
export type SessionPolicy = { idleSeconds: number; lifetimeSeconds: number };
/** The defaults of SESSION_IDLE_MINUTES and SESSION_LIFETIME_HOURS (config.ts): 8 hours idle, 12 hours in all. */
export const defaultSessionPolicy: SessionPolicy = { idleSeconds: 8 * 60 * 60, lifetimeSeconds: 12 * 60 * 60 };
// Writing last_seen_at on every request would make every page view a write; a minute's slack is harmless.
const touchEverySeconds = 60;

/** The database key of a session: SHA-256 of the cookie's token, so the table alone opens nothing. */
export function sessionIdForToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for the account; returns the raw token for the cookie (the database keeps only its hash). */
export async function startSession(
  db: Kysely<Database>,
  accountId: string,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdForToken(token);
  const expiresAt = new Date(Date.now() + policy.lifetimeSeconds * 1000);
  await insertSession(db, { id: sessionId, accountId, expiresAt });
  // Sign-ins are rare; sweeping dead sessions here keeps the table small without a background job.
  await deleteExpiredSessions(db, policy.idleSeconds);
  return { token, sessionId, expiresAt };
}

/** The signed-in account for a session token, or null when the session is unknown, expired, idle or deactivated. */
export async function findSessionAccount(
  db: Kysely<Database>,
  token: string,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<{ sessionId: string; account: SignedInAccount } | null> {
  const sessionId = sessionIdForToken(token);
  const row = await selectLiveSession(db, sessionId, policy);
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > touchEverySeconds * 1000) await touchSession(db, sessionId);
  return {
    sessionId,
    account: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      organizationId: row.organization_id,
    },
  };
}

/** Ends a session (sign-out): the row goes, so the cookie is worthless even if copied. */
export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, sessionIdForToken(token));
}

// Secrets are per database, not per process: every process serving one database must agree on them.
const secretCache = new WeakMap<Kysely<Database>, Map<string, Promise<Buffer>>>();

/** A named random secret stored in the database (created on first use), cached per database. */
export function readAppSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  let secrets = secretCache.get(db);
  if (!secrets) secretCache.set(db, (secrets = new Map()));
  let secret = secrets.get(name);
  if (!secret) {
    secret = (async () => {
      await insertAppSecretIfMissing(db, name, randomBytes(32).toString('base64url'));
      const value = await selectAppSecret(db, name);
      if (!value) throw new Error(`app secret ${name} could not be stored`);
      return Buffer.from(value, 'base64url');
    })();
    secret.catch(() => secrets.delete(name));
    secrets.set(name, secret);
  }
  return secret;
}

/** A fresh random value for the `atlas_csrf` cookie. */
export function newCsrfCookieValue(): string {
  return randomBytes(24).toString('hex');
}

/**
 * The token forms must send back: an HMAC over the cookie's random value and the session id. A page from another
 * site can neither read the cookie nor compute the HMAC; binding the session means a token made for an anonymous
 * visitor (or another account) is refused once someone is signed in.
 */
export async function computeCsrfToken(
  db: Kysely<Database>,
  cookieValue: string,
  sessionId: string | null,
): Promise<string> {
  const key = await readAppSecret(db, 'csrf');
  return createHmac('sha256', key)
    .update(`csrf\u0000${cookieValue}\u0000${sessionId ?? ''}`)
    .digest('base64url');
}

/** True when the submitted token is the one computed for this cookie and session (constant-time compare). */
export async function isValidCsrfToken(
  db: Kysely<Database>,
  submitted: string,
  cookieValue: string,
  sessionId: string | null,
): Promise<boolean> {
  const expected = Buffer.from(await computeCsrfToken(db, cookieValue, sessionId));
  const given = Buffer.from(submitted);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Retention (retention/): sessions that ended by `now`, counted, or deleted when `apply`. */
export async function removeEndedSessionsForRetention(
  db: Kysely<Database>,
  options: { now: Date; idleSeconds: number; apply: boolean },
): Promise<number> {
  return removeEndedSessions(db, options);
}

/** Retention (retention/): sign-in attempts older than `before`, counted, or deleted when `apply`. */
export async function removeLoginAttemptsForRetention(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  return removeLoginAttemptsBefore(db, options);
}
