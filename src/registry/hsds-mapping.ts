// The one description of how HSDS 3.0 objects and our registry tables correspond, used by the import (HSDS →
// rows), the export and the HSDS API (rows → HSDS). Our tables keep HSDS's names for tables and columns, so a
// field maps to the column of the same name; the schema files list the fields. What differs is the shape: HSDS
// nests related objects ("full" objects), our tables link them by id.
import { createHash } from 'node:crypto';
import {
  findProfileTerm,
  profileTermAsHsds,
  profileTermId,
  translationTermCodes,
  type ProfileTermCode,
} from './hsds-profile.js';
import type { TranslatedLanguage } from './listing-text.js';
import { hsdsTableSchema } from './hsds-validate.js';

/** The service's right (entitlement.ts): each column travels as the profile attribute of the same code. */
export const entitlementProfileCodes = [
  'legal_basis_act',
  'legal_basis_article',
  'legal_basis_url',
  'benefit_amount',
  'benefit_limits',
] as const satisfies readonly ProfileTermCode[];

export const hsdsTableNames = [
  'taxonomy',
  'taxonomy_term',
  'organization',
  'organization_identifier',
  'program',
  'service',
  'location',
  'service_at_location',
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
  'attribute',
  'metadata',
] as const;
/** The registry tables that hold HSDS objects, in an order in which every reference points backwards. */
export type HsdsTableName = (typeof hsdsTableNames)[number];

/** A row as the import builds it and the export reads it: HSDS field (= column) names, plus mission columns. */
export type Row = Record<string, unknown>;

/**
 * How a reference must resolve. `required`: to a record in the file or the registry, or the record is rejected.
 * `owner`: a record hangs from its owners (a phone from its service, location, contact …); at least one named
 * owner must resolve, the others may point outside the registry. `loose`: may point outside the registry (a
 * parent organization kept elsewhere, a taxonomy not loaded) — such references are kept and exported again.
 */
export type ReferenceStrength = 'required' | 'owner' | 'loose';
export type Reference = { field: string; target: HsdsTableName; strength: ReferenceStrength };

/** A property of a full HSDS object that nests other objects. `child`: the nested rows point to this one through `link`; `parent`: this row points to the nested one. */
export type Nesting = { property: string; table: HsdsTableName; many: boolean; link: string; side: 'child' | 'parent' };

type TableDescription = {
  schemaFile: string;
  csvFile: string;
  references: Reference[];
  nested: Nesting[];
  missionColumns: string[];
};

const child = (property: string, table: HsdsTableName, link: string): Nesting => ({
  property,
  table,
  many: true,
  link,
  side: 'child',
});
const parent = (property: string, table: HsdsTableName, link: string): Nesting => ({
  property,
  table,
  many: false,
  link,
  side: 'parent',
});
const attributes = child('attributes', 'attribute', 'link_id');
const metadata = child('metadata', 'metadata', 'resource_id');
const owner = (field: string, target: HsdsTableName): Reference => ({ field, target, strength: 'owner' });

