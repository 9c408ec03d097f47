import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { planBlockSteps, previousBlock } from './questionnaire.model.js';
import { describeProblems, unansweredBlocks } from './questionnaire-form.pages.js';
import {
  currentAnswers,
  getBlock,
  openPersonalLink,
  saveOnlinePage,
  submitOnlineResponse,
  type AnsweringSession,
} from './response.service.js';
import {
  pageHref,
  renderBlockPage,
  renderLandingPage,
  renderLinkUnavailablePage,
  renderReviewPage,
  renderThanksPage,
  surveyBase,
} from './answering.pages.js';

// The online questionnaire behind a personal link: /survey/<token>/… . The token is a capability, not personal
// data, but it must never reach a log: the request logger records only route patterns (/survey/:token/…).
// Pages are server-rendered, one block per page, and work without JavaScript.

const pageFormSchema = z
  .object({
    _shown: z.string().default(''),
    _step: z.enum(['1', '2']).default('1'),
    _action: z.enum(['next', 'back']).default('next'),
  })
  .passthrough();

type AppContext = Context<AppEnvironment>;

/** Answers are private to the institution: no shared cache may keep these pages. */
function noStore(c: AppContext): void {
  c.header('Cache-Control', 'no-store');
}

/** Resolves the link, rendering the "closed" (410) or "not open yet" (403) page instead when it cannot be answered. */
async function withOpenLink(
  c: AppContext,
  handle: (session: AnsweringSession, token: string) => Promise<Response>,
): Promise<Response> {
  noStore(c);
  const token = c.req.param('token') ?? '';
  const link = await openPersonalLink(c.get('db'), token);
  if (link.state === 'open') return handle(link.session, token);
  return renderLinkUnavailablePage(c, link);
}

/** One block's page (first questions, or the follow-ups of step 2); on to the next step when it has none. */
async function showBlock(
  c: AppContext,
  session: AnsweringSession,
  token: string,
  blockId: string,
  step: 1 | 2,
  state: { values?: Record<string, string>; errors?: Map<string, string>; status?: 200 | 400 } = {},
): Promise<Response> {
  const block = getBlock(session.questionnaire, blockId);
  const answers = await currentAnswers(c.get('db'), session);
  const plan = planBlockSteps(block, 'respondent', answers);
  const questions = step === 2 ? plan.followUps : plan.first;
  if (questions.length === 0)
    return c.redirect(step === 2 ? pageHref(token, blockId) : `${surveyBase(token)}/review`, 303);
  return renderBlockPage(c, { session, token, block, step, questions, answers }, state);
}

export const answeringRoutes = new Hono<AppEnvironment>()
  .get('/survey/:token', (c) => withOpenLink(c, async (session, token) => renderLandingPage(c, session, token)))
  .get('/survey/:token/page/:block', (c) =>
    withOpenLink(c, (session, token) =>
      showBlock(c, session, token, c.req.param('block'), c.req.query('step') === '2' ? 2 : 1),
    ),
  )
  .post('/survey/:token/page/:block', (c) =>
    withOpenLink(c, async (session, token) => {
      // The hidden fields come back as the page sent them; anything else is a tampered or broken form.
      const parsed = pageFormSchema.safeParse(await c.req.parseBody());
      if (!parsed.success) throw new AppError('invalid_input', 'survey.error.bad_form');
      const form = parsed.data;
      const blockId = c.req.param('block');
      const block = getBlock(session.questionnaire, blockId);
      const step = form._step === '2' ? 2 : 1;
      const fields = Object.fromEntries(
        Object.entries(form).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].startsWith('_'),
        ),
      );
      const shownIds = form._shown.split(',').filter(Boolean);
      const result = await c
        .get('db')
        .transaction()
        .execute((trx) => saveOnlinePage(trx, session, { blockId, form: fields, shownIds, step }));
      if (result.problems.length > 0) {
        // Re-read the link: the valid answers of this page are saved now, and the page shows them with the wrong ones as typed.
        const reopened = await openPersonalLink(c.get('db'), token);
        const errors = describeProblems(
          session.questionnaire.definition,
          result.problems,
          c.get('language'),
          c.get('t'),
        );
        return showBlock(c, reopened.state === 'open' ? reopened.session : session, token, blockId, step, {
          values: fields,
          errors,
          status: 400,
        });
      }
      if (form._action === 'back') {
        if (step === 2) return c.redirect(pageHref(token, blockId), 303);
        const previous = previousBlock(session.questionnaire.definition, block.id, 'respondent', result.answers);
        return c.redirect(previous ? pageHref(token, previous.id) : surveyBase(token), 303);
      }
      return c.redirect(
        result.next.kind === 'review'
          ? `${surveyBase(token)}/review`
          : pageHref(token, result.next.blockId, result.next.step),
        303,
      );
    }),
  )
  .get('/survey/:token/review', (c) =>
    withOpenLink(c, async (session, token) => {
      const answers = await currentAnswers(c.get('db'), session);
      const missing = unansweredBlocks(session.questionnaire.definition, answers);
      return renderReviewPage(c, { session, token, answers, missing });
    }),
  )
  .post('/survey/:token/review', (c) =>
    withOpenLink(c, async (session, token) => {
      await c
        .get('db')
        .transaction()
        .execute((trx) => submitOnlineResponse(trx, session));
      return c.redirect(`${surveyBase(token)}/thanks`, 303);
    }),
  )
  .get('/survey/:token/thanks', (c) => withOpenLink(c, async (session, token) => renderThanksPage(c, session, token)));
