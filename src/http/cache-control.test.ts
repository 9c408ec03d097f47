import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp } from '../testing/test-database.js';
import { isPrivatePath } from './cache-control.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let administrator: TestSession;
before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  administrator = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'administrator' }),
  );
});
after(async () => {
  await context.close();
});

test('staff pages, staff exports, sign-in and the network API answer Cache-Control: no-store', async () => {
  for (const path of [
    '/staff',
    '/staff/institutions',
    '/staff/analysis/lv-2004/export.csv',
    '/staff/analysis/lv-2004/export.sps',
    '/staff/no-such-page',
  ]) {
    const response = await getAs(context.app, path, administrator);
    assert.ok(response.status < 500, `${path}: ${response.status}`);
    assert.equal(response.headers.get('cache-control'), 'no-store', path);
  }
  const anonymous = await context.app.request('/staff/institutions');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('cache-control'), 'no-store', 'the redirect to sign in too');
  assert.equal((await context.app.request('/login')).headers.get('cache-control'), 'no-store');
  const api = await context.app.request('/api/v1/referrals');
  assert.equal(api.status, 401);
  assert.equal(api.headers.get('cache-control'), 'no-store');
});

test('the public finder API and public pages are not marked no-store', async () => {
  const finder = await context.app.request('/api/v1/finder/services?needs=housing');
  assert.notEqual(finder.headers.get('cache-control'), 'no-store');
  assert.notEqual((await context.app.request('/')).headers.get('cache-control'), 'no-store');
  assert.equal(isPrivatePath('/api/v1/finder/services'), false);
  assert.equal(isPrivatePath('/api/v1/people'), true);
  assert.equal(isPrivatePath('/staffing'), false);
});
