// The registry's upkeep end to end through HTTP (issue 15, items 1-4): an institution editor changes their listing
// (recorded, audited, in a follower's feed; another institution's is 403), the verification e-mail's one-tap
// confirm (the date moves; the link fails for another listing and on second use), a public mistake report through
// the queue to "fixed" (spam refused, nothing stored), and survey answers into the registry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  type TestSession,
} from '../accounts/testing.js';
import { latvianToday } from '../core/dates.js';
import { decodeQuotedPrintable } from '../mail/testing.js';
import { listOutboundMessages, readMessageFile } from '../mail/mail.service.js';
import { importResponses } from '../surveys/response-csv.service.js';
import { createWaveFromRegistry } from '../surveys/wave.service.js';
import { createTestApp } from '../testing/test-database.js';
import { helpTypeIdsForCodes, getInstitutionWithServices } from './institution-read.service.js';
import { createService } from './institution-write.service.js';
import { signFormTime, reportsPerSenderPerHour } from './mistake-report.service.js';
import { addTestInstitution } from './registry.fixtures.js';
import { serviceInputFromValues, serviceValuesFromInput } from './registry.schema.js';
import type { ServiceInput } from './institution.model.js';
import { recordSurveyVerifications } from './survey-differences.service.js';
import {
  createVerificationLink,
  monthsBefore,
  sendDueVerificationRequests,
  verificationPath,
} from './verification.service.js';

/** A service input from the form's empty values, with what the test sets. */
function testService(fields: Partial<ServiceInput> & { name: string }): ServiceInput {
  return { ...serviceInputFromValues(serviceValuesFromInput(null)), status: 'active', ...fields };
}

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;
let follower: TestSession;
let editor: TestSession;
let editorOrganizationId: string;
let otherEditor: TestSession;

before(async () => {
  // X-Forwarded-For from 127.0.0.1 is believed, so the test can play several senders.
  context = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1,::1' });
  const { db, app } = context;
  admin = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
  follower = await signInForTest(app, db, await createAccountForTest(db, { role: 'analyst' }));
  const editorAccount = await createAccountForTest(db, { role: 'institution_editor' });
  editorOrganizationId = editorAccount.organizationId!;
  editor = await signInForTest(app, db, editorAccount);
  otherEditor = await signInForTest(app, db, await createAccountForTest(db, { role: 'institution_editor' }));
});
after(async () => {
  await context.close();
});

function location(response: Response): string {
  assert.equal(response.status, 303, `expected a redirect, got ${response.status}`);
  return response.headers.get('location')!;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((row) => row.action);
}

test('an institution editor keeps their own listing: recorded, audited, in a follower’s feed; others get 403', async () => {
  const { app, db } = context;
  const base = `/staff/institutions/${editorOrganizationId}`;
  // The administrator's page offers the invitation by e-mail link for this institution; the editor's does not.
  const adminPage = await (await getAs(app, base, admin)).text();
  assert.ok(
    adminPage.includes(
      `href="/staff/accounts/invite?role=institution_editor&amp;organization=${editorOrganizationId}"`,
    ),
    'invite link',
  );
  assert.ok(!(await (await getAs(app, base, editor)).text()).includes('/staff/accounts/invite'));

  location(await formPost(app, `${base}/follow`, { follow: '1' }, follower));
  const followerPage = await (await getAs(app, base, follower)).text();
  assert.ok(followerPage.includes('value="0"'), 'the follower now sees "stop following"');
  const emptyFeed = await (await getAs(app, '/staff/registry/feed', follower)).text();

  const edited = await formPost(
    app,
    `${base}/edit`,
    {
      name: 'Redaktora iestāde',
      institution_type: 'ngo',
      description: 'Palīdzam ar dokumentiem',
      email: 'r@example.lv',
    },
    editor,
  );
  assert.equal(location(edited), `${base}?saved=1`);
  const saved = await getInstitutionWithServices(db, editorOrganizationId, 'lv');
  assert.equal(saved.name, 'Redaktora iestāde');
  // Recorded: one history row per changed field, by the editor's account.
  const history = await db
    .selectFrom('metadata')
    .select(['field_name', 'updated_by'])
    .where('resource_id', '=', editorOrganizationId)
    .where('last_action_type', '=', 'update')
    .execute();
  assert.deepEqual(history.map((row) => row.field_name).sort(), ['description', 'email', 'institution_type', 'name']);
  assert.ok((await auditActions(editorOrganizationId)).includes('registry.organization.update'));

  const feed = await (await getAs(app, '/staff/registry/feed', follower)).text();
  assert.ok(
    !emptyFeed.includes('Redaktora iestāde') && feed.includes('Redaktora iestāde'),
    'the feed shows the change',
  );
  assert.ok(feed.includes('institution_type'), 'with the changed fields');
  // Someone who follows nothing sees none of it.
  const admins = await (await getAs(app, '/staff/registry/feed', admin)).text();
  assert.ok(!admins.includes('Redaktora iestāde'));

  // The editor of another institution may neither open nor post this one's forms.
  assert.equal((await getAs(app, `${base}/edit`, otherEditor)).status, 403);
  const refused = await formPost(app, `${base}/edit`, { name: 'Pārņemts', institution_type: 'ngo' }, otherEditor);
  assert.equal(refused.status, 403);
  assert.equal((await getInstitutionWithServices(db, editorOrganizationId, 'lv')).name, 'Redaktora iestāde');
});

