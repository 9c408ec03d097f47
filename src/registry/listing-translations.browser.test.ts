// The staff forms' Russian and English fields, and a public page showing Latvian text to a Russian reader: at
// 360 px without JavaScript, no axe violation, in all three languages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { addTestInstitution } from './registry.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let cookies: Array<{ name: string; value: string }>;
let organizationId: string;

before(async () => {
  context = await createTestApp();
  organizationId = await addTestInstitution(context.db, {
    name: 'Alūksnes naktsmājas',
    type: 'ngo',
    location: { territoryCode: '0021000' },
  });
  const session = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'administrator' }),
  );
  cookies = session.cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name: name!, value: value.join('=') };
  });
  browser = await startBrowserSession(context.app);
});
after(async () => {
  await browser?.close();
  await context.close();
});

for (const language of ['lv', 'ru', 'en'] as const) {
  test(`the staff forms' translation fields in ${language}: 360 px, no axe violation`, async () => {
    const phone = await browser.newPhone();
    await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
    const page = await phone.newPage();
    for (const path of [
      `/staff/institutions/${organizationId}/edit`,
      `/staff/institutions/${organizationId}/services/new`,
    ]) {
      const response = await page.goto(`${browser.baseUrl}${path}?lang=${language}`);
      assert.equal(response?.status(), 200, path);
      assert.equal(await page.locator('textarea[name="description_ru"][lang="ru"]').count(), 1, path);
      assert.equal(await page.locator('input[name="name_en"][lang="en"]').count(), 1, path);
      assert.deepEqual(await findAccessibilityViolations(page), [], path);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      assert.ok(width <= 360, `${path} is ${width} px wide`);
    }
  });
}

test('an institution page in Russian showing Latvian text: 360 px, no axe violation', async () => {
  const phone = await browser.newPhone();
  const page = await phone.newPage();
  const response = await page.goto(`${browser.baseUrl}/institutions/${organizationId}?lang=ru`);
  assert.equal(response?.status(), 200);
  assert.ok((await page.locator('span[lang="lv"]').count()) > 0);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `the page is ${width} px wide`);
});
