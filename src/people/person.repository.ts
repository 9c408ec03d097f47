import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ConsentTable, PersonTable } from './people.table.js';
import type { ExpressionBuilder, Insertable } from 'kysely';

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

/** Retention: people not yet erased whose record was made before `before` (ids only, oldest first). */
export async function selectUnerasedPeopleCreatedBefore(db: Kysely<Database>, before: Date) {
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('erased_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.id);
}

/** Retention: of these people, those with a consent in force, or one that ended on or after `since`. */
export async function selectPeopleWithConsentSince(db: Kysely<Database>, ids: readonly string[], since: Date) {
  if (ids.length === 0) return [];
  const sinceDay = since.toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('consent')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', [...ids])
    .where((eb) =>
      eb.or([
        eb('withdrawn_at', '>=', since),
        eb.and([eb('withdrawn_at', 'is', null), eb('expires_on', '>=', sinceDay)]),
      ]),
    )
    .execute();
  return rows.map((row) => row.person_id);
}

/** Retention: consents that ended (expired or withdrawn) before `before`, counted or deleted. */
export async function removeConsentsEndedBefore(db: Kysely<Database>, options: { before: Date; apply: boolean }) {
  const beforeDay = options.before.toISOString().slice(0, 10);
  const ended = (eb: ExpressionBuilder<Database, 'consent'>) =>
    eb.or([
      eb('withdrawn_at', '<', options.before),
      eb.and([eb('withdrawn_at', 'is', null), eb('expires_on', '<', beforeDay)]),
    ]);
  if (!options.apply) {
    const row = await db
      .selectFrom('consent')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(ended)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const result = await db.deleteFrom('consent').where(ended).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The people whose data key is one of these (an erasure ledger names keys, not people). */
export async function selectPeopleByDataKeys(db: Kysely<Database>, dataKeyIds: readonly string[]) {
  if (dataKeyIds.length === 0) return [];
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('data_key_id', 'in', [...dataKeyIds])
    .execute();
  return rows.map((row) => row.id);
}
