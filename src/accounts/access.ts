import type { MiddlewareHandler } from 'hono';
import type { AppEnvironment, SignedInAccount } from '../http/context.js';
import { AppError } from '../http/errors.js';

export type Role = SignedInAccount['role'];

/** Lets the request through only for a signed-in staff member. */
export function requireAccount(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (!c.get('account')) throw new AppError('unauthenticated', 'error.unauthenticated');
    await next();
  };
}

/** Lets the request through only for a signed-in staff member with one of the given roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const account = c.get('account');
    if (!account) throw new AppError('unauthenticated', 'error.unauthenticated');
    if (!roles.includes(account.role)) throw new AppError('forbidden', 'error.forbidden');
    await next();
  };
}

/** Administrators edit every listing; an institution editor only their own institution's. */
export function canEditOrganization(account: SignedInAccount | null, organizationId: string): boolean {
  if (!account) return false;
  if (account.role === 'administrator') return true;
  return account.role === 'institution_editor' && account.organizationId === organizationId;
}

/** Throws `forbidden` unless the account may edit the organization's listing. */
export function assertCanEditOrganization(account: SignedInAccount | null, organizationId: string): void {
  if (!account) throw new AppError('unauthenticated', 'error.unauthenticated');
  if (!canEditOrganization(account, organizationId)) throw new AppError('forbidden', 'error.forbidden');
}
