import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp } from '../testing/test-database.js';
import {
  apiTokensFor,
  createTestPerson,
  draftTestReferral,
  giveTestConsent,
  networkApiCaller,
  servicesOfDistinctInstitutions,
  testPerson,
  type ApiCall,
  type ReferralTestService,
} from './referral.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let service: ReferralTestService;
let call: ApiCall;

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
    worker: await createAccountForTest(context.db, {
      role: 'provider_worker',
      organizationId: service.organization_id,
    }),
    otherIntake: await createAccountForTest(context.db, { role: 'provider_intake' }),
    analyst: await createAccountForTest(context.db, { role: 'analyst' }),
    administrator: await createAccountForTest(context.db, { role: 'administrator' }),
  };
  call = networkApiCaller(context.app, await apiTokensFor(context.db, accounts));
});
after(async () => context.close());

const person = { ...testPerson, language: 'ru' };

async function newReferral(needs = ['shelter']) {
  const personId = await createTestPerson(call, 'referrer', person);
  const referral = await draftTestReferral(call, 'referrer', personId, {
    service_id: service.id,
    needs,
    urgency: 'urgent',
    needed_by: '2026-12-31',
  });
  return { personId, referralId: referral.id as string, referral };
}

async function consent(personId: string, categories = ['identity', 'needs', 'contact']) {
  return giveTestConsent(call, 'referrer', personId, {
    recipients: [service.organization_id],
    categories,
    purpose: 'Referral for a bed after release',
  });
}

test('the whole loop through the API: draft, send with consent, a question, accept, start, complete', async () => {
  const { personId, referralId, referral } = await newReferral();
  assert.deepEqual({ state: referral.state, version: referral.version }, { state: 'draft', version: 1 });

  const refused = await call('referrer', 'POST', `/api/v1/referrals/${referralId}/commands?lang=en`, {
    command: 'send',
    version: 1,
  });
  assert.equal(refused.status, 409);
  assert.match(refused.json.error.message, /consent/i);
  assert.equal(refused.json.error.code, 'conflict');

  await consent(personId);
  const steps: [string, Record<string, unknown>, string][] = [
    ['referrer', { command: 'send', version: 1 }, 'sent'],
    ['intake', { command: 'request_info', version: 2, note: 'Does he need a lower bunk?' }, 'info_requested'],
    ['referrer', { command: 'answer_info', version: 3, note: 'Yes, a knee injury.' }, 'sent'],
    ['intake', { command: 'accept', version: 4 }, 'accepted'],
    ['worker', { command: 'start', version: 5 }, 'in_progress'],
    ['worker', { command: 'complete', version: 6, outcome: 'helped' }, 'completed'],
  ];
  for (const [who, body, state] of steps) {
    const result = await call(who, 'POST', `/api/v1/referrals/${referralId}/commands`, body);
    assert.equal(result.status, 200, `${body.command}: ${JSON.stringify(result.json)}`);
    assert.deepEqual(result.json, { state, version: (body.version as number) + 1 });
  }

  const seen = await call('referrer', 'GET', `/api/v1/referrals/${referralId}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.state, 'completed');
  assert.equal(seen.json.outcome, 'helped');
  assert.deepEqual(
    seen.json.events.map((event: { command: string }) => event.command),
    steps.map(([, body]) => body.command),
  );
  assert.equal(seen.json.events[1].note, 'Does he need a lower bunk?');
  assert.equal(seen.json.person.given_name, 'Jānis');

  // The institution sees the person as far as the consent goes: identity and contact, not the residence.
  const provider = await call('intake', 'GET', `/api/v1/referrals/${referralId}`);
  assert.equal(provider.json.person.family_name, 'Paraudziņš');
  assert.equal(provider.json.person.last_residence, undefined);
  assert.ok(provider.json.viewed_at, 'the first look by the institution is recorded');

  const reads = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('action', '=', 'person.read')
    .execute();
  assert.ok(reads.length >= 2, 'each opening of the person is audited');
});

test('roles and scope: another institution, an analyst and an anonymous caller are refused', async () => {
  const { personId, referralId } = await newReferral();
  await consent(personId);
  assert.equal((await call('otherIntake', 'GET', `/api/v1/referrals/${referralId}`)).status, 403);
  assert.equal(
    (await call('intake', 'GET', `/api/v1/referrals/${referralId}`)).status,
    403,
    'a draft is the referrer’s alone',
  );
  assert.equal((await call('analyst', 'POST', '/api/v1/people', person)).status, 403);
  assert.equal((await call(null, 'GET', '/api/v1/referrals')).status, 401);
  assert.equal(
    (await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'send', version: 1 })).status,
    403,
  );
  const sent = await call('referrer', 'POST', `/api/v1/referrals/${referralId}/commands`, {
    command: 'send',
    version: 1,
  });
  assert.equal(sent.status, 200);
  assert.equal(
    (await call('otherIntake', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'accept', version: 2 }))
      .status,
    403,
  );
  assert.equal(
    (await call('referrer', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'accept', version: 2 }))
      .status,
    403,
  );
  const inbox = await call('intake', 'GET', '/api/v1/referrals?state=sent');
  assert.ok(inbox.json.referrals.some((entry: { id: string }) => entry.id === referralId));
  const other = await call('otherIntake', 'GET', '/api/v1/referrals?state=sent');
  assert.ok(!other.json.referrals.some((entry: { id: string }) => entry.id === referralId));
});

test('a stale version and a command the state does not allow are 409; a reason is required to decline', async () => {
  const { personId, referralId } = await newReferral();
  await consent(personId);
  await call('referrer', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'send', version: 1 });
  assert.equal(
    (await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'accept', version: 1 }))
      .status,
    409,
  );
  assert.equal(
    (
      await call('worker', 'POST', `/api/v1/referrals/${referralId}/commands`, {
        command: 'complete',
        version: 2,
        outcome: 'helped',
      })
    ).status,
    409,
  );
  assert.equal(
    (await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'decline', version: 2 }))
      .status,
    400,
  );
  const declined = await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, {
    command: 'decline',
    version: 2,
    reason_code: 'no_free_bed',
  });
  assert.deepEqual(declined.json, { state: 'declined', version: 3 });
});

test('concurrent accepts: exactly one wins; a command sent twice with one Idempotency-Key makes one event', async () => {
  const { personId, referralId } = await newReferral();
  await consent(personId);
  const key = { 'idempotency-key': `send-${referralId}` };
  const first = await call(
    'referrer',
    'POST',
    `/api/v1/referrals/${referralId}/commands`,
    { command: 'send', version: 1 },
    key,
  );
  const again = await call(
    'referrer',
    'POST',
    `/api/v1/referrals/${referralId}/commands`,
    { command: 'send', version: 1 },
    key,
  );
  assert.deepEqual(first.json, { state: 'sent', version: 2 });
  assert.deepEqual(again.json, first.json);
  const accepts = await Promise.all(
    [1, 2, 3].map(() =>
      call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'accept', version: 2 }),
    ),
  );
  assert.deepEqual(accepts.map((result) => result.status).sort(), [200, 409, 409]);
  const events = await context.db
    .selectFrom('referral_event')
    .select('command')
    .where('referral_id', '=', referralId)
    .execute();
  assert.deepEqual(events.map((event) => event.command).sort(), ['accept', 'send']);
});

test('withdrawing consent stops further sending; bad input is a translated 400 naming the field', async () => {
  const { personId, referralId } = await newReferral();
  const consentId = await consent(personId);
  assert.equal((await call('referrer', 'POST', `/api/v1/consents/${consentId}/withdraw`)).status, 200);
  assert.equal(
    (await call('referrer', 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'send', version: 1 }))
      .status,
    409,
  );

  const bad = await call('referrer', 'POST', '/api/v1/people?lang=lv', { ...person, language: 'de', shoe_size: 44 });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /language/);
  assert.match(bad.json.error.message, /shoe_size|body/);
  const unknownPlace = await call('referrer', 'POST', '/api/v1/people', { ...person, last_residence: '9999999' });
  assert.equal(unknownPlace.status, 400);
});

test('reason codes come with labels in the asked language', async () => {
  const response = await context.app.request('/api/v1/reason-codes?lang=ru');
  const json = (await response.json()) as { reason_codes: { code: string; label: string; group: string }[] };
  const noBed = json.reason_codes.find((entry) => entry.code === 'no_free_bed');
  assert.equal(noBed?.label, 'Нет свободного места');
  assert.equal(noBed?.group, 'capacity');
});

test('the OpenAPI document describes every /api/v1 route of the app, the finder included', async () => {
  const response = await context.app.request('/api/v1/openapi.json');
  assert.equal(response.status, 200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  assert.match(document.openapi, /^3\.1/);
  const routes = context.app.routes.filter((route) => route.path.startsWith('/api/v1') && route.method !== 'ALL');
  assert.ok(routes.length >= 9);
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    assert.ok(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path} is documented`);
  }
  const personBody = (
    document.paths['/api/v1/people']!.post as {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    }
  ).requestBody.content['application/json']!.schema;
  assert.deepEqual([...personBody.required].sort(), ['family_name', 'given_name', 'language']);
});

