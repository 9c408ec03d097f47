// A survey wave end to end through HTTP: sample from the registry, open, answer online with a save-and-resume
// from a "new device", partial and break-off respondents, reminders only for non-completers, a paper form keyed in
// twice with a difference resolved, close and reopen; dispositions and their history checked at every step.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  anonymousVisitorForTest,
  type TestSession,
} from '../accounts/testing.js';
import { logger } from '../core/logger.js';
import { createTestApp } from '../testing/test-database.js';
import {
  getCaseByCode,
  issueInvitationToken,
  listCases,
  listCasesToInvite,
  listCasesToRemind,
  listDispositionHistory,
  recordInvitationSent,
  type SurveyCase,
} from './case.service.js';
import { findResponseOfCase } from './response.service.js';
import { getWaveByKey } from './wave.service.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import type { InstitutionType } from '../registry/registry.enums.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let staff: TestSession;
let staffId: string;
let waveKey: string;
let rigaCode: string;
let parish: { code: string; parent: string };
const tokens = new Map<string, string>();

before(async () => {
  context = await createTestApp();
  const { db } = context;
  const admin = await createAccountForTest(db, { role: 'administrator' });
  staffId = admin.id;
  staff = await signInForTest(context.app, db, admin);
  rigaCode = (
    await db
      .selectFrom('territory')
      .select('code')
      .where('name_lv', '=', 'Rīga')
      .where('level', '=', 1)
      .executeTakeFirstOrThrow()
  ).code;
  const parishRow = await db
    .selectFrom('territory')
    .select(['code', 'parent_code'])
    .where('kind', '=', 'parish')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  parish = { code: parishRow.code, parent: parishRow.parent_code! };
  const otherMunicipality = await db
    .selectFrom('territory')
    .select('code')
    .where('level', '=', 1)
    .where('code', 'not in', [rigaCode, parish.parent])
    .orderBy('code')
    .executeTakeFirstOrThrow();
  // Seven institutions; the sample below (social services, other municipal bodies and NGOs in Rīga and in the
  // parish's municipality) takes four of them.
  const organizations: Array<[string, string, string]> = [
    ['A sociālais dienests', 'municipal_social_service', rigaCode],
    ['B biedrība', 'ngo', parish.code],
    ['C valsts iestāde', 'state', rigaCode],
    ['D sociālais dienests', 'municipal_social_service', otherMunicipality.code],
    ['E biedrība', 'ngo', rigaCode],
    ['F draudze', 'religious', rigaCode],
    ['G pagasta pārvalde', 'municipal_other', parish.parent],
  ];
  for (const [name, type, territory] of organizations) {
    const email = `${name.slice(0, 1).toLowerCase()}@example.lv`;
    const location = {
      territoryCode: territory,
      address1: `${name.slice(0, 1)} iela 1`,
      city: 'Rīga',
      postalCode: 'LV-1001',
    };
    await addTestInstitution(db, { name, type: type as InstitutionType, email, isDemo: true, location });
  }
});

after(async () => {
  await context.close();
});

const casesOf = async (): Promise<SurveyCase[]> => listCases(context.db, (await getWaveByKey(context.db, waveKey)).id);
const caseNamed = async (letter: string) =>
  (await casesOf()).find((item) => item.organizationName?.startsWith(letter))!;

/** What a browser does on a questionnaire page: read the form's hidden fields, fill in answers, post. */
async function answerPage(path: string, answers: Record<string, string>, session: TestSession): Promise<Response> {
  const page = await getAs(context.app, path, session);
  assert.equal(page.status, 200, `GET ${path.replace(/\/survey\/[^/]+/, '/survey/…')}`);
  const html = await page.text();
  const shown = /name="_shown" value="([^"]*)"/.exec(html)?.[1] ?? '';
  const step = /name="_step" value="([^"]*)"/.exec(html)?.[1] ?? '1';
  return formPost(context.app, path, { ...answers, _shown: shown, _step: step, _action: 'next' }, session);
}

function location(response: Response): string {
  assert.equal(response.status, 303, `expected a redirect, got ${response.status}`);
  return response.headers.get('location')!;
}

