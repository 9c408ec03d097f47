import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serveApp } from './server.js';
import { createTestApp } from '../testing/test-database.js';
import { languages } from '../core/language.js';
import { listMessageKeys } from '../core/i18n.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
});
after(async () => {
  await context.close();
});

test('GET /healthz answers 200 while the database is reachable', async () => {
  const response = await context.app.request('/healthz');
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok', database: 'reachable' });
});

test('the home page is Latvian by default and switches language with a remembered choice', async () => {
  const latvian = await context.app.request('/');
  assert.equal(latvian.status, 200);
  assert.match(await latvian.text(), /<html lang="lv"/);
  const russian = await context.app.request('/?lang=ru');
  assert.match(await russian.text(), /<html lang="ru"/);
  const cookie = russian.headers.get('set-cookie') ?? '';
  assert.match(cookie, /lang=ru/);
  const remembered = await context.app.request('/', { headers: { cookie: 'lang=ru' } });
  assert.match(await remembered.text(), /<html lang="ru"/);
});

test('an unknown page is a translated 404, as HTML for people and JSON for the API', async () => {
  const page = await context.app.request('/no-such-page?lang=en');
  assert.equal(page.status, 404);
  assert.match(await page.text(), /could not find/);
  const api = await context.app.request('/api/v1/no-such-thing');
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
});

test('every message exists in Latvian, Russian and English', () => {
  const latvianKeys = listMessageKeys('lv').sort();
  for (const language of languages) {
    assert.deepEqual(listMessageKeys(language).sort(), latvianKeys, `keys of ${language}`);
  }
});

test('over HTTP, pages, API answers, redirects and errors carry the security headers; gzip only for clients that ask', async () => {
  const { server, url } = await serveApp(context.app, { port: 0, hostname: '127.0.0.1' });
  try {
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { headers: { 'accept-encoding': 'identity', ...headers }, redirect: 'manual' });
    const answers = {
      page: await get('/'),
      api: await get('/api/v1/finder/services?needs=shelter&lang=ru'),
      badApi: await get('/api/v1/finder/services?needs=no-such-need'),
      missing: await get('/no-such-page'),
      redirect: await get('/hsds'),
    };
    for (const [name, response] of Object.entries(answers)) {
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, name);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', name);
      assert.equal(response.headers.get('content-encoding'), null, name);
    }
    // Pages carry the whole document set; JSON answers the API set, which lets them load nothing at all.
    assert.equal(answers.page.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(answers.api.headers.get('content-security-policy') ?? '', /^default-src 'none'/);
    assert.equal(answers.api.headers.get('x-frame-options'), null);
    assert.equal(answers.badApi.status, 400);
    assert.equal(answers.redirect.status, 301);
    assert.equal(answers.api.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(answers.api.headers.get('access-control-allow-origin'), '*');
    assert.equal(
      answers.badApi.headers.get('access-control-allow-origin'),
      '*',
      'other sites can read why their query was refused',
    );
    assert.equal(answers.page.headers.get('access-control-allow-origin'), null);
    assert.equal(answers.api.headers.get('set-cookie'), null, 'a machine API remembers no language');

    const zipped = await get('/', { 'accept-encoding': 'gzip' });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.match(zipped.headers.get('vary') ?? '', /accept-encoding/i);
    assert.match(zipped.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await zipped.text(), /<html lang="lv"/, 'fetch unzips what the server zipped');
  } finally {
    server.close();
  }
});
