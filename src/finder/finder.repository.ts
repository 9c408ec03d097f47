// Read-only access to the registry for the finder's in-memory index. The registry domain owns and writes these
// tables; the finder only reads them, whole, in one snapshot, to build its index (docs/decisions/005-finder-index.md).
// Nothing here writes, so the finder can never disturb registry data.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export type FinderServiceRow = {
  id: string;
  name: string;
  description: string | null;
  organization_id: string | null;
  organization_name: string | null;
  organization_is_demo: boolean | null;
  organization_last_verified_on: string | null;
  residency_rule: 'none' | 'last_declared_residence';
  eligible_sex: 'any' | 'female' | 'male';
  minimum_age: number | null;
  maximum_age: number | null;
  eligibility_description: string | null;
  capacity_beds: number | null;
  is_statewide: boolean;
  last_verified_on: string | null;
  // Optional, so rows made up elsewhere (bench/finder.ts) need not name them.
  legal_basis_act?: string | null;
  legal_basis_article?: string | null;
  legal_basis_url?: string | null;
  benefit_amount?: string | null;
  benefit_limits?: string | null;
  /** Optional: rows built by hand (the benchmark) may leave the newer fields out. */
  organization_type?: string | null;
};
export type FinderResidencyRow = { service_id: string; territory_code: string };
export type FinderServiceLocationRow = {
  id: string;
  service_id: string;
  location_id: string;
  location_name: string | null;
  territory_code: string | null;
  organization_id: string | null;
  latitude?: number | null;
  longitude?: number | null;
};
export type FinderAddressRow = {
  location_id: string;
  address_1: string;
  address_2: string | null;
  city: string;
  postal_code: string;
  address_type: string;
};
export type FinderPhoneRow = {
  number: string;
  service_id: string | null;
  location_id: string | null;
  organization_id: string | null;
  service_at_location_id: string | null;
  description?: string | null;
};
export type FinderScheduleRow = {
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  freq: string | null;
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
};
export type FinderLanguageRow = {
  service_id: string | null;
  location_id: string | null;
  name: string | null;
  code: string | null;
};
export type FinderDocumentRow = { service_id: string; document: string };
export type FinderServiceTermRow = { service_id: string; taxonomy_term_id: string };
export type FinderTermRow = { id: string; code: string | null; name: string; parent_id: string | null };
export type FinderTermTranslationRow = { taxonomy_term_id: string; language: 'lv' | 'ru' | 'en'; name: string };
/** A service's Russian or English texts (registry service_translation); null where none was written. */
export type FinderServiceTranslationRow = {
  service_id: string;
  language: 'ru' | 'en';
  name: string | null;
  description: string | null;
  eligibility_description: string | null;
  required_documents: string | null;
  hours_note: string | null;
};
export type FinderOrganizationTranslationRow = { organization_id: string; language: 'ru' | 'en'; name: string | null };

/** Everything the index is built from: the registry rows a search can show or match, read in one snapshot. */
export type FinderSourceRows = {
  revision: number;
  services: FinderServiceRow[];
  residencyTerritories: FinderResidencyRow[];
  serviceLocations: FinderServiceLocationRow[];
  addresses: FinderAddressRow[];
  phones: FinderPhoneRow[];
  schedules: FinderScheduleRow[];
  languages: FinderLanguageRow[];
  documents: FinderDocumentRow[];
  serviceTerms: FinderServiceTermRow[];
  terms: FinderTermRow[];
  termTranslations: FinderTermTranslationRow[];
  /** Listing texts in Russian and English (issue 14): absent in sources built before they existed. */
  serviceTranslations?: FinderServiceTranslationRow[];
  organizationTranslations?: FinderOrganizationTranslationRow[];
};

