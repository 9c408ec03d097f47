// Paging /hsds/services page after page continues from the previous page's last (name, id) (hsds-page-memory.ts):
// the pages must be exactly those an OFFSET gives, whatever order they are asked in, and a registry change starts
// afresh. Names repeat on purpose, so the id decides between equals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertFinderTestServices, testTerritories } from '../finder/finder.fixtures.js';
import { createTestApp } from '../testing/test-database.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
  const names = ['Ābele', 'Bērzs', 'Ābele', 'Ozols', 'bērzs', 'Liepa', 'Ābele', 'Kļava', 'Osis', 'Priede', 'Egle'];
  await insertFinderTestServices(
    context.db,
    Array.from({ length: 23 }, (_, index) => ({
      name: names[index % names.length]!,
      helpTypes: ['shelter'],
      territoryCodes: [testTerritories.riga],
    })),
  );
});
after(async () => context.close());

type Page = { total_items: number; total_pages: number; contents: Array<{ id: string }> };
const page = async (number: number): Promise<Page> =>
  (await (await context.app.request(`/hsds/services?per_page=5&page=${number}`)).json()) as Page;

/** Every page, asked from the last to the first: no page before it was read, so each one is an OFFSET. */
async function pagesBackwards(): Promise<string[][]> {
  const { total_pages } = await page(1);
  const pages: string[][] = [];
  for (let number = total_pages; number >= 1; number--) pages.unshift((await page(number)).contents.map((s) => s.id));
  return pages;
}

test('pages read in order (each after the previous one) equal pages read backwards (by offset)', async () => {
  const expected = await pagesBackwards();
  const forwards: string[][] = [];
  for (let number = 1; number <= expected.length; number++)
    forwards.push((await page(number)).contents.map((s) => s.id));
  assert.deepEqual(forwards, expected);
  assert.equal(new Set(forwards.flat()).size, forwards.flat().length, 'no service twice');
  assert.equal(forwards.flat().length, (await page(1)).total_items);
});

test('after a registry change, paging in order shows the change', async () => {
  for (let number = 1; number <= 3; number++) await page(number);
  const before = (await page(1)).total_items;
  const [added] = await insertFinderTestServices(context.db, [
    { name: 'Ābele', helpTypes: ['shelter'], territoryCodes: [testTerritories.riga] },
  ]);
  const forwards: string[] = [];
  const { total_items, total_pages } = await page(1);
  assert.equal(total_items, before + 1);
  for (let number = 1; number <= total_pages; number++)
    forwards.push(...(await page(number)).contents.map((s) => s.id));
  assert.ok(forwards.includes(added!));
  assert.deepEqual(forwards, (await pagesBackwards()).flat());
});
