import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp } from '../testing/test-database.js';
import { servicesOfDistinctInstitutions, type ReferralTestService } from './referral.fixtures.js';

// The staff pages of the network through app.request(): the refusals a browser test cannot see well — another
// institution's referral, a stale page, a double submit — and the no-store header on pages with personal data.

let context: Awaited<ReturnType<typeof createTestApp>>;
let service: ReferralTestService;
const sessions: Record<string, TestSession> = {};

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  [service] = (await servicesOfDistinctInstitutions(context.db)) as [ReferralTestService];
  const accounts = {
    referrer: await createAccountForTest(context.db, { role: 'referrer' }),
    intake: await createAccountForTest(context.db, {
      role: 'provider_intake',
      organizationId: service.organization_id,
    }),
    otherIntake: await createAccountForTest(context.db, { role: 'provider_intake' }),
  };
  for (const [name, account] of Object.entries(accounts))
    sessions[name] = await signInForTest(context.app, context.db, account);
});
after(async () => context.close());

const idOf = (response: Response) => /\/([0-9a-f-]{36})(?:[#?].*)?$/.exec(response.headers.get('location') ?? '')?.[1];

async function sentReferral(): Promise<string> {
  const person = await formPost(
    context.app,
    '/staff/people/new',
    { given_name: 'Jānis', family_name: 'Paraudziņš', language: 'lv', last_residence: '' },
    sessions.referrer,
  );
  assert.equal(person.status, 303, await person.text());
  const personId = idOf(person)!;
  const page = await getAs(context.app, `/staff/people/${personId}`, sessions.referrer);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.match(await page.text(), /Paraudziņš/);
  const consent = await formPost(
    context.app,
    `/staff/people/${personId}/consents/new`,
    {
      recipients: [service.organization_id],
      categories: ['identity', 'needs'],
      purpose: 'A bed after release',
      method: 'signed_paper',
      notice_version: '1',
      notice_language: 'lv',
      expires_on: '2099-01-01',
    },
    sessions.referrer,
  );
  assert.equal(consent.status, 303, await consent.text());
  const draft = await formPost(
    context.app,
    `/staff/people/${personId}/referrals/new`,
    { institution: service.organization_id, service: service.id, needs: ['shelter'], urgency: 'urgent' },
    sessions.referrer,
  );
  assert.equal(draft.status, 303, await draft.text());
  const referralId = idOf(draft)!;
  assert.doesNotMatch(draft.headers.get('location')!, /Paraudzi/);
  const sent = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands`,
    { command: 'send', version: 1, form_token: crypto.randomUUID() },
    sessions.referrer,
  );
  assert.equal(sent.status, 303, await sent.text());
  return referralId;
}

test("another institution's intake gets 403 on the referral page and on its commands", async () => {
  const referralId = await sentReferral();
  assert.equal((await getAs(context.app, `/staff/referrals/${referralId}`, sessions.otherIntake)).status, 403);
  const command = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands`,
    { command: 'accept', version: 2, form_token: crypto.randomUUID() },
    sessions.otherIntake,
  );
  assert.equal(command.status, 403);
  const inbox = await (await getAs(context.app, '/staff/inbox', sessions.otherIntake)).text();
  assert.doesNotMatch(inbox, new RegExp(referralId));
  const ownInbox = await (await getAs(context.app, '/staff/inbox', sessions.intake)).text();
  assert.match(ownInbox, new RegExp(referralId));
});

test('a stale page says someone changed the referral, with 409, and changes nothing', async () => {
  const referralId = await sentReferral();
  const accepted = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands?lang=en`,
    { command: 'accept', version: 2, form_token: crypto.randomUUID() },
    sessions.intake,
  );
  assert.equal(accepted.status, 303);
  const stale = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands?lang=en`,
    { command: 'waitlist', version: 2, form_token: crypto.randomUUID() },
    sessions.intake,
  );
  assert.equal(stale.status, 409);
  assert.equal(stale.headers.get('cache-control'), 'no-store');
  assert.match(await stale.text(), /Someone else has just changed this referral/);
  const row = await context.db
    .selectFrom('referral')
    .select(['state', 'version'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { state: 'accepted', version: 3 });
});

