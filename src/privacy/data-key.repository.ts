import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// SQL for the data keys. Takes `db` or a transaction, so a key is created (or erased) with the record it guards.

export async function insertDataKey(
  db: Kysely<Database>,
  values: { id: string; wrappedKey: string; kekVersion: number },
) {
  await db
    .insertInto('data_key')
    .values({ id: values.id, wrapped_key: values.wrappedKey, kek_version: values.kekVersion, erased_at: null })
    .execute();
}

export async function selectDataKeys(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('data_key')
    .select(['id', 'wrapped_key', 'kek_version', 'erased_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Destroys a wrapped key: nothing sealed with it can be opened again, anywhere. */
export async function destroyDataKey(db: Kysely<Database>, id: string, at: Date) {
  await db
    .updateTable('data_key')
    .set({ wrapped_key: null, kek_version: null, erased_at: at })
    .where('id', '=', id)
    .execute();
}

/** A batch of keys wrapped by an older key-encryption key, locked so two rotating processes share the work. */
export async function selectKeysToRewrap(db: Kysely<Database>, currentVersion: number, limit: number) {
  return db
    .selectFrom('data_key')
    .select(['id', 'wrapped_key', 'kek_version'])
    .where('wrapped_key', 'is not', null)
    .where('kek_version', '<', currentVersion)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function updateWrappedKey(db: Kysely<Database>, id: string, wrappedKey: string, kekVersion: number) {
  await db
    .updateTable('data_key')
    .set({ wrapped_key: wrappedKey, kek_version: kekVersion })
    .where('id', '=', id)
    .execute();
}

export async function countKeysByVersion(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('data_key')
    .select(['kek_version', (eb) => eb.fn.countAll<number>().as('count')])
    .where('wrapped_key', 'is not', null)
    .groupBy('kek_version')
    .execute();
  return rows.map((row) => ({ version: Number(row.kek_version), count: Number(row.count) }));
}

/** The ids of every erased data key (ids only: they name no one). */
export async function selectErasedDataKeyIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('data_key').select('id').where('wrapped_key', 'is', null).execute();
  return rows.map((row) => row.id);
}
