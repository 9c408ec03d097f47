// The release plan, an institution page and the coverage map as people use them: a 360 px phone with
// JavaScript off, a real HTTP server over the real app, Chromium; printing and the PDF download too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { helpTypeCodes } from '../registry/help-types.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { readPdfPages, readPdfText, readPdfTextSizes } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { addTestService } from './plan.fixtures.js';

const riga = '0001000';
let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let baseUrl: string;
let phone: BrowserContext;
let socialServiceId: string;

before(async () => {
  context = await createTestApp();
  const { db } = context;
  const weekdays = [
    {
      days: ['MO', 'TU', 'WE', 'TH', 'FR'] as ('MO' | 'TU' | 'WE' | 'TH' | 'FR')[],
      opensAt: '08:30',
      closesAt: '17:00',
      description: null,
    },
  ];
  await addTestService(db, {
    name: 'Viļānu naktspatversme',
    institutionName: 'Viļānu patversme',
    helpTypes: ['shelter.night_shelter'],
    territoryCode: '0043200',
    residencyTerritoryCodes: ['0043000'],
    phone: '+371 64600001',
  });
  await addTestService(db, {
    name: 'Rēzeknes naktsmājas',
    institutionName: 'Biedrība “Pajumte”',
    helpTypes: ['shelter'],
    territoryCode: '0006000',
    phone: '+371 64622222',
    requiredDocuments: ['Izziņa par atbrīvošanu'],
  });
  await addTestService(db, {
    name: 'Pases un ID kartes',
    institutionName: 'Pilsonības un migrācijas lietu pārvalde',
    institutionType: 'state',
    helpTypes: ['documents'],
    territoryCode: '0006000',
    isStatewide: true,
    openingHours: weekdays,
  });
  socialServiceId = (
    await addTestService(db, {
      name: 'Sociālā palīdzība',
      institutionName: 'Rīgas Sociālais dienests',
      institutionType: 'municipal_social_service',
      helpTypes: ['material.one_off_benefit'],
      territoryCode: riga,
      residencyTerritoryCodes: [riga],
      openingHours: weekdays,
      phone: '+371 67000000',
      isDemo: true,
      entitlement: {
        law: 'Rīgas saistošie noteikumi Nr. 0 (tests)',
        article: '5. punkts',
        url: 'https://example.org/tests/noteikumi-0',
        amount: 'līdz 100 EUR',
        limits: null,
      },
    })
  ).organizationId;
  // A women-only place near by: a plan for a man must leave it out.
  await addTestService(db, {
    name: 'Krīzes centrs sievietēm',
    institutionName: 'Biedrība “Māsas”',
    helpTypes: ['shelter'],
    territoryCode: '0006000',
    eligibleSex: 'female',
  });
  await addTestService(db, {
    name: 'Narkologa konsultācija',
    institutionName: 'Rēzeknes narkoloģiskais kabinets',
    helpTypes: ['drugs'],
    territoryCode: '0006000',
  });
  await addTestService(db, {
    name: 'Bezdarbnieku reģistrācija',
    institutionName: 'Nodarbinātības valsts aģentūra',
    institutionType: 'state',
    helpTypes: ['employment'],
    territoryCode: '0006000',
    isStatewide: true,
  });

  session = await startBrowserSession(context.app);
  baseUrl = session.baseUrl;
  phone = await session.newPhone({ acceptDownloads: true });
});

after(async () => {
  await session?.close();
  await context?.close();
});

async function fitsThePhone(page: Page): Promise<void> {
  // A string expression: the project compiles without the DOM library.
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 360, `page is ${width} px wide on a 360 px phone`);
}

/** Pages and text of a PDF. */
async function readPdf(bytes: Buffer): Promise<{ pages: number; text: string }> {
  return { pages: (await readPdfPages(bytes)).length, text: await readPdfText(bytes) };
}

