import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// SQL for backup and restore. These read and write every table of the schema by name (docs/decisions: the
// backup is the one reader of every table, kept as an exception to the table-owner rule), through the catalogue
// rather than Kysely's typed tables, so a table added tomorrow is in tomorrow's backups without a change here.

type AnyDatabase = Kysely<Database>;

/** The tables of the app's schema (schema_migration included), by name. */
export async function selectTableNames(db: AnyDatabase): Promise<string[]> {
  const result = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`.execute(db);
  return result.rows.map((row) => row.name);
}

/** Each foreign key: the table that refers and the table referred to. */
export async function selectForeignKeyEdges(db: AnyDatabase): Promise<{ child: string; parent: string }[]> {
  const result = await sql<{ child: string; parent: string }>`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid
    JOIN pg_class parent ON parent.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()`.execute(db);
  return result.rows;
}

/** The foreign keys with their definitions, to drop them for a load and add them back (checked) after it. */
export async function selectForeignKeys(
  db: AnyDatabase,
): Promise<{ table: string; name: string; definition: string }[]> {
  const result = await sql<{ table: string; name: string; definition: string }>`
    SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()
    ORDER BY c.relname, k.conname`.execute(db);
  return result.rows;
}

/** A table's stored columns in order (generated columns are computed again on load, so they are left out). */
export async function selectColumns(db: AnyDatabase, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relname = ${table} AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attgenerated = ''
    ORDER BY a.attnum`.execute(db);
  return result.rows.map((row) => row.name);
}

/** The names of the migrations applied, in order. */
export async function selectAppliedMigrations(db: AnyDatabase): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db);
  return result.rows.map((row) => row.name);
}

/** Opens a cursor over every row of a table, each column as its text form (exact for every type). */
export async function openTableCursor(trx: AnyDatabase, cursor: string, table: string, columns: readonly string[]) {
  const list = sql.join(columns.map((column, index) => sql`${sql.ref(column)}::text AS ${sql.ref(`c${index}`)}`));
  await sql`DECLARE ${sql.id(cursor)} NO SCROLL CURSOR FOR SELECT ${list} FROM ${sql.table(table)}`.execute(trx);
}

/** The next rows of a cursor, as arrays of text (or null) in column order. */
export async function fetchFromCursor(
  trx: AnyDatabase,
  cursor: string,
  count: number,
  columnCount: number,
): Promise<(string | null)[][]> {
  const result = await sql<
    Record<string, string | null>
  >`FETCH ${sql.raw(String(count))} FROM ${sql.id(cursor)}`.execute(trx);
  return result.rows.map((row) => Array.from({ length: columnCount }, (_, index) => row[`c${index}`] ?? null));
}

export async function closeCursor(trx: AnyDatabase, cursor: string) {
  await sql`CLOSE ${sql.id(cursor)}`.execute(trx);
}

/** Inserts rows given as text; the server parses each value by its column's type. */
export async function insertTextRows(
  trx: AnyDatabase,
  table: string,
  columns: readonly string[],
  rows: readonly (string | null)[][],
) {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((column) => sql.ref(column)));
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`INSERT INTO ${sql.table(table)} (${names}) OVERRIDING SYSTEM VALUE VALUES ${values}`.execute(trx);
}

export async function countRows(db: AnyDatabase, table: string): Promise<number> {
  const result = await sql<{ count: number }>`SELECT count(*) AS count FROM ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

export async function deleteAllRows(trx: AnyDatabase, table: string) {
  await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
}

export async function setTriggersEnabled(trx: AnyDatabase, table: string, enabled: boolean) {
  await sql`ALTER TABLE ${sql.table(table)} ${sql.raw(enabled ? 'ENABLE' : 'DISABLE')} TRIGGER USER`.execute(trx);
}

export async function dropForeignKey(trx: AnyDatabase, table: string, name: string) {
  await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(trx);
}

export async function addForeignKey(trx: AnyDatabase, table: string, name: string, definition: string) {
  // The definition comes from pg_get_constraintdef of this same schema, never from the backup file.
  await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(name)} ${sql.raw(definition)}`.execute(trx);
}

/** Moves every sequence owned by a column past the largest value loaded into it. */
export async function resetOwnedSequences(trx: AnyDatabase): Promise<number> {
  const result = await sql<{ sequence: string; table: string; column: string }>`
    SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
    FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE s.relkind = 'S' AND n.nspname = current_schema()`.execute(trx);
  for (const row of result.rows) {
    await sql`SELECT setval(${row.sequence}::regclass, coalesce(max(${sql.ref(row.column)})::bigint, 1), max(${sql.ref(
      row.column,
    )}) IS NOT NULL) FROM ${sql.table(row.table)}`.execute(trx);
  }
  return result.rows.length;
}