/** Answers every remaining page with the given answers per block (default: "no"), starting at `path`. */
async function answerRemaining(
  path: string,
  session: TestSession,
  perBlock: Record<string, Record<string, string>> = {},
  stopAfter?: string,
): Promise<string> {
  let next = path;
  while (next.includes('/page/')) {
    const block = /\/page\/([a-z_]+)/.exec(next)![1]!;
    const answers = next.includes('step=2')
      ? (perBlock[`${block}:2`] ?? {})
      : (perBlock[block] ?? { [`${block}_provides`]: 'no' });
    next = location(await answerPage(next, answers, session));
    if (stopAfter === block && !next.includes(`/page/${block}`)) break;
  }
  return next;
}

test('staff create a wave from the registry: the sample follows type and territory', async () => {
  const form = await getAs(context.app, '/staff/waves/new', staff);
  assert.equal(form.status, 200);
  const missingName = await formPost(context.app, '/staff/waves', { name: '', questionnaireKey: 'lv-2004' }, staff);
  assert.equal(missingName.status, 400);
  const created = await formPost(
    context.app,
    '/staff/waves',
    {
      name: 'Aptauja 2026',
      questionnaireKey: 'lv-2004',
      institutionTypes: ['municipal_social_service', 'municipal_other', 'ngo'],
      territoryCodes: [rigaCode, parish.parent],
      closesOn: '2099-12-31',
    },
    staff,
  );
  waveKey = decodeURIComponent(location(created).split('/').pop()!);
  const cases = await casesOf();
  assert.deepEqual(
    cases.map((item) => [item.caseCode, item.organizationName, item.institutionType]),
    [
      ['C001', 'A sociālais dienests', 'municipal'],
      ['C002', 'B biedrība', 'ngo'],
      ['C003', 'E biedrība', 'ngo'],
      ['C004', 'G pagasta pārvalde', 'municipal'],
    ],
  );
  assert.equal(cases[0]!.postalAddress, 'A iela 1\nRīga\nLV-1001');
  assert.equal(cases[0]!.contactEmail, 'a@example.lv');
  assert.ok(cases.every((item) => item.disposition === 'unknown_eligibility'));
  const list = await getAs(context.app, '/staff/waves', staff);
  assert.match(await list.text(), /Aptauja 2026/);
  // The sample's territories are shown by name, not by ATVK code.
  const wavePage = await (await getAs(context.app, `/staff/waves/${waveKey}`, staff)).text();
  assert.ok(
    cases[0]!.territory === rigaCode &&
      wavePage.includes('<td>Rīga</td>') &&
      !wavePage.includes(`<td>${rigaCode}</td>`),
    'territory by name',
  );
  const anonymous = await getAs(context.app, '/staff/waves');
  assert.equal(anonymous.status, 303);
  const analystOnly = await createAccountForTest(context.db, { role: 'institution_editor' });
  const editor = await signInForTest(context.app, context.db, analystOnly);
  assert.equal((await getAs(context.app, '/staff/waves', editor)).status, 403);
});

test('links do not work before the wave opens; opening is recorded', async () => {
  const wave = await getWaveByKey(context.db, waveKey);
  for (const item of await listCasesToInvite(context.db, wave.id)) {
    tokens.set(item.caseCode, await issueInvitationToken(context.db, item.id));
    await recordInvitationSent(context.db, item.id, 'invitation', 'email');
  }
  assert.equal((await listCasesToInvite(context.db, wave.id)).length, 0);
  const visitor = await anonymousVisitorForTest(context.db);
  assert.equal((await getAs(context.app, `/survey/${tokens.get('C001')}`, visitor)).status, 403);
  assert.equal((await getAs(context.app, '/survey/not-a-real-token-0123456789abcdef', visitor)).status, 404);
  location(await formPost(context.app, `/staff/waves/${waveKey}/open`, {}, staff));
  assert.equal((await getWaveByKey(context.db, waveKey)).status, 'open');
  const page = await getAs(context.app, `/staff/waves/${waveKey}`, staff);
  const html = await page.text();
  assert.match(html, /atvērts/);
  assert.ok(html.includes(`href="/staff/waves/${waveKey}/invitations"`), 'an open wave leads on to its invitations');
});

