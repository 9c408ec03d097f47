// Staff pages of a wave's report: the report with its downloads and the analysis settings, and two waves compared.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { waveHref } from '../analysis/analysis.routes.js';
import type { compareWaves, WaveAnalysis } from '../analysis/analysis.service.js';
import { allBlocks } from '../analysis/questions.js';
import type { Wave } from '../surveys/wave.service.js';
import { chartColours, renderChartSvg } from './chart.js';
import { isSmallBase, smallBaseLimit, smallBaseMark } from '../analysis/proportion.js';
import { ReportBody, reportStyles } from './report.html.js';
import type { ReportModel } from './report.model.js';

type AppContext = Context<AppEnvironment>;
export type SettingsValues = { eligibility_rate: string; population: string };
export type WaveComparison = Awaited<ReturnType<typeof compareWaves>>;

function SettingsForm(props: {
  c: AppContext;
  waveKey: string;
  values: { eligibility_rate: string; population: string };
  errors: Record<string, string>;
  e: string;
}) {
  const { c, values, errors } = props;
  const t = c.get('t');
  return (
    <form method="post" action={`${waveHref(props.waveKey)}/settings`} novalidate>
      <CsrfField c={c} />
      <h2>{t('analysis.settings.title')}</h2>
      {(['eligibility_rate', 'population'] as const).map((name) => (
        <div class={errors[name] ? 'field has-error' : 'field'}>
          <label for={name}>
            {t(name === 'eligibility_rate' ? 'analysis.settings.e' : 'analysis.settings.population')}
          </label>
          <p class="hint" id={`${name}-hint`}>
            {name === 'eligibility_rate'
              ? t('analysis.settings.e_hint', { e: props.e })
              : t('analysis.settings.population_hint')}
          </p>
          {errors[name] && (
            <p class="field-error" id={`${name}-error`}>
              {errors[name]}
            </p>
          )}
          <input
            type="text"
            inputmode="decimal"
            id={name}
            name={name}
            value={values[name]}
            aria-describedby={errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`}
          />
        </div>
      ))}
      <div class="actions">
        <button type="submit">{t('analysis.settings.save')}</button>
      </div>
    </form>
  );
}

/** The wave's links: report and export downloads, comparison, the public page once closed, and coding. */
function ReportDownloads(props: { t: Translate; waveKey: string; status: string }) {
  const { t } = props;
  const key = props.waveKey;
  const base = waveHref(key);
  return (
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
        {props.status === 'closed' && (
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
      <h2>{t('analysis.quotes.title')}</h2>
      <p>
        <a href={`${base}/quotes`}>{t('analysis.quotes.link')}</a>
      </p>
    </nav>
  );
}

/** `/staff/analysis/<wave>`: the report, its downloads and the settings form (again with errors, status 400). */
export function StaffReportPage(props: {
  c: AppContext;
  waveKey: string;
  analysis: WaveAnalysis;
  model: ReportModel;
  values: SettingsValues;
  /** Set when the settings form came back with errors. */
  form?: { values: SettingsValues; errors: Record<string, string> };
  saved: boolean;
}) {
  const { c, analysis, model, values, form, saved } = props;
  const t = c.get('t');
  const e = new Intl.NumberFormat(c.get('language'), { maximumFractionDigits: 3 }).format(analysis.eligibility.e);
  const key = props.waveKey;
  return (
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
      <ReportDownloads t={t} waveKey={key} status={analysis.wave.status} />
      <ReportBody model={model} contentsLabel={t('report.contents')} />
      <SettingsForm c={c} waveKey={key} values={values} errors={form?.errors ?? {}} e={e} />
    </>
  );
}

/** `/staff/analysis/compare`: two waves chosen, then their help blocks side by side with the change. */
export function ComparePage(props: {
  t: Translate;
  language: Language;
  waves: readonly Pick<Wave, 'key' | 'name'>[];
  a: string;
  b: string;
  comparison: WaveComparison | null;
}) {
  const { t } = props;
  return (
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
              {props.waves.map((wave) => (
                <option value={wave.key} selected={(name === 'a' ? props.a : props.b) === wave.key}>
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
      {props.comparison && <ComparisonTable t={t} language={props.language} comparison={props.comparison} />}
    </>
  );
}

/** The comparison as a table and a chart of the same figures. */
function ComparisonTable(props: { t: Translate; language: Language; comparison: WaveComparison }) {
  const { t, language, comparison } = props;
  const percent = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const share = (value: number | null) => (value === null ? '—' : `${percent.format(value)}%`);
  const interval = (value: readonly [number, number] | null) =>
    value === null ? '—' : `${percent.format(value[0])}–${percent.format(value[1])}`;
  const small = (base: number) => (isSmallBase(base) ? ` ${smallBaseMark}` : '');
  const signed = (value: number) => `${value > 0 ? '+' : ''}${percent.format(value)}`;
  const chart = {
    id: 'chart-compare',
    title: t('analysis.compare.chart'),
    description: t('analysis.compare.chart_desc', {
      list: comparison.blocks
        .map((row) => `${t(`report.short.${row.block}`)} ${share(row.a.share.percent)} → ${share(row.b.share.percent)}`)
        .join(', '),
    }),
    orientation: 'horizontal' as const,
    categories: comparison.blocks.map((row) => t(`report.short.${row.block}`)),
    series: [
      {
        name: `A: ${comparison.a.wave.key}`,
        values: comparison.blocks.map((row) => row.a.share.percent),
        colour: chartColours.series[0]!,
      },
      {
        name: `B: ${comparison.b.wave.key}`,
        values: comparison.blocks.map((row) => row.b.share.percent),
        colour: chartColours.series[1]!,
      },
    ],
    unit: 'percent' as const,
    language,
  };
  return (
    <div class="report">
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="table-compare-caption">
        <table id="table-compare">
          <caption id="table-compare-caption">{t('analysis.compare.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.column.block')}</th>
              <th scope="col" class="number">
                A: {comparison.a.wave.key}
              </th>
              <th scope="col" class="number">
                A {t('report.ci95')}
              </th>
              <th scope="col" class="number">
                B: {comparison.b.wave.key}
              </th>
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
                  {row.a.yes}/{row.a.share.base} ({share(row.a.share.percent)}){small(row.a.share.base)}
                </td>
                <td class="number">{interval(row.a.share.ci95)}</td>
                <td class="number">
                  {row.b.yes}/{row.b.share.base} ({share(row.b.share.percent)}){small(row.b.share.base)}
                </td>
                <td class="number">{interval(row.b.share.ci95)}</td>
                <td class="number">{row.change ? signed(row.change.points) : '—'}</td>
                <td class="number">{row.change ? interval(row.change.ci95) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {comparison.blocks.some((row) => isSmallBase(row.a.share.base) || isSmallBase(row.b.share.base)) && (
        <p class="hint table-note">{t('report.small_base_note', { mark: smallBaseMark, limit: smallBaseLimit })}</p>
      )}
      <figure class="report-chart">{raw(renderChartSvg(chart))}</figure>
    </div>
  );
}
