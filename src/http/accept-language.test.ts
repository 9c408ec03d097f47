import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
});
after(() => context.close());

test('a first visit from a phone set to Russian gets Russian; a chosen language (cookie, ?lang=) still wins', async () => {
  const russianPhone = { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8' };
  const first = await context.app.request('/', { headers: russianPhone });
  assert.match(await first.text(), /<html lang="ru"/);
  assert.doesNotMatch(first.headers.get('set-cookie') ?? '', /\blang=/, 'the language is remembered only once chosen');
  const chosen = await context.app.request('/', { headers: { ...russianPhone, Cookie: 'lang=en' } });
  assert.match(await chosen.text(), /<html lang="en"/);
  const asked = await context.app.request('/?lang=lv', { headers: russianPhone });
  assert.match(await asked.text(), /<html lang="lv"/);
  const unknown = await context.app.request('/', { headers: { 'Accept-Language': 'de-DE' } });
  assert.match(await unknown.text(), /<html lang="lv"/);
  // The JSON API keeps its documented default: a program asks with ?lang=.
  const api = await context.app.request('/api/v1/finder/services?needs=shelter', { headers: russianPhone });
  assert.equal(((await api.json()) as { query: { lang: string } }).query.lang, 'lv');
});
