// Read-only access to the registry for the finder's in-memory index. The registry domain owns and writes these
// tables; the finder only reads them, whole, in one snapshot, to build its index (docs/decisions/005-finder-index.md).
// Nothing here writes them, so the finder can never disturb registry data; it writes only its own finder_snapshot.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
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

// Each table's columns as [property, SQL expression], in the order the database sends them. PGlite decodes a result
// row by row in its WebAssembly thread and node-postgres builds an object per row: at 100 000 services that took
// ~10 s for ~900 000 rows. So each table comes back as one text, a JSON array of value arrays built by the database
// (json_agg), which JSON.parse reads in a fraction of that; the same texts are what a snapshot keeps.
type SourceTable = { columns: readonly (readonly [string, string])[]; from: RawBuilder<unknown> };

const sourceTables = {
  services: {
    columns: [
      ['id', 'service.id'],
      ['name', 'service.name'],
      ['description', 'service.description'],
      ['organization_id', 'service.organization_id'],
      ['organization_name', 'organization.name'],
      ['organization_is_demo', 'organization.is_demo'],
      ['organization_last_verified_on', 'organization.last_verified_on'],
      ['residency_rule', 'service.residency_rule'],
      ['eligible_sex', 'service.eligible_sex'],
      ['minimum_age', 'service.minimum_age'],
      ['maximum_age', 'service.maximum_age'],
      ['eligibility_description', 'service.eligibility_description'],
      ['capacity_beds', 'service.capacity_beds'],
      ['is_statewide', 'service.is_statewide'],
      ['last_verified_on', 'service.last_verified_on'],
      // The person's right to it (registry/entitlement.ts), said on the results and in the plan.
      ['legal_basis_act', 'service.legal_basis_act'],
      ['legal_basis_article', 'service.legal_basis_article'],
      ['legal_basis_url', 'service.legal_basis_url'],
      ['benefit_amount', 'service.benefit_amount'],
      ['benefit_limits', 'service.benefit_limits'],
      ['organization_type', 'organization.institution_type'],
    ],
    // Inactive and defunct services are left out of the index: nobody should travel to them. A prison's own services
    // are for the people it holds; whoever searches here has left or is leaving, so they stay in the registry (staff
    // pages, HSDS) but not in the finder or the plan.
    from: sql`FROM service LEFT JOIN organization ON organization.id = service.organization_id
      WHERE service.status = 'active'
        AND (organization.institution_type IS NULL OR organization.institution_type <> 'prison')`,
  },
  residencyTerritories: {
    columns: [
      ['service_id', 'service_id'],
      ['territory_code', 'territory_code'],
    ],
    from: sql`FROM service_residency_territory`,
  },
  serviceLocations: {
    columns: [
      ['id', 'service_at_location.id'],
      ['service_id', 'service_at_location.service_id'],
      ['location_id', 'service_at_location.location_id'],
      ['location_name', 'location.name'],
      ['territory_code', 'location.territory_code'],
      ['organization_id', 'location.organization_id'],
      ['latitude', 'location.latitude'],
      ['longitude', 'location.longitude'],
    ],
    from: sql`FROM service_at_location INNER JOIN location ON location.id = service_at_location.location_id`,
  },
  addresses: {
    columns: [
      ['location_id', 'location_id'],
      ['address_1', 'address_1'],
      ['address_2', 'address_2'],
      ['city', 'city'],
      ['postal_code', 'postal_code'],
      ['address_type', 'address_type'],
    ],
    from: sql`FROM address WHERE location_id IS NOT NULL`,
  },
  phones: {
    columns: [
      ['number', 'number'],
      ['service_id', 'service_id'],
      ['location_id', 'location_id'],
      ['organization_id', 'organization_id'],
      ['service_at_location_id', 'service_at_location_id'],
      ['description', 'description'],
    ],
    from: sql`FROM phone`,
  },
  schedules: {
    columns: [
      ['service_id', 'service_id'],
      ['location_id', 'location_id'],
      ['service_at_location_id', 'service_at_location_id'],
      ['freq', 'freq'],
      ['byday', 'byday'],
      ['opens_at', 'opens_at'],
      ['closes_at', 'closes_at'],
      ['description', 'description'],
    ],
    from: sql`FROM schedule`,
  },
  languages: {
    columns: [
      ['service_id', 'service_id'],
      ['location_id', 'location_id'],
      ['name', 'name'],
      ['code', 'code'],
    ],
    from: sql`FROM language`,
  },
  documents: {
    columns: [
      ['service_id', 'service_id'],
      ['document', 'document'],
    ],
    from: sql`FROM required_document WHERE service_id IS NOT NULL AND document IS NOT NULL`,
  },
  serviceTerms: {
    columns: [
      ['service_id', 'link_id'],
      ['taxonomy_term_id', 'taxonomy_term_id'],
    ],
    from: sql`FROM attribute WHERE link_entity = 'service' AND taxonomy_term_id IS NOT NULL`,
  },
  terms: {
    columns: [
      ['id', 'id'],
      ['code', 'code'],
      ['name', 'name'],
      ['parent_id', 'parent_id'],
    ],
    from: sql`FROM taxonomy_term`,
  },
  termTranslations: {
    columns: [
      ['taxonomy_term_id', 'taxonomy_term_id'],
      ['language', 'language'],
      ['name', 'name'],
    ],
    from: sql`FROM taxonomy_term_translation`,
  },
  serviceTranslations: {
    columns: [
      ['service_id', 'service_id'],
      ['language', 'language'],
      ['name', 'name'],
      ['description', 'description'],
      ['eligibility_description', 'eligibility_description'],
      ['required_documents', 'required_documents'],
      ['hours_note', 'hours_note'],
    ],
    from: sql`FROM service_translation`,
  },
  organizationTranslations: {
    columns: [
      ['organization_id', 'organization_id'],
      ['language', 'language'],
      ['name', 'name'],
    ],
    from: sql`FROM organization_translation`,
  },
} satisfies Record<Exclude<keyof FinderSourceRows, 'revision'>, SourceTable>;

