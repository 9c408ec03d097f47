import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { listMigrationFiles, migrateToLatest } from '../db/migrate.js';
import { verifyAuditChains } from '../audit/audit.service.js';
import { erasePerson, findPeopleByDataKeys } from '../people/person.service.js';
import { eraseSubjectKey, findLedgerKeysStillWrapped } from '../privacy/sealing.service.js';
import {
  addForeignKey,
  closeCursor,
  countRows,
  deleteAllRows,
  dropForeignKey,
  fetchFromCursor,
  insertTextRows,
  openTableCursor,
  resetOwnedSequences,
  selectAppliedMigrations,
  selectColumns,
  selectForeignKeyEdges,
  selectForeignKeys,
  selectTableNames,
  setTriggersEnabled,
} from './backup.repository.js';

// A logical backup that needs no pg_dump (docs/privacy/backups.md, docs/decisions/…-retention-backup.md): one
// REPEATABLE READ transaction reads every table in dependency order through a cursor, each value in its text form,
// into gzip-compressed JSON lines. The same code runs on PostgreSQL (DATABASE_URL), on the embedded database through
// the running app's socket, or on the data folder itself when the app is stopped. The file holds sealed values as
// they are: without the keys (never in a backup) no personal field in it can be opened.
//
// File format, version 1, one JSON value per line:
//   {"format":"reentry-atlas-backup","version":1,"createdAt":…,"migrations":[…],"tables":[…]}
//   {"table":"territory","columns":["code",…]}     then one array of text values (or null) per row
//   {"end":"territory","rows":123}
//   …
//   {"complete":true,"counts":{"territory":123,…}}

export const backupFormat = 'reentry-atlas-backup';
export const backupVersion = 1;
const fetchSize = 2000;
/** schema_migration is written by the migrations a restore runs; its rows are the header's list. */
const tablesNotCopied = new Set(['schema_migration']);

export type ProgressReporter = (line: string) => void;

/** Tables in an order where every table comes after the tables it refers to (self-references aside). */
export function orderByDependencies(tables: readonly string[], edges: readonly { child: string; parent: string }[]) {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort();
  while (remaining.length > 0) {
    const index = remaining.findIndex((table) =>
      edges.every((edge) => edge.child !== table || edge.parent === table || placed.has(edge.parent)),
    );
    // A cycle of foreign keys (none today): take the next table; the load adds foreign keys back only at its end.
    const [table] = remaining.splice(index === -1 ? 0 : index, 1);
    ordered.push(table!);
    placed.add(table!);
  }
  return ordered;
}

export type BackupSummary = { tables: number; rows: number; bytes: number; milliseconds: number };

/**
 * Writes a consistent backup of every table to `path` (gzip, JSON lines) while the app keeps running; the file
 * appears only when complete (written as `path.partial`, then renamed), owner-only.
 */
export async function writeBackup(
  db: Kysely<Database>,
  path: string,
  progress: ProgressReporter = () => {},
): Promise<BackupSummary> {
  const started = Date.now();
  const partial = `${path}.partial`;
  const gzip = createGzip();
  const file = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(file);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  let rows = 0;
  let tableCount = 0;
  try {
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        // One snapshot for the whole read: rows committed by the app meanwhile are in the next backup, not half here.
        await sql`SET TRANSACTION READ ONLY`.execute(trx);
        const tables = orderByDependencies(
          (await selectTableNames(trx)).filter((table) => !tablesNotCopied.has(table)),
          await selectForeignKeyEdges(trx),
        );
        const migrations = await selectAppliedMigrations(trx);
        await write({
          format: backupFormat,
          version: backupVersion,
          createdAt: new Date().toISOString(),
          migrations,
          tables,
        });
        const counts: Record<string, number> = {};
        for (const table of tables) {
          const columns = await selectColumns(trx, table);
          await write({ table, columns });
          await openTableCursor(trx, 'atlas_backup', table, columns);
          let count = 0;
          for (;;) {
            const batch = await fetchFromCursor(trx, 'atlas_backup', fetchSize, columns.length);
            for (const row of batch) await write(row);
            count += batch.length;
            if (batch.length < fetchSize) break;
            if (count % 50_000 === 0) progress(`  ${table}: ${count} rows…`);
          }
          await closeCursor(trx, 'atlas_backup');
          await write({ end: table, rows: count });
          counts[table] = count;
          rows += count;
          tableCount += 1;
          if (count > 0) progress(`${table}: ${count} rows`);
        }
        await write({ complete: true, counts });
      });
    gzip.end();
    await finished(file);
    renameSync(partial, path);
  } catch (error) {
    gzip.destroy();
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
  return { tables: tableCount, rows, bytes: statSync(path).size, milliseconds: Date.now() - started };
}

/** Why a restore stops before it changes anything. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

type Header = { format: string; version: number; createdAt: string; migrations: string[]; tables: string[] };

export type RestoreSummary = {
  createdAt: string;
  tables: number;
  rows: number;
  erasedAgain: number;
  auditEventsChecked: number;
  milliseconds: number;
};

/** Reads a backup file line by line (gzip), never whole. */
function readBackupLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
}

