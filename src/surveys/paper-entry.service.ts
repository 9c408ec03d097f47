import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { changeDisposition, ensureRespondentId, getCaseByCode } from './case.service.js';
import {
  checkCompleteAnswers,
  isRelevant,
  listQuestions,
  mergeAnswers,
  type AnswerProblem,
} from './questionnaire.model.js';
import type { Question, QuestionnaireDefinition } from './questionnaire.schema.js';
import { getQuestionnaireById } from './questionnaire.service.js';
import {
  insertEntry,
  insertResponse,
  selectEntriesOfRespondent,
  selectEntriesOfWave,
  selectEntry,
  selectResponse,
  updateEntry,
  updateResponse,
  type EntryRow,
} from './response.repository.js';
import { holdImplausibleAnswers, type PlausibilityWarning } from './plausibility.js';
import {
  getBlock,
  initialAnswers,
  stepAfterSave,
  typedValuesForPage,
  type NextStep,
  type PageSaveResult,
} from './response.service.js';
import type { Answers, ResponseMode } from './survey.table.js';
import type { Wave } from './wave.service.js';

// Paper forms keyed in by staff, REDCap-style: entry 1, an optional blind entry 2 by another person (the same
// person would repeat their own misreadings, so the check would catch nothing), then a comparison that resolves
// every difference into the wave's survey_response.