test('verification e-mail → one-tap confirm moves the date; the link fails for another listing and a second time', async () => {
  const { app, db, config } = context;
  const first = await addTestInstitution(db, { name: 'Pārbaudāmā biedrība', email: 'p@example.lv', type: 'ngo' });
  const second = await addTestInstitution(db, { name: 'Otrā biedrība', email: 'o@example.lv', type: 'ngo' });
  const now = new Date();
  const sent = await sendDueVerificationRequests(db, config, now);
  assert.ok(sent >= 2, `e-mailed ${sent}`);
  // Once per interval: a second run the same day asks nobody again.
  assert.equal(await sendDueVerificationRequests(db, config, now), 0);

  const { messages } = await listOutboundMessages(db, { page: 1, pageSize: 100 });
  const mail = messages.find((message) => message.subjectId === first && message.purpose === 'registry.verification');
  assert.ok(mail, 'an e-mail to the first institution');
  assert.equal(mail.to, 'p@example.lv');
  assert.ok(!mail.bodyText.includes('/verify/') || mail.bodyText.includes('[…]'), 'the stored copy masks the token');
  const raw = decodeQuotedPrintable((await readMessageFile(config, mail))!.toString('utf8'));
  const path = new RegExp(`/verify/${first}/[A-Za-z0-9_-]+`).exec(raw)?.[0];
  assert.ok(path, 'the e-mail carries the link');
  const rawToken = path.split('/').pop()!;

  const visitor = await anonymousVisitorForTest(db);
  const page = await getAs(app, path, visitor);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes('Pārbaudāmā biedrība') && html.includes(`action="${path}"`));

  // The same token for another listing: unknown, and the other listing does not move.
  assert.equal((await getAs(app, `/verify/${second}/${rawToken}`, visitor)).status, 404);
  assert.equal((await formPost(app, `/verify/${second}/${rawToken}`, {}, visitor)).status, 404);
  assert.equal((await getInstitutionWithServices(db, second, 'lv')).lastVerifiedOn, null);

  assert.equal((await getInstitutionWithServices(db, first, 'lv')).lastVerifiedOn, null);
  assert.equal(location(await formPost(app, path, {}, visitor)), `/verify/${first}/confirmed`);
  assert.equal((await getInstitutionWithServices(db, first, 'lv')).lastVerifiedOn?.slice(0, 10), latvianToday());
  assert.deepEqual(
    (await auditActions(first)).filter((action) => action.startsWith('registry.verification')),
    ['registry.verification.requested', 'registry.verification.confirmed'],
  );
  // Single use.
  const again = await formPost(app, path, {}, visitor);
  assert.equal(again.status, 409);
  assert.ok((await (await getAs(app, `${path}?lang=en`, visitor)).text()).includes('This link has been used already'));

  // "Something is wrong": the institution sends corrections through its link instead; the link is then used up
  // and the listing's date does not move.
  const correctPath = `${verificationPath(second, await createVerificationLink(db, second))}/correct`;
  const correctForm = await (await getAs(app, correctPath, visitor)).text();
  assert.ok(correctForm.includes(`action="${correctPath}"`));
  const corrected = await formPost(
    app,
    correctPath,
    {
      body: 'Jauns tālrunis: 67111111.',
      form_time: await signFormTime(db, second, new Date(Date.now() - 10_000)),
      website: '',
    },
    visitor,
    { 'x-forwarded-for': '198.51.100.7' },
  );
  assert.equal(location(corrected), `/verify/${second}/corrected`);
  const correction = await db
    .selectFrom('mistake_report')
    .select('status')
    .where('organization_id', '=', second)
    .execute();
  assert.deepEqual(correction, [{ status: 'open' }]);
  assert.equal((await getInstitutionWithServices(db, second, 'lv')).lastVerifiedOn, null);
  const secondTry = await formPost(
    app,
    correctPath,
    { body: 'Vēlreiz.', form_time: await signFormTime(db, second, new Date(Date.now() - 10_000)), website: '' },
    visitor,
    { 'x-forwarded-for': '198.51.100.7' },
  );
  assert.equal(secondTry.status, 409);
  assert.equal(
    (await db.selectFrom('mistake_report').select('id').where('organization_id', '=', second).execute()).length,
    1,
  );

  // The stale queue lists the second (never verified) with how to reach it, not the first.
  const queue = await (await getAs(app, '/staff/registry/stale', admin)).text();
  assert.ok(queue.includes('Otrā biedrība') && queue.includes('mailto:o@example.lv'));
  assert.ok(!queue.includes('Pārbaudāmā biedrība'));
  assert.equal((await getAs(app, '/staff/registry/stale', editor)).status, 403);
  assert.equal(monthsBefore('2026-08-31', 6), '2026-02-28');
});

