import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { declareRecurringJobs, enqueueJob, runDueJobs, type JobDefinition } from './job.service.js';
import { recurringJobs } from './job-runner.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let cookies: Array<{ name: string; value: string }>;

before(async () => {
  context = await createTestApp();
  await declareRecurringJobs(context.db, recurringJobs);
  // One failed run, so the page shows both tables.
  await enqueueJob(context.db, { name: 'test.fails', payload: {}, maxAttempts: 1 });
  const failing = new Map<string, JobDefinition>([
    ['test.fails', { handler: () => Promise.reject(new Error('the register answered 503')) }],
  ]);
  await runDueJobs({ db: context.db, config: context.config }, failing, { processId: crypto.randomUUID() });
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
  test(`/staff/jobs in ${language}: fits 360 px without JavaScript, no axe violation`, async () => {
    const phone = await browser.newPhone();
    await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
    const page = await phone.newPage();
    const response = await page.goto(`${browser.baseUrl}/staff/jobs?lang=${language}`);
    assert.equal(response?.status(), 200);
    assert.ok((await page.content()).includes('the register answered 503'));
    assert.deepEqual(await findAccessibilityViolations(page), []);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 360, `the page is ${width} px wide`);
  });
}