test("answering online: validation in the respondent's language keeps what was typed, then save and resume elsewhere", async () => {
  const token = tokens.get('C001')!;
  const phone = await anonymousVisitorForTest(context.db);
  phone.cookie += '; lang=ru';
  const landing = await getAs(context.app, `/survey/${token}`, phone);
  assert.equal(landing.status, 200);
  assert.equal(landing.headers.get('cache-control'), 'no-store');
  const landingHtml = await landing.text();
  assert.match(landingHtml, /Начать/);
  assert.doesNotMatch(landingHtml, /class="main-nav"/, 'no site menu leads a respondent away from the survey');
  assert.match(landingHtml, /class="language-switch"/);

  // About the institution: prefilled from the sample.
  const first = await getAs(context.app, `/survey/${token}/page/respondent`, phone);
  const firstHtml = await first.text();
  assert.match(firstHtml, /Часть 1 из 12/);
  assert.match(firstHtml, /<progress[^>]*max="12"[^>]*value="1"|<progress[^>]*value="1"[^>]*max="12"/);
  assert.match(firstHtml, /value="municipal"[^>]*checked|checked[^>]*value="municipal"/);
  assert.match(firstHtml, /value="Rīga"/);
  assert.doesNotMatch(firstHtml, /name="mode"/);
  assert.equal(
    location(
      await answerPage(`/survey/${token}/page/respondent`, { institution_type: 'municipal', territory: 'Rīga' }, phone),
    ),
    `/survey/${token}/page/documents`,
  );

  // Documents: an amount without currency, staff as words → 400 in Russian, valid answers saved, typed kept.
  const wrong = await answerPage(
    `/survey/${token}/page/documents`,
    {
      documents_could_with_support: 'yes',
      documents_needs_staff: 'половина',
      documents_needs_funding_amount: '1 200,50',
    },
    phone,
  );
  assert.equal(wrong.status, 400);
  const wrongHtml = await wrong.text();
  assert.match(wrongHtml, /Введите число, например 2 или 0,5\./);
  assert.match(wrongHtml, /Пожалуйста, ответьте и на этот вопрос/);
  assert.match(wrongHtml, /value="половина"/);
  assert.match(wrongHtml, /value="1 200,50"/);
  const caseRow = await caseNamed('A');
  const saved = (await findResponseOfCase(context.db, caseRow.id))!;
  assert.equal(saved.answers.documents_could_with_support, 'yes');
  assert.equal(saved.answers.documents_needs_funding_amount, '1200.5');
  assert.equal(saved.answers.documents_needs_staff, undefined);
  assert.equal(saved.mode, 'online');

  // Corrected: "yes" brings the "what exactly" follow-up as a second step.
  const corrected = await answerPage(
    `/survey/${token}/page/documents`,
    {
      documents_provides: 'yes',
      documents_needs_staff: '0,5',
      documents_needs_funding_amount: '1200,5',
      documents_needs_funding_currency: 'EUR',
      documents_needs_funding_basis: 'per_year',
    },
    phone,
  );
  assert.equal(location(corrected), `/survey/${token}/page/documents?step=2`);
  const followUp = await getAs(context.app, `/survey/${token}/page/documents?step=2`, phone);
  const followUpHtml = await followUp.text();
  assert.match(followUpHtml, /Вы ответили «да»/);
  assert.match(followUpHtml, /name="documents_provided_what"/);
  assert.doesNotMatch(followUpHtml, /name="documents_needs_staff"/);
  assert.equal(
    location(
      await answerPage(
        `/survey/${token}/page/documents?step=2`,
        { documents_provided_what: 'Оплачиваем фото на паспорт' },
        phone,
      ),
    ),
    `/survey/${token}/page/legal`,
  );
  assert.equal(
    location(
      await answerPage(`/survey/${token}/page/legal`, { legal_provides: 'no', legal_could_with_support: 'yes' }, phone),
    ),
    `/survey/${token}/page/employment`,
  );

  // A new device, no cookies: the link alone continues where the respondent stopped, with everything saved.
  const laptop = await anonymousVisitorForTest(context.db);
  const resumed = await getAs(context.app, `/survey/${token}`, laptop);
  const resumedHtml = await resumed.text();
  assert.match(resumedHtml, new RegExp(`href="/survey/${token}/page/employment"`));
  const documentsAgain = await (await getAs(context.app, `/survey/${token}/page/documents`, laptop)).text();
  assert.match(documentsAgain, /name="documents_provided_what"/);
  assert.match(documentsAgain, /Оплачиваем фото на паспорт/);
  assert.match(documentsAgain, /value="0,5"|value="0.5"/);

  const end = await answerRemaining(`/survey/${token}/page/employment`, laptop);
  assert.equal(end, `/survey/${token}/review`);
  const review = await getAs(context.app, end, laptop);
  const reviewHtml = await review.text();
  assert.match(reviewHtml, /Pārbaudiet atbildes/);
  assert.match(reviewHtml, /Оплачиваем фото на паспорт/);
  assert.equal((await listDispositionHistory(context.db, caseRow.id)).at(-1)?.to, 'partial');
  assert.equal(location(await formPost(context.app, end, {}, laptop)), `/survey/${token}/thanks`);
  const done = await getCaseByCode(context.db, caseRow.waveId, 'C001');
  assert.equal(done.disposition, 'complete');
  assert.deepEqual(
    (await listDispositionHistory(context.db, done.id)).map((change) => [change.from, change.to]),
    [
      ['unknown_eligibility', 'partial'],
      ['partial', 'complete'],
    ],
  );
  const response = (await findResponseOfCase(context.db, done.id))!;
  assert.equal(response.status, 'complete');
  assert.equal(response.respondentId, 'R001');
  assert.equal(response.answers.documents_needs_staff, '0.5');
  assert.equal(response.answers.legal_provides, 'no');
  assert.equal(response.answers.legal_provided_what, undefined);
  assert.equal(response.answers.mode, 'online');
});

