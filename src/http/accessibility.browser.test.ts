// axe on every public and staff page, in Latvian, Russian and English, on a 360 px phone without JavaScript: an
// administrator signs in through the real form and walks the list below (demo data loaded, so pages have content).
// Pages that need an id get one from the page that links to them, the way a person would reach them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createAccountForTest, type TestAccount } from '../accounts/testing.js';
import type { Language } from '../core/language.js';
import { demoInstitutionIds, loadDemoData } from '../demo/demo.service.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let administrator: TestAccount;

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  administrator = await createAccountForTest(context.db, { role: 'administrator' });
  session = await startBrowserSession(context.app);
});
after(async () => {
  await session?.close();
  await context?.close();
});

const institution = demoInstitutionIds()[0]!;

/** Pages anyone can open. */
const publicRoutes = [
  '/',
  '/find',
  '/find?needs=',
  '/find?needs=shelter&place=Daugavpls',
  '/find?needs=shelter&place=salas%20pagasts',
  '/find?needs=shelter&territory=0002000&residence=0006000',
  '/find?needs=documents,material&territory=0001000',
  `/institutions/${institution}`,
  `/institutions/${institution}?from=0006000`,
  '/coverage',
  '/coverage?help_type=shelter',
  '/plan',
  '/reports',
  '/no-such-page',
];

/** The survey report's pages, whose wide tables scroll in a focusable, named region (issue 14 item 7). */
const reportRoutes = ['/reports/lv-2004'];
const staffReportRoutes = ['/staff/analysis/lv-2004', 'link:/staff/analysis/lv-2004/coding/[^"?]+'];

/** Staff pages an administrator can open; `link:` entries are found on the page before them. */
const staffRoutes = [
  '/staff',
  '/staff/account/password',
  '/staff/accounts',
  '/staff/audit',
  '/staff/dpo',
  '/staff/inbox',
  '/staff/jobs',
  '/staff/outbox',
  '/staff/people',
  '/staff/people/new',
  '/staff/referrals',
  '/staff/planning/unmet-need',
  '/staff/institutions',
  '/staff/institutions/new',
  `/staff/institutions/${institution}`,
  'link:/staff/institutions/[^"]+/services/[^"]+/edit',
  `/staff/institutions/${institution}`,
  'link:/staff/institutions/[^"]+/locations/[^"]+/edit',
  `/staff/institutions/${institution}/edit`,
  `/staff/institutions/${institution}/contacts/new`,
  `/staff/institutions/${institution}/locations/new`,
  `/staff/institutions/${institution}/services/new`,
  '/staff/waves',
  '/staff/waves/new',
  '/staff/waves/lv-2004',
  '/staff/waves/lv-2004/invitations',
  '/staff/waves/lv-2004/paper',
  '/staff/analysis',
  '/staff/analysis/compare',
];

async function signIn(phone: BrowserContext, language: Language): Promise<Page> {
  const page = await phone.newPage();
  await page.goto(`${session.baseUrl}/login?lang=${language}`);
  await page.fill('#email', administrator.email);
  await page.fill('#password', administrator.password);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Opens a route (or the first link of a pattern on the page open now) and returns the violations found there. */
async function check(page: Page, route: string, language: Language): Promise<string[]> {
  let path = route;
  if (route.startsWith('link:')) {
    const pattern = new RegExp(`href="(${route.slice('link:'.length)})"`);
    const found = pattern.exec(await page.content())?.[1];
    if (!found) return [`${route}: no such link on ${page.url()}`];
    path = found.replaceAll('&amp;', '&');
  }
  const response = await page.goto(`${session.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${language}`);
  const status = response?.status() ?? 0;
  if (status >= 500) return [`${path}: status ${status}`];
  return (await findAccessibilityViolations(page)).map((violation) => `${path}: ${violation}`);
}

for (const language of ['lv', 'ru', 'en'] as const) {
  test(`axe finds nothing on any public or staff page in ${language}`, async () => {
    const visitor = await (await session.newPhone()).newPage();
    const problems: string[] = [];
    for (const route of publicRoutes) problems.push(...(await check(visitor, route, language)));
    const staff = await signIn(await session.newPhone(), language);
    for (const route of staffRoutes) problems.push(...(await check(staff, route, language)));
    assert.deepEqual(problems, []);
  });

  test(`axe on the survey report's pages in ${language}`, async () => {
    const visitor = await (await session.newPhone()).newPage();
    const problems: string[] = [];
    for (const route of reportRoutes) problems.push(...(await check(visitor, route, language)));
    const staff = await signIn(await session.newPhone(), language);
    for (const route of staffReportRoutes) problems.push(...(await check(staff, route, language)));
    assert.deepEqual(problems, []);
  });
}
