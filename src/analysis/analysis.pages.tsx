// Staff pages of the analysis: the list of waves and the coding of free-text answers. Views only.
import type { Context } from 'hono';
import type { Translate } from '../core/i18n.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { ErrorSummary, StaffPager, StaffTable, type StaffTableColumn } from '../http/staff-components.js';
import type { WaveSummary } from '../surveys/wave.service.js';
import { categoryLabel } from './codebook.js';
import { isSmallBase, smallBaseLimit, smallBaseMark } from './proportion.js';
import type { CodingPage } from './coding.service.js';
import type { QuoteQueue, QuoteStatus } from './quote-review.service.js';
import { DemoBadge } from '../registry/demo-badge.js';
import { isDemonstrationWave } from '../surveys/lv2004/demo-wave.js';

type AppContext = Context<AppEnvironment>;

export const waveHref = (key: string) => `/staff/analysis/${encodeURIComponent(key)}`;

export function renderAnalysisIndexPage(c: AppContext, waves: WaveSummary[]) {
  const t = c.get('t');
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
              {isDemonstrationWave(wave) && <DemoBadge t={t} explanation={t('survey.staff.demo_wave')} />} ({wave.key};{' '}
              {t('analysis.index.respondents')}: {wave.completes})
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
}

/** A coded free-text question by what it asks ("What exactly was given"), not by its CSV column. */
function codedQuestionName(questionId: string, t: Translate): string {
  const kinds = ['provided_what', 'needs_cooperation', 'needs_law_change_what', 'admission_terms', 'max_stay'];
  const kind = kinds.find((suffix) => questionId.endsWith(`_${suffix}`));
  return kind ? t(`analysis.coded_question.${kind}`) : questionId;
}

const codingPath = (page: CodingPage) => `${waveHref(page.wave.key)}/coding/${page.block}`;

/** A wrong answer coding: whose answer, and what is wrong with it. */
export type CodingError = { respondentId: string; message: string; fieldId?: string };

