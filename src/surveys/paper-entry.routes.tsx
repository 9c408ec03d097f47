import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount } from '../accounts/access.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { formatMoment } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { renderPage } from '../http/layout.js';
import { listCases } from './case.service.js';
import { planBlockSteps, previousBlock } from './questionnaire.model.js';
import { AnswersSummary, BlockForm, PartProgress, blockPosition, describeProblems, displayAnswer } from './questionnaire-form.js';
import { getQuestionnaireById, localize } from './questionnaire.service.js';
import {
  compareEntries,
  confirmPaperEntries,
  finishPaperEntry,
  getPaperEntry,
  listEntriesOfRespondent,
  listPaperEntries,
  savePaperEntryPage,
  startPaperEntry,
  type PaperEntry,
  type Resolution,
} from './paper-entry.service.js';
import { getBlock } from './response.service.js';
import { paperStartFormSchema } from './surveys.schema.js';
import { surveyStaffRoles, waveHref } from './staff-waves.routes.js';
import { getWaveByKey, type Wave } from './wave.service.js';

// Staff key in returned paper forms through the same questionnaire pages, optionally twice (blind), and confirm
// the answers on a screen that shows and resolves the differences question by question.

type AppContext = Context<AppEnvironment>;

const paperHref = (wave: Wave) => `${waveHref(wave)}/paper`;
const entryPageHref = (wave: Wave, entry: PaperEntry, blockId: string, step: 1 | 2 = 1) => `${paperHref(wave)}/entry/${entry.id}/page/${blockId}${step === 2 ? '?step=2' : ''}`;
const entryReviewHref = (wave: Wave, entry: PaperEntry) => `${paperHref(wave)}/entry/${entry.id}/review`;
const compareHref = (wave: Wave, respondentId: string) => `${paperHref(wave)}/compare/${encodeURIComponent(respondentId)}`;

const pageFormSchema = z
  .object({ _shown: z.string().default(''), _step: z.enum(['1', '2']).default('1'), _action: z.enum(['next', 'back']).default('next') })
  .passthrough();

async function openWave(c: AppContext): Promise<Wave> {
  return getWaveByKey(c.get('db'), c.req.param('key') ?? '');
}

