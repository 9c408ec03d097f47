// SQL of the HSDS bulk import. It writes the registry tables directly, in big batches, inside the one transaction
// the caller opened — the registry's one bulk door, beside registry.repository.ts (see
// docs/decisions/003-hsds-bulk-import.md). Each batch is one statement: the rows travel as one JSON array and
// PostgreSQL unpacks them with json_populate_recordset, which PGlite and PostgreSQL both have.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { profileTermId } from './hsds-profile.js';
import { describeTable, hsdsTableNames, type HsdsTableName, type Row } from './hsds-mapping.js';

/** Rows per INSERT statement: big enough to amortise a round trip, small enough to keep one message modest. */
export const importBatchSize = 5000;

/** The ids among `ids` that `table` already holds. */
export async function selectExistingIds(
  db: Kysely<Database>,
  table: HsdsTableName,
  ids: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 10000) {
    const chunk = ids.slice(start, start + 10000);
    const result = await sql<{
      id: string;
    }>`SELECT id FROM ${sql.table(table)} WHERE id = ANY(${chunk}::uuid[])`.execute(db);
    for (const row of result.rows) found.add(row.id);
  }
  return found;
}

export type UpsertPlan = {
  table: HsdsTableName;
  /** Columns written, in the order of the rows' keys. */
  columns: string[];
  /** Columns an existing row keeps when the imported row leaves them empty (its links to other records). */
  keepWhenEmpty: Set<string>;
  touchUpdatedAt: boolean;
  /** No row of the batch can exist yet: insert without the ON CONFLICT clause. */
  insertOnly?: boolean;
};

/** Makes other writers of the registry wait until this transaction ends; readers go on. */
export async function lockRegistryForImport(db: Kysely<Database>): Promise<void> {
  const tables = sql.join([...hsdsTableNames, 'service_residency_territory'].map((table) => sql.table(table)));
  await sql`LOCK TABLE ${tables} IN SHARE ROW EXCLUSIVE MODE`.execute(db);
}

/**
 * Turns off the row-by-row foreign-key triggers for the rest of this transaction, when the database user may
 * (a superuser, as on PGlite, or one granted SET on session_replication_role); otherwise leaves them on. Only
 * for an import whose references were all checked under lockRegistryForImport.
 */
export async function skipForeignKeyChecksIfAllowed(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ allowed: boolean }>`
    SELECT current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET') AS allowed`.execute(
    db,
  );
  if (!result.rows[0]?.allowed) return false;
  await sql`SET LOCAL session_replication_role = replica`.execute(db);
  return true;
}

