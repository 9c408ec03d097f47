import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { formatCalendarDate } from '../core/dates.js';
import { loadDemoData } from '../demo/demo.service.js';
import { getService } from '../registry/institution-read.service.js';
import { readPdfPages, readPdfText } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { expireOverdueReferrals } from './referral-expiry.service.js';
import { reasonsFor } from './referral-reasons.js';
import {
  apiTokensFor,
  networkApiCaller,
  sendTestReferral,
  servicesOfDistinctInstitutions,
  type ApiCall,
  type ReferralTestService,
} from './referral.fixtures.js';

// Onward referrals (issue 11 item 4) and the person's printed copies (issue 11 items 3 and 7, issue 12 printing).

let context: Awaited<ReturnType<typeof createTestApp>>;
let first: ReferralTestService;
let second: ReferralTestService;
let call: ApiCall;
const sessions: Record<string, TestSession> = {};

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  [first, second] = (await servicesOfDistinctInstitutions(context.db)) as [ReferralTestService, ReferralTestService];
  const accounts = {
    referrer: await createAccountForTest(context.db, { role: 'referrer' }),
    intake: await createAccountForTest(context.db, { role: 'provider_intake', organizationId: first.organization_id }),
    otherReferrer: await createAccountForTest(context.db, { role: 'referrer' }),
  };
  call = networkApiCaller(context.app, await apiTokensFor(context.db, accounts));
  for (const [name, account] of Object.entries(accounts))
    sessions[name] = await signInForTest(context.app, context.db, account);
});
after(async () => context.close());

const person = {
  given_name: 'Oļegs',
  family_name: 'Smirnovs',
  personal_code: '020285-11111',
  language: 'ru',
  last_residence: '0021000',
};

/** A person with consent for the first institution only, and a referral to its service, sent. */
async function sentReferral() {
  return sendTestReferral(call, 'referrer', {
    person,
    consent: {
      recipients: [first.organization_id],
      categories: ['identity', 'needs', 'contact'],
      purpose: 'Pajumte pēc atbrīvošanas',
    },
    draft: {
      service_id: first.id,
      needs: ['shelter', 'material'],
      urgency: 'urgent',
      needed_by: '2027-01-15',
      note: 'Needs a lower bunk',
    },
  });
}

test('onward: only from declined or expired (409 otherwise); same person, needs and note; consent checked again', async () => {
  const { personId, referralId } = await sentReferral();
  const early = await call('referrer', 'POST', `/api/v1/referrals/${referralId}/onward`, { service_id: second.id });
  assert.equal(early.status, 409, 'a sent referral cannot be sent on');

  const reason = reasonsFor('decline')[0]!.code;
  const declined = await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, {
    command: 'decline',
    version: 2,
    reason_code: reason,
  });
  assert.equal(declined.status, 200, JSON.stringify(declined.json));
  assert.equal(
    (await call('intake', 'POST', `/api/v1/referrals/${referralId}/onward`, { service_id: second.id })).status,
    403,
    'the institution that declined does not send on',
  );
  assert.equal(
    (await call('otherReferrer', 'POST', `/api/v1/referrals/${referralId}/onward`, { service_id: second.id })).status,
    403,
    'another team does not either',
  );
  assert.equal(
    (await call('referrer', 'POST', `/api/v1/referrals/${referralId}/onward`, { service_id: first.id })).status,
    400,
    'not to the same service',
  );

  const onward = await call('referrer', 'POST', `/api/v1/referrals/${referralId}/onward`, { service_id: second.id });
  assert.equal(onward.status, 201, JSON.stringify(onward.json));
  assert.equal(onward.json.state, 'draft');
  assert.equal(onward.json.version, 1);
  const copy = await call('referrer', 'GET', `/api/v1/referrals/${onward.json.id}`);
  const original = await call('referrer', 'GET', `/api/v1/referrals/${referralId}`);
  assert.equal(copy.json.person_id, personId);
  assert.deepEqual(copy.json.needs, original.json.needs);
  assert.equal(copy.json.urgency, original.json.urgency);
  assert.equal(copy.json.needed_by, original.json.needed_by);
  assert.equal(copy.json.note, 'Needs a lower bunk');
  assert.equal(copy.json.service_id, second.id);
  assert.equal(copy.json.continues_referral_id, referralId);
  const stored = await context.db
    .selectFrom('referral')
    .select(['continues_referral_id'])
    .where('id', '=', onward.json.id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.continues_referral_id, referralId);

  // The consent covers the first institution only: sending to the second is refused, naming the missing consent.
  const refused = await call('referrer', 'POST', `/api/v1/referrals/${onward.json.id}/commands`, {
    command: 'send',
    version: 1,
  });
  assert.equal(refused.status, 409);
  const secondService = await getService(context.db, second.id, 'lv');
  assert.ok(String(refused.json.error.message).includes(secondService.name), refused.json.error.message);
  const consent = await call('referrer', 'POST', `/api/v1/people/${personId}/consents`, {
    recipients: [second.organization_id],
    categories: ['identity', 'needs'],
    purpose: 'Pajumte pēc atbrīvošanas',
    method: 'verbal_witnessed',
    expires_on: '2099-01-01',
  });
  assert.equal(consent.status, 201);
  const sent = await call('referrer', 'POST', `/api/v1/referrals/${onward.json.id}/commands`, {
    command: 'send',
    version: 1,
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));

  // Both pages link each other, for the referring team.
  const oldPage = await (await getAs(context.app, `/staff/referrals/${referralId}?lang=en`, sessions.referrer)).text();
  assert.ok(oldPage.includes(`href="/staff/referrals/${onward.json.id}"`));
  const newPage = await (
    await getAs(context.app, `/staff/referrals/${onward.json.id}?lang=en`, sessions.referrer)
  ).text();
  assert.ok(newPage.includes(`href="/staff/referrals/${referralId}"`));
  assert.ok(oldPage.includes(`href="/staff/referrals/${referralId}/onward"`), 'the send-on button');
  assert.ok(!newPage.includes(`href="/staff/referrals/${onward.json.id}/onward"`), 'not while it is sent');

  const document = await call('referrer', 'GET', '/api/v1/openapi.json');
  assert.ok(document.json.paths['/api/v1/referrals/{id}/onward']?.post);
});

