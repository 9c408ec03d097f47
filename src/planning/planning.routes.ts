import { Hono, type Context } from 'hono';
import { requireRole } from '../accounts/access.middleware.js';
import { requireBearer } from '../accounts/bearer.middleware.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { renderUnmetNeedCsv } from './planning.csv.js';
import { UnmetNeedPage } from './planning.pages.js';
import { unmetNeedBodySchema, unmetNeedQuerySchema, unmetNeedResponseSchema } from './planning.schema.js';
import { buildUnmetNeedReport } from './planning.service.js';
import { recordNoSuitableService } from './unmet-need.service.js';

// The planners' unmet-need pages (analysts and administrators) and the referral form's "no suitable service found"
// endpoint (referrers, by bearer token: it is mounted with the network API, before the CSRF check).

type AppContext = Context<AppEnvironment>;

const planningRoles = ['administrator', 'analyst'] as const;

navigationLinks.push((c) => {
  const role = c.get('account')?.role;
  return role && (planningRoles as readonly string[]).includes(role)
    ? { href: '/staff/planning/unmet-need', label: c.get('t')('nav.planning') }
    : null;
});

async function loadReport(c: AppContext) {
  const parsed = unmetNeedQuerySchema.safeParse({
    from: c.req.query('from'),
    to: c.req.query('to'),
    help: c.req.query('help'),
  });
  if (!parsed.success)
    throw new AppError('invalid_input', 'planning.error.period', [
      { path: 'from', messageKey: 'planning.error.period' },
    ]);
  return buildUnmetNeedReport(c.get('db'), parsed.data, c.get('language'));
}

export const planningRoutes = new Hono<AppEnvironment>()
  .use('/staff/planning/*', requireRole(...planningRoles))
  .get('/staff/planning/unmet-need', async (c) => {
    const report = await loadReport(c);
    const t = c.get('t');
    return renderPage(c, t('planning.title'), UnmetNeedPage({ report, t, language: c.get('language') }), {
      wide: true,
    });
  })
  .get('/staff/planning/unmet-need.csv', async (c) => {
    const report = await loadReport(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="unmet-need-${report.filter.from}-${report.filter.to}-${c.get('language')}.csv"`,
    );
    return c.body(renderUnmetNeedCsv(report, c.get('t')));
  });

export const planningApiRoutes = new Hono<AppEnvironment>()
  .use('/api/v1/unmet-need', requireBearer())
  .post('/api/v1/unmet-need', async (c) => {
    const account = c.get('account');
    if (account?.role !== 'referrer') throw new AppError('forbidden', 'error.forbidden');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new AppError('invalid_input', 'api.error.json');
    }
    const parsed = unmetNeedBodySchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new AppError('invalid_input', 'api.error.fields', [], { fields });
    }
    const created = await recordNoSuitableService(c.get('db'), {
      helpType: parsed.data.help_type,
      territoryCode: parsed.data.territory_code,
      source: 'referral_form',
    });
    return c.json(unmetNeedResponseSchema.parse(created), 201);
  });
