import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { Disposition, DispositionEventTable, InvitationChannel, SurveyCaseTable } from './survey.table.js';

export type CaseRow = Selectable<SurveyCaseTable>;
export type DispositionEventRow = Selectable<DispositionEventTable>;

/** Dispositions after which a case gets no more mail: it answered, said no, is out of scope or unreachable. */
export const finishedDispositions: Disposition[] = ['complete', 'refusal', 'not_eligible', 'undeliverable'];

export async function insertCases(db: Kysely<Database>, rows: Insertable<SurveyCaseTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('survey_case')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export async function selectCaseById(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('survey_case').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the case row for the rest of the transaction, so two disposition changes cannot interleave. */
export async function selectCaseForUpdate(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('survey_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function selectCaseByCode(
  db: Kysely<Database>,
  waveId: string,
  caseCode: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('survey_case')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('case_code', '=', caseCode)
    .executeTakeFirst();
}

/** The case a link belongs to: its newest link, or any earlier one it was given. */
export async function selectCaseByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('survey_case')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('token_hash', '=', tokenHash),
        eb('id', 'in', eb.selectFrom('survey_link').select('case_id').where('survey_link.token_hash', '=', tokenHash)),
      ]),
    )
    .executeTakeFirst();
}

export async function insertSurveyLink(
  db: Kysely<Database>,
  values: { tokenHash: string; caseId: string },
): Promise<void> {
  await db.insertInto('survey_link').values({ token_hash: values.tokenHash, case_id: values.caseId }).execute();
}

export async function selectCasesOfWave(db: Kysely<Database>, waveId: string): Promise<CaseRow[]> {
  return db.selectFrom('survey_case').selectAll().where('wave_id', '=', waveId).orderBy('case_code').execute();
}

/** Cases that have not been invited yet and are not finished. */
export async function selectCasesToInvite(db: Kysely<Database>, waveId: string): Promise<CaseRow[]> {
  return db
    .selectFrom('survey_case')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('invited_at', 'is', null)
    .where('disposition', 'not in', finishedDispositions)
    .orderBy('case_code')
    .execute();
}

/** Invited cases of an open wave that have not completed, refused, been found ineligible or unreachable. */
export async function selectCasesToRemind(db: Kysely<Database>, waveId: string): Promise<CaseRow[]> {
  return db
    .selectFrom('survey_case')
    .innerJoin('wave', 'wave.id', 'survey_case.wave_id')
    .selectAll('survey_case')
    .where('survey_case.wave_id', '=', waveId)
    .where('wave.status', '=', 'open')
    .where('survey_case.invited_at', 'is not', null)
    .where('survey_case.disposition', 'not in', finishedDispositions)
    .orderBy('survey_case.case_code')
    .execute();
}

export async function updateCase(
  db: Kysely<Database>,
  id: string,
  values: Partial<Omit<CaseRow, 'id' | 'wave_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('survey_case').set(values).where('id', '=', id).execute();
}

export async function markCaseSent(
  db: Kysely<Database>,
  id: string,
  kind: 'invitation' | 'reminder',
  channel: InvitationChannel,
  at: Date,
): Promise<void> {
  if (kind === 'invitation') {
    await db
      .updateTable('survey_case')
      .set({ invited_at: at, invitation_channel: channel })
      .where('id', '=', id)
      .execute();
  } else {
    await db
      .updateTable('survey_case')
      .set((eb) => ({ reminded_at: at, reminder_count: eb('reminder_count', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}

export async function insertDispositionEvents(
  db: Kysely<Database>,
  rows: Insertable<DispositionEventTable>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('disposition_event')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export async function selectDispositionEvents(db: Kysely<Database>, caseId: string): Promise<DispositionEventRow[]> {
  return db
    .selectFrom('disposition_event')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

export async function countCasesByDisposition(
  db: Kysely<Database>,
  waveId: string,
): Promise<Array<{ disposition: Disposition; count: number }>> {
  return db
    .selectFrom('survey_case')
    .select(['disposition', (eb) => eb.fn.countAll<number>().as('count')])
    .where('wave_id', '=', waveId)
    .groupBy('disposition')
    .execute();
}

/** The highest number used in the wave's R-codes (R001 → 1), so a new respondent gets the next one. */
export async function selectHighestRespondentNumber(db: Kysely<Database>, waveId: string): Promise<number> {
  const result = await sql<{ highest: number | null }>`
    SELECT max(substring(id FROM '^R([0-9]+)$')::int) AS highest FROM (
      SELECT respondent_id AS id FROM survey_case WHERE wave_id = ${waveId}
      UNION ALL SELECT respondent_id FROM survey_response WHERE wave_id = ${waveId}
    ) ids`.execute(db);
  return Number(result.rows[0]?.highest ?? 0);
}

/** One page of a wave's cases in case-code order, optionally of one disposition, with the total that match. */
export async function selectCasesPage(
  db: Kysely<Database>,
  waveId: string,
  filter: { disposition?: Disposition; limit: number; offset: number },
): Promise<{ rows: CaseRow[]; total: number }> {
  let query = db.selectFrom('survey_case').where('wave_id', '=', waveId);
  if (filter.disposition) query = query.where('disposition', '=', filter.disposition);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('case_code').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