const tables: Record<HsdsTableName, TableDescription> = {
  taxonomy: {
    schemaFile: 'taxonomy.json',
    csvFile: 'taxonomies.csv',
    references: [],
    nested: [metadata],
    missionColumns: [],
  },
  taxonomy_term: {
    schemaFile: 'taxonomy_term.json',
    csvFile: 'taxonomy_terms.csv',
    references: [
      { field: 'parent_id', target: 'taxonomy_term', strength: 'loose' },
      { field: 'taxonomy_id', target: 'taxonomy', strength: 'loose' },
    ],
    nested: [parent('taxonomy_detail', 'taxonomy', 'taxonomy_id'), metadata],
    missionColumns: [],
  },
  organization: {
    schemaFile: 'organization.json',
    csvFile: 'organizations.csv',
    references: [{ field: 'parent_organization_id', target: 'organization', strength: 'loose' }],
    nested: [
      child('funding', 'funding', 'organization_id'),
      child('contacts', 'contact', 'organization_id'),
      child('phones', 'phone', 'organization_id'),
      child('locations', 'location', 'organization_id'),
      child('programs', 'program', 'organization_id'),
      child('organization_identifiers', 'organization_identifier', 'organization_id'),
      attributes,
      metadata,
      // Not in organization.json, but in the full organization of the HSDS examples and API.
      child('services', 'service', 'organization_id'),
    ],
    missionColumns: ['institution_type', 'is_demo', 'last_verified_on'],
  },
  organization_identifier: {
    schemaFile: 'organization_identifier.json',
    csvFile: 'organization_identifiers.csv',
    references: [{ field: 'organization_id', target: 'organization', strength: 'required' }],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  program: {
    schemaFile: 'program.json',
    csvFile: 'programs.csv',
    references: [{ field: 'organization_id', target: 'organization', strength: 'loose' }],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  service: {
    schemaFile: 'service.json',
    csvFile: 'services.csv',
    references: [
      { field: 'organization_id', target: 'organization', strength: 'required' },
      { field: 'program_id', target: 'program', strength: 'loose' },
    ],
    nested: [
      child('phones', 'phone', 'service_id'),
      child('schedules', 'schedule', 'service_id'),
      child('service_areas', 'service_area', 'service_id'),
      child('service_at_locations', 'service_at_location', 'service_id'),
      child('languages', 'language', 'service_id'),
      parent('organization', 'organization', 'organization_id'),
      child('funding', 'funding', 'service_id'),
      child('cost_options', 'cost_option', 'service_id'),
      parent('program', 'program', 'program_id'),
      child('required_documents', 'required_document', 'service_id'),
      child('contacts', 'contact', 'service_id'),
      attributes,
      metadata,
    ],
    missionColumns: [
      'residency_rule',
      'eligible_sex',
      'capacity_beds',
      'is_statewide',
      'last_verified_on',
      ...entitlementProfileCodes,
    ],
  },
  location: {
    schemaFile: 'location.json',
    csvFile: 'locations.csv',
    references: [{ field: 'organization_id', target: 'organization', strength: 'loose' }],
    nested: [
      child('languages', 'language', 'location_id'),
      child('addresses', 'address', 'location_id'),
      child('contacts', 'contact', 'location_id'),
      child('accessibility', 'accessibility', 'location_id'),
      child('phones', 'phone', 'location_id'),
      child('schedules', 'schedule', 'location_id'),
      attributes,
      metadata,
    ],
    missionColumns: ['territory_code'],
  },
  service_at_location: {
    schemaFile: 'service_at_location.json',
    csvFile: 'service_at_location.csv',
    references: [
      { field: 'service_id', target: 'service', strength: 'required' },
      { field: 'location_id', target: 'location', strength: 'required' },
    ],
    nested: [
      child('contacts', 'contact', 'service_at_location_id'),
      child('phones', 'phone', 'service_at_location_id'),
      child('schedules', 'schedule', 'service_at_location_id'),
      parent('location', 'location', 'location_id'),
      attributes,
      metadata,
    ],
    missionColumns: [],
  },
  contact: {
    schemaFile: 'contact.json',
    csvFile: 'contacts.csv',
    references: [
      owner('organization_id', 'organization'),
      owner('service_id', 'service'),
      owner('service_at_location_id', 'service_at_location'),
      owner('location_id', 'location'),
    ],
    nested: [child('phones', 'phone', 'contact_id'), attributes, metadata],
    missionColumns: [],
  },
  phone: {
    schemaFile: 'phone.json',
    csvFile: 'phones.csv',
    references: [
      owner('location_id', 'location'),
      owner('service_id', 'service'),
      owner('organization_id', 'organization'),
      owner('contact_id', 'contact'),
      owner('service_at_location_id', 'service_at_location'),
    ],
    nested: [child('languages', 'language', 'phone_id'), attributes, metadata],
    missionColumns: [],
  },
  address: {
    schemaFile: 'address.json',
    csvFile: 'addresses.csv',
    references: [owner('location_id', 'location')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  schedule: {
    schemaFile: 'schedule.json',
    csvFile: 'schedules.csv',
    references: [
      owner('service_id', 'service'),
      owner('location_id', 'location'),
      owner('service_at_location_id', 'service_at_location'),
    ],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  service_area: {
    schemaFile: 'service_area.json',
    csvFile: 'service_areas.csv',
    references: [owner('service_id', 'service')],
    nested: [attributes, metadata],
    missionColumns: ['territory_code'],
  },
  language: {
    schemaFile: 'language.json',
    csvFile: 'languages.csv',
    references: [owner('service_id', 'service'), owner('location_id', 'location'), owner('phone_id', 'phone')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  required_document: {
    schemaFile: 'required_document.json',
    csvFile: 'required_documents.csv',
    references: [owner('service_id', 'service')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  cost_option: {
    schemaFile: 'cost_option.json',
    csvFile: 'cost_options.csv',
    references: [owner('service_id', 'service')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  funding: {
    schemaFile: 'funding.json',
    csvFile: 'funding.csv',
    references: [owner('organization_id', 'organization'), owner('service_id', 'service')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  accessibility: {
    schemaFile: 'accessibility.json',
    csvFile: 'accessibility.csv',
    references: [owner('location_id', 'location')],
    nested: [attributes, metadata],
    missionColumns: [],
  },
  attribute: {
    schemaFile: 'attribute.json',
    csvFile: 'attributes.csv',
    references: [{ field: 'taxonomy_term_id', target: 'taxonomy_term', strength: 'required' }],
    nested: [parent('taxonomy_term', 'taxonomy_term', 'taxonomy_term_id'), metadata],
    missionColumns: [],
  },
  metadata: { schemaFile: 'metadata.json', csvFile: 'metadata.csv', references: [], nested: [], missionColumns: [] },
};

/** How one registry table corresponds to HSDS. */
export function describeTable(table: HsdsTableName): TableDescription {
  return tables[table];
}

const scalarFieldCache = new Map<HsdsTableName, string[]>();

/** The one-to-one HSDS fields of a table (its columns), in the schema's order. */
export function scalarFields(table: HsdsTableName): string[] {
  let fields = scalarFieldCache.get(table);
  if (!fields) {
    const schema = hsdsTableSchema(tables[table].schemaFile);
    fields = Object.values(schema.properties)
      .filter((property) => property.type === 'string' || property.type === 'number')
      .map((property) => property.name);
    scalarFieldCache.set(table, fields);
  }
  return fields;
}

/**
 * Required text fields for which empty text is a real value (a "create" has no previous value; an organization
 * may have no description yet). A CSV cell cannot tell empty text from no value, so in the tabular form an empty
 * cell of these fields reads as empty text; any other required field left empty is missing.
 */
export const emptyTextFields: Partial<Record<HsdsTableName, ReadonlySet<string>>> = {
  organization: new Set(['description']),
  program: new Set(['description']),
  taxonomy: new Set(['description']),
  taxonomy_term: new Set(['description']),
  metadata: new Set(['field_name', 'previous_value', 'replacement_value', 'updated_by']),
};

/** The HSDS tables by their CSV file names (services.csv → service). */
export function tableForCsvFile(file: string): HsdsTableName | undefined {
  return hsdsTableNames.find((table) => tables[table].csvFile === file);
}

/** Which fields of a table refer to another record. */
export function referenceFields(table: HsdsTableName): Set<string> {
  return new Set(
    tables[table].references
      .map((reference) => reference.field)
      .concat(table === 'attribute' ? ['link_id'] : table === 'metadata' ? ['resource_id'] : []),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Rows → HSDS objects (export and API)

/** One listing text in Russian or English: which field it translates, in which language. */
export type TranslationText = { language: TranslatedLanguage; field: string; text: string };

/** The registry rows an export or an API answer is built from, indexed the ways the nesting needs. */
export class RegistryGraph {
  private readonly byIdIndex = new Map<HsdsTableName, Map<string, Row>>();
  private readonly byFieldIndex = new Map<string, Map<string, Row[]>>();

  constructor(
    readonly rows: Map<HsdsTableName, Row[]>,
    /** service id → ATVK codes of its residency rule. */
    readonly residencyTerritories: Map<string, string[]>,
    /** organization or service id → its Russian and English texts (organization_translation, service_translation). */
    readonly translations: Map<string, TranslationText[]> = new Map(),
  ) {}

  list(table: HsdsTableName): Row[] {
    return this.rows.get(table) ?? [];
  }

  find(table: HsdsTableName, id: unknown): Row | undefined {
    if (typeof id !== 'string') return undefined;
    let index = this.byIdIndex.get(table);
    if (!index) {
      index = new Map(this.list(table).map((row) => [row.id as string, row]));
      this.byIdIndex.set(table, index);
    }
    return index.get(id);
  }

  /** Rows of `table` whose `field` is `id`, ordered by id so that exports are stable. */
  linked(table: HsdsTableName, field: string, id: string): Row[] {
    const key = `${table}.${field}`;
    let index = this.byFieldIndex.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.list(table)) {
        const value = row[field];
        if (typeof value !== 'string') continue;
        const list = index.get(value);
        if (list) list.push(row);
        else index.set(value, [row]);
      }
      for (const list of index.values()) list.sort((a, b) => compareIds(a.id, b.id));
      this.byFieldIndex.set(key, index);
    }
    return index.get(id) ?? [];
  }
}

function compareIds(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** How much of the related data an object carries. `brief`: only one-to-one fields, as HSDS list answers. */
export type AssembleOptions = { services: 'full' | 'brief' | 'none' };

/** A full HSDS service (as service_full.json): every related object nested, its organization without services. */
export function assembleService(graph: RegistryGraph, row: Row): Record<string, unknown> {
  return assemble(graph, 'service', row, new Set(), new Set());
}

/** A full HSDS organization (as organization_full.json), with its services full, brief or left out. */
export function assembleOrganization(
  graph: RegistryGraph,
  row: Row,
  options: AssembleOptions = { services: 'full' },
): Record<string, unknown> {
  const organization = assemble(graph, 'organization', row, new Set(), new Set(['services']));
  if (options.services === 'none') return organization;
  const services = graph.linked('service', 'organization_id', row.id as string);
  if (services.length === 0) return organization;
  organization.services = services.map((service) =>
    options.services === 'full'
      ? assemble(graph, 'service', service, new Set([row.id as string]), new Set(['organization']))
      : assembleBriefService(graph, service, false),
  );
  return organization;
}

/** A service with its one-to-one fields, its organization's and its program's (as service_list.json). */
export function assembleBriefService(graph: RegistryGraph, row: Row, withOrganization = true): Record<string, unknown> {
  const service = scalarObject('service', row, new Set());
  const organization = withOrganization ? graph.find('organization', row.organization_id) : undefined;
  if (organization) {
    delete service.organization_id;
    service.organization = scalarObject('organization', organization, new Set());
  }
  const program = graph.find('program', row.program_id);
  if (program) {
    delete service.program_id;
    service.program = scalarObject('program', program, new Set());
  }
  return service;
}

/** An organization with its one-to-one fields only (as organization_list.json). */
export function assembleBriefOrganization(row: Row): Record<string, unknown> {
  return scalarObject('organization', row, new Set());
}

/** A taxonomy term with its taxonomy nested as `taxonomy_detail` (as taxonomy_term.json). */
export function assembleTaxonomyTerm(graph: RegistryGraph, row: Row): Record<string, unknown> {
  return assemble(graph, 'taxonomy_term', row, new Set(), new Set());
}

/** A service at a location (as service_at_location_full.json): its service and location nested in full, or brief. */
export function assembleServiceAtLocation(graph: RegistryGraph, row: Row, full: boolean): Record<string, unknown> {
  if (full) {
    // As service_at_location_full.json: the service too, without its own list of services at locations.
    const object = assemble(graph, 'service_at_location', row, new Set(), new Set());
    const service = graph.find('service', row.service_id);
    if (service) {
      delete object.service_id;
      object.service = assemble(
        graph,
        'service',
        service,
        new Set([row.id as string]),
        new Set(['service_at_locations']),
      );
    }
    return object;
  }
  const object = scalarObject('service_at_location', row, new Set());
  const service = graph.find('service', row.service_id);
  const location = graph.find('location', row.location_id);
  if (service) {
    delete object.service_id;
    object.service = assembleBriefService(graph, service);
  }
  if (location) {
    delete object.location_id;
    object.location = scalarObject('location', location, new Set());
  }
  return object;
}

/** A taxonomy with its one-to-one fields (as taxonomy.json). */
export function assembleTaxonomy(row: Row): Record<string, unknown> {
  return scalarObject('taxonomy', row, new Set());
}

/** HSDS text for a value read from the database: timestamps as ISO 8601 in UTC. */
export function exportValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function scalarObject(table: HsdsTableName, row: Row, ancestors: Set<string>): Record<string, unknown> {
  const references = referenceFields(table);
  const object: Record<string, unknown> = {};
  for (const field of scalarFields(table)) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    // A reference to an object this one is nested in says nothing the nesting does not say.
    if (references.has(field) && ancestors.has(value as string)) continue;
    object[field] = exportValue(value);
  }
  return object;
}

function assemble(
  graph: RegistryGraph,
  table: HsdsTableName,
  row: Row,
  ancestors: Set<string>,
  exclude: Set<string>,
): Record<string, unknown> {
  const object = scalarObject(table, row, ancestors);
  const id = row.id as string;
  const inner = new Set(ancestors).add(id);
  const profile = profileAttributes(graph, table, row, object);
  for (const nesting of describeTable(table).nested) {
    if (exclude.has(nesting.property)) continue;
    if (nesting.side === 'parent') {
      const target = graph.find(nesting.table, row[nesting.link]);
      if (!target || ancestors.has(target.id as string)) continue;
      delete object[nesting.link];
      object[nesting.property] = assemble(
        graph,
        nesting.table,
        target,
        inner,
        nesting.table === 'organization' ? new Set(['services']) : new Set(),
      );
      continue;
    }
    const children = graph
      .linked(nesting.table, nesting.link, id)
      .map((childRow) => assemble(graph, nesting.table, childRow, inner, new Set()));
    if (nesting.property === 'attributes') children.push(...profile);
    if (children.length > 0) object[nesting.property] = children;
  }
  return object;
}

// ---------------------------------------------------------------------------------------------------------------
// The profile: mission columns ↔ standard fields and attributes

/** A stable UUID (name-based, v5 layout) so that the same profile attribute keeps its id from export to export. */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** The attribute rows (tabular form) that carry a record's mission columns; a service area's territory may go into its own extent fields of `row` instead. */
export function profileAttributeRows(graph: RegistryGraph, table: HsdsTableName, row: Row): Row[] {
  return profileValues(graph, table, row, row).map(({ code, value, field }) =>
    profileRow(table, row.id as string, code, value, field),
  );
}

/** `field` (link_type) names the record field a translation attribute translates; other profile attributes have none. */
function profileRow(
  table: HsdsTableName,
  linkId: string,
  code: ProfileTermCode,
  value: string,
  field: string | null = null,
): Row {
  return {
    id: stableUuid(field === null ? `${linkId}|${code}|${value}` : `${linkId}|${code}|${field}`),
    link_id: linkId,
    taxonomy_term_id: profileTermId(code),
    link_type: field,
    link_entity: table,
    value,
  };
}

function profileAttributes(
  graph: RegistryGraph,
  table: HsdsTableName,
  row: Row,
  object: Record<string, unknown>,
): Record<string, unknown>[] {
  return profileValues(graph, table, row, object).map(({ code, value, field }) => {
    const attributeRow = profileRow(table, row.id as string, code, value, field);
    return {
      id: attributeRow.id,
      link_entity: table,
      ...(field === null ? {} : { link_type: field }),
      value,
      taxonomy_term: profileTermAsHsds(findProfileTerm(attributeRow.taxonomy_term_id as string)!),
    };
  });
}

/**
 * The mission values of a record that travel as attributes. Defaults (no residency rule, any sex, not statewide,
 * not demo) are left out, so a record that came from another HSDS system exports exactly as it came. A service
 * area's territory goes into the standard extent fields when they are free (and `object` gets them).
 */
function profileValues(
  graph: RegistryGraph,
  table: HsdsTableName,
  row: Row,
  object: Record<string, unknown>,
): Array<{ code: ProfileTermCode; value: string; field: string | null }> {
  const values: Array<{ code: ProfileTermCode; value: string; field: string | null }> = [];
  const add = (code: ProfileTermCode, value: unknown) => values.push({ code, value: String(value), field: null });
  // Russian and English texts: one attribute per field and language, the field in link_type (docs/hsds-profile.md).
  if (table === 'organization' || table === 'service')
    for (const translation of graph.translations.get(row.id as string) ?? [])
      values.push({
        code: translationTermCodes[translation.language],
        value: translation.text,
        field: translation.field,
      });
  if (table === 'organization') {
    if (row.institution_type) add('institution_type', row.institution_type);
    if (row.is_demo === true) add('is_demo', 'true');
    if (row.last_verified_on) add('last_verified_on', row.last_verified_on);
  } else if (table === 'service') {
    if (row.last_verified_on) add('last_verified_on', row.last_verified_on);
    if (row.residency_rule && row.residency_rule !== 'none') add('residency_rule', row.residency_rule);
    for (const code of graph.residencyTerritories.get(row.id as string) ?? []) add('residency_territory', code);
    if (row.eligible_sex && row.eligible_sex !== 'any') add('eligible_sex', row.eligible_sex);
    if (row.capacity_beds !== null && row.capacity_beds !== undefined) add('capacity_beds', row.capacity_beds);
    if (row.is_statewide === true) add('is_statewide', 'true');
    for (const code of entitlementProfileCodes)
      if (typeof row[code] === 'string' && row[code] !== '') add(code, row[code]);
  } else if (table === 'location') {
    if (row.territory_code) add('atvk_territory', row.territory_code);
  } else if (table === 'service_area' && row.territory_code) {
    const extentType = typeof row.extent_type === 'string' ? row.extent_type.toLowerCase() : null;
    if (extentType === 'atvk' && row.extent === row.territory_code) return values;
    if (extentType === null && (row.extent === null || row.extent === undefined)) {
      object.extent = row.territory_code;
      object.extent_type = 'atvk';
      return values;
    }
    add('atvk_territory', row.territory_code);
  }
  return values;
}

/** The tables whose rows may carry profile attributes, by the link_entity a profile attribute names. */
export const profileEntities: HsdsTableName[] = ['organization', 'service', 'location', 'service_area'];
