import type { Translate } from './i18n.js';

/** What went wrong, in terms of the domain; http/ maps each code to a status. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'conflict'
  | 'too_large'
  | 'unavailable';

/**
 * The one error type domain code throws. `messageKey` names a translated message; `details` carries
 * field errors or rejected records for the person who has to fix them.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly details: AppErrorDetail[] = [],
    readonly messageParameters: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}${details.length ? ` (${details.length} details)` : ''}`);
    this.name = 'AppError';
  }
}

/**
 * One problem: where (a field, a record path, a CSV row and column) and why, as a message key with its parameters,
 * translated where it is shown (the error page, the JSON answer, a form, the CLI).
 */
export type AppErrorDetail = { path: string; messageKey: string; parameters?: Record<string, string | number> };

/** A detail in the reader's words. */
export function translateDetail(detail: AppErrorDetail, t: Translate): { path: string; message: string } {
  return { path: detail.path, message: t(detail.messageKey, detail.parameters) };
}
