import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { keptFinderAnswer } from './finder-answer-cache.js';
import { finderTestRegistry, insertFinderTestServices, testTerritories } from './finder.fixtures.js';
import { finderResponseSchema, type FinderResponse } from './finder.schema.js';
import { loadFinderIndex, type FinderIndex } from './finder.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let index: FinderIndex;
before(async () => {
  context = await createTestApp();
  await insertFinderTestServices(context.db, finderTestRegistry);
  index = await loadFinderIndex(context.db);
});
after(async () => {
  await context.close();
});

/** A renderer that counts its calls and answers `size` bytes of its call number. */
function countingRenderer(size: number) {
  const renderer = { calls: 0, render: () => new Uint8Array(size).fill(++renderer.calls) };
  return renderer;
}

test('an answer is kept for the rest of its minute, and rendered again when the minute turns', () => {
  const renderer = countingRenderer(8);
  const first = keptFinderAnswer(index, '2:600', 'shelter in Rēzekne', 1024, renderer.render);
  const again = keptFinderAnswer(index, '2:600', 'shelter in Rēzekne', 1024, renderer.render);
  assert.equal(renderer.calls, 1);
  assert.equal(again, first);
  const nextMinute = keptFinderAnswer(index, '2:601', 'shelter in Rēzekne', 1024, renderer.render);
  assert.equal(renderer.calls, 2);
  assert.notEqual(nextMinute, first);
});

test('kept answers stay within their memory bound, oldest dropped first; a bound of 0 keeps nothing', () => {
  const renderer = countingRenderer(6);
  keptFinderAnswer(index, '3:100', 'a', 12, renderer.render);
  keptFinderAnswer(index, '3:100', 'b', 12, renderer.render);
  keptFinderAnswer(index, '3:100', 'c', 12, renderer.render); // 18 bytes would not fit: 'a' goes
  assert.equal(renderer.calls, 3);
  keptFinderAnswer(index, '3:100', 'c', 12, renderer.render);
  keptFinderAnswer(index, '3:100', 'b', 12, renderer.render);
  assert.equal(renderer.calls, 3, 'b and c are still kept');
  keptFinderAnswer(index, '3:100', 'a', 12, renderer.render);
  assert.equal(renderer.calls, 4, 'a was dropped');

  const uncached = countingRenderer(6);
  keptFinderAnswer(index, '3:100', 'x', 0, uncached.render);
  keptFinderAnswer(index, '3:100', 'x', 0, uncached.render);
  assert.equal(uncached.calls, 2);
});

test('the API gives the same answer kept or freshly searched, and keeps languages and queries apart', async () => {
  const answer = async (app: typeof context.app, path: string): Promise<FinderResponse> => finderResponseSchema.parse(await (await app.request(path)).json());
  const path = `/api/v1/finder/services?needs=shelter&territory=${testTerritories.rezekne}&residence=${testTerritories.riga}`;
  const fresh = await createTestApp({ FINDER_ANSWER_CACHE_MB: '0' });
  try {
    await insertFinderTestServices(fresh.db, finderTestRegistry);
    const uncached = await answer(fresh.app, `${path}&lang=en`);
    const kept = await answer(context.app, `${path}&lang=en`);
    const keptAgain = await answer(context.app, `${path}&lang=en`);
    // Ids differ between the two databases; everything a reader sees is the same.
    const withoutIds = (found: FinderResponse) =>
      [...found.eligible, ...found.not_eligible].map(({ id: _id, organization: { id: _organization, ...organization }, ...service }) => ({ ...service, organization }));
    assert.deepEqual(withoutIds(keptAgain), withoutIds(kept));
    assert.deepEqual(withoutIds(kept), withoutIds(uncached));
  } finally {
    await fresh.close();
  }
  const russian = await answer(context.app, `${path}&lang=ru`);
  const english = await answer(context.app, `${path}&lang=en`);
  assert.equal(russian.query.lang, 'ru');
  assert.equal(english.query.lang, 'en');
  const otherNeed = await answer(context.app, path.replace('needs=shelter', 'needs=documents'));
  assert.deepEqual(otherNeed.query.needs, ['documents']);
});
