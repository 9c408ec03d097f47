import { sql, type Kysely } from 'kysely';
import { loadHelpTypeReferenceData } from '../registry/help-types.js';
import { loadHsdsProfileReferenceData } from '../registry/hsds-profile.js';
import { loadSurveyReferenceData } from '../surveys/survey-reference.service.js';
import { loadTerritoryReferenceData } from '../territories/territory.service.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';

/**
 * Reference data every installation needs, in dependency order; each loader does nothing when its data is
 * already there, so this runs safely at every start and before every CLI command.
 */
const referenceDataLoaders: Array<(db: Kysely<Database>) => Promise<unknown>> = [
  loadTerritoryReferenceData,
  loadHelpTypeReferenceData,
  loadHsdsProfileReferenceData,
  loadSurveyReferenceData,
];

/** Migrates the schema and loads missing reference data: what the app and every CLI command do first. */
export async function prepareDatabase(db: Kysely<Database>): Promise<void> {
  // Several app processes (and the CLI) may start at once on one database: one prepares it while the others wait
  // on this lock, then find everything in place. A session lock on one connection: the steps commit on their own.
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(hashtext('atlas:prepare-database'))`.execute(connection);
    try {
      await migrateToLatest(connection);
      for (const load of referenceDataLoaders) await load(connection);
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext('atlas:prepare-database'))`.execute(connection);
    }
  });
}