test('an administrator reads a referral only after breaking the glass with a reason; the grant and the read are audited', async () => {
  const { personId, referralId } = await newReferral();
  await consent(personId);
  assert.equal((await call('administrator', 'GET', `/api/v1/referrals/${referralId}`)).status, 403);
  assert.equal((await call('administrator', 'POST', `/api/v1/referrals/${referralId}/break-glass`, {})).status, 400);
  assert.equal(
    (await call('referrer', 'POST', `/api/v1/referrals/${referralId}/break-glass`, { reason: 'curious' })).status,
    403,
  );
  const granted = await call('administrator', 'POST', `/api/v1/referrals/${referralId}/break-glass`, {
    reason: 'Complaint 2026/14 about this referral',
  });
  assert.equal(granted.status, 201);
  const minutes = (Date.parse(granted.json.expires_at) - Date.now()) / 60_000;
  assert.ok(minutes > 25 && minutes <= 30, `limited in time: ${minutes} minutes`);
  const read = await call('administrator', 'GET', `/api/v1/referrals/${referralId}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.person.family_name, 'Paraudziņš');
  assert.equal(read.json.viewed_at, null, 'a break-glass read is not the institution looking');
  const audit = await context.db
    .selectFrom('audit_event')
    .select(['action', 'details'])
    .where('entity_id', '=', referralId)
    .execute();
  assert.ok(audit.some((row) => row.action === 'referral.break_glass'));
  assert.ok(
    audit.some(
      (row) => row.action === 'referral.read' && (row.details as { break_glass?: boolean }).break_glass === true,
    ),
  );
  const stored = await context.db.selectFrom('break_glass_grant').select('reason_sealed').execute();
  assert.ok(
    stored.length > 0 && stored.every((row) => !row.reason_sealed.includes('Complaint')),
    'the reason is sealed',
  );
});
