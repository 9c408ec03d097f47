import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { openTestDatabase } from '../testing/test-database.js';
import { finderSnapshotKept, getFinderIndex, loadFinderIndex } from './finder-index-cache.js';
import {
  bumpRegistryRevision,
  finderTestRegistry,
  insertFinderTestServices,
  testTerritories,
} from './finder.fixtures.js';
import { finderSourceFormat, selectFinderSourceRows, selectRegistryRevision } from './finder.repository.js';
import { findServices, type FinderIndex, type FinderQuery } from './finder.service.js';
import { keepFinderSnapshot } from './finder-snapshot.js';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
  await insertFinderTestServices(database.db, finderTestRegistry);
});
after(async () => {
  await database.close();
});

const snapshots = () =>
  database.db.selectFrom('finder_snapshot').select(['revision', 'source_format']).orderBy('revision').execute();

// Every need alone and in pairs, in every test territory, with and without a residence and a word.
const queries: FinderQuery[] = helpTypeCodes.flatMap((need, needIndex) =>
  Object.values(testTerritories).flatMap((territoryCode, territoryIndex) => [
    { needs: [need], territoryCode, limit: 50, offset: 0 },
    {
      needs: [need, helpTypeCodes[(needIndex + 1) % helpTypeCodes.length]!],
      territoryCode,
      residenceCode: Object.values(testTerritories)[(territoryIndex + 3) % 8],
      limit: 50,
      offset: 0,
    },
    { needs: [], territoryCode, keywords: territoryIndex % 2 ? 'patversme' : 'palīdzība', limit: 50, offset: 0 },
  ]),
);
const answers = (index: FinderIndex) =>
  queries.map((query) => {
    const result = findServices(index, query);
    return {
      eligible: result.eligible.map((hit) => [hit.service.id, hit.listing.territoryCode, hit.distanceKilometres]),
      notEligible: result.notEligible.map((hit) => [hit.service.id, hit.reasons]),
      totals: [result.totalEligible, result.totalNotEligible],
    };
  });

test('the registry read as JSON texts gives the rows a plain query gives', async () => {
  const rows = await selectFinderSourceRows(database.db);
  const expected = await database.db
    .selectFrom('service')
    .leftJoin('organization', 'organization.id', 'service.organization_id')
    .select([
      'service.id',
      'service.name',
      'service.description',
      'organization.name as organization_name',
      'organization.last_verified_on as organization_last_verified_on',
      'service.eligible_sex',
      'service.minimum_age',
      'service.maximum_age',
      'service.capacity_beds',
      'service.is_statewide',
      'service.last_verified_on',
    ])
    .where('service.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('organization.institution_type', 'is', null), eb('organization.institution_type', '!=', 'prison')]),
    )
    .orderBy('service.id')
    .execute();
  assert.ok(expected.length > 5);
  const byId = new Map(rows.services.map((service) => [service.id, service]));
  assert.equal(rows.services.length, expected.length);
  for (const service of expected) {
    const read = byId.get(service.id);
    assert.ok(read, service.name);
    for (const [key, value] of Object.entries(service)) assert.deepEqual(read[key as keyof typeof read], value, key);
  }
  const locations = await database.db
    .selectFrom('service_at_location')
    .innerJoin('location', 'location.id', 'service_at_location.location_id')
    .select(['service_at_location.id', 'service_at_location.service_id', 'location.territory_code'])
    .orderBy('service_at_location.id')
    .execute();
  assert.deepEqual(
    rows.serviceLocations
      .map(({ id, service_id, territory_code }) => ({ id, service_id, territory_code }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    locations,
  );
  const schedules = await database.db.selectFrom('schedule').select(['service_id', 'byday', 'opens_at']).execute();
  const key = (row: { service_id: string | null; byday: string | null; opens_at: string | null }) =>
    `${row.service_id} ${row.byday} ${row.opens_at}`;
  assert.deepEqual(rows.schedules.map(key).sort(), schedules.map(key).sort());
  assert.equal(rows.revision, await selectRegistryRevision(database.db));
});

test('a build from the tables keeps a snapshot of its revision; the next build starts from it and answers alike', async () => {
  const fromTables = await getFinderIndex(database.db);
  await finderSnapshotKept(database.db);
  const revision = await selectRegistryRevision(database.db);
  assert.deepEqual(await snapshots(), [{ revision, source_format: finderSourceFormat }]);

  // What a restarted process does: a build that looks for the snapshot first.
  const restarted = await loadFinderIndex(database.db);
  assert.equal(restarted.from, 'snapshot');
  assert.equal(restarted.index.revision, revision);
  assert.equal(restarted.index.services.length, fromTables.services.length);
  const expected = answers(fromTables);
  assert.ok(expected.some((answer) => answer.eligible.length > 0));
  assert.ok(expected.some((answer) => answer.notEligible.length > 0));
  assert.deepEqual(answers(restarted.index), expected);
  // Kept once: a second build from the tables of the same revision finds it there.
  const again = await loadFinderIndex(database.db, { useSnapshot: false });
  assert.equal(await keepFinderSnapshot(database.db, again.texts!), false);
});

test('a snapshot of an older revision is ignored, and replaced by one of the new revision', async () => {
  const before = await selectRegistryRevision(database.db);
  await database.db
    .updateTable('finder_snapshot')
    .set({ created_at: new Date(0) })
    .execute();
  await bumpRegistryRevision(database.db);
  const after = await loadFinderIndex(database.db);
  assert.equal(after.from, 'tables');
  assert.equal(after.index.revision, before + 1);
  assert.deepEqual(await snapshots(), [{ revision: before, source_format: finderSourceFormat }]);
  // Two processes that read the same revision race to keep it: one row, no error.
  const other = await loadFinderIndex(database.db, { useSnapshot: false });
  const kept = await Promise.all([
    keepFinderSnapshot(database.db, after.texts!),
    keepFinderSnapshot(database.db, other.texts!),
  ]);
  assert.ok(kept.includes(true));
  assert.deepEqual(await snapshots(), [{ revision: before + 1, source_format: finderSourceFormat }]);
  assert.equal((await loadFinderIndex(database.db)).from, 'snapshot');
});

test('a damaged snapshot, or one in another format, costs a read of the tables, never the finder', async () => {
  const expected = answers((await loadFinderIndex(database.db, { useSnapshot: false })).index);
  await database.db
    .updateTable('finder_snapshot')
    .set({ content: Buffer.from('not a snapshot') })
    .execute();
  const damaged = await loadFinderIndex(database.db);
  assert.equal(damaged.from, 'tables');
  assert.deepEqual(answers(damaged.index), expected);

  await database.db.updateTable('finder_snapshot').set({ source_format: 'an older shape' }).execute();
  const otherFormat = await loadFinderIndex(database.db);
  assert.equal(otherFormat.from, 'tables');
  // Keeping this revision's snapshot removes the one of the other shape.
  assert.equal(await keepFinderSnapshot(database.db, otherFormat.texts!), true);
  assert.deepEqual(
    (await snapshots()).map((row) => row.source_format),
    [finderSourceFormat],
  );
  assert.deepEqual(answers((await loadFinderIndex(database.db)).index), expected);
});
