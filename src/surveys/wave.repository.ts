import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { WaveEventTable, WaveStatus, WaveTable } from './survey.table.js';

export type WaveRow = Selectable<WaveTable> & { questionnaire_key: string };
export type WaveEventRow = Selectable<WaveEventTable>;

function selectWaves(db: Kysely<Database>) {
  return db
    .selectFrom('wave')
    .innerJoin('questionnaire', 'questionnaire.id', 'wave.questionnaire_id')
    .selectAll('wave')
    .select('questionnaire.key as questionnaire_key');
}

export async function selectWaveByKey(db: Kysely<Database>, key: string): Promise<WaveRow | undefined> {
  return selectWaves(db).where('wave.key', '=', key).executeTakeFirst();
}

export async function selectWaveById(db: Kysely<Database>, id: string): Promise<WaveRow | undefined> {
  return selectWaves(db).where('wave.id', '=', id).executeTakeFirst();
}

export async function selectAllWaves(db: Kysely<Database>): Promise<WaveRow[]> {
  return selectWaves(db).orderBy('wave.created_at', 'desc').orderBy('wave.key').execute();
}

/** Cases, completes and responses per wave, for the list of waves. */
export async function selectWaveCounts(
  db: Kysely<Database>,
): Promise<Array<{ wave_id: string; cases: number; completes: number; responses: number }>> {
  const result = await sql<{ wave_id: string; cases: number; completes: number; responses: number }>`
    SELECT w.id AS wave_id,
      (SELECT count(*) FROM survey_case c WHERE c.wave_id = w.id)::int AS cases,
      (SELECT count(*) FROM survey_case c WHERE c.wave_id = w.id AND c.disposition = 'complete')::int AS completes,
      (SELECT count(*) FROM survey_response r WHERE r.wave_id = w.id)::int AS responses
    FROM wave w`.execute(db);
  return result.rows;
}

export async function insertWave(
  db: Kysely<Database>,
  row: {
    id: string;
    key: string;
    name: string;
    questionnaireId: string;
    sample: object;
    opensOn: string | null;
    closesOn: string | null;
  },
): Promise<void> {
  await db
    .insertInto('wave')
    .values({
      id: row.id,
      key: row.key,
      name: row.name,
      questionnaire_id: row.questionnaireId,
      sample: JSON.stringify(row.sample),
      opens_on: row.opensOn,
      closes_on: row.closesOn,
    })
    .execute();
}

export async function updateWaveStatus(
  db: Kysely<Database>,
  id: string,
  status: WaveStatus,
  closesOn?: string | null,
): Promise<void> {
  await db
    .updateTable('wave')
    .set(closesOn === undefined ? { status } : { status, closes_on: closesOn })
    .where('id', '=', id)
    .execute();
}

export async function insertWaveEvent(
  db: Kysely<Database>,
  row: { id: string; waveId: string; event: WaveEventRow['event']; accountId: string | null; occurredAt?: Date },
): Promise<void> {
  await db
    .insertInto('wave_event')
    .values({
      id: row.id,
      wave_id: row.waveId,
      event: row.event,
      account_id: row.accountId,
      ...(row.occurredAt ? { occurred_at: row.occurredAt } : {}),
    })
    .execute();
}

export async function selectWaveEvents(db: Kysely<Database>, waveId: string): Promise<WaveEventRow[]> {
  return db
    .selectFrom('wave_event')
    .selectAll()
    .where('wave_id', '=', waveId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** Sets (or clears) the expiry of every personal link of a wave: now when it closes, its closing date on reopen. */
export async function updateWaveTokenExpiry(
  db: Kysely<Database>,
  waveId: string,
  expiresAt: Date | null,
): Promise<void> {
  await db
    .updateTable('survey_case')
    .set({ token_expires_at: expiresAt })
    .where('wave_id', '=', waveId)
    .where('token_hash', 'is not', null)
    .execute();
}

/** Deletes a wave by key; its events, cases, responses and analysis rows go with it (ON DELETE CASCADE). */
export async function deleteWaveByKey(db: Kysely<Database>, key: string): Promise<boolean> {
  const result = await db.deleteFrom('wave').where('key', '=', key).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
