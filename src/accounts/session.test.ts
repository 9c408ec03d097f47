import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../testing/test-database.js';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  testPassword,
} from './testing.js';
import { sessionIdForToken } from './session.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
});
after(async () => {
  await context.close();
});

test('every page gives an anonymous visitor a CSRF cookie, HttpOnly and SameSite=Lax', async () => {
  const response = await context.app.request('/');
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /atlas_csrf=[0-9a-f]{48}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/);
});

test('a form post without a token, or with a wrong one, is refused with 403; the right token passes', async () => {
  const visitor = await anonymousVisitorForTest(context.db);
  const missing = await formPost(
    context.app,
    '/no-such-form?lang=en',
    { name: 'x' },
    { cookie: visitor.cookie, csrfToken: '' },
    {},
  );
  assert.equal(missing.status, 403);
  assert.match(await missing.text(), /form has expired|out of date|reload/i);
  const bare = await formPost(context.app, '/no-such-form', { name: 'x' });
  assert.equal(bare.status, 403);
  const wrong = await formPost(context.app, '/no-such-form', { name: 'x', _csrf: 'A'.repeat(43) }, visitor);
  assert.equal(wrong.status, 403);
  const other = await anonymousVisitorForTest(context.db);
  const swapped = await formPost(context.app, '/no-such-form', { name: 'x', _csrf: other.csrfToken }, visitor);
  assert.equal(swapped.status, 403, "another visitor's token does not fit this cookie");
  const right = await formPost(context.app, '/no-such-form', { name: 'x' }, visitor);
  assert.equal(right.status, 404, 'past the CSRF check, the unknown path is a 404');
  const header = await context.app.request('/no-such-form', {
    method: 'DELETE',
    headers: { cookie: visitor.cookie, 'x-csrf-token': visitor.csrfToken },
  });
  assert.equal(header.status, 404);
  const headerWrong = await context.app.request('/no-such-form', {
    method: 'DELETE',
    headers: { cookie: visitor.cookie, 'x-csrf-token': other.csrfToken },
  });
  assert.equal(headerWrong.status, 403);
});

test("an anonymous visitor's token stops working for a signed-in session", async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, account);
  const visitor = await anonymousVisitorForTest(context.db);
  const response = await formPost(
    context.app,
    '/no-such-form',
    { _csrf: visitor.csrfToken },
    { cookie: session.cookie, csrfToken: visitor.csrfToken },
  );
  assert.equal(response.status, 403);
});

test('anonymous visitors are sent to sign in from staff pages; API clients get 401', async () => {
  const page = await context.app.request('/staff/accounts?x=1');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), `/login?next=${encodeURIComponent('/staff/accounts?x=1')}`);
  const home = await context.app.request('/staff');
  assert.equal(home.status, 303);
  const json = await context.app.request('/staff/accounts', { headers: { accept: 'application/json' } });
  assert.equal(json.status, 401);
  const visitor = await anonymousVisitorForTest(context.db);
  const post = await formPost(context.app, '/staff/accounts/invite', { email: 'x@example.lv' }, visitor);
  assert.equal(post.status, 401);
});

test('a session ends after its idle limit and after its absolute lifetime', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const idle = await signInForTest(context.app, context.db, account);
  const lifetime = await signInForTest(context.app, context.db, account);
  const tokenOf = (session: { cookie: string }) => /atlas_session=([^;]+)/.exec(session.cookie)?.[1] ?? '';
  const fresh = await getAs(context.app, '/staff', idle);
  assert.notEqual(fresh.status, 303, 'a fresh session is let in');
  await sql`UPDATE session SET last_seen_at = now() - interval '9 hours' WHERE id = ${sessionIdForToken(tokenOf(idle))}`.execute(
    context.db,
  );
  await sql`UPDATE session SET expires_at = now() - interval '1 second' WHERE id = ${sessionIdForToken(tokenOf(lifetime))}`.execute(
    context.db,
  );
  for (const session of [idle, lifetime]) {
    const response = await getAs(context.app, '/staff', session);
    assert.equal(response.status, 303);
    assert.match(response.headers.get('set-cookie') ?? '', /atlas_session=;/);
  }
});

test('the idle limit and the lifetime are configurable, and a shortened lifetime ends sessions already open', async () => {
  const configured = await createTestApp({
    SESSION_IDLE_MINUTES: '30',
    SESSION_LIFETIME_HOURS: '2',
    TRUSTED_PROXIES: '127.0.0.1',
  });
  try {
    assert.equal(context.config.sessionIdleSeconds, 8 * 60 * 60, 'the default idle limit is 8 hours');
    assert.equal(context.config.sessionLifetimeSeconds, 12 * 60 * 60, 'the default lifetime is 12 hours');
    const account = await createAccountForTest(configured.db, { role: 'analyst' });
    const signedIn = await formPost(
      configured.app,
      '/login',
      { email: account.email, password: testPassword },
      await anonymousVisitorForTest(configured.db),
    );
    assert.equal(signedIn.status, 303);
    assert.match(
      signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session=')) ?? '',
      /Max-Age=7200/,
    );
    const idle = await signInForTest(configured.app, configured.db, account);
    const old = await signInForTest(configured.app, configured.db, account);
    const tokenOf = (session: { cookie: string }) => /atlas_session=([^;]+)/.exec(session.cookie)?.[1] ?? '';
    for (const session of [idle, old]) assert.equal((await getAs(configured.app, '/staff', session)).status, 200);
    await sql`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE id = ${sessionIdForToken(tokenOf(idle))}`.execute(
      configured.db,
    );
    // Started under a longer lifetime (its expires_at is 12 hours on), but now older than the configured 2 hours.
    await sql`UPDATE session SET created_at = now() - interval '121 minutes' WHERE id = ${sessionIdForToken(tokenOf(old))}`.execute(
      configured.db,
    );
    for (const session of [idle, old]) assert.equal((await getAs(configured.app, '/staff', session)).status, 303);
  } finally {
    await configured.close();
  }
});

test('a deactivated account loses its sessions at once', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, account);
  await context.db.updateTable('account').set({ is_active: false }).where('id', '=', account.id).execute();
  const response = await getAs(context.app, '/staff', session);
  assert.equal(response.status, 303);
});