test('a listing verified over a year ago tells the public to call before going', async () => {
  const { app, db } = context;
  const id = await addTestInstitution(db, { name: 'Sena biedrība', type: 'ngo' });
  await db.transaction().execute(async (trx) => {
    await createService(
      trx,
      id,
      testService({
        name: 'Sens pakalpojums',
        helpTypeIds: helpTypeIdsForCodes(['legal']),
        isStatewide: true,
        phones: [],
        lastVerifiedOn: '2020-01-15',
      }),
      { updatedBy: 'system:test' },
    );
  });
  const html = await (await getAs(app, `/institutions/${id}?lang=en`)).text();
  assert.ok(html.includes('Checked more than a year ago — call before you go.'));
  assert.ok(html.includes('The institution’s information has not been checked yet.'));
  assert.ok(html.includes(`href="/institutions/${id}/report-mistake"`), 'every institution page offers a report');
});

test('a public report → the queue → fixed; spam, too fast and too many are refused with nothing stored', async () => {
  const { app, db } = context;
  const reportCount = async () =>
    Number(
      (
        await db
          .selectFrom('mistake_report')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );
  const path = `/institutions/${editorOrganizationId}/report-mistake`;
  const visitor = await anonymousVisitorForTest(db);
  const form = await getAs(app, `${path}?lang=en`, visitor);
  assert.equal(form.status, 200);
  const formHtml = await form.text();
  assert.ok(formHtml.includes('name="website"') && formHtml.includes('name="form_time"'));
  const freshTime = /name="form_time" value="([^"]+)"/.exec(formHtml)![1]!;
  const tenSecondsAgo = await signFormTime(db, editorOrganizationId, new Date(Date.now() - 10_000));
  const body = 'Tālrunis ir mainījies: tagad 67000000.';
  const send = (fields: Record<string, string>, sender = '192.0.2.1') =>
    formPost(app, `${path}?lang=en`, { body, form_time: tenSecondsAgo, website: '', ...fields }, visitor, {
      'x-forwarded-for': sender,
    });

  const before = await reportCount();
  const honeypot = await send({ website: 'http://spam.example' });
  assert.equal(honeypot.status, 400);
  assert.ok((await honeypot.text()).includes('could not be accepted'));
  const tooFast = await send({ form_time: freshTime });
  assert.equal(tooFast.status, 400);
  assert.ok((await tooFast.text()).includes('sent too quickly'));
  const forged = await send({ form_time: `${Date.now() - 60_000}.forged` });
  assert.equal(forged.status, 400);
  const tooLong = await send({ body: 'x'.repeat(2001) });
  assert.equal(tooLong.status, 400);
  assert.equal(await reportCount(), before, 'nothing stored for refused reports');

  assert.equal(location(await send({})), `${path}?sent=1`);
  assert.equal(await reportCount(), before + 1);
  for (let index = 1; index < reportsPerSenderPerHour; index++) location(await send({}, '192.0.2.2'));
  location(await send({}, '192.0.2.2'));
  const tooMany = await send({}, '192.0.2.2');
  assert.equal(tooMany.status, 429);
  assert.ok((await tooMany.text()).includes('Too many reports came from you'));
  assert.equal(await reportCount(), before + 1 + reportsPerSenderPerHour);
  // Another sender is not held back by the first one's limit.
  location(await send({}, '192.0.2.3'));

  // The institution's editor works through its queue; another institution's editor sees none of it.
  const queue = await (await getAs(app, '/staff/registry/reports', editor)).text();
  assert.ok(queue.includes('Tālrunis ir mainījies'));
  assert.ok(
    !(await (await getAs(app, '/staff/registry/reports', otherEditor)).text()).includes('Tālrunis ir mainījies'),
  );
  assert.equal((await getAs(app, '/staff/registry/reports', follower)).status, 403);
  const reportId = /\/staff\/registry\/reports\/([0-9a-f-]{36})\/close/.exec(queue)![1]!;
  assert.equal(
    (await formPost(app, `/staff/registry/reports/${reportId}/close`, { outcome: 'fixed' }, otherEditor)).status,
    404,
  );
  location(await formPost(app, `/staff/registry/reports/${reportId}/close`, { outcome: 'fixed' }, editor));
  const closed = await db
    .selectFrom('mistake_report')
    .select(['status', 'closed_by'])
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  assert.equal(closed.status, 'fixed');
  assert.deepEqual(await auditActions(reportId), ['registry.mistake_report.create', 'registry.mistake_report.fixed']);
  assert.equal(
    (await formPost(app, `/staff/registry/reports/${reportId}/close`, { outcome: 'rejected' }, admin)).status,
    409,
  );
  const fixedList = await (await getAs(app, '/staff/registry/reports?status=fixed', admin)).text();
  assert.ok(fixedList.includes('Tālrunis ir mainījies'));
});