/** The registry's change counter: every registry write bumps it, so a different value means a stale index. */
export async function selectRegistryRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('registry_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/**
 * Reads every active service and what the finder shows about it. Runs in one REPEATABLE READ, READ ONLY
 * transaction, so the revision read with the rows is exactly the state they show, even while registry
 * writers are busy.
 */
export async function selectFinderSourceRows(db: Kysely<Database>): Promise<FinderSourceRows> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const revision = await selectRegistryRevision(trx);
      // Inactive and defunct services are left out of the index: nobody should travel to them.
      const services = await trx
        .selectFrom('service')
        .leftJoin('organization', 'organization.id', 'service.organization_id')
        .select([
          'service.id',
          'service.name',
          'service.description',
          'service.organization_id',
          'organization.name as organization_name',
          'organization.is_demo as organization_is_demo',
          'organization.last_verified_on as organization_last_verified_on',
          'service.residency_rule',
          'service.eligible_sex',
          'service.minimum_age',
          'service.maximum_age',
          'service.eligibility_description',
          'service.capacity_beds',
          'service.is_statewide',
          'service.last_verified_on',
          // The person's right to it (registry/entitlement.ts), said on the results and in the plan.
          'service.legal_basis_act',
          'service.legal_basis_article',
          'service.legal_basis_url',
          'service.benefit_amount',
          'service.benefit_limits',
          'organization.institution_type as organization_type',
        ])
        .where('service.status', '=', 'active')
        // A prison's own services are for the people it holds; whoever searches here has left or is leaving, so
        // they stay in the registry (staff pages, HSDS) but not in the finder or the plan.
        .where((eb) =>
          eb.or([eb('organization.institution_type', 'is', null), eb('organization.institution_type', '!=', 'prison')]),
        )
        .execute();
      const residencyTerritories = await trx
        .selectFrom('service_residency_territory')
        .select(['service_id', 'territory_code'])
        .execute();
      const serviceLocations = await trx
        .selectFrom('service_at_location')
        .innerJoin('location', 'location.id', 'service_at_location.location_id')
        .select([
          'service_at_location.id',
          'service_at_location.service_id',
          'service_at_location.location_id',
          'location.name as location_name',
          'location.territory_code',
          'location.organization_id',
          'location.latitude',
          'location.longitude',
        ])
        .execute();
      const addresses = await trx
        .selectFrom('address')
        .select(['location_id', 'address_1', 'address_2', 'city', 'postal_code', 'address_type'])
        .where('location_id', 'is not', null)
        .execute();
      const phones = await trx
        .selectFrom('phone')
        .select(['number', 'service_id', 'location_id', 'organization_id', 'service_at_location_id', 'description'])
        .execute();
      const schedules = await trx
        .selectFrom('schedule')
        .select([
          'service_id',
          'location_id',
          'service_at_location_id',
          'freq',
          'byday',
          'opens_at',
          'closes_at',
          'description',
        ])
        .execute();
      const languages = await trx
        .selectFrom('language')
        .select(['service_id', 'location_id', 'name', 'code'])
        .execute();
      const documents = await trx
        .selectFrom('required_document')
        .select(['service_id', 'document'])
        .where('service_id', 'is not', null)
        .where('document', 'is not', null)
        .execute();
      const serviceTerms = await trx
        .selectFrom('attribute')
        .select(['link_id as service_id', 'taxonomy_term_id'])
        .where('link_entity', '=', 'service')
        .where('taxonomy_term_id', 'is not', null)
        .execute();
      const terms = await trx.selectFrom('taxonomy_term').select(['id', 'code', 'name', 'parent_id']).execute();
      const termTranslations = await trx
        .selectFrom('taxonomy_term_translation')
        .select(['taxonomy_term_id', 'language', 'name'])
        .execute();
      const serviceTranslations = await trx
        .selectFrom('service_translation')
        .select([
          'service_id',
          'language',
          'name',
          'description',
          'eligibility_description',
          'required_documents',
          'hours_note',
        ])
        .execute();
      const organizationTranslations = await trx
        .selectFrom('organization_translation')
        .select(['organization_id', 'language', 'name'])
        .execute();
      return {
        revision,
        services,
        residencyTerritories,
        serviceLocations: serviceLocations.map((row) => ({ ...row, territory_code: row.territory_code })),
        addresses: addresses.map((row) => ({ ...row, location_id: row.location_id as string })),
        phones,
        schedules,
        languages,
        documents: documents.map((row) => ({ service_id: row.service_id as string, document: row.document as string })),
        serviceTerms: serviceTerms.map((row) => ({
          service_id: row.service_id,
          taxonomy_term_id: row.taxonomy_term_id as string,
        })),
        terms,
        termTranslations,
        serviceTranslations,
        organizationTranslations,
      };
    });
}
