import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { requireRole, signedInAccount, type Role } from '../accounts/access.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { AppError } from '../http/errors.js';
import type { Language, Translate } from '../http/i18n.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { DemoBadge } from '../registry/demo-badge.js';
import { chartColours, renderChartSvg } from '../report/chart.js';
import { ReportBody, reportStyles } from '../report/report.html.js';
import { buildWaveReport, renderReport, type ReportFormat } from '../report/report.service.js';
import { isDemonstrationWave } from '../surveys/lv2004/demo-wave.js';
import { listWaves } from '../surveys/wave.service.js';
import { exportCsv, exportSpss } from './analysis.export.js';
import { analysisSettingFormSchema, codingFormSchema, waveKeySchema } from './analysis.schema.js';
import { compareWaves, getAnalysisSetting, saveAnalysisSetting } from './analysis.service.js';
import { categoryLabel } from './codebook.js';
import { getCodingPage, resetAnswerCoding, saveAnswerCoding, type CodingPage } from './coding.service.js';
import { allBlocks } from './questions.js';

// Staff pages of the analysis: the report of a wave (with downloads and settings), the coding of free-text
// answers, and two waves compared. Administrators and analysts only.

type AppContext = Context<AppEnvironment>;

/** Who reads and codes the analysis. */
export const analysisRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && analysisRoles.includes(account.role) ? { href: '/staff/analysis', label: c.get('t')('analysis.nav') } : null;
});
staffHomeLinks.push((account, t) => (analysisRoles.includes(account.role) ? { href: '/staff/analysis', label: t('analysis.index.title'), description: t('analysis.index.intro') } : null));

const waveHref = (key: string) => `/staff/analysis/${encodeURIComponent(key)}`;

function waveKeyOf(c: AppContext): string {
  const parsed = waveKeySchema.safeParse(c.req.param('wave'));
  if (!parsed.success) throw new AppError('not_found', 'error.not_found');
  return parsed.data;
}

