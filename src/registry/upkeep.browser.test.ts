// The upkeep pages in a real browser at 360 px, without JavaScript, in every language: zero axe violations and no
// sideways scrolling. Public: report a mistake, "Is this still right?", an institution page with a stale listing.
// Staff: the institution page's follow panel, the change feed, stale listings, the reports queue, differences.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, signInForTest } from '../accounts/testing.js';
import { findAccessibilityViolations } from '../testing/accessibility.js';
import { startBrowserSession, type BrowserSession } from '../testing/browser.js';
import { createTestApp } from '../testing/test-database.js';
import { importResponses } from '../surveys/response-csv.service.js';
import { createWaveFromRegistry } from '../surveys/wave.service.js';
import { setFollowing } from './follow.service.js';
import { helpTypeIdsForCodes } from './institution-read.service.js';
import { createService, updateInstitution } from './institution-write.service.js';
import { getInstitution } from './institution-read.service.js';
import { institutionToInput } from './institution-form.js';
import { signFormTime, submitMistakeReport } from './mistake-report.service.js';
import { addTestInstitution } from './registry.fixtures.js';
import { serviceInputFromValues, serviceValuesFromInput } from './registry.schema.js';
import type { ServiceInput } from './institution.model.js';
import { createVerificationLink, verificationPath } from './verification.service.js';

/** A service input from the form's empty values, with what the test sets. */
function testService(fields: Partial<ServiceInput> & { name: string }): ServiceInput {
  return { ...serviceInputFromValues(serviceValuesFromInput(null)), status: 'active', ...fields };
}

let context: Awaited<ReturnType<typeof createTestApp>>;
let browser: BrowserSession;
let cookies: Array<{ name: string; value: string }>;
let institutionId: string;
let verifyPath: string;
let waveKey: string;

before(async () => {
  context = await createTestApp();
  const { db } = context;
  const territory = (
    await db.selectFrom('territory').select('code').where('level', '=', 1).orderBy('code').executeTakeFirstOrThrow()
  ).code;
  institutionId = await addTestInstitution(db, {
    name: 'Pārlūka biedrība ar ļoti garu nosaukumu, kas neietilpst vienā rindā',
    type: 'religious',
    email: 'parluks@example.lv',
    location: { territoryCode: territory },
  });
  await db.transaction().execute((trx) =>
    createService(
      trx,
      institutionId,
      testService({
        name: 'Zupas virtuve',
        helpTypeIds: helpTypeIdsForCodes(['material']),
        isStatewide: false,
        phones: [{ number: '+371 67000000', description: null }],
        lastVerifiedOn: '2020-05-01',
      }),
      { updatedBy: 'system:test' },
    ),
  );
  const admin = await createAccountForTest(db, { role: 'administrator' });
  await db.transaction().execute(async (trx) => {
    await setFollowing(trx, admin.id, institutionId, true);
    const input = institutionToInput(await getInstitution(trx, institutionId));
    await updateInstitution(trx, institutionId, { ...input, description: 'Jauns apraksts' }, { updatedBy: admin.id });
    await submitMistakeReport(trx, {
      organizationId: institutionId,
      serviceId: null,
      body: 'Darba laiks ir cits: otrdienās slēgts.',
      honeypot: '',
      formTime: await signFormTime(trx, institutionId, new Date(Date.now() - 60_000)),
      senderAddress: '192.0.2.10',
    });
  });
  verifyPath = verificationPath(institutionId, await createVerificationLink(db, institutionId));
  const { wave } = await createWaveFromRegistry(db, {
    questionnaireKey: 'lv-2026',
    name: 'Pārlūka kārta',
    institutionTypes: ['religious'],
    territoryCodes: [territory],
  });
  waveKey = wave.key;
  await db
    .transaction()
    .execute((trx) =>
      importResponses(
        trx,
        wave,
        'respondent_id,material_provides,housing_provides,shelter_could_with_support\nR001,no,yes,yes',
      ),
    );
  const session = await signInForTest(context.app, db, admin);
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
  test(`upkeep pages in ${language}: 360 px, no JavaScript, no axe violation`, async () => {
    const phone = await browser.newPhone();
    await phone.addCookies(cookies.map((cookie) => ({ ...cookie, url: browser.baseUrl })));
    const page = await phone.newPage();
    const paths = [
      `/institutions/${institutionId}`,
      `/institutions/${institutionId}/report-mistake`,
      verifyPath,
      `/staff/institutions/${institutionId}`,
      '/staff/registry/feed',
      '/staff/registry/stale',
      '/staff/registry/reports',
      `/staff/registry/differences?wave=${waveKey}`,
    ];
    for (const path of paths) {
      const separator = path.includes('?') ? '&' : '?';
      const response = await page.goto(`${browser.baseUrl}${path}${separator}lang=${language}`);
      const shown = path.replace(/\/verify\/.*/, '/verify/…');
      assert.equal(response?.status(), 200, shown);
      assert.deepEqual(await findAccessibilityViolations(page), [], shown);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      assert.ok(width <= 360, `${shown} is ${width} px wide`);
    }
  });
}