async function renderPaperList(c: AppContext, wave: Wave, state: { error?: string; status?: 200 | 400 | 409 } = {}) {
  const t = c.get('t');
  const db = c.get('db');
  const [entries, cases] = await Promise.all([listPaperEntries(db, wave.id), listCases(db, wave.id)]);
  const byRespondent = new Map<string, PaperEntry[]>();
  for (const entry of entries) byRespondent.set(entry.respondentId, [...(byRespondent.get(entry.respondentId) ?? []), entry]);
  const caseById = new Map(cases.map((surveyCase) => [surveyCase.id, surveyCase]));
  const open = cases.filter((surveyCase) => surveyCase.disposition !== 'complete');
  const entryStatus = (entry: PaperEntry | undefined) =>
    entry ? (
      <>
        {t(entry.finishedAt ? 'survey.paper.finished' : 'survey.paper.in_progress')}{' '}
        <a href={entry.finishedAt ? entryReviewHref(wave, entry) : entry.currentPage && entry.currentPage !== 'review' ? entryPageHref(wave, entry, entry.currentPage) : entryReviewHref(wave, entry)}>
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
                const surveyCase = first?.caseId ? caseById.get(first.caseId) : second?.caseId ? caseById.get(second.caseId) : undefined;
                const done = surveyCase?.disposition === 'complete';
                return (
                  <tr>
                    <td>{respondentId}</td>
                    <td>{surveyCase ? <a href={`${waveHref(wave)}/cases/${encodeURIComponent(surveyCase.caseCode)}`}>{surveyCase.caseCode}</a> : '—'}</td>
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

async function renderEntryPage(
  c: AppContext,
  wave: Wave,
  entry: PaperEntry,
  blockId: string,
  step: 1 | 2,
  state: { values?: Record<string, string>; errors?: Map<string, string>; status?: 200 | 400 } = {},
) {
  const t = c.get('t');
  const language = c.get('language');
  const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
  const block = getBlock(questionnaire, blockId);
  const plan = planBlockSteps(block, 'staff', entry.answers);
  const questions = step === 2 ? plan.followUps : plan.first;
  if (questions.length === 0) return c.redirect(step === 2 ? entryPageHref(wave, entry, blockId) : entryReviewHref(wave, entry), 303);
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

async function renderComparePage(c: AppContext, wave: Wave, respondentId: string, state: { errors?: Map<string, string>; values?: Record<string, string>; status?: 200 | 400 } = {}) {
  const t = c.get('t');
  const language = c.get('language');
  const db = c.get('db');
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const entries = await listEntriesOfRespondent(db, wave.id, respondentId);
  const first = entries.find((entry) => entry.entryNumber === 1);
  const second = entries.find((entry) => entry.entryNumber === 2);
  if (!first) throw new AppError('not_found', 'error.not_found');
  const differences: Difference[] = second ? compareEntries(questionnaire.definition, first.answers, second.answers) : [];
  const shown = (value: string | undefined, difference: Difference) => displayAnswer(difference.question, value, language, t) ?? t('survey.paper.empty');
  const errors = state.errors ?? new Map<string, string>();
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
                    {id}: {message}
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
            <p>{differences.length === 0 ? t('survey.paper.no_differences') : t('survey.paper.differences', { count: differences.length })}</p>
            {differences.map((difference) => {
              const id = difference.question.id;
              const chosen = state.values?.[`r_${id}`];
              return (
                <fieldset id={`r-${id}`} class={errors.has(id) ? 'field has-error' : 'field'}>
                  <legend>
                    {localize(difference.question.label, language)} <code>{id}</code>
                  </legend>
                  {errors.has(id) && <p class="field-error">{errors.get(id)}</p>}
                  <label for={`r-${id}-1`}>
                    <input type="radio" id={`r-${id}-1`} name={`r_${id}`} value="entry1" checked={chosen === 'entry1'} />
                    <span>
                      {t('survey.paper.entry_1')}: {shown(difference.first, difference)}
                    </span>
                  </label>
                  <label for={`r-${id}-2`}>
                    <input type="radio" id={`r-${id}-2`} name={`r_${id}`} value="entry2" checked={chosen === 'entry2'} />
                    <span>
                      {t('survey.paper.entry_2')}: {shown(difference.second, difference)}
                    </span>
                  </label>
                  <label for={`r-${id}-other`}>
                    <input type="radio" id={`r-${id}-other`} name={`r_${id}`} value="other" checked={chosen === 'other'} />
                    <span>{t('survey.paper.other_value')}</span>
                  </label>
                  <input type="text" name={`v_${id}`} value={state.values?.[`v_${id}`] ?? ''} aria-label={`${t('survey.paper.other_value')} ${id}`} />
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

export const paperEntryRoutes = new Hono<AppEnvironment>()
  .use('/staff/waves/:key/paper', requireRole(...surveyStaffRoles))
  .use('/staff/waves/:key/paper/*', requireRole(...surveyStaffRoles))
  .get('/staff/waves/:key/paper', async (c) => renderPaperList(c, await openWave(c)))
  .post('/staff/waves/:key/paper', async (c) => {
    const wave = await openWave(c);
    const parsed = paperStartFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return renderPaperList(c, wave, { error: c.get('t')('error.invalid_input'), status: 400 });
    const account = signedInAccount(c);
    try {
      const entry = await c.get('db').transaction().execute((trx) => startPaperEntry(trx, wave, { ...parsed.data, accountId: account.id }));
      const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
      const resume = entry.currentPage && entry.currentPage !== 'review' ? entry.currentPage : questionnaire.definition.blocks[0]!.id;
      return c.redirect(entry.currentPage === 'review' ? entryReviewHref(wave, entry) : entryPageHref(wave, entry, resume), 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderPaperList(c, wave, { error: c.get('t')(error.messageKey), status: 409 });
      throw error;
    }
  })
  .get('/staff/waves/:key/paper/entry/:entry/page/:block', async (c) => {
    const wave = await openWave(c);
    const entry = await getPaperEntry(c.get('db'), wave, c.req.param('entry'));
    return renderEntryPage(c, wave, entry, c.req.param('block'), c.req.query('step') === '2' ? 2 : 1);
  })
  .post('/staff/waves/:key/paper/entry/:entry/page/:block', async (c) => {
    const db = c.get('db');
    const wave = await openWave(c);
    const entry = await getPaperEntry(db, wave, c.req.param('entry'));
    const form = pageFormSchema.parse(await c.req.parseBody());
    const blockId = c.req.param('block');
    const step = form._step === '2' ? 2 : 1;
    const fields = Object.fromEntries(Object.entries(form).filter((item): item is [string, string] => typeof item[1] === 'string' && !item[0].startsWith('_')));
    const result = await db.transaction().execute((trx) => savePaperEntryPage(trx, wave, entry, { blockId, form: fields, shownIds: form._shown.split(',').filter(Boolean), step }));
    const saved = { ...entry, answers: result.answers };
    if (result.problems.length > 0) {
      const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
      const errors = describeProblems(questionnaire.definition, result.problems, c.get('language'), c.get('t'));
      return renderEntryPage(c, wave, saved, blockId, step, { values: fields, errors, status: 400 });
    }
    if (form._action === 'back') {
      if (step === 2) return c.redirect(entryPageHref(wave, entry, blockId), 303);
      const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
      const previous = previousBlock(questionnaire.definition, blockId, 'staff', result.answers);
      return c.redirect(previous ? entryPageHref(wave, entry, previous.id) : paperHref(wave), 303);
    }
    return c.redirect(result.next.kind === 'review' ? entryReviewHref(wave, entry) : entryPageHref(wave, entry, result.next.blockId, result.next.step), 303);
  })
  .get('/staff/waves/:key/paper/entry/:entry/review', async (c) => {
    const t = c.get('t');
    const wave = await openWave(c);
    const entry = await getPaperEntry(c.get('db'), wave, c.req.param('entry'));
    const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
    const heading = t('survey.paper.entry_title', { code: entry.respondentId, entry: entry.entryNumber });
    return renderPage(
      c,
      heading,
      <>
        <p>
          <a href={paperHref(wave)}>{t('survey.paper.title')}</a>
        </p>
        <h1>{heading}</h1>
        {entry.finishedAt && <p class="notice">{`${t('survey.paper.finished')}: ${formatMoment(entry.finishedAt, c.get('language'), 'medium')}`}</p>}
        <AnswersSummary c={c} definition={questionnaire.definition} answers={entry.answers} audience="staff" changeHref={(block) => entryPageHref(wave, entry, block.id)} />
        <form method="post" action={entryReviewHref(wave, entry)}>
          <CsrfField c={c} />
          <div class="actions">
            <button type="submit">{t('survey.paper.finish')}</button>
          </div>
        </form>
      </>,
    );
  })
  .post('/staff/waves/:key/paper/entry/:entry/review', async (c) => {
    const wave = await openWave(c);
    const entry = await getPaperEntry(c.get('db'), wave, c.req.param('entry'));
    await finishPaperEntry(c.get('db'), entry);
    return c.redirect(paperHref(wave), 303);
  })
  .get('/staff/waves/:key/paper/compare/:respondent', async (c) => renderComparePage(c, await openWave(c), c.req.param('respondent')))
  .post('/staff/waves/:key/paper/compare/:respondent', async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const wave = await openWave(c);
    const respondentId = c.req.param('respondent');
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).filter((item): item is [string, string] => typeof item[1] === 'string'));
    const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
    const entries = await listEntriesOfRespondent(db, wave.id, respondentId);
    const first = entries.find((entry) => entry.entryNumber === 1);
    const second = entries.find((entry) => entry.entryNumber === 2);
    if (!first) throw new AppError('not_found', 'error.not_found');
    const resolutions: Record<string, Resolution> = {};
    const errors = new Map<string, string>();
    for (const difference of second ? compareEntries(questionnaire.definition, first.answers, second.answers) : []) {
      const id = difference.question.id;
      const choice = form[`r_${id}`];
      if (choice === 'entry1' || choice === 'entry2') resolutions[id] = { choice };
      else if (choice === 'other') resolutions[id] = { choice: 'other', value: form[`v_${id}`] ?? '' };
      else errors.set(id, t('survey.paper.choose_resolution'));
    }
    if (errors.size > 0) return renderComparePage(c, wave, respondentId, { errors, values: form, status: 400 });
    const account = signedInAccount(c);
    const result = await db.transaction().execute((trx) => confirmPaperEntries(trx, wave, respondentId, resolutions, { accountId: account.id }));
    if (result.problems.length > 0) {
      const described = describeProblems(questionnaire.definition, result.problems, c.get('language'), t);
      return renderComparePage(c, wave, respondentId, { errors: described, values: form, status: 400 });
    }
    return c.redirect(`${paperHref(wave)}?confirmed=1`, 303);
  });
