// Survey operations that don't lose anyone (issue 15, item 5), through real HTTP over a real database: blind double
// entry by two accounts with a conflict screen in words, plausibility warnings staff must confirm, the survey's first
// page, a paper form and letters without online-only lines or a placeholder address, and the institution type read
// from the registry.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { getInstitution } from '../registry/institution-read.service.js';
import { institutionToInput } from '../registry/institution-form.js';
import { updateInstitution } from '../registry/institution-write.service.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import { formatCalendarDate } from '../core/dates.js';
import { translate } from '../core/i18n.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import { getCaseByCode, issueInvitationToken, listCases } from './case.service.js';
import { invitationCommands } from './invitations.cli.js';
import { buildPaperForm, configuredSenderAddress } from './invitations.service.js';
import { listQuestions, estimatedMinutes } from './questionnaire.model.js';
import { getQuestionnaireByKey } from './questionnaire.service.js';
import { listEntriesOfRespondent } from './paper-entry.service.js';
import { findResponseOfCase } from './response.service.js';
import { findImplausibleAnswers, plausibilityChecks } from './plausibility.js';
import { createWaveFromRegistry, getWaveByKey, openWave, surveyInstitutionType } from './wave.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;
let analyst: TestSession;
let waveKey: string;
let organizationIds: string[];

before(async () => {
  context = await createTestApp();
  const { db } = context;
  admin = await signInForTest(context.app, db, await createAccountForTest(db, { role: 'administrator' }));
  analyst = await signInForTest(context.app, db, await createAccountForTest(db, { role: 'analyst' }));
  const territory = await db
    .selectFrom('territory')
    .select('code')
    .where('name_lv', '=', 'Rīga')
    .where('level', '=', 1)
    .executeTakeFirstOrThrow();
  organizationIds = [];
  for (const [name, type] of [
    ['Alfa sociālais dienests', 'municipal_social_service'],
    ['Beta biedrība', 'ngo'],
    ['Gamma draudze', 'religious'],
  ] as const) {
    organizationIds.push(
      await addTestInstitution(db, {
        name,
        type,
        email: `${name.slice(0, 4).toLowerCase()}@example.lv`,
        location: { territoryCode: territory.code, address1: `${name.slice(0, 4)} iela 1`, city: 'Rīga' },
      }),
    );
  }
  const { wave } = await createWaveFromRegistry(db, {
    questionnaireKey: 'lv-2026',
    name: 'Operāciju tests',
    institutionTypes: ['municipal_social_service', 'ngo', 'religious'],
    territoryCodes: [],
    closesOn: '2099-12-31',
  });
  await openWave(db, wave.id);
  waveKey = wave.key;
});

after(async () => {
  await context.close();
});

function location(response: Response): string {
  assert.equal(response.status, 303, `expected a redirect, got ${response.status}`);
  return response.headers.get('location')!;
}

