// Inviting a staff member as people do it: a 360 px phone with JavaScript off, the real app behind a real HTTP
// server. An administrator invites (lv), the invitee opens the e-mailed link and chooses a password (ru), then
// picks the daily digest on their own account page; a link used twice says so (en). axe checks every page.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { outboxDirectory } from '../mail/mail.service.js';
import { decodeQuotedPrintable } from '../mail/testing.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { createAccountForTest, type TestAccount } from './testing.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let admin: TestAccount;
const organizationId = crypto.randomUUID();

before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-invitation-browser-${process.pid}` });
  await addTestInstitution(context.db, { id: organizationId, name: 'Valsts probācijas dienesta Rīgas nodaļa' });
  admin = await createAccountForTest(context.db, { role: 'administrator' });
  session = await startBrowserSession(context.app);
});
after(async () => {
  await session?.close();
  await context?.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

async function checkPage(page: Page, where: string): Promise<void> {
  assert.deepEqual(await findAccessibilityViolations(page), [], `axe on ${where}`);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `${where} is ${width} px wide on a 360 px phone`);
}

test('invite on a phone, accept the link, choose the digest; every page passes axe at 360 px', async () => {
  const adminPhone = await session.newPhone();
  const page = await adminPhone.newPage();
  await page.goto(`${session.baseUrl}/login?lang=lv`);
  await page.fill('#email', admin.email);
  await page.fill('#password', admin.password);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.goto(`${session.baseUrl}/staff/accounts/invite?role=referrer&organization=${organizationId}`);
  await checkPage(page, 'invite');
  assert.equal(await page.inputValue('#role'), 'referrer');
  assert.equal(await page.inputValue('#organization_id'), organizationId);
  await page.fill('#display_name', 'Olga Petrova');
  await page.fill('#email', 'olga.petrova@probacija.lv');
  await page.selectOption('#language', 'ru');
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/staff/accounts/invite"] button[type="submit"]'),
  ]);
  assert.match(page.url(), /\/staff\/accounts\?done=invited$/);
  await checkPage(page, 'accounts with a pending invitation');
  assert.ok(await page.getByText('olga.petrova@probacija.lv').count());

  const message = await context.db
    .selectFrom('outbound_message')
    .select(['id', 'subject'])
    .where('recipient', '=', 'olga.petrova@probacija.lv')
    .executeTakeFirstOrThrow();
  assert.equal(message.subject, 'Приглашение в Reentry Atlas');
  const eml = decodeQuotedPrintable(readFileSync(join(outboxDirectory(context.config), `${message.id}.eml`), 'utf8'));
  const link = /(http\S+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(eml)?.[1];
  assert.ok(link);

  const inviteePhone = await session.newPhone();
  const invitee = await inviteePhone.newPage();
  await invitee.goto(`${session.baseUrl}${new URL(link).pathname}${new URL(link).search}&lang=ru`);
  await checkPage(invitee, 'choose a password');
  await invitee.fill('#new_password', 'мой длинный пароль 2026');
  await invitee.fill('#repeat_password', 'мой длинный пароль 2026');
  await Promise.all([invitee.waitForNavigation(), invitee.click('form[action="/invitation"] button[type="submit"]')]);
  assert.match(invitee.url(), /\/staff$/);
  await checkPage(invitee, 'staff home after accepting');
  assert.ok(await invitee.getByText('Olga Petrova', { exact: false }).count());

  await invitee.goto(`${session.baseUrl}/staff/account`);
  await checkPage(invitee, 'own account');
  await invitee.check('#notification_mode_digest');
  await Promise.all([
    invitee.waitForNavigation(),
    invitee.click('form[action="/staff/account"] button[type="submit"]'),
  ]);
  await checkPage(invitee, 'own account saved');
  assert.equal(await invitee.isChecked('#notification_mode_digest'), true);

  const again = await (await session.newPhone()).newPage();
  const response = await again.goto(`${session.baseUrl}${new URL(link).pathname}${new URL(link).search}&lang=en`);
  assert.equal(response?.status(), 410);
  await checkPage(again, 'a used link');
  assert.ok(await again.getByText('This link has already been used').count());
});
