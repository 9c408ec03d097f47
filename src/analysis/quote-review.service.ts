import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { getWaveByKey, type Wave } from '../surveys/wave.service.js';
import { selectAnswerCounts, selectQuoteReviews, upsertQuoteReview } from './analysis.repository.js';
import { quotedQuestionIds, type QuoteFilter } from './analysis.service.js';
import type { QuoteDecision } from './analysis.table.js';

// Respondents' own words reach the public report only after an analyst approves them (issue 15, item 6). Every
// distinct free-text answer the report could quote is pending until approved or rejected; the public report
// (HTML, PDF) quotes approved answers only and otherwise shows codes and counts. Decisions are audited.

/** Names a distinct answer without storing its words twice: SHA-256 hex of the text as the analysis counts it. */
export function quoteHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type QuoteStatus = 'pending' | QuoteDecision;

/** One distinct answer in the review queue: its question, its words, how many gave it, and its status. */
export type QuoteCandidate = { questionId: string; text: string; hash: string; count: number; status: QuoteStatus };

export type QuoteQueue = {
  wave: Wave;
  status: QuoteStatus;
  counts: Record<QuoteStatus, number>;
  items: QuoteCandidate[];
  total: number;
  page: number;
  pages: number;
};

export const quotesPerPage = 50;

async function listCandidates(db: Kysely<Database>, wave: Wave): Promise<QuoteCandidate[]> {
  const questionIds = quotedQuestionIds();
  const [counts, reviews] = await Promise.all([
    selectAnswerCounts(db, wave.id, questionIds),
    selectQuoteReviews(db, wave.id),
  ]);
  const decisions = new Map(reviews.map((review) => [`${review.questionId}\n${review.textHash}`, review.decision]));
  const order = new Map(questionIds.map((id, index) => [id, index]));
  return counts
    .map((row) => {
      const hash = quoteHash(row.value);
      return {
        questionId: row.item,
        text: row.value,
        hash,
        count: row.count,
        status: decisions.get(`${row.item}\n${hash}`) ?? ('pending' as QuoteStatus),
      };
    })
    .sort(
      (a, b) =>
        (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0) ||
        b.count - a.count ||
        a.text.localeCompare(b.text),
    );
}

/** One page of a wave's quotable answers with one status (pending first by default), and how many have each. */
export async function listQuoteQueue(
  db: Kysely<Database>,
  waveKey: string,
  options: { status?: QuoteStatus; page?: number } = {},
): Promise<QuoteQueue> {
  const wave = await getWaveByKey(db, waveKey);
  const status = options.status ?? 'pending';
  const candidates = await listCandidates(db, wave);
  const counts: Record<QuoteStatus, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const candidate of candidates) counts[candidate.status] += 1;
  const chosen = candidates.filter((candidate) => candidate.status === status);
  const pages = Math.max(1, Math.ceil(chosen.length / quotesPerPage));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  return {
    wave,
    status,
    counts,
    items: chosen.slice((page - 1) * quotesPerPage, page * quotesPerPage),
    total: chosen.length,
    page,
    pages,
  };
}

/**
 * Approves or rejects one distinct answer for the public report; the decision is audited (ids and the hash, never
 * the words). An answer that is not (or no longer) among the wave's answers is not_found.
 */
export async function decideQuote(
  db: Kysely<Database>,
  waveKey: string,
  input: { questionId: string; hash: string; decision: QuoteDecision },
  accountId: string | null,
): Promise<void> {
  const wave = await getWaveByKey(db, waveKey);
  if (!quotedQuestionIds().includes(input.questionId)) throw new AppError('not_found', 'error.not_found');
  const rows = await selectAnswerCounts(db, wave.id, [input.questionId]);
  if (!rows.some((row) => quoteHash(row.value) === input.hash)) throw new AppError('not_found', 'error.not_found');
  await upsertQuoteReview(db, {
    waveId: wave.id,
    questionId: input.questionId,
    textHash: input.hash,
    decision: input.decision,
    accountId,
  });
  await recordAuditEvent(db, {
    accountId,
    action: `analysis.quote.${input.decision === 'approved' ? 'approve' : 'reject'}`,
    entityType: 'wave',
    entityId: wave.id,
    details: { questionId: input.questionId, textHash: input.hash },
  });
}

/** The public report's quote filter: only answers an analyst approved (and whose words have not changed since). */
export async function approvedQuoteFilter(db: Kysely<Database>, waveKey: string): Promise<QuoteFilter> {
  const wave = await getWaveByKey(db, waveKey);
  const approved = new Set(
    (await selectQuoteReviews(db, wave.id))
      .filter((review) => review.decision === 'approved')
      .map((review) => `${review.questionId}\n${review.textHash}`),
  );
  return (questionId, text) => approved.has(`${questionId}\n${quoteHash(text)}`);
}
