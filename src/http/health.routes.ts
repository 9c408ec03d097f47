import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnvironment } from './context.js';

/** GET /healthz: 200 when the database answers, 503 when it does not (for load balancers and uptime checks). */
export const healthRoutes = new Hono<AppEnvironment>().get('/healthz', async (c) => {
  try {
    await sql`SELECT 1`.execute(c.get('db'));
    return c.json({ status: 'ok', database: 'reachable' });
  } catch {
    return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
  }
});