test('onward from an expired referral, through the page form', async () => {
  const { referralId } = await sentReferral();
  await context.db
    .updateTable('referral')
    .set({ due_at: new Date(Date.now() - 60_000) })
    .where('id', '=', referralId)
    .execute();
  assert.ok((await expireOverdueReferrals(context.db)) >= 1);
  const form = await getAs(
    context.app,
    `/staff/referrals/${referralId}/onward?lang=en&institution=${second.organization_id}`,
    sessions.referrer,
  );
  assert.equal(form.status, 200);
  assert.match(await form.text(), new RegExp(`<option value="${second.id}"`));
  const posted = await formPost(
    context.app,
    `/staff/referrals/${referralId}/onward`,
    { institution: second.organization_id, service: second.id },
    sessions.referrer,
  );
  assert.equal(posted.status, 303);
  const newId = /\/staff\/referrals\/([0-9a-f-]{36})$/.exec(posted.headers.get('location') ?? '')?.[1];
  assert.ok(newId && newId !== referralId);
  const again = await formPost(
    context.app,
    `/staff/referrals/${newId}/onward?lang=en`,
    { institution: first.organization_id, service: first.id },
    sessions.referrer,
  );
  assert.equal(again.status, 409, 'a draft cannot be sent on');
  assert.match(await again.text(), /Only a declined or expired referral can be sent on/);
});

test('the person’s printed copy: their language, the summary and the consent, audited, for the team only', async () => {
  const { personId, referralId } = await sentReferral();
  const path = `/staff/referrals/${referralId}/print.pdf`;
  const page = await (await getAs(context.app, `/staff/referrals/${referralId}?lang=en`, sessions.referrer)).text();
  assert.ok(page.includes(`href="${path}"`), 'linked from the referral page');

  const before = await context.db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'person.print')
    .where('entity_id', '=', personId)
    .execute();
  assert.equal(before.length, 0);
  // The staff member reads English; the person reads Russian: the paper is in Russian.
  const response = await getAs(context.app, `${path}?lang=en`, sessions.referrer);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.match(response.headers.get('content-disposition') ?? '', new RegExp(`referral-${referralId}\\.pdf`));
  const pdf = new Uint8Array(await response.arrayBuffer());
  const pages = await readPdfPages(pdf);
  assert.equal(pages.length, 2, 'the summary, then the consent copy');
  const text = await readPdfText(pdf);
  const service = await getService(context.db, first.id, 'ru');
  assert.ok(text.includes('Куда обратиться за помощью'), text);
  assert.ok(text.includes(service.name));
  assert.ok(text.includes(formatCalendarDate('2027-01-15', 'ru')), 'when: the needed-by date in Russian');
  assert.ok(text.includes('Что взять с собой'));
  assert.ok(text.includes('Телефон'));
  assert.ok(text.includes('Ваше согласие на передачу сведений'));
  assert.ok(text.includes('Как отозвать'));
  assert.ok(text.includes(formatCalendarDate('2099-01-01', 'ru')), 'valid until');
  assert.ok(!text.includes('Where to go for help'), 'not in the staff member’s language');

  const events = await context.db
    .selectFrom('audit_event')
    .select(['action', 'account_id', 'details'])
    .where('action', '=', 'person.print')
    .where('entity_id', '=', personId)
    .execute();
  assert.equal(events.length, 1);
  const details = (typeof events[0]!.details === 'string' ? JSON.parse(events[0]!.details) : events[0]!.details) as {
    kind: string;
    referral: string;
  };
  assert.equal(details.kind, 'print');
  assert.equal(details.referral, referralId);

  // The consent copy alone, from the person's page.
  const consent = await context.db
    .selectFrom('consent')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  const personPage = await (await getAs(context.app, `/staff/people/${personId}`, sessions.referrer)).text();
  assert.ok(personPage.includes(`href="/staff/consents/${consent.id}/print.pdf"`));
  const consentPdf = await getAs(context.app, `/staff/consents/${consent.id}/print.pdf`, sessions.referrer);
  assert.equal(consentPdf.status, 200);
  const consentText = await readPdfText(new Uint8Array(await consentPdf.arrayBuffer()));
  assert.ok(consentText.includes('Ваше согласие на передачу сведений'));
  assert.ok(consentText.includes('Pajumte pēc atbrīvošanas'), 'the purpose as recorded');

  // Those who may not read the person may not print: the receiving institution, another team.
  assert.equal((await getAs(context.app, path, sessions.intake)).status, 403);
  assert.equal((await getAs(context.app, path, sessions.otherReferrer)).status, 403);
  assert.equal(
    (await getAs(context.app, `/staff/consents/${consent.id}/print.pdf`, sessions.otherReferrer)).status,
    403,
  );
  const after = await context.db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'person.print')
    .where('entity_id', '=', personId)
    .execute();
  assert.equal(after.length, 2, 'one event per print, none for refusals');
});
