import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../http/app.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import {
  freeFailuresPerClient,
  freeFailuresPerEmail,
  maximumWaitPerClientSeconds,
  maximumWaitPerEmailSeconds,
  signInWaitSeconds,
} from './account.service.js';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  testPassword,
  type TestSession,
} from './testing.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  // In-process requests come from 127.0.0.1; trusting it as a proxy lets each test sign in from its own address.
  context = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1' });
});
after(async () => {
  await context.close();
});

let clientCounter = 0;
/** Each test signs in from its own address, so the per-address limit of one test does not leak into another. */
function newClient(): Record<string, string> {
  clientCounter += 1;
  return { 'x-forwarded-for': `203.0.113.${clientCounter}` };
}

async function signInThroughForm(
  email: string,
  password: string,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
  visitor?: TestSession,
) {
  return formPost(
    context.app,
    '/login?lang=en',
    { email, password, ...extra },
    visitor ?? (await anonymousVisitorForTest(context.db)),
    headers,
  );
}

function sessionFrom(response: Response, visitor: TestSession): string {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session='));
  assert.ok(setCookie, 'a session cookie is set');
  const csrf = /atlas_csrf=[^;]+/.exec(visitor.cookie)?.[0] ?? '';
  return `${setCookie.split(';')[0]}; ${csrf}`;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((row) => row.action);
}

async function csrfTokenOf(response: Response): Promise<string> {
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  assert.ok(token, 'the page carries a CSRF field');
  return token;
}

