// Reads of the registry for HSDS: the export (everything) and the HSDS API (a page of records and what hangs from
// them). Rows keep their column names, which are HSDS's; hsds-mapping.ts turns them into HSDS objects.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { foldText } from '../text/fold.js';
import { hsdsTableNames, RegistryGraph, type HsdsTableName, type Row, type TranslationText } from './hsds-mapping.js';
import type { TranslatedLanguage } from './listing-text.js';
import { profileTermId } from './hsds-profile.js';

/** Which records to load, with everything that hangs from them; `all` loads the whole registry. */
export type GraphScope = 'all' | { serviceIds: string[]; organizationIds: string[]; brief?: boolean };

async function selectWhere(
  db: Kysely<Database>,
  table: HsdsTableName,
  field: string,
  ids: Iterable<unknown>,
): Promise<Row[]> {
  const list = [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
  if (list.length === 0) return [];
  const result =
    await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(field)} = ANY(${list}::uuid[])`.execute(db);
  return result.rows;
}

/** Rows of one table linked through any of `fields` to any of `ids`, without repeats. */
async function selectLinked(
  db: Kysely<Database>,
  table: HsdsTableName,
  links: Array<[string, Iterable<unknown>]>,
): Promise<Row[]> {
  const byId = new Map<string, Row>();
  for (const [field, ids] of links)
    for (const row of await selectWhere(db, table, field, ids)) byId.set(row.id as string, row);
  return [...byId.values()];
}

const ids = (rows: Row[], field = 'id') => rows.map((row) => row[field]);

/** Loads the registry rows a set of services and organizations need for their full HSDS form. */
export async function loadRegistryGraph(db: Kysely<Database>, scope: GraphScope): Promise<RegistryGraph> {
  const rows = new Map<HsdsTableName, Row[]>();
  if (scope === 'all') {
    for (const table of hsdsTableNames)
      rows.set(table, (await sql<Row>`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(db)).rows);
    const residency = await sql<{
      service_id: string;
      territory_code: string;
    }>`SELECT service_id, territory_code FROM service_residency_territory ORDER BY service_id, territory_code`.execute(
      db,
    );
    return finishGraph(rows, residency.rows, await selectGraphTranslations(db, null));
  }
  const services = await selectLinked(db, 'service', [
    ['id', scope.serviceIds],
    ['organization_id', scope.organizationIds],
  ]);
  const organizations = await selectWhere(db, 'organization', 'id', [
    ...scope.organizationIds,
    ...ids(services, 'organization_id'),
  ]);
  const serviceIds = ids(services);
  const organizationIds = ids(organizations);
  if (scope.brief) return loadBriefGraph(db, rows, services, organizations);
  const serviceAtLocations = await selectWhere(db, 'service_at_location', 'service_id', serviceIds);
  const locations = await selectLinked(db, 'location', [
    ['id', ids(serviceAtLocations, 'location_id')],
    ['organization_id', organizationIds],
  ]);
  const locationIds = ids(locations);
  const salIds = ids(serviceAtLocations);
  const contacts = await selectLinked(db, 'contact', [
    ['service_id', serviceIds],
    ['organization_id', organizationIds],
    ['location_id', locationIds],
    ['service_at_location_id', salIds],
  ]);
  const phones = await selectLinked(db, 'phone', [
    ['service_id', serviceIds],
    ['organization_id', organizationIds],
    ['location_id', locationIds],
    ['contact_id', ids(contacts)],
    ['service_at_location_id', salIds],
  ]);
  rows.set('service', services);
  rows.set('organization', organizations);
  rows.set('service_at_location', serviceAtLocations);
  rows.set('location', locations);
  rows.set('contact', contacts);
  rows.set('phone', phones);
  rows.set(
    'schedule',
    await selectLinked(db, 'schedule', [
      ['service_id', serviceIds],
      ['location_id', locationIds],
      ['service_at_location_id', salIds],
    ]),
  );
  rows.set(
    'language',
    await selectLinked(db, 'language', [
      ['service_id', serviceIds],
      ['location_id', locationIds],
      ['phone_id', ids(phones)],
    ]),
  );
  rows.set('address', await selectWhere(db, 'address', 'location_id', locationIds));
  rows.set('accessibility', await selectWhere(db, 'accessibility', 'location_id', locationIds));
  rows.set('service_area', await selectWhere(db, 'service_area', 'service_id', serviceIds));
  rows.set('required_document', await selectWhere(db, 'required_document', 'service_id', serviceIds));
  rows.set('cost_option', await selectWhere(db, 'cost_option', 'service_id', serviceIds));
  rows.set(
    'funding',
    await selectLinked(db, 'funding', [
      ['service_id', serviceIds],
      ['organization_id', organizationIds],
    ]),
  );
  rows.set(
    'program',
    await selectLinked(db, 'program', [
      ['id', ids(services, 'program_id')],
      ['organization_id', organizationIds],
    ]),
  );
  rows.set(
    'organization_identifier',
    await selectWhere(db, 'organization_identifier', 'organization_id', organizationIds),
  );
  const everyId = [...rows.values()].flatMap((list) => ids(list));
  const attributes = await selectWhere(db, 'attribute', 'link_id', everyId);
  rows.set('attribute', attributes);
  const terms = await selectWhere(db, 'taxonomy_term', 'id', ids(attributes, 'taxonomy_term_id'));
  rows.set('taxonomy_term', terms);
  rows.set('taxonomy', await selectWhere(db, 'taxonomy', 'id', ids(terms, 'taxonomy_id')));
  rows.set(
    'metadata',
    await selectWhere(db, 'metadata', 'resource_id', [...everyId, ...ids(attributes), ...ids(terms)]),
  );
  const residency = await sql<{ service_id: string; territory_code: string }>`
    SELECT service_id, territory_code FROM service_residency_territory WHERE service_id = ANY(${serviceIds as string[]}::uuid[]) ORDER BY service_id, territory_code`.execute(
    db,
  );
  const translationIds = [...ids(services), ...ids(organizations)] as string[];
  return finishGraph(rows, residency.rows, await selectGraphTranslations(db, translationIds));
}

