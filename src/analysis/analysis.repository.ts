// SQL of the analysis. The survey tables (survey_response, survey_case) are read here and only read
// (docs/decisions/006-analysis-reads-survey-tables.md); the analysis tables (answer_code, analysis_setting,
// analysis_answer_count) are written here and by the 0410 migration's triggers. Every figure comes from counts
// kept in the database, so a wave of a million respondents never travels to JavaScript.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AnswerCodeSource, QuoteDecision } from './analysis.table.js';
import type { AnswerCount } from './answer-counts.js';

/** A wave's answer counts (optionally only some items), kept by the triggers of the 0410 migration. */
export async function selectAnswerCounts(
  db: Kysely<Database>,
  waveId: string,
  items?: readonly string[],
): Promise<AnswerCount[]> {
  let query = db.selectFrom('analysis_answer_count').select(['item', 'value', 'count']).where('wave_id', '=', waveId);
  if (items) query = query.where('item', 'in', items.length > 0 ? [...items] : ['']);
  const rows = await query.execute();
  return rows.map((row) => ({ item: row.item, value: row.value, count: Number(row.count) }));
}

/**
 * Rebuilds a wave's answer counts from its responses, with the same item function the triggers use: for a
 * database restored without the triggers' history, and to check that the kept counts are right.
 */
export async function recountAnswers(db: Kysely<Database>, waveId: string): Promise<void> {
  await db.deleteFrom('analysis_answer_count').where('wave_id', '=', waveId).execute();
  await sql`
    INSERT INTO analysis_answer_count (wave_id, item, value, count)
    SELECT r.wave_id, i.item, i.value, count(*)
    FROM survey_response r CROSS JOIN LATERAL analysis_answer_items(r.answers) i
    WHERE r.wave_id = ${waveId} AND r.status = 'complete'
    GROUP BY 1, 2, 3`.execute(db);
}

export type CategoryCountRow = { value: string; count: number };

/**
 * Institution type and territory from the sampled case, for the complete responses whose answers lack them (the
 * answers themselves are counted with the free-text answers, in countTextAnswers' one pass).
 */
export async function countCaseTypeAndTerritoryOfUnlabelledResponses(
  db: Kysely<Database>,
  waveId: string,
): Promise<{ byType: CategoryCountRow[]; byTerritory: CategoryCountRow[] }> {
  const result = await sql<{
    institution_type: string | null;
    territory: string | null;
    type_missing: boolean;
    territory_missing: boolean;
    count: number;
  }>`
    SELECT c.institution_type, c.territory, s.type_missing, s.territory_missing, count(*) AS count
    FROM (
      SELECT r.case_id, coalesce(btrim(r.answers->>'institution_type'), '') = '' AS type_missing, coalesce(btrim(r.answers->>'territory'), '') = '' AS territory_missing
      FROM survey_response r
      WHERE r.wave_id = ${waveId} AND r.status = 'complete'
    ) s
    LEFT JOIN survey_case c ON c.id = s.case_id
    WHERE s.type_missing OR s.territory_missing
    GROUP BY 1, 2, 3, 4`.execute(db);
  const tally = (rows: Array<{ value: string; count: number }>) => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.value, (counts.get(row.value) ?? 0) + row.count);
    return [...counts].map(([value, count]) => ({ value, count }));
  };
  return {
    byType: tally(
      result.rows
        .filter((row) => row.type_missing)
        .map((row) => ({ value: row.institution_type ?? '', count: Number(row.count) })),
    ),
    byTerritory: tally(
      result.rows
        .filter((row) => row.territory_missing)
        .map((row) => ({ value: row.territory ?? '', count: Number(row.count) })),
    ),
  };
}

export type DispositionCountRow = { disposition: string; institutionType: string | null; count: number };

/** Sampled cases by final disposition and institution type. */
export async function countCasesByDisposition(db: Kysely<Database>, waveId: string): Promise<DispositionCountRow[]> {
  const rows = await db
    .selectFrom('survey_case')
    .select(['disposition', 'institution_type', (eb) => eb.fn.countAll<number>().as('count')])
    .where('wave_id', '=', waveId)
    .groupBy(['disposition', 'institution_type'])
    .execute();
  return rows.map((row) => ({
    disposition: row.disposition,
    institutionType: row.institution_type,
    count: Number(row.count),
  }));
}

export type ReviewedCodeRow = {
  respondentId: string;
  questionId: string;
  category: string;
  source: AnswerCodeSource;
  answerText: string;
  currentText: string | null;
};

/** Every reviewed code of a wave (optionally of some questions), with the answer's current text. */
export async function selectReviewedCodes(
  db: Kysely<Database>,
  waveId: string,
  questionIds?: readonly string[],
): Promise<ReviewedCodeRow[]> {
  let query = db
    .selectFrom('answer_code as a')
    .leftJoin('survey_response as r', (join) =>
      join
        .onRef('r.wave_id', '=', 'a.wave_id')
        .onRef('r.respondent_id', '=', 'a.respondent_id')
        .on('r.status', '=', 'complete'),
    )
    .select([
      'a.respondent_id',
      'a.question_id',
      'a.category',
      'a.source',
      'a.answer_text',
      sql<string | null>`r.answers->>a.question_id`.as('current_text'),
    ])
    .where('a.wave_id', '=', waveId);
  if (questionIds) query = query.where('a.question_id', 'in', questionIds.length > 0 ? [...questionIds] : ['']);
  const rows = await query.orderBy('a.question_id').orderBy('a.respondent_id').orderBy('a.category').execute();
  return rows.map((row) => ({
    respondentId: row.respondent_id,
    questionId: row.question_id,
    category: row.category,
    source: row.source,
    answerText: row.answer_text,
    currentText: row.current_text,
  }));
}