/** The page's visible text: tags and attribute values left out. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function postPage(path: string, answers: Record<string, string | string[]>, session: TestSession) {
  const html = await (await getAs(context.app, path, session)).text();
  const shown = /name="_shown" value="([^"]*)"/.exec(html)?.[1] ?? '';
  const step = /name="_step" value="([^"]*)"/.exec(html)?.[1] ?? '1';
  return formPost(context.app, path, { ...answers, _shown: shown, _step: step, _action: 'next' }, session);
}

async function caseCodeOf(organizationIndex: number): Promise<string> {
  const wave = await getWaveByKey(context.db, waveKey);
  const cases = await listCases(context.db, wave.id);
  return cases.find((item) => item.organizationId === organizationIds[organizationIndex])!.caseCode;
}

test('blind double entry: the account that keyed entry 1 may not key entry 2, and the conflict screen names questions', async () => {
  const caseCode = await caseCodeOf(0);
  const first = location(
    await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode, entryNumber: '1' }, admin),
  );
  const entryBase = first.replace(/\/page\/[a-z_]+$/, '');
  // Entry 1: respondent page as prefilled, then documents with 2 extra staff positions.
  location(await postPage(first, { mode: 'post' }, admin));
  location(
    await postPage(`${entryBase}/page/documents`, { documents_provides: 'no', documents_needs_staff: '2' }, admin),
  );
  location(await formPost(context.app, `${entryBase}/review`, {}, admin));

  // The same account asking for entry 2 is refused, in its language, and nothing is created.
  const refused = await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode, entryNumber: '2' }, admin);
  assert.equal(refused.status, 409);
  assert.match(await refused.text(), /Otro ievadi jāveic citam darbiniekam/);
  const refusedEn = await formPost(
    context.app,
    `/staff/waves/${waveKey}/paper?lang=en`,
    { caseCode, entryNumber: '2' },
    admin,
  );
  assert.match(await refusedEn.text(), /must be keyed by someone else/);
  const wave = await getWaveByKey(context.db, waveKey);
  const respondentId = (await getCaseByCode(context.db, wave.id, caseCode)).respondentId!;
  assert.deepEqual(
    (await listEntriesOfRespondent(context.db, wave.id, respondentId)).map((entry) => entry.entryNumber),
    [1],
  );

  // Another account keys entry 2, blind, with 3 positions.
  const second = location(
    await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode, entryNumber: '2' }, analyst),
  );
  const secondBase = second.replace(/\/page\/[a-z_]+$/, '');
  // The first keyer cannot open or change entry 2 by its address either.
  assert.equal((await getAs(context.app, `${secondBase}/page/documents`, admin)).status, 409);
  location(await postPage(second, { mode: 'post' }, analyst));
  location(
    await postPage(`${secondBase}/page/documents`, { documents_provides: 'no', documents_needs_staff: '3' }, analyst),
  );
  location(await formPost(context.app, `${secondBase}/review`, {}, analyst));
  const entries = await listEntriesOfRespondent(context.db, wave.id, respondentId);
  assert.notEqual(entries[0]!.accountId, entries[1]!.accountId);

  const compare = await getAs(context.app, `/staff/waves/${waveKey}/paper/compare/${respondentId}?lang=en`, admin);
  const text = visibleText(await compare.text());
  assert.match(text, /Additional staff positions \(how many\?\)/);
  assert.doesNotMatch(text, /documents_needs_staff/);
  const unresolved = await formPost(
    context.app,
    `/staff/waves/${waveKey}/paper/compare/${respondentId}?lang=ru`,
    {},
    admin,
  );
  assert.equal(unresolved.status, 400);
  const unresolvedText = visibleText(await unresolved.text());
  assert.match(unresolvedText, /Дополнительные штатные единицы \(сколько\?\)/);
  assert.doesNotMatch(unresolvedText, /documents_needs_staff/);

  // Another value typed on the comparison gets the same plausibility check before it is stored.
  const compareUrl = `/staff/waves/${waveKey}/paper/compare/${respondentId}`;
  const typed = { r_documents_needs_staff: 'other', v_documents_needs_staff: '5000' };
  const warned = await formPost(context.app, `${compareUrl}?lang=en`, typed, admin);
  assert.equal(warned.status, 400);
  assert.match(visibleText(await warned.text()), /5,000 is far more than usual/);
  assert.equal((await getCaseByCode(context.db, wave.id, caseCode)).disposition, 'unknown_eligibility');
  location(await formPost(context.app, compareUrl, { ...typed, c_documents_needs_staff: '1' }, admin));
  const confirmedCase = await getCaseByCode(context.db, wave.id, caseCode);
  assert.equal(confirmedCase.disposition, 'complete');
  assert.equal((await findResponseOfCase(context.db, confirmedCase.id))!.answers.documents_needs_staff, '5000');
});

test('plausibility: 99 999 extra staff positions is held back until staff confirm it', async () => {
  const caseCode = await caseCodeOf(1);
  const first = location(
    await formPost(context.app, `/staff/waves/${waveKey}/paper`, { caseCode, entryNumber: '1' }, admin),
  );
  const documents = first.replace(/\/page\/[a-z_]+$/, '/page/documents');
  const warned = await postPage(documents, { documents_provides: 'no', documents_needs_staff: '99 999' }, admin);
  assert.equal(warned.status, 400);
  const html = await warned.text();
  const maximum = plausibilityChecks.find((check) => check.id === 'extra_staff_positions')!.maximum('', {});
  assert.match(
    visibleText(html),
    new RegExp(`99\\s999 ir daudz vairāk nekā parasti \\(parasti ne vairāk par ${maximum}\\)`),
  );
  assert.match(
    html,
    /type="checkbox" id="confirm-documents_needs_staff" name="_confirm" value="documents_needs_staff"/,
  );
  const wave = await getWaveByKey(context.db, waveKey);
  const respondentId = (await getCaseByCode(context.db, wave.id, caseCode)).respondentId!;
  const [held] = await listEntriesOfRespondent(context.db, wave.id, respondentId);
  assert.equal(held!.answers.documents_needs_staff, undefined, 'not stored before it is confirmed');
  assert.equal(held!.answers.documents_provides, 'no', 'the plausible answers of the page are kept');

  // Confirmed: stored as typed, and the page moves on.
  const confirmed = await postPage(
    documents,
    { documents_provides: 'no', documents_needs_staff: '99 999', _confirm: 'documents_needs_staff' },
    admin,
  );
  assert.match(location(confirmed), /\/page\/legal$/);
  const [stored] = await listEntriesOfRespondent(context.db, wave.id, respondentId);
  assert.equal(stored!.answers.documents_needs_staff, '99999');
  // Saving the page again with the confirmed value asks nothing more.
  assert.equal(
    (await postPage(documents, { documents_provides: 'no', documents_needs_staff: '99999' }, admin)).status,
    303,
  );
  // A usual number passes without a question; a per-person sum is judged per person.
  assert.deepEqual(
    findImplausibleAnswers(listQuestions((await getQuestionnaireByKey(context.db, 'lv-2026')).definition), {
      documents_needs_staff: '2',
      legal_needs_funding_amount: '50000',
      legal_needs_funding_basis: 'per_person',
      housing_needs_funding_amount: '50000',
      housing_needs_funding_basis: 'per_year',
    }).map((warning) => warning.questionId),
    ['legal_needs_funding_amount'],
  );
});

test('the first page says how long it takes, until when, who runs it and what happens to the answers', async () => {
  const wave = await getWaveByKey(context.db, waveKey);
  const surveyCase = await getCaseByCode(context.db, wave.id, await caseCodeOf(2));
  const token = await issueInvitationToken(context.db, surveyCase.id);
  const minutes = estimatedMinutes((await getQuestionnaireByKey(context.db, 'lv-2026')).definition);
  const expectations = {
    lv: [
      `apmēram ${minutes} minūtes`,
      translate('lv', 'survey.page.closes_on', { date: formatCalendarDate('2099-12-31', 'lv') }),
      'Aptauju veic: Reentry Atlas',
      'Jūsu atbildes un privātums',
      'bez iestādes nosaukuma',
    ],
    ru: [
      `около ${minutes} минут`,
      translate('ru', 'survey.page.closes_on', { date: formatCalendarDate('2099-12-31', 'ru') }),
      'Опрос проводит: Reentry Atlas',
      'Ваши ответы и конфиденциальность',
      'без названия учреждения',
    ],
    en: [
      `about ${minutes} minutes`,
      'You can answer until 31 December 2099.',
      'The survey is run by Reentry Atlas',
      'Your answers and privacy',
      "without your institution's name",
    ],
  };
  for (const [language, phrases] of Object.entries(expectations)) {
    const page = await getAs(context.app, `/survey/${token}?lang=${language}`);
    assert.equal(page.status, 200);
    const text = visibleText(await page.text());
    for (const phrase of phrases) assert.ok(text.includes(phrase), `${language}: "${phrase}" on the first page`);
    assert.doesNotMatch(text, /atlas@localhost/);
  }
});

test('the institution type comes from the registry, also after the registry changed, online and on paper', async () => {
  // Gamma was sampled as religious; the registry now says it is an NGO.
  await context.db.transaction().execute(async (trx) => {
    const institution = await getInstitution(trx, organizationIds[2]!);
    await updateInstitution(
      trx,
      institution.id,
      { ...institutionToInput(institution), type: 'ngo' },
      {
        updatedBy: 'system:test',
      },
    );
  });
  const expected = surveyInstitutionType('ngo');
  const wave = await getWaveByKey(context.db, waveKey);
  const surveyCase = await getCaseByCode(context.db, wave.id, await caseCodeOf(2));
  assert.equal(surveyCase.institutionType, 'religious', 'the sample recorded the old type');
  const token = await issueInvitationToken(context.db, surveyCase.id);
  const online = await (await getAs(context.app, `/survey/${token}/page/respondent`)).text();
  assert.match(online, new RegExp(`name="institution_type" value="${expected}" checked`));
  const paper = location(
    await formPost(
      context.app,
      `/staff/waves/${waveKey}/paper`,
      { caseCode: surveyCase.caseCode, entryNumber: '1' },
      admin,
    ),
  );
  const paperHtml = await (await getAs(context.app, paper, admin)).text();
  assert.match(paperHtml, new RegExp(`name="institution_type" value="${expected}" checked`));
});

test('the paper form carries no online-only lines, and letters never name atlas@localhost', async () => {
  const questionnaire = await getQuestionnaireByKey(context.db, 'lv-2026');
  for (const language of ['lv', 'ru', 'en'] as const) {
    const form = buildPaperForm(questionnaire, language);
    const printed = JSON.stringify(form);
    assert.doesNotMatch(printed, /to pašu saiti|той же ссылке|same link/);
    assert.ok(form.blocks[0]!.intro, `${language}: the printed form keeps the intro's other words`);
  }
  // Without MAIL_FROM: the letters page says what to set, and the letters name no address to write to.
  assert.equal(configuredSenderAddress(context.config), null);
  const page = await (await getAs(context.app, `/staff/waves/${waveKey}/invitations?lang=en`, admin)).text();
  assert.match(visibleText(page), /set MAIL_FROM in the environment/);
  assert.match(
    page,
    /MAIL_FROM=&quot;Name &lt;address@your-institution.lv&gt;&quot;|MAIL_FROM="Name &lt;address@your-institution.lv&gt;"/,
  );
  const letters = await formPost(
    context.app,
    `/staff/waves/${waveKey}/letters.pdf`,
    { kind: 'invitation', scope: 'all' },
    admin,
  );
  assert.equal(letters.status, 200);
  const text = await readPdfText(new Uint8Array(await letters.arrayBuffer()));
  assert.doesNotMatch(text, /atlas@localhost/);
  assert.doesNotMatch(text, /rakstiet uz \S+@/);
  assert.doesNotMatch(text, /to pašu saiti/);
  assert.match(text, /Anketas kods/);

  // With a real sender: the letters name it, and the page says nothing about MAIL_FROM.
  const configured = await createTestApp({ MAIL_FROM: 'Atlas pētījums <aptauja@atlas.example.lv>' });
  try {
    const { db } = configured;
    const account = await signInForTest(configured.app, db, await createAccountForTest(db, { role: 'administrator' }));
    const territory = await db.selectFrom('territory').select('code').where('level', '=', 1).executeTakeFirstOrThrow();
    await addTestInstitution(db, {
      name: 'Delta biedrība',
      type: 'ngo',
      location: { territoryCode: territory.code, address1: 'Delta iela 1', city: 'Rīga' },
    });
    const { wave } = await createWaveFromRegistry(db, {
      questionnaireKey: 'lv-2026',
      name: 'Vēstuļu tests',
      institutionTypes: ['ngo'],
      territoryCodes: [],
    });
    await openWave(db, wave.id);
    const invitations = await (await getAs(configured.app, `/staff/waves/${wave.key}/invitations`, account)).text();
    assert.doesNotMatch(invitations, /MAIL_FROM/);
    const pdf = await formPost(
      configured.app,
      `/staff/waves/${wave.key}/letters.pdf`,
      { kind: 'invitation', scope: 'all' },
      account,
    );
    const configuredText = await readPdfText(new Uint8Array(await pdf.arrayBuffer()));
    assert.match(configuredText, /aptauja@atlas\.example\.lv/);
  } finally {
    await configured.close();
  }
});

test('npx atlas waves letters says what to set when no sender is configured, and names no placeholder', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'letters-'));
  try {
    const out = join(directory, 'letters.pdf');
    const run = async (config: typeof context.config) => {
      const progress: string[] = [];
      const code = await invitationCommands
        .find((command) => command.name === 'waves' && command.subcommand === 'letters')!
        .run({
          db: context.db,
          config,
          args: ['--wave', waveKey, '--out', out, '--reminder', '--all'],
          print: () => {},
          progress: (line) => progress.push(line),
        });
      return { code, progress: progress.join('\n') };
    };
    const unset = await run(context.config);
    assert.equal(unset.code, 0);
    assert.match(unset.progress, /MAIL_FROM is not set.*Set MAIL_FROM="Name <address@your-institution\.lv>"/);
    const text = await readPdfText(new Uint8Array(await readFile(out)));
    assert.doesNotMatch(text, /atlas@localhost/);
    const configured = await run(testConfig({ MAIL_FROM: 'Atlas <aptauja@atlas.example.lv>' }));
    assert.doesNotMatch(configured.progress, /MAIL_FROM/);
    assert.match(await readPdfText(new Uint8Array(await readFile(out))), /aptauja@atlas\.example\.lv/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
