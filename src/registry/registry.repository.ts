import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/database.js';
import type {
  AddressTable,
  ContactTable,
  LanguageTable,
  LocationTable,
  MetadataTable,
  OrganizationTable,
  PhoneTable,
  RequiredDocumentTable,
  ScheduleTable,
  ServiceAreaTable,
  ServiceTable,
  TaxonomyTable,
  TaxonomyTermTable,
  TaxonomyTermTranslationTable,
} from './registry.table.js';

export type OrganizationRow = Selectable<OrganizationTable>;
export type ServiceRow = Selectable<ServiceTable>;
export type LocationRow = Selectable<LocationTable> & {
  territory_name: string | null;
  municipality_code: string | null;
};
export type AddressRow = Selectable<AddressTable>;
export type ContactRow = Selectable<ContactTable>;
export type PhoneRow = Selectable<PhoneTable>;
export type ScheduleRow = Selectable<ScheduleTable>;
export type LanguageRow = Selectable<LanguageTable>;
export type RequiredDocumentRow = Selectable<RequiredDocumentTable>;
export type ServiceAreaRow = Selectable<ServiceAreaTable>;
export type TermRow = { id: string; code: string | null; parent_id: string | null; name: string; description: string };
export type ServiceTermRow = TermRow & { service_id: string };
export type ResidencyTerritoryRow = { service_id: string; territory_code: string; name: string };
export type ServiceLocationRow = { id: string; service_id: string; location_id: string };
export type OrganizationListRow = Pick<
  OrganizationRow,
  'id' | 'name' | 'alternate_name' | 'institution_type' | 'is_demo' | 'last_verified_on'
> & {
  service_count: number;
};

export type InstitutionFilter = {
  /** Folded words; each must occur in search_name. */
  words: string[];
  institutionType?: OrganizationRow['institution_type'];
  /** A municipality (matches its towns and parishes too) or a town/parish code. */
  territoryCode?: string;
  /** Term ids, any of which a service of the institution must carry. */
  termIds?: string[];
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

// ---- reading -----------------------------------------------------------------------------------------------

/** Applies the list filters to a query over `organization`. */
function filteredOrganizations(db: Kysely<Database>, filter: InstitutionFilter) {
  let query = db.selectFrom('organization');
  for (const word of filter.words) query = query.where('organization.search_name', 'like', `%${escapeLike(word)}%`);
  if (filter.institutionType) query = query.where('organization.institution_type', '=', filter.institutionType);
  if (filter.territoryCode) {
    const code = filter.territoryCode;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('location')
          .leftJoin('territory', 'territory.code', 'location.territory_code')
          .select('location.id')
          .whereRef('location.organization_id', '=', 'organization.id')
          .where((eb) => eb.or([eb('location.territory_code', '=', code), eb('territory.parent_code', '=', code)])),
      ),
    );
  }
  if (filter.termIds && filter.termIds.length > 0) {
    const termIds = filter.termIds;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('service')
          .innerJoin('attribute', 'attribute.link_id', 'service.id')
          .select('service.id')
          .whereRef('service.organization_id', '=', 'organization.id')
          .where('attribute.link_entity', '=', 'service')
          .where('attribute.taxonomy_term_id', 'in', termIds),
      ),
    );
  }
  return query;
}

