import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { QuestionnaireTable } from './survey.table.js';

export type QuestionnaireRow = Selectable<QuestionnaireTable>;

export async function selectQuestionnaireByKey(
  db: Kysely<Database>,
  key: string,
): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('questionnaire').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function selectQuestionnaireById(db: Kysely<Database>, id: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('questionnaire').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectQuestionnaires(db: Kysely<Database>): Promise<QuestionnaireRow[]> {
  return db.selectFrom('questionnaire').selectAll().orderBy('created_at').orderBy('key').execute();
}

export async function insertQuestionnaire(
  db: Kysely<Database>,
  row: { id: string; key: string; version: number; replacesId: string | null; title: object; definition: object },
): Promise<void> {
  await db
    .insertInto('questionnaire')
    .values({
      id: row.id,
      key: row.key,
      version: row.version,
      replaces_id: row.replacesId,
      title: JSON.stringify(row.title),
      definition: JSON.stringify(row.definition),
      frozen_at: null,
    })
    .execute();
}

/** Replaces title and definition of a questionnaire that no wave uses yet; returns false when it is frozen. */
export async function updateUnfrozenQuestionnaire(
  db: Kysely<Database>,
  id: string,
  title: object,
  definition: object,
): Promise<boolean> {
  const result = await db
    .updateTable('questionnaire')
    .set({ title: JSON.stringify(title), definition: JSON.stringify(definition) })
    .where('id', '=', id)
    .where('frozen_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markQuestionnaireFrozen(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('questionnaire')
    .set({ frozen_at: new Date() })
    .where('id', '=', id)
    .where('frozen_at', 'is', null)
    .execute();
}
