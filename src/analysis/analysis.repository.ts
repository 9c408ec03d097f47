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
    ids.push(q.provides, q.couldWithSupport, q.needsStaff, q.fundingAmount, q.lawChange);
  }
  for (const block of closingBlocks) ids.push(`${block}_provides`);
  return ids;
}

const yesNoValues = ['yes', 'no', 'not_answered'] as const;
export type YesNoValue = (typeof yesNoValues)[number];

/** A yes/no answer as a small number: 0 yes, 1 no, 2 not answered (empty, absent or anything else). */
function answerCode(column: string): string {
  return `CASE x.${column} WHEN 'yes' THEN 0 WHEN 'no' THEN 1 ELSE 2 END`;
}

/**
 * Per-row values the summary aggregates, computed once per response (OFFSET 0 keeps them from being inlined into
 * every aggregate): for each help block the cell of the provides × could-with-support table (0–8), the staff and
 * the sum when above zero (else NULL, so count/sum/min/max need no filter), and whether a law change was asked for.
 */
function summaryRowColumns(): string[] {
  const columns: string[] = [];
  const positive = (column: string) => `CASE WHEN x.${column} ~ '${NUMBER_PATTERN}' AND replace(btrim(x.${column}), ',', '.')::numeric > 0 THEN replace(btrim(x.${column}), ',', '.')::numeric END`;
  for (const block of helpBlocks) {
    const q = blockQuestions(block);
    columns.push(
      `${answerCode(q.provides)} * 3 + ${answerCode(q.couldWithSupport)} AS ${block}_cell`,
      `${positive(q.needsStaff)} AS ${block}_staff`,
      `${positive(q.fundingAmount)} AS ${block}_amount`,
      `x.${q.lawChange} = 'yes' AS ${block}_law`,
    );
  }
  for (const block of closingBlocks) columns.push(`${answerCode(`${block}_provides`)} AS ${block}_p`);
  return columns;
}

function summaryAggregates(): string[] {
  const provides = (block: string) => (closingBlocks as readonly string[]).includes(block) ? `${block}_p` : `${block}_cell / 3`;
  const everyBlock = [...helpBlocks, ...closingBlocks];
  const aggregates = [
    'count(*) AS respondents',
    // Answered at least one "do you provide" question and said yes to none: institutions that gave no such help.
    `count(*) FILTER (WHERE ${everyBlock.map((block) => `${provides(block)} <> 0`).join(' AND ')} AND (${everyBlock.map((block) => `${provides(block)} = 1`).join(' OR ')})) AS without_help`,
  ];
  for (const block of closingBlocks) {
    yesNoValues.forEach((value, code) => aggregates.push(`count(*) FILTER (WHERE ${block}_p = ${code}) AS ${block}_p_${value}`));
  }
  for (const block of helpBlocks) {
    yesNoValues.forEach((providesValue, providesCode) => {
      yesNoValues.forEach((couldValue, couldCode) => aggregates.push(`count(*) FILTER (WHERE ${block}_cell = ${providesCode * 3 + couldCode}) AS ${block}_c_${providesValue}_${couldValue}`));
    });
    aggregates.push(
      `count(${block}_staff) AS ${block}_staff_count`,
      `sum(${block}_staff) AS ${block}_staff_total`,
      `min(${block}_staff) AS ${block}_staff_min`,
      `max(${block}_staff) AS ${block}_staff_max`,
      `count(${block}_amount) AS ${block}_funding_count`,
      `count(*) FILTER (WHERE ${block}_law) AS ${block}_law_count`,
    );
  }
  return aggregates;
}

export type CrossTabulation = Record<YesNoValue, Record<YesNoValue, number>>;

// Free-text questions are not counted here: countTextAnswers groups them, and their counts are the sums of its rows.
export type HelpBlockCounts = {
  provides: Record<YesNoValue, number>;
  couldWithSupportByProvides: CrossTabulation;
  staff: { count: number; total: number | null; min: number | null; max: number | null };
  fundingCount: number;
  lawChangeCount: number;
};

export type ResponseSummary = {
  respondents: number;
  respondentsWithoutHelp: number;
  helpBlocks: Record<HelpBlock, HelpBlockCounts>;
  closingBlocks: Record<(typeof closingBlocks)[number], { provides: Record<YesNoValue, number> }>;
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
        provides: Object.fromEntries(yesNoValues.map((value) => [value, yesNoValues.reduce((sum, could) => sum + count(`${block}_c_${value}_${could}`), 0)])) as Record<YesNoValue, number>,
        couldWithSupportByProvides: Object.fromEntries(yesNoValues.map((provides) => [provides, yesNo(`${block}_c_${provides}`)])) as CrossTabulation,
        staff: { count: count(`${block}_staff_count`), total: nullable(`${block}_staff_total`), min: nullable(`${block}_staff_min`), max: nullable(`${block}_staff_max`) },
        fundingCount: count(`${block}_funding_count`),
        lawChangeCount: count(`${block}_law_count`),
      } satisfies HelpBlockCounts,
    ]),
  ) as Record<HelpBlock, HelpBlockCounts>;
  const closing = Object.fromEntries(closingBlocks.map((block) => [block, { provides: yesNo(`${block}_p`) }])) as ResponseSummary['closingBlocks'];
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
    WHERE r.wave_id = ${waveId} AND r.status = 'complete' AND r.answers ?| ${sql.val(helpBlocks.map((block) => blockQuestions(block).fundingAmount))}::text[] AND f.amount > 0
    GROUP BY f.block, f.currency, f.basis
    ORDER BY f.block, f.currency, f.basis`.execute(db);
  return result.rows.map((row) => ({ ...row, count: Number(row.count), min: Number(row.min), median: Number(row.median), max: Number(row.max), sum: Number(row.sum) }));
}

export type TextAnswerRow = { questionId: string; text: string; count: number };

/** The distinct non-empty answers to free-text questions, with how many respondents gave each, most frequent first. */
export async function countTextAnswers(db: Kysely<Database>, waveId: string, questionIdList: readonly string[]): Promise<TextAnswerRow[]> {
  const questionIds = [...new Set(questionIdList)];
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

export type CategoryCountRow = { value: string; count: number };

/**
 * Institution type and territory from the sampled case, for the complete responses whose answers lack them (the
 * answers themselves are counted with the free-text answers, in countTextAnswers' one pass).
 */
export async function countCaseTypeAndTerritoryOfUnlabelledResponses(db: Kysely<Database>, waveId: string): Promise<{ byType: CategoryCountRow[]; byTerritory: CategoryCountRow[] }> {
  const result = await sql<{ institution_type: string | null; territory: string | null; type_missing: boolean; territory_missing: boolean; count: number }>`
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
    byType: tally(result.rows.filter((row) => row.type_missing).map((row) => ({ value: row.institution_type ?? '', count: Number(row.count) }))),
    byTerritory: tally(result.rows.filter((row) => row.territory_missing).map((row) => ({ value: row.territory ?? '', count: Number(row.count) }))),
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
