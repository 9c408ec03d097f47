import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, signInForTest, type TestSession } from '../accounts/testing.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { recordNoSuitableService } from './unmet-need.service.js';

// The unmet-need page on a 360 px phone without JavaScript, in lv, ru and en: charts, tables and "<5", no axe
// violation, nothing wider than the screen.

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let session: TestSession;

before(async () => {
  context = await createTestApp();
  for (let index = 0; index < 6; index += 1)
    await recordNoSuitableService(context.db, { helpType: 'shelter', territoryCode: '0001000' });
  for (let index = 0; index < 2; index += 1)
    await recordNoSuitableService(context.db, { helpType: 'documents', territoryCode: '0002000' });
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  session = await signInForTest(context.app, context.db, analyst);
  browser = await startBrowserSession(context.app);
});
after(async () => {
  await browser?.close();
  await context.close();
});

const shows = { lv: 'Rādīt', ru: 'Показать', en: 'Show' };
const titles = { lv: 'Neapmierinātās vajadzības', ru: 'Неудовлетворённые потребности', en: 'Unmet need' };

for (const [language, title] of Object.entries(titles)) {
  test(`the unmet-need page in ${language} on a phone: readable, narrow, axe-clean`, async () => {
    const phone = await browser.newPhone();
    // The signed-in analyst's cookies, in the browser's own jar (a fixed header would be lost beside a set cookie).
    await phone.addCookies(
      session.cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), url: browser.baseUrl };
      }),
    );
    const page = await phone.newPage();
    const response = await page.goto(`${browser.baseUrl}/staff/planning/unmet-need?lang=${language}`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title);
    const main = await page.locator('main').innerText();
    assert.match(main, /<5/);
    assert.equal((await page.locator('svg[role="img"], figure svg').count()) > 0, true);
    assert.deepEqual(await findAccessibilityViolations(page), []);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(width <= 360, `page is ${width} px wide on a 360 px phone`);
    // The filter works without JavaScript: a GET form.
    await page.locator('select#help').selectOption('shelter');
    await page.getByRole('button', { name: shows[language as keyof typeof shows] }).click();
    await page.waitForURL(/help=shelter/);
    assert.match(await page.locator('main').innerText(), /<5|6/);
    assert.deepEqual(await findAccessibilityViolations(page), []);
  });
}
