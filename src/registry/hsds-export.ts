// `npx atlas export hsds <dir>`: the whole registry as HSDS 3.0 — organizations.json and services.json (arrays of
// full objects, as organization_full.json and service_full.json) and the tabular form under tabular/ (a CSV file
// per table and datapackage.json), with our mission fields in the Reentry Atlas profile (docs/hsds-profile.md).
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { stringifyCsv } from '../core/csv.js';
import { loadRegistryGraph } from './hsds.repository.js';
import {
  assembleOrganization,
  assembleService,
  describeTable,
  exportValue,
  hsdsTableNames,
  profileAttributeRows,
  profileEntities,
  scalarFields,
  type HsdsTableName,
  type RegistryGraph,
  type Row,
} from './hsds-mapping.js';
import { hsdsTableSchema } from './hsds-validate.js';

export type ExportSummary = { organizations: number; services: number; rows: Partial<Record<HsdsTableName, number>> };

/** Writes the registry in HSDS form into `directory` (created if needed); returns what it wrote. */
export async function exportHsds(db: Kysely<Database>, directory: string): Promise<ExportSummary> {
  // One snapshot of every table, so that an edit made while the export reads cannot tear a record in two.
  const graph = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => loadRegistryGraph(trx, 'all'));
  mkdirSync(join(directory, 'tabular'), { recursive: true });
  const organizations = graph.list('organization');
  const services = graph.list('service');
  writeJsonArray(join(directory, 'organizations.json'), organizations, (row) =>
    assembleOrganization(graph, row, { services: 'full' }),
  );
  writeJsonArray(join(directory, 'services.json'), services, (row) => assembleService(graph, row));
  const rows = writeTabular(graph, join(directory, 'tabular'));
  return { organizations: organizations.length, services: services.length, rows };
}

/** Writes a JSON array one element at a time, so a large registry never sits in memory as one string. */
function writeJsonArray(file: string, rows: Row[], toObject: (row: Row) => unknown): void {
  const descriptor = openSync(file, 'w');
  try {
    writeSync(descriptor, '[');
    let chunk: string[] = [];
    rows.forEach((row, index) => {
      chunk.push(`${index === 0 ? '\n' : ',\n'}${JSON.stringify(toObject(row))}`);
      if (chunk.length === 500) {
        writeSync(descriptor, chunk.join(''));
        chunk = [];
      }
    });
    writeSync(descriptor, `${chunk.join('')}\n]\n`);
  } finally {
    closeSync(descriptor);
  }
}

/** The rows of each table as the tabular form holds them: outside references restored, the profile applied. */
export function tabularRows(graph: RegistryGraph): Map<HsdsTableName, Row[]> {
  const tables = new Map<HsdsTableName, Row[]>();
  const profileRows: Row[] = [];
  for (const table of hsdsTableNames) {
    const rows = graph.list(table).map((row) => {
      if (!profileEntities.includes(table)) return row;
      const exported = { ...row };
      profileRows.push(...profileAttributeRows(graph, table, exported));
      return exported;
    });
    tables.set(table, rows);
  }
  tables.set('attribute', [...tables.get('attribute')!, ...profileRows]);
  return tables;
}

function writeTabular(graph: RegistryGraph, directory: string): Partial<Record<HsdsTableName, number>> {
  const counts: Partial<Record<HsdsTableName, number>> = {};
  const tables = tabularRows(graph);
  const resources: unknown[] = [];
  const ordered = [...hsdsTableNames].sort(
    (a, b) =>
      hsdsTableSchema(describeTable(a).schemaFile).datapackage_metadata.order -
      hsdsTableSchema(describeTable(b).schemaFile).datapackage_metadata.order,
  );
  for (const table of ordered) {
    const fields = scalarFields(table);
    const rows = tables.get(table)!;
    const records = rows.map((row) => fields.map((field) => csvValue(row[field])));
    writeFileSync(join(directory, describeTable(table).csvFile), stringifyCsv([fields, ...records]));
    counts[table] = rows.length;
    resources.push(dataPackageResource(table));
  }
  const dataPackage = {
    profile: 'tabular-data-package',
    name: 'reentry-atlas-registry',
    title: 'Reentry Atlas registry of institutions and services (HSDS 3.0, Reentry Atlas profile)',
    licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0' }],
    resources,
  };
  writeFileSync(join(directory, 'datapackage.json'), `${JSON.stringify(dataPackage, null, 2)}\n`);
  return counts;
}

function csvValue(value: unknown): string {
  const exported = exportValue(value);
  return exported === null || exported === undefined ? '' : String(exported);
}

/** A Frictionless Data resource for one table, from its HSDS schema (fields, types, keys). */
function dataPackageResource(table: HsdsTableName): Record<string, unknown> {
  const description = describeTable(table);
  const schema = hsdsTableSchema(description.schemaFile);
  const required = new Set([...(schema.required ?? []), ...(schema.tabular_required ?? [])]);
  const fields = scalarFields(table).map((name) => {
    const property = schema.properties[name]!;
    const type = property.datapackage_type ?? (property.type === 'number' ? 'number' : 'string');
    const field: Record<string, unknown> = { name, type, description: property.description };
    if (type === 'string' && property.format && ['uuid', 'email', 'uri'].includes(property.format))
      field.format = property.format;
    const constraints: Record<string, unknown> = {};
    if (required.has(name)) constraints.required = true;
    if (name === 'id') constraints.unique = true;
    if (property.enum) constraints.enum = property.enum;
    if (Object.keys(constraints).length > 0) field.constraints = constraints;
    return field;
  });
  const foreignKeys = description.references.map((reference) => ({
    fields: reference.field,
    reference: { resource: hsdsTableSchema(describeTable(reference.target).schemaFile).name, fields: 'id' },
  }));
  return {
    name: schema.name,
    path: description.csvFile,
    description: schema.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    profile: 'tabular-data-resource',
    schema: { fields, primaryKey: 'id', ...(foreignKeys.length > 0 ? { foreignKeys } : {}) },
  };
}