/** True when the table holds no row at all. */
export async function isTableEmpty(db: Kysely<Database>, table: HsdsTableName): Promise<boolean> {
  const result = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS found`.execute(db);
  return !result.rows[0]!.found;
}

/** Inserts or updates (by id) one batch of rows; only the plan's columns are taken from them (absent = NULL). */
export async function upsertBatch(db: Kysely<Database>, plan: UpsertPlan, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columnList = sql.join(plan.columns.map((column) => sql.ref(column)));
  const updates = plan.columns
    .filter((column) => column !== 'id')
    .map((column) =>
      plan.keepWhenEmpty.has(column)
        ? sql`${sql.ref(column)} = COALESCE(EXCLUDED.${sql.ref(column)}, ${sql.table(plan.table)}.${sql.ref(column)})`
        : sql`${sql.ref(column)} = EXCLUDED.${sql.ref(column)}`,
    );
  if (plan.touchUpdatedAt) updates.push(sql`updated_at = now()`);
  const conflict = plan.insertOnly
    ? sql``
    : updates.length > 0
      ? sql`ON CONFLICT (id) DO UPDATE SET ${sql.join(updates)}`
      : sql`ON CONFLICT (id) DO NOTHING`;
  await sql`
    INSERT INTO ${sql.table(plan.table)} (${columnList})
    SELECT ${columnList} FROM json_populate_recordset(NULL::${sql.table(plan.table)}, ${JSON.stringify(rows, plan.columns)}::json)
    ${conflict}`.execute(db);
}

/** Sets a table's reference to its own kind (parent organization, parent term) once every row is in. */
export async function setSelfReferences(
  db: Kysely<Database>,
  table: 'organization' | 'taxonomy_term',
  field: string,
  pairs: Array<{ id: string; target: string }>,
): Promise<void> {
  for (let start = 0; start < pairs.length; start += importBatchSize) {
    const chunk = pairs.slice(start, start + importBatchSize);
    await sql`
      UPDATE ${sql.table(table)} AS t SET ${sql.ref(field)} = x.target
      FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS x(id uuid, target uuid)
      WHERE t.id = x.id`.execute(db);
  }
}

/** Replaces the residency territories of the given services. */
export async function replaceResidencyTerritories(
  db: Kysely<Database>,
  serviceIds: string[],
  rows: Array<{ service_id: string; territory_code: string }>,
  deleteFirst: boolean,
): Promise<void> {
  if (deleteFirst) {
    for (let start = 0; start < serviceIds.length; start += 10000) {
      await sql`DELETE FROM service_residency_territory WHERE service_id = ANY(${serviceIds.slice(start, start + 10000)}::uuid[])`.execute(
        db,
      );
    }
  }
  for (let start = 0; start < rows.length; start += importBatchSize) {
    await sql`
      INSERT INTO service_residency_territory (service_id, territory_code)
      SELECT service_id, territory_code FROM json_to_recordset(${JSON.stringify(rows.slice(start, start + importBatchSize))}::json) AS x(service_id uuid, territory_code text)
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** True when some reference in the registry still points outside it (so an import may resolve it). */
export async function hasExternalReferences(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('attribute')
    .select('id')
    .where('taxonomy_term_id', '=', profileTermId('external_reference'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets the outside references recorded for these records (the import brings their references anew). */
export async function deleteExternalReferences(db: Kysely<Database>, linkIds: string[]): Promise<void> {
  for (let start = 0; start < linkIds.length; start += 10000) {
    await sql`DELETE FROM attribute WHERE taxonomy_term_id = ${profileTermId('external_reference')} AND link_id = ANY(${linkIds.slice(start, start + 10000)}::uuid[])`.execute(
      db,
    );
  }
}

/**
 * Links references that pointed outside the registry to records that are now in it (a parent organization
 * imported after its children, say), and forgets them as outside references.
 */
export async function resolveExternalReferences(db: Kysely<Database>): Promise<number> {
  let resolved = 0;
  const term = profileTermId('external_reference');
  for (const table of Object.keys(referenceTargets) as HsdsTableName[]) {
    for (const { field, target } of referenceTargets[table] ?? []) {
      const found = sql`FROM attribute a JOIN ${sql.table(target)} x ON x.id::text = a.value
        WHERE a.taxonomy_term_id = ${term} AND a.link_entity = ${table} AND a.link_type = ${field}`;
      await sql`UPDATE ${sql.table(table)} AS t SET ${sql.ref(field)} = x.id ${found} AND a.link_id = t.id`.execute(db);
      const deleted = await sql`DELETE FROM attribute WHERE id IN (SELECT a.id ${found})`.execute(db);
      resolved += Number(deleted.numAffectedRows ?? 0);
    }
  }
  return resolved;
}

const referenceTargets = Object.fromEntries(
  (
    [
      'organization',
      'program',
      'service',
      'location',
      'contact',
      'phone',
      'address',
      'schedule',
      'service_area',
      'language',
      'required_document',
      'cost_option',
      'funding',
      'accessibility',
      'taxonomy_term',
    ] as const
  ).map((table) => [table, describeTable(table).references.filter((reference) => reference.strength !== 'required')]),
) as Partial<Record<HsdsTableName, Array<{ field: string; target: HsdsTableName }>>>;

/** Rows in each registry table: what tests compare before and after an import. */
export async function countRegistryRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    ...Object.keys(referenceTargets),
    'taxonomy',
    'organization_identifier',
    'service_at_location',
    'attribute',
    'metadata',
    'service_residency_territory',
    'registry_revision',
  ]) {
    const result = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(result.rows[0]!.count);
  }
  const revision = await db.selectFrom('registry_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  counts.revision = Number(revision?.revision ?? 0);
  return counts;
}
