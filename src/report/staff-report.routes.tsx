import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { requireRole, signedInAccount } from '../accounts/access.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { analysisRoles, download, waveHref, waveKeyOf } from '../analysis/analysis.routes.js';
import { analysisSettingFormSchema, waveKeySchema } from '../analysis/analysis.schema.js';
import { compareWaves, getAnalysisSetting, saveAnalysisSetting } from '../analysis/analysis.service.js';
import { allBlocks } from '../analysis/questions.js';
import { listWaves } from '../surveys/wave.service.js';
import { chartColours, renderChartSvg } from './chart.js';
import { ReportBody, reportStyles } from './report.html.js';
import { buildWaveReport, renderReport, type ReportFormat } from './report.service.js';

// Staff pages of a wave's report: the report itself with its downloads and the analysis settings, and two waves
// compared. The public report is report.routes.tsx. Administrators and analysts only.

type AppContext = Context<AppEnvironment>;

async function reportDownload(c: AppContext, format: ReportFormat): Promise<Response> {
  const key = waveKeyOf(c);
  const language = c.get('language');
  const { analysis, model } = await buildWaveReport(c.get('db'), key, language);
  const rendered = await renderReport(analysis, model, format);
  return download(c, rendered.body, rendered.contentType, `report-${key}-${language}.${format}`);
}