/** Russian and English texts of organizations and services (all of them when `recordIds` is null), by record id. */
async function selectGraphTranslations(
  db: Kysely<Database>,
  recordIds: string[] | null,
): Promise<Map<string, TranslationText[]>> {
  if (recordIds !== null && recordIds.length === 0) return new Map();
  const organizationRows = await db
    .selectFrom('organization_translation')
    .selectAll()
    .$if(recordIds !== null, (query) => query.where('organization_id', 'in', recordIds!))
    .orderBy('organization_id')
    .orderBy('language')
    .execute();
  const serviceRows = await db
    .selectFrom('service_translation')
    .selectAll()
    .$if(recordIds !== null, (query) => query.where('service_id', 'in', recordIds!))
    .orderBy('service_id')
    .orderBy('language')
    .execute();
  const translations = new Map<string, TranslationText[]>();
  const add = (id: string, language: TranslatedLanguage, texts: Record<string, unknown>) => {
    for (const [field, text] of Object.entries(texts)) {
      if (typeof text !== 'string' || text === '') continue;
      const list = translations.get(id) ?? [];
      list.push({ language, field, text });
      translations.set(id, list);
    }
  };
  for (const { organization_id, language, ...texts } of organizationRows) add(organization_id, language, texts);
  for (const { service_id, language, ...texts } of serviceRows) add(service_id, language, texts);
  return translations;
}

/**
 * What a brief service (one-to-one fields, organization, program) needs: five queries instead of some twenty, which
 * matters on the embedded database, where every query runs in the app's thread (issue 16, item 2).
 */
async function loadBriefGraph(
  db: Kysely<Database>,
  rows: Map<HsdsTableName, Row[]>,
  services: Row[],
  organizations: Row[],
): Promise<RegistryGraph> {
  rows.set('service', services);
  rows.set('organization', organizations);
  rows.set('program', await selectWhere(db, 'program', 'id', ids(services, 'program_id')));
  // Only for the references to records outside the registry, which finishGraph puts back into their fields.
  rows.set('attribute', await selectWhere(db, 'attribute', 'link_id', ids(services)));
  return finishGraph(rows, [], new Map());
}

/** References kept outside the columns (to records not in the registry) go back into their fields. */
function finishGraph(
  rows: Map<HsdsTableName, Row[]>,
  residency: Array<{ service_id: string; territory_code: string }>,
  translations: Map<string, TranslationText[]>,
): RegistryGraph {
  const externalTerm = profileTermId('external_reference');
  const attributes = rows.get('attribute') ?? [];
  const external = attributes.filter((row) => row.taxonomy_term_id === externalTerm);
  if (external.length > 0) {
    rows.set(
      'attribute',
      attributes.filter((row) => row.taxonomy_term_id !== externalTerm),
    );
    for (const reference of external) {
      const list = rows.get(reference.link_entity as HsdsTableName);
      const row = list?.find((candidate) => candidate.id === reference.link_id);
      const field = reference.link_type as string;
      if (row && (row[field] === null || row[field] === undefined)) row[field] = reference.value;
    }
  }
  const territories = new Map<string, string[]>();
  for (const { service_id, territory_code } of residency) {
    const list = territories.get(service_id);
    if (list) list.push(territory_code);
    else territories.set(service_id, [territory_code]);
  }
  return new RegistryGraph(rows, territories, translations);
}

