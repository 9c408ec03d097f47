// The browser-test helpers themselves: a Chromium that cannot start ends the test file at once with a clear message,
// and the accessibility check does find what is wrong with a page (so its empty answers elsewhere mean something).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Hono } from 'hono';
import { findAccessibilityViolations } from './accessibility.js';
import { startBrowserSession } from './browser.js';

test('a Chromium that cannot start fails the session at once with a message naming it, and leaves nothing running', async () => {
  // In a process of its own, which ends by itself only if the session closed its server again (one left listening
  // kept a test file alive until the runner's 10-minute timeout).
  const script = [
    `import { Hono } from 'hono';`,
    `import { startBrowserSession } from ${JSON.stringify(new URL('./browser.ts', import.meta.url).href)};`,
    `startBrowserSession(new Hono()).then(() => console.log('started'), (error) => console.log(error.message));`,
  ].join('\n');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      timeout: 20_000, // killed (and the test failed) if it is still running then
    },
  );
  assert.match(stdout, /^Chromium did not start from CHROMIUM_PATH=\/nonexistent\/chromium: \S/);
});

test('the accessibility check finds serious violations in a page with JavaScript off, and none in a sound one', async () => {
  const app = new Hono();
  app.get('/static/site.css', (c) =>
    c.body('.faint { color: #ccc; background: #fff; }', 200, { 'content-type': 'text/css' }),
  );
  const page = (body: string) =>
    `<!doctype html><html lang="lv"><head><title>Pārbaude</title><link rel="stylesheet" href="/static/site.css"></head><body><main>${body}</main></body></html>`;
  app.get('/sound', (c) => c.html(page('<h1>Pārbaude</h1><p>Teksts.</p><a href="/sound">Saite</a>')));
  // A link with no name, and grey text that only the stylesheet makes too faint to read.
  app.get('/faulty', (c) => c.html(page('<h1>Pārbaude</h1><p class="faint">Teksts.</p><a href="/sound"></a>')));
  const session = await startBrowserSession(app);
  try {
    const phone = await session.newPhone();
    const shown = await phone.newPage();
    await shown.goto(`${session.baseUrl}/sound`);
    assert.deepEqual(await findAccessibilityViolations(shown), []);
    await shown.goto(`${session.baseUrl}/faulty`);
    const violations = await findAccessibilityViolations(shown);
    assert.deepEqual(violations.map((violation) => violation.split(':')[0]).sort(), ['color-contrast', 'link-name']);
    assert.match(violations.find((violation) => violation.startsWith('link-name')) ?? '', /: a\b/);
  } finally {
    await session.close();
  }
});
