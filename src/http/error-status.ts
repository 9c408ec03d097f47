import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../core/errors.js';

/** The one place an error code becomes an HTTP status: domain code never mentions HTTP. */
export const statusByErrorCode: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
};
