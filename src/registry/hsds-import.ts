// `npx atlas import hsds`: reads HSDS 3.0 in the forms the HSDS examples use, validates every record against the
// official schemas and our own rules, and only then writes everything in one transaction — or nothing.
import { entitlementLimits, isLegalTextUrl } from './entitlement.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { restoreCsvCell } from '../core/csv.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { isIsoDate } from '../core/dates.js';
import { AppError, type AppErrorDetail } from '../core/errors.js';
import { listTerritories } from '../territories/territory.service.js';
import { bumpRegistryRevision } from './registry.repository.js';
import { institutionSearchName } from './institution-read.service.js';
import { eligibleSexes, institutionTypes, isOneOf, residencyRules } from './registry.enums.js';
import {
  deleteExternalReferences,
  hasExternalReferences,
  importBatchSize,
  isTableEmpty,
  lockRegistryForImport,
  skipForeignKeyChecksIfAllowed,
  replaceResidencyTerritories,
  resolveExternalReferences,
  selectExistingIds,
  setSelfReferences,
  upsertBatch,
  type UpsertPlan,
} from './hsds-import.repository.js';
import {
  describeTable,
  emptyTextFields,
  hsdsTableNames,
  profileEntities,
  referenceFields,
  scalarFields,
  stableUuid,
  tableForCsvFile,
  type HsdsTableName,
  type Row,
  entitlementProfileCodes,
} from './hsds-mapping.js';
import { findProfileTerm, hsdsProfileTaxonomy, profileTermId, type ProfileTerm } from './hsds-profile.js';
import { institutionTextFields, serviceTextFields, type TranslatedLanguage } from './listing-text.js';
import { organizationTranslationRows, serviceTranslationRows } from './listing-translation.mapping.js';
import {
  replaceImportedTranslations,
  type OrganizationTranslationRow,
  type ServiceTranslationRow,
} from './listing-translation.repository.js';
import { hsdsTableSchema, joinPath, validateHsds } from './hsds-validate.js';

/** One rejected thing: where (a path in a record, or a CSV cell), and why, as a message key with parameters. */
export type ImportProblem = { origin: number; path: string; key: string; params: Record<string, string | number> };

/** Where a record came from, as a data steward finds it again: '[3]', 'contents[0]', 'services.csv row 12'. */
type Origin = { locator: string; label: string };

export type ImportProgress =
  { stage: 'validated'; records: number; total: number } | { stage: 'written'; rows: number; total: number };

export type ImportSummary = {
  counts: Partial<Record<HsdsTableName | 'service_residency_territory', number>>;
  externalReferences: number;
  notes: Array<{ key: string; params: Record<string, string | number> }>;
};

type Entry = { row: Row; origin: number; path: string };

const MISSING = Symbol('missing');

/** The records an import found, by table and id, before anything is written. */
class RowSet {
  readonly tables = new Map<HsdsTableName, Map<string, Entry>>(hsdsTableNames.map((table) => [table, new Map()]));
  readonly residency = new Map<string, string[]>();
  /** Russian and English texts read from the profile's translation attributes, by organization or service id. */
  readonly translations = new Map<string, Partial<Record<TranslatedLanguage, Record<string, string>>>>();

  get(table: HsdsTableName): Map<string, Entry> {
    return this.tables.get(table)!;
  }
}

/** Everything the checks need, gathered while reading. */
class ImportRun {
  readonly rows = new RowSet();
  readonly origins: Origin[] = [];
  readonly problems: ImportProblem[] = [];
  readonly notes: ImportSummary['notes'] = [];
  /** References to records outside the file and the registry that may stay so (see Reference strengths). */
  external: ExternalReference[] = [];
  /** Ids of records the schema rejected (already reported). */
  readonly rejectedIds = new Set<string>();
  records = 0;

  constructor(readonly onProgress: (progress: ImportProgress) => void) {}

  private nextProgress = 10000;

  /** Counts checked records, telling progress every 10 000. */
  countRecords(count: number): void {
    this.records += count;
    if (this.records < this.nextProgress) return;
    this.nextProgress = (Math.floor(this.records / 10000) + 1) * 10000;
    this.onProgress({ stage: 'validated', records: this.records, total: 0 });
  }