function SettingsForm(props: { c: AppContext; waveKey: string; values: { eligibility_rate: string; population: string }; errors: Record<string, string>; e: string }) {
  const { c, values, errors } = props;
  const t = c.get('t');
  return (
    <form method="post" action={`${waveHref(props.waveKey)}/settings`} novalidate>
      <CsrfField c={c} />
      <h2>{t('analysis.settings.title')}</h2>
      {(['eligibility_rate', 'population'] as const).map((name) => (
        <div class={errors[name] ? 'field has-error' : 'field'}>
          <label for={name}>{t(name === 'eligibility_rate' ? 'analysis.settings.e' : 'analysis.settings.population')}</label>
          <p class="hint" id={`${name}-hint`}>
            {name === 'eligibility_rate' ? t('analysis.settings.e_hint', { e: props.e }) : t('analysis.settings.population_hint')}
          </p>
          {errors[name] && (
            <p class="field-error" id={`${name}-error`}>
              {errors[name]}
            </p>
          )}
          <input type="text" inputmode="decimal" id={name} name={name} value={values[name]} aria-describedby={errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`} />
        </div>
      ))}
      <div class="actions">
        <button type="submit">{t('analysis.settings.save')}</button>
      </div>
    </form>
  );
}

async function renderWavePage(c: AppContext, key: string, form?: { values: { eligibility_rate: string; population: string }; errors: Record<string, string> }) {
  const t = c.get('t');
  const db = c.get('db');
  const language = c.get('language');
  const { analysis, model } = await buildWaveReport(db, key, language);
  const setting = await getAnalysisSetting(db, key);
  const values = form?.values ?? { eligibility_rate: setting.eligibilityRate === null ? '' : String(setting.eligibilityRate), population: setting.population === null ? '' : String(setting.population) };
  const base = waveHref(key);
  const e = new Intl.NumberFormat(language, { maximumFractionDigits: 3 }).format(analysis.eligibility.e);
  const saved = c.req.query('saved') === '1';
  return renderPage(
    c,
    `${t('report.title')} — ${analysis.wave.name}`,
    <>
      <style>{raw(reportStyles)}</style>
      <p>
        <a href="/staff/analysis">{t('analysis.index.title')}</a>
      </p>
      {saved && (
        <p class="notice" role="status">
          {t('analysis.settings.saved')}
        </p>
      )}
      {form && Object.keys(form.errors).length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('error.invalid_input')}</p>
          <ul>
            {Object.entries(form.errors).map(([name, message]) => (
              <li>
                <a href={`#${name}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <nav aria-labelledby="downloads-heading" class="card">
        <h2 id="downloads-heading">{t('analysis.wave.downloads')}</h2>
        <ul>
          <li>
            <a href={`${base}/report.pdf`}>{t('analysis.wave.report_pdf')}</a>
          </li>
          <li>
            <a href={`${base}/report.html`}>{t('analysis.wave.report_html')}</a>
          </li>
          <li>
            <a href={`${base}/report.json`}>{t('analysis.wave.report_json')}</a>
          </li>
          <li>
            <a href={`${base}/export.csv`}>{t('analysis.wave.export_csv')}</a>
          </li>
          <li>
            <a href={`${base}/export.sps`}>{t('analysis.wave.export_sps')}</a>
          </li>
          <li>
            <a href={`${base}/export.json`}>{t('analysis.wave.export_json')}</a>
          </li>
          <li>
            <a href={`/staff/analysis/compare?a=${encodeURIComponent(key)}`}>{t('analysis.wave.compare')}</a>
          </li>
          {analysis.wave.status === 'closed' && (
            <li>
              <a href={`/reports/${encodeURIComponent(key)}`}>{t('analysis.wave.public')}</a>
            </li>
          )}
        </ul>
        <h2>{t('analysis.wave.coding')}</h2>
        <ul>
          {allBlocks.map((block) => (
            <li>
              <a href={`${base}/coding/${block}`}>{t(`report.block.${block}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <ReportBody model={model} contentsLabel={t('report.contents')} />
      <SettingsForm c={c} waveKey={key} values={values} errors={form?.errors ?? {}} e={e} />
    </>,
    { wide: true, status: form ? 400 : 200 },
  );
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
  const percent = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const share = (value: number | null) => (value === null ? '—' : `${percent.format(value)}%`);
  const interval = (value: readonly [number, number] | null) => (value === null ? '—' : `${percent.format(value[0])}–${percent.format(value[1])}`);
  const signed = (value: number) => `${value > 0 ? '+' : ''}${percent.format(value)}`;
  const chart = comparison && {
    id: 'chart-compare',
    title: t('analysis.compare.chart'),
    description: t('analysis.compare.chart_desc', { list: comparison.blocks.map((row) => `${t(`report.short.${row.block}`)} ${share(row.a.share.percent)} → ${share(row.b.share.percent)}`).join(', ') }),
    orientation: 'horizontal' as const,
    categories: comparison.blocks.map((row) => t(`report.short.${row.block}`)),
    series: [
      { name: `A: ${comparison.a.wave.key}`, values: comparison.blocks.map((row) => row.a.share.percent), colour: chartColours.series[0]! },
      { name: `B: ${comparison.b.wave.key}`, values: comparison.blocks.map((row) => row.b.share.percent), colour: chartColours.series[1]! },
    ],
    unit: 'percent' as const,
    language,
  };
  return renderPage(
    c,
    t('analysis.compare.title'),
    <>
      <style>{raw(reportStyles)}</style>
      <p>
        <a href="/staff/analysis">{t('analysis.index.title')}</a>
      </p>
      <h1>{t('analysis.compare.title')}</h1>
      <p>{t('analysis.compare.intro')}</p>
      <form method="get" action="/staff/analysis/compare">
        {(['a', 'b'] as const).map((name) => (
          <div class="field">
            <label for={`wave-${name}`}>{t(`analysis.compare.${name}`)}</label>
            <select id={`wave-${name}`} name={name}>
              {waves.map((wave) => (
                <option value={wave.key} selected={(name === 'a' ? a : b) === wave.key}>
                  {wave.key} — {wave.name}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div class="actions">
          <button type="submit">{t('analysis.compare.show')}</button>
        </div>
      </form>
      {comparison && chart && (
        <div class="report">
          <div class="table-scroll">
            <table id="table-compare">
              <caption>{t('analysis.compare.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.column.block')}</th>
                  <th scope="col" class="number">A: {comparison.a.wave.key}</th>
                  <th scope="col" class="number">
                    A {t('report.ci95')}
                  </th>
                  <th scope="col" class="number">B: {comparison.b.wave.key}</th>
                  <th scope="col" class="number">
                    B {t('report.ci95')}
                  </th>
                  <th scope="col" class="number">
                    {t('analysis.compare.change')}
                  </th>
                  <th scope="col" class="number">
                    {t('analysis.compare.change_ci')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.blocks.map((row) => (
                  <tr>
                    <th scope="row">{t(`report.block.${row.block}`)}</th>
                    <td class="number">
                      {row.a.yes}/{row.a.share.base} ({share(row.a.share.percent)})
                    </td>
                    <td class="number">{interval(row.a.share.ci95)}</td>
                    <td class="number">
                      {row.b.yes}/{row.b.share.base} ({share(row.b.share.percent)})
                    </td>
                    <td class="number">{interval(row.b.share.ci95)}</td>
                    <td class="number">{row.change ? signed(row.change.points) : '—'}</td>
                    <td class="number">{row.change ? interval(row.change.ci95) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure class="report-chart">{raw(renderChartSvg(chart))}</figure>
        </div>
      )}
    </>,
    { wide: true },
  );
}

export const staffReportRoutes = new Hono<AppEnvironment>()
  .use('/staff/analysis/*', requireRole(...analysisRoles))
  .get('/staff/analysis/compare', (c) => renderComparePage(c))
  .get('/staff/analysis/:wave', (c) => renderWavePage(c, waveKeyOf(c)))
  .post('/staff/analysis/:wave/settings', async (c) => {
    const key = waveKeyOf(c);
    const body = await c.req.parseBody();
    const values = { eligibility_rate: String(body.eligibility_rate ?? '').trim().replace(',', '.'), population: String(body.population ?? '').trim() };
    const parsed = analysisSettingFormSchema.safeParse(values);
    if (!parsed.success) {
      const t = c.get('t');
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0]);
        errors[name] = t(name === 'eligibility_rate' ? 'analysis.settings.error.e' : 'analysis.settings.error.population');
      }
      return renderWavePage(c, key, { values, errors });
    }
    await saveAnalysisSetting(c.get('db'), key, { eligibilityRate: parsed.data.eligibility_rate, population: parsed.data.population }, signedInAccount(c).id);
    return c.redirect(`${waveHref(key)}?saved=1`, 303);
  })
  .get('/staff/analysis/:wave/report.pdf', (c) => reportDownload(c, 'pdf'))
  .get('/staff/analysis/:wave/report.html', (c) => reportDownload(c, 'html'))
  .get('/staff/analysis/:wave/report.json', (c) => reportDownload(c, 'json'))
  .get('/staff/analysis/:wave/export.json', (c) => reportDownload(c, 'json'));
