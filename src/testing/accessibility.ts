import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Serious and critical axe-core violations of what a page shows, one readable line each ("rule: where, where").
 * axe-core runs inside the page and its timers never fire where JavaScript is off (analyze() hangs), as it is on our
 * phones; so the page's HTML is checked in a second, script-enabled context of the same size. The pages carry no
 * scripts of their own, so they render the same there; and a copy, unlike loading the URL again, is also right for a
 * page that answered a POST (a form shown again with its errors) or depends on cookies.
 */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('findAccessibilityViolations needs a page from browser.newContext()');
  const html = await page.content();
  const checker = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const copy = await checker.newPage();
    // At the app's own origin first, so the copy's stylesheet and links load as they do for the page itself.
    await copy.goto(new URL('/static/site.css', page.url()).toString());
    const base = `<base href="${page.url().replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`;
    await copy.setContent(
      html.replace(/<head\b[^>]*>/i, (head) => head + base),
      { waitUntil: 'load' },
    );
    const results = await new AxeBuilder({ page: copy }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  } finally {
    await checker.close();
  }
}