function QuestionChoice(props: { c: AppContext; page: CodingPage }) {
  const { page } = props;
  const t = props.c.get('t');
  if (page.questions.length <= 1) return null;
  return (
    <nav aria-label={t('analysis.coding.question')}>
      <ul>
        {page.questions.map((question) => (
          <li>
            {question.questionId === page.questionId ? (
              <strong aria-current="page">{codedQuestionName(question.questionId, t)}</strong>
            ) : (
              <a href={`${codingPath(page)}?question=${encodeURIComponent(question.questionId)}`}>
                {codedQuestionName(question.questionId, t)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CodingSummary(props: { c: AppContext; page: CodingPage }) {
  const { c, page } = props;
  const t = c.get('t');
  const language = c.get('language');
  const percentFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  type Category = CodingPage['summary']['categories'][number];
  const columns: Array<StaffTableColumn<Category>> = [
    {
      header: t('report.category'),
      cell: (category) => categoryLabel(page.codebook, category.code, language),
      rowHeader: true,
    },
    { header: t('report.count'), cell: (category) => category.count, numeric: true },
    {
      header: t('report.percent'),
      cell: (category) =>
        category.share.percent === null
          ? '—'
          : `${percentFormat.format(category.share.percent)}%${isSmallBase(category.share.base) ? ` ${smallBaseMark}` : ''}`,
      numeric: true,
    },
  ];
  return (
    <>
      <StaffTable columns={columns} rows={page.summary.categories} caption={t('analysis.coding.summary')} />
      {isSmallBase(page.summary.answered) && (
        <p class="hint">{t('report.small_base_note', { mark: smallBaseMark, limit: smallBaseLimit })}</p>
      )}
    </>
  );
}

function AnswerForm(props: {
  c: AppContext;
  page: CodingPage;
  answer: CodingPage['answers'][number];
  error: CodingError | undefined;
}) {
  const { c, page, answer } = props;
  const t = c.get('t');
  const label = (code: string) => categoryLabel(page.codebook, code, c.get('language'));
  const wrong = props.error?.respondentId === answer.respondentId;
  return (
    <form
      method="post"
      action={codingPath(page)}
      id={`answer-${answer.respondentId}`}
      class={wrong ? 'card has-error' : 'card'}
    >
      <CsrfField c={c} />
      <input type="hidden" name="respondent_id" value={answer.respondentId} />
      <input type="hidden" name="question_id" value={page.questionId} />
      <input type="hidden" name="page" value={String(page.page)} />
      <p>
        <label for={`pick-${answer.respondentId}`}>
          <input
            type="checkbox"
            form="bulk-coding"
            id={`pick-${answer.respondentId}`}
            name="respondent"
            value={answer.respondentId}
          />
          <span>{t('analysis.coding.pick', { id: answer.respondentId })}</span>
        </label>
      </p>
      <fieldset>
        <legend>
          {t('analysis.coding.respondent', { id: answer.respondentId })}{' '}
          <span class="badge">{t(`analysis.coding.state.${answer.state}`)}</span>
        </legend>
        <blockquote>{answer.text}</blockquote>
        <p class="hint">{t('analysis.coding.automatic', { categories: answer.automatic.map(label).join(', ') })}</p>
        {wrong && <p class="field-error">{props.error?.message}</p>}
        {page.codebook.categories.map((category) => (
          <label for={`c-${answer.respondentId}-${category.code}`}>
            <input
              type="checkbox"
              id={`c-${answer.respondentId}-${category.code}`}
              name="category"
              value={category.code}
              checked={answer.current.includes(category.code)}
            />
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
  );
}

/** One code for every ticked answer: the checkboxes sit in the answers' cards and belong here by form="…". */
function BulkCodingForm(props: { c: AppContext; page: CodingPage; error: CodingError | undefined }) {
  const { c, page } = props;
  const t = c.get('t');
  const wrong = props.error?.fieldId === 'bulk-coding';
  return (
    <form
      method="post"
      action={`${codingPath(page)}/bulk`}
      id="bulk-coding"
      class={wrong ? 'card has-error' : 'card'}
      novalidate
    >
      <CsrfField c={c} />
      <input type="hidden" name="question_id" value={page.questionId} />
      <input type="hidden" name="page" value={String(page.page)} />
      <h2>{t('analysis.coding.bulk_title')}</h2>
      <p>{t('analysis.coding.bulk_help')}</p>
      {wrong && <p class="field-error">{props.error?.message}</p>}
      <div class="field">
        <label for="bulk-category">{t('analysis.coding.bulk_category')}</label>
        <select id="bulk-category" name="category">
          <option value="">{t('analysis.coding.bulk_choose')}</option>
          {page.codebook.categories.map((category) => (
            <option value={category.code}>{categoryLabel(page.codebook, category.code, c.get('language'))}</option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit">{t('analysis.coding.bulk_apply')}</button>
      </div>
    </form>
  );
}

export function renderCodingPage(c: AppContext, page: CodingPage, error?: CodingError, coded?: number) {
  const t = c.get('t');
  const key = page.wave.key;
  const title = t('analysis.coding.title', { block: t(`report.block.${page.block}`) });
  const position = t('analysis.coding.page', { page: page.page, pages: page.pages });
  return renderPage(
    c,
    title,
    <>
      <p>
        <a href={waveHref(key)}>{t('analysis.coding.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('analysis.coding.intro')}</p>
      <ErrorSummary
        c={c}
        problems={error ? [{ fieldId: error.fieldId ?? `answer-${error.respondentId}`, message: error.message }] : []}
      />
      {coded !== undefined && !error && (
        <p class="notice" role="status">
          {t('analysis.coding.bulk_done', { count: coded })}
        </p>
      )}
      <QuestionChoice c={c} page={page} />
      <CodingSummary c={c} page={page} />
      <h2>{t('analysis.coding.answers', { total: page.total })}</h2>
      {page.total === 0 && <p class="notice">{t('analysis.coding.none')}</p>}
      {page.total > 1 && <p class="hint">{t('analysis.coding.bulk_hint')}</p>}
      {page.answers.map((answer) => (
        <AnswerForm c={c} page={page} answer={answer} error={error} />
      ))}
      {page.total > 0 && <BulkCodingForm c={c} page={page} error={error} />}
      <StaffPager
        paging={{
          page: page.page,
          pageCount: page.pages,
          path: codingPath(page),
          query: { question: page.questionId },
          labels: {
            navigation: position,
            previous: t('analysis.coding.previous'),
            next: t('analysis.coding.next'),
            position,
          },
        }}
      />
    </>,
    { wide: true, status: error ? 400 : 200 },
  );
}

const quoteStatuses: QuoteStatus[] = ['pending', 'approved', 'rejected'];

/** A quoted free-text question by what it asks, and in which block ("Documents: what exactly was given"). */
function quotedQuestionName(questionId: string, t: Translate): string {
  const block = questionId.split('_')[0] ?? '';
  return `${t(`report.block.${block}`)}: ${codedQuestionName(questionId, t)}`;
}

/**
 * `/staff/analysis/<wave>/quotes`: the answers in respondents' own words that the public report could quote,
 * pending first; each is approved or rejected with its own small form (no JavaScript).
 */
export function renderQuoteQueuePage(c: AppContext, queue: QuoteQueue, decided?: QuoteStatus) {
  const t = c.get('t');
  const path = `${waveHref(queue.wave.key)}/quotes`;
  const title = t('analysis.quotes.title');
  const position = t('analysis.coding.page', { page: queue.page, pages: queue.pages });
  return renderPage(
    c,
    title,
    <>
      <p>
        <a href={waveHref(queue.wave.key)}>{t('analysis.coding.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('analysis.quotes.intro')}</p>
      {decided && (
        <p class="notice" role="status">
          {t(`analysis.quotes.done.${decided}`)}
        </p>
      )}
      <nav aria-label={t('analysis.quotes.filter')}>
        <ul>
          {quoteStatuses.map((status) => (
            <li>
              {status === queue.status ? (
                <strong aria-current="page">
                  {t(`analysis.quotes.status.${status}`)} ({queue.counts[status]})
                </strong>
              ) : (
                <a href={`${path}?status=${status}`}>
                  {t(`analysis.quotes.status.${status}`)} ({queue.counts[status]})
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('analysis.quotes.list', { count: queue.total })}</h2>
      {queue.total === 0 && <p class="notice">{t('analysis.quotes.none')}</p>}
      {queue.items.map((item) => (
        <form method="post" action={path} class="card" id={`quote-${item.hash.slice(0, 16)}`}>
          <CsrfField c={c} />
          <input type="hidden" name="question_id" value={item.questionId} />
          <input type="hidden" name="hash" value={item.hash} />
          <input type="hidden" name="status" value={queue.status} />
          <input type="hidden" name="page" value={String(queue.page)} />
          <p class="hint">
            {quotedQuestionName(item.questionId, t)} · {t('analysis.quotes.count', { count: item.count })}
          </p>
          <blockquote>{item.text}</blockquote>
          <div class="actions">
            {item.status !== 'approved' && (
              <button type="submit" name="decision" value="approved">
                {t('analysis.quotes.approve')}
              </button>
            )}
            {item.status !== 'rejected' && (
              <button type="submit" name="decision" value="rejected" class="button secondary">
                {t('analysis.quotes.reject')}
              </button>
            )}
          </div>
        </form>
      ))}
      <StaffPager
        paging={{
          page: queue.page,
          pageCount: queue.pages,
          path,
          query: { status: queue.status },
          labels: {
            navigation: position,
            previous: t('analysis.coding.previous'),
            next: t('analysis.coding.next'),
            position,
          },
        }}
      />
    </>,
    { wide: true },
  );
}
