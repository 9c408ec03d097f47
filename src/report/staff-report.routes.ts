import { Hono, type Context } from 'hono';
import { requireRole, signedInAccount } from '../accounts/access.middleware.js';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { analysisRoles, download, waveHref, waveKeyOf } from '../analysis/analysis.routes.js';
import { analysisSettingFormSchema, waveKeySchema } from '../analysis/analysis.schema.js';
import { compareWaves, getAnalysisSetting, saveAnalysisSetting } from '../analysis/analysis.service.js';
import { listWaves } from '../surveys/wave.service.js';
import { buildWaveReport, renderReport, type ReportFormat } from './report.service.js';
import { ComparePage, StaffReportPage, type SettingsValues } from './staff-report.pages.js';

// Staff pages of a wave's report: the report itself with its downloads and the analysis settings, and two waves
// compared (the pages: staff-report.pages.tsx). The public report is report.routes.ts. Administrators and analysts
// only.

type AppContext = Context<AppEnvironment>;

async function reportDownload(c: AppContext, format: ReportFormat): Promise<Response> {
  const key = waveKeyOf(c);
  const language = c.get('language');
  const { analysis, model } = await buildWaveReport(c.get('db'), key, language, {}, 'staff');
  const rendered = await renderReport(analysis, model, format);
  return download(c, rendered.body, rendered.contentType, `report-${key}-${language}.${format}`);
}

async function renderWavePage(
  c: AppContext,
  key: string,
  form?: { values: SettingsValues; errors: Record<string, string> },
) {
  const t = c.get('t');
  const db = c.get('db');
  const language = c.get('language');
  const { analysis, model } = await buildWaveReport(db, key, language, {}, 'staff');
  const setting = await getAnalysisSetting(db, key);
  const values = form?.values ?? {
    eligibility_rate: setting.eligibilityRate === null ? '' : String(setting.eligibilityRate),
    population: setting.population === null ? '' : String(setting.population),
  };
  const saved = c.req.query('saved') === '1';
  const page = StaffReportPage({ c, waveKey: key, analysis, model, values, form, saved });
  return renderPage(c, `${t('report.title')} — ${analysis.wave.name}`, page, { wide: true, status: form ? 400 : 200 });
}

async function renderComparePage(c: AppContext) {
  const t = c.get('t');
  const db = c.get('db');
  const language = c.get('language');
  const waves = await listWaves(db);
  const a = c.req.query('a') ?? '';
  const b = c.req.query('b') ?? '';
  const chosen = waveKeySchema.safeParse(a).success && waveKeySchema.safeParse(b).success;
  const comparison = chosen ? await compareWaves(db, a, b) : null;
  const page = ComparePage({ t, language, waves, a, b, comparison });
  return renderPage(c, t('analysis.compare.title'), page, { wide: true });
}

export const staffReportRoutes = new Hono<AppEnvironment>()
  .use('/staff/analysis/*', requireRole(...analysisRoles))
  .get('/staff/analysis/compare', (c) => renderComparePage(c))
  .get('/staff/analysis/:wave', (c) => renderWavePage(c, waveKeyOf(c)))
  .post('/staff/analysis/:wave/settings', async (c) => {
    const key = waveKeyOf(c);
    const body = await c.req.parseBody();
    const values = {
      eligibility_rate: String(body.eligibility_rate ?? '')
        .trim()
        .replace(',', '.'),
      population: String(body.population ?? '').trim(),
    };
    const parsed = analysisSettingFormSchema.safeParse(values);
    if (!parsed.success) {
      const t = c.get('t');
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0]);
        errors[name] = t(
          name === 'eligibility_rate' ? 'analysis.settings.error.e' : 'analysis.settings.error.population',
        );
      }
      return renderWavePage(c, key, { values, errors });
    }
    await saveAnalysisSetting(
      c.get('db'),
      key,
      { eligibilityRate: parsed.data.eligibility_rate, population: parsed.data.population },
      signedInAccount(c).id,
    );
    return c.redirect(`${waveHref(key)}?saved=1`, 303);
  })
  .get('/staff/analysis/:wave/report.pdf', (c) => reportDownload(c, 'pdf'))
  .get('/staff/analysis/:wave/report.html', (c) => reportDownload(c, 'html'))
  .get('/staff/analysis/:wave/report.json', (c) => reportDownload(c, 'json'))
  .get('/staff/analysis/:wave/export.json', (c) => reportDownload(c, 'json'));
