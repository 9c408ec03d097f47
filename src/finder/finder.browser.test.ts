// The finder as a person uses it: a phone-sized browser with JavaScript off, a real HTTP server, the real app.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { finderTestRegistry, insertFinderTestServices } from './finder.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let baseUrl: string;
let phone: BrowserContext;

before(async () => {
  context = await createTestApp();
  await insertFinderTestServices(context.db, finderTestRegistry);
  session = await startBrowserSession(context.app);
  baseUrl = session.baseUrl;
  phone = await session.newPhone();
});
after(async () => {
  await session?.close();
  await context?.close();
});

async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `page is ${width} px wide on a 360 px phone`);
}

test('a person whose last residence was elsewhere finds shelter and sees the residency-restricted one apart, with its reason', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/?lang=lv`);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  await page.getByLabel('Kur pārgulēt šonakt').check();
  await page.getByLabel('Kur jūs būsiet?').fill('rezeknes novads');
  await page.getByLabel('Kur bija jūsu pēdējā deklarētā dzīvesvieta?').selectOption({ label: 'Rīga' });
  await page.getByRole('button', { name: 'Meklēt palīdzību' }).click();
  await page.waitForURL(/\/find\?needs=shelter&territory=0043000&residence=0001000$/);

  const apart = page.locator('section.not-eligible');
  // Folded into one line; a tap on it shows the places and their reasons, without JavaScript.
  await apart.locator('summary').click();
  await apart.getByText('Rēzeknes novada patversme').waitFor();
  assert.match(await apart.innerText(), /Tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija: Rēzeknes novads\./);
  const eligible = page.locator('section.result-group');
  assert.match(await eligible.first().innerText(), /Rēzeknes pilsētas naktsmājas/);
  assert.doesNotMatch(await eligible.allInnerTexts().then((texts) => texts.join('\n')), /Rēzeknes novada patversme/);
  assert.equal(await page.locator('a[href="tel:+37164611111"]').count(), 1);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  await page.getByRole('link', { name: 'Русский' }).click();
  await page.waitForURL(/lang=ru/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await page.locator('section.not-eligible summary').click();
  assert.match(
    await page.locator('section.not-eligible').innerText(),
    /Только для людей, чьё последнее задекларированное место жительства было: Rēzeknes novads\./,
  );
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await page.close();
});

test('the chosen language is remembered on the next page', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/?lang=ru`);
  await page.goto(`${baseUrl}/find`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await page.getByRole('button', { name: 'Искать помощь' }).click();
  // Nothing ticked: the same form again, in Russian, with the problem named.
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  assert.match(await page.locator('.error-summary').innerText(), /Отметьте хотя бы один вид помощи/);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  // A need but no place: help in all of Latvia, still in Russian.
  await page.getByLabel('Где переночевать сегодня').check();
  await page.getByRole('button', { name: 'Искать помощь' }).click();
  assert.match(await page.locator('main').innerText(), /По всей Латвии/);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await page.close();
});