export type PaperEntry = {
  id: string;
  waveId: string;
  caseId: string | null;
  respondentId: string;
  entryNumber: 1 | 2;
  answers: Answers;
  currentPage: string | null;
  accountId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

function toPaperEntry(row: EntryRow): PaperEntry {
  return {
    id: row.id,
    waveId: row.wave_id,
    caseId: row.case_id,
    respondentId: row.respondent_id,
    entryNumber: row.entry_number === 2 ? 2 : 1,
    answers: row.answers ?? {},
    currentPage: row.current_page,
    accountId: row.account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** One entry of a wave by id; throws not_found (also for an entry of another wave). */
export async function getPaperEntry(db: Kysely<Database>, wave: Wave, entryId: string): Promise<PaperEntry> {
  const row = /^[0-9a-f-]{36}$/.test(entryId) ? await selectEntry(db, entryId) : undefined;
  if (!row || row.wave_id !== wave.id) throw new AppError('not_found', 'error.not_found');
  return toPaperEntry(row);
}

/** One entry of a wave that this account may key in: not the other entry's keyer (see assertBlindEntry). */
export async function getPaperEntryToKey(
  db: Kysely<Database>,
  wave: Wave,
  entryId: string,
  accountId: string | null,
): Promise<PaperEntry> {
  const entry = await getPaperEntry(db, wave, entryId);
  assertBlindEntry(await listEntriesOfRespondent(db, wave.id, entry.respondentId), entry.entryNumber, accountId);
  return entry;
}

/** Every paper entry of a wave, by respondent and entry number. */
export async function listPaperEntries(db: Kysely<Database>, waveId: string): Promise<PaperEntry[]> {
  return (await selectEntriesOfWave(db, waveId)).map(toPaperEntry);
}

/** The entries (1, and 2 if any) of one respondent. */
export async function listEntriesOfRespondent(
  db: Kysely<Database>,
  waveId: string,
  respondentId: string,
): Promise<PaperEntry[]> {
  return (await selectEntriesOfRespondent(db, waveId, respondentId)).map(toPaperEntry);
}

/**
 * Refuses an account that keyed the other entry of the same paper form: blind double entry needs two people.
 * Entries keyed before accounts were recorded (no account) do not count as anyone's.
 */
export function assertBlindEntry(entries: PaperEntry[], entryNumber: 1 | 2, accountId: string | null): void {
  const other = entries.find((entry) => entry.entryNumber !== entryNumber);
  if (accountId !== null && other?.accountId === accountId)
    throw new AppError('conflict', 'survey.error.same_account_entry');
}

/**
 * Starts keying in the paper form of a case as entry 1 or 2; an entry that exists already is continued. Entry 2
 * starts empty and must not see entry 1; it is refused to the account that keyed entry 1 (and entry 1 to the
 * account that keyed entry 2).
 */
export async function startPaperEntry(
  db: Kysely<Database>,
  wave: Wave,
  input: { caseCode: string; entryNumber: 1 | 2; accountId: string | null },
): Promise<PaperEntry> {
  if (wave.status === 'closed') throw new AppError('conflict', 'survey.error.wave_closed');
  const surveyCase = await getCaseByCode(db, wave.id, input.caseCode);
  const respondentId = await ensureRespondentId(db, surveyCase);
  const response = await selectResponse(db, wave.id, respondentId);
  if (response?.status === 'complete') throw new AppError('conflict', 'survey.error.response_exists');
  const entries = (await selectEntriesOfRespondent(db, wave.id, respondentId)).map(toPaperEntry);
  assertBlindEntry(entries, input.entryNumber, input.accountId);
  const existing = entries.find((entry) => entry.entryNumber === input.entryNumber);
  if (existing) return existing;
  const id = randomUUID();
  await insertEntry(db, {
    id,
    waveId: wave.id,
    caseId: surveyCase.id,
    respondentId,
    entryNumber: input.entryNumber,
    // What the registry knows (type, place) is filled in for staff to check against the form, as online.
    answers: await initialAnswers(db, surveyCase, null),
    accountId: input.accountId,
  });
  return getPaperEntry(db, wave, id);
}

/** Saves one page of a paper entry, with the same checks as the online form; the staff see "how it came back" too. */
export async function savePaperEntryPage(
  db: Kysely<Database>,
  wave: Wave,
  entry: PaperEntry,
  input: {
    blockId: string;
    form: Record<string, string>;
    shownIds: string[];
    step: 1 | 2;
    /** Questions whose unlikely value the staff member confirmed ("the form says so"). */
    confirmedIds?: string[];
  },
): Promise<PageSaveResult & { warnings: PlausibilityWarning[] }> {
  if (wave.status === 'closed') throw new AppError('conflict', 'survey.error.wave_closed');
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const block = getBlock(questionnaire, input.blockId);
  const { typed, scope } = typedValuesForPage(block, 'staff', input.form, input.shownIds);
  const merged = mergeAnswers(questionnaire.definition, entry.answers, typed, scope);
  const { answers, warnings } = holdImplausibleAnswers(
    scope,
    entry.answers,
    merged.answers,
    new Set(input.confirmedIds ?? []),
  );
  const problems = merged.problems;
  const next: NextStep =
    warnings.length > 0
      ? { kind: 'page', blockId: block.id, step: input.step }
      : stepAfterSave(questionnaire.definition, block, 'staff', answers, problems, input.shownIds, input.step);
  await updateEntry(db, entry.id, { answers, currentPage: next.kind === 'review' ? 'review' : next.blockId });
  return { answers, problems, next, warnings };
}

/** Marks an entry as finished (it can still be corrected until the answers are confirmed). */
export async function finishPaperEntry(db: Kysely<Database>, entry: PaperEntry): Promise<void> {
  await updateEntry(db, entry.id, { finishedAt: new Date() });
}

/** One question on which the two entries disagree. */
export type EntryDifference = { question: Question; first: string | undefined; second: string | undefined };

/** The questions where entry 1 and entry 2 differ, in questionnaire order. */
export function compareEntries(
  definition: QuestionnaireDefinition,
  first: Answers,
  second: Answers,
): EntryDifference[] {
  return listQuestions(definition)
    .filter((question) => !question.system && (first[question.id] ?? '') !== (second[question.id] ?? ''))
    .map((question) => ({ question, first: first[question.id], second: second[question.id] }));
}

/** How staff settled one difference: take entry 1, entry 2, or a value they type. */
export type Resolution = { choice: 'entry1' | 'entry2' } | { choice: 'other'; value: string };

/**
 * Confirms a paper form: the agreed answers (entry 1 where both agree, each difference as resolved; or entry 1
 * alone when there is no second entry) become the respondent's survey_response, complete, and the case complete.
 * Answers a resolution made irrelevant ("what exactly" after a resolved "no") are dropped; other problems throw.
 */
export async function confirmPaperEntries(
  db: Kysely<Database>,
  wave: Wave,
  respondentId: string,
  resolutions: Record<string, Resolution>,
  context: { accountId: string | null },
): Promise<{ answers: Answers; problems: AnswerProblem[] }> {
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const entries = await listEntriesOfRespondent(db, wave.id, respondentId);
  const first = entries.find((entry) => entry.entryNumber === 1);
  const second = entries.find((entry) => entry.entryNumber === 2);
  if (!first || entries.some((entry) => !entry.finishedAt))
    throw new AppError('conflict', 'survey.error.entry_not_finished');
  const values: Record<string, string> = { ...first.answers };
  if (second) {
    for (const difference of compareEntries(questionnaire.definition, first.answers, second.answers)) {
      const resolution = resolutions[difference.question.id];
      if (!resolution)
        throw new AppError('invalid_input', 'survey.paper.choose_resolution', [
          { path: difference.question.id, messageKey: 'survey.paper.choose_resolution' },
        ]);
      if (resolution.choice === 'other') values[difference.question.id] = resolution.value;
      else
        values[difference.question.id] = (resolution.choice === 'entry1' ? difference.first : difference.second) ?? '';
    }
  }
  const checked = checkCompleteAnswers(questionnaire.definition, values);
  const problems = checked.problems.filter((problem) => problem.code !== 'not_asked');
  if (problems.length > 0) return { answers: checked.answers, problems };
  const answers = Object.fromEntries(
    Object.entries(checked.answers).filter(([id]) => {
      const question = listQuestions(questionnaire.definition).find((candidate) => candidate.id === id);
      return question !== undefined && isRelevant(question, checked.answers);
    }),
  );
  const mode: ResponseMode =
    (['post', 'email', 'fax', 'online', 'paper'] as const).find((candidate) => candidate === answers.mode) ?? 'paper';
  const existing = await selectResponse(db, wave.id, respondentId);
  const now = new Date();
  if (existing) {
    await updateResponse(db, existing.id, {
      answers,
      status: 'complete',
      submittedAt: now,
      mode,
      caseId: first.caseId,
      currentPage: null,
    });
  } else {
    await insertResponse(db, {
      id: randomUUID(),
      waveId: wave.id,
      caseId: first.caseId,
      respondentId,
      mode,
      status: 'complete',
      answers,
      currentPage: null,
      submittedAt: now,
    });
  }
  if (first.caseId) {
    await changeDisposition(db, first.caseId, 'complete', {
      accountId: context.accountId,
      note: second ? 'paper form, double entry reconciled' : 'paper form, single entry',
    });
  }
  return { answers, problems: [] };
}