async function readHeader(path: string): Promise<Header> {
  const input = createReadStream(path);
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  try {
    return await parseHeader(path, lines);
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${path} is not a Reentry Atlas backup (${(error as Error).message}).`);
  } finally {
    lines.close();
    input.destroy();
  }
}

async function parseHeader(path: string, lines: AsyncIterable<string>): Promise<Header> {
  for await (const line of lines) {
    let header: Partial<Header>;
    try {
      header = JSON.parse(line) as Partial<Header>;
    } catch {
      break;
    }
    if (header.format !== backupFormat) break;
    if (header.version !== backupVersion) {
      throw new RestoreRefused(
        `${path} is a backup of version ${header.version}; this build reads version ${backupVersion}.`,
      );
    }
    return header as Header;
  }
  throw new RestoreRefused(`${path} is not a Reentry Atlas backup.`);
}

/**
 * Restores a backup into an empty database: refuses one that has any table; migrates to the backup's schema level;
 * loads every table in one transaction (foreign keys dropped and added back checked, user triggers held off so
 * derived counts are not counted twice, the audit tables loaded under atlas.audit_retention); moves sequences on;
 * checks every table's row count against the file; erases again every data key the erasure ledger lists; and
 * verifies the audit trail's hash chains.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  path: string,
  progress: ProgressReporter = () => {},
): Promise<RestoreSummary> {
  const started = Date.now();
  const header = await readHeader(path);
  const existing = await selectTableNames(db);
  if (existing.length > 0) {
    throw new RestoreRefused(
      `The database is not empty (${existing.length} tables). Restore needs an empty data folder (DATA_DIR) or an empty database (DATABASE_URL).`,
    );
  }
  const known = new Set(listMigrationFiles());
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new RestoreRefused(
      `The backup was made by a newer version of the app (migration ${unknown[0]} is unknown here): restore it with that version.`,
    );
  }
  progress(`Migrating to the backup's schema (${header.migrations.length} migrations)…`);
  await migrateToLatest(db, { only: header.migrations });

  const counts: Record<string, number> = {};
  let expected: Record<string, number> | undefined;
  await db.transaction().execute(async (trx) => {
    // The audit trail's triggers allow this load's deletions (rows the migrations seeded) under the flag.
    await sql`SET LOCAL atlas.audit_retention = 'on'`.execute(trx);
    const tables = (await selectTableNames(trx)).filter((table) => !tablesNotCopied.has(table));
    const foreignKeys = await selectForeignKeys(trx);
    for (const key of foreignKeys) await dropForeignKey(trx, key.table, key.name);
    for (const table of tables) {
      await setTriggersEnabled(trx, table, false);
      await deleteAllRows(trx, table);
    }
    let table: string | undefined;
    let columns: string[] = [];
    let pending: (string | null)[][] = [];
    const flush = async () => {
      await insertTextRows(trx, table!, columns, pending);
      pending = [];
    };
    let first = true;
    for await (const line of readBackupLines(path)) {
      if (first) {
        first = false;
        continue;
      }
      const value = JSON.parse(line) as unknown;
      if (Array.isArray(value)) {
        if (!table) throw new RestoreRefused(`${path} has rows outside any table.`);
        pending.push(value as (string | null)[]);
        // Well below the 65 535 parameters of one statement.
        if (pending.length * columns.length >= 20_000) await flush();
        counts[table] = (counts[table] ?? 0) + 1;
        if (counts[table]! % 50_000 === 0) progress(`  ${table}: ${counts[table]} rows…`);
        continue;
      }
      const record = value as {
        table?: string;
        columns?: string[];
        end?: string;
        complete?: boolean;
        counts?: Record<string, number>;
      };
      if (record.table !== undefined) {
        if (!tables.includes(record.table)) throw new RestoreRefused(`The schema has no table ${record.table}.`);
        table = record.table;
        columns = record.columns ?? [];
        counts[table] = 0;
      } else if (record.end !== undefined) {
        await flush();
        if (counts[record.end]) progress(`${record.end}: ${counts[record.end]} rows`);
        table = undefined;
      } else if (record.complete) {
        expected = record.counts ?? {};
      }
    }
    if (!expected) throw new RestoreRefused(`${path} is incomplete (no end record): it was cut short.`);
    for (const entry of tables) await setTriggersEnabled(trx, entry, true);
    progress('Checking foreign keys…');
    for (const key of foreignKeys) await addForeignKey(trx, key.table, key.name, key.definition);
    await resetOwnedSequences(trx);
    for (const [name, count] of Object.entries(expected)) {
      const loaded = await countRows(trx, name);
      if (loaded !== count) throw new RestoreRefused(`${name}: ${loaded} rows loaded, the backup holds ${count}.`);
    }
  });

  // Erasures made after the backup: the ledger kept with the keys lists their data keys.
  const stillWrapped = await findLedgerKeysStillWrapped(db);
  if (stillWrapped.length > 0) {
    progress(`Erasing again ${stillWrapped.length} data keys the erasure ledger lists…`);
    const people = await findPeopleByDataKeys(db, stillWrapped);
    for (const personId of people) {
      await db
        .transaction()
        .execute((trx) => erasePerson(trx, personId, { accountId: null, reason: 'erasure_ledger' }));
    }
    const left = await findLedgerKeysStillWrapped(db);
    for (const id of left) await db.transaction().execute((trx) => eraseSubjectKey(trx, id));
  }

  progress('Verifying the audit trail…');
  const audit = await verifyAuditChains(db);
  if (audit.breaks.length > 0) {
    const first = audit.breaks[0]!;
    throw new RestoreRefused(
      `The restored audit trail does not verify (${audit.breaks.length} breaks; chain ${first.chain} at ${first.sequence}: ${first.problem}).`,
    );
  }
  return {
    createdAt: header.createdAt,
    tables: Object.keys(expected!).length,
    rows: Object.values(expected!).reduce((sum, count) => sum + count, 0),
    erasedAgain: stillWrapped.length,
    auditEventsChecked: audit.checked,
    milliseconds: Date.now() - started,
  };
}
