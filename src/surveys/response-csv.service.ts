import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { restoreCsvCell, stringifyCsv } from '../core/csv.js';
import { AppError } from '../core/errors.js';
import type { Translate } from '../core/i18n.js';
import { changeDisposition } from './case.service.js';
import { selectCasesOfWave } from './case.repository.js';
import { checkCompleteAnswers, listColumns, type AnswerProblem } from './questionnaire.model.js';
import type { QuestionnaireDefinition } from './questionnaire.schema.js';
import { getQuestionnaireById } from './questionnaire.service.js';
import {
  analyzeResponseTable,
  deleteResponses,
  insertResponses,
  selectRespondentIds,
  selectResponsesPage,
} from './response.repository.js';
import { responseModes, type Answers, type ResponseMode } from './survey.table.js';
import type { Wave } from './wave.service.js';

// CSV in and out: one row per respondent, one column per question id, UTF-8, RFC 4180 (CRLF line ends on export;
// CRLF or LF, with or without a byte-order mark, on import). Rows are numbered as a spreadsheet shows them:
// the header is row 1, the first respondent row 2.

/** One problem in a file: where (row, column) and why (a message key with parameters, translated by the reader). */
export type CsvProblem = {
  row: number;
  column: string;
  messageKey: string;
  parameters: Record<string, string | number>;
};

/** A checked row, ready to store. */
type ImportRow = { row: number; respondentId: string; answers: Answers; mode: ResponseMode | null };

const respondentIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** From this many rows on, an import refreshes the table statistics (autovacuum would do it, but later). */
const bulkImportRows = 10_000;

/** The problem in words, in one language: "row 7, column documents_needs_staff: … ". */
export function describeCsvProblem(problem: CsvProblem, t: Translate): string {
  return t(problem.messageKey, { ...problem.parameters, row: problem.row, column: problem.column });
}

function answerProblemToCsv(row: number, problem: AnswerProblem): CsvProblem {
  return {
    row,
    column: problem.questionId,
    messageKey: `survey.csv.${problem.code}`,
    parameters: { value: problem.value ?? '', related: problem.relatedQuestionId ?? '' },
  };
}

/**
 * Reads and checks a whole responses file against a questionnaire, without touching the database: the header
 * (known, unique columns with respondent_id), then every row (field count, respondent code, each answer, answers
 * to questions that were not asked, companions that are required). Reports every problem, not just the first.
 */
export function checkResponsesCsv(
  definition: QuestionnaireDefinition,
  text: string,
): { rows: ImportRow[]; problems: CsvProblem[] } {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      cast: restoreCsvCell,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return {
      rows: [],
      problems: [
        {
          row: line,
          column: '',
          messageKey: 'survey.csv.unreadable',
          parameters: { reason: (error as Error).message },
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ row: 1, column: '', messageKey: 'survey.csv.empty', parameters: {} }] };
  const known = new Set(listColumns(definition));
  const problems: CsvProblem[] = [];
  const seenColumns = new Set<string>();
  header.forEach((rawColumn, index) => {
    const column = rawColumn.trim();
    if (!known.has(column))
      problems.push({
        row: 1,
        column: column || `#${index + 1}`,
        messageKey: 'survey.csv.unknown_column',
        parameters: {},
      });
    else if (seenColumns.has(column))
      problems.push({ row: 1, column, messageKey: 'survey.csv.duplicate_column', parameters: {} });
    seenColumns.add(column);
  });
  if (!seenColumns.has('respondent_id'))
    problems.push({
      row: 1,
      column: 'respondent_id',
      messageKey: 'survey.csv.missing_respondent_column',
      parameters: {},
    });
  if (problems.length > 0) return { rows: [], problems };

  const columns = header.map((column) => column.trim());
  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((record, index) => {
    const row = index + 2;
    if (record.length !== columns.length) {
      problems.push({
        row,
        column: '',
        messageKey: 'survey.csv.field_count',
        parameters: { found: record.length, expected: columns.length },
      });
      return;
    }
    const values: Record<string, string> = {};
    columns.forEach((column, columnIndex) => (values[column] = record[columnIndex] ?? ''));
    const respondentId = (values.respondent_id ?? '').trim();
    if (!respondentIdPattern.test(respondentId)) {
      problems.push({
        row,
        column: 'respondent_id',
        messageKey: respondentId === '' ? 'survey.csv.respondent_missing' : 'survey.csv.respondent_invalid',
        parameters: { value: respondentId },
      });
    } else if (firstRowOf.has(respondentId)) {
      problems.push({
        row,
        column: 'respondent_id',
        messageKey: 'survey.csv.respondent_repeated',
        parameters: { value: respondentId, first: firstRowOf.get(respondentId)! },
      });
    } else {
      firstRowOf.set(respondentId, row);
    }
    const checked = checkCompleteAnswers(definition, values);
    problems.push(...checked.problems.map((problem) => answerProblemToCsv(row, problem)));
    const mode = checked.answers.mode;
    rows.push({
      row,
      respondentId,
      answers: checked.answers,
      mode: (responseModes as readonly string[]).includes(mode ?? '') ? (mode as ResponseMode) : null,
    });
  });
  return { rows, problems };
}

