// The online questionnaire as an institution's social worker meets it: a 360 × 740 phone, JavaScript off, in
// Russian, against a real HTTP server over the real app. Answers every part, trips over validation, submits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { addCases, getCaseByCode, issueInvitationToken } from './case.service.js';
import { findResponseOfCase } from './response.service.js';
import { createWave, openWave, type Wave } from './wave.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let session: BrowserSession;
let baseUrl: string;
let phone: BrowserContext;
let wave: Wave;
let token: string;

before(async () => {
  context = await createTestApp();
  wave = await createWave(context.db, { questionnaireKey: 'lv-2004', name: 'Опрос 2026', closesOn: '2099-12-31' });
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
  session = await startBrowserSession(context.app);
  baseUrl = session.baseUrl;
  phone = await session.newPhone({ locale: 'ru-RU' });
});

after(async () => {
  await session?.close();
  await context?.close();
});

async function fitsThePhone(page: Page): Promise<void> {
  const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(width <= 360, `page is ${width} px wide on a 360 px phone`);
}

const next = (page: Page) => page.getByRole('button', { name: 'Сохранить и продолжить' }).click();

test('a respondent answers the whole questionnaire in Russian on a phone without JavaScript', async () => {
  const page = await phone.newPage();
  const response = await page.goto(`${baseUrl}/survey/${token}?lang=ru`);
  assert.equal(response?.status(), 200);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await page.getByRole('link', { name: 'Начать' }).click();

  // Part 1: about the institution, prefilled from the sample.
  await page.waitForURL(/\/page\/respondent$/);
  assert.match(await page.locator('main').innerText(), /Часть 1 из 12/);
  assert.equal(await page.locator('progress').getAttribute('max'), '12');
  assert.equal(await page.getByLabel('муниципальное учреждение').isChecked(), true);
  assert.equal(await page.getByLabel('Край, город или волость').inputValue(), 'Daugavpils');
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);

  // The language switch keeps the personal link.
  await page.getByRole('link', { name: 'Latviešu' }).click();
  await page.waitForURL(new RegExp(`/survey/${token}/page/respondent\\?lang=lv$`));
  assert.match(await page.locator('main').innerText(), /Daļa 1 no 12/);
  await page.getByRole('link', { name: 'Русский' }).click();
  await page.waitForURL(new RegExp(`/survey/${token}/page/respondent\\?lang=ru$`));
  await next(page);

  // Part 2: documents. A wrong number comes back with a Russian message and everything typed still there.
  await page.waitForURL(/\/page\/documents$/);
  const provides = page.getByRole('group', { name: /получить паспорт/ });
  await provides.getByLabel('Да', { exact: true }).check();
  await page.getByLabel('Дополнительные штатные единицы (сколько?)').fill('полставки');
  await page.getByLabel('Дополнительное финансирование (сумма)').fill('300');
  await page.getByLabel('Валюта').selectOption({ label: 'евро (€)' });
  await next(page);
  assert.match(await page.locator('.error-summary').innerText(), /Введите число, например 2 или 0,5/);
  assert.match(await page.locator('.error-summary').innerText(), /Пожалуйста, ответьте и на этот вопрос/);
  assert.equal(await page.getByLabel('Дополнительные штатные единицы (сколько?)').inputValue(), 'полставки');
  assert.equal(
    await page
      .getByRole('group', { name: /получить паспорт/ })
      .getByLabel('Да', { exact: true })
      .isChecked(),
    true,
  );
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);
  await page.getByLabel('Дополнительные штатные единицы (сколько?)').fill('0,5');
  await page.getByLabel('Сумма указана').selectOption({ label: 'в год' });
  // "Yes" was saved with the valid answers, so "what exactly" is already on the corrected page.
  await page
    .getByLabel('Если да, в чём именно заключалась эта помощь?')
    .fill('Оплачиваем фото на паспорт и госпошлину');
  await next(page);

  // Part 3: legal help, "yes" on a fresh page → the follow-up comes as a second step.
  await page.waitForURL(/\/page\/legal$/);
  assert.match(await page.locator('main').innerText(), /Часть 3 из 12/);
  await page
    .getByRole('group', { name: /юридическую помощь/ })
    .getByLabel('Да', { exact: true })
    .check();
  await next(page);
  await page.waitForURL(/\/page\/legal\?step=2$/);
  assert.match(await page.locator('main').innerText(), /Вы ответили «да»/);
  await page.getByLabel('Если да, в чём именно заключалась эта помощь?').fill('Консультации юриста по жилью');
  await next(page);

  // Every other part: "no" to the main question.
  for (let part = 4; part <= 12; part++) {
    await page.waitForURL(/\/page\/[a-z]+$/);
    assert.match(await page.locator('main').innerText(), new RegExp(`Часть ${part} из 12`));
    await page.locator('fieldset').first().getByLabel('Нет', { exact: true }).check();
    await next(page);
  }

  await page.waitForURL(/\/review$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Проверьте ответы');
  const review = await page.locator('main').innerText();
  assert.match(review, /Консультации юриста по жилью/);
  assert.match(review, /0,5/);
  assert.deepEqual(await findAccessibilityViolations(page), []);
  await fitsThePhone(page);
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await page.waitForURL(/\/thanks$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Спасибо!');

  const surveyCase = await getCaseByCode(context.db, wave.id, 'C001');
  assert.equal(surveyCase.disposition, 'complete');
  const answers = (await findResponseOfCase(context.db, surveyCase.id))!.answers;
  assert.equal(answers.documents_needs_staff, '0.5');
  assert.equal(answers.documents_needs_funding_currency, 'EUR');
  assert.equal(answers.documents_provided_what, 'Оплачиваем фото на паспорт и госпошлину');
  assert.equal(answers.legal_provided_what, 'Консультации юриста по жилью');
  assert.equal(answers.programme_provides, 'no');
  assert.equal(answers.mode, 'online');
  await page.close();
});
