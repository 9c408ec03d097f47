import type { Block, Question, QuestionnaireDefinition } from './questionnaire.schema.js';
import type { Answers } from './survey.table.js';

// Pure rules of a questionnaire: which questions are asked (relevance), what a valid answer is, how answers are
// normalised to the flat strings of the CSV contract. No database, no HTTP: the online form, paper entry and CSV
// import all go through these functions, so they cannot disagree.

/** One condition of a relevance/requirement expression: `question = value` or `question != value`. */
type Condition = { questionId: string; operator: '=' | '!='; value: string };
/** Conditions joined by `and` inside each group, groups joined by `or` (no parentheses needed so far). */
type Expression = Condition[][];

const conditionPattern = /^([a-z][a-z0-9_]*)\s*(!=|=)\s*(''|""|[A-Za-z0-9_.]+)$/;

// Expressions are few and evaluated for every answer of every row of an import: parse each once.
const parsedExpressions = new Map<string, Expression>();

/** Parses "a = yes and b != ''" into groups of conditions; throws on anything else so a typo fails at load. */
export function parseExpression(text: string): Expression {
  let parsed = parsedExpressions.get(text);
  if (!parsed) {
    parsed = parseExpressionText(text);
    parsedExpressions.set(text, parsed);
  }
  return parsed;
}

function parseExpressionText(text: string): Expression {
  return text.split(/\s+or\s+/).map((group) =>
    group.split(/\s+and\s+/).map((part) => {
      const match = conditionPattern.exec(part.trim());
      if (!match) throw new Error(`cannot read the condition "${part.trim()}" in "${text}"`);
      const raw = match[3]!;
      return {
        questionId: match[1]!,
        operator: match[2] as '=' | '!=',
        value: raw === "''" || raw === '""' ? '' : raw,
      };
    }),
  );
}

/** The question ids an expression reads. */
export function expressionQuestionIds(text: string): string[] {
  return parseExpression(text)
    .flat()
    .map((condition) => condition.questionId);
}

/** Evaluates an expression over answers; an unanswered question has the value '' (never "no"). */
export function evaluateExpression(text: string, answers: Answers): boolean {
  return parseExpression(text).some((group) =>
    group.every((condition) => {
      const value = answers[condition.questionId] ?? '';
      return condition.operator === '=' ? value === condition.value : value !== condition.value;
    }),
  );
}

/** Every question in questionnaire order. */
export function listQuestions(definition: QuestionnaireDefinition): Question[] {
  return definition.blocks.flatMap((block) => block.questions);
}

/** The CSV columns of a questionnaire: respondent_id first, then every question in questionnaire order. */
export function listColumns(definition: QuestionnaireDefinition): string[] {
  const ids = listQuestions(definition).map((question) => question.id);
  return ['respondent_id', ...ids.filter((id) => id !== 'respondent_id')];
}

/** True when the question is asked given these answers. */
export function isRelevant(question: Question, answers: Answers): boolean {
  return question.relevant === undefined || evaluateExpression(question.relevant, answers);
}

/**
 * Checks a definition beyond its shape: unique ids, choices where needed, and expressions that only look back
 * at questions asked earlier (a question cannot depend on one the respondent has not reached).
 */
export function checkDefinition(definition: QuestionnaireDefinition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const block of definition.blocks) {
    if (seen.has(`block:${block.id}`)) problems.push(`block ${block.id} appears twice`);
    seen.add(`block:${block.id}`);
    for (const question of block.questions) {
      if (seen.has(question.id)) problems.push(`question ${question.id} appears twice`);
      if (question.type === 'choice' && !question.choices?.length)
        problems.push(`question ${question.id} has no choices`);
      for (const [kind, expression] of [
        ['relevant', question.relevant],
        ['requiredIf', question.requiredIf],
      ] as const) {
        if (expression === undefined) continue;
        try {
          for (const id of expressionQuestionIds(expression)) {
            const known = seen.has(id) || (kind === 'requiredIf' && block.questions.some((other) => other.id === id));
            if (!known) problems.push(`question ${question.id}: ${kind} reads ${id}, which is not asked before it`);
          }
        } catch (error) {
          problems.push(`question ${question.id}: ${(error as Error).message}`);
        }
      }
      seen.add(question.id);
    }
  }
  return problems;
}

/** What is wrong with one answer; `relatedQuestionId` names the answer that made this one required. */
export type AnswerProblem = {
  questionId: string;
  code:
    | 'not_yes_no'
    | 'not_a_choice'
    | 'not_a_number'
    | 'ambiguous_number'
    | 'negative'
    | 'too_long'
    | 'required_with'
    | 'not_asked'
    | 'unknown_question';
  relatedQuestionId?: string;
  value?: string;
};

