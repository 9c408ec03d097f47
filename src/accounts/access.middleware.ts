import type { Context, MiddlewareHandler } from 'hono';
import type { SignedInAccount } from '../core/account.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';

export type Role = SignedInAccount['role'];

// A person opening a staff page in the browser is sent to sign in; a machine client gets a 401 it can act on.
// (Mirrors http/app.ts's wantsJson; importing app.ts from here would make an import cycle.)
function isMachineRequest(c: Context<AppEnvironment>): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path.startsWith('/hsds')) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Where the sign-in page sends a person back to after signing in: the page they asked for. */
export function loginPathFor(c: Context<AppEnvironment>): string {
  const url = new URL(c.req.url);
  return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

function refuseAnonymous(c: Context<AppEnvironment>): Response {
  if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !isMachineRequest(c))
    return c.redirect(loginPathFor(c), 303);
  throw new AppError('unauthenticated', 'error.unauthenticated');
}

/** Lets the request through only for a signed-in staff member; a browser GET goes to the sign-in page. */
export function requireAccount(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (!c.get('account')) return refuseAnonymous(c);
    await next();
  };
}

/** Lets the request through only for a signed-in staff member with one of the given roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const account = c.get('account');
    if (!account) return refuseAnonymous(c);
    if (!roles.includes(account.role)) throw new AppError('forbidden', 'error.forbidden');
    await next();
  };
}

/** The signed-in account, for a route behind requireAccount(); throws `unauthenticated` if there is none. */
export function signedInAccount(c: Context<AppEnvironment>): SignedInAccount {
  const account = c.get('account');
  if (!account) throw new AppError('unauthenticated', 'error.unauthenticated');
  return account;
}

/** Administrators edit every listing; an institution editor only their own institution's. */
export function canEditOrganization(account: SignedInAccount | null, organizationId: string): boolean {
  if (!account) return false;
  if (account.role === 'administrator') return true;
  return account.role === 'institution_editor' && account.organizationId === organizationId;
}

/** Throws `unauthenticated` without an account, `forbidden` unless it may edit the organization's listing. */
export function assertCanEditOrganization(account: SignedInAccount | null, organizationId: string): SignedInAccount {
  if (!account) throw new AppError('unauthenticated', 'error.unauthenticated');
  if (!canEditOrganization(account, organizationId)) throw new AppError('forbidden', 'error.forbidden');
  return account;
}
