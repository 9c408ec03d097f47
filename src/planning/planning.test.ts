import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import type { SignedInAccount } from '../core/account.js';
import { latvianToday } from '../core/dates.js';
import { loadDemoData } from '../demo/demo.service.js';
import { recordConsent } from '../people/consent.service.js';
import { createPerson } from '../people/person.service.js';
import { createReferralDraft, getReferralForParty, runReferralCommand } from '../referrals/referral.service.js';
import { createTestApp } from '../testing/test-database.js';
import { buildUnmetNeedReport, type UnmetNeedReport } from './planning.service.js';
import { recordNoSuitableService } from './unmet-need.service.js';

// The figures come from referrals moved by the real services (referrals/referral.service.ts) and records made through
// the real endpoint; the page, the CSV and the report model must agree, with every count under 5 hidden.

let context: Awaited<ReturnType<typeof createTestApp>>;
let referrer: SignedInAccount;
let intake: SignedInAccount;
let analystSession: TestSession;
let referrerToken: string;
let service: { id: string; organization_id: string };
const today = latvianToday();

async function sendReferral(needs: string[]): Promise<string> {
  const personId = await context.db.transaction().execute(async (trx) => {
    const id = await createPerson(
      trx,
      context.keyring,
      { givenName: 'Anna', familyName: 'Bērziņa', language: 'lv' },
      { accountId: referrer.id, teamOrganizationId: referrer.organizationId! },
    );
    await recordConsent(
      trx,
      context.keyring,
      id,
      {
        recipientOrganizationIds: [service.organization_id],
        recipientHelpTypes: [],
        categories: ['identity', 'needs'],
        purpose: 'Referral after release',
        method: 'signed_paper',
        noticeVersion: '1',
        noticeLanguage: 'lv',
        givenOn: today,
        expiresOn: '2099-01-01',
      },
      referrer.id,
    );
    return id;
  });
  const draft = await context.db
    .transaction()
    .execute((trx) =>
      createReferralDraft(
        trx,
        context.keyring,
        { personId, serviceId: service.id, needs, urgency: 'urgent' },
        referrer,
      ),
    );
  await runReferralCommand(context.db, context.keyring, draft.id, { command: 'send', version: 1 }, referrer);
  return draft.id;
}

async function decline(referralId: string, reasonCode: string) {
  await runReferralCommand(
    context.db,
    context.keyring,
    referralId,
    { command: 'decline', version: 2, reasonCode },
    intake,
  );
}

