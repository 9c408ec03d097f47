// The survey and its report on a 360 px phone without JavaScript (issue 14, items 7–8), in Latvian, Russian and
// English: zero axe violations on the public report, the survey's pages and the staff wave and analysis pages;
// report tables that scroll only inside focusable named regions, headings in order, charts that fit; question text
// never cut by a border; a review page that lists only the questions that apply.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { addCases, getCaseByCode, issueInvitationToken } from '../surveys/case.service.js';
import { createWave, openWave, type Wave } from '../surveys/wave.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let cookies: Array<{ name: string; value: string }>;
let wave: Wave;
let token: string;

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  const session = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'analyst' }),
  );
  cookies = session.cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name: name!, value: value.join('=') };
  });
  wave = await createWave(context.db, { questionnaireKey: 'lv-2026', name: 'Tālruņa tests', closesOn: '2099-12-31' });
  await addCases(
    context.db,
    [
      {
        wave_id: wave.id,
        case_code: 'C001',
        respondent_id: 'R001',
        organization_name: 'Sociālais dienests',
        institution_type: 'municipal',
        territory: 'Daugavpils',
      },
    ],
    { note: 'test' },
  );
  await openWave(context.db, wave.id);
  token = await issueInvitationToken(context.db, (await getCaseByCode(context.db, wave.id, 'C001')).id);
  browser = await startBrowserSession(context.app);
});
after(async () => {
  await browser?.close();
  await context.close();
});

async function phonePage(signedIn: boolean): Promise<Page> {
  const phone = await browser.newPhone();
  if (signedIn) await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
  return phone.newPage();
}

async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${browser.baseUrl}${path}`);
  assert.equal(response?.status(), 200, path.replace(token, '…'));
}

async function assertFitsAndAccessible(page: Page, what: string): Promise<void> {
  assert.deepEqual(await findAccessibilityViolations(page), [], `${what}: axe`);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `${what}: the page is ${width} px wide`);
}

/** Heading levels in document order never skip one going down (h2 → h4). */
async function assertHeadingOrder(page: Page, what: string): Promise<void> {
  const levels = await page.evaluate<number[]>(
    `[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => Number(h.tagName[1]))`,
  );
  levels.forEach((level, index) => {
    if (index > 0) assert.ok(level <= levels[index - 1]! + 1, `${what}: h${levels[index - 1]} then h${level}`);
  });
}

/** Every legend and label lies wholly inside the 360 px screen and inside its own field's border. */
async function assertQuestionsUncut(page: Page, what: string): Promise<void> {
  const cut = await page.evaluate<string[]>(`(() => {
    const problems = [];
    for (const text of document.querySelectorAll('main legend, main label')) {
      const box = text.getBoundingClientRect();
      const field = text.closest('fieldset') ?? text.parentElement;
      const border = field.getBoundingClientRect();
      if (box.left < 0 || box.right > 360 || box.left < border.left - 1 || box.right > border.right + 1
          || text.scrollWidth > text.clientWidth + 1)
        problems.push(text.textContent.trim().slice(0, 40));
    }
    return problems;
  })()`);
  assert.deepEqual(cut, [], `${what}: question text cut`);
}

for (const language of ['lv', 'ru', 'en'] as const) {
  test(`the public report in ${language}: no axe violation, tables in focusable regions, headings in order, charts fit`, async () => {
    const page = await phonePage(false);
    await open(page, `/reports/lv-2004?lang=${language}`);
    await assertFitsAndAccessible(page, 'report');
    await assertHeadingOrder(page, 'report');
    const regions = await page.evaluate<Array<{ scrolls: boolean; focusable: boolean; named: boolean }>>(
      `[...document.querySelectorAll('.table-scroll')].map((box) => ({
        scrolls: box.scrollWidth > box.clientWidth,
        focusable: box.tabIndex === 0,
        named: box.getAttribute('role') === 'region' && Boolean(document.getElementById(box.getAttribute('aria-labelledby'))?.textContent.trim()),
      }))`,
    );
    assert.ok(regions.length > 20, `the report has its tables (${regions.length})`);
    assert.ok(regions.every((region) => region.focusable && region.named));
    const charts = await page.evaluate<Array<{ width: number; viewBox: string | null }>>(
      `[...document.querySelectorAll('figure.report-chart svg')].map((svg) => ({ width: svg.getBoundingClientRect().right, viewBox: svg.getAttribute('viewBox') }))`,
    );
    assert.ok(charts.length > 5, 'the report has its charts');
    for (const chart of charts) {
      assert.ok(chart.width <= 360, `a chart ends at ${chart.width} px`);
      assert.ok(chart.viewBox, 'a chart scales by its viewBox');
    }
  });

  test(`the survey in ${language}: first page, a long question, the review; no axe violation, nothing cut`, async () => {
    const page = await phonePage(false);
    await open(page, `/survey/${token}?lang=${language}`);
    await assertFitsAndAccessible(page, 'first page');
    await assertHeadingOrder(page, 'first page');
    // The material block asks the longest question of the form.
    await open(page, `/survey/${token}/page/material?lang=${language}`);
    await assertFitsAndAccessible(page, 'material');
    await assertQuestionsUncut(page, 'material');
    await page.locator('input[name="material_provides"][value="no"]').check();
    await page.locator('button[value="next"]').click();
    await open(page, `/survey/${token}/review?lang=${language}`);
    await assertFitsAndAccessible(page, 'review');
    const review = await page.locator('main').innerText();
    // "No" to material help: its "what exactly" does not apply and is not listed; the staff-only "how it came back"
    // never is.
    const labels = { lv: /Ja jā, kāda tieši/, ru: /Если да, в чём именно/, en: /If yes, what exactly/ };
    const materialSection = await page
      .locator('section', { has: page.locator('h2', { hasText: /Materiālā|Материальная|Material/ }) })
      .innerText();
    assert.doesNotMatch(materialSection, labels[language]);
    assert.doesNotMatch(review, /Kā anketa saņemta|Как получена анкета|How the form came back/);
  });

  test(`the staff wave and analysis pages in ${language}: no axe violation at 360 px`, async () => {
    const page = await phonePage(true);
    for (const path of [
      `/staff/waves/${wave.key}`,
      `/staff/waves/${wave.key}/paper`,
      `/staff/waves/${wave.key}/invitations`,
      '/staff/analysis',
      '/staff/analysis/lv-2004',
      '/staff/analysis/lv-2004/coding/documents',
      '/staff/analysis/lv-2004/quotes',
    ]) {
      await open(page, `${path}?lang=${language}`);
      await assertFitsAndAccessible(page, path);
    }
  });
}
