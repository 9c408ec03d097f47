import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { outboxDirectory } from '../mail/mail.service.js';
import { decodeQuotedPrintable } from '../mail/testing.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import { createTestApp } from '../testing/test-database.js';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  type TestSession,
} from './testing.js';

// Accounts are invited by an e-mail link; nobody hands out passwords (issue 11, item 1).

let context: Awaited<ReturnType<typeof createTestApp>>;
let adminSession: TestSession;
let adminId: string;
let clientCounter = 0;

before(async () => {
  context = await createTestApp({
    DATA_DIR: `/tmp/atlas-invitation-test-${process.pid}`,
    TRUSTED_PROXIES: '127.0.0.1',
    INVITATION_HOURS: '48',
  });
  const admin = await createAccountForTest(context.db, { role: 'administrator' });
  adminId = admin.id;
  adminSession = await signInForTest(context.app, context.db, admin);
});
after(async () => {
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

function newClient(): Record<string, string> {
  clientCounter += 1;
  return { 'x-forwarded-for': `198.51.100.${clientCounter}` };
}

/** The link in the e-mail most recently queued to the address, read from the .eml file the outbox holds. */
async function linkMailedTo(email: string): Promise<{ link: string; token: string; storedBody: string }> {
  const message = await context.db
    .selectFrom('outbound_message')
    .selectAll()
    .where('recipient', '=', email)
    .where('purpose', '=', 'account_invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(message.status, 'held');
  const eml = decodeQuotedPrintable(readFileSync(join(outboxDirectory(context.config), `${message.id}.eml`), 'utf8'));
  const link = /(http\S+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(eml)?.[1];
  assert.ok(link, 'the e-mail carries the link');
  const token = new URL(link).searchParams.get('token') ?? '';
  return { link, token, storedBody: message.body_text };
}

async function invite(fields: Record<string, string>, session = adminSession) {
  return formPost(context.app, '/staff/accounts/invite?lang=en', { language: 'en', ...fields }, session);
}

async function setPassword(token: string, password: string, repeat = password) {
  const visitor = await anonymousVisitorForTest(context.db);
  const response = await formPost(
    context.app,
    '/invitation?lang=en',
    { token, new_password: password, repeat_password: repeat },
    visitor,
    newClient(),
  );
  return response;
}

async function signInThroughForm(email: string, password: string) {
  return formPost(
    context.app,
    '/login?lang=en',
    { email, password },
    await anonymousVisitorForTest(context.db),
    newClient(),
  );
}

async function auditActions(entityId: string) {
  const rows = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((row) => row.action);
}

test('the invite page preselects the role and organization from its query string', async () => {
  const organizationId = crypto.randomUUID();
  await addTestInstitution(context.db, { id: organizationId, name: 'Ludzas krīžu centrs' });
  const page = await getAs(
    context.app,
    `/staff/accounts/invite?lang=en&role=institution_editor&organization=${organizationId}`,
    adminSession,
  );
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<option value="institution_editor" selected="">/);
  assert.match(html, new RegExp(`<option value="${organizationId}" selected="">Ludzas krīžu centrs</option>`));
  assert.doesNotMatch(html, /type="password"/, 'the administrator types no password');
  // Nonsense in the query string is ignored, never an error.
  const odd = await getAs(context.app, '/staff/accounts/invite?role=pope&organization=x', adminSession);
  assert.equal(odd.status, 200);
});

test('invite → mail in the outbox → the link sets the password and signs in → the password signs in later', async () => {
  const organizationId = crypto.randomUUID();
  await addTestInstitution(context.db, { id: organizationId, name: 'Rēzeknes patversme' });
  const missing = await invite({ email: 'intake@rezekne.lv', display_name: 'Ilze', role: 'provider_intake' });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /Choose the institution/);

  const response = await invite({
    email: 'Intake@Rezekne.lv',
    display_name: 'Ilze',
    role: 'provider_intake',
    organization_id: organizationId,
  });
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/staff/accounts?done=invited');
  assert.equal(
    await context.db.selectFrom('account').select('id').where('email', '=', 'intake@rezekne.lv').executeTakeFirst(),
    undefined,
    'no account until the invitee sets a password',
  );
  const invitation = await context.db
    .selectFrom('account_invitation')
    .selectAll()
    .where('email', '=', 'intake@rezekne.lv')
    .executeTakeFirstOrThrow();
  const hoursValid = (new Date(invitation.expires_at).getTime() - new Date(invitation.created_at).getTime()) / 3.6e6;
  assert.ok(Math.abs(hoursValid - 48) < 0.1, `valid for INVITATION_HOURS (${hoursValid})`);
  assert.deepEqual(await auditActions(invitation.id), ['account.invitation_create']);

  // The staff list shows it as pending.
  const list = await (await getAs(context.app, '/staff/accounts?lang=en', adminSession)).text();
  assert.match(list, /Invitations waiting for an answer/);
  assert.match(list, /intake@rezekne\.lv/);

  const { link, token, storedBody } = await linkMailedTo('intake@rezekne.lv');
  assert.ok(!storedBody.includes(token), 'the outbox row masks the token');
  assert.notEqual(invitation.token_hash, token, 'only a hash is stored');
  assert.ok(!JSON.stringify(invitation).includes(token));

  const page = await context.app.request(`${new URL(link).pathname}${new URL(link).search}&lang=en`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.match(await page.text(), /Choose your password/);

  const tooShort = await setPassword(token, 'short');
  assert.equal(tooShort.status, 400);
  assert.match(await tooShort.text(), /at least 12 characters/);
  const mismatch = await setPassword(token, 'a long enough password', 'a long enough passwort');
  assert.equal(mismatch.status, 400);

  const accepted = await setPassword(token, 'a long enough password');
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), '/staff');
  const sessionCookie = accepted.headers.getSetCookie().find((cookie) => cookie.startsWith('atlas_session='));
  assert.ok(sessionCookie, 'signed in');
  const home = await context.app.request('/staff?lang=en', { headers: { cookie: sessionCookie.split(';')[0]! } });
  assert.equal(home.status, 200);
  assert.match(await home.text(), /Ilze/);

  const account = await context.db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', 'intake@rezekne.lv')
    .executeTakeFirstOrThrow();
  assert.equal(account.role, 'provider_intake');
  assert.equal(account.organization_id, organizationId);
  assert.ok(!account.password_hash.includes('a long enough password'));
  assert.ok((await auditActions(account.id)).includes('account.invitation_accept'));
  assert.equal((await signInThroughForm('intake@rezekne.lv', 'a long enough password')).status, 303);

  // Used once: the same link again is a clear 410, and nothing changes.
  const again = await setPassword(token, 'another long password');
  assert.equal(again.status, 410);
  assert.match(await again.text(), /already been used/);
  const reopened = await context.app.request(`/invitation?token=${token}&lang=en`);
  assert.equal(reopened.status, 410);
  assert.equal((await signInThroughForm('intake@rezekne.lv', 'another long password')).status, 401);

  // No longer pending; inviting the same address again is refused.
  assert.match(
    await (await getAs(context.app, '/staff/accounts?lang=en', adminSession)).text(),
    /No invitation is waiting for an answer/,
  );
  const duplicate = await invite({ email: 'intake@rezekne.lv', display_name: 'X', role: 'analyst' });
  assert.equal(duplicate.status, 409);
  assert.match(await duplicate.text(), /already an account/);
});

test('a tampered, expired or replaced link is a clear translated 4xx', async () => {
  await invite({ email: 'analyst@example.lv', display_name: 'Anna', role: 'analyst', language: 'lv' });
  const first = await linkMailedTo('analyst@example.lv');
  const mail = await context.db
    .selectFrom('outbound_message')
    .select(['subject', 'language'])
    .where('recipient', '=', 'analyst@example.lv')
    .executeTakeFirstOrThrow();
  assert.equal(mail.language, 'lv');
  assert.equal(mail.subject, 'Ielūgums uz Reentry Atlas');

  // Tampered: one character changed, or no token at all.
  const last = first.token.at(-1) === 'A' ? 'B' : 'A';
  const tampered = `${first.token.slice(0, -1)}${last}`;
  const tamperedPage = await context.app.request(`/invitation?token=${tampered}&lang=ru`);
  assert.equal(tamperedPage.status, 404);
  assert.match(await tamperedPage.text(), /Такая ссылка неизвестна/);
  assert.equal((await context.app.request('/invitation?lang=en')).status, 404);
  assert.equal((await setPassword(tampered, 'a long enough password')).status, 404);

  // Re-sending invalidates the previous link.
  const pending = await context.db
    .selectFrom('account_invitation')
    .select('id')
    .where('email', '=', 'analyst@example.lv')
    .executeTakeFirstOrThrow();
  const resent = await formPost(context.app, `/staff/accounts/invitations/${pending.id}/resend`, {}, adminSession);
  assert.equal(resent.status, 303);
  const second = await linkMailedTo('analyst@example.lv');
  assert.notEqual(second.token, first.token);
  const replaced = await setPassword(first.token, 'a long enough password');
  assert.equal(replaced.status, 410);
  assert.match(await replaced.text(), /a newer one was sent/);

  // Expired: the clock has passed the link's end.
  await context.db
    .updateTable('account_invitation')
    .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
    .where('email', '=', 'analyst@example.lv')
    .where('revoked_at', 'is', null)
    .execute();
  const expired = await setPassword(second.token, 'a long enough password');
  assert.equal(expired.status, 410);
  assert.match(await expired.text(), /expired/);
  assert.equal(
    await context.db.selectFrom('account').select('id').where('email', '=', 'analyst@example.lv').executeTakeFirst(),
    undefined,
  );
});

test('only administrators invite (403), and no web page lets anyone type a password for someone else', async () => {
  for (const role of ['analyst', 'referrer', 'dpo'] as const) {
    const account = await createAccountForTest(context.db, { role });
    const session = await signInForTest(context.app, context.db, account);
    assert.equal((await getAs(context.app, '/staff/accounts/invite', session)).status, 403, role);
    const post = await invite(
      { email: `sneaky-${role}@example.lv`, display_name: 'X', role: 'administrator' },
      session,
    );
    assert.equal(post.status, 403, role);
  }
  assert.equal(
    await context.db
      .selectFrom('account_invitation')
      .select('id')
      .where('email', 'like', 'sneaky-%')
      .executeTakeFirst(),
    undefined,
  );
  // The old "create with a password" form is gone.
  const old = await formPost(
    context.app,
    '/staff/accounts',
    { email: 'old@example.lv', display_name: 'Old', role: 'analyst', password: 'a long enough password' },
    adminSession,
  );
  assert.equal(old.status, 404);
  const page = await (await getAs(context.app, '/staff/accounts', adminSession)).text();
  assert.doesNotMatch(page, /type="password"/);
});

test('a forgotten password: the administrator sends a link, never a password; the link ends old sessions', async () => {
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  const analystSession = await signInForTest(context.app, context.db, analyst);
  const response = await formPost(context.app, `/staff/accounts/${analyst.id}/password`, {}, adminSession);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/staff/accounts?done=link_sent');
  const { token } = await linkMailedTo(analyst.email);
  const page = await context.app.request(`/invitation?token=${token}&lang=en`);
  assert.match(await page.text(), /Choose a new password/);
  assert.equal((await setPassword(token, 'my brand new password')).status, 303);
  assert.equal((await getAs(context.app, '/staff', analystSession)).status, 303, 'the old session ended');
  assert.equal((await signInThroughForm(analyst.email, 'my brand new password')).status, 303);
  assert.ok((await auditActions(analyst.id)).includes('account.password_link'));
  assert.ok((await auditActions(analyst.id)).includes('account.password_link_accept'));
  assert.equal(
    (await formPost(context.app, `/staff/accounts/${adminId}/password`, {}, adminSession)).status,
    400,
    'not for oneself',
  );
});

test('without a language the e-mail is in the page’s language; `organization` works as the field name too', async () => {
  const organizationId = crypto.randomUUID();
  await addTestInstitution(context.db, { id: organizationId, name: 'Daugavpils patversme' });
  const response = await formPost(
    context.app,
    '/staff/accounts/invite?lang=ru',
    { email: 'worker@daugavpils.lv', display_name: 'Pāvels', role: 'provider_worker', organization: organizationId },
    adminSession,
  );
  assert.equal(response.status, 303);
  const invitation = await context.db
    .selectFrom('account_invitation')
    .select(['organization_id', 'role'])
    .where('email', '=', 'worker@daugavpils.lv')
    .executeTakeFirstOrThrow();
  assert.deepEqual(invitation, { organization_id: organizationId, role: 'provider_worker' });
  const mail = await context.db
    .selectFrom('outbound_message')
    .select(['language', 'subject'])
    .where('recipient', '=', 'worker@daugavpils.lv')
    .executeTakeFirstOrThrow();
  assert.deepEqual(mail, { language: 'ru', subject: 'Приглашение в Reentry Atlas' });
});
