// The whole referral loop as staff use it: a 360 px phone with JavaScript off, the real app behind a real HTTP
// server, in Latvian, Russian and English. A referrer records a person and a consent and sends a shelter referral;
// the shelter's intake asks a question, gets the answer and accepts; a worker records the arrival and the outcome;
// the referrer sees every step. axe checks every page visited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createAccountForTest, type TestAccount } from '../accounts/testing.js';
import type { Language } from '../core/language.js';
import { addTestService } from '../plan/plan.fixtures.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { referralPageMessages } from './referral-pages.messages.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let shelter: { organizationId: string; serviceId: string };
let accounts: Record<'referrer' | 'intake' | 'worker', TestAccount>;

before(async () => {
  context = await createTestApp();
  shelter = await addTestService(context.db, {
    name: 'Naktspatversme “Pajumte”',
    institutionName: 'Biedrība “Pajumte”',
    helpTypes: ['shelter'],
    territoryCode: '0006000',
  });
  accounts = {
    referrer: await createAccountForTest(context.db, { role: 'referrer', displayName: 'Probācijas darbiniece' }),
    intake: await createAccountForTest(context.db, {
      role: 'provider_intake',
      organizationId: shelter.organizationId,
      displayName: 'Uzņemšana',
    }),
    worker: await createAccountForTest(context.db, {
      role: 'provider_worker',
      organizationId: shelter.organizationId,
      displayName: 'Sociālais darbinieks',
    }),
  };
  session = await startBrowserSession(context.app);
});

after(async () => {
  await session?.close();
  await context?.close();
});

/** The page is whole: no axe violation, nothing wider than the phone, no error status. */
async function checkPage(page: Page, where: string): Promise<void> {
  assert.deepEqual(await findAccessibilityViolations(page), [], `axe on ${where}`);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `${where} is ${width} px wide on a 360 px phone`);
}

async function signIn(phone: BrowserContext, account: TestAccount, language: Language): Promise<Page> {
  const page = await phone.newPage();
  await page.goto(`${session.baseUrl}/login?lang=${language}`);
  await checkPage(page, 'sign-in');
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Clicks a link or a submit button and waits for the page it leads to (a POST's redirect may land on the same URL). */
async function follow(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const commandButton = (page: Page, command: string) =>
  page.locator(`form:has(input[name="command"][value="${command}"]) button[type="submit"]`);

async function runCommand(page: Page, command: string, where: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), commandButton(page, command).click()]);
  assert.match(page.url(), /\/staff\/referrals\/[0-9a-f-]{36}$/, `${command} lands on the referral page`);
  await checkPage(page, `${where} after ${command}`);
}

