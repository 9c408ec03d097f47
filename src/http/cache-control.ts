import type { MiddlewareHandler } from 'hono';

// What a staff member or a respondent saw must not stay in a shared cache, a proxy or the browser's history
// after they sign out: staff pages and exports, sign-in, the questionnaire, and the network API. The public
// finder's API is the one /api/v1 answer meant to be cached (it holds nothing about anyone).

/** True for paths whose answers must never be stored by a cache: `Cache-Control: no-store`. */
export function isPrivatePath(path: string): boolean {
  if (path === '/staff' || path.startsWith('/staff/')) return true;
  if (path === '/login' || path === '/logout') return true;
  if (path.startsWith('/survey/')) return true;
  // A registry verification link carries its token in the path.
  if (path.startsWith('/verify/')) return true;
  // beds/: the reminder e-mail's one-use link carries its token in the path
  if (path.startsWith('/beds/')) return true;
  if (path === '/api/v1/finder' || path.startsWith('/api/v1/finder/')) return false;
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

/** Sets `Cache-Control: no-store` on every answer of a private path, errors and redirects included. */
export function forbidCachingOfPrivateAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!isPrivatePath(c.req.path)) return;
    try {
      c.res.headers.set('Cache-Control', 'no-store');
    } catch {
      // A response with immutable headers (one passed through from fetch) is copied first.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('Cache-Control', 'no-store');
    }
  };
}