test('a plan for a man made in Russian on a phone without JavaScript leaves out women-only places, prints on A4 and downloads as a PDF', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/plan?lang=ru`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  await page.getByLabel('Где вы будете после освобождения?').fill('vilani');
  await page.getByLabel('Где было ваше последнее задекларированное место жительства?').selectOption({ label: 'Rīga' });
  for (const need of ['Где переночевать сегодня', 'Паспорт и другие документы', 'Помощь бросить наркотики', 'Работа'])
    await page.getByLabel(need).check();
  await page.getByLabel('Когда вас освободят? (можно не заполнять)').fill('2026-12-12');
  await page.getByLabel('Мужчина').check();
  await page.getByLabel('Возраст в годах (можно не заполнять)').fill('40');
  await page.getByRole('button', { name: 'Составить план' }).click();
  await page.waitForURL(/\/plan\/result\?/);

  const url = new URL(page.url());
  for (const [key, value] of url.searchParams) {
    if (key === 'needs')
      for (const need of value.split(',')) assert.ok((helpTypeCodes as readonly string[]).includes(need));
    else assert.ok(['territory', 'residence', 'lang'].includes(key), `unexpected ${key}`);
  }
  assert.equal(url.searchParams.get('territory'), '0043200');
  assert.equal(url.searchParams.get('lang'), 'ru');

  await page.getByRole('heading', { level: 1, name: 'Ваш план после освобождения' }).waitFor();
  const headings = await page.locator('.plan-stage h2').allInnerTexts();
  assert.deepEqual(
    headings.map((heading) => heading.replace(/^\d+\s*/, '').trim()),
    ['Первая ночь', 'Первый день', 'Первые недели'],
  );
  const plan = await page.locator('article.plan').innerText();
  assert.match(plan, /День освобождения: суббота, 12 декабря 2026/);
  assert.match(plan, /Только для людей, чьё последнее задекларированное место жительства было: Rēzeknes novads\./);
  assert.match(plan, /Rīgas Sociālais dienests/);
  assert.match(plan, /Для кого план: мужчина, 40 лет/);
  assert.ok(!plan.includes('Krīzes centrs sievietēm') && !plan.includes('Māsas'), 'no women-only place for a man');
  assert.match(
    plan,
    /Это ваше право по: Rīgas saistošie noteikumi Nr\. 0 \(tests\), 5\. punkts\. Размер: līdz 100 EUR\./,
  );
  // Every link on the page is free of what he said of himself.
  const addresses = await page.evaluate<string[]>(
    '[...document.querySelectorAll("a[href], form[action], button[formaction]")].map((element) => element.getAttribute("href") ?? element.getAttribute("action") ?? element.getAttribute("formaction"))',
  );
  assert.ok(addresses.length > 5);
  for (const href of addresses) assert.doesNotMatch(href, /2026-12-12|male|sex=|age=/, href);
  const share = new URL(await page.locator('#share-link').inputValue());
  assert.deepEqual([...share.searchParams.keys()].sort(), ['lang', 'needs', 'residence', 'territory']);
  assert.doesNotMatch(share.href, /2026/);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  // What the browser prints (print CSS, A4): one or two pages, the Russian text searchable.
  const printed = await readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  assert.ok(printed.pages >= 1 && printed.pages <= 4, `the printout has ${printed.pages} pages`);
  assert.ok(printed.text.includes('Первая ночь') && printed.text.includes('Что взять с собой'));
  assert.ok(!printed.text.includes('Отправить план другому'), 'the share box does not print');

  // He leaves one place out (a checkbox, no JavaScript), then downloads the server's PDF like a person would.
  await page.getByLabel('Взять в план: Nodarbinātības valsts aģentūra').uncheck();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать PDF', exact: true }).click(),
  ]);
  const downloadedBytes = readFileSync((await download.path())!);
  const downloaded = await readPdf(downloadedBytes);
  assert.equal(download.suggestedFilename(), 'plan-posle-osvobozhdeniya.pdf');
  assert.ok(downloaded.pages >= 1 && downloaded.pages <= 4, `the PDF has ${downloaded.pages} pages`);
  for (const expected of [
    'Ваш план после освобождения',
    'Первая ночь',
    'Rēzeknes naktsmājas',
    'Viļānu naktspatversme',
    'День освобождения: суббота, 12 декабря 2026',
    'Заметки',
    'Это ваше право по: Rīgas saistošie noteikumi',
  ]) {
    assert.ok(downloaded.text.includes(expected), `the PDF lacks “${expected}”`);
  }
  assert.ok(!downloaded.text.includes('Krīzes centrs sievietēm'), 'no women-only place in his PDF');
  assert.ok(!downloaded.text.includes('Nodarbinātības valsts aģentūra'), 'the place he unticked is left out');

  // Large print: the same plan, bigger type.
  const [largeDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'PDF крупным шрифтом' }).click(),
  ]);
  const largeBytes = readFileSync((await largeDownload.path())!);
  const large = await readPdf(largeBytes);
  assert.ok(large.text.includes('День освобождения: суббота, 12 декабря 2026'));
  const bodySize = async (bytes: Buffer) => {
    const sizes = (await readPdfTextSizes(bytes)).flat().filter((item) => !/Reentry Atlas|Страница/.test(item.text));
    return Math.min(...sizes.map((item) => item.size));
  };
  const standardBody = await bodySize(downloadedBytes);
  const largeBody = await bodySize(largeBytes);
  assert.ok(standardBody >= 11 && standardBody <= 12, `standard body text ${standardBody} pt`);
  assert.ok(largeBody >= 16, `large-print body text ${largeBody} pt`);
  assert.ok(large.pages >= downloaded.pages);
  process.stdout.write(
    `# plan pages: printed ${printed.pages}, server PDF ${downloaded.pages}, large print ${large.pages}\n`,
  );
  await page.close();
});

test('an institution page and the coverage map work on the phone, print, and pass axe-core', async () => {
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/institutions/${socialServiceId}?lang=lv`);
  await page.getByRole('heading', { level: 1, name: /Rīgas Sociālais dienests/ }).waitFor();
  assert.match(await page.locator('main').innerText(), /piemēra dati/i);
  assert.equal(await page.locator('figure.locator-map svg[role="img"]').count(), 1);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);
  assert.equal((await page.goto(`${baseUrl}/institutions/00000000-0000-4000-8000-000000000000`))?.status(), 404);

  await page.goto(`${baseUrl}/coverage?lang=en`);
  assert.equal(await page.locator('figure.latvia-map svg path[data-iso]').count(), 42);
  assert.equal(await page.locator('.map-attribution a[href="https://www.amcharts.com/"]').count(), 1);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  await page.goto(`${baseUrl}/coverage?help=shelter&lang=ru`);
  const whiteSpots = await page.locator('ul.white-spot-list li').allInnerTexts();
  assert.ok(whiteSpots.includes('Ogres novads') && !whiteSpots.includes('Rēzekne'));
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);
  const printed = await readPdf(await page.pdf({ format: 'A4' }));
  assert.ok(printed.text.includes('Белые пятна'));
  process.stdout.write(`# coverage printout pages: ${printed.pages}\n`);
  await page.close();
});
