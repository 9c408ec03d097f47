// Read-only: where each active service is available, and which help types it gives. The registry domain owns
// these tables; the coverage map only counts them (docs/decisions/007-plan-links-and-map.md).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export type CoverageServiceRow = { id: string; is_statewide: boolean; is_demo: boolean };
export type CoverageTerritoryLinkRow = { service_id: string; territory_code: string };
export type CoverageTermRow = { service_id: string; code: string | null; parent_code: string | null };

/** The rows the coverage map is computed from, read in one snapshot with the registry revision they show. */
export type CoverageSourceRows = {
  revision: number;
  services: CoverageServiceRow[];
  locationTerritories: CoverageTerritoryLinkRow[];
  areaTerritories: CoverageTerritoryLinkRow[];
  terms: CoverageTermRow[];
};

export async function selectCoverageRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('registry_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** Reads active services with their location territories, service-area territories and help-type terms. */
export async function selectCoverageSourceRows(db: Kysely<Database>): Promise<CoverageSourceRows> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const revision = await selectCoverageRevision(trx);
      const services = await trx
        .selectFrom('service')
        .leftJoin('organization', 'organization.id', 'service.organization_id')
        .select(['service.id', 'service.is_statewide', 'organization.is_demo'])
        .where('service.status', '=', 'active')
        .execute();
      const locationTerritories = await trx
        .selectFrom('service_at_location')
        .innerJoin('location', 'location.id', 'service_at_location.location_id')
        .select(['service_at_location.service_id', 'location.territory_code'])
        .where('location.territory_code', 'is not', null)
        .distinct()
        .execute();
      const areaTerritories = await trx
        .selectFrom('service_area')
        .select(['service_id', 'territory_code'])
        .where('service_id', 'is not', null)
        .where('territory_code', 'is not', null)
        .distinct()
        .execute();
      const terms = await trx
        .selectFrom('attribute')
        .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
        .leftJoin('taxonomy_term as parent', 'parent.id', 'term.parent_id')
        .select(['attribute.link_id as service_id', 'term.code', 'parent.code as parent_code'])
        .where('attribute.link_entity', '=', 'service')
        .execute();
      return {
        revision,
        services: services.map((row) => ({
          id: row.id,
          is_statewide: row.is_statewide,
          is_demo: row.is_demo ?? false,
        })),
        locationTerritories: locationTerritories.map((row) => ({
          service_id: row.service_id,
          territory_code: row.territory_code as string,
        })),
        areaTerritories: areaTerritories.map((row) => ({
          service_id: row.service_id as string,
          territory_code: row.territory_code as string,
        })),
        terms,
      };
    });
}