test('wave answers → the differences screen → accept → the registry is updated and audited', async () => {
  const { app, db } = context;
  const territory = (
    await db.selectFrom('territory').select('code').where('level', '=', 1).orderBy('code').executeTakeFirstOrThrow()
  ).code;
  const id = await addTestInstitution(db, {
    name: 'Aptaujātā draudze',
    type: 'religious',
    email: 'd@example.lv',
    location: { territoryCode: territory },
  });
  await db.transaction().execute((trx) =>
    createService(
      trx,
      id,
      testService({
        name: 'Zupas virtuve',
        helpTypeIds: helpTypeIdsForCodes(['material', 'legal']),
        isStatewide: false,
        phones: [],
        lastVerifiedOn: null,
      }),
      { updatedBy: 'system:test' },
    ),
  );
  const { wave } = await createWaveFromRegistry(db, {
    questionnaireKey: 'lv-2026',
    name: 'Reģistra salīdzināšana',
    institutionTypes: ['religious'],
    territoryCodes: [territory],
  });
  // Gives housing help (registry: no), no longer gives legal help (registry: yes), gives material help (same),
  // could give shelter with support, and helps only former residents with documents.
  const csv = [
    'respondent_id,documents_provides,documents_provided_what,legal_provides,material_provides,housing_provides,shelter_could_with_support',
    'R001,yes,Tikai personām ar deklarēta dzīvesvieta mūsu pagastā,no,yes,yes,yes',
  ].join('\n');
  await db.transaction().execute((trx) => importResponses(trx, wave, csv));

  const screen = await (await getAs(app, `/staff/registry/differences?wave=${wave.key}&lang=en`, admin)).text();
  assert.ok(screen.includes('Aptaujātā draudze'));
  const keys = [...screen.matchAll(/name="difference" value="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(keys.sort(), [
    'could_with_support:shelter',
    'provides:documents',
    'provides:housing',
    'provides:legal',
    'residents_only',
  ]);
  assert.equal((await getAs(app, `/staff/registry/differences?wave=${wave.key}`, editor)).status, 403);

  const accept = (difference: string) =>
    formPost(app, '/staff/registry/differences/accept', { wave: wave.key, organization: id, difference }, admin);
  for (const difference of keys) location(await accept(difference!));
  assert.equal((await accept('provides:housing')).status, 409, 'an accepted difference is gone');

  const institution = await getInstitutionWithServices(db, id, 'lv');
  const gives = (code: string) =>
    institution.services.some(
      (service) =>
        service.status === 'active' &&
        service.helpTypes.some((tag) => tag.code === code || tag.code.startsWith(`${code}.`)),
    );
  assert.ok(gives('housing') && gives('documents') && gives('material') && !gives('legal'));
  assert.ok(
    institution.services
      .filter((service) => service.status === 'active')
      .every((service) => service.eligibility.residencyRule === 'last_declared_residence'),
  );
  const audited = (await auditActions(id)).filter((action) => action === 'registry.survey_difference.accept');
  assert.equal(audited.length, keys.length);
  const after = await (await getAs(app, `/staff/registry/differences?wave=${wave.key}`, admin)).text();
  assert.ok(!after.includes('name="difference"'), 'nothing left to accept');

  // A completed questionnaire counts as a verification.
  assert.equal(institution.lastVerifiedOn, null);
  assert.ok((await recordSurveyVerifications(db)) >= 1);
  assert.equal((await getInstitutionWithServices(db, id, 'lv')).lastVerifiedOn?.slice(0, 10), latvianToday());
});