const defaultMaxLength = 4000;

/**
 * Normalises one typed value to the stored string: trimmed text; numbers with a decimal point and no thousands
 * separators ("1 200,50" → "1200.5", see readDecimal); '' means not answered. Returns a problem code when the
 * value is not valid.
 */
export function normalizeAnswer(
  question: Question,
  raw: string,
): { value: string } | { problem: AnswerProblem['code'] } {
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (text === '') return { value: '' };
  switch (question.type) {
    case 'yes_no':
      return text === 'yes' || text === 'no' ? { value: text } : { problem: 'not_yes_no' };
    case 'choice':
      return question.choices?.some((choice) => choice.value === text) ? { value: text } : { problem: 'not_a_choice' };
    case 'number': {
      const compact = readDecimal(text.replace(/[\s\u00a0]/g, ''));
      if (compact === 'ambiguous') return { problem: 'ambiguous_number' };
      if (!/^-?\d+(\.\d+)?$/.test(compact)) return { problem: 'not_a_number' };
      const number = Number(compact);
      if (number < 0) return { problem: 'negative' };
      return { value: String(number) };
    }
    case 'text':
      return text.length > (question.maxLength ?? defaultMaxLength) ? { problem: 'too_long' } : { value: text };
  }
}

/**
 * A number as people type it, with "." as its decimal point: "1 200,50" and "1,200.50" are 1200.5, "0,5" is 0.5,
 * "1.000.000" a million. One separator before exactly three digits ("1,000", "2.500") is a thousand in English
 * and one (or two and a half) in Latvian and Russian, so it is 'ambiguous' and the person is asked again rather
 * than an amount being stored a thousand times too small.
 */
function readDecimal(compact: string): string | 'ambiguous' {
  const separators = compact.match(/[.,]/g) ?? [];
  if (separators.length === 0) return compact;
  const kinds = new Set(separators);
  if (kinds.size === 2) {
    // Both kinds: the last one is the decimal point, the other groups thousands.
    const decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    return compact.split(grouping).join('').replace(decimal, '.');
  }
  const [separator] = kinds;
  if (separators.length > 1)
    return /^-?\d{1,3}([.,]\d{3})+$/.test(compact) ? compact.split(separator!).join('') : compact;
  if (/^-?\d{1,3}[.,]\d{3}$/.test(compact)) return 'ambiguous';
  return compact.replace(',', '.');
}

/**
 * Merges typed values for some questions into saved answers and checks them: values are normalised, questions
 * that are no longer asked lose their answer (changing "yes" to "no" removes "what exactly"), and answers that
 * became required are reported. Valid values are kept even when others on the same page are wrong, so the
 * caller can save them and nothing typed is lost.
 */
export function mergeAnswers(
  definition: QuestionnaireDefinition,
  saved: Answers,
  typed: Record<string, string>,
  scope: Question[],
): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = { ...saved };
  const problems: AnswerProblem[] = [];
  for (const question of scope) {
    if (!(question.id in typed)) continue;
    const result = normalizeAnswer(question, typed[question.id] ?? '');
    if ('problem' in result) {
      problems.push({ questionId: question.id, code: result.problem, value: typed[question.id] });
      continue;
    }
    if (result.value === '') delete answers[question.id];
    else answers[question.id] = result.value;
  }
  const failed = new Set(problems.map((problem) => problem.questionId));
  for (const question of listQuestions(definition)) {
    if (question.system) continue;
    if (!isRelevant(question, answers)) delete answers[question.id];
  }
  for (const question of scope) {
    if (failed.has(question.id) || !question.requiredIf || !isRelevant(question, answers)) continue;
    if ((answers[question.id] ?? '') === '' && evaluateExpression(question.requiredIf, answers)) {
      problems.push({
        questionId: question.id,
        code: 'required_with',
        relatedQuestionId: expressionQuestionIds(question.requiredIf)[0],
      });
    }
  }
  return { answers, problems };
}

/**
 * Checks a whole set of answers as they arrive from a file: every value must be valid, questions that were not
 * asked must be empty, and required companions present. Nothing is dropped silently.
 */
