// The release plan, an institution page and the coverage map as people use them: a 360 px phone with
// JavaScript off, a real HTTP server over the real app, Debian's Chromium; printing and the PDF download too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { helpTypeCodes } from '../registry/help-types.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { addTestService } from './plan.fixtures.js';

const riga = '0001000';
let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let baseUrl: string;
let phone: BrowserContext;
let auditor: BrowserContext;
let socialServiceId: string;
const workDirectory = mkdtempSync(join(tmpdir(), 'atlas-plan-browser-'));

before(async () => {
  context = await createTestApp();
  const { db } = context;
  const weekdays = [{ days: ['MO', 'TU', 'WE', 'TH', 'FR'] as ('MO' | 'TU' | 'WE' | 'TH' | 'FR')[], opensAt: '08:30', closesAt: '17:00', description: null }];
  await addTestService(db, { name: 'Viļānu naktspatversme', institutionName: 'Viļānu patversme', helpTypes: ['shelter.night_shelter'], territoryCode: '0043200', residencyTerritoryCodes: ['0043000'], phone: '+371 64600001' });
  await addTestService(db, { name: 'Rēzeknes naktsmājas', institutionName: 'Biedrība “Pajumte”', helpTypes: ['shelter'], territoryCode: '0006000', phone: '+371 64622222', requiredDocuments: ['Izziņa par atbrīvošanu'] });
  await addTestService(db, { name: 'Pases un ID kartes', institutionName: 'Pilsonības un migrācijas lietu pārvalde', institutionType: 'state', helpTypes: ['documents'], territoryCode: '0006000', isStatewide: true, openingHours: weekdays });
  socialServiceId = (
    await addTestService(db, { name: 'Sociālā palīdzība', institutionName: 'Rīgas Sociālais dienests', institutionType: 'municipal_social_service', helpTypes: ['material.one_off_benefit'], territoryCode: riga, residencyTerritoryCodes: [riga], openingHours: weekdays, phone: '+371 67000000', isDemo: true })
  ).organizationId;
  await addTestService(db, { name: 'Narkologa konsultācija', institutionName: 'Rēzeknes narkoloģiskais kabinets', helpTypes: ['drugs'], territoryCode: '0006000' });
  await addTestService(db, { name: 'Bezdarbnieku reģistrācija', institutionName: 'Nodarbinātības valsts aģentūra', institutionType: 'state', helpTypes: ['employment'], territoryCode: '0006000', isStatewide: true });

  session = await startBrowserSession(context.app);
  baseUrl = session.baseUrl;
  phone = await session.newPhone({ acceptDownloads: true });
  // axe-core schedules its checks with timers, which never fire in a page with JavaScript off (analyze() hangs
  // there); our pages carry no scripts, so the same URL in a twin context with JavaScript on is the same page.
  auditor = await session.newPhone({ javaScriptEnabled: true });
});

after(async () => {
  await session?.close();
  await context?.close();
  rmSync(workDirectory, { recursive: true, force: true });
});

/** Serious and critical axe-core violations of the page the phone shows (same URL, same cookies). */
async function seriousViolations(shown: Page): Promise<string[]> {
  await auditor.clearCookies();
  await auditor.addCookies(await phone.cookies());
  const page = await auditor.newPage();
  await page.goto(shown.url());
  const results = await new AxeBuilder({ page }).analyze();
  await page.close();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function fitsThePhone(page: Page): Promise<void> {
  // A string expression: the project compiles without the DOM library.
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `page is ${width} px wide on a 360 px phone`);
}

/** Pages and text of a PDF, through poppler-utils. */
function readPdf(bytes: Buffer, name: string): { pages: number; text: string } {
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(workDirectory, name);
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { pages, text };
}