let report: UnmetNeedReport;

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
  referrer = await createAccountForTest(context.db, { role: 'referrer' });
  intake = await createAccountForTest(context.db, { role: 'provider_intake', organizationId: service.organization_id });
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  analystSession = await signInForTest(context.app, context.db, analyst);
  referrerToken = (await createApiToken(context.db, referrer.id, 'test', null)).token;

  // 13 referrals sent: 6 accepted (each viewed first), 5 declined for no free bed, 2 for the other sex only.
  // Help types: 10 shelter only, 3 shelter and legal.
  for (let index = 0; index < 6; index += 1) {
    const id = await sendReferral(index < 3 ? ['shelter', 'legal'] : ['shelter']);
    await getReferralForParty(context.db, context.keyring, id, intake);
    await runReferralCommand(context.db, context.keyring, id, { command: 'accept', version: 2 }, intake);
  }
  for (let index = 0; index < 5; index += 1) await decline(await sendReferral(['shelter']), 'no_free_bed');
  for (let index = 0; index < 2; index += 1) await decline(await sendReferral(['shelter']), 'other_sex_only');

  // "No suitable service found": 6 for shelter through the endpoint, 1 for documents through the service.
  for (let index = 0; index < 6; index += 1) {
    const response = await context.app.request('/api/v1/unmet-need', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${referrerToken}` },
      body: JSON.stringify({ help_type: 'shelter', territory_code: '0001000' }),
    });
    assert.equal(response.status, 201, await response.clone().text());
  }
  await recordNoSuitableService(context.db, { helpType: 'documents', territoryCode: '0001000' });
  report = await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en');
});
after(async () => context.close());

test('the referral figures follow the events the services wrote', () => {
  assert.equal(report.sent, 13);
  assert.equal(report.declines, 7);
  assert.equal(report.expiries, 0);
  const byHelp = Object.fromEntries(report.referralsByHelpType.rows.map((row) => [row.code, row.count]));
  assert.deepEqual(byHelp, { shelter: 13, legal: null });
  assert.equal(report.referralsByMunicipality.total, 13);
  assert.deepEqual(
    report.referralsByMunicipality.rows.map((row) => row.count),
    [13],
  );
  assert.equal(report.timeToAccept.count, 6);
  assert.equal(report.timeToFirstView.count, 6);
  assert.ok(report.timeToAccept.quartiles && report.timeToAccept.quartiles.median >= 0);
  assert.ok(report.timeToAccept.quartiles.lower <= report.timeToAccept.quartiles.upper);
});

test('a decline total that would give back the small reason hides the large one too', () => {
  // 7 = 5 + 2: "other sex only" is under 5, and with the total of 7 shown the 5 would give it back.
  const reasons = Object.fromEntries(report.declinesByReason.map((row) => [row.code, row.count]));
  assert.deepEqual(reasons, { no_free_bed: null, other_sex_only: null });
  const groups = Object.fromEntries(report.declinesByGroup.rows.map((row) => [row.code, row.count]));
  assert.deepEqual(groups, { capacity: null, eligibility: null, person: 0, risk: 0, administrative: 0 });
});

test('"no suitable service found" is counted by help type and municipality, the small count hidden', () => {
  const byHelp = Object.fromEntries(report.noSuitableByHelpType.rows.map((row) => [row.code, row.count]));
  assert.equal(report.noSuitableByHelpType.total, 7);
  assert.deepEqual(byHelp, { shelter: null, documents: null });
  assert.deepEqual(
    report.noSuitableByMunicipality.rows.map((row) => [row.code, row.count]),
    [['0001000', 7]],
  );
});

test('a help-type filter narrows every figure', async () => {
  const legal = await buildUnmetNeedReport(context.db, { from: today, to: today, helpType: 'legal' }, 'en');
  assert.equal(legal.sent, null);
  assert.equal(legal.declines, 0);
  assert.equal(legal.noSuitableByHelpType.total, 0);
  assert.equal(legal.timeToAccept.count, null);
  assert.equal(legal.timeToAccept.quartiles, null);
  const earlier = await buildUnmetNeedReport(context.db, { from: '2020-01-01', to: '2020-12-31' }, 'en');
  assert.equal(earlier.sent, 0);
});

test('the CSV says "<5" where the page does and never the hidden number', async () => {
  const response = await getAs(
    context.app,
    `/staff/planning/unmet-need.csv?from=${today}&to=${today}&lang=en`,
    analystSession,
  );
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await response.text()).trim().split('\r\n');
  assert.equal(lines[0], 'table,code,label,count');
  assert.ok(lines.includes('overview,sent,Referrals sent,13'));
  assert.ok(lines.includes('overview,declines,Declines,7'));
  assert.ok(lines.includes('declines_by_reason,no_free_bed,No free bed,<5'));
  assert.ok(lines.includes('declines_by_reason,other_sex_only,Place for the other sex only,<5'));
  assert.ok(
    lines.includes('referrals_by_help_type,legal,Legal help,<5') ||
      lines.some((line) => /^referrals_by_help_type,legal,.*,<5$/.test(line)),
  );
  assert.ok(lines.some((line) => /^no_suitable_service_by_help_type,documents,.*,<5$/.test(line)));
  for (const line of lines.filter((line) => /,(no_free_bed|other_sex_only|documents|legal),/.test(line)))
    assert.doesNotMatch(line, /,[1-9]\d*$/, line);
});

test('the page is for analysts and administrators, in three languages, with charts and "<5"', async () => {
  for (const language of ['lv', 'ru', 'en']) {
    const response = await getAs(context.app, `/staff/planning/unmet-need?lang=${language}`, analystSession);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<svg/);
    assert.match(html, /&lt;5/);
    assert.match(html, /href="\/coverage"/);
  }
  const anonymous = await getAs(context.app, '/staff/planning/unmet-need');
  assert.equal(anonymous.status, 303);
  const referrerSession = await signInForTest(context.app, context.db, referrer);
  assert.equal((await getAs(context.app, '/staff/planning/unmet-need', referrerSession)).status, 403);
  const bad = await getAs(context.app, '/staff/planning/unmet-need?from=2026-13-01', analystSession);
  assert.equal(bad.status, 400);
});

test('the unmet-need endpoint takes referrers by bearer token only, and a need and a place only', async () => {
  const post = (body: unknown, token?: string) =>
    context.app.request('/api/v1/unmet-need', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  assert.equal((await post({ help_type: 'shelter', territory_code: '0001000' })).status, 401);
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  const analystToken = (await createApiToken(context.db, analyst.id, 'test', null)).token;
  assert.equal((await post({ help_type: 'shelter', territory_code: '0001000' }, analystToken)).status, 403);
  assert.equal((await post({ help_type: 'nothing', territory_code: '0001000' }, referrerToken)).status, 400);
  assert.equal((await post({ help_type: 'shelter', territory_code: '9999999' }, referrerToken)).status, 400);
  const withName = await post({ help_type: 'shelter', territory_code: '0001000', name: 'Anna' }, referrerToken);
  assert.equal(withName.status, 400);
});
