import { Hono, type Context } from 'hono';
import { requireRole, signedInAccount, type Role } from '../accounts/access.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { DemoBadge } from '../registry/demo-badge.js';
import { isDemonstrationWave } from '../surveys/lv2004/demo-wave.js';
import { listWaves } from '../surveys/wave.service.js';
import { exportCsv, exportSpss } from './analysis.export.js';
import { codingFormSchema, waveKeySchema } from './analysis.schema.js';
import { categoryLabel } from './codebook.js';
import { getCodingPage, resetAnswerCoding, saveAnswerCoding, type CodingPage } from './coding.service.js';

// Staff pages of the analysis: the list of waves, the coding of free-text answers and the data exports.
// The report of a wave and two waves compared are report/staff-report.routes.tsx. Administrators and analysts only.

type AppContext = Context<AppEnvironment>;

/** Who reads and codes the analysis. */
export const analysisRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && analysisRoles.includes(account.role) ? { href: '/staff/analysis', label: c.get('t')('analysis.nav') } : null;
});
staffHomeLinks.push((account, t) => (analysisRoles.includes(account.role) ? { href: '/staff/analysis', label: t('analysis.index.title'), description: t('analysis.index.intro') } : null));

export const waveHref = (key: string) => `/staff/analysis/${encodeURIComponent(key)}`;

export function waveKeyOf(c: AppContext): string {
  const parsed = waveKeySchema.safeParse(c.req.param('wave'));
  if (!parsed.success) throw new AppError('not_found', 'error.not_found');
  return parsed.data;
}

/** A file download named after the wave; the body is the rendered report or export. */
export function download(c: AppContext, body: string | Buffer, contentType: string, filename: string): Response {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
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
  .get('/staff/analysis/:wave/export.csv', async (c) => {
    const key = waveKeyOf(c);
    return download(c, await exportCsv(c.get('db'), key, c.get('language')), 'text/csv; charset=utf-8', `responses-${key}.csv`);
  })
  .get('/staff/analysis/:wave/export.sps', async (c) => {
    const key = waveKeyOf(c);
    return download(c, await exportSpss(c.get('db'), key, c.get('language')), 'text/plain; charset=utf-8', `responses-${key}.sps`);
  })
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
