import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { keepFinderAnswer, readKeptFinderAnswer } from './finder-answer-cache.js';
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

const bytes = (size: number, fill: number) => new Uint8Array(size).fill(fill);

test('an answer is kept for the rest of its minute, and gone when the minute turns', () => {
  const answer = bytes(8, 1);
  assert.equal(readKeptFinderAnswer(index, '2:600', 'lv?needs=shelter'), undefined);
  keepFinderAnswer(index, '2:600', 'lv?needs=shelter', answer, 1024);
  assert.equal(readKeptFinderAnswer(index, '2:600', 'lv?needs=shelter'), answer);
  assert.equal(
    readKeptFinderAnswer(index, '2:600', 'ru?needs=shelter'),
    undefined,
    'another language is another answer',
  );
  assert.equal(readKeptFinderAnswer(index, '2:601', 'lv?needs=shelter'), undefined);
  keepFinderAnswer(index, '2:601', 'lv?needs=documents', bytes(8, 2), 1024);
  assert.equal(readKeptFinderAnswer(index, '2:600', 'lv?needs=shelter'), undefined, 'the last minute is dropped');
});

test('kept answers stay within their memory bound, oldest dropped first; a bound of 0 keeps nothing', () => {
  keepFinderAnswer(index, '3:100', 'a', bytes(6, 1), 12);
  keepFinderAnswer(index, '3:100', 'b', bytes(6, 2), 12);
  keepFinderAnswer(index, '3:100', 'c', bytes(6, 3), 12); // 18 bytes would not fit: 'a' goes
  assert.equal(readKeptFinderAnswer(index, '3:100', 'a'), undefined);
  assert.equal(readKeptFinderAnswer(index, '3:100', 'b')?.[0], 2);
  assert.equal(readKeptFinderAnswer(index, '3:100', 'c')?.[0], 3);
  keepFinderAnswer(index, '3:100', 'huge', bytes(13, 4), 12);
  assert.equal(readKeptFinderAnswer(index, '3:100', 'huge'), undefined, 'an answer over the bound is not kept');
  assert.equal(readKeptFinderAnswer(index, '3:100', 'b')?.[0], 2, 'and drops nothing');

  keepFinderAnswer(index, '4:100', 'x', bytes(6, 5), 0);
  assert.equal(readKeptFinderAnswer(index, '4:100', 'x'), undefined);
});

test('the API gives the same answer kept or freshly searched, and keeps languages and queries apart', async () => {
  const answer = async (app: typeof context.app, path: string): Promise<FinderResponse> =>
    finderResponseSchema.parse(await (await app.request(path)).json());
  const path = `/api/v1/finder/services?needs=shelter&territory=${testTerritories.rezekne}&residence=${testTerritories.riga}`;
  const fresh = await createTestApp({ FINDER_ANSWER_CACHE_MB: '0' });
  try {
    await insertFinderTestServices(fresh.db, finderTestRegistry);
    const uncached = await answer(fresh.app, `${path}&lang=en`);
    const kept = await answer(context.app, `${path}&lang=en`);
    const keptAgain = await answer(context.app, `${path}&lang=en`);
    // Ids differ between the two databases; everything a reader sees is the same.
    const withoutIds = (found: FinderResponse) =>
      [...found.eligible, ...found.not_eligible].map(
        ({ id: _id, organization: { id: _organization, ...organization }, ...service }) => ({
          ...service,
          organization,
        }),
      );
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

  // The same address, the language from the remembered cookie: another answer.
  const latvian = finderResponseSchema.parse(await (await context.app.request(path)).json());
  const remembered = finderResponseSchema.parse(
    await (await context.app.request(path, { headers: { cookie: 'lang=ru' } })).json(),
  );
  assert.equal(latvian.query.lang, 'lv');
  assert.equal(remembered.query.lang, 'ru');
  assert.notEqual(remembered.eligible[0]?.help_types[0]?.label, latvian.eligible[0]?.help_types[0]?.label);

  // Refused questions are never kept: asked twice, refused twice.
  for (let attempt = 0; attempt < 2; attempt++) {
    assert.equal((await context.app.request('/api/v1/finder/services?needs=no-such-need')).status, 400);
  }
});