for (const language of ['lv', 'ru', 'en'] as const) {
  const words = (key: string) => referralPageMessages[language][key] as string;

  test(`the whole referral loop on a phone without JavaScript (${language})`, async () => {
    const referrerPhone = await session.newPhone();
    const intakePhone = await session.newPhone();
    const workerPhone = await session.newPhone();
    const referrer = await signIn(referrerPhone, accounts.referrer, language);

    // The referrer records the person: the person's page has ids only in its address.
    await referrer.goto(`${session.baseUrl}/staff/people/new`);
    assert.equal(await referrer.locator('html').getAttribute('lang'), language);
    await checkPage(referrer, 'new person');
    await referrer.fill('#given_name', 'Jānis');
    await referrer.fill('#family_name', `Paraudziņš-${language}`);
    await referrer.selectOption('#last_residence', { index: 1 });
    await referrer.click('form[action="/staff/people/new"] button[type="submit"]');
    await referrer.waitForURL(/\/staff\/people\/[0-9a-f-]{36}$/);
    assert.doesNotMatch(referrer.url(), /Paraudzi|J%C4%81nis/);
    await checkPage(referrer, 'person');

    // ... and the consent: signed on paper, for the shelter, identity, needs and contact.
    await follow(referrer, 'a[href$="/consents/new"]');
    await checkPage(referrer, 'new consent');
    await referrer.selectOption('#recipients', shelter.organizationId);
    for (const category of ['identity', 'needs', 'contact']) await referrer.check(`#categories-${category}`);
    await referrer.fill('#purpose', 'Naktsmītne pēc atbrīvošanas');
    await referrer.check('#method-signed_paper');
    await referrer.fill('#expires_on', '2099-01-01');
    await referrer.click('form[action$="/consents/new"] button[type="submit"]');
    await referrer.waitForURL(/\/staff\/people\/[0-9a-f-]{36}$/);
    assert.equal(await referrer.getByText(words('network.consent.in_force'), { exact: true }).count(), 1);
    await checkPage(referrer, 'person with consent');

    // ... and the shelter referral, chosen from the registry, then sends it.
    await follow(referrer, 'a[href$="/referrals/new"]');
    await referrer.selectOption('#institution-choice', shelter.organizationId);
    await referrer.click('form[method="get"][action$="/referrals/new"] button[type="submit"]');
    await referrer.waitForURL(/institution=/);
    await checkPage(referrer, 'new referral');
    await referrer.selectOption('#service', shelter.serviceId);
    await referrer.check('#needs-shelter');
    await referrer.selectOption('#urgency', 'urgent');
    await referrer.fill('#note', 'Atbrīvo piektdien no rīta.');
    await referrer.click('form[method="post"][action$="/referrals/new"] button[type="submit"]');
    await referrer.waitForURL(/\/staff\/referrals\/[0-9a-f-]{36}$/);
    const referralPath = new URL(referrer.url()).pathname;
    await checkPage(referrer, 'draft referral');
    await runCommand(referrer, 'send', 'referral');
    assert.ok(await referrer.getByText(words('network.state.sent'), { exact: true }).count());

    // The shelter's intake sees it in the inbox with its due time and asks a question.
    const intake = await signIn(intakePhone, accounts.intake, language);
    await intake.goto(`${session.baseUrl}/staff/inbox`);
    await checkPage(intake, 'inbox');
    await follow(intake, `a[href="${referralPath}"]`);
    await checkPage(intake, 'referral for intake');
    assert.ok(await intake.getByText(`Paraudziņš-${language}`).count(), 'the consent lets the shelter see the name');
    await intake.fill('#request_info-note', 'Vai vajag apakšējo gultu?');
    await runCommand(intake, 'request_info', 'referral for intake');

    // The referrer answers.
    await referrer.goto(`${session.baseUrl}${referralPath}`);
    assert.ok(await referrer.getByText('Vai vajag apakšējo gultu?').count());
    await referrer.fill('#answer_info-note', 'Jā, ceļgala trauma.');
    await runCommand(referrer, 'answer_info', 'referral');

    // Intake reads the answer, writes in the thread, accepts and assigns the worker.
    await intake.goto(`${session.baseUrl}${referralPath}`);
    assert.ok(await intake.getByText('Jā, ceļgala trauma.').count());
    await intake.fill('#message-body', 'Gaidām piektdien līdz 12:00.');
    await follow(intake, `form[action="${referralPath}/messages"] button[type="submit"]`);
    await checkPage(intake, 'referral with a message');
    await runCommand(intake, 'accept', 'referral for intake');
    await intake.selectOption('#worker', accounts.worker.id);
    await follow(intake, `form[action="${referralPath}/assign"] button[type="submit"]`);
    await checkPage(intake, 'referral assigned');

    // The worker records the arrival and the outcome.
    const worker = await signIn(workerPhone, accounts.worker, language);
    await worker.goto(`${session.baseUrl}/staff/inbox`);
    await checkPage(worker, 'worker inbox');
    await follow(worker, `a[href="${referralPath}"]`);
    await runCommand(worker, 'start', 'referral for worker');
    await worker.selectOption('#complete-outcome', 'helped');
    await runCommand(worker, 'complete', 'referral for worker');

    // The referrer sees every step: the list says completed, the history has all six moves, the thread the message.
    await referrer.goto(`${session.baseUrl}/staff/referrals`);
    await checkPage(referrer, "team's referrals");
    assert.ok(await referrer.getByText(words('network.state.completed'), { exact: true }).count());
    await referrer.goto(`${session.baseUrl}${referralPath}`);
    await checkPage(referrer, 'completed referral');
    assert.equal(await referrer.locator('.referral-history > li').count(), 6);
    assert.ok(await referrer.getByText('Gaidām piektdien līdz 12:00.').count());
    assert.ok(await referrer.getByText(words('network.outcome.helped'), { exact: true }).count());
    for (const command of ['send', 'request_info', 'answer_info', 'accept', 'start', 'complete'])
      assert.ok(
        await referrer
          .locator('.referral-history')
          .getByText(words(`network.command.${command}`), { exact: false })
          .count(),
        `${command} in the history`,
      );
  });
}