test('changing "yes" to "no" after submitting removes "what exactly"; the response stays complete', async () => {
  const token = tokens.get('C001')!;
  const visitor = await anonymousVisitorForTest(context.db);
  const next = location(await answerPage(`/survey/${token}/page/documents`, { documents_provides: 'no' }, visitor));
  assert.equal(next, `/survey/${token}/page/legal`);
  const response = (await findResponseOfCase(context.db, (await caseNamed('A')).id))!;
  assert.equal(response.answers.documents_provided_what, undefined);
  assert.equal(response.status, 'complete');
});

test('a respondent who stops after half the blocks is partial, one who stops early is not; reminders skip completers', async () => {
  const partialVisitor = await anonymousVisitorForTest(context.db);
  const tokenB = tokens.get('C002')!;
  await answerRemaining(`/survey/${tokenB}/page/respondent`, partialVisitor, { respondent: {} }, 'drugs');
  const b = await caseNamed('B');
  assert.equal(b.disposition, 'partial');
  const earlyVisitor = await anonymousVisitorForTest(context.db);
  const tokenE = tokens.get('C003')!;
  await answerRemaining(`/survey/${tokenE}/page/respondent`, earlyVisitor, { respondent: {} }, 'documents');
  assert.equal((await caseNamed('E')).disposition, 'unknown_eligibility');
  const wave = await getWaveByKey(context.db, waveKey);
  const toRemind = (await listCasesToRemind(context.db, wave.id)).map((item) => item.caseCode);
  assert.deepEqual(toRemind, ['C002', 'C003', 'C004']);
  await recordInvitationSent(context.db, b.id, 'reminder', 'email');
  const reminded = await caseNamed('B');
  assert.ok(reminded.remindedAt);
  assert.equal(reminded.reminderCount, 1);
});