export function checkCompleteAnswers(
  definition: QuestionnaireDefinition,
  values: Record<string, string>,
): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  const questions = listQuestions(definition).filter((question) => !question.system);
  for (const question of questions) {
    const result = normalizeAnswer(question, values[question.id] ?? '');
    if ('problem' in result)
      problems.push({ questionId: question.id, code: result.problem, value: values[question.id] });
    else if (result.value !== '') answers[question.id] = result.value;
  }
  const failed = new Set(problems.map((problem) => problem.questionId));
  for (const question of questions) {
    if (failed.has(question.id)) continue;
    if (!isRelevant(question, answers)) {
      if (answers[question.id] !== undefined) {
        problems.push({
          questionId: question.id,
          code: 'not_asked',
          relatedQuestionId: expressionQuestionIds(question.relevant ?? '')[0],
          value: answers[question.id],
        });
      }
      continue;
    }
    if (question.requiredIf && answers[question.id] === undefined && evaluateExpression(question.requiredIf, answers)) {
      problems.push({
        questionId: question.id,
        code: 'required_with',
        relatedQuestionId: expressionQuestionIds(question.requiredIf)[0],
      });
    }
  }
  return { answers, problems };
}

/** Who is filling in the form: the respondent online, or staff keying in a paper form. */
export type Audience = 'respondent' | 'staff';

/** The questions of a block that this audience answers as form fields. */
export function formQuestions(block: Block, audience: Audience): Question[] {
  return block.questions.filter(
    (question) => !question.system && (question.askedOf !== 'staff' || audience === 'staff'),
  );
}

/**
 * Splits a block into the two steps a page without JavaScript needs. Step 1: the questions asked regardless, and
 * follow-ups whose condition (on this same page) is already met by saved answers. Step 2: follow-ups that became
 * relevant only through this page's answers ("what exactly?" after a fresh "yes").
 */
export function planBlockSteps(
  block: Block,
  audience: Audience,
  saved: Answers,
): { first: Question[]; followUps: Question[] } {
  const questions = formQuestions(block, audience);
  const onThisPage = new Set(questions.map((question) => question.id));
  const dependsOnThisPage = (question: Question) =>
    question.relevant !== undefined && expressionQuestionIds(question.relevant).some((id) => onThisPage.has(id));
  const first = questions.filter((question) => isRelevant(question, saved));
  const followUps = questions.filter((question) => dependsOnThisPage(question) && isRelevant(question, saved));
  return { first, followUps };
}

/** The block after `blockId` that has at least one question this audience is asked, or undefined at the end. */
export function nextBlock(
  definition: QuestionnaireDefinition,
  blockId: string,
  audience: Audience,
  answers: Answers,
): Block | undefined {
  const index = definition.blocks.findIndex((block) => block.id === blockId);
  return definition.blocks.slice(index + 1).find((block) => hasQuestionsFor(block, audience, answers));
}

/** The block before `blockId` that has questions for this audience, or undefined at the start. */
export function previousBlock(
  definition: QuestionnaireDefinition,
  blockId: string,
  audience: Audience,
  answers: Answers,
): Block | undefined {
  const index = definition.blocks.findIndex((block) => block.id === blockId);
  return definition.blocks
    .slice(0, Math.max(index, 0))
    .reverse()
    .find((block) => hasQuestionsFor(block, audience, answers));
}

/** The blocks this audience pages through, in order. */
export function pagedBlocks(definition: QuestionnaireDefinition, audience: Audience, answers: Answers): Block[] {
  return definition.blocks.filter((block) => hasQuestionsFor(block, audience, answers));
}

function hasQuestionsFor(block: Block, audience: Audience, answers: Answers): boolean {
  return formQuestions(block, audience).some((question) => isRelevant(question, answers));
}

/**
 * The "key" question of each help block: its first yes/no question (`<block>_provides`). How many of them are
 * answered decides between a partial response and a break-off (see docs/surveys.md).
 */
export function keyQuestions(definition: QuestionnaireDefinition): Question[] {
  return definition.blocks
    .map((block) => block.questions.find((question) => question.type === 'yes_no' && !question.relevant))
    .filter((question): question is Question => question !== undefined);
}

/** Share (0–1) of the key questions answered. */
export function answeredShare(definition: QuestionnaireDefinition, answers: Answers): number {
  const keys = keyQuestions(definition);
  if (keys.length === 0) return 0;
  return keys.filter((question) => (answers[question.id] ?? '') !== '').length / keys.length;
}

/**
 * About how many minutes a respondent needs, rounded up to 5, as the first page promises: a quarter of a minute for
 * each question everyone is asked (most are yes/no or a number, and many are left empty), half a minute for each
 * follow-up, which asks for words (lv-2026: 76 and 22 questions, about 30 minutes).
 */
export function estimatedMinutes(definition: QuestionnaireDefinition): number {
  const questions = listQuestions(definition).filter((question) => !question.system && question.askedOf !== 'staff');
  const always = questions.filter((question) => question.relevant === undefined).length;
  const followUps = questions.length - always;
  return Math.max(5, Math.ceil((always * 0.25 + followUps * 0.5) / 5) * 5);
}
