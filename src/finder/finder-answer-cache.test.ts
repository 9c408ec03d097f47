import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { logger } from '../core/logger.js';
import { serveApp } from '../http/server.js';
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

test('over HTTP, a repeated question is answered before the app with the same bytes and headers', async () => {
  const { server, url } = await serveApp(context.app, { port: 0, hostname: '127.0.0.1' });
  try {
    const path = `/api/v1/finder/services?needs=documents&territory=${testTerritories.rezekne}&lang=ru`;
    // Plain node:http: fetch would add Accept-Encoding of its own and unzip what it gets.
    const ask = (address: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: [string, string][]; body: Buffer }>((resolve, reject) => {
        httpGet(`${url}${address}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: Object.entries(response.headers)
                .filter(([name]) => name !== 'date' && name !== 'keep-alive' && name !== 'connection')
                .map(([name, value]) => [name, String(value)]),
              body: Buffer.concat(chunks),
            }),
          );
        }).on('error', reject);
      });
    const first = await ask(path);
    const logged: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    logger.setLevel('info');
    process.stdout.write = ((chunk: string) => (logged.push(String(chunk)), true)) as typeof process.stdout.write;
    let again: Awaited<ReturnType<typeof ask>>;
    try {
      again = await ask(path);
    } finally {
      process.stdout.write = write;
      logger.setLevel('warn');
    }
    assert.equal(first.status, 200);
    assert.deepEqual(again.headers, first.headers, 'the same headers, security headers included');
    assert.ok(again.body.equals(first.body), 'the same bytes');
    assert.ok(
      first.headers.some(([name, value]) => name === 'access-control-allow-origin' && value === '*'),
      'the API’s own headers',
    );
    assert.ok(first.headers.some(([name]) => name === 'content-security-policy'));
    // Answered before the app, yet logged as the app logs a request.
    const lines = logged.filter((line) => line.includes('"message":"request"'));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /"route":"\/api\/v1\/finder\/services","status":200/);
    // Another address or a cookie: the app answers, and the answers stay what the app gives.
    assert.equal((await ask(`/api/v1/finder/services/?needs=documents&lang=ru`)).status, 404);
    const byCookie = await ask(path.replace('&lang=ru', ''), { cookie: 'lang=ru' });
    assert.ok(byCookie.body.equals(first.body), 'the cookie’s language, as the app chooses it');
    const latvian = await ask(path.replace('&lang=ru', ''));
    assert.ok(!latvian.body.equals(first.body), 'without a language: Latvian');
    assert.ok((await ask(path.replace('&lang=ru', ''))).body.equals(latvian.body));
    const compressed = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(compressed.headers.get('content-encoding'), 'gzip');
    assert.ok(Buffer.from(await compressed.arrayBuffer()).equals(first.body), 'fetch unzips it: the same answer');
    // Kept and asked with gzip, it is answered before the app from the kept answer's gzip: the same content.
    const rawGzip = await ask(path, { 'accept-encoding': 'gzip, deflate, br' });
    const headerOf = (name: string) => rawGzip.headers.find(([key]) => key === name)?.[1];
    assert.equal(headerOf('content-encoding'), 'gzip');
    assert.equal(headerOf('vary'), 'Accept-Encoding');
    assert.ok(headerOf('content-security-policy'), 'the security headers too');
    assert.ok(rawGzip.body.length < first.body.length, 'compressed');
    // The app's compression streams its answer; the kept gzip is sent whole, with its length.
    assert.equal(Number(headerOf('content-length')), rawGzip.body.length, 'answered before the app');
    assert.ok(gunzipSync(rawGzip.body).equals(first.body), 'unzipped: the same bytes');
    // A question not kept yet goes through the app, which streams its gzip; asked again, it comes whole.
    const otherPath = path.replace('needs=documents', 'needs=employment');
    const lengthOf = (answer: Awaited<ReturnType<typeof ask>>) =>
      answer.headers.find(([key]) => key === 'content-length')?.[1];
    const throughApp = await ask(otherPath, { 'accept-encoding': 'gzip' });
    const keptGzip = await ask(otherPath, { 'accept-encoding': 'gzip' });
    assert.equal(throughApp.status, 200);
    assert.equal(lengthOf(throughApp), undefined, 'the app streams');
    assert.equal(Number(lengthOf(keptGzip)), keptGzip.body.length, 'the kept gzip, before the app');
    assert.ok(gunzipSync(keptGzip.body).equals(gunzipSync(throughApp.body)));
    assert.equal((await ask('/api/v1/finder/services?needs=no-such-need')).status, 400);
    assert.equal((await ask('/api/v1/finder/services?needs=no-such-need')).status, 400);
    assert.equal((await ask(path.replace('&lang=ru', '&lang=xx'))).status, 400);
  } finally {
    server.close();
  }
});