/** A file download named after the wave; the body is the rendered report or export. */
function download(c: AppContext, body: string | Buffer, contentType: string, filename: string): Response {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

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

/** A coded free-text question by what it asks ("What exactly was given"), not by its CSV column. */
function codedQuestionName(questionId: string, t: Translate): string {
  const kind = ['provided_what', 'needs_cooperation', 'needs_law_change_what', 'admission_terms', 'max_stay'].find((suffix) => questionId.endsWith(`_${suffix}`));
  return kind ? t(`analysis.coded_question.${kind}`) : questionId;
}

function codingHref(page: CodingPage, options: { questionId?: string; page?: number; anchor?: string } = {}): string {
  const params = new URLSearchParams();
  params.set('question', options.questionId ?? page.questionId);
  if ((options.page ?? page.page) > 1) params.set('page', String(options.page ?? page.page));
  return `${waveHref(page.wave.key)}/coding/${page.block}?${params.toString()}${options.anchor ? `#${options.anchor}` : ''}`;
}

async function renderCodingPage(c: AppContext, key: string, block: string, options: { questionId?: string; page?: number; error?: { respondentId: string; message: string } }) {
  const t = c.get('t');
  const language = c.get('language') as Language;
  const page = await getCodingPage(c.get('db'), key, block, { questionId: options.questionId, page: options.page });
  const label = (code: string) => categoryLabel(page.codebook, code, language);
  const percentFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const action = `${waveHref(key)}/coding/${page.block}`;
  return renderPage(
    c,
    t('analysis.coding.title', { block: t(`report.block.${page.block}`) }),
    <>
      <p>
        <a href={waveHref(key)}>{t('analysis.coding.back')}</a>
      </p>
      <h1>{t('analysis.coding.title', { block: t(`report.block.${page.block}`) })}</h1>
      <p>{t('analysis.coding.intro')}</p>
      {options.error && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>
            <a href={`#answer-${options.error.respondentId}`}>{options.error.message}</a>
          </p>
        </div>
      )}
      {page.questions.length > 1 && (
        <nav aria-label={t('analysis.coding.question')}>
          <ul>
            {page.questions.map((question) => (
              <li>
                {question.questionId === page.questionId ? (
                  <strong aria-current="page">{codedQuestionName(question.questionId, t)}</strong>
                ) : (
                  <a href={codingHref(page, { questionId: question.questionId, page: 1 })}>{codedQuestionName(question.questionId, t)}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="table-scroll">
        <table>
          <caption>{t('analysis.coding.summary')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.category')}</th>
              <th scope="col" class="number">
                {t('report.count')}
              </th>
              <th scope="col" class="number">
                {t('report.percent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.summary.categories.map((category) => (
              <tr>
                <th scope="row">{label(category.code)}</th>
                <td class="number">{category.count}</td>
                <td class="number">{category.share.percent === null ? '—' : `${percentFormat.format(category.share.percent)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('analysis.coding.answers', { total: page.total })}</h2>
      {page.total === 0 && <p class="notice">{t('analysis.coding.none')}</p>}
      {page.answers.map((answer) => (
        <form method="post" action={action} id={`answer-${answer.respondentId}`} class={options.error?.respondentId === answer.respondentId ? 'card has-error' : 'card'}>
          <CsrfField c={c} />
          <input type="hidden" name="respondent_id" value={answer.respondentId} />
          <input type="hidden" name="question_id" value={page.questionId} />
          <input type="hidden" name="page" value={String(page.page)} />
          <fieldset>
            <legend>
              {t('analysis.coding.respondent', { id: answer.respondentId })} <span class="badge">{t(`analysis.coding.state.${answer.state}`)}</span>
            </legend>
            <blockquote>{answer.text}</blockquote>
            <p class="hint">{t('analysis.coding.automatic', { categories: answer.automatic.map(label).join(', ') })}</p>
            {options.error?.respondentId === answer.respondentId && <p class="field-error">{options.error.message}</p>}
            {page.codebook.categories.map((category) => (
              <label for={`c-${answer.respondentId}-${category.code}`}>
                <input type="checkbox" id={`c-${answer.respondentId}-${category.code}`} name="category" value={category.code} checked={answer.current.includes(category.code)} />
                <span>{label(category.code)}</span>
              </label>
            ))}
          </fieldset>
          <div class="actions">
            <button type="submit" name="action" value="save">
              {t('analysis.coding.save')}
            </button>
            {answer.state !== 'automatic' && (
              <button type="submit" name="action" value="reset" class="button secondary">
                {t('analysis.coding.reset')}
              </button>
            )}
          </div>
        </form>
      ))}
      {page.pages > 1 && (
        <nav aria-label={t('analysis.coding.page', { page: page.page, pages: page.pages })}>
          <p>{t('analysis.coding.page', { page: page.page, pages: page.pages })}</p>
          <ul>
            {page.page > 1 && (
              <li>
                <a href={codingHref(page, { page: page.page - 1 })}>{t('analysis.coding.previous')}</a>
              </li>
            )}
            {page.page < page.pages && (
              <li>
                <a href={codingHref(page, { page: page.page + 1 })}>{t('analysis.coding.next')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>,
    { wide: true, status: options.error ? 400 : 200 },
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

export const analysisRoutes = new Hono<AppEnvironment>()
  .use('/staff/analysis', requireRole(...analysisRoles))
  .use('/staff/analysis/*', requireRole(...analysisRoles))
  .get('/staff/analysis', async (c) => {
    const t = c.get('t');
    const waves = await listWaves(c.get('db'));
    return renderPage(
      c,
      t('analysis.index.title'),
      <>
        <h1>{t('analysis.index.title')}</h1>
        <p>{t('analysis.index.intro')}</p>
        {waves.length === 0 ? (
          <p class="notice">{t('analysis.index.none')}</p>
        ) : (
          <ul>
            {waves.map((wave) => (
              <li>
                <a href={waveHref(wave.key)}>{wave.name}</a>{' '}
                {isDemonstrationWave(wave) && <DemoBadge t={t} explanation={t('survey.staff.demo_wave')} />} (
                {wave.key}; {t('analysis.index.respondents')}: {wave.completes})
              </li>
            ))}
          </ul>
        )}
        {waves.length > 1 && (
          <p>
            <a href="/staff/analysis/compare">{t('analysis.compare.title')}</a>
          </p>
        )}
      </>,
    );
  })
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
  .get('/staff/analysis/:wave/export.csv', async (c) => {
    const key = waveKeyOf(c);
    return download(c, await exportCsv(c.get('db'), key, c.get('language')), 'text/csv; charset=utf-8', `responses-${key}.csv`);
  })
  .get('/staff/analysis/:wave/export.sps', async (c) => {
    const key = waveKeyOf(c);
    return download(c, await exportSpss(c.get('db'), key, c.get('language')), 'text/plain; charset=utf-8', `responses-${key}.sps`);
  })
  .get('/staff/analysis/:wave/export.json', (c) => reportDownload(c, 'json'))
  .get('/staff/analysis/:wave/coding/:block', (c) => {
    const page = Number(c.req.query('page') ?? '1');
    return renderCodingPage(c, waveKeyOf(c), c.req.param('block'), { questionId: c.req.query('question'), page: Number.isInteger(page) && page > 0 ? page : 1 });
  })
  .post('/staff/analysis/:wave/coding/:block', async (c) => {
    const key = waveKeyOf(c);
    const block = c.req.param('block');
    const parsed = codingFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    const form = parsed.data;
    const target = { block, respondentId: form.respondent_id, questionId: form.question_id };
    try {
      if (form.action === 'reset') await resetAnswerCoding(c.get('db'), key, target);
      else await saveAnswerCoding(c.get('db'), key, { ...target, categories: form.category }, signedInAccount(c).id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_input') {
        return renderCodingPage(c, key, block, { questionId: form.question_id, page: form.page, error: { respondentId: form.respondent_id, message: c.get('t')(error.messageKey) } });
      }
      throw error;
    }
    const params = new URLSearchParams({ question: form.question_id });
    if (form.page && form.page > 1) params.set('page', String(form.page));
    return c.redirect(`${waveHref(key)}/coding/${block}?${params.toString()}#answer-${encodeURIComponent(form.respondent_id)}`, 303);
  });