test('a paper form keyed in twice: the difference is shown and resolved into the response', async () => {
  const startFirst = await formPost(
    context.app,
    `/staff/waves/${waveKey}/paper`,
    { caseCode: 'C004', entryNumber: '1' },
    staff,
  );
  const firstPage = location(startFirst);
  assert.match(firstPage, /\/paper\/entry\/[0-9a-f-]+\/page\/respondent$/);
  // Blind double entry needs two people: an analyst keys entry 2 (the administrator is refused it).
  const secondKeyer = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'analyst' }),
  );
  const keyIn = async (start: string, staffCount: string, keyer: TestSession) => {
    const pageHtml = await (await getAs(context.app, start, keyer)).text();
    assert.match(pageHtml, /name="mode"/);
    const end = await answerRemaining(start, keyer, {
      respondent: { institution_type: 'municipal', territory: 'Ādažu novads', mode: 'post' },
      documents: { documents_provides: 'yes', documents_needs_staff: staffCount },
      'documents:2': { documents_provided_what: 'Vienreizējs pabalsts' },
    });
    assert.match(end, /\/review$/);
    location(await formPost(context.app, end, {}, keyer));
  };
  await keyIn(firstPage, '1', staff);
  assert.equal(
    (await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode: 'C004', entryNumber: '2' }, staff))
      .status,
    409,
  );
  // Entry 2 starts blind: nothing of entry 1 shows.
  const secondPage = location(
    await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode: 'C004', entryNumber: '2' }, secondKeyer),
  );
  const blind = await (await getAs(context.app, secondPage.replace(/respondent$/, 'documents'), secondKeyer)).text();
  assert.doesNotMatch(blind, /checked/);
  await keyIn(secondPage, '2', secondKeyer);

  const respondentId = (await caseNamed('G')).respondentId!;
  const compare = await getAs(context.app, `/staff/waves/${waveKey}/paper/compare/${respondentId}`, staff);
  const compareHtml = await compare.text();
  assert.match(compareHtml, /1 atšķirība/);
  assert.match(compareHtml, /<legend>Papildu darbinieku štata vietas \(cik\?\)<\/legend>/);
  const unresolved = await formPost(context.app, `/staff/waves/${waveKey}/paper/compare/${respondentId}`, {}, staff);
  assert.equal(unresolved.status, 400);
  location(
    await formPost(
      context.app,
      `/staff/waves/${waveKey}/paper/compare/${respondentId}`,
      { r_documents_needs_staff: 'other', v_documents_needs_staff: '1,5' },
      staff,
    ),
  );
  const g = await caseNamed('G');
  assert.equal(g.disposition, 'complete');
  const response = (await findResponseOfCase(context.db, g.id))!;
  assert.equal(response.answers.documents_needs_staff, '1.5');
  assert.equal(response.answers.documents_provided_what, 'Vienreizējs pabalsts');
  assert.equal(response.mode, 'post');
  assert.equal(response.status, 'complete');
  const history = await listDispositionHistory(context.db, g.id);
  assert.deepEqual(
    history.map((change) => [change.to, change.accountId, change.note]),
    [['complete', staffId, 'paper form, double entry reconciled']],
  );
});

test('staff change a disposition by hand; the history names who and why', async () => {
  location(
    await formPost(
      context.app,
      `/staff/waves/${waveKey}/cases/C003/disposition`,
      { disposition: 'non_contact', note: 'e-pasts atgriezās' },
      staff,
    ),
  );
  const e = await caseNamed('E');
  assert.equal(e.disposition, 'non_contact');
  const page = await (await getAs(context.app, `/staff/waves/${waveKey}/cases/C003`, staff)).text();
  assert.match(page, /e-pasts atgriezās/);
  assert.match(page, /nav sazināts/);
});

test('a new survey link issued by staff is audited: who, for which case, never the token', async () => {
  const e = await caseNamed('E');
  const issued = await formPost(context.app, `/staff/waves/${waveKey}/cases/C003/link`, {}, staff);
  assert.equal(issued.status, 200);
  const token = /\/survey\/([A-Za-z0-9_-]{20,100})/.exec(await issued.text())?.[1];
  assert.ok(token, 'the new link is shown');
  const events = await context.db
    .selectFrom('audit_event')
    .select(['account_id', 'details'])
    .where('action', '=', 'survey.link.issue')
    .where('entity_id', '=', e.id)
    .execute();
  assert.equal(events.length, 1);
  assert.equal(events[0]!.account_id, staffId);
  assert.doesNotMatch(JSON.stringify(events[0]!.details), new RegExp(token));
});

