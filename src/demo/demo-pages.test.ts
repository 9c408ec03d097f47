import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createAccountForTest, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import type { Database } from '../db/database.js';
import type { AppEnvironment } from '../http/context.js';
import { createTestApp } from '../testing/test-database.js';
import { loadDemoData, removeDemoData } from './demo.service.js';

let app: Hono<AppEnvironment>;
let db: Kysely<Database>;
let close: () => Promise<void>;
let administrator: TestSession;
before(async () => {
  ({ app, db, close } = await createTestApp());
  await loadDemoData(db);
  administrator = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
});
after(() => close());

const badge = /class="badge demo" title="Demonstration data: the 2004 study, reconstructed/;

test('staff see the 2004 wave named and badged as demonstration data; its public report works', async () => {
  for (const path of ['/staff/waves?lang=en', '/staff/waves/lv-2004?lang=en', '/staff/analysis?lang=en']) {
    const page = await getAs(app, path, administrator);
    assert.equal(page.status, 200, path);
    const html = await page.text();
    assert.match(html, /Demo: 2004 — Personu, kas atbrīvojas/, path);
    assert.match(html, badge, path);
  }
  const report = await app.request('/reports/lv-2004?lang=en');
  assert.equal(report.status, 200);
  assert.match(await report.text(), /Demo: 2004/);
});

test('after `demo remove` the wave and its public report are gone', async () => {
  await removeDemoData(db);
  assert.doesNotMatch(await (await getAs(app, '/staff/waves?lang=en', administrator)).text(), /lv-2004/);
  assert.equal((await app.request('/reports/lv-2004')).status, 404);
});
