import { formatMoment } from '../core/dates.js';
// The paper entry pages: the list of entries, one block of an entry, an entry's review, and the comparison of two.
import type { Context } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { AppError } from '../core/errors.js';
import { renderPage } from '../http/layout.js';
import { listCases } from './case.service.js';
import { listQuestions, planBlockSteps } from './questionnaire.model.js';
import { AnswersSummary, BlockForm, PartProgress, blockPosition, displayAnswer } from './questionnaire-form.pages.js';
import { getQuestionnaireById, localize, type Questionnaire } from './questionnaire.service.js';
import { compareEntries, listEntriesOfRespondent, listPaperEntries, type PaperEntry } from './paper-entry.service.js';
import { getBlock } from './response.service.js';
import { waveHref } from './staff-waves.routes.js';
import type { Wave } from './wave.service.js';

type AppContext = Context<AppEnvironment>;

export const paperHref = (wave: Wave) => `${waveHref(wave)}/paper`;
export const entryPageHref = (wave: Wave, entry: PaperEntry, blockId: string, step: 1 | 2 = 1) =>
  `${paperHref(wave)}/entry/${entry.id}/page/${blockId}${step === 2 ? '?step=2' : ''}`;
export const entryReviewHref = (wave: Wave, entry: PaperEntry) => `${paperHref(wave)}/entry/${entry.id}/review`;
const compareHref = (wave: Wave, respondentId: string) =>
  `${paperHref(wave)}/compare/${encodeURIComponent(respondentId)}`;

