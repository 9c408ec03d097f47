import { normalizeAnswer } from './questionnaire.model.js';
import type { Question } from './questionnaire.schema.js';
import type { Answers } from './survey.table.js';

// Plausibility checks: answers that are valid but very unlikely (99,999 extra staff positions, a billion euro a
// year), most often a slip of the keyboard. They are soft: staff keying in a paper form see a warning and must
// confirm the value before it is stored; a confirmed value is kept as typed. All checks live here, beside the
// questionnaire model, so the paper pages, the tests and the docs read one list.

/** One check: which questions it reads (by id pattern, so every help block gets it), and the limit it enforces. */
export type PlausibilityCheck = {
  /** Names the check in messages and tests. */
  id: string;
  questionPattern: RegExp;
  /** The largest plausible value of this question given the other answers; above it staff must confirm. */
  maximum: (questionId: string, answers: Answers) => number;
  /** Message key; `{value}` and `{maximum}` are filled in. */
  messageKey: string;
};

export const plausibilityChecks: readonly PlausibilityCheck[] = [
  {
    // A municipal social service has a few dozen staff in all; asking for more than 20 extra is very unusual.
    id: 'extra_staff_positions',
    questionPattern: /_needs_staff$/,
    maximum: () => 20,
    messageKey: 'survey.plausibility.staff',
  },
  {
    // Per person: a few thousand euro (a year of benefits and a bed); per year or one-off: a programme's budget.
    id: 'funding_amount',
    questionPattern: /_needs_funding_amount$/,
    maximum: (questionId, answers) =>
      answers[questionId.replace(/_amount$/, '_basis')] === 'per_person' ? 10_000 : 1_000_000,
    messageKey: 'survey.plausibility.funding',
  },
];

/** A valid answer that looks wrong: the question, the check, the value and the limit it passed. */
export type PlausibilityWarning = {
  questionId: string;
  checkId: string;
  messageKey: string;
  value: number;
  maximum: number;
};

/** The warnings for these questions' answers (numbers above a check's maximum), in the order of `questions`. */
export function findImplausibleAnswers(questions: Question[], answers: Answers): PlausibilityWarning[] {
  const warnings: PlausibilityWarning[] = [];
  for (const question of questions) {
    const raw = answers[question.id];
    if (question.type !== 'number' || raw === undefined || raw === '') continue;
    const value = Number(raw);
    for (const check of plausibilityChecks) {
      if (!check.questionPattern.test(question.id)) continue;
      const maximum = check.maximum(question.id, answers);
      if (value > maximum)
        warnings.push({ questionId: question.id, checkId: check.id, messageKey: check.messageKey, value, maximum });
    }
  }
  return warnings;
}

/**
 * Holds back the implausible values staff have not confirmed: they keep their saved value (or none) until the
 * staff member ticks "the form says so". A value already saved was confirmed before and is not asked about again.
 */
export function holdImplausibleAnswers(
  questions: Question[],
  saved: Answers,
  merged: Answers,
  confirmedIds: ReadonlySet<string>,
): { answers: Answers; warnings: PlausibilityWarning[] } {
  const warnings = findImplausibleAnswers(questions, merged).filter(
    (warning) => !confirmedIds.has(warning.questionId) && saved[warning.questionId] !== merged[warning.questionId],
  );
  const answers = { ...merged };
  for (const warning of warnings) {
    const previous = saved[warning.questionId];
    if (previous === undefined) delete answers[warning.questionId];
    else answers[warning.questionId] = previous;
  }
  return { answers, warnings };
}

/**
 * The warnings for values staff typed for some questions (e.g. "another value" on the comparison of two entries),
 * read with the other answers around them, leaving out what they already confirmed. Invalid values are not judged
 * here: the answer checks report them.
 */
export function findImplausibleTypedValues(
  questions: Question[],
  typed: Record<string, string>,
  around: Answers,
  confirmedIds: ReadonlySet<string>,
): PlausibilityWarning[] {
  const answers: Answers = { ...around };
  for (const question of questions) {
    const result = normalizeAnswer(question, typed[question.id] ?? '');
    if ('value' in result && result.value !== '') answers[question.id] = result.value;
  }
  return findImplausibleAnswers(questions, answers).filter((warning) => !confirmedIds.has(warning.questionId));
}
