import { Hono, type Context } from 'hono';
import { waveKeySchema } from '../analysis/analysis.schema.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { renderPage } from '../http/layout.js';
import { getWaveByKey, listWaves } from '../surveys/wave.service.js';
import { PublicReportPage, ReportListPage } from './report.pages.js';
import { buildWaveReport, renderReport } from './report.service.js';

// Public reports: anyone may read the report of a closed wave: aggregates, and the institutions' own words only
// where an analyst approved them (analysis/quote-review.service.ts), never a respondent's identity. Open and draft
// waves stay with staff, since their figures still move.

type AppContext = Context<AppEnvironment>;

async function publishedWaveKey(c: AppContext): Promise<string> {
  const parsed = waveKeySchema.safeParse(c.req.param('wave'));
  if (!parsed.success) throw new AppError('not_found', 'error.not_found');
  const wave = await getWaveByKey(c.get('db'), parsed.data);
  if (wave.status !== 'closed') throw new AppError('not_found', 'error.not_found');
  return wave.key;
}

export const reportRoutes = new Hono<AppEnvironment>()
  .get('/reports', async (c) => {
    const t = c.get('t');
    const waves = (await listWaves(c.get('db'))).filter((wave) => wave.status === 'closed');
    return renderPage(c, t('analysis.public.title'), ReportListPage({ t, waves }));
  })
  .get('/reports/:wave', async (c) => {
    const key = await publishedWaveKey(c);
    const t = c.get('t');
    const { model } = await buildWaveReport(c.get('db'), key, c.get('language'));
    return renderPage(c, `${model.title} — ${model.subtitle}`, PublicReportPage({ t, waveKey: key, model }), {
      wide: true,
    });
  })
  .get('/reports/:wave/report.pdf', async (c) => {
    const key = await publishedWaveKey(c);
    const language = c.get('language');
    const { analysis, model } = await buildWaveReport(c.get('db'), key, language);
    const rendered = await renderReport(analysis, model, 'pdf');
    c.header('Content-Type', rendered.contentType);
    c.header('Content-Disposition', `attachment; filename="report-${key}-${language}.pdf"`);
    return c.body(new Uint8Array(rendered.body as Buffer));
  });
