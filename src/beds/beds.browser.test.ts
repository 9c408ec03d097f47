// The duty worker's two-tap update as it happens at seven in the evening: a 360 px phone with JavaScript off, a real
// server, then the public finder — through another app instance on the same database — shows the new figure at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createApp } from '../http/app.js';
import { serveApp } from '../http/server.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { findBedFigures, setBedFigure } from './beds.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let secondServer: Awaited<ReturnType<typeof serveApp>>;
let cookies: Array<{ name: string; value: string }>;
let shelter: { id: string; name: string; organization: { id: string }; territory: { code: string } };

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  const answer = await context.app.request('/api/v1/finder/services?needs=shelter&limit=100');
  const services = ((await answer.json()) as { eligible: Array<typeof shelter> }).eligible;
  shelter = services.find((service) => service.organization.id !== null && service.territory !== null)!;
  await context.db
    .transaction()
    .execute((trx) =>
      setBedFigure(trx, { serviceId: shelter.id, available: 4, maximum: 10, accountId: null, channel: 'staff' }),
    );
  const worker = await createAccountForTest(context.db, {
    role: 'provider_worker',
    organizationId: shelter.organization.id,
  });
  const session = await signInForTest(context.app, context.db, worker);
  cookies = session.cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name: name!, value: value.join('=') };
  });
  browser = await startBrowserSession(context.app);
  // Another app process's worth: its own app, its own HTTP server, the same database.
  const second = createApp({ db: context.db, config: context.config, keyring: context.keyring });
  secondServer = await serveApp(second, { port: 0, hostname: '127.0.0.1' });
});
after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (secondServer ? secondServer.server.close(() => resolve()) : resolve()));
  await context?.close();
});

async function publicFigure(): Promise<{ available: number; maximum: number }> {
  const response = await fetch(`${secondServer.url}/api/v1/finder/services?needs=shelter&limit=100`);
  const body = (await response.json()) as { eligible: Array<{ id: string; capacity: any }> };
  return body.eligible.find((service) => service.id === shelter.id)!.capacity;
}

test('two taps at 360 px without JavaScript: the finder on another app instance shows the figure within a second', async () => {
  assert.equal((await publicFigure()).available, 4);
  const phone = await browser.newPhone();
  await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
  const page = await phone.newPage();
  const response = await page.goto(`${browser.baseUrl}/staff/beds?lang=en`);
  assert.equal(response?.status(), 200);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `the page is ${width} px wide`);
  const section = page.locator(`#service-${shelter.id}`);
  assert.match(await section.innerText(), /Empty places now: 4 of 10/);

  // Tap one: the place; tap two: "−1 (one taken)".
  await section.getByRole('button', { name: '−1 (one taken)' }).click();
  await page.waitForURL(/saved=/);
  const saved = Date.now();
  assert.equal((await publicFigure()).available, 3);
  assert.ok(Date.now() - saved < 1000, 'the finder shows it within a second');
  assert.match(await page.locator(`#service-${shelter.id}`).innerText(), /Empty places now: 3 of 10/);
  assert.match(await page.locator('.beds-saved').innerText(), /Saved/);
  assert.deepEqual(await findAccessibilityViolations(page), []);

  // The public finder page, in the browser, says it in words.
  const finder = await phone.newPage();
  await finder.goto(`${secondServer.url}/find?needs=shelter&territory=${shelter.territory.code}&lang=en`);
  assert.match(await finder.locator('main').innerText(), /3 free beds(?: for (?:men|women))?, updated just now/);
  await finder.close();

  // A typed number and "still N" work the same way.
  await page.locator(`#service-${shelter.id}`).getByLabel('Empty places now').fill('7');
  await page.locator(`#service-${shelter.id}`).getByRole('button', { name: 'Save' }).first().click();
  await page.waitForURL(/saved=/);
  assert.equal((await publicFigure()).available, 7);
  await page.locator(`#service-${shelter.id}`).getByRole('button', { name: 'Still 7' }).click();
  await page.waitForURL(/saved=/);
  const figure = (await findBedFigures(context.db, [shelter.id], { staleAfterSeconds: 3600 })).get(shelter.id)!;
  assert.equal(figure.empty, 7);
  assert.ok(Date.now() - figure.updatedAt.getTime() < 5000, '"still 7" records a new time');
  await page.close();
});

for (const language of ['lv', 'ru'] as const)
  test(`/staff/beds in ${language}: fits 360 px, no axe violation`, async () => {
    const phone = await browser.newPhone();
    await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
    const page = await phone.newPage();
    assert.equal((await page.goto(`${browser.baseUrl}/staff/beds?lang=${language}`))?.status(), 200);
    assert.deepEqual(await findAccessibilityViolations(page), []);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 360, `the page is ${width} px wide`);
  });