export type ServiceFilter = {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
};

/** SQL that folds text the way text/fold.ts does for the letters registry data holds (no extension needed). */
function folded(column: string) {
  return sql`translate(lower(${sql.ref(column)}), ${foldFrom}, ${foldTo})`;
}
const foldPairs =
  'āa čc ēe ģg īi ķk ļl ņn šs ūu žz ōo ŗr ąa ęe ėe įi ųu łl óo śs źz żz ńn ćc äa öo üu õo åa ée èe êe ëe áa àa íi ìi úu ùu ñn çc ěe řr ťt ďd ňn ůu ёе йи'.split(
    ' ',
  );
const foldFrom = foldPairs.map((pair) => pair[0]).join('');
const foldTo = foldPairs.map((pair) => pair[1]).join('');

function serviceConditions(filter: ServiceFilter) {
  const conditions = [sql`true`];
  if (filter.organizationId) conditions.push(sql`s.organization_id = ${filter.organizationId}::uuid`);
  if (filter.modifiedAfter) conditions.push(sql`s.updated_at > ${filter.modifiedAfter}`);
  if (filter.taxonomyId) {
    conditions.push(sql`EXISTS (SELECT 1 FROM attribute a JOIN taxonomy_term tt ON tt.id = a.taxonomy_term_id
      WHERE a.link_id = s.id AND tt.taxonomy_id = ${filter.taxonomyId}::uuid)`);
  }
  if (filter.taxonomyTermId) {
    // A help type matches its finer terms too.
    conditions.push(sql`EXISTS (SELECT 1 FROM attribute a JOIN taxonomy_term tt ON tt.id = a.taxonomy_term_id
      WHERE a.link_id = s.id AND (tt.id = ${filter.taxonomyTermId}::uuid OR tt.parent_id = ${filter.taxonomyTermId}::uuid))`);
  }
  for (const pattern of likePatterns(filter.search)) {
    conditions.push(sql`(${folded('s.name')} LIKE ${pattern} OR ${folded('s.alternate_name')} LIKE ${pattern} OR ${folded('s.description')} LIKE ${pattern}
      OR EXISTS (SELECT 1 FROM organization o WHERE o.id = s.organization_id AND o.search_name LIKE ${pattern}))`);
  }
  return sql.join(conditions, sql` AND `);
}

/** How many services match the filter. */
export async function countServices(db: Kysely<Database>, filter: ServiceFilter): Promise<number> {
  const where = serviceConditions(filter);
  const total = await sql<{ count: number }>`SELECT count(*)::int AS count FROM service s WHERE ${where}`.execute(db);
  return Number(total.rows[0]!.count);
}

/**
 * One page of services matching the filter, in (name, id) order, with each one's name: either `offset` rows in, or
 * (keyset) right after `after`, which reads only the page's rows through service_name_id_idx.
 */
export async function selectServicePage(
  db: Kysely<Database>,
  filter: ServiceFilter,
  limit: number,
  start: { offset: number } | { after: { name: string; id: string } },
): Promise<Array<{ id: string; name: string }>> {
  const where = serviceConditions(filter);
  const page =
    'after' in start
      ? await sql<{ id: string; name: string }>`SELECT s.id, s.name FROM service s
          WHERE ${where} AND (s.name, s.id) > (${start.after.name}, ${start.after.id}::uuid)
          ORDER BY s.name, s.id LIMIT ${limit}`.execute(db)
      : await sql<{ id: string; name: string }>`SELECT s.id, s.name FROM service s
          WHERE ${where} ORDER BY s.name, s.id LIMIT ${limit} OFFSET ${start.offset}`.execute(db);
  return page.rows;
}

/** One page of organizations whose name matches, by name, and how many match in all. */
export async function selectOrganizationPage(
  db: Kysely<Database>,
  search: string | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: Row[]; total: number }> {
  const conditions = [sql`true`];
  for (const pattern of likePatterns(search)) conditions.push(sql`search_name LIKE ${pattern}`);
  const where = sql.join(conditions, sql` AND `);
  const total = await sql<{ count: number }>`SELECT count(*)::int AS count FROM organization WHERE ${where}`.execute(
    db,
  );
  const page =
    await sql<Row>`SELECT * FROM organization WHERE ${where} ORDER BY name, id LIMIT ${limit} OFFSET ${offset}`.execute(
      db,
    );
  return { rows: page.rows, total: Number(total.rows[0]!.count) };
}

