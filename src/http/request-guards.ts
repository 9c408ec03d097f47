// Guards on what a request may carry, before any route reads it: the size of its body, and no NUL character in
// text (PostgreSQL refuses NUL in text, so it would otherwise surface as a 500 deep inside a query).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, type AppErrorDetail } from '../core/errors.js';
import type { AppEnvironment } from './context.js';

/** Every form is small: 1 MB is far more than the longest questionnaire page or institution record. */
export const formBodyLimitBytes = 1024 * 1024;

// The routes that take an import file; they get the configured limit (IMPORT_BODY_LIMIT_MB) instead.
const importPaths: readonly RegExp[] = [/^\/staff\/waves\/[^/]+\/responses$/];

function tooLarge(limitBytes: number): never {
  throw new AppError('too_large', 'error.too_large', [], {
    megabytes: Math.round((limitBytes / 1024 / 1024) * 10) / 10,
  });
}

/**
 * Refuses a body over its limit with 413: by its Content-Length before reading a byte, or while reading a body
 * sent without one, so an oversized upload never sits whole in memory. Only a signed-in account gets the larger
 * import limit, so an anonymous sender cannot make the server read more than a form's worth.
 */
export function limitRequestBodies(importBodyLimitBytes: number): MiddlewareHandler<AppEnvironment> {
  const forForms = bodyLimit({ maxSize: formBodyLimitBytes, onError: () => tooLarge(formBodyLimitBytes) });
  const forImports = bodyLimit({ maxSize: importBodyLimitBytes, onError: () => tooLarge(importBodyLimitBytes) });
  return (c, next) => {
    const isImport = c.get('account') !== null && importPaths.some((pattern) => pattern.test(c.req.path));
    return isImport ? forImports(c, next) : forForms(c, next);
  };
}

/** Refuses a NUL character in the path or in any query parameter (400, naming the parameter). */
export function refuseNulInUrl(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const details: AppErrorDetail[] = [];
    if (hasNul(safeDecode(url.pathname))) details.push(nulIn(''));
    for (const [name, value] of url.searchParams) if (hasNul(name) || hasNul(value)) details.push(nulIn(name));
    if (details.length > 0) throw new AppError('invalid_input', 'error.null_character', details);
    await next();
  };
}

const formMediaTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Refuses a form body that does not parse as its Content-Type says (400), and a NUL character in any url-encoded
 * or multipart field (400, naming the field). Runs after limitRequestBodies and before the CSRF check.
 */
export function refuseUnreadableForms(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (formMediaTypes.has(mediaType)) {
      // Parsed once here; Hono keeps the parsed form, so the CSRF check and the route read it again for free.
      const form = await c.req.parseBody({ all: true }).catch(() => {
        throw new AppError('invalid_input', 'error.malformed_body');
      });
      const details: AppErrorDetail[] = [];
      for (const [name, value] of Object.entries(form)) {
        const texts = (Array.isArray(value) ? value : [value]).map((item) =>
          typeof item === 'string' ? item : item.name,
        );
        if (hasNul(name) || texts.some(hasNul)) details.push(nulIn(name));
      }
      if (details.length > 0) throw new AppError('invalid_input', 'error.null_character', details);
    }
    await next();
  };
}

function nulIn(name: string): AppErrorDetail {
  return { path: name.replaceAll('\0', ''), messageKey: 'error.detail.null_character' };
}

function hasNul(text: string): boolean {
  return text.includes('\0');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
