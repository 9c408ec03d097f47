import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount } from '../accounts/access.middleware.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { findImplausibleTypedValues } from './plausibility.js';
import { previousBlock } from './questionnaire.model.js';
import { describeProblems, describeWarnings } from './questionnaire-form.pages.js';
import { getQuestionnaireById } from './questionnaire.service.js';
import {
  compareEntries,
  confirmPaperEntries,
  finishPaperEntry,
  getPaperEntryToKey,
  listEntriesOfRespondent,
  savePaperEntryPage,
  startPaperEntry,
  type Resolution,
} from './paper-entry.service.js';
import {
  entryPageHref,
  entryReviewHref,
  paperHref,
  renderComparePage,
  renderEntryPage,
  renderEntryReviewPage,
  renderPaperList,
} from './paper-entry.pages.js';
import { paperStartFormSchema } from './surveys.schema.js';
import { surveyStaffRoles } from './staff-waves.routes.js';
import { getWaveByKey, type Wave } from './wave.service.js';

// Staff key in returned paper forms through the same questionnaire pages, optionally twice (blind), and confirm
// the answers on a screen that shows and resolves the differences question by question.

type AppContext = Context<AppEnvironment>;

const pageFormSchema = z
  .object({
    _shown: z.string().default(''),
    _step: z.enum(['1', '2']).default('1'),
    _action: z.enum(['next', 'back']).default('next'),
  })
  .passthrough();

async function openWave(c: AppContext): Promise<Wave> {
  return getWaveByKey(c.get('db'), c.req.param('key') ?? '');
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
      const entry = await c
        .get('db')
        .transaction()
        .execute((trx) => startPaperEntry(trx, wave, { ...parsed.data, accountId: account.id }));
      const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
      const resume =
        entry.currentPage && entry.currentPage !== 'review'
          ? entry.currentPage
          : questionnaire.definition.blocks[0]!.id;
      return c.redirect(
        entry.currentPage === 'review' ? entryReviewHref(wave, entry) : entryPageHref(wave, entry, resume),
        303,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return renderPaperList(c, wave, { error: c.get('t')(error.messageKey), status: 409 });
      throw error;
    }
  })
  .get('/staff/waves/:key/paper/entry/:entry/page/:block', async (c) => {
    const wave = await openWave(c);
    const entry = await getPaperEntryToKey(c.get('db'), wave, c.req.param('entry'), signedInAccount(c).id);
    return renderEntryPage(c, wave, entry, c.req.param('block'), c.req.query('step') === '2' ? 2 : 1);
  })
  .post('/staff/waves/:key/paper/entry/:entry/page/:block', async (c) => {
    const db = c.get('db');
    const wave = await openWave(c);
    const entry = await getPaperEntryToKey(db, wave, c.req.param('entry'), signedInAccount(c).id);
    // The hidden fields come back as the page sent them; anything else is a tampered or broken form.
    const body = await c.req.parseBody({ all: true });
    // "_confirm" is a checkbox per unlikely value the staff member confirms; it may come once, many times or not.
    const confirmedIds = [body._confirm ?? []].flat().filter((value): value is string => typeof value === 'string');
    const parsed = pageFormSchema.safeParse({ ...body, _confirm: undefined });
    if (!parsed.success) throw new AppError('invalid_input', 'survey.error.bad_form');
    const form = parsed.data;
    const blockId = c.req.param('block');
    const step = form._step === '2' ? 2 : 1;
    const fields = Object.fromEntries(
      Object.entries(form).filter(
        (item): item is [string, string] => typeof item[1] === 'string' && !item[0].startsWith('_'),
      ),
    );
    const result = await db.transaction().execute((trx) =>
      savePaperEntryPage(trx, wave, entry, {
        blockId,
        form: fields,
        shownIds: form._shown.split(',').filter(Boolean),
        step,
        confirmedIds,
      }),
    );
    const saved = { ...entry, answers: result.answers };
    if (result.problems.length > 0 || result.warnings.length > 0) {
      const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
      const errors = describeProblems(questionnaire.definition, result.problems, c.get('language'), c.get('t'));
      const warnings = describeWarnings(result.warnings, c.get('language'), c.get('t'));
      return renderEntryPage(c, wave, saved, blockId, step, { values: fields, errors, warnings, status: 400 });
    }
    if (form._action === 'back') {
      if (step === 2) return c.redirect(entryPageHref(wave, entry, blockId), 303);
      const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
      const previous = previousBlock(questionnaire.definition, blockId, 'staff', result.answers);
      return c.redirect(previous ? entryPageHref(wave, entry, previous.id) : paperHref(wave), 303);
    }
    return c.redirect(
      result.next.kind === 'review'
        ? entryReviewHref(wave, entry)
        : entryPageHref(wave, entry, result.next.blockId, result.next.step),
      303,
    );
  })
  .get('/staff/waves/:key/paper/entry/:entry/review', async (c) => {
    const wave = await openWave(c);
    const entry = await getPaperEntryToKey(c.get('db'), wave, c.req.param('entry'), signedInAccount(c).id);
    const questionnaire = await getQuestionnaireById(c.get('db'), wave.questionnaireId);
    return renderEntryReviewPage(c, wave, entry, questionnaire);
  })
  .post('/staff/waves/:key/paper/entry/:entry/review', async (c) => {
    const wave = await openWave(c);
    const entry = await getPaperEntryToKey(c.get('db'), wave, c.req.param('entry'), signedInAccount(c).id);
    await finishPaperEntry(c.get('db'), entry);
    return c.redirect(paperHref(wave), 303);
  })
  .get('/staff/waves/:key/paper/compare/:respondent', async (c) =>
    renderComparePage(c, await openWave(c), c.req.param('respondent')),
  )
  .post('/staff/waves/:key/paper/compare/:respondent', async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const wave = await openWave(c);
    const respondentId = c.req.param('respondent');
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).filter((item): item is [string, string] => typeof item[1] === 'string'),
    );
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
    // A value typed here instead of either entry gets the same plausibility checks as keying does.
    const typedQuestions = (second ? compareEntries(questionnaire.definition, first.answers, second.answers) : [])
      .filter((difference) => resolutions[difference.question.id]?.choice === 'other')
      .map((difference) => difference.question);
    const confirmedIds = new Set(
      Object.keys(form)
        .filter((name) => name.startsWith('c_'))
        .map((name) => name.slice(2)),
    );
    const typedValues = Object.fromEntries(
      typedQuestions.map((question) => [question.id, form[`v_${question.id}`] ?? '']),
    );
    const implausible = findImplausibleTypedValues(typedQuestions, typedValues, first.answers, confirmedIds);
    if (implausible.length > 0) {
      const warnings = describeWarnings(implausible, c.get('language'), t);
      return renderComparePage(c, wave, respondentId, { warnings, values: form, status: 400 });
    }
    const account = signedInAccount(c);
    const result = await db
      .transaction()
      .execute((trx) => confirmPaperEntries(trx, wave, respondentId, resolutions, { accountId: account.id }));
    if (result.problems.length > 0) {
      const described = describeProblems(questionnaire.definition, result.problems, c.get('language'), t);
      return renderComparePage(c, wave, respondentId, { errors: described, values: form, status: 400 });
    }
    return c.redirect(`${paperHref(wave)}?confirmed=1`, 303);
  });
