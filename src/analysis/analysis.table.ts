import type { Generated } from 'kysely';

// Row types of the analysis tables (db/migrations/20261125_0400_analysis.sql). Only analysis/ writes them; the
// survey tables it reads are typed in surveys/survey.table.ts.

export const answerCodeSources = ['auto', 'analyst'] as const;
export type AnswerCodeSource = (typeof answerCodeSources)[number];

export interface AnswerCodeTable {
  wave_id: string;
  respondent_id: string;
  question_id: string;
  category: string;
  source: AnswerCodeSource;
  answer_text: string;
  account_id: string | null;
  updated_at: Generated<Date>;
}

export interface AnalysisSettingTable {
  wave_id: string;
  eligibility_rate: number | null;
  population: number | null;
  account_id: string | null;
  updated_at: Generated<Date>;
}

/** Kept by the 0410 migration's triggers on survey_response; analysis.repository.ts only reads it (and recounts). */
export interface AnalysisAnswerCountTable {
  wave_id: string;
  item: string;
  value: string;
  count: number;
}

export const quoteDecisions = ['approved', 'rejected'] as const;
export type QuoteDecision = (typeof quoteDecisions)[number];

/** An analyst's decision on publishing one distinct free-text answer (db/migrations/20261207_0800_quote_review.sql). */
export interface QuoteReviewTable {
  wave_id: string;
  question_id: string;
  /** SHA-256 hex of the answer's text as the analysis counts it. */
  text_hash: string;
  decision: QuoteDecision;
  account_id: string | null;
  decided_at: Generated<Date>;
}