/** One LIKE pattern per typed word, folded like text/fold.ts, with LIKE's own characters escaped. */
function likePatterns(search: string | undefined): string[] {
  return foldText(search ?? '')
    .split(' ')
    .filter(Boolean)
    .map((word) => `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
}

/** Conditions that every typed word appears (diacritics and case folded) in one of the columns. */
function wordsInColumns(search: string | undefined, columns: string[]) {
  return likePatterns(search).map(
    (pattern) =>
      sql`(${sql.join(
        columns.map((column) => sql`${folded(column)} LIKE ${pattern}`),
        sql` OR `,
      )})`,
  );
}

/** One page of taxonomy terms (with their taxonomies), by taxonomy and code. */
export async function selectTaxonomyTermPage(
  db: Kysely<Database>,
  filter: { taxonomyId?: string; parentId?: string; search?: string; topOnly?: boolean },
  limit: number,
  offset: number,
): Promise<{ rows: Row[]; taxonomies: Row[]; total: number }> {
  const conditions = [sql`true`, ...wordsInColumns(filter.search, ['code', 'name', 'description'])];
  if (filter.taxonomyId) conditions.push(sql`taxonomy_id = ${filter.taxonomyId}::uuid`);
  if (filter.parentId) conditions.push(sql`parent_id = ${filter.parentId}::uuid`);
  if (filter.topOnly) conditions.push(sql`parent_id IS NULL`);
  const where = sql.join(conditions, sql` AND `);
  const total = await sql<{ count: number }>`SELECT count(*)::int AS count FROM taxonomy_term WHERE ${where}`.execute(
    db,
  );
  const page =
    await sql<Row>`SELECT * FROM taxonomy_term WHERE ${where} ORDER BY taxonomy, code, id LIMIT ${limit} OFFSET ${offset}`.execute(
      db,
    );
  const taxonomies = await selectWhere(db, 'taxonomy', 'id', ids(page.rows, 'taxonomy_id'));
  return { rows: page.rows, taxonomies, total: Number(total.rows[0]!.count) };
}

/** One page of taxonomies whose name or description has every typed word, by name. */
export async function selectTaxonomyPage(
  db: Kysely<Database>,
  search: string | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: Row[]; total: number }> {
  const where = sql.join([sql`true`, ...wordsInColumns(search, ['name', 'description'])], sql` AND `);
  const total = await sql<{ count: number }>`SELECT count(*)::int AS count FROM taxonomy WHERE ${where}`.execute(db);
  const page =
    await sql<Row>`SELECT * FROM taxonomy WHERE ${where} ORDER BY name, id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return { rows: page.rows, total: Number(total.rows[0]!.count) };
}

/** A taxonomy by id. */
export async function selectTaxonomy(db: Kysely<Database>, id: string): Promise<Row | undefined> {
  return (await selectWhere(db, 'taxonomy', 'id', [id]))[0];
}

/** A taxonomy term by id, with its taxonomy. */
export async function selectTaxonomyTerm(db: Kysely<Database>, id: string): Promise<{ row?: Row; taxonomies: Row[] }> {
  const [row] = await selectWhere(db, 'taxonomy_term', 'id', [id]);
  const taxonomies = row ? await selectWhere(db, 'taxonomy', 'id', ids([row], 'taxonomy_id')) : [];
  return { ...(row ? { row } : {}), taxonomies };
}

/**
 * One page of services at locations, by service name and location: the service filters of /services apply to the
 * service, and `search` also looks at the location's name.
 */
export async function selectServiceAtLocationPage(
  db: Kysely<Database>,
  filter: ServiceFilter,
  limit: number,
  offset: number,
): Promise<{ rows: { id: string; service_id: string }[]; total: number }> {
  const { search, ...serviceFilter } = filter;
  const conditions = [serviceConditions(serviceFilter)];
  for (const word of wordsInColumns(search, ['s.name', 's.alternate_name', 's.description', 'l.name'])) {
    conditions.push(word);
  }
  const where = sql.join(conditions, sql` AND `);
  const from = sql`service_at_location sal JOIN service s ON s.id = sal.service_id LEFT JOIN location l ON l.id = sal.location_id`;
  const total = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${from} WHERE ${where}`.execute(db);
  const page = await sql<{ id: string; service_id: string }>`SELECT sal.id, sal.service_id FROM ${from}
    WHERE ${where} ORDER BY s.name, l.name NULLS LAST, sal.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return { rows: page.rows, total: Number(total.rows[0]!.count) };
}

/** The service a service-at-location belongs to, or undefined. */
export async function selectServiceIdOfServiceAtLocation(
  db: Kysely<Database>,
  id: string,
): Promise<string | undefined> {
  const [row] = await selectWhere(db, 'service_at_location', 'id', [id]);
  return row?.service_id as string | undefined;
}
