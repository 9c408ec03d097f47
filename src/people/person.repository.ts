import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ConsentTable, PersonTable } from './people.table.js';
import type { Insertable } from 'kysely';

// SQL for people and consents. Takes `db` or a transaction; sealed columns arrive sealed and leave sealed.

export async function insertPerson(db: Kysely<Database>, values: Insertable<PersonTable>) {
  await db.insertInto('person').values(values).execute();
}

export async function selectPeople(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function selectPeopleByCodeIndex(db: Kysely<Database>, teamId: string, index: string) {
  return db
    .selectFrom('person')
    .selectAll()
    .where('personal_code_index', '=', index)
    .where('team_organization_id', '=', teamId)
    .execute();
}

/** Empties every sealed column and the blind index; coded facts stay for the planners' counts. */
export async function clearPersonFields(db: Kysely<Database>, id: string, at: Date) {
  await db
    .updateTable('person')
    .set({
      given_name_sealed: null,
      family_name_sealed: null,
      personal_code_sealed: null,
      personal_code_index: null,
      birth_date_sealed: null,
      phone_sealed: null,
      email_sealed: null,
      expected_release_sealed: null,
      erased_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertConsent(db: Kysely<Database>, values: Insertable<ConsentTable>) {
  await db.insertInto('consent').values(values).execute();
}

export async function selectConsent(db: Kysely<Database>, id: string) {
  return db.selectFrom('consent').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectConsentsOf(db: Kysely<Database>, personId: string) {
  return db.selectFrom('consent').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function markConsentWithdrawn(db: Kysely<Database>, id: string, at: Date) {
  await db
    .updateTable('consent')
    .set({ withdrawn_at: at })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .execute();
}

export async function clearConsentEvidence(db: Kysely<Database>, personId: string) {
  await db.updateTable('consent').set({ evidence_sealed: null }).where('person_id', '=', personId).execute();
}

/** A team's people, newest first, ids only (the names are sealed). */
export async function selectPersonIdsOfTeam(db: Kysely<Database>, teamId: string, limit: number) {
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('team_organization_id', '=', teamId)
    .where('erased_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
