import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiToken } from '../accounts/api-token.service.js';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  type TestSession,
} from '../accounts/testing.js';
import { formatCalendarDate } from '../core/dates.js';
import { translate } from '../core/i18n.js';
import { loadDemoData } from '../demo/demo.service.js';
import { getService } from '../registry/institution-read.service.js';
import { findTerritory } from '../territories/territory.service.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';

// The release plan a referring team prints for a person, with their referrals' summaries first (issue 11 item 7):
// in the person's language, for the team only, audited as a print; the public plan stays without any of it.

let context: Awaited<ReturnType<typeof createTestApp>>;
let service: { id: string; organization_id: string };
const tokens: Record<string, string> = {};
const sessions: Record<string, TestSession> = {};
const plannedStay = '0002000';
const lastResidence = '0021000';
const releaseDate = '2027-01-12';

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  const row = await context.db
    .selectFrom('service')
    .select(['id', 'organization_id'])
    .where('organization_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  service = { id: row.id, organization_id: row.organization_id! };
  const accounts = {
    referrer: await createAccountForTest(context.db, { role: 'referrer' }),
    otherReferrer: await createAccountForTest(context.db, { role: 'referrer' }),
    intake: await createAccountForTest(context.db, {
      role: 'provider_intake',
      organizationId: service.organization_id,
    }),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name] = (await createApiToken(context.db, account.id, 'test', null)).token;
    sessions[name] = await signInForTest(context.app, context.db, account);
  }
});
after(async () => context.close());

async function call(method: string, path: string, body: unknown) {
  const response = await context.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.referrer}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, any>;
  assert.ok(response.status === 200 || response.status === 201, JSON.stringify(json));
  return json;
}

async function printEvents(personId: string) {
  const rows = await context.db
    .selectFrom('audit_event')
    .select(['account_id', 'details'])
    .where('action', '=', 'person.print')
    .where('entity_id', '=', personId)
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>,
  }));
}

test('a referring team prints the person’s release plan with their referrals, in Russian, audited; others may not', async () => {
  const person = await call('POST', '/api/v1/people', {
    given_name: 'Оксана',
    family_name: 'Петрова',
    language: 'ru',
    last_residence: lastResidence,
    planned_stay: plannedStay,
    expected_release: releaseDate,
  });
  const personId = person.id as string;
  await call('POST', `/api/v1/people/${personId}/consents`, {
    recipients: [service.organization_id],
    categories: ['identity', 'needs', 'contact'],
    purpose: 'Pajumte pēc atbrīvošanas',
    method: 'signed_paper',
    expires_on: '2099-01-01',
  });
  const draft = await call('POST', '/api/v1/referrals', {
    person_id: personId,
    service_id: service.id,
    needs: ['shelter'],
    urgency: 'urgent',
    needed_by: '2027-01-13',
  });
  await call('POST', `/api/v1/referrals/${draft.id}/commands`, { command: 'send', version: 1 });

  const path = `/staff/people/${personId}/plan.pdf`;
  const personPage = await (await getAs(context.app, `/staff/people/${personId}?lang=en`, sessions.referrer)).text();
  assert.ok(personPage.includes(`href="${path}"`), 'linked from the person page');
  const referralPage = await (
    await getAs(context.app, `/staff/referrals/${draft.id}?lang=en`, sessions.referrer)
  ).text();
  assert.ok(referralPage.includes(`href="${path}"`), 'and from the referral page');
  assert.ok(referralPage.includes('Release plan with referrals (PDF)'));
  assert.equal((await printEvents(personId)).length, 0);

  // The staff member reads English; the person reads Russian: the plan is in Russian.
  const response = await getAs(context.app, `${path}?lang=en`, sessions.referrer);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('content-language'), 'ru');
  assert.match(response.headers.get('content-disposition') ?? '', new RegExp(`plan-${personId}\\.pdf`));
  const text = await readPdfText(new Uint8Array(await response.arrayBuffer()));
  const ru = (key: string, parameters: Record<string, string | number> = {}) => translate('ru', key, parameters);
  const serviceName = (await getService(context.db, service.id, 'ru')).name;
  const place = (await findTerritory(context.db, plannedStay))!.name;
  for (const expected of [
    ru('plan.result.title'),
    ru('plan.referrals.title'),
    ru('referral.print.summary_title'),
    serviceName,
    ru('referral.print.when_by', { date: formatCalendarDate('2027-01-13', 'ru') }),
    ru('plan.result.release', { date: formatCalendarDate(releaseDate, 'ru', { weekday: true }) }),
    ru('plan.result.place', { place }),
    ru('plan.step.shelter.title'),
  ])
    assert.ok(text.includes(expected), `the PDF lacks “${expected}”`);
  const firstStage = `1. ${ru('plan.stage.night')}`;
  assert.ok(text.includes(firstStage));
  assert.ok(text.indexOf(ru('plan.referrals.title')) < text.indexOf(firstStage), 'referrals come first');
  assert.ok(!text.includes('Your referrals'), 'not in the staff member’s language');
  assert.ok(!text.includes('Оксана') && !text.includes('Петрова'), 'the plan names no one');

  const events = await printEvents(personId);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.details.kind, 'print');
  assert.equal(events[0]!.details.document, 'release_plan');
  assert.deepEqual(events[0]!.details.referrals, [draft.id]);

  // Those who may not read the person may not print: another team, the receiving institution.
  assert.equal((await getAs(context.app, path, sessions.otherReferrer)).status, 403);
  assert.equal((await getAs(context.app, path, sessions.intake)).status, 403);
  assert.equal((await getAs(context.app, path)).status === 200, false, 'nor anyone signed out');
  assert.equal((await printEvents(personId)).length, 1, 'no event for refusals');
});

test('a person with no planned place of stay nor last declared residence: a translated 400, no print', async () => {
  const person = await call('POST', '/api/v1/people', { given_name: 'Иван', family_name: 'Иванов', language: 'ru' });
  const response = await getAs(context.app, `/staff/people/${person.id}/plan.pdf?lang=en`, sessions.referrer);
  assert.equal(response.status, 400);
  assert.ok((await response.text()).includes(translate('en', 'plan.error.person_no_place')));
  assert.equal((await printEvents(person.id as string)).length, 0);
});

test('the public plan PDF has no referral section', async () => {
  const visitor = await anonymousVisitorForTest(context.db);
  const response = await formPost(
    context.app,
    '/plan.pdf?lang=ru',
    { territory: plannedStay, needs: ['shelter'], release_date: releaseDate },
    visitor,
  );
  assert.equal(response.status, 200);
  const text = await readPdfText(new Uint8Array(await response.arrayBuffer()));
  assert.ok(text.includes(translate('ru', 'plan.step.shelter.title')));
  assert.ok(!text.includes(translate('ru', 'plan.referrals.title')));
  assert.ok(!text.includes(translate('ru', 'referral.print.summary_title')));
});
