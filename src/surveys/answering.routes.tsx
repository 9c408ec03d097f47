import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { formatCalendarDate, formatMomentDate } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { planBlockSteps, previousBlock } from './questionnaire.model.js';
import { AnswersSummary, BlockForm, PartProgress, blockPosition, describeProblems, unansweredBlocks } from './questionnaire-form.js';
import { localize } from './questionnaire.service.js';
import { currentAnswers, getBlock, openPersonalLink, saveOnlinePage, submitOnlineResponse, type AnsweringSession, type LinkState } from './response.service.js';

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

const base = (token: string) => `/survey/${encodeURIComponent(token)}`;
const pageHref = (token: string, blockId: string, step: 1 | 2 = 1) => `${base(token)}/page/${blockId}${step === 2 ? '?step=2' : ''}`;

/** Answers are private to the institution: no shared cache may keep these pages. */
function noStore(c: AppContext): void {
  c.header('Cache-Control', 'no-store');
}

/** Survey pages carry no site menu, only the language switch: nothing on the page leads away from the answers. */
function renderSurveyPage(c: AppContext, title: string, body: Child, options: Parameters<typeof renderPage>[3] = {}): Promise<Response> {
  return renderPage(c, title, body, { ...options, withoutMenu: true });
}

/** Resolves the link, rendering the "closed" (410) or "not open yet" (403) page instead when it cannot be answered. */
async function withOpenLink(c: AppContext, handle: (session: AnsweringSession, token: string) => Promise<Response>): Promise<Response> {
  noStore(c);
  const token = c.req.param('token') ?? '';
  const link: LinkState = await openPersonalLink(c.get('db'), token);
  if (link.state === 'open') return handle(link.session, token);
  const t = c.get('t');
  const name = localize(link.questionnaire.title, c.get('language'));
  const closed = link.state === 'closed';
  return renderSurveyPage(
    c,
    t(closed ? 'survey.page.closed_title' : 'survey.page.not_open_title'),
    <>
      <h1>{t(closed ? 'survey.page.closed_title' : 'survey.page.not_open_title')}</h1>
      <p>{t(closed ? 'survey.page.closed_body' : 'survey.page.not_open_body', { name })}</p>
    </>,
    { status: closed ? 410 : 403 },
  );
}

async function renderBlockPage(
  c: AppContext,
  session: AnsweringSession,
  token: string,
  blockId: string,
  step: 1 | 2,
  state: { values?: Record<string, string>; errors?: Map<string, string>; status?: 200 | 400 } = {},
): Promise<Response> {
  const db = c.get('db');
  const t = c.get('t');
  const language = c.get('language');
  const { definition } = session.questionnaire;
  const block = getBlock(session.questionnaire, blockId);
  const answers = await currentAnswers(db, session);
  const plan = planBlockSteps(block, 'respondent', answers);
  const questions = step === 2 ? plan.followUps : plan.first;
  if (questions.length === 0) return c.redirect(step === 2 ? pageHref(token, blockId) : `${base(token)}/review`, 303);
  const position = blockPosition(definition, block.id, 'respondent', answers);
  const title = localize(block.title, language);
  const isFirst = position.current === 1 && step === 1;
  return renderSurveyPage(
    c,
    state.errors?.size ? `${t('survey.field_error')}: ${title}` : title,
    <>
      <p class="hint">{localize(session.questionnaire.title, language)}</p>
      <PartProgress t={t} current={position.current} total={position.total} />
      <h1>{title}</h1>
      {block.intro && step === 1 && <p>{localize(block.intro, language)}</p>}
      <BlockForm
        c={c}
        block={block}
        questions={questions}
        values={{ ...answers, ...(state.values ?? {}) }}
        errors={state.errors ?? new Map()}
        action={pageHref(token, block.id, step)}
        step={step}
        submitLabel={t('survey.page.next')}
        backLabel={isFirst ? undefined : t('survey.page.back')}
      />
      <p class="hint">{t('survey.page.saved_note')}</p>
    </>,
    { status: state.status ?? 200 },
  );
}

