import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { requireAccount } from '../accounts/access.middleware.js';
import { loadSession, verifyCsrf } from '../accounts/session.middleware.js';
import type { Database } from '../db/database.js';
import { missingKeyring, type Keyring } from '../privacy/keyring.js';
import type { AppEnvironment } from './context.js';
import { AppError, translateDetail } from '../core/errors.js';
import { isDatabaseUnavailable } from '../db/database-errors.js';
import { statusByErrorCode } from './error-status.js';
import { renderErrorPage } from './error-page.js';
import { healthRoutes } from './health.routes.js';
import { defaultLanguage, isLanguage, languageFromAcceptLanguage, type Language } from '../core/language.js';
import { translatorFor } from '../core/i18n.js';
import { logger } from '../core/logger.js';
import { forbidCachingOfPrivateAnswers } from './cache-control.js';
import { compressWhenAccepted, isMachineApiPath } from './response-headers.js';
import { limitRequestBodies, refuseNulInUrl, refuseUnreadableForms } from './request-guards.js';
import { mountDomainRoutes, mountMachineApiRoutes, mountNetworkApiRoutes } from './routes.js';

const readRetryDelayMilliseconds = 300;
const staticDirectory = join(dirname(fileURLToPath(import.meta.url)), 'static');
const stylesheet = readFileSync(join(staticDirectory, 'site.css'), 'utf8');
const favicon = readFileSync(join(staticDirectory, 'favicon.svg'), 'utf8');

/** Builds the whole web app over one database; main.ts serves it, tests call `app.request()`. */
export function createApp(dependencies: {
  db: Kysely<Database>;
  config: Config;
  keyring?: Keyring;
}): Hono<AppEnvironment> {
  const keyring = dependencies.keyring ?? missingKeyring();
  const app = new Hono<AppEnvironment>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Only the route pattern and status: query strings and bodies may hold personal data.
    logger.info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use('*', compressWhenAccepted());
  app.use('*', forbidCachingOfPrivateAnswers());
  app.use('*', async (c, next) => {
    c.set('db', dependencies.db);
    c.set('config', dependencies.config);
    c.set('keyring', keyring);
    c.set('account', null);
    c.set('csrfToken', '');
    const language = chooseLanguage(c);
    c.set('language', language);
    c.set('t', translatorFor(language));
    await next();
  });
  // Before a parameter reaches SQL: a NUL character in the URL is a 400 (docs/decisions/011).
  app.use('*', refuseNulInUrl());
  mountMachineApiRoutes(app);
  // accounts/: who is signed in, the CSRF token forms carry, and the check on every state-changing request.
  app.use('*', loadSession());
  // Before anything reads the body: oversized bodies (413), unparseable forms and NUL characters in fields (400).
  app.use('*', limitRequestBodies(dependencies.config.importBodyLimitBytes));
  app.use('*', refuseUnreadableForms());
  mountNetworkApiRoutes(app);
  app.use('*', verifyCsrf());
  app.use('/staff', requireAccount());
  app.use('/staff/*', requireAccount());

  app.get('/static/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  // The site's icon: linked from every page; /favicon.ico too, which browsers ask for on their own (a 404 there is
  // an error in the console, and Lighthouse counts it).
  const serveFavicon = (c: Context<AppEnvironment>) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(favicon, 200, { 'Content-Type': 'image/svg+xml' });
  };
  app.get('/static/favicon.svg', serveFavicon);
  app.get('/favicon.ico', serveFavicon);
  app.route('/', healthRoutes);
  mountDomainRoutes(app);

  app.notFound((c) => respondWithError(c, new AppError('not_found', 'error.not_found')));
  // A read that failed because the database went away mid-request (a restart, a failover) is tried once more
  // after a short pause: a GET is safe to repeat, and the pool has usually reconnected by then (bench/faults).
  const retried = new WeakSet<Request>();
  app.onError(async (error, c) => {
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (isRead && isDatabaseUnavailable(error) && !retried.has(c.req.raw)) {
      await new Promise((resume) => setTimeout(resume, readRetryDelayMilliseconds));
      const again = new Request(c.req.raw);
      retried.add(again);
      return app.fetch(again, c.env);
    }
    return respondWithError(c, error);
  });
  return app;
}

/**
 * `?lang=` wins and is remembered in a cookie for a year (not for machine APIs: they have no reader to remember); then
 * the cookie; then, on a first visit, the browser's Accept-Language (a phone set to Russian gets Russian); then Latvian.
 */
function chooseLanguage(c: Context<AppEnvironment>): Language {
  const requested = c.req.query('lang');
  if (isLanguage(requested)) {
    if (!isMachineApiPath(c.req.path))
      setCookie(c, 'lang', requested, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', httpOnly: true });
    return requested;
  }
  const remembered = getCookie(c, 'lang');
  if (isLanguage(remembered)) return remembered;
  // The JSON APIs keep their documented default: a program says ?lang= when it wants another language.
  if (isMachineApiPath(c.req.path)) return defaultLanguage;
  return languageFromAcceptLanguage(c.req.header('accept-language')) ?? defaultLanguage;
}

/** True for machine clients: the JSON APIs, or a caller that asks for JSON rather than HTML. */
export function wantsJson(c: Context<AppEnvironment>): boolean {
  if (isMachineApiPath(c.req.path)) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

// How long a client should wait before trying again while the database is away (it reconnects by itself).
const retryAfterSeconds = 5;

async function respondWithError(c: Context<AppEnvironment>, caught: unknown): Promise<Response> {
  const t = c.get('t') ?? translatorFor(defaultLanguage);
  let error = caught;
  if (isDatabaseUnavailable(caught)) {
    logger.warn('database unavailable', { route: c.req.routePath });
    c.header('Retry-After', String(retryAfterSeconds));
    error = new AppError('unavailable', 'error.unavailable');
  }
  if (!(error instanceof AppError)) {
    logger.error('unhandled error', {
      route: c.req.routePath,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  const appError = error instanceof AppError ? error : null;
  const status = appError ? statusByErrorCode[appError.code] : 500;
  const message = appError ? t(appError.messageKey, appError.messageParameters) : t('error.internal');
  const details = (appError?.details ?? []).map((detail) => translateDetail(detail, t));
  if (wantsJson(c)) {
    // The public APIs' errors are readable from any web page, like their answers.
    if (isMachineApiPath(c.req.path)) c.header('Access-Control-Allow-Origin', '*');
    return c.json({ error: { code: appError?.code ?? 'internal', message, details } }, status);
  }
  return renderErrorPage(c, status, message, details);
}
