// Sending a declined referral on, on a 360 px phone with JavaScript off: the referral page offers it, the form picks
// another institution's service, the new draft links back. axe checks every page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest, type TestAccount } from '../accounts/testing.js';
import { addTestService } from '../plan/plan.fixtures.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { reasonsFor } from './referral-reasons.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let first: { organizationId: string; serviceId: string };
let second: { organizationId: string; serviceId: string };
let referrer: TestAccount;
const tokens: Record<string, string> = {};

before(async () => {
  context = await createTestApp();
  first = await addTestService(context.db, {
    name: 'Naktspatversme “Pajumte”',
    institutionName: 'Biedrība “Pajumte”',
    helpTypes: ['shelter'],
    territoryCode: '0006000',
  });
  second = await addTestService(context.db, {
    name: 'Krīzes centrs “Otrā iespēja”',
    institutionName: 'Biedrība “Otrā iespēja”',
    helpTypes: ['shelter'],
    territoryCode: '0006000',
  });
  referrer = await createAccountForTest(context.db, { role: 'referrer' });
  const intake = await createAccountForTest(context.db, {
    role: 'provider_intake',
    organizationId: first.organizationId,
  });
  tokens.referrer = (await createApiToken(context.db, referrer.id, 'test', null)).token;
  tokens.intake = (await createApiToken(context.db, intake.id, 'test', null)).token;
  session = await startBrowserSession(context.app);
});
after(async () => {
  await session?.close();
  await context?.close();
});

async function call(who: string, path: string, body: unknown) {
  const response = await context.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, any>;
  assert.ok(response.status < 300, JSON.stringify(json));
  return json;
}

async function checkPage(page: Page, where: string): Promise<void> {
  assert.deepEqual(await findAccessibilityViolations(page), [], `axe on ${where}`);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `${where} is ${width} px wide on a 360 px phone`);
}

test('a declined referral is sent on to another service from its page (ru)', async () => {
  const person = await call('referrer', '/api/v1/people', {
    given_name: 'Ivans',
    family_name: 'Ozols',
    language: 'ru',
  });
  await call('referrer', `/api/v1/people/${person.id}/consents`, {
    recipients: [first.organizationId, second.organizationId],
    categories: ['identity', 'needs'],
    purpose: 'Pajumte',
    method: 'signed_paper',
    expires_on: '2099-01-01',
  });
  const draft = await call('referrer', '/api/v1/referrals', {
    person_id: person.id,
    service_id: first.serviceId,
    needs: ['shelter'],
    urgency: 'urgent',
  });
  await call('referrer', `/api/v1/referrals/${draft.id}/commands`, { command: 'send', version: 1 });
  await call('intake', `/api/v1/referrals/${draft.id}/commands`, {
    command: 'decline',
    version: 2,
    reason_code: reasonsFor('decline')[0]!.code,
  });

  const phone = await session.newPhone();
  const page = await phone.newPage();
  await page.goto(`${session.baseUrl}/login?lang=ru`);
  await page.fill('#email', referrer.email);
  await page.fill('#password', referrer.password);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.goto(`${session.baseUrl}/staff/referrals/${draft.id}`);
  await checkPage(page, 'declined referral');
  assert.equal(await page.locator(`a[href="/staff/referrals/${draft.id}/print.pdf"]`).count(), 1);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/staff/referrals/${draft.id}/onward"]`)]);
  await checkPage(page, 'send on');
  await page.selectOption('#institution-choice', second.organizationId);
  await Promise.all([page.waitForNavigation(), page.click('form[method="get"] button[type="submit"]')]);
  await checkPage(page, 'send on, services');
  await page.selectOption('#service', second.serviceId);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[method="post"][action$="/onward"] button[type="submit"]'),
  ]);
  assert.match(page.url(), /\/staff\/referrals\/[0-9a-f-]{36}$/);
  assert.ok(!page.url().includes(draft.id));
  await checkPage(page, 'the onward draft');
  assert.equal(await page.locator(`a[href="/staff/referrals/${draft.id}"]`).count(), 1, 'links back');
  assert.ok(await page.getByText('Krīzes centrs “Otrā iespēja”').count());
});
