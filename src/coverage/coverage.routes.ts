import { Hono } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { CoveragePage, helpTypeName } from './coverage.pages.js';
import { computeCoverage } from './coverage.service.js';
import { coverageQuerySchema } from './coverage.schema.js';

navigationLinks.push((c) => ({ href: '/coverage', label: c.get('t')('nav.coverage') }));

/** `/coverage` and `/coverage?help=<help type>`: the planners' map, its legend, white spots and table. */
export const coverageRoutes = new Hono<AppEnvironment>().get('/coverage', async (c) => {
  const parsed = coverageQuerySchema.safeParse({ help: c.req.query('help') });
  if (!parsed.success) {
    const detail = {
      path: 'help',
      messageKey: 'coverage.error.help_type',
      parameters: { allowed: helpTypeCodes.join(', ') },
    };
    throw new AppError('invalid_input', 'error.invalid_input', [detail]);
  }
  const helpType = parsed.data.help ?? null;
  const t = c.get('t');
  const language = c.get('language');
  const coverage = await computeCoverage(c.get('db'));
  const helpName = helpType ? helpTypeName(helpType, language) : '';
  const title = helpType ? t('coverage.title_help', { help: helpName }) : t('coverage.title');
  return renderPage(c, title, CoveragePage({ coverage, helpType, helpName, title, t, language }), { wide: true });
});