test('closing expires every link with a translated 410 page; break-offs become refusals; reopening revives the links', async () => {
  const logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  logger.setLevel('info');
  process.stdout.write = ((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    location(await formPost(context.app, `/staff/waves/${waveKey}/close`, {}, staff));
    const visitor = await anonymousVisitorForTest(context.db);
    visitor.cookie += '; lang=en';
    const closed = await getAs(context.app, `/survey/${tokens.get('C001')}/page/documents`, visitor);
    assert.equal(closed.status, 410);
    assert.match(await closed.text(), /This survey has closed/);
    const post = await formPost(
      context.app,
      `/survey/${tokens.get('C001')}/page/documents`,
      { documents_provides: 'yes', _shown: 'documents_provides' },
      visitor,
    );
    assert.equal(post.status, 410);
  } finally {
    process.stdout.write = write;
    logger.setLevel('warn');
  }
  // The request log names route patterns only: no token ever reaches it.
  assert.ok(logged.some((line) => line.includes('/survey/:token/page/:block')));
  for (const token of tokens.values()) assert.ok(!logged.some((line) => line.includes(token)));

  const byCode = Object.fromEntries((await casesOf()).map((item) => [item.caseCode, item.disposition]));
  assert.deepEqual(byCode, { C001: 'complete', C002: 'partial', C003: 'non_contact', C004: 'complete' });
  const wave = await getWaveByKey(context.db, waveKey);
  assert.deepEqual(await listCasesToRemind(context.db, wave.id), []);

  const reopened = await formPost(context.app, `/staff/waves/${waveKey}/reopen`, { closesOn: '2099-12-31' }, staff);
  location(reopened);
  const visitor = await anonymousVisitorForTest(context.db);
  assert.equal((await getAs(context.app, `/survey/${tokens.get('C002')}`, visitor)).status, 200);
  const events = await context.db
    .selectFrom('wave_event')
    .select(['event', 'account_id'])
    .where('wave_id', '=', wave.id)
    .orderBy('occurred_at')
    .execute();
  assert.deepEqual(
    events.map((event) => [event.event, event.account_id]),
    [
      ['opened', staffId],
      ['closed', staffId],
      ['reopened', staffId],
    ],
  );
});

test('a starter below the partial threshold becomes a break-off (refusal) when the wave closes', async () => {
  // C003 was set to non-contact by hand; make a fresh starter on the reopened wave instead.
  const surveyCase = await caseNamed('E');
  const token = await issueInvitationToken(context.db, surveyCase.id);
  location(
    await formPost(
      context.app,
      `/staff/waves/${waveKey}/cases/C003/disposition`,
      { disposition: 'unknown_eligibility', note: 'adrese atrasta' },
      staff,
    ),
  );
  const visitor = await anonymousVisitorForTest(context.db);
  await answerPage(`/survey/${token}/page/documents`, { documents_provides: 'no' }, visitor);
  location(await formPost(context.app, `/staff/waves/${waveKey}/close`, {}, staff));
  const e = await caseNamed('E');
  assert.equal(e.disposition, 'refusal');
  assert.equal((await listDispositionHistory(context.db, e.id)).at(-1)?.note, 'wave closed: break-off (AAPOR 2.12)');
  const csv = await getAs(context.app, `/staff/waves/${waveKey}/responses.csv`, staff);
  assert.equal(csv.status, 200);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0]!.split(',').slice(0, 4).join(','), 'respondent_id,institution_type,territory,mode');
  assert.equal(lines.length, 1 + 4);
});

test('staff upload a CSV: a bad row is reported in their language and nothing is stored; a good file imports', async () => {
  const upload = async (csv: string, language: string) => {
    const form = new FormData();
    form.set('_csrf', staff.csrfToken);
    form.set('file', new File([csv], 'answers.csv', { type: 'text/csv' }));
    return context.app.request(`/staff/waves/${waveKey}/responses`, {
      method: 'POST',
      body: form,
      headers: { cookie: `${staff.cookie}; lang=${language}` },
    });
  };
  const wave = await getWaveByKey(context.db, waveKey);
  const before = await context.db.selectFrom('survey_response').select('id').where('wave_id', '=', wave.id).execute();
  const bad = await upload('respondent_id,documents_provides\nR900,yes\nR901,maybe\n', 'ru');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /строка 3, столбец documents_provides: «maybe» — не yes, не no и не пусто/);
  assert.equal(
    (await context.db.selectFrom('survey_response').select('id').where('wave_id', '=', wave.id).execute()).length,
    before.length,
  );
  const good = await upload('respondent_id,documents_provides\nR900,yes\nR901,no\n', 'en');
  assert.equal(location(good), `/staff/waves/${waveKey}?imported=2`);
  assert.match(
    await (await getAs(context.app, `/staff/waves/${waveKey}?imported=2&lang=en`, staff)).text(),
    /Imported 2 respondents\./,
  );
  assert.equal(
    (await context.db.selectFrom('survey_response').select('id').where('wave_id', '=', wave.id).execute()).length,
    before.length + 2,
  );
});
