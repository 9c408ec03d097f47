// SQL of the analysis. The survey tables (survey_response, survey_case) are read here and only read
// (docs/decisions/006-analysis-reads-survey-tables.md); the analysis tables (answer_code, analysis_setting) are
// written here. Every figure is an aggregate computed in the database: one pass over a wave's responses gives all
// counts of all blocks, so a wave of a million respondents never travels to JavaScript.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { AnswerCodeSource } from './analysis.table.js';
import { blockQuestions, closingBlocks, helpBlocks, type HelpBlock } from './questions.js';

/** A number as the respondent wrote it: digits with an optional decimal point or comma. Anything else is ignored. */
const NUMBER_PATTERN = '^\\s*[0-9]+([.,][0-9]+)?\\s*$';

// Question ids come from questions.ts, never from a request; still, only plain ids may reach sql.raw.
function checkedQuestionId(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a question id: ${name}`);
  return name;
}

function numberFrom(column: string): string {
  return `CASE WHEN x.${column} ~ '${NUMBER_PATTERN}' THEN replace(btrim(x.${column}), ',', '.')::numeric END`;
}

/** `jsonb_to_record(answers) AS x(q1 text, q2 text, …)`: each response's answers parsed once, as text columns. */
function answerRecord(questionIds: readonly string[]): RawBuilder<unknown> {
  const columns = questionIds.map((id) => `${checkedQuestionId(id)} text`);
  return sql.raw(`jsonb_to_record(r.answers) AS x(${columns.join(', ')})`);
}

/** Questions the one-pass summary reads, per help block and closing block. */
function summaryQuestionIds(): string[] {
  const ids: string[] = [];
  for (const block of helpBlocks) {
    const q = blockQuestions(block);
    ids.push(q.provides, q.providedWhat, q.couldWithSupport, q.needsStaff, q.fundingAmount, q.cooperation, q.lawChange, q.lawChangeWhat);
  }
  for (const block of closingBlocks) ids.push(`${block}_provides`, `${block}_provided_what`);
  return ids;
}

/** Per-row values the summary aggregates, computed once per response (the OFFSET 0 keeps them from being inlined). */
function summaryRowColumns(): string[] {
  const columns: string[] = [];
  const answer = (column: string) => `CASE WHEN x.${column} IN ('yes', 'no') THEN x.${column} ELSE 'not_answered' END`;
  const filled = (column: string) => `coalesce(btrim(x.${column}), '') <> ''`;
  for (const block of helpBlocks) {
    const q = blockQuestions(block);
    columns.push(
      `${answer(q.provides)} AS ${block}_p`,
      `${answer(q.couldWithSupport)} AS ${block}_c`,
      `${numberFrom(q.needsStaff)} AS ${block}_staff`,
      `${numberFrom(q.fundingAmount)} AS ${block}_amount`,
      `${filled(q.cooperation)} AS ${block}_cooperation`,
      `x.${q.lawChange} = 'yes' AS ${block}_law`,
      `${filled(q.providedWhat)} AS ${block}_what`,
      `${filled(q.lawChangeWhat)} AS ${block}_law_what`,
    );
  }
  for (const block of closingBlocks) columns.push(`${answer(`${block}_provides`)} AS ${block}_p`, `${filled(`${block}_provided_what`)} AS ${block}_what`);
  return columns;
}

const yesNoValues = ['yes', 'no', 'not_answered'] as const;
export type YesNoValue = (typeof yesNoValues)[number];

function summaryAggregates(): string[] {
  const everyBlock = [...helpBlocks, ...closingBlocks];
  const aggregates = [
    'count(*) AS respondents',
    // Answered at least one "do you provide" question and said yes to none: institutions that gave no such help.
    `count(*) FILTER (WHERE ${everyBlock.map((block) => `${block}_p <> 'yes'`).join(' AND ')} AND (${everyBlock.map((block) => `${block}_p = 'no'`).join(' OR ')})) AS without_help`,
  ];
  for (const block of [...helpBlocks, ...closingBlocks]) {
    for (const value of yesNoValues) aggregates.push(`count(*) FILTER (WHERE ${block}_p = '${value}') AS ${block}_p_${value}`);
    aggregates.push(`count(*) FILTER (WHERE ${block}_what) AS ${block}_what`);
  }
  for (const block of helpBlocks) {
    for (const provides of yesNoValues) {
      for (const could of yesNoValues) aggregates.push(`count(*) FILTER (WHERE ${block}_p = '${provides}' AND ${block}_c = '${could}') AS ${block}_c_${provides}_${could}`);
    }
    aggregates.push(
      `count(*) FILTER (WHERE ${block}_staff > 0) AS ${block}_staff_count`,
      `sum(${block}_staff) FILTER (WHERE ${block}_staff > 0) AS ${block}_staff_total`,
      `min(${block}_staff) FILTER (WHERE ${block}_staff > 0) AS ${block}_staff_min`,
      `max(${block}_staff) FILTER (WHERE ${block}_staff > 0) AS ${block}_staff_max`,
      `count(*) FILTER (WHERE ${block}_amount > 0) AS ${block}_funding_count`,
      `count(*) FILTER (WHERE ${block}_cooperation) AS ${block}_cooperation_count`,
      `count(*) FILTER (WHERE ${block}_law) AS ${block}_law_count`,
      `count(*) FILTER (WHERE ${block}_law_what) AS ${block}_law_what`,
    );
  }
  return aggregates;
}

export type CrossTabulation = Record<YesNoValue, Record<YesNoValue, number>>;

export type HelpBlockCounts = {
  provides: Record<YesNoValue, number>;
  providedWhatAnswered: number;
  couldWithSupportByProvides: CrossTabulation;
  staff: { count: number; total: number | null; min: number | null; max: number | null };
  fundingCount: number;
  cooperationCount: number;
  lawChangeCount: number;
  lawChangeWhatAnswered: number;
};

export type ResponseSummary = {
  respondents: number;
  respondentsWithoutHelp: number;
  helpBlocks: Record<HelpBlock, HelpBlockCounts>;
  closingBlocks: Record<(typeof closingBlocks)[number], { provides: Record<YesNoValue, number>; providedWhatAnswered: number }>;
};

/** Every count of every block in one pass over the wave's complete responses. */
export async function summariseResponses(db: Kysely<Database>, waveId: string): Promise<ResponseSummary> {
  const query = sql<Record<string, number | null>>`
    SELECT ${sql.raw(summaryAggregates().join(',\n'))}
    FROM (
      SELECT ${sql.raw(summaryRowColumns().join(',\n'))}
      FROM survey_response r CROSS JOIN LATERAL ${answerRecord(summaryQuestionIds())}
      WHERE r.wave_id = ${waveId} AND r.status = 'complete'
      OFFSET 0
    ) v`;
  const row = (await query.execute(db)).rows[0] ?? {};
  const count = (name: string) => Number(row[name] ?? 0);
  const nullable = (name: string) => (row[name] === null || row[name] === undefined ? null : Number(row[name]));
  const yesNo = (prefix: string) => Object.fromEntries(yesNoValues.map((value) => [value, count(`${prefix}_${value}`)])) as Record<YesNoValue, number>;
  const help = Object.fromEntries(
    helpBlocks.map((block) => [
      block,
      {
        provides: yesNo(`${block}_p`),
        providedWhatAnswered: count(`${block}_what`),
        couldWithSupportByProvides: Object.fromEntries(yesNoValues.map((provides) => [provides, yesNo(`${block}_c_${provides}`)])) as CrossTabulation,
        staff: { count: count(`${block}_staff_count`), total: nullable(`${block}_staff_total`), min: nullable(`${block}_staff_min`), max: nullable(`${block}_staff_max`) },
        fundingCount: count(`${block}_funding_count`),
        cooperationCount: count(`${block}_cooperation_count`),
        lawChangeCount: count(`${block}_law_count`),
        lawChangeWhatAnswered: count(`${block}_law_what`),
      } satisfies HelpBlockCounts,
    ]),
  ) as Record<HelpBlock, HelpBlockCounts>;
  const closing = Object.fromEntries(closingBlocks.map((block) => [block, { provides: yesNo(`${block}_p`), providedWhatAnswered: count(`${block}_what`) }])) as ResponseSummary['closingBlocks'];
  return { respondents: count('respondents'), respondentsWithoutHelp: count('without_help'), helpBlocks: help, closingBlocks: closing };
}

export type FundingGroupRow = { block: HelpBlock; currency: string | null; basis: string | null; count: number; min: number; median: number; max: number; sum: number };

/** Named sums per block, currency and basis: count, min, median (percentile_cont), max and total. */
export async function summariseFunding(db: Kysely<Database>, waveId: string): Promise<FundingGroupRow[]> {
  const ids = helpBlocks.flatMap((block) => {
    const q = blockQuestions(block);
    return [q.fundingAmount, q.fundingCurrency, q.fundingBasis];
  });
  const values = helpBlocks
    .map((block) => {
      const q = blockQuestions(block);
      return `('${block}', ${numberFrom(q.fundingAmount)}, nullif(btrim(x.${q.fundingCurrency}), ''), nullif(btrim(x.${q.fundingBasis}), ''))`;
    })
    .join(',\n');
  const result = await sql<FundingGroupRow>`
    SELECT f.block, f.currency, f.basis, count(*) AS count, min(f.amount) AS min,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY f.amount) AS median, max(f.amount) AS max, sum(f.amount) AS sum
    FROM survey_response r
    CROSS JOIN LATERAL ${answerRecord(ids)}
    CROSS JOIN LATERAL (VALUES ${sql.raw(values)}) AS f(block, amount, currency, basis)
    WHERE r.wave_id = ${waveId} AND r.status = 'complete' AND f.amount > 0
    GROUP BY f.block, f.currency, f.basis
    ORDER BY f.block, f.currency, f.basis`.execute(db);
  return result.rows.map((row) => ({ ...row, count: Number(row.count), min: Number(row.min), median: Number(row.median), max: Number(row.max), sum: Number(row.sum) }));
}

export type TextAnswerRow = { questionId: string; text: string; count: number };

/** The distinct non-empty answers to free-text questions, with how many respondents gave each, most frequent first. */
export async function countTextAnswers(db: Kysely<Database>, waveId: string, questionIds: readonly string[]): Promise<TextAnswerRow[]> {
  if (questionIds.length === 0) return [];
  const values = questionIds.map((id) => `('${checkedQuestionId(id)}', btrim(x.${id}))`).join(', ');
  const result = await sql<{ question_id: string; text: string; count: number }>`
    SELECT t.question_id, t.text, count(*) AS count
    FROM survey_response r
    CROSS JOIN LATERAL ${answerRecord(questionIds)}
    CROSS JOIN LATERAL (VALUES ${sql.raw(values)}) AS t(question_id, text)
    WHERE r.wave_id = ${waveId} AND r.status = 'complete' AND t.text <> ''
    GROUP BY t.question_id, t.text
    ORDER BY t.question_id, count(*) DESC, t.text`.execute(db);
  return result.rows.map((row) => ({ questionId: row.question_id, text: row.text, count: Number(row.count) }));
}

export type CategoryCountRow = { key: string; value: string; count: number };

/** Respondents by institution type and by territory (the respondent's answer, else the sampled case's). */
export async function countRespondentsByTypeAndTerritory(db: Kysely<Database>, waveId: string): Promise<{ byType: CategoryCountRow[]; byTerritory: CategoryCountRow[] }> {
  const result = await sql<{ institution_type: string | null; territory: string | null; by_type: number; count: number }>`
    SELECT institution_type, territory, GROUPING(institution_type) AS by_type, count(*) AS count
    FROM (
      SELECT coalesce(nullif(btrim(r.answers->>'institution_type'), ''), c.institution_type, '') AS institution_type,
             coalesce(nullif(btrim(r.answers->>'territory'), ''), c.territory, '') AS territory
      FROM survey_response r LEFT JOIN survey_case c ON c.id = r.case_id
      WHERE r.wave_id = ${waveId} AND r.status = 'complete'
    ) s
    GROUP BY GROUPING SETS ((institution_type), (territory))`.execute(db);
  const byType: CategoryCountRow[] = [];
  const byTerritory: CategoryCountRow[] = [];
  for (const row of result.rows) {
    // GROUPING() is 1 for the column rolled up: by_type = 1 means this row is a territory row.
    if (Number(row.by_type) === 0) byType.push({ key: 'institution_type', value: row.institution_type ?? '', count: Number(row.count) });
    else byTerritory.push({ key: 'territory', value: row.territory ?? '', count: Number(row.count) });
  }
  return { byType, byTerritory };
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
  return rows.map((row) => ({ disposition: row.disposition, institutionType: row.institution_type, count: Number(row.count) }));
}

export type ReviewedCodeRow = { respondentId: string; questionId: string; category: string; source: AnswerCodeSource; answerText: string; currentText: string | null };

/** Every reviewed code of a wave (optionally of some questions), with the answer's current text. */
export async function selectReviewedCodes(db: Kysely<Database>, waveId: string, questionIds?: readonly string[]): Promise<ReviewedCodeRow[]> {
  let query = db
    .selectFrom('answer_code as a')
    .leftJoin('survey_response as r', (join) => join.onRef('r.wave_id', '=', 'a.wave_id').onRef('r.respondent_id', '=', 'a.respondent_id').on('r.status', '=', 'complete'))
    .select(['a.respondent_id', 'a.question_id', 'a.category', 'a.source', 'a.answer_text', sql<string | null>`r.answers->>a.question_id`.as('current_text')])
    .where('a.wave_id', '=', waveId);
  if (questionIds) query = query.where('a.question_id', 'in', questionIds.length > 0 ? [...questionIds] : ['']);
  const rows = await query.orderBy('a.question_id').orderBy('a.respondent_id').orderBy('a.category').execute();
  return rows.map((row) => ({ respondentId: row.respondent_id, questionId: row.question_id, category: row.category, source: row.source, answerText: row.answer_text, currentText: row.current_text }));
}

export type AnswerRow = { respondentId: string; text: string };

/** One page of the non-empty answers to a question, by respondent id, and how many there are in all. */
export async function selectAnswers(db: Kysely<Database>, waveId: string, questionId: string, page: { limit: number; offset: number }): Promise<{ rows: AnswerRow[]; total: number }> {
  const base = db
    .selectFrom('survey_response')
    .where('wave_id', '=', waveId)
    .where('status', '=', 'complete')
    .where(sql<boolean>`coalesce(btrim(answers->>${questionId}), '') <> ''`);
  const [rows, total] = await Promise.all([
    base.select(['respondent_id', sql<string>`btrim(answers->>${questionId})`.as('text')]).orderBy('respondent_id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
  ]);
  return { rows: rows.map((row) => ({ respondentId: row.respondent_id, text: row.text })), total: Number(total?.count ?? 0) };
}

/** One respondent's current answer to a question, or undefined when there is none. */
export async function selectAnswer(db: Kysely<Database>, waveId: string, respondentId: string, questionId: string): Promise<string | undefined> {
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
  await db.deleteFrom('answer_code').where('wave_id', '=', key.waveId).where('respondent_id', '=', key.respondentId).where('question_id', '=', key.questionId).execute();
  if (codes.length === 0) return;
  await db
    .insertInto('answer_code')
    .values(codes.map((code) => ({ wave_id: key.waveId, respondent_id: key.respondentId, question_id: key.questionId, category: code.category, source: code.source, answer_text: answerText, account_id: accountId })))
    .execute();
}

export type AnalysisSettingRow = { eligibilityRate: number | null; population: number | null };

/** The analyst's settings for a wave (none set: both null). */
export async function selectAnalysisSetting(db: Kysely<Database>, waveId: string): Promise<AnalysisSettingRow> {
  const row = await db.selectFrom('analysis_setting').select(['eligibility_rate', 'population']).where('wave_id', '=', waveId).executeTakeFirst();
  return { eligibilityRate: row?.eligibility_rate === null || row?.eligibility_rate === undefined ? null : Number(row.eligibility_rate), population: row?.population ?? null };
}

/** Stores the analyst's settings for a wave. */
export async function upsertAnalysisSetting(db: Kysely<Database>, waveId: string, setting: AnalysisSettingRow, accountId: string | null): Promise<void> {
  await db
    .insertInto('analysis_setting')
    .values({ wave_id: waveId, eligibility_rate: setting.eligibilityRate, population: setting.population, account_id: accountId })
    .onConflict((conflict) => conflict.column('wave_id').doUpdateSet({ eligibility_rate: setting.eligibilityRate, population: setting.population, account_id: accountId, updated_at: sql`now()` }))
    .execute();
}

export type ResponseExportRow = { respondentId: string; mode: string | null; answers: Record<string, string> };

/** One batch of a wave's complete responses in respondent order, after a given respondent id (keyset paging). */
export async function selectResponseBatch(db: Kysely<Database>, waveId: string, afterRespondentId: string | null, limit: number): Promise<ResponseExportRow[]> {
  let query = db.selectFrom('survey_response').select(['respondent_id', 'mode', 'answers']).where('wave_id', '=', waveId).where('status', '=', 'complete');
  if (afterRespondentId !== null) query = query.where('respondent_id', '>', afterRespondentId);
  const rows = await query.orderBy('respondent_id').limit(limit).execute();
  return rows.map((row) => ({ respondentId: row.respondent_id, mode: row.mode, answers: row.answers }));
}