test('a plan made in Russian on a phone without JavaScript prints on A4 and downloads as a PDF', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/plan?lang=ru`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  assert.deepEqual(await seriousViolations(page), []);
  await fitsThePhone(page);

  await page.getByLabel('Где вы будете после освобождения?').fill('vilani');
  await page.getByLabel('Где было ваше последнее задекларированное место жительства?').selectOption({ label: 'Rīga' });
  for (const need of ['Где переночевать сегодня', 'Паспорт и другие документы', 'Помощь бросить наркотики', 'Работа']) await page.getByLabel(need).check();
  await page.getByLabel('Когда вас освободят? (можно не заполнять)').fill('2026-12-12');
  await page.getByRole('button', { name: 'Составить план' }).click();
  await page.waitForURL(/\/plan\/result\?/);

  const url = new URL(page.url());
  for (const [key, value] of url.searchParams) {
    if (key === 'needs') for (const need of value.split(',')) assert.ok((helpTypeCodes as readonly string[]).includes(need));
    else assert.ok(['territory', 'residence', 'lang'].includes(key), `unexpected ${key}`);
  }
  assert.equal(url.searchParams.get('territory'), '0043200');
  assert.equal(url.searchParams.get('lang'), 'ru');

  await page.getByRole('heading', { level: 1, name: 'Ваш план после освобождения' }).waitFor();
  const headings = await page.locator('.plan-stage h2').allInnerTexts();
  assert.deepEqual(headings.map((heading) => heading.replace(/^\d+\s*/, '').trim()), ['Первая ночь', 'Первый день', 'Первые недели']);
  const plan = await page.locator('article.plan').innerText();
  assert.match(plan, /День освобождения: суббота, 12 декабря 2026/);
  assert.match(plan, /Только для людей, чьё последнее задекларированное место жительства было: Rēzeknes novads\./);
  assert.match(plan, /Rīgas Sociālais dienests/);
  const share = new URL(await page.locator('#share-link').inputValue());
  assert.deepEqual([...share.searchParams.keys()].sort(), ['lang', 'needs', 'residence', 'territory']);
  assert.doesNotMatch(share.href, /2026/);
  assert.deepEqual(await seriousViolations(page), []);
  await fitsThePhone(page);

  // What the browser prints (print CSS, A4): one or two pages, the Russian text searchable.
  const printed = readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true }), 'printed.pdf');
  assert.ok(printed.pages >= 1 && printed.pages <= 2, `the printout has ${printed.pages} pages`);
  assert.ok(printed.text.includes('Первая ночь') && printed.text.includes('Что взять с собой'));
  assert.ok(!printed.text.includes('Отправить план другому'), 'the share box does not print');

  // The server's PDF, downloaded like a person would.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать PDF' }).click()]);
  const downloaded = readPdf(readFileSync((await download.path())!), 'downloaded.pdf');
  assert.equal(download.suggestedFilename(), 'plan-posle-osvobozhdeniya.pdf');
  assert.ok(downloaded.pages >= 1 && downloaded.pages <= 2, `the PDF has ${downloaded.pages} pages`);
  for (const expected of ['Ваш план после освобождения', 'Первая ночь', 'Rēzeknes naktsmājas', 'Viļānu naktspatversme', 'День освобождения']) {
    assert.ok(downloaded.text.includes(expected), `the PDF lacks “${expected}”`);
  }
  process.stdout.write(`# plan pages: printed ${printed.pages}, server PDF ${downloaded.pages}\n`);
  await page.close();
});

test('an institution page and the coverage map work on the phone, print, and pass axe-core', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/institutions/${socialServiceId}?lang=lv`);
  await page.getByRole('heading', { level: 1, name: /Rīgas Sociālais dienests/ }).waitFor();
  assert.match(await page.locator('main').innerText(), /piemēra dati/i);
  assert.equal(await page.locator('figure.locator-map svg[role="img"]').count(), 1);
  assert.deepEqual(await seriousViolations(page), []);
  await fitsThePhone(page);
  assert.equal((await page.goto(`${baseUrl}/institutions/00000000-0000-4000-8000-000000000000`))?.status(), 404);

  await page.goto(`${baseUrl}/coverage?lang=en`);
  assert.equal(await page.locator('figure.latvia-map svg path[data-iso]').count(), 42);
  assert.equal(await page.locator('.map-attribution a[href="https://www.amcharts.com/"]').count(), 1);
  assert.deepEqual(await seriousViolations(page), []);
  await fitsThePhone(page);

  await page.goto(`${baseUrl}/coverage?help=shelter&lang=ru`);
  const whiteSpots = await page.locator('ul.white-spot-list li').allInnerTexts();
  assert.ok(whiteSpots.includes('Ogres novads') && !whiteSpots.includes('Rēzekne'));
  assert.deepEqual(await seriousViolations(page), []);
  await fitsThePhone(page);
  const printed = readPdf(await page.pdf({ format: 'A4' }), 'coverage.pdf');
  assert.ok(printed.text.includes('Белые пятна'));
  process.stdout.write(`# coverage printout pages: ${printed.pages}\n`);
  await page.close();
});
