import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { getWaveByKey, type Wave } from '../surveys/wave.service.js';
import {
  replaceReviewedCodes,
  selectAnswer,
  selectAnswerCounts,
  selectAnswers,
  selectReviewedCodes,
  type ReviewedCodeRow,
} from './analysis.repository.js';
import type { AnswerCodeSource } from './analysis.table.js';
import { codeQuestion, listCodedQuestions, type CodedQuestion } from './analysis.service.js';
import type { Codebook } from './codebook.js';
import { codeAnswer } from './coding.js';
import { isBlock, type Block } from './questions.js';

/** How an answer is coded now: automatically, or as an analyst settled it (and whether it still applies). */
export type AnswerCoding = {
  respondentId: string;
  text: string;
  automatic: string[];
  /** The categories that count: the review when it applies, else the automatic ones. */
  current: string[];
  state: 'automatic' | 'confirmed' | 'changed' | 'stale';
};

export type CodingPage = {
  wave: Wave;
  block: Block;
  questions: Array<{ questionId: string; codebook: Codebook }>;
  questionId: string;
  codebook: Codebook;
  summary: CodedQuestion;
  answers: AnswerCoding[];
  total: number;
  page: number;
  pages: number;
};

export const answersPerPage = 50;

function findCodedQuestion(
  block: string,
  questionId: string | undefined,
): {
  block: Block;
  questionId: string;
  codebook: Codebook;
  questions: Array<{ questionId: string; codebook: Codebook }>;
} {
  if (!isBlock(block)) throw new AppError('not_found', 'error.not_found');
  const questions = listCodedQuestions(block);
  const chosen =
    questionId === undefined ? questions[0] : questions.find((question) => question.questionId === questionId);
  if (!chosen) throw new AppError('not_found', 'error.not_found');
  return { block, questionId: chosen.questionId, codebook: chosen.codebook, questions };
}

function describeCoding(
  respondentId: string,
  text: string,
  codebook: Codebook,
  reviews: ReviewedCodeRow[],
): AnswerCoding {
  const automatic = codeAnswer(text, codebook);
  if (reviews.length === 0) return { respondentId, text, automatic, current: automatic, state: 'automatic' };
  if (reviews[0]!.answerText !== text) return { respondentId, text, automatic, current: automatic, state: 'stale' };
  const current = codebook.categories
    .map((category) => category.code)
    .filter((code) => reviews.some((review) => review.category === code));
  const unchanged = current.length === automatic.length && current.every((code) => automatic.includes(code));
  return { respondentId, text, automatic, current, state: unchanged ? 'confirmed' : 'changed' };
}

/** One page of a block's answers to a coded question, each with its automatic and current codes, and the counts. */
export async function getCodingPage(
  db: Kysely<Database>,
  waveKey: string,
  block: string,
  options: { questionId?: string; page?: number } = {},
): Promise<CodingPage> {
  const wave = await getWaveByKey(db, waveKey);
  const question = findCodedQuestion(block, options.questionId);
  const page = Math.max(1, options.page ?? 1);
  const [answers, reviews, distinct] = await Promise.all([
    selectAnswers(db, wave.id, question.questionId, { limit: answersPerPage, offset: (page - 1) * answersPerPage }),
    selectReviewedCodes(db, wave.id, [question.questionId]),
    selectAnswerCounts(db, wave.id, [question.questionId]),
  ]);
  const reviewsByRespondent = new Map<string, ReviewedCodeRow[]>();
  for (const review of reviews)
    reviewsByRespondent.set(review.respondentId, [...(reviewsByRespondent.get(review.respondentId) ?? []), review]);
  return {
    wave,
    block: question.block,
    questions: question.questions,
    questionId: question.questionId,
    codebook: question.codebook,
    summary: codeQuestion(
      question.questionId,
      question.codebook,
      distinct.map((row) => ({ questionId: row.item, text: row.value, count: row.count })),
      reviews,
    ),
    answers: answers.rows.map((row) =>
      describeCoding(row.respondentId, row.text, question.codebook, reviewsByRespondent.get(row.respondentId) ?? []),
    ),
    total: answers.total,
    page,
    pages: Math.max(1, Math.ceil(answers.total / answersPerPage)),
  };
}

/**
 * Settles an answer's categories: the analyst's choice replaces the automatic coding for this respondent (each
 * category marked as confirmed-automatic or chosen); the report's counts follow at once.
 */
