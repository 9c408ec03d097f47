import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import {
  bumpRegistryRevision,
  finderTestRegistry,
  insertFinderTestServices,
  testTerritories,
} from './finder.fixtures.js';
import { finderResponseSchema } from './finder.schema.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let serviceIds: string[];
before(async () => {
  context = await createTestApp();
  serviceIds = await insertFinderTestServices(context.db, finderTestRegistry);
});
after(async () => {
  await context.close();
});

async function shelterNames(): Promise<string[]> {
  const response = await context.app.request(
    `/api/v1/finder/services?needs=shelter&territory=${testTerritories.rezekne}&limit=100`,
  );
  assert.equal(response.status, 200);
  return finderResponseSchema.parse(await response.json()).eligible.map((service) => service.name);
}

/** Asks until the answer satisfies `done` (the index rebuilds in the background), at most a few seconds. */
async function eventually(done: (names: string[]) => boolean): Promise<string[]> {
  let names = await shelterNames();
  for (let attempt = 0; attempt < 50 && !done(names); attempt++) {
    await sleep(100);
    names = await shelterNames();
  }
  return names;
}

test('the index follows registry changes once registry_revision moves, and only then', async () => {
  const nightShelterId =
    serviceIds[finderTestRegistry.findIndex((service) => service.name === 'Rēzeknes pilsētas naktsmājas')]!;
  assert.ok((await shelterNames()).includes('Rēzeknes pilsētas naktsmājas'));

  // A change that does not bump the counter stays invisible: the index is rebuilt only on a new revision.
  await context.db
    .updateTable('service')
    .set({ name: 'Rēzeknes pilsētas naktsmājas Nr. 2' })
    .where('id', '=', nightShelterId)
    .execute();
  await sleep(1200);
  await shelterNames();
  await sleep(300);
  assert.ok((await shelterNames()).includes('Rēzeknes pilsētas naktsmājas'));

  await bumpRegistryRevision(context.db);
  const renamed = await eventually((names) => names.includes('Rēzeknes pilsētas naktsmājas Nr. 2'));
  assert.ok(renamed.includes('Rēzeknes pilsētas naktsmājas Nr. 2'), renamed.join(', '));
  assert.ok(!renamed.includes('Rēzeknes pilsētas naktsmājas'));

  // A new service and a closed one, in one registry write.
  await insertFinderTestServices(context.db, [
    { name: 'Jaunā Rēzeknes patversme', helpTypes: ['shelter'], territoryCodes: [testTerritories.rezekne] },
  ]);
  await context.db.updateTable('service').set({ status: 'inactive' }).where('id', '=', nightShelterId).execute();
  await bumpRegistryRevision(context.db);
  const changed = await eventually(
    (names) => names.includes('Jaunā Rēzeknes patversme') && !names.includes('Rēzeknes pilsētas naktsmājas Nr. 2'),
  );
  assert.ok(changed.includes('Jaunā Rēzeknes patversme'));
  assert.ok(!changed.includes('Rēzeknes pilsētas naktsmājas Nr. 2'));
});
