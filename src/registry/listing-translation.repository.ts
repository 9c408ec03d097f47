// SQL of the listing translations (organization_translation, service_translation): Russian and English texts
// beside the registry's Latvian columns. One row per record and language; a record's rows are replaced whole.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { OrganizationTranslationTable, ServiceTranslationTable } from './registry.table.js';

export type OrganizationTranslationRow = Selectable<OrganizationTranslationTable>;
export type ServiceTranslationRow = Selectable<ServiceTranslationTable>;

export async function selectOrganizationTranslations(
  db: Kysely<Database>,
  organizationIds: string[],
): Promise<OrganizationTranslationRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('organization_translation')
    .selectAll()
    .where('organization_id', 'in', organizationIds)
    .orderBy('organization_id')
    .orderBy('language')
    .execute();
}

export async function selectServiceTranslations(
  db: Kysely<Database>,
  serviceIds: string[],
): Promise<ServiceTranslationRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('service_translation')
    .selectAll()
    .where('service_id', 'in', serviceIds)
    .orderBy('service_id')
    .orderBy('language')
    .execute();
}

/** Every translation row of the registry, for whole-registry readers (HSDS export). */
export async function selectAllTranslations(db: Kysely<Database>): Promise<{
  organizations: OrganizationTranslationRow[];
  services: ServiceTranslationRow[];
}> {
  const [organizations, services] = await Promise.all([
    db.selectFrom('organization_translation').selectAll().orderBy('organization_id').orderBy('language').execute(),
    db.selectFrom('service_translation').selectAll().orderBy('service_id').orderBy('language').execute(),
  ]);
  return { organizations, services };
}

export async function replaceOrganizationTranslations(
  db: Kysely<Database>,
  organizationId: string,
  rows: OrganizationTranslationRow[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('organization_translation').where('organization_id', '=', organizationId).execute();
  if (rows.length > 0) await db.insertInto('organization_translation').values(rows).execute();
}

export async function replaceServiceTranslations(
  db: Kysely<Database>,
  serviceId: string,
  rows: ServiceTranslationRow[],
  fresh = false,
): Promise<void> {
  if (!fresh) await db.deleteFrom('service_translation').where('service_id', '=', serviceId).execute();
  if (rows.length > 0) await db.insertInto('service_translation').values(rows).execute();
}

/** Replaces the translations of every imported organization or service (an HSDS import states them whole). */
export async function replaceImportedTranslations(
  db: Kysely<Database>,
  table: 'organization' | 'service',
  recordIds: string[],
  rows: Array<OrganizationTranslationRow | ServiceTranslationRow>,
): Promise<void> {
  for (let start = 0; start < recordIds.length; start += 10_000) {
    const chunk = recordIds.slice(start, start + 10_000);
    if (table === 'organization')
      await db.deleteFrom('organization_translation').where('organization_id', 'in', chunk).execute();
    else await db.deleteFrom('service_translation').where('service_id', 'in', chunk).execute();
  }
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    if (table === 'organization')
      await db
        .insertInto('organization_translation')
        .values(chunk as OrganizationTranslationRow[])
        .execute();
    else
      await db
        .insertInto('service_translation')
        .values(chunk as ServiceTranslationRow[])
        .execute();
  }
}
