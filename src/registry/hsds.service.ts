// The read side of HSDS for the API: pages of services, organizations and taxonomy terms, and full records.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import {
  loadRegistryGraph,
  selectOrganizationPage,
  selectServiceAtLocationPage,
  selectServiceIdOfServiceAtLocation,
  countServices,
  selectServicePage,
  selectTaxonomy,
  selectTaxonomyPage,
  selectTaxonomyTerm,
  selectTaxonomyTermPage,
  type ServiceFilter,
} from './hsds.repository.js';
import {
  assembleBriefOrganization,
  assembleBriefService,
  assembleOrganization,
  assembleService,
  assembleServiceAtLocation,
  assembleTaxonomy,
  assembleTaxonomyTerm,
  RegistryGraph,
} from './hsds-mapping.js';
import { rememberedPageEnd, rememberedTotal, rememberPageEnd, rememberTotal } from './hsds-page-memory.js';
import { selectRegistryRevision } from './registry.repository.js';

/** The Page wrapper of the HSDS API (openapi.json components.schemas.Page) around one page of contents. */
export type HsdsPage = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: unknown[];
};

function toPage(contents: unknown[], total: number, page: number, perPage: number): HsdsPage {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The filters /services and /service_at_locations share. */
export type ServiceQuery = {
  search?: string | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organizationId?: string | undefined;
  modifiedAfter?: Date | undefined;
};

function serviceFilterOf(query: ServiceQuery): ServiceFilter {
  return {
    ...(query.search ? { search: query.search } : {}),
    ...(query.taxonomyTermId ? { taxonomyTermId: query.taxonomyTermId } : {}),
    ...(query.taxonomyId ? { taxonomyId: query.taxonomyId } : {}),
    ...(query.organizationId ? { organizationId: query.organizationId } : {}),
    ...(query.modifiedAfter ? { modifiedAfter: query.modifiedAfter } : {}),
  };
}

/** One page of services, brief (one-to-one fields, organization and program) or full. */
export async function listHsdsServices(
  db: Kysely<Database>,
  query: ServiceQuery & { page: number; perPage: number; full: boolean },
): Promise<HsdsPage> {
  const { ids, total } = await findServicePage(db, serviceFilterOf(query), query.page, query.perPage);
  const graph = await loadRegistryGraph(db, { serviceIds: ids, organizationIds: [], brief: !query.full });
  const contents = ids
    .map((id) => graph.find('service', id)!)
    .map((row) => (query.full ? assembleService(graph, row) : assembleBriefService(graph, row)));
  return toPage(contents, total, query.page, query.perPage);
}

/** The ids on one page of services and the total, using what earlier pages at this revision left behind. */
async function findServicePage(db: Kysely<Database>, filter: ServiceFilter, page: number, perPage: number) {
  const revision = await selectRegistryRevision(db);
  const filterKey = JSON.stringify(filter);
  let total = rememberedTotal(revision, filterKey);
  if (total === undefined) {
    total = await countServices(db, filter);
    rememberTotal(revision, filterKey, total);
  }
  const previousEnd = page > 1 ? rememberedPageEnd(revision, filterKey, perPage, page - 1) : undefined;
  const rows = await selectServicePage(
    db,
    filter,
    perPage,
    previousEnd ? { after: previousEnd } : { offset: (page - 1) * perPage },
  );
  const last = rows.at(-1);
  if (last) rememberPageEnd(revision, filterKey, perPage, page, last);
  return { ids: rows.map((row) => row.id), total };
}

/** A full HSDS service, or not_found. */
export async function getHsdsService(db: Kysely<Database>, id: string): Promise<Record<string, unknown>> {
  if (!isUuid(id)) throw new AppError('not_found', 'error.not_found');
  const graph = await loadRegistryGraph(db, { serviceIds: [id], organizationIds: [] });
  const row = graph.find('service', id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return assembleService(graph, row);
}

/** One page of organizations, brief, or full with their services brief or full. */
export async function listHsdsOrganizations(
  db: Kysely<Database>,
  query: { search?: string | undefined; page: number; perPage: number; fullService: boolean },
): Promise<HsdsPage> {
  const { rows, total } = await selectOrganizationPage(
    db,
    query.search,
    query.perPage,
    (query.page - 1) * query.perPage,
  );
  if (!query.fullService) return toPage(rows.map(assembleBriefOrganization), total, query.page, query.perPage);
  const graph = await loadRegistryGraph(db, { serviceIds: [], organizationIds: rows.map((row) => row.id as string) });
  return toPage(
    rows.map((row) => assembleOrganization(graph, graph.find('organization', row.id)!, { services: 'full' })),
    total,
    query.page,
    query.perPage,
  );
}

/** A full HSDS organization with its services brief (or full), or not_found. */
export async function getHsdsOrganization(
  db: Kysely<Database>,
  id: string,
  fullService: boolean,
): Promise<Record<string, unknown>> {
  if (!isUuid(id)) throw new AppError('not_found', 'error.not_found');
  const graph = await loadRegistryGraph(db, { serviceIds: [], organizationIds: [id] });
  const row = graph.find('organization', id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return assembleOrganization(graph, row, { services: fullService ? 'full' : 'brief' });
}

/** One page of taxonomy terms, each with its taxonomy. */
export async function listHsdsTaxonomyTerms(
  db: Kysely<Database>,
  query: {
    taxonomyId?: string | undefined;
    parentId?: string | undefined;
    search?: string | undefined;
    topOnly?: boolean;
    page: number;
    perPage: number;
  },
): Promise<HsdsPage> {
  const filter = {
    ...(query.taxonomyId ? { taxonomyId: query.taxonomyId } : {}),
    ...(query.parentId ? { parentId: query.parentId } : {}),
    ...(query.search ? { search: query.search } : {}),
    ...(query.topOnly ? { topOnly: true } : {}),
  };
  const { rows, taxonomies, total } = await selectTaxonomyTermPage(
    db,
    filter,
    query.perPage,
    (query.page - 1) * query.perPage,
  );
  const graph = new RegistryGraph(
    new Map([
      ['taxonomy_term', rows],
      ['taxonomy', taxonomies],
    ]),
    new Map(),
  );
  return toPage(
    rows.map((row) => assembleTaxonomyTerm(graph, row)),
    total,
    query.page,
    query.perPage,
  );
}

/** A taxonomy term with its taxonomy, or not_found. */
export async function getHsdsTaxonomyTerm(db: Kysely<Database>, id: string): Promise<Record<string, unknown>> {
  if (!isUuid(id)) throw new AppError('not_found', 'error.not_found');
  const { row, taxonomies } = await selectTaxonomyTerm(db, id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  const graph = new RegistryGraph(
    new Map([
      ['taxonomy_term', [row]],
      ['taxonomy', taxonomies],
    ]),
    new Map(),
  );
  return assembleTaxonomyTerm(graph, row);
}

/** One page of taxonomies. */
export async function listHsdsTaxonomies(
  db: Kysely<Database>,
  query: { search?: string | undefined; page: number; perPage: number },
): Promise<HsdsPage> {
  const { rows, total } = await selectTaxonomyPage(db, query.search, query.perPage, (query.page - 1) * query.perPage);
  return toPage(rows.map(assembleTaxonomy), total, query.page, query.perPage);
}

/** A taxonomy, or not_found. */
export async function getHsdsTaxonomy(db: Kysely<Database>, id: string): Promise<Record<string, unknown>> {
  const row = isUuid(id) ? await selectTaxonomy(db, id) : undefined;
  if (!row) throw new AppError('not_found', 'error.not_found');
  return assembleTaxonomy(row);
}

/** One page of services at locations: each with its service (brief) and location, or everything in full. */
export async function listHsdsServiceAtLocations(
  db: Kysely<Database>,
  query: ServiceQuery & { page: number; perPage: number; full: boolean },
): Promise<HsdsPage> {
  const { rows, total } = await selectServiceAtLocationPage(
    db,
    serviceFilterOf(query),
    query.perPage,
    (query.page - 1) * query.perPage,
  );
  const graph = await loadRegistryGraph(db, {
    serviceIds: [...new Set(rows.map((row) => row.service_id))],
    organizationIds: [],
  });
  const contents = rows
    .map((row) => graph.find('service_at_location', row.id))
    .filter((row) => row !== undefined)
    .map((row) => assembleServiceAtLocation(graph, row, query.full));
  return toPage(contents, total, query.page, query.perPage);
}

/** A service at a location in full, or not_found. */
export async function getHsdsServiceAtLocation(db: Kysely<Database>, id: string): Promise<Record<string, unknown>> {
  const serviceId = isUuid(id) ? await selectServiceIdOfServiceAtLocation(db, id) : undefined;
  const graph = serviceId ? await loadRegistryGraph(db, { serviceIds: [serviceId], organizationIds: [] }) : undefined;
  const row = graph?.find('service_at_location', id);
  if (!graph || !row) throw new AppError('not_found', 'error.not_found');
  return assembleServiceAtLocation(graph, row, true);
}