  addOrigin(locator: string, label = ''): number {
    this.origins.push({ locator, label });
    return this.origins.length - 1;
  }

  problem(origin: number, path: string, key: string, params: Record<string, string | number> = {}): void {
    this.problems.push({ origin, path, key, params: { ...params, path } });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the input

/** Reads a file or directory in one of the HSDS forms and checks what the file alone can tell; writes nothing. */
async function readAndCheck(db: Kysely<Database>, source: string, run: ImportRun): Promise<void> {
  if (!existsSync(source)) throw new AppError('invalid_input', 'hsds.import.not_found', [], { source });
  if (statSync(source).isDirectory()) {
    const files = readdirSync(source);
    if (files.some((file) => file.endsWith('.csv'))) readTabular(source, files, run);
    else {
      const jsonFiles = files.filter((file) => file.endsWith('.json') && file !== 'datapackage.json').sort();
      if (jsonFiles.length === 0) throw new AppError('invalid_input', 'hsds.import.empty_directory', [], { source });
      for (const file of jsonFiles) readJsonFile(join(source, file), `${file} `, run);
    }
  } else {
    readJsonFile(source, '', run);
  }
  // The checks below run on the records that passed the schema, so that one pass reports every problem.
  extractProfile(run, await territoryCodes(db));
  checkRequiredLinks(run);
}

function readJsonFile(file: string, prefix: string, run: ImportRun): void {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const origin = run.addOrigin(prefix.trim() || basename(file));
    run.problem(origin, basename(file), 'hsds.problem.json', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  // The forms of the HSDS examples: a Page of the API ({…, contents: […]}), a plain array, or one object.
  if (isObject(document) && Array.isArray(document.contents) && 'total_items' in document) {
    document.contents.forEach((record, index) => readJsonRecord(record, `${prefix}contents[${index}]`, run));
  } else if (Array.isArray(document)) {
    document.forEach((record, index) => readJsonRecord(record, `${prefix}[${index}]`, run));
  } else {
    readJsonRecord(document, prefix.trim(), run);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const serviceOnlyFields = [
  'status',
  'service_at_locations',
  'service_areas',
  'organization',
  'program',
  'eligibility_description',
  'application_process',
  'fees',
  'url',
  'cost_options',
  'required_documents',
];
const organizationOnlyFields = [
  'services',
  'locations',
  'programs',
  'organization_identifiers',
  'website',
  'tax_status',
  'tax_id',
  'legal_status',
  'year_incorporated',
  'parent_organization_id',
  'logo',
];

/** A full HSDS object is a service or an organization; the fields only one of them has tell which. */
function kindOfRecord(record: Record<string, unknown>): 'service' | 'organization' | undefined {
  const serviceScore = serviceOnlyFields.filter((field) => field in record).length;
  const organizationScore = organizationOnlyFields.filter((field) => field in record).length;
  if (serviceScore === 0 && organizationScore === 0)
    return 'description' in record && !('status' in record) ? 'organization' : undefined;
  return serviceScore >= organizationScore ? 'service' : 'organization';
}

function readJsonRecord(record: unknown, locator: string, run: ImportRun): void {
  const kind = isObject(record) ? kindOfRecord(record) : undefined;
  const label = isObject(record) && kind ? (typeof record.name === 'string' ? `${kind} "${record.name}"` : kind) : '';
  const origin = run.addOrigin(locator || '(file)', label);
  if (!isObject(record) || !kind) {
    run.problem(origin, locator || '(file)', 'hsds.problem.not_hsds');
    return;
  }
  // HSDS fields are never null; many producers write null for "no value", and so we read it.
  removeNulls(record);
  const problems = validateHsds(`${kind}.json`, record).map((problem) => ({
    ...problem,
    path: joinPath(locator, problem.path),
  }));
  // organization.json does not list `services`; the full organization of the HSDS API nests them all the same.
  if (kind === 'organization' && Array.isArray(record.services)) {
    record.services.forEach((service, index) => {
      const servicePath = joinPath(locator, `services[${index}]`);
      for (const problem of validateHsds('service.json', service))
        problems.push({ ...problem, path: joinPath(servicePath, problem.path) });
    });
  }
  for (const problem of problems) run.problem(origin, problem.path, problem.key, problem.params);
  // A record rejected by the schema is reported once: references to it from other records do not add to that.
  if (problems.length > 0) collectIds(record, run.rejectedIds);
  // An organization counts with the services nested in it: the count a data steward expects.
  run.countRecords(1 + (kind === 'organization' && Array.isArray(record.services) ? record.services.length : 0));
  if (problems.length === 0) flatten(record, kind, locator, undefined, origin, run);
}

function collectIds(value: unknown, ids: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectIds(item, ids);
  else if (isObject(value)) {
    if (typeof value.id === 'string') ids.add(value.id);
    for (const item of Object.values(value)) if (typeof item === 'object') collectIds(item, ids);
  }
}

function removeNulls(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) removeNulls(item);
  } else if (isObject(value)) {
    for (const key in value) {
      const item = value[key];
      if (item === null) delete value[key];
      else if (typeof item === 'object') removeNulls(item);
    }
  }
}

type ParentLink = { table: HsdsTableName; id: string; link: string };

/** Turns one nested HSDS object into rows, each linked to the object it was nested in; returns its id. */
function flatten(
  object: Record<string, unknown>,
  table: HsdsTableName,
  path: string,
  parent: ParentLink | undefined,
  origin: number,
  run: ImportRun,
): string {
  const id = object.id as string;
  // The parsed object becomes the row: writes take only the table's columns from it (see upsertBatch), and a
  // registry of 100 000 services is not copied once more.
  const row: Row = object;
  if (parent) {
    if (row[parent.link] !== undefined && row[parent.link] !== parent.id) {
      run.problem(origin, joinPath(path, parent.link), 'hsds.problem.nested_mismatch', {
        value: String(row[parent.link]),
        parent: parent.table,
        parentId: parent.id,
      });
    }
    row[parent.link] = parent.id;
    if (table === 'attribute' && row.link_entity === undefined) row.link_entity = parent.table;
    if (table === 'metadata' && row.resource_type === undefined) row.resource_type = parent.table;
  }
  for (const nesting of describeTable(table).nested) {
    const value = object[nesting.property];
    if (value === undefined) continue;
    const nestedPath = joinPath(path, nesting.property);
    if (nesting.side === 'parent') {
      if (!isObject(value)) continue;
      const targetId = flatten(value, nesting.table, nestedPath, undefined, origin, run);
      if (row[nesting.link] !== undefined && row[nesting.link] !== targetId) {
        run.problem(origin, joinPath(path, nesting.link), 'hsds.problem.nested_mismatch', {
          value: String(row[nesting.link]),
          parent: nesting.table,
          parentId: targetId,
        });
      }
      row[nesting.link] = targetId;
    } else if (Array.isArray(value)) {
      const link = { table, id, link: nesting.link };
      value.forEach((item, index) => {
        if (isObject(item)) flatten(item, nesting.table, `${nestedPath}[${index}]`, link, origin, run);
      });
    }
  }
  merge(table, id, row, origin, path, run, false);
  return id;
}

/**
 * Adds a row to the set. HSDS full objects repeat a shared record (one phone under the service, its location and
 * its contact): the repeats are one record, linked to each place it appears. The same id with different content
 * is an error; so is any repeated id in a CSV file, where each record has one row.
 */
function merge(
  table: HsdsTableName,
  id: string,
  row: Row,
  origin: number,
  path: string,
  run: ImportRun,
  strict: boolean,
): void {
  const rows = run.rows.get(table);
  const existing = rows.get(id);
  if (!existing) {
    rows.set(id, { row, origin, path });
    return;
  }
  if (strict) {
    run.problem(origin, path, 'hsds.problem.duplicate_row', { id, other: run.origins[existing.origin]!.locator });
    return;
  }
  for (const field of scalarFields(table)) {
    const value = row[field];
    if (value === undefined) continue;
    const before = existing.row[field] ?? MISSING;
    if (before === MISSING) existing.row[field] = value;
    else if (before !== value && referenceFields(table).has(field)) {
      run.problem(origin, joinPath(path, field), 'hsds.problem.two_parents', { table, id, otherPath: existing.path });
    } else if (before !== value) {
      run.problem(origin, joinPath(path, field), 'hsds.problem.duplicate_id', {
        table,
        id,
        value: String(value),
        other: String(before),
        otherPath: joinPath(existing.path, field),
      });
    }
  }
}

// The tabular form: one CSV file per table, as HSDS names them (services.csv …), and datapackage.json.
function readTabular(directory: string, files: string[], run: ImportRun): void {
  const csvFiles = csvFilesOf(directory, files);
  for (const [file, table] of csvFiles) {
    if (!table) {
      run.notes.push({ key: 'hsds.note.skipped_file', params: { file } });
      continue;
    }
    let records: string[][];
    try {
      records = parseCsv(readFileSync(join(directory, file), 'utf8'), {
        bom: true,
        skip_empty_lines: true,
        relax_column_count: false,
        cast: restoreCsvCell,
      });
    } catch (error) {
      run.problem(run.addOrigin(file), file, 'hsds.problem.csv', {
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const [header, ...body] = records;
    if (!header) continue;
    const schema = hsdsTableSchema(describeTable(table).schemaFile);
    const known = new Set(scalarFields(table));
    const unknownColumns = header.filter((column) => !known.has(column));
    if (unknownColumns.length > 0)
      run.notes.push({ key: 'hsds.note.unknown_columns', params: { file, columns: unknownColumns.join(', ') } });
    const required = new Set([...(schema.required ?? []), ...(schema.tabular_required ?? [])]);
    const emptyText = emptyTextFields[table];
    body.forEach((cells, index) => {
      // Row numbers as a spreadsheet shows them: the header is row 1.
      const locator = `${file} row ${index + 2}`;
      const origin = run.addOrigin(locator);
      const row: Row = {};
      let valid = true;
      header.forEach((column, columnIndex) => {
        if (!known.has(column)) return;
        const text = cells[columnIndex] ?? '';
        if (text === '') {
          if (emptyText?.has(column)) row[column] = '';
          return;
        }
        if (schema.properties[column]?.type === 'number') {
          const number = Number(text);
          if (text.trim() === '' || !Number.isFinite(number)) {
            run.problem(origin, `column ${column}`, 'hsds.problem.type', {
              expected: 'number',
              actual: 'text',
              value: text,
            });
            valid = false;
            return;
          }
          row[column] = number;
        } else row[column] = text;
      });
      for (const column of required) {
        if (row[column] === undefined && schema.properties[column]) {
          run.problem(origin, `column ${column}`, 'hsds.problem.required');
          valid = false;
        }
      }
      for (const problem of validateHsds(describeTable(table).schemaFile, row)) {
        if (problem.key === 'hsds.problem.required') continue;
        run.problem(origin, `column ${problem.path}`, problem.key, problem.params);
        valid = false;
      }
      run.countRecords(1);
      if (valid) merge(table, row.id as string, row, origin, locator, run, true);
      else if (typeof row.id === 'string') run.rejectedIds.add(row.id);
    });
  }
}

/** The CSV files to read: those datapackage.json lists, or else every file with an HSDS table's name. */
function csvFilesOf(directory: string, files: string[]): Array<[string, HsdsTableName | undefined]> {
  const listed = new Set<string>();
  const packagePath = join(directory, 'datapackage.json');
  if (existsSync(packagePath)) {
    try {
      const dataPackage = JSON.parse(readFileSync(packagePath, 'utf8')) as { resources?: Array<{ path?: string }> };
      for (const resource of dataPackage.resources ?? [])
        if (typeof resource.path === 'string') listed.add(basename(resource.path));
    } catch {
      // The HSDS example's datapackage.json is a dangling link; the CSV file names say as much.
    }
  }
  const csvFiles = files.filter((file) => file.endsWith('.csv') && (listed.size === 0 || listed.has(file)));
  // Read in the order references point (taxonomies first, metadata last), so problems read top-down.
  const order = (file: string) => {
    const table = tableForCsvFile(file);
    return table ? hsdsTableNames.indexOf(table) : hsdsTableNames.length;
  };
  return csvFiles
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((file) => [file, tableForCsvFile(file)]);
}

// ---------------------------------------------------------------------------------------------------------------
// The profile and our own checks

async function territoryCodes(db: Kysely<Database>): Promise<Set<string>> {
  return new Set((await listTerritories(db, { includeHistorical: true })).map((territory) => territory.code));
}

/** Reads the profile's attributes back into the mission columns, and checks territory codes. */
function extractProfile(run: ImportRun, territories: Set<string>): void {
  const { rows } = run;
  // The profile's own taxonomy is reference data: a file cannot change it.
  rows.get('taxonomy').delete(hsdsProfileTaxonomy.id);
  for (const [id] of rows.get('taxonomy_term')) if (findProfileTerm(id)) rows.get('taxonomy_term').delete(id);
  resetProfileColumns(run, territories);
  const attributes = rows.get('attribute');
  for (const [id, entry] of attributes) {
    const term = findProfileTerm(entry.row.taxonomy_term_id as string | undefined);
    if (!term) continue;
    attributes.delete(id);
    const value = String(entry.row.value ?? '');
    const linkId = entry.row.link_id as string;
    if (term.code === 'external_reference') {
      const target = findProfileTarget(run, linkId, entry.row.link_entity);
      const field = String(entry.row.link_type ?? '');
      if (target && scalarFields(target.table).includes(field) && target.entry.row[field] === undefined)
        target.entry.row[field] = value;
      continue;
    }
    const target = findProfileTarget(run, linkId, entry.row.link_entity);
    if (!target || !term.appliesTo.includes(target.table)) {
      run.problem(entry.origin, joinPath(entry.path, 'link_id'), 'hsds.problem.profile_target_missing', {
        code: term.code,
        id: linkId,
        entity: term.appliesTo.join('/'),
      });
      continue;
    }
    applyProfileValue(run, entry, term, target.entry.row, territories, target.table);
  }
}

/** Profile columns start at their defaults (only profile attributes set them); ATVK service areas get their code. */
function resetProfileColumns(run: ImportRun, territories: Set<string>): void {
  for (const entity of profileEntities) {
    for (const entry of run.rows.get(entity).values()) {
      const row = entry.row;
      if (entity === 'organization') {
        row.institution_type = null;
        row.is_demo = false;
        row.last_verified_on = null;
      } else if (entity === 'service') {
        row.residency_rule = 'none';
        row.eligible_sex = 'any';
        row.capacity_beds = null;
        row.is_statewide = false;
        row.last_verified_on = null;
        for (const code of entitlementProfileCodes) row[code] = null;
      } else if (entity === 'location') row.territory_code = null;
      if (entity === 'service_area') {
        entry.row.territory_code = null;
        if (typeof entry.row.extent_type === 'string' && entry.row.extent_type.toLowerCase() === 'atvk') {
          const code = String(entry.row.extent ?? '');
          if (territories.has(code)) entry.row.territory_code = code;
          else run.problem(entry.origin, joinPath(entry.path, 'extent'), 'hsds.problem.territory_unknown', { code });
        }
      }
    }
  }
}

const entitlementField = {
  legal_basis_act: 'law',
  legal_basis_article: 'article',
  benefit_amount: 'amount',
  benefit_limits: 'limits',
} as const;

/** Checks one profile attribute's value and writes it to its target row, or records the problem. */
function applyProfileValue(
  run: ImportRun,
  entry: Entry,
  term: ProfileTerm,
  row: Entry['row'],
  territories: Set<string>,
  table: HsdsTableName,
): void {
  const value = String(entry.row.value ?? '');
  const linkId = entry.row.link_id as string;
  const valuePath = joinPath(entry.path, 'value');
  const reject = (expected: string) =>
    run.problem(entry.origin, valuePath, 'hsds.problem.profile_value', { code: term.code, value, expected });
  switch (term.code) {
    case 'institution_type':
      if (isOneOf(institutionTypes, value)) row.institution_type = value;
      else reject(institutionTypes.join(', '));
      break;
    case 'is_demo':
    case 'is_statewide':
      if (value === 'true' || value === 'false') row[term.code] = value === 'true';
      else reject('true, false');
      break;
    case 'last_verified_on':
      // A calendar date that exists (Date.parse would take 2026-02-30 for 2 March).
      if (isIsoDate(value)) row.last_verified_on = value;
      else reject('YYYY-MM-DD');
      break;
    case 'residency_rule':
      if (isOneOf(residencyRules, value)) row.residency_rule = value;
      else reject(residencyRules.join(', '));
      break;
    case 'eligible_sex':
      if (isOneOf(eligibleSexes, value)) row.eligible_sex = value;
      else reject(eligibleSexes.join(', '));
      break;
    case 'capacity_beds':
      if (/^\d+$/.test(value) && Number(value) <= 2147483647) row.capacity_beds = Number(value);
      else reject('0, 1, 2 …');
      break;
    case 'legal_basis_act':
    case 'legal_basis_article':
    case 'benefit_amount':
    case 'benefit_limits': {
      const limit = entitlementLimits[entitlementField[term.code]];
      if (value.trim() !== '' && value.length <= limit) row[term.code] = value.trim();
      else reject(`text of 1 to ${limit} characters`);
      break;
    }
    case 'legal_basis_url':
      // Shown to the public as a link: http or https only (entitlement.ts).
      if (value.length <= entitlementLimits.url && isLegalTextUrl(value)) row.legal_basis_url = value;
      else reject('an http:// or https:// link');
      break;
    case 'translation_ru':
    case 'translation_en': {
      // link_type names the field translated; the table decides which fields may be.
      const field = String(entry.row.link_type ?? '');
      const fields: readonly string[] = table === 'organization' ? institutionTextFields : serviceTextFields;
      if (!fields.includes(field)) {
        run.problem(entry.origin, joinPath(entry.path, 'link_type'), 'hsds.problem.profile_value', {
          code: term.code,
          value: field,
          expected: fields.join(', '),
        });
        break;
      }
      if (value.trim() === '') break;
      const language = term.code === 'translation_ru' ? 'ru' : 'en';
      const texts = run.rows.translations.get(linkId) ?? {};
      texts[language] = { ...texts[language], [field]: value };
      run.rows.translations.set(linkId, texts);
      break;
    }
    case 'residency_territory':
    case 'atvk_territory':
      if (!territories.has(value)) {
        run.problem(entry.origin, valuePath, 'hsds.problem.territory_unknown', { code: value });
      } else if (term.code === 'atvk_territory') row.territory_code = value;
      else {
        const list = run.rows.residency.get(linkId);
        if (list) {
          if (!list.includes(value)) list.push(value);
        } else run.rows.residency.set(linkId, [value]);
      }
      break;
  }
}

function findProfileTarget(
  run: ImportRun,
  id: string,
  entity: unknown,
): { table: HsdsTableName; entry: Entry } | undefined {
  const tables = profileEntities.includes(entity as HsdsTableName) ? [entity as HsdsTableName] : hsdsTableNames;
  for (const table of tables) {
    const entry = run.rows.get(table).get(id);
    if (entry) return { table, entry };
  }
  return undefined;
}

/** Columns our tables cannot leave empty although HSDS may (a service at a location must name both). */
const mustHave: Partial<Record<HsdsTableName, string[]>> = {
  service_at_location: ['service_id', 'location_id'],
  organization_identifier: ['organization_id'],
  attribute: ['link_id', 'link_entity'],
  metadata: ['resource_id', 'resource_type'],
};

function checkRequiredLinks(run: ImportRun): void {
  for (const [table, fields] of Object.entries(mustHave) as Array<[HsdsTableName, string[]]>) {
    for (const entry of run.rows.get(table).values()) {
      for (const field of fields)
        if (entry.row[field] === undefined)
          run.problem(entry.origin, joinPath(entry.path, field), 'hsds.problem.required');
    }
  }
}

/** An outside reference found by the checks: kept, and written as an attribute so exports show it again. */
type ExternalReference = { table: HsdsTableName; id: string; field: string; target: string };

/** Every reference must point to a record in the file or the registry, as far as its strength demands. */
async function checkReferences(db: Kysely<Database>, run: ImportRun): Promise<void> {
  const { rows } = run;
  // Gather the ids the file does not hold, per table, and ask the registry about them in one query each.
  const wanted = new Map<HsdsTableName, Set<string>>();
  for (const table of hsdsTableNames) {
    for (const reference of describeTable(table).references) {
      const targets = rows.get(reference.target);
      for (const entry of rows.get(table).values()) {
        const value = entry.row[reference.field];
        if (typeof value === 'string' && !targets.has(value)) {
          let set = wanted.get(reference.target);
          if (!set) wanted.set(reference.target, (set = new Set()));
          set.add(value);
        }
      }
    }
  }
  const inRegistry = new Map<HsdsTableName, Set<string>>();
  for (const [table, ids] of wanted) inRegistry.set(table, await selectExistingIds(db, table, [...ids]));
  const resolves = (table: HsdsTableName, id: string) =>
    rows.get(table).has(id) || run.rejectedIds.has(id) || (inRegistry.get(table)?.has(id) ?? false);

  const external: ExternalReference[] = [];
  for (const table of hsdsTableNames) {
    const references = describeTable(table).references;
    if (references.length === 0) continue;
    for (const entry of rows.get(table).values()) {
      let owners = 0;
      let resolvedOwners = 0;
      let unresolved: Array<{ field: string; target: HsdsTableName; strength: string; id: string }> | undefined;
      for (const reference of references) {
        const value = entry.row[reference.field];
        if (typeof value !== 'string') continue;
        if (reference.strength === 'owner') owners += 1;
        if (resolves(reference.target, value)) {
          if (reference.strength === 'owner') resolvedOwners += 1;
        } else (unresolved ??= []).push({ ...reference, id: value });
      }
      for (const reference of unresolved ?? []) {
        const fatal =
          reference.strength === 'required' || (reference.strength === 'owner' && resolvedOwners === 0 && owners > 0);
        if (fatal) {
          run.problem(entry.origin, joinPath(entry.path, reference.field), 'hsds.problem.reference_missing', {
            table: reference.target,
            id: reference.id,
          });
        } else {
          external.push({ table, id: entry.row.id as string, field: reference.field, target: reference.id });
        }
      }
    }
  }
  run.external = external;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const selfReferences: Partial<Record<HsdsTableName, string>> = {
  organization: 'parent_organization_id',
  taxonomy_term: 'parent_id',
};

function planFor(table: HsdsTableName): UpsertPlan {
  const description = describeTable(table);
  const selfReference = selfReferences[table];
  const columns = [...scalarFields(table), ...description.missionColumns].filter((column) => column !== selfReference);
  if (table === 'organization') columns.push('search_name');
  const keepWhenEmpty = new Set(description.references.map((reference) => reference.field));
  return { table, columns, keepWhenEmpty, touchUpdatedAt: table === 'organization' || table === 'service' };
}

async function writeRows(
  trx: Transaction<Database>,
  run: ImportRun,
  external: ExternalReference[],
): Promise<ImportSummary> {
  const { rows } = run;
  const counts: ImportSummary['counts'] = {};
  const total = hsdsTableNames.reduce((sum, table) => sum + rows.get(table).size, 0);
  let written = 0;
  let reported = 0;

  // Outside references stay out of the columns (a foreign key cannot hold them) and go into attributes.
  const externalAttributes: Row[] = [];
  for (const reference of external) {
    rows.get(reference.table).get(reference.id)!.row[reference.field] = undefined;
    externalAttributes.push({
      id: stableUuid(`${reference.id}|external_reference|${reference.field}`),
      link_id: reference.id,
      taxonomy_term_id: profileTermId('external_reference'),
      link_type: reference.field,
      link_entity: reference.table,
      value: reference.target,
    });
  }
  const hadExternal = await hasExternalReferences(trx);

  for (const table of hsdsTableNames) {
    const entries = rows.get(table);
    if (entries.size === 0) continue;
    // Into a table that was empty, a plain INSERT does: no row can conflict (a concurrent writer makes it fail whole).
    const plan = { ...planFor(table), insertOnly: await isTableEmpty(trx, table) };
    const selfReference = selfReferences[table];
    const selfPairs: Array<{ id: string; target: string }> = [];
    let batch: Row[] = [];
    // One batch runs in the database while the next is serialised here: statements on the transaction's one
    // connection run in order, so at most one waits.
    let running: Promise<void> | undefined;
    const flush = async () => {
      const next = upsertBatch(trx, plan, batch);
      next.catch(() => {});
      if (running) await running;
      running = next;
      written += batch.length;
      batch = [];
      if (written - reported >= 10000 || written === total) {
        reported = written;
        run.onProgress({ stage: 'written', rows: written, total });
      }
    };
    for (const entry of entries.values()) {
      const row = entry.row;
      if (table === 'organization')
        row.search_name = institutionSearchName(String(row.name), (row.alternate_name as string | undefined) ?? null);
      if (selfReference && typeof row[selfReference] === 'string')
        selfPairs.push({ id: row.id as string, target: row[selfReference] as string });
      batch.push(row);
      if (batch.length >= importBatchSize) await flush();
    }
    if (batch.length > 0) await flush();
    if (running) await running;
    if (selfReference && selfPairs.length > 0)
      await setSelfReferences(trx, table as 'organization' | 'taxonomy_term', selfReference, selfPairs);
    counts[table] = entries.size;
    if (table === 'service') {
      const serviceIds = [...entries.keys()];
      const residencyRows = [...rows.residency].flatMap(([serviceId, codes]) =>
        codes.map((territory_code) => ({ service_id: serviceId, territory_code })),
      );
      await replaceResidencyTerritories(trx, serviceIds, residencyRows, true);
      counts.service_residency_territory = residencyRows.length;
    }
    // Like the profile's other fields, an imported record's translations are what the file says: replaced whole.
    if (table === 'organization' || table === 'service') {
      const recordIds = [...entries.keys()];
      const translationRows = recordIds.flatMap((id): Array<OrganizationTranslationRow | ServiceTranslationRow> => {
        const texts = rows.translations.get(id);
        if (!texts) return [];
        return table === 'organization' ? organizationTranslationRows(id, texts) : serviceTranslationRows(id, texts);
      });
      await replaceImportedTranslations(trx, table, recordIds, translationRows);
    }
  }

  if (hadExternal)
    await deleteExternalReferences(
      trx,
      hsdsTableNames.flatMap((table) => [...rows.get(table).keys()]),
    );
  if (externalAttributes.length > 0) {
    const plan = planFor('attribute');
    for (let start = 0; start < externalAttributes.length; start += importBatchSize)
      await upsertBatch(trx, plan, externalAttributes.slice(start, start + importBatchSize));
  }
  if (hadExternal) await resolveExternalReferences(trx);
  await bumpRegistryRevision(trx);
  return { counts, externalReferences: external.length, notes: run.notes };
}

// ---------------------------------------------------------------------------------------------------------------
// The whole import

/**
 * Imports an HSDS file or directory: validates every record, and only when none is rejected writes them all in
 * one transaction (insert or update by id; nothing is deleted). Rejection throws an AppError with one detail per
 * problem; the database is then unchanged.
 */
export async function importHsds(
  db: Kysely<Database>,
  source: string,
  options: { onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportSummary> {
  const run = new ImportRun(options.onProgress ?? (() => {}));
  await readAndCheck(db, source, run);
  return refusalsExplained(
    db.transaction().execute(async (trx) => {
      // Other writers wait until this import commits (readers do not), so the records the file refers to cannot
      // vanish between the check below and the commit: the foreign keys are checked here, for the whole file.
      await lockRegistryForImport(trx);
      await checkReferences(trx, run);
      if (run.problems.length > 0) throw rejection(run);
      run.onProgress({ stage: 'validated', records: run.records, total: run.records });
      // Every reference is now known to resolve; checking it again row by row would about double the write time.
      await skipForeignKeyChecksIfAllowed(trx);
      return writeRows(trx, run, run.external);
    }),
  );
}

/** A database error during the writes (a rule our checks missed) becomes a message: nothing was imported. */
async function refusalsExplained<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid_input', 'hsds.import.refused', [], { reason });
  }
}

/** One detail per problem, records in file order: where the record is, and what is wrong with it. */
function rejection(run: ImportRun): AppError {
  const byOrigin = new Map<number, ImportProblem[]>();
  for (const problem of run.problems) {
    const list = byOrigin.get(problem.origin);
    if (list) list.push(problem);
    else byOrigin.set(problem.origin, [problem]);
  }
  const details: AppErrorDetail[] = [...byOrigin]
    .sort(([a], [b]) => a - b)
    .flatMap(([origin, problems]) => {
      const { locator, label } = run.origins[origin]!;
      const path = label ? `${locator} (${label})` : locator;
      return problems.map((problem) => ({ path, messageKey: problem.key, parameters: problem.params }));
    });
  return new AppError('invalid_input', 'hsds.import.rejected', details, { count: byOrigin.size });
}