test('the sign-in page is a real form with a CSRF field, in every language', async () => {
  for (const [language, words] of [
    ['lv', 'Pieslēgties'],
    ['ru', 'Войти'],
    ['en', 'Sign in'],
  ] as const) {
    const response = await context.app.request(`/login?lang=${language}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<form method="post" action="\/login"/);
    assert.match(html, /name="_csrf" value="[\w-]{43}"/);
    assert.ok(html.includes(words), `${language}: ${words}`);
  }
});

test('signing in with the right password starts a session, sends the person on, and is audited', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst', email: 'Anna.Berzina@Example.lv' });
  const visitor = await anonymousVisitorForTest(context.db);
  const response = await signInThroughForm(
    '  anna.berzina@EXAMPLE.lv ',
    testPassword,
    newClient(),
    { next: '/staff/account/password' },
    visitor,
  );
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/staff/account/password');
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session=')) ?? '';
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.match(setCookie, /Path=\//);
  const staff = await getAs(context.app, '/staff?lang=en', { cookie: sessionFrom(response, visitor), csrfToken: '' });
  assert.equal(staff.status, 200);
  const html = await staff.text();
  assert.ok(html.includes(account.displayName));
  assert.match(html, /action="\/logout"/, 'a sign-out button');
  assert.ok(html.includes('>Staff</a>'), 'the navigation offers the staff home');
  assert.deepEqual(await auditActions(account.id), ['account.login']);
  const stored = await context.db
    .selectFrom('account')
    .select('last_login_at')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.ok(stored.last_login_at, 'last sign-in recorded');
});

test('only local paths are accepted as the page to return to', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const response = await signInThroughForm(account.email, testPassword, newClient(), { next });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/staff', next);
  }
});

test('a wrong password and an unknown e-mail get the same answer, and both are audited without the e-mail', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const wrong = await signInThroughForm(account.email, 'not the password at all', newClient());
  const unknown = await signInThroughForm('nobody-here@example.lv', testPassword, newClient());
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  const messageOf = (html: string) => /<div class="error-summary"[^>]*>\s*<h2>([^<]+)<\/h2>/.exec(html)?.[1];
  const [wrongMessage, unknownMessage] = [messageOf(await wrong.text()), messageOf(await unknown.text())];
  assert.ok(wrongMessage);
  assert.equal(wrongMessage, unknownMessage);
  assert.equal(
    wrong.headers.getSetCookie().some((cookie) => cookie.startsWith('atlas_session=')),
    false,
  );
  assert.deepEqual(await auditActions(account.id), ['account.login_failed']);
  const events = await context.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', 'account.login_failed')
    .execute();
  assert.ok(events.some((event) => event.entity_id === null && event.details.reason === 'unknown_email'));
  assert.ok(
    events.every((event) => !JSON.stringify(event.details).includes('@')),
    'no e-mail in the audit trail',
  );
  const attempts = await context.db.selectFrom('login_attempt').selectAll().execute();
  assert.ok(
    attempts.every((attempt) => /^[0-9a-f]{64}$/.test(attempt.email_key) && !attempt.client_key.includes('203.0.113')),
  );
});

/** Moves every recorded sign-in attempt this many seconds into the past, as if the time had passed. */
async function letTimePass(seconds: number): Promise<void> {
  await context.db
    .updateTable('login_attempt')
    .set({ attempted_at: sql<Date>`attempted_at - make_interval(secs => ${seconds})` })
    .execute();
}

test('failed sign-ins for one e-mail slow it down, doubling up to a short cap, and never lock the owner out', async () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 9, 50].map((failures) => signInWaitSeconds(failures, 3, 60)),
    [0, 0, 0, 1, 2, 4, 60, 60],
  );
  const account = await createAccountForTest(context.db, { role: 'administrator' });
  for (let attempt = 1; attempt <= freeFailuresPerEmail; attempt += 1) {
    const response = await signInThroughForm(account.email, `wrong password number ${attempt}`, newClient());
    assert.equal(response.status, 401, `attempt ${attempt}`);
  }
  const slowed = await signInThroughForm(account.email, testPassword, newClient());
  assert.equal(slowed.status, 429);
  assert.equal(slowed.headers.get('retry-after'), '1');
  assert.match(await slowed.text(), /Too many failed attempts. Please wait 1 second and try again\./);
  assert.equal(
    slowed.headers.getSetCookie().some((cookie) => cookie.startsWith('atlas_session=')),
    false,
  );
  const unknownSlowed = await signInThroughForm('someone-else@example.lv', 'whatever it may be', newClient());
  assert.equal(unknownSlowed.status, 401, 'other e-mails are not slowed down');
  assert.ok((await auditActions(account.id)).includes('account.login_rate_limited'));
  // An attacker keeps guessing, waiting out each delay: the wait doubles, then stays at the cap.
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await letTimePass(maximumWaitPerEmailSeconds);
    assert.equal((await signInThroughForm(account.email, `guess ${attempt}`, newClient())).status, 401);
  }
  const capped = await signInThroughForm(account.email, testPassword, newClient());
  assert.equal(capped.status, 429);
  assert.ok(Number(capped.headers.get('retry-after')) <= maximumWaitPerEmailSeconds);
  assert.ok(Number(capped.headers.get('retry-after')) > maximumWaitPerEmailSeconds - 5);
  // Attempts during the wait do not lengthen it: the administrator gets in once the cap has passed.
  for (let attempt = 1; attempt <= 5; attempt += 1)
    assert.equal((await signInThroughForm(account.email, 'still guessing', newClient())).status, 429);
  await letTimePass(maximumWaitPerEmailSeconds);
  assert.equal((await signInThroughForm(account.email, testPassword, newClient())).status, 303);
});

test(`after ${freeFailuresPerClient} failures from one address, that address is slowed down for any e-mail`, async () => {
  const client = newClient();
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  for (let attempt = 1; attempt <= freeFailuresPerClient; attempt += 1) {
    const response = await signInThroughForm(`guess-${attempt}@example.lv`, 'some guessed password', client);
    assert.equal(response.status, 401, `attempt ${attempt}`);
  }
  assert.equal((await signInThroughForm(account.email, testPassword, client)).status, 429);
  assert.equal(
    (await signInThroughForm(account.email, testPassword, newClient())).status,
    303,
    'another address is not slowed down',
  );
  assert.ok(maximumWaitPerClientSeconds > maximumWaitPerEmailSeconds);
});

test('X-Forwarded-For counts only from a trusted proxy: a client cannot reset its limit by changing the header', async () => {
  const direct = await createTestApp();
  try {
    const account = await createAccountForTest(direct.db, { role: 'analyst' });
    for (let attempt = 1; attempt <= freeFailuresPerClient; attempt += 1) {
      const visitor = await anonymousVisitorForTest(direct.db);
      const response = await formPost(
        direct.app,
        '/login?lang=en',
        { email: `guess-${attempt}@example.lv`, password: 'some guessed password' },
        visitor,
        { 'x-forwarded-for': `198.51.100.${attempt}` },
      );
      assert.equal(response.status, 401, `attempt ${attempt}`);
    }
    const visitor = await anonymousVisitorForTest(direct.db);
    const fresh = await formPost(
      direct.app,
      '/login?lang=en',
      { email: account.email, password: testPassword },
      visitor,
      { 'x-forwarded-for': '198.51.100.200' },
    );
    assert.equal(fresh.status, 429, 'a new X-Forwarded-For from an untrusted peer is ignored');
  } finally {
    await direct.close();
  }
});

test('signing out deletes the session; signing in again gets a new session id', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, account);
  const before = await context.db.selectFrom('session').select('id').where('account_id', '=', account.id).execute();
  assert.equal(before.length, 1);
  // Signing in again from the same browser replaces the old session rather than keeping it.
  const visitor = { cookie: session.cookie, csrfToken: session.csrfToken };
  const again = await signInThroughForm(account.email, testPassword, newClient(), {}, visitor);
  assert.equal(again.status, 303);
  const after = await context.db.selectFrom('session').select('id').where('account_id', '=', account.id).execute();
  assert.equal(after.length, 1);
  assert.notEqual(after[0]?.id, before[0]?.id);
  const newCookie = sessionFrom(again, visitor);
  const staff = await getAs(context.app, '/staff', { cookie: newCookie, csrfToken: '' });
  const token = await csrfTokenOf(staff);
  const logout = await formPost(context.app, '/logout', {}, { cookie: newCookie, csrfToken: token });
  assert.equal(logout.status, 303);
  assert.equal(logout.headers.get('location'), '/');
  assert.ok(logout.headers.getSetCookie().some((cookie) => /^atlas_session=;/.test(cookie)));
  assert.equal(
    (await context.db.selectFrom('session').select('id').where('account_id', '=', account.id).execute()).length,
    0,
  );
  assert.equal((await getAs(context.app, '/staff', { cookie: newCookie, csrfToken: '' })).status, 303);
  assert.ok((await auditActions(account.id)).includes('account.logout'));
});

test('sign-out without a valid CSRF token is refused', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, account);
  const refused = await formPost(context.app, '/logout', { _csrf: 'forged' }, session);
  assert.equal(refused.status, 403);
  assert.equal((await getAs(context.app, '/staff', session)).status, 200, 'still signed in');
});

test('anonymous visitors see "Sign in"; the session cookie is Secure behind HTTPS when set to auto', async () => {
  const home = await context.app.request('/?lang=en');
  const html = await home.text();
  assert.match(html, /<a href="\/login">Sign in<\/a>/);
  assert.doesNotMatch(html, /action="\/logout"/);
  const autoApp = createApp({
    db: context.db,
    config: testConfig({ COOKIE_SECURE: 'auto', TRUSTED_PROXIES: '127.0.0.0/8,::1' }),
  });
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const visitor = await anonymousVisitorForTest(context.db);
  const overHttps = await formPost(autoApp, '/login', { email: account.email, password: testPassword }, visitor, {
    ...newClient(),
    'x-forwarded-proto': 'https',
  });
  assert.equal(overHttps.status, 303);
  assert.match(
    overHttps.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session=')) ?? '',
    /; Secure/,
  );
  // X-Forwarded-Proto from a peer that is not a trusted proxy is the client's own claim.
  const untrustedApp = createApp({ db: context.db, config: testConfig({ COOKIE_SECURE: 'auto' }) });
  const claimed = await formPost(untrustedApp, '/login', { email: account.email, password: testPassword }, visitor, {
    'x-forwarded-proto': 'https',
  });
  assert.equal(claimed.status, 303);
  assert.doesNotMatch(
    claimed.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session=')) ?? '',
    /Secure/,
  );
  const overHttp = await formPost(
    autoApp,
    '/login',
    { email: account.email, password: testPassword },
    visitor,
    newClient(),
  );
  assert.doesNotMatch(
    overHttp.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session=')) ?? '',
    /Secure/,
  );
});

test('an analyst and an editor may not manage accounts or read the audit trail', async () => {
  for (const role of ['analyst', 'institution_editor'] as const) {
    const account = await createAccountForTest(context.db, { role });
    const session = await signInForTest(context.app, context.db, account);
    assert.equal((await getAs(context.app, '/staff/accounts', session)).status, 403, role);
    assert.equal((await getAs(context.app, '/staff/audit', session)).status, 403, role);
    const post = await formPost(
      context.app,
      '/staff/accounts/invite',
      { email: 'new@example.lv', display_name: 'X', role: 'administrator', language: 'en' },
      session,
    );
    assert.equal(post.status, 403, role);
    const staff = await getAs(context.app, '/staff', session);
    assert.equal(staff.status, 200);
    assert.doesNotMatch(await staff.text(), /href="\/staff\/accounts"/);
  }
  assert.equal(
    await context.db.selectFrom('account').select('id').where('email', '=', 'new@example.lv').executeTakeFirst(),
    undefined,
  );
});

test('a deactivated account is signed out and cannot sign in', async () => {
  const admin = await createAccountForTest(context.db, { role: 'administrator' });
  const adminSession = await signInForTest(context.app, context.db, admin);
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  const analystSession = await signInForTest(context.app, context.db, analyst);
  const response = await formPost(context.app, `/staff/accounts/${analyst.id}/deactivate`, {}, adminSession);
  assert.equal(response.status, 303);
  assert.equal((await getAs(context.app, '/staff', analystSession)).status, 303);
  assert.equal((await signInThroughForm(analyst.email, testPassword, newClient())).status, 401);
  assert.equal(
    (await formPost(context.app, `/staff/accounts/${admin.id}/deactivate`, {}, adminSession)).status,
    400,
    'not oneself',
  );
  assert.deepEqual(
    (await auditActions(analyst.id)).filter((action) => action === 'account.deactivate'),
    ['account.deactivate'],
  );
});

test('a staff member changes their own password; the old one stops working', async () => {
  const account = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, account);
  const otherDevice = await signInForTest(context.app, context.db, account);
  const wrongCurrent = await formPost(
    context.app,
    '/staff/account/password?lang=en',
    {
      current_password: 'not my password',
      new_password: 'my new long password',
      repeat_password: 'my new long password',
    },
    session,
  );
  assert.equal(wrongCurrent.status, 400);
  assert.match(await wrongCurrent.text(), /current password is not right/);
  const mismatch = await formPost(
    context.app,
    '/staff/account/password?lang=en',
    { current_password: testPassword, new_password: 'my new long password', repeat_password: 'my new long passwort' },
    session,
  );
  assert.equal(mismatch.status, 400);
  const changed = await formPost(
    context.app,
    '/staff/account/password',
    { current_password: testPassword, new_password: 'my new long password', repeat_password: 'my new long password' },
    session,
  );
  assert.equal(changed.status, 303);
  assert.equal((await getAs(context.app, '/staff', session)).status, 200, 'this session continues');
  assert.equal((await getAs(context.app, '/staff', otherDevice)).status, 303, 'other sessions end');
  assert.equal((await signInThroughForm(account.email, testPassword, newClient())).status, 401);
  assert.equal((await signInThroughForm(account.email, 'my new long password', newClient())).status, 303);
});

test('the audit trail page filters by action and pages through events', async () => {
  const admin = await createAccountForTest(context.db, { role: 'administrator' });
  const session = await signInForTest(context.app, context.db, admin);
  const { recordAuditEvent } = await import('../audit/audit.service.js');
  const entityId = crypto.randomUUID();
  for (let index = 0; index < 55; index += 1) {
    await recordAuditEvent(context.db, {
      accountId: admin.id,
      action: 'test.thing.update',
      entityType: 'thing',
      entityId,
      details: { index },
    });
  }
  const first = await getAs(
    context.app,
    `/staff/audit?lang=en&action=test.thing.update&entity_id=${entityId}`,
    session,
  );
  assert.equal(first.status, 200);
  const html = await first.text();
  assert.match(html, /55 events/);
  assert.equal(html.match(/<code>test\.thing\.update<\/code>/g)?.length, 50);
  assert.match(html, /Page 1 of 2/);
  const second = await getAs(
    context.app,
    `/staff/audit?lang=en&action=test.thing&entity_id=${entityId}&page=2`,
    session,
  );
  assert.equal((await second.text()).match(/<code>test\.thing\.update<\/code>/g)?.length, 5);
  const none = await getAs(context.app, `/staff/audit?lang=en&action=test.thing.update&to=2000-01-01`, session);
  assert.match(await none.text(), /0 events/);
});
