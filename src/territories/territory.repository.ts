import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { Region2004Table, TerritoryTable } from './territory.table.js';

export type TerritoryRow = Selectable<TerritoryTable>;
export type Region2004Row = Selectable<Region2004Table>;

/** Counts stored territories; zero means the reference data has not been loaded yet. */
export async function countTerritories(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('territory')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertTerritories(db: Kysely<Database>, rows: Insertable<TerritoryTable>[]): Promise<void> {
  // Parents first: the foreign key needs the municipality before its parishes.
  const ordered = [...rows].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  for (let start = 0; start < ordered.length; start += 500) {
    await db
      .insertInto('territory')
      .values(ordered.slice(start, start + 500))
      .execute();
  }
}

export async function insertRegions2004(db: Kysely<Database>, rows: Insertable<Region2004Table>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('region_2004').values(rows).execute();
}

export async function selectAllTerritories(db: Kysely<Database>): Promise<TerritoryRow[]> {
  return db.selectFrom('territory').selectAll().execute();
}

export async function selectTerritoryByCode(db: Kysely<Database>, code: string): Promise<TerritoryRow | undefined> {
  return db.selectFrom('territory').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function selectTerritoriesBySearchName(
  db: Kysely<Database>,
  foldedQuery: string,
): Promise<TerritoryRow[]> {
  const pattern = `%${foldedQuery.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return db.selectFrom('territory').selectAll().where('search_name', 'like', pattern).execute();
}

export async function selectAllRegions2004(db: Kysely<Database>): Promise<Region2004Row[]> {
  return db.selectFrom('region_2004').selectAll().execute();
}