export type FinderSourceTableName = keyof typeof sourceTables;
export const finderSourceTableNames = Object.keys(sourceTables) as FinderSourceTableName[];

/** The registry rows as the database sent them: per table, a JSON array of value arrays (null for no rows). */
export type FinderSourceTexts = { revision: number; tables: Record<FinderSourceTableName, string | null> };

/**
 * Names the shape of the texts (every table's properties in order): a snapshot written in another shape, by an
 * older or newer version of the app, must not be read as this one.
 */
export const finderSourceFormat = createHash('sha256')
  .update(JSON.stringify(finderSourceTableNames.map((name) => [name, sourceTables[name].columns.map(([key]) => key)])))
  .digest('hex')
  .slice(0, 16);

/**
 * Reads every active service and what the finder shows about it, one JSON text per table. Runs in one REPEATABLE
 * READ, READ ONLY transaction, so the revision read with the rows is exactly the state they show, even while
 * registry writers are busy; one query per table, so on the embedded database the event loop gets a turn between
 * them and the old index keeps answering during a rebuild.
 */
export async function selectFinderSourceTexts(db: Kysely<Database>): Promise<FinderSourceTexts> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const revision = await selectRegistryRevision(trx);
      const tables = {} as Record<FinderSourceTableName, string | null>;
      for (const name of finderSourceTableNames) {
        const { columns, from } = sourceTables[name];
        const values = sql.raw(columns.map(([, expression]) => expression).join(', '));
        const result = await sql<{
          rows: string | null;
        }>`SELECT json_agg(json_build_array(${values}))::text AS rows ${from}`.execute(trx);
        tables[name] = result.rows[0]?.rows ?? null;
      }
      return { revision, tables };
    });
}

/** One table's text as row objects (the row types above name the properties). */
export function parseFinderSourceTable(name: FinderSourceTableName, text: string | null): Record<string, unknown>[] {
  if (text === null || text === '') return [];
  const keys = sourceTables[name].columns.map(([key]) => key);
  const arrays = JSON.parse(text) as unknown[][];
  const rows = new Array<Record<string, unknown>>(arrays.length);
  for (let index = 0; index < arrays.length; index++) {
    const values = arrays[index]!;
    const row: Record<string, unknown> = {};
    for (let column = 0; column < keys.length; column++) row[keys[column]!] = values[column];
    rows[index] = row;
  }
  return rows;
}

/** Reads every active service and what the finder shows about it, as rows (selectFinderSourceTexts, parsed). */
export async function selectFinderSourceRows(db: Kysely<Database>): Promise<FinderSourceRows> {
  return parseFinderSourceTexts(await selectFinderSourceTexts(db));
}

/** The rows the texts hold. */
export function parseFinderSourceTexts(texts: FinderSourceTexts): FinderSourceRows {
  const rows = { revision: texts.revision } as Record<string, unknown>;
  for (const name of finderSourceTableNames) rows[name] = parseFinderSourceTable(name, texts.tables[name]);
  return rows as FinderSourceRows;
}

// ---- the snapshot (finder_snapshot, the finder's own table) ------------------------------------------------------

/** The snapshot of the registry's current revision in this format, if one was written. */
export async function selectCurrentFinderSnapshot(
  db: Kysely<Database>,
  sourceFormat: string,
): Promise<{ revision: number; content: Buffer } | undefined> {
  const row = await db
    .selectFrom('finder_snapshot')
    .innerJoin('registry_revision', 'registry_revision.revision', 'finder_snapshot.revision')
    .select(['finder_snapshot.revision', 'finder_snapshot.content'])
    .where('registry_revision.id', '=', 1)
    .where('finder_snapshot.source_format', '=', sourceFormat)
    .executeTakeFirst();
  return row ? { revision: Number(row.revision), content: row.content } : undefined;
}

/** Whether a snapshot of this revision in this format is there already (so nobody compresses it twice). */
export async function finderSnapshotExists(
  db: Kysely<Database>,
  revision: number,
  sourceFormat: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('finder_snapshot')
    .select('revision')
    .where('revision', '=', revision)
    .where('source_format', '=', sourceFormat)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Keeps the snapshot of `revision` (unless another process was quicker) and deletes the older ones, and this
 * revision's snapshots in other formats. Later revisions stay: a process still on an older revision must not
 * delete what a quicker one wrote.
 */
export async function insertFinderSnapshot(
  db: Kysely<Database>,
  snapshot: { revision: number; sourceFormat: string; content: Buffer },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('finder_snapshot')
      .values({ revision: snapshot.revision, source_format: snapshot.sourceFormat, content: snapshot.content })
      .onConflict((conflict) => conflict.columns(['revision', 'source_format']).doNothing())
      .execute();
    await trx
      .deleteFrom('finder_snapshot')
      .where((eb) =>
        eb.or([
          eb('revision', '<', snapshot.revision),
          eb.and([eb('revision', '=', snapshot.revision), eb('source_format', '!=', snapshot.sourceFormat)]),
        ]),
      )
      .execute();
  });
}