export type AnswerRow = { respondentId: string; text: string };

/** One page of the non-empty answers to a question, by respondent id, and how many there are in all. */
export async function selectAnswers(
  db: Kysely<Database>,
  waveId: string,
  questionId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: AnswerRow[]; total: number }> {
  const base = db
    .selectFrom('survey_response')
    .where('wave_id', '=', waveId)
    .where('status', '=', 'complete')
    .where(sql<boolean>`coalesce(btrim(answers->>${questionId}), '') <> ''`);
  const [rows, total] = await Promise.all([
    base
      .select(['respondent_id', sql<string>`btrim(answers->>${questionId})`.as('text')])
      .orderBy('respondent_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((row) => ({ respondentId: row.respondent_id, text: row.text })),
    total: Number(total?.count ?? 0),
  };
}

/** One respondent's current answer to a question, or undefined when there is none. */
export async function selectAnswer(
  db: Kysely<Database>,
  waveId: string,
  respondentId: string,
  questionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('survey_response')
    .select(sql<string | null>`btrim(answers->>${questionId})`.as('text'))
    .where('wave_id', '=', waveId)
    .where('respondent_id', '=', respondentId)
    .where('status', '=', 'complete')
    .executeTakeFirst();
  return row?.text ? row.text : undefined;
}

/** Replaces the reviewed codes of one answer (all rows of that respondent and question). */
export async function replaceReviewedCodes(
  db: Kysely<Database>,
  key: { waveId: string; respondentId: string; questionId: string },
  codes: ReadonlyArray<{ category: string; source: AnswerCodeSource }>,
  answerText: string,
  accountId: string | null,
): Promise<void> {
  await db
    .deleteFrom('answer_code')
    .where('wave_id', '=', key.waveId)
    .where('respondent_id', '=', key.respondentId)
    .where('question_id', '=', key.questionId)
    .execute();
  if (codes.length === 0) return;
  await db
    .insertInto('answer_code')
    .values(
      codes.map((code) => ({
        wave_id: key.waveId,
        respondent_id: key.respondentId,
        question_id: key.questionId,
        category: code.category,
        source: code.source,
        answer_text: answerText,
        account_id: accountId,
      })),
    )
    .execute();
}

export type AnalysisSettingRow = { eligibilityRate: number | null; population: number | null };

/** The analyst's settings for a wave (none set: both null). */
export async function selectAnalysisSetting(db: Kysely<Database>, waveId: string): Promise<AnalysisSettingRow> {
  const row = await db
    .selectFrom('analysis_setting')
    .select(['eligibility_rate', 'population'])
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return {
    eligibilityRate:
      row?.eligibility_rate === null || row?.eligibility_rate === undefined ? null : Number(row.eligibility_rate),
    population: row?.population ?? null,
  };
}

/** Stores the analyst's settings for a wave. */
export async function upsertAnalysisSetting(
  db: Kysely<Database>,
  waveId: string,
  setting: AnalysisSettingRow,
  accountId: string | null,
): Promise<void> {
  await db
    .insertInto('analysis_setting')
    .values({
      wave_id: waveId,
      eligibility_rate: setting.eligibilityRate,
      population: setting.population,
      account_id: accountId,
    })
    .onConflict((conflict) =>
      conflict.column('wave_id').doUpdateSet({
        eligibility_rate: setting.eligibilityRate,
        population: setting.population,
        account_id: accountId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export type ResponseExportRow = { respondentId: string; mode: string | null; answers: Record<string, string> };

/** One batch of a wave's complete responses in respondent order, after a given respondent id (keyset paging). */
export async function selectResponseBatch(
  db: Kysely<Database>,
  waveId: string,
  afterRespondentId: string | null,
  limit: number,
): Promise<ResponseExportRow[]> {
  let query = db
    .selectFrom('survey_response')
    .select(['respondent_id', 'mode', 'answers'])
    .where('wave_id', '=', waveId)
    .where('status', '=', 'complete');
  if (afterRespondentId !== null) query = query.where('respondent_id', '>', afterRespondentId);
  const rows = await query.orderBy('respondent_id').limit(limit).execute();
  return rows.map((row) => ({ respondentId: row.respondent_id, mode: row.mode, answers: row.answers }));
}

export type QuoteReviewRow = { questionId: string; textHash: string; decision: QuoteDecision };

/** Every quote decision of a wave. */
export async function selectQuoteReviews(db: Kysely<Database>, waveId: string): Promise<QuoteReviewRow[]> {
  const rows = await db
    .selectFrom('quote_review')
    .select(['question_id', 'text_hash', 'decision'])
    .where('wave_id', '=', waveId)
    .execute();
  return rows.map((row) => ({ questionId: row.question_id, textHash: row.text_hash, decision: row.decision }));
}

/** Records (or changes) the decision on one distinct answer. */
export async function upsertQuoteReview(
  db: Kysely<Database>,
  review: { waveId: string; questionId: string; textHash: string; decision: QuoteDecision; accountId: string | null },
): Promise<void> {
  await db
    .insertInto('quote_review')
    .values({
      wave_id: review.waveId,
      question_id: review.questionId,
      text_hash: review.textHash,
      decision: review.decision,
      account_id: review.accountId,
    })
    .onConflict((conflict) =>
      conflict.columns(['wave_id', 'question_id', 'text_hash']).doUpdateSet({
        decision: review.decision,
        account_id: review.accountId,
        decided_at: new Date(),
      }),
    )
    .execute();
}