export const answeringRoutes = new Hono<AppEnvironment>()
  .get('/survey/:token', (c) =>
    withOpenLink(c, async (session, token) => {
      const t = c.get('t');
      const language = c.get('language');
      const { definition } = session.questionnaire;
      const first = definition.blocks[0]!;
      const resumeAt = session.response?.currentPage;
      const continueHref = resumeAt === 'review' ? `${base(token)}/review` : resumeAt ? pageHref(token, resumeAt) : pageHref(token, first.id);
      return renderSurveyPage(
        c,
        localize(session.questionnaire.title, language),
        <>
          <h1>{localize(session.questionnaire.title, language)}</h1>
          {first.intro && <p>{localize(first.intro, language)}</p>}
          {session.wave.closesOn && <p>{t('survey.page.closes_on', { date: formatCalendarDate(session.wave.closesOn, language) })}</p>}
          {session.response?.submittedAt && <p class="notice">{t('survey.page.submitted_on', { date: formatMomentDate(session.response.submittedAt, language) })}</p>}
          <div class="actions">
            <a class="button" href={continueHref}>
              {session.response ? t('survey.page.continue') : t('survey.page.start')}
            </a>
            {session.response && (
              <a class="button secondary" href={`${base(token)}/review`}>
                {t('survey.page.review_link')}
              </a>
            )}
          </div>
          <p class="hint">{t('survey.page.saved_note')}</p>
        </>,
      );
    }),
  )
  .get('/survey/:token/page/:block', (c) =>
    withOpenLink(c, (session, token) => renderBlockPage(c, session, token, c.req.param('block'), c.req.query('step') === '2' ? 2 : 1)),
  )
  .post('/survey/:token/page/:block', (c) =>
    withOpenLink(c, async (session, token) => {
      const form = pageFormSchema.parse(await c.req.parseBody());
      const blockId = c.req.param('block');
      const block = getBlock(session.questionnaire, blockId);
      const step = form._step === '2' ? 2 : 1;
      const fields = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].startsWith('_')));
      const shownIds = form._shown.split(',').filter(Boolean);
      const result = await c.get('db').transaction().execute((trx) => saveOnlinePage(trx, session, { blockId, form: fields, shownIds, step }));
      if (result.problems.length > 0) {
        // Re-read the link: the valid answers of this page are saved now, and the page shows them with the wrong ones as typed.
        const reopened = await openPersonalLink(c.get('db'), token);
        const errors = describeProblems(session.questionnaire.definition, result.problems, c.get('language'), c.get('t'));
        return renderBlockPage(c, reopened.state === 'open' ? reopened.session : session, token, blockId, step, { values: fields, errors, status: 400 });
      }
      if (form._action === 'back') {
        if (step === 2) return c.redirect(pageHref(token, blockId), 303);
        const previous = previousBlock(session.questionnaire.definition, block.id, 'respondent', result.answers);
        return c.redirect(previous ? pageHref(token, previous.id) : base(token), 303);
      }
      return c.redirect(result.next.kind === 'review' ? `${base(token)}/review` : pageHref(token, result.next.blockId, result.next.step), 303);
    }),
  )
  .get('/survey/:token/review', (c) =>
    withOpenLink(c, async (session, token) => {
      const t = c.get('t');
      const language = c.get('language');
      const { definition } = session.questionnaire;
      const answers = await currentAnswers(c.get('db'), session);
      const missing = unansweredBlocks(definition, answers);
      return renderSurveyPage(
        c,
        t('survey.page.review_title'),
        <>
          <p class="hint">{localize(session.questionnaire.title, language)}</p>
          <h1>{t('survey.page.review_title')}</h1>
          <p>{t('survey.page.review_intro')}</p>
          {session.response?.submittedAt && <p class="notice">{t('survey.page.submitted_on', { date: formatMomentDate(session.response.submittedAt, language) })}</p>}
          {missing.length > 0 && (
            <div class="notice warning">
              <p>{t('survey.page.unanswered_blocks')}</p>
              <ul>
                {missing.map((block) => (
                  <li>
                    <a href={pageHref(token, block.id)}>{localize(block.title, language)}</a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <AnswersSummary c={c} definition={definition} answers={answers} audience="respondent" changeHref={(block) => pageHref(token, block.id)} />
          <form method="post" action={`${base(token)}/review`}>
            <CsrfField c={c} />
            <div class="actions">
              <button type="submit">{t('survey.page.submit')}</button>
            </div>
          </form>
        </>,
      );
    }),
  )
  .post('/survey/:token/review', (c) =>
    withOpenLink(c, async (session, token) => {
      await c.get('db').transaction().execute((trx) => submitOnlineResponse(trx, session));
      return c.redirect(`${base(token)}/thanks`, 303);
    }),
  )
  .get('/survey/:token/thanks', (c) =>
    withOpenLink(c, async (session, token) => {
      const t = c.get('t');
      const language = c.get('language');
      return renderSurveyPage(
        c,
        t('survey.page.thanks_title'),
        <>
          <h1>{t('survey.page.thanks_title')}</h1>
          <p>{t('survey.page.thanks_body')}</p>
          {session.wave.closesOn && <p>{t('survey.page.closes_on', { date: formatCalendarDate(session.wave.closesOn, language) })}</p>}
          <p>
            <a href={`${base(token)}/review`}>{t('survey.page.review_link')}</a>
          </p>
        </>,
      );
    }),
  );