/** The outcome of an import attempt: stored, or every problem found (and nothing stored). */
export type ImportOutcome = { ok: true; imported: number; replaced: number } | { ok: false; problems: CsvProblem[] };

/**
 * Imports a responses file into a wave: every row is checked first and then all are stored, or none (call it
 * inside a transaction). Respondents already in the wave are a problem unless `replace` is set. Each respondent
 * is linked to the wave's case with the same respondent code, and that case becomes complete.
 */
export async function tryImportResponses(
  db: Kysely<Database>,
  wave: Wave,
  text: string,
  options: { replace?: boolean; accountId?: string | null; note?: string } = {},
): Promise<ImportOutcome> {
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const { rows, problems } = checkResponsesCsv(questionnaire.definition, text);
  const existing = new Set(await selectRespondentIds(db, wave.id));
  if (!options.replace) {
    for (const row of rows) {
      if (existing.has(row.respondentId))
        problems.push({
          row: row.row,
          column: 'respondent_id',
          messageKey: 'survey.csv.respondent_exists',
          parameters: { value: row.respondentId },
        });
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  const replacing = rows.filter((row) => existing.has(row.respondentId)).map((row) => row.respondentId);
  if (replacing.length > 0) await deleteResponses(db, wave.id, replacing);
  const caseByRespondent = new Map(
    (await selectCasesOfWave(db, wave.id)).filter((row) => row.respondent_id).map((row) => [row.respondent_id!, row]),
  );
  const now = new Date();
  await insertResponses(
    db,
    rows.map((row) => ({
      id: randomUUID(),
      waveId: wave.id,
      caseId: caseByRespondent.get(row.respondentId)?.id ?? null,
      respondentId: row.respondentId,
      mode: row.mode,
      answers: row.answers,
      submittedAt: now,
    })),
  );
  for (const row of rows) {
    const surveyCase = caseByRespondent.get(row.respondentId);
    if (surveyCase && surveyCase.disposition !== 'complete') {
      await changeDisposition(db, surveyCase.id, 'complete', {
        accountId: options.accountId ?? null,
        note: options.note ?? 'imported from CSV',
      });
    }
  }
  if (rows.length >= bulkImportRows) await analyzeResponseTable(db);
  return { ok: true, imported: rows.length, replaced: replacing.length };
}

/** The problems of a rejected file as an AppError, one detail per problem, located by row and column. */
export function csvRejection(problems: CsvProblem[]): AppError {
  return new AppError(
    'invalid_input',
    'survey.csv.rejected',
    problems.map((problem) => ({
      path: problem.column ? `row ${problem.row}, column ${problem.column}` : `row ${problem.row}`,
      messageKey: problem.messageKey,
      parameters: { ...problem.parameters, row: problem.row, column: problem.column },
    })),
    { count: problems.length },
  );
}

/** Like tryImportResponses, but a rejected file throws (invalid_input, every problem in the details). */
export async function importResponses(
  db: Kysely<Database>,
  wave: Wave,
  text: string,
  options: { replace?: boolean; accountId?: string | null; note?: string } = {},
): Promise<{ imported: number; replaced: number }> {
  const outcome = await tryImportResponses(db, wave, text, options);
  if (!outcome.ok) throw csvRejection(outcome.problems);
  return { imported: outcome.imported, replaced: outcome.replaced };
}

/**
 * Writes a wave's responses as CSV, a page at a time so a wave of a million respondents never sits in memory:
 * respondent_id first, then every question in questionnaire order; unanswered is an empty field.
 */
export async function exportResponses(
  db: Kysely<Database>,
  wave: Wave,
  write: (chunk: string) => void | Promise<void>,
  pageSize = 5000,
): Promise<number> {
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const columns = listColumns(questionnaire.definition);
  const options = { record_delimiter: 'windows' as const };
  await write(stringifyCsv([columns], options));
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page = await selectResponsesPage(db, wave.id, after, pageSize);
    if (page.length === 0) break;
    const records = page.map((response) =>
      columns.map((column) => (column === 'respondent_id' ? response.respondent_id : (response.answers[column] ?? ''))),
    );
    await write(stringifyCsv(records, options));
    count += page.length;
    after = page[page.length - 1]!.respondent_id;
    if (page.length < pageSize) break;
  }
  return count;
}

/** A wave's responses as one CSV string (for downloads and tests of small waves). */
export async function exportResponsesToString(db: Kysely<Database>, wave: Wave): Promise<string> {
  const chunks: string[] = [];
  await exportResponses(db, wave, (chunk) => {
    chunks.push(chunk);
  });
  return chunks.join('');
}
