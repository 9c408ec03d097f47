import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type {
  Answers,
  Disposition,
  ResponseEntryTable,
  ResponseMode,
  ResponseStatus,
  SurveyResponseTable,
} from './survey.table.js';

export type ResponseRow = Selectable<SurveyResponseTable>;
export type EntryRow = Selectable<ResponseEntryTable>;

export async function selectResponse(
  db: Kysely<Database>,
  waveId: string,
  respondentId: string,
): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('survey_response')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('respondent_id', '=', respondentId)
    .executeTakeFirst();
}

export async function selectResponseByCase(db: Kysely<Database>, caseId: string): Promise<ResponseRow | undefined> {
  return db.selectFrom('survey_response').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function selectRespondentIds(db: Kysely<Database>, waveId: string): Promise<string[]> {
  const rows = await db.selectFrom('survey_response').select('respondent_id').where('wave_id', '=', waveId).execute();
  return rows.map((row) => row.respondent_id);
}

export async function insertResponse(
  db: Kysely<Database>,
  row: {
    id: string;
    waveId: string;
    caseId: string | null;
    respondentId: string;
    mode: ResponseMode | null;
    status: ResponseStatus;
    answers: Answers;
    currentPage: string | null;
    submittedAt: Date | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_response')
    .values({
      id: row.id,
      wave_id: row.waveId,
      case_id: row.caseId,
      respondent_id: row.respondentId,
      mode: row.mode,
      status: row.status,
      answers: JSON.stringify(row.answers),
      current_page: row.currentPage,
      updated_at: new Date(),
      submitted_at: row.submittedAt,
    })
    .execute();
}

/** Inserts many finished responses at once (CSV import), in batches. */
export async function insertResponses(
  db: Kysely<Database>,
  rows: Array<{
    id: string;
    waveId: string;
    caseId: string | null;
    respondentId: string;
    mode: ResponseMode | null;
    answers: Answers;
    submittedAt: Date;
  }>,
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('survey_response')
      .values(
        rows.slice(start, start + 500).map((row) => ({
          id: row.id,
          wave_id: row.waveId,
          case_id: row.caseId,
          respondent_id: row.respondentId,
          mode: row.mode,
          status: 'complete' as const,
          answers: JSON.stringify(row.answers),
          current_page: null,
          updated_at: now,
          submitted_at: row.submittedAt,
        })),
      )
      .execute();
  }
}

export async function deleteResponses(db: Kysely<Database>, waveId: string, respondentIds: string[]): Promise<void> {
  for (let start = 0; start < respondentIds.length; start += 500) {
    await db
      .deleteFrom('survey_response')
      .where('wave_id', '=', waveId)
      .where('respondent_id', 'in', respondentIds.slice(start, start + 500))
      .execute();
  }
}

export async function updateResponse(
  db: Kysely<Database>,
  id: string,
  values: {
    answers?: Answers;
    currentPage?: string | null;
    status?: ResponseStatus;
    submittedAt?: Date | null;
    mode?: ResponseMode | null;
    caseId?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('survey_response')
    .set({
      updated_at: new Date(),
      ...(values.answers !== undefined ? { answers: JSON.stringify(values.answers) } : {}),
      ...(values.currentPage !== undefined ? { current_page: values.currentPage } : {}),
      ...(values.status !== undefined ? { status: values.status } : {}),
      ...(values.submittedAt !== undefined ? { submitted_at: values.submittedAt } : {}),
      ...(values.mode !== undefined ? { mode: values.mode } : {}),
      ...(values.caseId !== undefined ? { case_id: values.caseId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** A page of a wave's responses in respondent-id order, after `afterRespondentId` (keyset paging for big exports). */
export async function selectResponsesPage(
  db: Kysely<Database>,
  waveId: string,
  afterRespondentId: string | null,
  limit: number,
): Promise<ResponseRow[]> {
  let query = db.selectFrom('survey_response').selectAll().where('wave_id', '=', waveId);
  if (afterRespondentId !== null) query = query.where('respondent_id', '>', afterRespondentId);
  // Ordered like the unique (wave_id, respondent_id) index, so each page is an index range scan, not a sort.
  return query.orderBy('wave_id').orderBy('respondent_id').limit(limit).execute();
}

/** Refreshes the planner's statistics after a bulk load, so the next export or analysis does not plan on stale counts. */
export async function analyzeResponseTable(db: Kysely<Database>): Promise<void> {
  await sql`ANALYZE survey_response`.execute(db);
}

/** Started-but-unsubmitted online responses with their case's disposition, for the close-of-wave rule. */
export async function selectInProgressResponsesWithCases(
  db: Kysely<Database>,
  waveId: string,
): Promise<Array<{ case_id: string; disposition: Disposition; answers: Answers }>> {
  const rows = await db
    .selectFrom('survey_response')
    .innerJoin('survey_case', 'survey_case.id', 'survey_response.case_id')
    .select(['survey_case.id as case_id', 'survey_case.disposition', 'survey_response.answers'])
    .where('survey_response.wave_id', '=', waveId)
    .where('survey_response.status', '=', 'in_progress')
    .execute();
  return rows;
}

// Paper entries

export async function selectEntry(db: Kysely<Database>, id: string): Promise<EntryRow | undefined> {
  return db.selectFrom('response_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectEntriesOfRespondent(
  db: Kysely<Database>,
  waveId: string,
  respondentId: string,
): Promise<EntryRow[]> {
  return db
    .selectFrom('response_entry')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('respondent_id', '=', respondentId)
    .orderBy('entry_number')
    .execute();
}

export async function selectEntriesOfWave(db: Kysely<Database>, waveId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('response_entry')
    .selectAll()
    .where('wave_id', '=', waveId)
    .orderBy('respondent_id')
    .orderBy('entry_number')
    .execute();
}

export async function insertEntry(
  db: Kysely<Database>,
  row: {
    id: string;
    waveId: string;
    caseId: string | null;
    respondentId: string;
    entryNumber: 1 | 2;
    answers: Answers;
    accountId: string | null;
  },
): Promise<void> {
  await db
    .insertInto('response_entry')
    .values({
      id: row.id,
      wave_id: row.waveId,
      case_id: row.caseId,
      respondent_id: row.respondentId,
      entry_number: row.entryNumber,
      answers: JSON.stringify(row.answers),
      current_page: null,
      account_id: row.accountId,
      updated_at: new Date(),
    })
    .execute();
}

export async function updateEntry(
  db: Kysely<Database>,
  id: string,
  values: { answers?: Answers; currentPage?: string | null; finishedAt?: Date | null },
): Promise<void> {
  await db
    .updateTable('response_entry')
    .set({
      updated_at: new Date(),
      ...(values.answers !== undefined ? { answers: JSON.stringify(values.answers) } : {}),
      ...(values.currentPage !== undefined ? { current_page: values.currentPage } : {}),
      ...(values.finishedAt !== undefined ? { finished_at: values.finishedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}