export async function countOrganizations(db: Kysely<Database>, filter: InstitutionFilter): Promise<number> {
  const row = await filteredOrganizations(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of organizations matching the filter, demo data last, then by name (the service sorts in Latvian order). */
export async function selectOrganizationPage(
  db: Kysely<Database>,
  filter: InstitutionFilter,
  limit: number,
  offset: number,
): Promise<OrganizationListRow[]> {
  const rows = await filteredOrganizations(db, filter)
    .select([
      'organization.id',
      'organization.name',
      'organization.alternate_name',
      'organization.institution_type',
      'organization.is_demo',
      'organization.last_verified_on',
      (eb) =>
        eb
          .selectFrom('service')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('service.organization_id', '=', 'organization.id')
          .as('service_count'),
    ])
    // search_name is folded, so this order ignores diacritics and case; the page itself is re-sorted in Latvian order.
    .orderBy('organization.search_name')
    .orderBy('organization.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({ ...row, service_count: Number(row.service_count ?? 0) }));
}

export async function countAllOrganizations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function selectOrganization(db: Kysely<Database>, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The municipality codes each listed organization has a location in. */
export async function selectOrganizationMunicipalities(
  db: Kysely<Database>,
  organizationIds: string[],
): Promise<Array<{ organization_id: string; code: string; name: string }>> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('location')
    .innerJoin('territory as unit', 'unit.code', 'location.territory_code')
    .innerJoin('territory as municipality', (join) =>
      join.on((eb) => eb('municipality.code', '=', eb.fn.coalesce('unit.parent_code', 'unit.code'))),
    )
    .select(['location.organization_id', 'municipality.code', 'municipality.name_lv as name'])
    .where('location.organization_id', 'in', organizationIds)
    .distinct()
    .execute();
  return rows.map((row) => ({ organization_id: row.organization_id!, code: row.code, name: row.name }));
}

export async function selectLocationsOfOrganization(
  db: Kysely<Database>,
  organizationId: string,
): Promise<LocationRow[]> {
  return db
    .selectFrom('location')
    .leftJoin('territory', 'territory.code', 'location.territory_code')
    .selectAll('location')
    .select([
      'territory.name_lv as territory_name',
      (eb) => eb.fn.coalesce('territory.parent_code', 'territory.code').as('municipality_code'),
    ])
    .where('location.organization_id', '=', organizationId)
    .orderBy('location.name')
    .orderBy('location.id')
    .execute();
}

export async function selectAddressesOfLocations(db: Kysely<Database>, locationIds: string[]): Promise<AddressRow[]> {
  if (locationIds.length === 0) return [];
  return db.selectFrom('address').selectAll().where('location_id', 'in', locationIds).orderBy('id').execute();
}

export async function selectContactsOfOrganization(
  db: Kysely<Database>,
  organizationId: string,
): Promise<ContactRow[]> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function selectContactsOfServices(db: Kysely<Database>, serviceIds: string[]): Promise<ContactRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('contact')
    .selectAll()
    .where('service_id', 'in', serviceIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Phones that belong to any of the given organization, locations, services or contacts. */
export async function selectPhonesOf(
  db: Kysely<Database>,
  owners: { organizationIds?: string[]; locationIds?: string[]; serviceIds?: string[]; contactIds?: string[] },
): Promise<PhoneRow[]> {
  const { organizationIds = [], locationIds = [], serviceIds = [], contactIds = [] } = owners;
  if (organizationIds.length + locationIds.length + serviceIds.length + contactIds.length === 0) return [];
  return db
    .selectFrom('phone')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(organizationIds.length
          ? [
              eb.and([
                eb('organization_id', 'in', organizationIds),
                eb('contact_id', 'is', null),
                eb('location_id', 'is', null),
                eb('service_id', 'is', null),
              ]),
            ]
          : []),
        ...(locationIds.length ? [eb.and([eb('location_id', 'in', locationIds), eb('contact_id', 'is', null)])] : []),
        ...(serviceIds.length ? [eb.and([eb('service_id', 'in', serviceIds), eb('contact_id', 'is', null)])] : []),
        ...(contactIds.length ? [eb('contact_id', 'in', contactIds)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

export async function selectServicesOfOrganization(
  db: Kysely<Database>,
  organizationId: string,
): Promise<ServiceRow[]> {
  return db
    .selectFrom('service')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function selectService(db: Kysely<Database>, id: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The terms of one taxonomy linked to the given services through `attribute` rows. */
export async function selectServiceTerms(
  db: Kysely<Database>,
  serviceIds: string[],
  taxonomyId: string,
  language: string,
): Promise<ServiceTermRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('attribute')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'attribute.taxonomy_term_id')
    .leftJoin('taxonomy_term_translation as translation', (join) =>
      join
        .onRef('translation.taxonomy_term_id', '=', 'taxonomy_term.id')
        .on('translation.language', '=', language as 'lv'),
    )
    .select([
      'attribute.link_id as service_id',
      'taxonomy_term.id',
      'taxonomy_term.code',
      'taxonomy_term.parent_id',
      (eb) => eb.fn.coalesce('translation.name', 'taxonomy_term.name').as('name'),
      (eb) => eb.fn.coalesce('translation.description', 'taxonomy_term.description').as('description'),
    ])
    .where('attribute.link_entity', '=', 'service')
    .where('attribute.link_id', 'in', serviceIds)
    .where('taxonomy_term.taxonomy_id', '=', taxonomyId)
    .execute();
}

export async function selectTaxonomyTerms(
  db: Kysely<Database>,
  taxonomyId: string,
  language: string,
): Promise<TermRow[]> {
  return db
    .selectFrom('taxonomy_term')
    .leftJoin('taxonomy_term_translation as translation', (join) =>
      join
        .onRef('translation.taxonomy_term_id', '=', 'taxonomy_term.id')
        .on('translation.language', '=', language as 'lv'),
    )
    .select([
      'taxonomy_term.id',
      'taxonomy_term.code',
      'taxonomy_term.parent_id',
      (eb) => eb.fn.coalesce('translation.name', 'taxonomy_term.name').as('name'),
      (eb) => eb.fn.coalesce('translation.description', 'taxonomy_term.description').as('description'),
    ])
    .where('taxonomy_term.taxonomy_id', '=', taxonomyId)
    .orderBy('taxonomy_term.id')
    .execute();
}

export async function selectResidencyTerritories(
  db: Kysely<Database>,
  serviceIds: string[],
): Promise<ResidencyTerritoryRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('service_residency_territory')
    .innerJoin('territory', 'territory.code', 'service_residency_territory.territory_code')
    .select([
      'service_residency_territory.service_id',
      'service_residency_territory.territory_code',
      'territory.name_lv as name',
    ])
    .where('service_residency_territory.service_id', 'in', serviceIds)
    .execute();
}

export async function selectServiceAreas(db: Kysely<Database>, serviceIds: string[]): Promise<ServiceAreaRow[]> {
  if (serviceIds.length === 0) return [];
  return db.selectFrom('service_area').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute();
}

export async function selectSchedules(db: Kysely<Database>, serviceIds: string[]): Promise<ScheduleRow[]> {
  if (serviceIds.length === 0) return [];
  return db.selectFrom('schedule').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute();
}

export async function selectLanguages(db: Kysely<Database>, serviceIds: string[]): Promise<LanguageRow[]> {
  if (serviceIds.length === 0) return [];
  return db.selectFrom('language').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute();
}

export async function selectRequiredDocuments(
  db: Kysely<Database>,
  serviceIds: string[],
): Promise<RequiredDocumentRow[]> {
  if (serviceIds.length === 0) return [];
  return db.selectFrom('required_document').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute();
}

export async function selectServiceLocations(
  db: Kysely<Database>,
  serviceIds: string[],
): Promise<ServiceLocationRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('service_at_location')
    .select(['id', 'service_id', 'location_id'])
    .where('service_id', 'in', serviceIds)
    .orderBy('id')
    .execute();
}

export async function selectLocation(db: Kysely<Database>, id: string): Promise<Selectable<LocationTable> | undefined> {
  return db.selectFrom('location').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectContact(db: Kysely<Database>, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- writing -----------------------------------------------------------------------------------------------

export async function selectExistingOrganizationIds(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organization').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes organizations with everything under them. Attributes point at their owner by id without a foreign key
 * (HSDS links them to any table), so those of the organizations, their services and locations go first.
 */
export async function deleteOrganizationRows(
  db: Kysely<Database>,
  ids: string[],
): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  const owned = (eb: ExpressionBuilder<Database, 'attribute'>) =>
    eb.or([
      eb('link_id', 'in', ids),
      eb('link_id', 'in', eb.selectFrom('service').select('id').where('organization_id', 'in', ids)),
      eb('link_id', 'in', eb.selectFrom('location').select('id').where('organization_id', 'in', ids)),
    ]);
  await db.deleteFrom('attribute').where(owned).execute();
  return db.deleteFrom('organization').where('id', 'in', ids).returning(['id', 'name']).execute();
}

export async function insertOrganization(db: Kysely<Database>, row: Insertable<OrganizationTable>): Promise<void> {
  await db.insertInto('organization').values(row).execute();
}

export async function updateOrganizationRow(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<OrganizationTable>,
): Promise<void> {
  await db.updateTable('organization').set(changes).where('id', '=', id).execute();
}

export async function insertService(db: Kysely<Database>, row: Insertable<ServiceTable>): Promise<void> {
  await db.insertInto('service').values(row).execute();
}

export async function updateServiceRow(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<ServiceTable>,
): Promise<void> {
  await db.updateTable('service').set(changes).where('id', '=', id).execute();
}

export async function insertLocation(db: Kysely<Database>, row: Insertable<LocationTable>): Promise<void> {
  await db.insertInto('location').values(row).execute();
}

export async function updateLocationRow(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<LocationTable>,
): Promise<void> {
  await db.updateTable('location').set(changes).where('id', '=', id).execute();
}

export async function deleteLocationRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('location').where('id', '=', id).execute();
}

export async function insertAddress(db: Kysely<Database>, row: Insertable<AddressTable>): Promise<void> {
  await db.insertInto('address').values(row).execute();
}

export async function updateAddressRow(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<AddressTable>,
): Promise<void> {
  await db.updateTable('address').set(changes).where('id', '=', id).execute();
}

export async function insertContact(db: Kysely<Database>, row: Insertable<ContactTable>): Promise<void> {
  await db.insertInto('contact').values(row).execute();
}

export async function updateContactRow(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<ContactTable>,
): Promise<void> {
  await db.updateTable('contact').set(changes).where('id', '=', id).execute();
}

export async function deleteContactRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('contact').where('id', '=', id).execute();
}

/** Replaces the phones one owner holds directly (not those of its contacts); `fresh`: the owner is new, nothing to delete. */
export async function replacePhones(
  db: Kysely<Database>,
  owner: { column: 'organization_id' | 'location_id' | 'service_id' | 'contact_id'; id: string },
  rows: Insertable<PhoneTable>[],
  fresh = false,
): Promise<void> {
  if (!fresh) {
    let deletion = db.deleteFrom('phone').where(owner.column, '=', owner.id);
    if (owner.column !== 'contact_id') deletion = deletion.where('contact_id', 'is', null);
    if (owner.column === 'organization_id')
      deletion = deletion.where('location_id', 'is', null).where('service_id', 'is', null);
    await deletion.execute();
  }
  if (rows.length > 0) await db.insertInto('phone').values(rows).execute();
}

/** Replaces a service's links to the terms of one taxonomy, leaving links to other taxonomies alone. */
export async function replaceServiceTerms(
  db: Kysely<Database>,
  serviceId: string,
  taxonomyId: string,
  rows: Array<{ id: string; taxonomy_term_id: string }>,
  fresh = false,
): Promise<void> {
  if (!fresh) {
    await db
      .deleteFrom('attribute')
      .where('link_id', '=', serviceId)
      .where('link_entity', '=', 'service')
      .where('taxonomy_term_id', 'in', (eb) =>
        eb.selectFrom('taxonomy_term').select('id').where('taxonomy_id', '=', taxonomyId),
      )
      .execute();
  }
  if (rows.length === 0) return;
  await db
    .insertInto('attribute')
    .values(
      rows.map((row) => ({
        id: row.id,
        link_id: serviceId,
        link_entity: 'service',
        link_type: null,
        taxonomy_term_id: row.taxonomy_term_id,
        value: null,
      })),
    )
    .execute();
}

export async function replaceResidencyTerritories(
  db: Kysely<Database>,
  serviceId: string,
  territoryCodes: string[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('service_residency_territory').where('service_id', '=', serviceId).execute();
  if (territoryCodes.length > 0) {
    await db
      .insertInto('service_residency_territory')
      .values(territoryCodes.map((territory_code) => ({ service_id: serviceId, territory_code })))
      .execute();
  }
}

export async function replaceServiceAreas(
  db: Kysely<Database>,
  serviceId: string,
  rows: Insertable<ServiceAreaTable>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('service_area').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) await db.insertInto('service_area').values(rows).execute();
}

export async function replaceSchedules(
  db: Kysely<Database>,
  serviceId: string,
  rows: Insertable<ScheduleTable>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('schedule').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) await db.insertInto('schedule').values(rows).execute();
}

export async function replaceLanguages(
  db: Kysely<Database>,
  serviceId: string,
  rows: Insertable<LanguageTable>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('language').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) await db.insertInto('language').values(rows).execute();
}

export async function replaceRequiredDocuments(
  db: Kysely<Database>,
  serviceId: string,
  rows: Insertable<RequiredDocumentTable>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('required_document').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) await db.insertInto('required_document').values(rows).execute();
}

export async function replaceServiceLocations(
  db: Kysely<Database>,
  serviceId: string,
  rows: Array<{ id: string; location_id: string }>,
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('service_at_location').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('service_at_location')
      .values(
        rows.map((row) => ({ id: row.id, service_id: serviceId, location_id: row.location_id, description: null })),
      )
      .execute();
  }
}

export async function insertMetadata(db: Kysely<Database>, rows: Insertable<MetadataTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('metadata')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export async function selectMetadataOf(
  db: Kysely<Database>,
  resourceIds: string[],
): Promise<Array<Selectable<MetadataTable>>> {
  if (resourceIds.length === 0) return [];
  return db
    .selectFrom('metadata')
    .selectAll()
    .where('resource_id', 'in', resourceIds)
    .orderBy('last_action_date', 'desc')
    .orderBy('id')
    .execute();
}

/** A taxonomy's stored version and how many terms it has, or undefined when it is not there. */
export async function selectTaxonomyState(
  db: Kysely<Database>,
  taxonomyId: string,
): Promise<{ version: string | null; termCount: number } | undefined> {
  const row = await db
    .selectFrom('taxonomy')
    .leftJoin('taxonomy_term', 'taxonomy_term.taxonomy_id', 'taxonomy.id')
    .select(['taxonomy.version', (eb) => eb.fn.count<number>('taxonomy_term.id').as('terms')])
    .where('taxonomy.id', '=', taxonomyId)
    .groupBy('taxonomy.version')
    .executeTakeFirst();
  return row ? { version: row.version, termCount: Number(row.terms) } : undefined;
}

export async function upsertTaxonomy(db: Kysely<Database>, row: Insertable<TaxonomyTable>): Promise<void> {
  await db
    .insertInto('taxonomy')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        uri: eb.ref('excluded.uri'),
        version: eb.ref('excluded.version'),
      })),
    )
    .execute();
}