test('a double submit of one form makes one event', async () => {
  const referralId = await sentReferral();
  const token = crypto.randomUUID();
  const fields = { command: 'request_info', version: 2, form_token: token, note: 'Lower bunk?' };
  const first = await formPost(context.app, `/staff/referrals/${referralId}/commands`, fields, sessions.intake);
  const second = await formPost(context.app, `/staff/referrals/${referralId}/commands`, fields, sessions.intake);
  assert.equal(first.status, 303);
  assert.equal(second.status, 303);
  const events = await context.db
    .selectFrom('referral_event')
    .select('command')
    .where('referral_id', '=', referralId)
    .orderBy('version')
    .execute();
  assert.deepEqual(
    events.map((event) => event.command),
    ['send', 'request_info'],
  );
});

test('a decline without a reason is refused on the page with 400; messages are sealed', async () => {
  const referralId = await sentReferral();
  const declined = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands?lang=en`,
    { command: 'decline', version: 2, form_token: crypto.randomUUID(), reason_code: '' },
    sessions.intake,
  );
  assert.equal(declined.status, 400);
  assert.match(await declined.text(), /Please choose a reason/);
  const message = await formPost(
    context.app,
    `/staff/referrals/${referralId}/messages`,
    { body: 'Can he come on Monday?' },
    sessions.intake,
  );
  assert.equal(message.status, 303);
  const stored = await context.db
    .selectFrom('referral_message')
    .select('body_sealed')
    .where('referral_id', '=', referralId)
    .executeTakeFirstOrThrow();
  assert.doesNotMatch(stored.body_sealed, /Monday/);
  const page = await (await getAs(context.app, `/staff/referrals/${referralId}`, sessions.referrer)).text();
  assert.match(page, /Can he come on Monday\?/);
});

test('a withdrawn consent stops the send: the page names the missing consent with 409', async () => {
  const person = await formPost(
    context.app,
    '/staff/people/new',
    { given_name: 'Anna', family_name: 'Bērziņa', language: 'ru' },
    sessions.referrer,
  );
  const personId = idOf(person)!;
  await formPost(
    context.app,
    `/staff/people/${personId}/consents/new`,
    {
      recipients: [service.organization_id],
      categories: ['identity', 'needs'],
      purpose: 'Help after release',
      method: 'verbal_witnessed',
      notice_version: '1',
      notice_language: 'ru',
      expires_on: '2099-01-01',
    },
    sessions.referrer,
  );
  const consent = await context.db
    .selectFrom('consent')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  const withdrawn = await formPost(context.app, `/staff/consents/${consent.id}/withdraw`, {}, sessions.referrer);
  assert.equal(withdrawn.status, 303);
  assert.equal(
    (await formPost(context.app, `/staff/consents/${consent.id}/withdraw`, {}, sessions.intake)).status,
    403,
  );
  const draft = await formPost(
    context.app,
    `/staff/people/${personId}/referrals/new`,
    { institution: service.organization_id, service: service.id, needs: ['shelter'], urgency: 'routine' },
    sessions.referrer,
  );
  const referralId = idOf(draft)!;
  const send = await formPost(
    context.app,
    `/staff/referrals/${referralId}/commands?lang=en`,
    { command: 'send', version: 1, form_token: crypto.randomUUID() },
    sessions.referrer,
  );
  assert.equal(send.status, 409);
  assert.match(await send.text(), /No consent in force/);
});

test('people pages belong to their team; forms refuse what is missing with 400', async () => {
  const otherReferrer = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'referrer' }),
  );
  const person = await formPost(
    context.app,
    '/staff/people/new',
    { given_name: 'Pēteris', family_name: 'Kalniņš', language: 'lv' },
    sessions.referrer,
  );
  const personId = idOf(person)!;
  assert.equal((await getAs(context.app, `/staff/people/${personId}`, otherReferrer)).status, 403);
  assert.equal((await getAs(context.app, `/staff/people/${personId}`, sessions.intake)).status, 403);
  const empty = await formPost(
    context.app,
    '/staff/people/new?lang=en',
    { given_name: '', family_name: 'X', language: 'lv' },
    sessions.referrer,
  );
  assert.equal(empty.status, 400);
  assert.match(await empty.text(), /This field is required/);
  const list = await getAs(context.app, '/staff/referrals', sessions.referrer);
  assert.equal(list.status, 200);
  assert.equal((await getAs(context.app, '/staff/inbox', sessions.referrer)).status, 403);
});