export async function saveAnswerCoding(
  db: Kysely<Database>,
  waveKey: string,
  input: { block: string; respondentId: string; questionId: string; categories: string[] },
  accountId: string | null,
): Promise<void> {
  const wave = await getWaveByKey(db, waveKey);
  const question = findCodedQuestion(input.block, input.questionId);
  const known = new Set(question.codebook.categories.map((category) => category.code));
  const categories = [...new Set(input.categories)];
  if (categories.length === 0) {
    const detail = { path: 'category', messageKey: 'analysis.coding.error.no_category' };
    throw new AppError('invalid_input', 'analysis.coding.error.no_category', [detail]);
  }
  const unknown = categories.filter((category) => !known.has(category));
  if (unknown.length > 0) {
    const details = unknown.map((category) => ({
      path: 'category',
      messageKey: 'analysis.coding.error.unknown_category_named',
      parameters: { category },
    }));
    throw new AppError('invalid_input', 'analysis.coding.error.unknown_category', details);
  }
  const text = await selectAnswer(db, wave.id, input.respondentId, question.questionId);
  if (text === undefined) throw new AppError('not_found', 'error.not_found');
  const automatic = codeAnswer(text, question.codebook);
  const codes = categories.map((category) => ({
    category,
    source: (automatic.includes(category) ? 'auto' : 'analyst') as AnswerCodeSource,
  }));
  await replaceReviewedCodes(
    db,
    { waveId: wave.id, respondentId: input.respondentId, questionId: question.questionId },
    codes,
    text,
    accountId,
  );
  await recordAuditEvent(db, {
    accountId,
    action: 'analysis.coding.save',
    entityType: 'wave',
    entityId: wave.id,
    details: { questionId: question.questionId, respondentIds: [input.respondentId], categories },
  });
}

/**
 * Bulk coding: gives one category to many answers of a question at once, on top of the categories each already
 * counts under (an answer coded automatically keeps those, now confirmed). One audit event names the question,
 * the category and the respondent codes. Call inside a transaction: all answers change, or none.
 */
export async function applyCodeToAnswers(
  db: Kysely<Database>,
  waveKey: string,
  input: { block: string; questionId: string; respondentIds: string[]; category: string },
  accountId: string | null,
): Promise<number> {
  const wave = await getWaveByKey(db, waveKey);
  const question = findCodedQuestion(input.block, input.questionId);
  if (!question.codebook.categories.some((category) => category.code === input.category)) {
    const detail = { path: 'category', messageKey: 'analysis.coding.error.no_category' };
    throw new AppError('invalid_input', 'analysis.coding.error.no_category', [detail]);
  }
  const respondentIds = [...new Set(input.respondentIds)];
  if (respondentIds.length === 0) {
    const detail = { path: 'respondent', messageKey: 'analysis.coding.error.no_answers' };
    throw new AppError('invalid_input', 'analysis.coding.error.no_answers', [detail]);
  }
  const reviews = await selectReviewedCodes(db, wave.id, [question.questionId]);
  for (const respondentId of respondentIds) {
    const text = await selectAnswer(db, wave.id, respondentId, question.questionId);
    if (text === undefined) throw new AppError('not_found', 'error.not_found');
    const coding = describeCoding(
      respondentId,
      text,
      question.codebook,
      reviews.filter((review) => review.respondentId === respondentId),
    );
    const automatic = coding.automatic;
    const categories = [...new Set([...coding.current, input.category])];
    await replaceReviewedCodes(
      db,
      { waveId: wave.id, respondentId, questionId: question.questionId },
      categories.map((category) => ({
        category,
        source: (automatic.includes(category) ? 'auto' : 'analyst') as AnswerCodeSource,
      })),
      text,
      accountId,
    );
  }
  await recordAuditEvent(db, {
    accountId,
    action: 'analysis.coding.bulk',
    entityType: 'wave',
    entityId: wave.id,
    details: { questionId: question.questionId, category: input.category, respondentIds },
  });
  return respondentIds.length;
}

/** Drops an analyst's review of an answer, so it is coded automatically again. */
export async function resetAnswerCoding(
  db: Kysely<Database>,
  waveKey: string,
  input: { block: string; respondentId: string; questionId: string },
): Promise<void> {
  const wave = await getWaveByKey(db, waveKey);
  const question = findCodedQuestion(input.block, input.questionId);
  await replaceReviewedCodes(
    db,
    { waveId: wave.id, respondentId: input.respondentId, questionId: question.questionId },
    [],
    '',
    null,
  );
}