export async function upsertTaxonomyTerms(db: Kysely<Database>, rows: Insertable<TaxonomyTermTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('taxonomy_term')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        code: eb.ref('excluded.code'),
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        parent_id: eb.ref('excluded.parent_id'),
        taxonomy: eb.ref('excluded.taxonomy'),
        taxonomy_id: eb.ref('excluded.taxonomy_id'),
        language: eb.ref('excluded.language'),
      })),
    )
    .execute();
}

export async function upsertTermTranslations(
  db: Kysely<Database>,
  rows: Insertable<TaxonomyTermTranslationTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('taxonomy_term_translation')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['taxonomy_term_id', 'language'])
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), description: eb.ref('excluded.description') })),
    )
    .execute();
}

export type SampledOrganizationRow = {
  id: string;
  name: string;
  institution_type: string | null;
  email: string | null;
  territory_code: string | null;
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
};

/**
 * Institutions of the registry for a sample (for surveys/, through the read service): by type, and by territory when
 * codes are given (a municipality code also takes in its towns and parishes). One row per institution with its
 * first location's territory and postal (else physical) address.
 */
export async function selectOrganizationsForSample(
  db: Kysely<Database>,
  filter: { institutionTypes: string[]; territoryCodes: string[] },
): Promise<SampledOrganizationRow[]> {
  const types = filter.institutionTypes;
  const codes = filter.territoryCodes;
  const result = await sql<SampledOrganizationRow>`
    SELECT o.id, o.name, o.institution_type, coalesce(o.email, contact.email) AS email,
      place.territory_code, place.address_1, place.address_2, place.city, place.region, place.postal_code
    FROM organization o
    LEFT JOIN LATERAL (
      SELECT l.territory_code, a.address_1, a.address_2, a.city, a.region, a.postal_code
      FROM location l
      LEFT JOIN address a ON a.location_id = l.id
      WHERE l.organization_id = o.id AND l.location_type <> 'virtual'
      ORDER BY (a.address_type = 'postal') DESC NULLS LAST, l.id
      LIMIT 1
    ) place ON true
    LEFT JOIN LATERAL (
      SELECT ct.email FROM contact ct WHERE ct.organization_id = o.id AND ct.email IS NOT NULL ORDER BY ct.id LIMIT 1
    ) contact ON true
    WHERE (${types.length === 0} OR o.institution_type IN (${types.length ? sql.join(types) : sql`NULL`}))
      AND (${codes.length === 0} OR EXISTS (
        SELECT 1 FROM location l2 LEFT JOIN territory t ON t.code = l2.territory_code
        WHERE l2.organization_id = o.id
          AND (l2.territory_code IN (${codes.length ? sql.join(codes) : sql`NULL`}) OR t.parent_code IN (${codes.length ? sql.join(codes) : sql`NULL`}))
      ))
    ORDER BY o.name, o.id`.execute(db);
  return result.rows;
}

