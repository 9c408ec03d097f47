// The online questionnaire's pages: the landing page of a personal link, one block per page, the review before
// sending, thanks, and the page that says why a link cannot be answered now. Server-rendered, no JavaScript needed.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { AnswersSummary, BlockForm, PartProgress, blockPosition } from './questionnaire-form.pages.js';
import { formatCalendarDate, formatMomentDate } from '../core/dates.js';
import type { Block, Question } from './questionnaire.schema.js';
import { surveyOrganizer } from './invitations.service.js';
import { estimatedMinutes } from './questionnaire.model.js';
import { localize } from './questionnaire.service.js';
import type { AnsweringSession, LinkState } from './response.service.js';
import type { Answers } from './survey.table.js';

type AppContext = Context<AppEnvironment>;

/** Where a personal link's pages live. */
export const surveyBase = (token: string) => `/survey/${encodeURIComponent(token)}`;
/** One block's page; step 2 holds the follow-up questions of the answers given on step 1. */
export const pageHref = (token: string, blockId: string, step: 1 | 2 = 1) =>
  `${surveyBase(token)}/page/${blockId}${step === 2 ? '?step=2' : ''}`;

/** Survey pages carry no site menu, only the language switch: nothing on the page leads away from the answers. */
function renderSurveyPage(
  c: AppContext,
  title: string,
  body: Child,
  options: Parameters<typeof renderPage>[3] = {},
): Promise<Response> {
  return renderPage(c, title, body, { ...options, withoutMenu: true });
}

/** The "closed" (410) or "not open yet" (403) page of a link that cannot be answered now. */
export function renderLinkUnavailablePage(
  c: AppContext,
  link: Exclude<LinkState, { state: 'open' }>,
): Promise<Response> {
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

/** The link's first page: what the questionnaire is, until when it is open, and where to start or continue. */
export function renderLandingPage(c: AppContext, session: AnsweringSession, token: string): Promise<Response> {
  const t = c.get('t');
  const language = c.get('language');
  const { definition } = session.questionnaire;
  const first = definition.blocks[0]!;
  const resumeAt = session.response?.currentPage;
  const organizer = surveyOrganizer(c.get('config'));
  const continueHref =
    resumeAt === 'review'
      ? `${surveyBase(token)}/review`
      : resumeAt
        ? pageHref(token, resumeAt)
        : pageHref(token, first.id);
  return renderSurveyPage(
    c,
    localize(session.questionnaire.title, language),
    <>
      <h1>{localize(session.questionnaire.title, language)}</h1>
      {first.intro && <p>{localize(first.intro, language)}</p>}
      <ul class="survey-facts">
        <li>{t('survey.page.duration', { minutes: estimatedMinutes(definition) })}</li>
        <li>
          {session.wave.closesOn
            ? t('survey.page.closes_on', { date: formatCalendarDate(session.wave.closesOn, language) })
            : t('survey.page.no_deadline')}
        </li>
        <li>
          {t('survey.page.run_by', { name: organizer.name })}
          {organizer.email && (
            <>
              {' '}
              {t('survey.page.questions_to')} <a href={`mailto:${organizer.email}`}>{organizer.email}</a>
            </>
          )}
        </li>
      </ul>
      <h2>{t('survey.page.privacy_title')}</h2>
      <p>{t('survey.page.privacy')}</p>
      {session.response?.submittedAt && (
        <p class="notice">
          {t('survey.page.submitted_on', { date: formatMomentDate(session.response.submittedAt, language) })}
        </p>
      )}
      <div class="actions">
        <a class="button" href={continueHref}>
          {session.response ? t('survey.page.continue') : t('survey.page.start')}
        </a>
        {session.response && (
          <a class="button secondary" href={`${surveyBase(token)}/review`}>
            {t('survey.page.review_link')}
          </a>
        )}
      </div>
      <p class="hint">{first.onlineNote ? localize(first.onlineNote, language) : t('survey.page.saved_note')}</p>
    </>,
  );
}

/** One block's questions as a form, with the answers saved so far (or as typed, with their errors). */
export function renderBlockPage(
  c: AppContext,
  page: {
    session: AnsweringSession;
    token: string;
    block: Block;
    step: 1 | 2;
    questions: Question[];
    answers: Answers;
  },
  state: { values?: Record<string, string>; errors?: Map<string, string>; status?: 200 | 400 } = {},
): Promise<Response> {
  const t = c.get('t');
  const language = c.get('language');
  const { session, token, block, step, questions, answers } = page;
  const position = blockPosition(session.questionnaire.definition, block.id, 'respondent', answers);
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

/** Every answer before sending, with links to the blocks that still have unanswered key questions. */
export function renderReviewPage(
  c: AppContext,
  page: { session: AnsweringSession; token: string; answers: Answers; missing: Block[] },
): Promise<Response> {
  const t = c.get('t');
  const language = c.get('language');
  const { session, token, answers, missing } = page;
  return renderSurveyPage(
    c,
    t('survey.page.review_title'),
    <>
      <p class="hint">{localize(session.questionnaire.title, language)}</p>
      <h1>{t('survey.page.review_title')}</h1>
      <p>{t('survey.page.review_intro')}</p>
      {session.response?.submittedAt && (
        <p class="notice">
          {t('survey.page.submitted_on', { date: formatMomentDate(session.response.submittedAt, language) })}
        </p>
      )}
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
      <AnswersSummary
        c={c}
        definition={session.questionnaire.definition}
        answers={answers}
        audience="respondent"
        changeHref={(block) => pageHref(token, block.id)}
      />
      <form method="post" action={`${surveyBase(token)}/review`}>
        <CsrfField c={c} />
        <div class="actions">
          <button type="submit">{t('survey.page.submit')}</button>
        </div>
      </form>
    </>,
  );
}

/** After sending: thanks, and the answers stay open for changes until the wave closes. */
export function renderThanksPage(c: AppContext, session: AnsweringSession, token: string): Promise<Response> {
  const t = c.get('t');
  const language = c.get('language');
  return renderSurveyPage(
    c,
    t('survey.page.thanks_title'),
    <>
      <h1>{t('survey.page.thanks_title')}</h1>
      <p>{t('survey.page.thanks_body')}</p>
      {session.wave.closesOn && (
        <p>{t('survey.page.closes_on', { date: formatCalendarDate(session.wave.closesOn, language) })}</p>
      )}
      <p>
        <a href={`${surveyBase(token)}/review`}>{t('survey.page.review_link')}</a>
      </p>
    </>,
  );
}