/** The wave's paper entries, with the form that starts one (and its error, when it was refused). */
export async function renderPaperList(
  c: AppContext,
  wave: Wave,
  state: { error?: string; status?: 200 | 400 | 409 } = {},
) {
  const t = c.get('t');
  const db = c.get('db');
  const [entries, cases] = await Promise.all([listPaperEntries(db, wave.id), listCases(db, wave.id)]);
  const byRespondent = new Map<string, PaperEntry[]>();
  for (const entry of entries)
    byRespondent.set(entry.respondentId, [...(byRespondent.get(entry.respondentId) ?? []), entry]);
  const caseById = new Map(cases.map((surveyCase) => [surveyCase.id, surveyCase]));
  const open = cases.filter((surveyCase) => surveyCase.disposition !== 'complete');
  const entryStatus = (entry: PaperEntry | undefined) =>
    entry ? (
      <>
        {t(entry.finishedAt ? 'survey.paper.finished' : 'survey.paper.in_progress')}{' '}
        <a
          href={
            entry.finishedAt
              ? entryReviewHref(wave, entry)
              : entry.currentPage && entry.currentPage !== 'review'
                ? entryPageHref(wave, entry, entry.currentPage)
                : entryReviewHref(wave, entry)
          }
        >
          {t('survey.paper.continue')}
        </a>
      </>
    ) : (
      '—'
    );
  return renderPage(
    c,
    t('survey.paper.title'),
    <>
      <p>
        <a href={waveHref(wave)}>{t('survey.staff.back_to_wave')}</a>
      </p>
      <h1>{t('survey.paper.title')}</h1>
      <p>{t('survey.paper.intro')}</p>
      {c.req.query('confirmed') === '1' && (
        <p class="notice" role="status">
          {t('survey.paper.reconciled')}
        </p>
      )}
      <form method="post" action={paperHref(wave)} class="card" novalidate>
        <CsrfField c={c} />
        {state.error && (
          <div class="error-summary" role="alert">
            <p>{state.error}</p>
          </div>
        )}
        <div class="field">
          <label for="caseCode">{t('survey.paper.which_case')}</label>
          <select id="caseCode" name="caseCode">
            {open.map((surveyCase) => (
              <option value={surveyCase.caseCode}>
                {surveyCase.caseCode}
                {surveyCase.organizationName ? ` — ${surveyCase.organizationName}` : ''}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('survey.paper.entry_number')}</legend>
          <label for="entry-1">
            <input type="radio" id="entry-1" name="entryNumber" value="1" checked />
            <span>{t('survey.paper.first_entry')}</span>
          </label>
          <label for="entry-2">
            <input type="radio" id="entry-2" name="entryNumber" value="2" />
            <span>{t('survey.paper.second_entry')}</span>
          </label>
        </fieldset>
        <button type="submit">{t('survey.paper.start')}</button>
      </form>
      <h2>{t('survey.paper.entries')}</h2>
      {byRespondent.size === 0 ? (
        <p>{t('survey.paper.no_entries')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('survey.staff.respondent')}</th>
                <th scope="col">{t('survey.staff.case')}</th>
                <th scope="col">{t('survey.paper.entry_1')}</th>
                <th scope="col">{t('survey.paper.entry_2')}</th>
                <th scope="col">{t('survey.paper.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...byRespondent.entries()].map(([respondentId, list]) => {
                const first = list.find((entry) => entry.entryNumber === 1);
                const second = list.find((entry) => entry.entryNumber === 2);
                const surveyCase = first?.caseId
                  ? caseById.get(first.caseId)
                  : second?.caseId
                    ? caseById.get(second.caseId)
                    : undefined;
                const done = surveyCase?.disposition === 'complete';
                return (
                  <tr>
                    <td>{respondentId}</td>
                    <td>
                      {surveyCase ? (
                        <a href={`${waveHref(wave)}/cases/${encodeURIComponent(surveyCase.caseCode)}`}>
                          {surveyCase.caseCode}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{entryStatus(first)}</td>
                    <td>{entryStatus(second)}</td>
                    <td>
                      {done ? (
                        t('survey.paper.stored')
                      ) : first?.finishedAt && (!second || second.finishedAt) ? (
                        <a href={compareHref(wave, respondentId)}>{t('survey.paper.compare')}</a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>,
    { wide: true, status: state.status ?? 200 },
  );
}

/** One block of a paper entry as a form; on to the next step when the block has no questions for it. */
export async function renderEntryPage(
  c: AppContext,
  wave: Wave,
  entry: PaperEntry,
  blockId: string,
  step: 1 | 2,
  state: {
    values?: Record<string, string>;
    errors?: Map<string, string>;
    warnings?: Map<string, string>;
    status?: 200 | 400;
  } = {},
) {
  const t = c.get('t');
  const language = c.get('language');
  const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
  const block = getBlock(questionnaire, blockId);
  const plan = planBlockSteps(block, 'staff', entry.answers);
  const questions = step === 2 ? plan.followUps : plan.first;
  if (questions.length === 0)
    return c.redirect(step === 2 ? entryPageHref(wave, entry, blockId) : entryReviewHref(wave, entry), 303);
  const position = blockPosition(questionnaire.definition, block.id, 'staff', entry.answers);
  const heading = t('survey.paper.entry_title', { code: entry.respondentId, entry: entry.entryNumber });
  return renderPage(
    c,
    `${heading}: ${localize(block.title, language)}`,
    <>
      <p class="hint">
        <a href={paperHref(wave)}>{t('survey.paper.title')}</a> · {heading}
      </p>
      <PartProgress t={t} current={position.current} total={position.total} />
      <h1>{localize(block.title, language)}</h1>
      <BlockForm
        c={c}
        block={block}
        questions={questions}
        values={{ ...entry.answers, ...(state.values ?? {}) }}
        errors={state.errors ?? new Map()}
        warnings={state.warnings}
        action={entryPageHref(wave, entry, block.id, step)}
        step={step}
        submitLabel={t('survey.page.next')}
        backLabel={position.current === 1 && step === 1 ? undefined : t('survey.page.back')}
      />
    </>,
    { status: state.status ?? 200 },
  );
}

type Difference = ReturnType<typeof compareEntries>[number];

/** Both entries side by side, question by question where they differ, for staff to resolve. */
export async function renderComparePage(
  c: AppContext,
  wave: Wave,
  respondentId: string,
  state: {
    errors?: Map<string, string>;
    warnings?: Map<string, string>;
    values?: Record<string, string>;
    status?: 200 | 400;
  } = {},
) {
  const t = c.get('t');
  const language = c.get('language');
  const db = c.get('db');
  const warnings = state.warnings ?? new Map<string, string>();
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const entries = await listEntriesOfRespondent(db, wave.id, respondentId);
  const first = entries.find((entry) => entry.entryNumber === 1);
  const second = entries.find((entry) => entry.entryNumber === 2);
  if (!first) throw new AppError('not_found', 'error.not_found');
  const differences: Difference[] = second
    ? compareEntries(questionnaire.definition, first.answers, second.answers)
    : [];
  const shown = (value: string | undefined, difference: Difference) =>
    displayAnswer(difference.question, value, language, t) ?? t('survey.paper.empty');
  const errors = state.errors ?? new Map<string, string>();
  // Staff read the question as the form printed it, never its internal variable name.
  const labels = new Map(
    listQuestions(questionnaire.definition).map((question) => [question.id, localize(question.label, language)]),
  );
  const questionLabel = (id: string) => labels.get(id) ?? id;
  return renderPage(
    c,
    t('survey.paper.compare_title', { code: respondentId }),
    <>
      <p>
        <a href={paperHref(wave)}>{t('survey.paper.title')}</a>
      </p>
      <h1>{t('survey.paper.compare_title', { code: respondentId })}</h1>
      <form method="post" action={compareHref(wave, respondentId)} novalidate>
        <CsrfField c={c} />
        {errors.size > 0 && (
          <div class="error-summary" role="alert">
            <h2>{t('survey.page.error_summary')}</h2>
            <ul>
              {[...errors.entries()].map(([id, message]) => (
                <li>
                  <a href={`#r-${id}`}>
                    {questionLabel(id)}: {message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {!second ? (
          <>
            <AnswersSummary c={c} definition={questionnaire.definition} answers={first.answers} audience="staff" />
            <div class="actions">
              <button type="submit">{t('survey.paper.accept_single')}</button>
            </div>
          </>
        ) : (
          <>
            <p>
              {differences.length === 0
                ? t('survey.paper.no_differences')
                : t('survey.paper.differences', { count: differences.length })}
            </p>
            {differences.map((difference) => {
              const id = difference.question.id;
              const chosen = state.values?.[`r_${id}`];
              return (
                <fieldset id={`r-${id}`} class={errors.has(id) ? 'field has-error' : 'field'}>
                  <legend>{localize(difference.question.label, language)}</legend>
                  {errors.has(id) && <p class="field-error">{errors.get(id)}</p>}
                  <label for={`r-${id}-1`}>
                    <input
                      type="radio"
                      id={`r-${id}-1`}
                      name={`r_${id}`}
                      value="entry1"
                      checked={chosen === 'entry1'}
                    />
                    <span>
                      {t('survey.paper.entry_1')}: {shown(difference.first, difference)}
                    </span>
                  </label>
                  <label for={`r-${id}-2`}>
                    <input
                      type="radio"
                      id={`r-${id}-2`}
                      name={`r_${id}`}
                      value="entry2"
                      checked={chosen === 'entry2'}
                    />
                    <span>
                      {t('survey.paper.entry_2')}: {shown(difference.second, difference)}
                    </span>
                  </label>
                  <label for={`r-${id}-other`}>
                    <input
                      type="radio"
                      id={`r-${id}-other`}
                      name={`r_${id}`}
                      value="other"
                      checked={chosen === 'other'}
                    />
                    <span>{t('survey.paper.other_value')}</span>
                  </label>
                  <input
                    type="text"
                    name={`v_${id}`}
                    value={state.values?.[`v_${id}`] ?? ''}
                    aria-label={`${t('survey.paper.other_value')} ${localize(difference.question.label, language)}`}
                  />
                  {warnings.has(id) && (
                    <div class="notice warning" role="alert">
                      <p>{warnings.get(id)}</p>
                      <label for={`c-${id}`}>
                        <input type="checkbox" id={`c-${id}`} name={`c_${id}`} value="1" />
                        <span>{t('survey.plausibility.confirm')}</span>
                      </label>
                    </div>
                  )}
                </fieldset>
              );
            })}
            <div class="actions">
              <button type="submit">{t('survey.paper.resolve')}</button>
            </div>
          </>
        )}
      </form>
    </>,
    { wide: true, status: state.status ?? 200 },
  );
}

/** One entry's answers before it is marked finished. */
export function renderEntryReviewPage(c: AppContext, wave: Wave, entry: PaperEntry, questionnaire: Questionnaire) {
  const t = c.get('t');
  const heading = t('survey.paper.entry_title', { code: entry.respondentId, entry: entry.entryNumber });
  return renderPage(
    c,
    heading,
    <>
      <p>
        <a href={paperHref(wave)}>{t('survey.paper.title')}</a>
      </p>
      <h1>{heading}</h1>
      {entry.finishedAt && (
        <p class="notice">{`${t('survey.paper.finished')}: ${formatMoment(entry.finishedAt, c.get('language'), 'medium')}`}</p>
      )}
      <AnswersSummary
        c={c}
        definition={questionnaire.definition}
        answers={entry.answers}
        audience="staff"
        changeHref={(block) => entryPageHref(wave, entry, block.id)}
      />
      <form method="post" action={entryReviewHref(wave, entry)}>
        <CsrfField c={c} />
        <div class="actions">
          <button type="submit">{t('survey.paper.finish')}</button>
        </div>
      </form>
    </>,
  );
}
