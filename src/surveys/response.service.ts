import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { getInstitution } from '../registry/institution-read.service.js';
import { findTerritory } from '../territories/territory.service.js';
import { changeDisposition, ensureRespondentId, findCaseByToken, getCase, type SurveyCase } from './case.service.js';
import {
  answeredShare,
  formQuestions,
  mergeAnswers,
  nextBlock,
  planBlockSteps,
  type AnswerProblem,
  type Audience,
} from './questionnaire.model.js';
import type { Block, Question } from './questionnaire.schema.js';
import { getQuestionnaireById, type Questionnaire } from './questionnaire.service.js';
import {
  insertResponse,
  selectResponse,
  selectResponseByCase,
  updateResponse,
  type ResponseRow,
} from './response.repository.js';
import type { Answers, ResponseMode, ResponseStatus, SurveyInstitutionType } from './survey.table.js';
import { getWave, partialThreshold, surveyInstitutionType, type Wave } from './wave.service.js';

export type SurveyResponse = {
  id: string;
  waveId: string;
  caseId: string | null;
  respondentId: string;
  mode: ResponseMode | null;
  status: ResponseStatus;
  answers: Answers;
  currentPage: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};

export function toSurveyResponse(row: ResponseRow): SurveyResponse {
  return {
    id: row.id,
    waveId: row.wave_id,
    caseId: row.case_id,
    respondentId: row.respondent_id,
    mode: row.mode,
    status: row.status,
    answers: row.answers ?? {},
    currentPage: row.current_page,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** Everything a page of the online questionnaire needs about the respondent behind a link. */
export type AnsweringSession = {
  wave: Wave;
  questionnaire: Questionnaire;
  surveyCase: SurveyCase;
  response: SurveyResponse | null;
};

/** What a personal link leads to: the questionnaire, or why it cannot be answered now. */
export type LinkState =
  | { state: 'open'; session: AnsweringSession }
  | { state: 'closed' | 'not_yet_open'; wave: Wave; questionnaire: Questionnaire };

/**
 * Resolves a personal link. Unknown tokens are not_found; a wave that closed (or a link past its expiry) and a
 * wave not opened yet are states the page explains, not errors.
 */
export async function openPersonalLink(db: Kysely<Database>, rawToken: string, now = new Date()): Promise<LinkState> {
  const surveyCase = await findCaseByToken(db, rawToken);
  if (!surveyCase) throw new AppError('not_found', 'survey.error.link_unknown');
  const wave = await getWave(db, surveyCase.waveId);
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  if (wave.status === 'draft') return { state: 'not_yet_open', wave, questionnaire };
  if (wave.status === 'closed' || (surveyCase.tokenExpiresAt && surveyCase.tokenExpiresAt <= now))
    return { state: 'closed', wave, questionnaire };
  const row = await selectResponseByCase(db, surveyCase.id);
  return { state: 'open', session: { wave, questionnaire, surveyCase, response: row ? toSurveyResponse(row) : null } };
}

/**
 * The institution's type in the survey's words: the registry's type today when the case is a registry
 * institution (it may have been corrected since the sample was drawn), else what the sample recorded.
 */
export async function institutionTypeOfCase(
  db: Kysely<Database>,
  surveyCase: SurveyCase,
): Promise<SurveyInstitutionType | null> {
  if (surveyCase.organizationId) {
    // The institution may have been removed from the registry since; then the sample's word stands.
    const institution = await getInstitution(db, surveyCase.organizationId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (institution?.type) return surveyInstitutionType(institution.type);
  }
  return surveyCase.institutionType;
}

/**
 * The answers a new response starts with, online or keyed from paper: what the registry and the sample already
 * know about the institution (its type and where it works), for the respondent or staff to correct.
 */
export async function initialAnswers(
  db: Kysely<Database>,
  surveyCase: SurveyCase,
  mode: ResponseMode | null,
): Promise<Answers> {
  const answers: Answers = {};
  const institutionType = await institutionTypeOfCase(db, surveyCase);
  if (institutionType) answers.institution_type = institutionType;
  if (surveyCase.territory) {
    // Registry cases carry an ATVK code; the respondent sees (and may correct) its name.
    const territory = /^\d{7}$/.test(surveyCase.territory) ? await findTerritory(db, surveyCase.territory) : undefined;
    answers.territory = territory ? territory.name : surveyCase.territory;
  }
  if (mode) answers.mode = mode;
  return answers;
}

/** The answers to show: saved ones, or the starting answers when nothing is saved yet. */
export async function currentAnswers(db: Kysely<Database>, session: AnsweringSession): Promise<Answers> {
  return session.response?.answers ?? (await initialAnswers(db, session.surveyCase, 'online'));
}

/** The block of the questionnaire with this id; throws not_found. */
export function getBlock(questionnaire: Questionnaire, blockId: string): Block {
  const block = questionnaire.definition.blocks.find((candidate) => candidate.id === blockId);
  if (!block) throw new AppError('not_found', 'error.not_found');
  return block;
}

/**
 * Reads what a submitted page says about its questions: a shown question that came back empty (an untouched
 * radio group, a cleared box) is "not answered"; questions that were not on the page keep their saved answers.
 */
export function typedValuesForPage(
  block: Block,
  audience: Audience,
  form: Record<string, string>,
  shownIds: string[],
): { typed: Record<string, string>; scope: Question[] } {
  const shown = new Set(shownIds);
  const scope = formQuestions(block, audience).filter((question) => shown.has(question.id));
  const typed: Record<string, string> = {};
  for (const question of scope) typed[question.id] = form[question.id] ?? '';
  return { typed, scope };
}

/** Where a respondent goes after a page: a block (its first step, or the follow-up step), or the review page. */
export type NextStep = { kind: 'page'; blockId: string; step: 1 | 2 } | { kind: 'review' };

export type PageSaveResult = { answers: Answers; problems: AnswerProblem[]; next: NextStep };

/**
 * Where to go after saving a page: stay on it while something is wrong; to its follow-up step when this page's
 * answers made follow-ups relevant that were not on it ("what exactly?" after a fresh "yes"); else onwards.
 */
export function stepAfterSave(
  definition: Questionnaire['definition'],
  block: Block,
  audience: Audience,
  answers: Answers,
  problems: AnswerProblem[],
  shownIds: string[],
  step: 1 | 2,
): NextStep {
  if (problems.length > 0) return { kind: 'page', blockId: block.id, step };
  const shown = new Set(shownIds);
  if (planBlockSteps(block, audience, answers).followUps.some((question) => !shown.has(question.id)))
    return { kind: 'page', blockId: block.id, step: 2 };
  const following = nextBlock(definition, block.id, audience, answers);
  return following ? { kind: 'page', blockId: following.id, step: 1 } : { kind: 'review' };
}

/**
 * Saves one page of the online questionnaire: valid answers are stored even when others on the page are wrong
 * (nothing typed is lost), the place to resume is remembered, and a respondent who has answered enough becomes a
 * partial (see docs/surveys.md). Works after submission too, until the wave closes.
 */
export async function saveOnlinePage(
  db: Kysely<Database>,
  session: AnsweringSession,
  input: { blockId: string; form: Record<string, string>; shownIds: string[]; step: 1 | 2 },
): Promise<PageSaveResult> {
  const { questionnaire, surveyCase } = session;
  const block = getBlock(questionnaire, input.blockId);
  const { typed, scope } = typedValuesForPage(block, 'respondent', input.form, input.shownIds);
  const saved = await currentAnswers(db, session);
  const { answers, problems } = mergeAnswers(questionnaire.definition, saved, typed, scope);
  answers.mode = 'online';
  const next = stepAfterSave(
    questionnaire.definition,
    block,
    'respondent',
    answers,
    problems,
    input.shownIds,
    input.step,
  );
  const resumeAt = next.kind === 'review' ? 'review' : next.blockId;
  let response = session.response;
  if (!response) {
    const respondentId = await ensureRespondentId(db, surveyCase);
    await insertResponse(db, {
      id: randomUUID(),
      waveId: surveyCase.waveId,
      caseId: surveyCase.id,
      respondentId,
      mode: 'online',
      status: 'in_progress',
      answers,
      currentPage: resumeAt,
      submittedAt: null,
    });
    response = toSurveyResponse((await selectResponse(db, surveyCase.waveId, respondentId))!);
  } else {
    await updateResponse(db, response.id, { answers, currentPage: resumeAt, mode: 'online' });
  }
  if (response.status === 'in_progress') await recordProgress(db, surveyCase.id, questionnaire, answers);
  return { answers, problems, next };
}

/** A respondent who has answered at least the partial threshold of the help blocks is a partial until submitting. */
async function recordProgress(
  db: Kysely<Database>,
  caseId: string,
  questionnaire: Questionnaire,
  answers: Answers,
): Promise<void> {
  const surveyCase = await getCase(db, caseId);
  if (surveyCase.disposition !== 'unknown_eligibility' && surveyCase.disposition !== 'non_contact') return;
  if (answeredShare(questionnaire.definition, answers) >= partialThreshold) {
    await changeDisposition(db, caseId, 'partial', { note: 'answered at least half of the help blocks online' });
  }
}

/** Submits the online questionnaire: the response is complete and so is the case. It stays editable until the wave closes. */
export async function submitOnlineResponse(db: Kysely<Database>, session: AnsweringSession): Promise<void> {
  if (!session.response) {
    await saveOnlinePage(db, session, {
      blockId: session.questionnaire.definition.blocks[0]!.id,
      form: {},
      shownIds: [],
      step: 1,
    });
  }
  const row = await selectResponseByCase(db, session.surveyCase.id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  if (row.status !== 'complete') await updateResponse(db, row.id, { status: 'complete', submittedAt: new Date() });
  await changeDisposition(db, session.surveyCase.id, 'complete', { note: 'submitted online' });
}

/** The response a case gave, or undefined. */
export async function findResponseOfCase(db: Kysely<Database>, caseId: string): Promise<SurveyResponse | undefined> {
  const row = await selectResponseByCase(db, caseId);
  return row ? toSurveyResponse(row) : undefined;
}