/** Organizations' names by id (for other domains that show which institution something belongs to). */
export async function selectOrganizationNames(
  db: Kysely<Database>,
  ids: string[],
): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Organizations by name (id, name, demo flag), at most `limit`. */
export async function selectOrganizationChoices(db: Kysely<Database>, limit: number) {
  return db.selectFrom('organization').select(['id', 'name', 'is_demo']).orderBy('name').limit(limit).execute();
}

/** How many terms one taxonomy has. */
export async function countTaxonomyTerms(db: Kysely<Database>, taxonomyId: string): Promise<number> {
  const row = await db
    .selectFrom('taxonomy_term')
    .select(sql<number>`count(*)`.as('count'))
    .where('taxonomy_id', '=', taxonomyId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Adds a taxonomy, its terms and their translations, leaving rows that are already there as they are. */
export async function insertMissingTaxonomy(
  db: Kysely<Database>,
  taxonomy: Insertable<TaxonomyTable>,
  terms: Insertable<TaxonomyTermTable>[],
  translations: Insertable<TaxonomyTermTranslationTable>[],
): Promise<void> {
  await db
    .insertInto('taxonomy')
    .values(taxonomy)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  if (terms.length > 0) {
    await db
      .insertInto('taxonomy_term')
      .values(terms)
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }
  if (translations.length > 0) {
    await db
      .insertInto('taxonomy_term_translation')
      .values(translations)
      .onConflict((conflict) => conflict.columns(['taxonomy_term_id', 'language']).doNothing())
      .execute();
  }
}

/** Tells every app process that its in-memory view of the registry (the finder index) is stale. */
export async function bumpRegistryRevision(db: Kysely<Database>): Promise<void> {
  await sql`UPDATE registry_revision SET revision = revision + 1, changed_at = now() WHERE id = 1`.execute(db);
}

export async function selectRegistryRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('registry_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
}
