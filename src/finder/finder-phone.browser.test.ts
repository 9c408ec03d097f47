// The finder as the Russian-speaking man from issue 14 meets it: a 360 px phone set to Russian, JavaScript off, the
// demo registry, a bed tonight in "Daugavpls" (a typo), last declared residence Rēzekne.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { loadDemoData } from '../demo/demo.service.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { pickServiceTexts } from './finder.output.js';
import { findServices, findSocialServiceFor, loadFinderIndex } from './finder.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let phone: BrowserContext;

const SCREEN_HEIGHT = 740;
const daugavpils = '0002000';
const rezekne = '0006000';

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  session = await startBrowserSession(context.app);
  // A phone whose language is Russian: Chromium sends Accept-Language: ru-RU.
  phone = await session.newPhone({ locale: 'ru-RU' });
});
after(async () => {
  await session?.close();
  await context?.close();
});

test('a bed in "Daugavpls" in Russian: did you mean Daugavpils, then short results with the emergency strip that fit 6 screens', async () => {
  const page = await phone.newPage();
  await page.goto(`${session.baseUrl}/`);
  assert.equal(
    await page.locator('html').getAttribute('lang'),
    'ru',
    'Accept-Language chose Russian on the first visit',
  );

  // The search button is within two screens, and every checkbox row is a 44 px target.
  const button = page.getByRole('button', { name: 'Искать помощь' });
  // The page has just loaded, unscrolled: the box's top is its distance from the top of the page.
  const buttonTop = (await button.boundingBox())?.y ?? Infinity;
  assert.ok(buttonTop < 2 * SCREEN_HEIGHT, `the search button is ${buttonTop} px down`);
  for (const height of await page
    .locator('.needs label')
    .evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().height)))
    if (height > 0) assert.ok(height >= 44, `a checkbox row is ${height} px tall`);

  await page.getByLabel('Где переночевать сегодня').check();
  await page.getByLabel('Где вы будете?').fill('Daugavpls');
  // In Russian, residence is listed in Cyrillic with the Latvian name.
  await page.getByLabel('Где было ваше последнее задекларированное место жительства?').selectOption({
    label: 'Резекне (Rēzekne)',
  });
  await button.click();

  await page.getByRole('heading', { name: 'Вы имели в виду это место?' }).waitFor();
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await page.getByRole('link', { name: 'Даугавпилс (Daugavpils)' }).click();
  await page.waitForURL(new RegExp(`/find\\?needs=shelter&territory=${daugavpils}&residence=${rezekne}$`));

  // The emergency strip: 112, the crisis line, and the social service of Daugavpils from the registry.
  const index = await loadFinderIndex(context.db);
  const socialService = findSocialServiceFor(index, daugavpils);
  assert.ok(socialService, 'the demo registry has a social service in Daugavpils');
  const strip = page.locator('section.emergency');
  assert.equal(await strip.locator('a[href="tel:112"]').count(), 1);
  assert.equal(await strip.locator('a[href="tel:116123"]').count(), 1);
  const socialHref = `tel:${socialService.phones[0]!.replace(/[^\d+]/g, '')}`;
  assert.equal(await strip.locator(`a[href="${socialHref}"]`).count(), 1);
  assert.match(await strip.innerText(), new RegExp(socialService.organizationName));

  // Distances on the cards; "change search" before the first card.
  const result = findServices(index, {
    needs: ['shelter'],
    territoryCode: daugavpils,
    residenceCode: rezekne,
    limit: 20,
    offset: 0,
  });
  assert.ok(result.eligible.length > 0 && result.notEligible.length > 0, 'the demo search has both kinds');
  const cards = page.locator('section.result-group article.card');
  assert.equal(await cards.count(), result.eligible.length);
  assert.match(await cards.first().locator('.distance').innerText(), /Даугавпилс \(Daugavpils\) – там, где вы/);
  // The listings' own texts in Russian (the demo data has them all), not Latvian marked as such.
  const resultsText = (await page.locator('section.result-group').allTextContents()).join(' ');
  for (const hit of result.eligible) {
    const description = pickServiceTexts(hit.service, 'ru').description;
    if (!description) continue;
    assert.equal(description.fallback, false, `${hit.service.name} has a Russian description`);
    assert.ok(resultsText.includes(description.text.slice(0, 30)), `${hit.service.name}: Russian description shown`);
  }
  assert.equal(await page.getByText('(по-латышски)').count(), 0, 'no listing text falls back to Latvian');
  // Places over 50 km away come after the near ones, folded into one line.
  const farDistances = await page.locator('#results-far ~ article .distance').allTextContents();
  assert.ok(farDistances.length > 0, 'the demo has places far from Daugavpils');
  for (const text of farDistances) assert.match(text, /примерно \d+ км/);
  for (const hit of result.eligible)
    if (hit.distanceKilometres !== null && hit.distanceKilometres > 50)
      assert.ok(
        farDistances.some((text) => text.includes(`${Math.round(hit.distanceKilometres!)} км`)),
        `${hit.service.name} is among the far places`,
      );
  const changeTop = await page
    .getByRole('link', { name: 'Изменить поиск' })
    .evaluate((element) => element.getBoundingClientRect().top);
  const firstCardTop = await cards.first().evaluate((element) => element.getBoundingClientRect().top);
  assert.ok(changeTop < firstCardTop, '"change search" is above the results');

  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  assert.ok(height <= 6 * SCREEN_HEIGHT, `the results are ${height} px tall, more than 6 screens`);
  assert.deepEqual(await findAccessibilityViolations(page), []);

  // The places that will not help: one line with their count, the reasons one tap away (no JavaScript).
  const folded = page.locator('section.not-eligible details');
  assert.equal(await folded.getAttribute('open'), null);
  const summary = folded.locator('summary');
  assert.match(await summary.innerText(), new RegExp(`^${result.totalNotEligible} мест`));
  const firstApart = result.notEligible[0]!;
  const firstApartName = pickServiceTexts(firstApart.service, 'ru').name.text;
  assert.equal(await folded.getByText(firstApartName).first().isVisible(), false);
  await summary.click();
  assert.notEqual(await folded.getAttribute('open'), null);
  assert.equal(await folded.getByText(firstApartName).first().isVisible(), true);
  assert.match(await folded.innerText(), /Почему не вам: Только для людей, чьё последнее задекларированное место/);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await page.close();
});

test('Russian and historical names go straight to the place: "Двинск" is Daugavpils, "Режица" is Rēzekne', async () => {
  const page = await phone.newPage();
  for (const [typed, code] of [
    ['Двинск', daugavpils],
    ['Режица', rezekne],
    ['Resekne', rezekne],
  ] as const) {
    await page.goto(`${session.baseUrl}/find?needs=shelter&place=${encodeURIComponent(typed)}`);
    if (typed === 'Resekne') await page.getByRole('link', { name: 'Резекне (Rēzekne)' }).click();
    await page.waitForURL(new RegExp(`territory=${code}`));
  }
  await page.close();
});
