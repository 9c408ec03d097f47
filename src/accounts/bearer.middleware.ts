import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { findTokenAccount } from './api-token.service.js';

// The one bearer-token check of the JSON APIs that act as an account (the network API, the planners' unmet-need
// endpoint). The token acts as its account, with that account's role and scope; no cookie is read, so no CSRF
// check is needed.

/** Sets `account` from an `Authorization: Bearer <token>` header; 401 with a `WWW-Authenticate` challenge otherwise. */
export function requireBearer(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const account = match ? await findTokenAccount(c.get('db'), match[1]!) : null;
    if (!account) {
      c.header('WWW-Authenticate', 'Bearer realm="atlas"');
      throw new AppError('unauthenticated', 'api.error.token');
    }
    c.set('account', account);
    await next();
  };
}
