import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  type TestSession,
} from '../accounts/testing.js';
import type { CommandContext } from '../cli/commands.js';
import { addDays, latvianToday } from '../core/dates.js';
import { logger } from '../core/logger.js';
import { outboxDirectory, setCorrespondenceLanguage } from '../mail/mail.service.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { addCases, findCaseByToken, hashToken } from './case.service.js';
import { invitationCommands } from './invitations.cli.js';
import { buildPaperForm, composeInvitationEmail } from './invitations.service.js';
import { lv2004QuestionnaireKey } from './lv2004/questionnaire-lv2004.js';
import { getQuestionnaireByKey } from './questionnaire.service.js';
import { openPersonalLink, saveOnlinePage, submitOnlineResponse } from './response.service.js';
import { createWave, openWave, type Wave } from './wave.service.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';

/** Decodes a quoted-printable body, as a mail reader would. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}

let context: Awaited<ReturnType<typeof createTestApp>>;
let analyst: TestSession;
let wave: Wave;
let workDirectory: string;
const organizationId = randomUUID();
const caseIds = new Map<string, string>();
const rawTokensSeen: string[] = [];

const futureDate = (days: number) => addDays(latvianToday(), days);

/** Every message of a case as the recipient gets it: decoded text of its .eml file, oldest first. */
async function mailsOf(
  caseCode: string,
): Promise<Array<{ recipient: string; subject: string; text: string; purpose: string }>> {
  const rows = await context.db
    .selectFrom('outbound_message')
    .select(['id', 'recipient', 'subject', 'purpose'])
    .where('subject_type', '=', 'survey_case')
    .where('subject_id', '=', caseIds.get(caseCode)!)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => {
    const raw = readFileSync(join(outboxDirectory(context.config), `${row.id}.eml`), 'utf8');
    return {
      recipient: row.recipient,
      subject: row.subject,
      purpose: row.purpose,
      text: decodeQuotedPrintable(raw.slice(raw.indexOf('\r\n\r\n') + 4)),
    };
  });
}

function linkToken(text: string): string {
  const match = /http:\/\/localhost:3000\/survey\/([A-Za-z0-9_-]{20,})/.exec(text);
  assert.ok(match, `no personal link in: ${text.slice(0, 400)}`);
  rawTokensSeen.push(match[1]!);
  return match[1]!;
}

async function caseRow(caseCode: string) {
  return context.db
    .selectFrom('survey_case')
    .selectAll()
    .where('id', '=', caseIds.get(caseCode)!)
    .executeTakeFirstOrThrow();
}

/** Whether a string occurs anywhere in the database: every row of every table, as text. */
async function databaseContains(needle: string): Promise<string[]> {
  const tables = await sql<{
    table_name: string;
  }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
    context.db,
  );
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const result = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM ${sql.table(table_name)} t WHERE strpos(t::text, ${needle}) > 0`.execute(
      context.db,
    );
    if (result.rows[0]!.count > 0) found.push(table_name);
  }
  return found;
}

/** Runs a request while catching everything written to stdout (the log). */
async function withCapturedLog<T>(run: () => Promise<T>): Promise<{ result: T; log: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let log = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    log += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  logger.setLevel('debug');
  try {
    return { result: await run(), log };
  } finally {
    process.stdout.write = original;
    logger.setLevel('warn');
  }
}

before(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), 'atlas-invitations-'));
  context = await createTestApp({ DATA_DIR: join(workDirectory, 'data') });
  const { db, app } = context;
  analyst = await signInForTest(app, db, await createAccountForTest(db, { role: 'analyst' }));
  await addTestInstitution(db, { id: organizationId, name: 'Daugavpils sociālais dienests', isDemo: true });
  await setCorrespondenceLanguage(db, organizationId, 'ru');
  wave = await createWave(db, {
    questionnaireKey: lv2004QuestionnaireKey,
    name: 'Testa vilnis',
    closesOn: futureDate(30),
  });
  await addCases(
    db,
    [
      {
        wave_id: wave.id,
        case_code: 'C001',
        organization_name: 'Rīgas sociālais dienests',
        contact_email: 'riga@example.lv',
        postal_address: 'Baznīcas iela 19/23\nRīga\nLV-1010',
      },
      {
        wave_id: wave.id,
        case_code: 'C002',
        organization_id: organizationId,
        organization_name: 'Daugavpils sociālais dienests',
        contact_email: 'daugavpils@example.lv',
        postal_address: 'Vienības iela 8\nDaugavpils\nLV-5401',
      },
      {
        wave_id: wave.id,
        case_code: 'C003',
        organization_name: 'Ķekavas pagasta pārvalde',
        contact_email: null,
        postal_address: 'Gaismas iela 19 k-9\nĶekava, Ķekavas pagasts\nLV-2123',
      },
      {
        wave_id: wave.id,
        case_code: 'C004',
        organization_name: 'Biedrība bez adreses',
        contact_email: 'nav e-pasts',
        postal_address: null,
      },
    ],
    { note: 'test sample' },
  );
  for (const row of await db
    .selectFrom('survey_case')
    .select(['id', 'case_code'])
    .where('wave_id', '=', wave.id)
    .execute())
    caseIds.set(row.case_code, row.id);
  await openWave(db, wave.id);
});

after(async () => {
  await context.close();
  rmSync(workDirectory, { recursive: true, force: true });
});

const base = () => `/staff/waves/${wave.key}`;

test('inviting a wave puts one message per case with e-mail into the outbox, with a working link stored only hashed', async () => {
  const { app } = context;
  const { result: response, log } = await withCapturedLog(() =>
    formPost(app, `${base()}/invitations/email`, { kind: 'invitation' }, analyst),
  );
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), `${base()}/invitations?done=invitation&count=2`);

  const [riga] = await mailsOf('C001');
  assert.ok(riga);
  assert.equal(riga.recipient, 'riga@example.lv');
  assert.equal(riga.purpose, 'survey_invitation');
  assert.match(riga.subject, /^Lūdzam aizpildīt anketu: /);
  assert.ok(riga.text.includes('Rīgas sociālais dienests'));
  assert.ok(riga.text.includes('Pēdējā diena atbildēm:'), 'the close date is in the message');
  assert.ok(riga.text.includes('Анкету можно заполнить и по-русски'), 'the short Russian line');
  assert.ok(!riga.text.includes('Здравствуйте'), 'no full Russian text for an organization that did not ask for it');
  const rigaToken = linkToken(riga.text);
  const rigaCase = await caseRow('C001');
  assert.equal(rigaCase.token_hash, hashToken(rigaToken));
  assert.ok(rigaCase.invited_at);
  assert.equal(rigaCase.invitation_channel, 'email');
  assert.ok((await findCaseByToken(context.db, rigaToken))?.caseCode === 'C001', 'the e-mailed link opens the case');

  const [daugavpils] = await mailsOf('C002');
  assert.ok(daugavpils);
  assert.ok(
    daugavpils.text.includes('Labdien!') && daugavpils.text.includes('Здравствуйте!'),
    'Latvian first, then Russian as the organization asked',
  );
  assert.ok(daugavpils.text.includes('?lang=ru'), 'the Russian part links to the Russian questionnaire');
  assert.equal((await caseRow('C002')).token_hash, hashToken(linkToken(daugavpils.text)));

  assert.deepEqual(await mailsOf('C003'), [], 'no e-mail address, no e-mail');
  assert.deepEqual(await mailsOf('C004'), [], 'an unusable address gets no e-mail');
  assert.equal((await caseRow('C003')).invited_at, null);

  // The search itself finds what is there: the hash is in survey_case (the newest link) and survey_link (every link).
  assert.deepEqual((await databaseContains(hashToken(rigaToken))).sort(), ['survey_case', 'survey_link']);
  for (const token of rawTokensSeen) {
    assert.deepEqual(await databaseContains(token), [], 'the raw token is stored nowhere in the database');
    assert.ok(!log.includes(token), 'the raw token is not logged');
  }
  const outboxRow = await context.db
    .selectFrom('outbound_message')
    .select('body_text')
    .where('subject_id', '=', caseIds.get('C001')!)
    .executeTakeFirstOrThrow();
  assert.ok(outboxRow.body_text.includes('/survey/[…]'), 'the outbox copy masks the token');

  const page = await getAs(app, `${base()}/invitations?done=invitation&count=2`, analyst);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(
    html.includes('Sagatavoti 2 ielūgumi. Tās vēl nav nosūtītas'),
    'without a mail server the page says prepared, not sent',
  );
  assert.ok(html.includes('href="/staff/outbox"'));

  // Pressing the button again sends nothing new: everyone with e-mail is invited.
  const again = await formPost(app, `${base()}/invitations/email`, { kind: 'invitation' }, analyst);
  assert.equal(again.headers.get('location'), `${base()}/invitations?done=invitation&count=0`);
  assert.equal((await mailsOf('C001')).length, 1);
});

test('reminders go only to invited cases that have not completed, with a new link; the old link still resumes', async () => {
  const { app, db } = context;
  const rigaToken = linkToken((await mailsOf('C001'))[0]!.text);
  const oldDaugavpilsToken = linkToken((await mailsOf('C002'))[0]!.text);

  // C001 answers through the survey engine with the link from its e-mail and submits.
  const link = await openPersonalLink(db, rigaToken);
  assert.equal(link.state, 'open');
  if (link.state !== 'open') return;
  await submitOnlineResponse(db, link.session);
  assert.equal((await caseRow('C001')).disposition, 'complete');

  // C002 has answered the first page with the link from its e-mail, then stopped halfway.
  const halfway = await openPersonalLink(db, oldDaugavpilsToken);
  assert.equal(halfway.state, 'open');
  if (halfway.state !== 'open') return;
  const firstBlock = halfway.session.questionnaire.definition.blocks[0]!;
  await saveOnlinePage(db, halfway.session, { blockId: firstBlock.id, form: {}, shownIds: [], step: 1 });
  const savedPage = (await openPersonalLink(db, oldDaugavpilsToken)) as {
    state: 'open';
    session: { response: { currentPage: string | null } | null };
  };
  assert.ok(savedPage.session.response, 'the half-filled questionnaire is saved');

  const response = await formPost(app, `${base()}/invitations/email`, { kind: 'reminder' }, analyst);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), `${base()}/invitations?done=reminder&count=1`);

  assert.equal((await mailsOf('C001')).length, 1, 'the completed case gets no reminder');
  const daugavpilsMails = await mailsOf('C002');
  assert.equal(daugavpilsMails.length, 2);
  const reminder = daugavpilsMails[1]!;
  assert.equal(reminder.purpose, 'survey_reminder');
  assert.match(reminder.subject, /^Atgādinājums: /);
  const newToken = linkToken(reminder.text);
  assert.notEqual(newToken, oldDaugavpilsToken);
  const daugavpils = await caseRow('C002');
  assert.equal(daugavpils.token_hash, hashToken(newToken));
  assert.equal(daugavpils.reminder_count, 1);
  assert.ok(daugavpils.reminded_at);
  assert.equal((await findCaseByToken(db, oldDaugavpilsToken))?.caseCode, 'C002', 'the old link still works');
  const resumed = await openPersonalLink(db, oldDaugavpilsToken);
  assert.equal(resumed.state, 'open');
  if (resumed.state === 'open') {
    assert.equal(
      resumed.session.response?.currentPage,
      savedPage.session.response!.currentPage,
      'it resumes where it stopped',
    );
  }
  assert.equal((await findCaseByToken(db, newToken))?.caseCode, 'C002');
  assert.equal((await caseRow('C003')).reminded_at, null, 'a case never invited is not reminded');
  assert.deepEqual(await databaseContains(newToken), []);
});

test('printed letters: a PDF with the address block, the link and a paper questionnaire, in Latvian letters', async () => {
  const { app, db } = context;
  const response = await formPost(
    app,
    `${base()}/letters.pdf`,
    { kind: 'invitation', scope: 'without_email' },
    analyst,
  );
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  assert.equal(response.headers.get('x-letter-count'), '1', 'C003 only: C004 has no postal address');
  assert.equal(response.headers.get('x-letters-without-address'), '1');
  const pdf = Buffer.from(await response.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.subarray(-8).toString('latin1').includes('%%EOF'));
  const text = await readPdfText(pdf);
  for (const expected of [
    'Ķekavas pagasta pārvalde',
    'Gaismas iela 19 k-9',
    'Ķekava, Ķekavas pagasts',
    'LV-2123',
    'Aicinājums piedalīties aptaujā',
    'Anketas kods: C003',
    'Vai Jūsu iestāde sniedz juridisko palīdzību',
  ]) {
    assert.ok(text.includes(expected), `the PDF shows "${expected}"`);
  }
  const token = linkToken(text);
  const kekava = await caseRow('C003');
  assert.equal(kekava.token_hash, hashToken(token), 'the printed link is the case’s link');
  assert.equal(kekava.invitation_channel, 'letter');
  assert.deepEqual(await databaseContains(token), []);

  // Everyone without e-mail who has an address now has a letter: a second batch has nobody in it.
  const again = await formPost(app, `${base()}/letters.pdf`, { kind: 'invitation', scope: 'without_email' }, analyst);
  assert.equal(again.status, 409);
  assert.ok((await again.text()).includes('Nav nevienas iestādes, kam sagatavot šādu vēstuli.'));

  const invalid = await formPost(app, `${base()}/letters.pdf`, { scope: 'everyone' }, analyst);
  assert.equal(invalid.status, 400);
  const invalidHtml = await invalid.text();
  assert.ok(invalidHtml.includes('Izvēlieties vēstuļu veidu.') && invalidHtml.includes('Izvēlieties, kam sūtīt.'));

  // A GET never makes letters (it would kill printed links): it leads to the form.
  const get = await getAs(app, `${base()}/letters.pdf`, analyst);
  assert.equal(get.status, 303);
  assert.equal(get.headers.get('location'), `${base()}/invitations#letters`);
  const audit = await db
    .selectFrom('audit_event')
    .select(['action', 'details'])
    .where('action', '=', 'survey.invitation.letter')
    .execute();
  assert.equal(audit.length, 1);
});

test('the CLI prints reminder letters for every case still to remind', async () => {
  const printed: string[] = [];
  const out = join(workDirectory, 'reminders.pdf');
  const command = invitationCommands.find((candidate) => candidate.subcommand === 'letters')!;
  const commandContext: CommandContext = {
    db: context.db,
    config: context.config,
    args: ['--wave', wave.key, '--out', out, '--reminder', '--all'],
    print: (line) => printed.push(line),
    progress: () => undefined,
  };
  assert.equal(await command.run(commandContext), 0);
  // C002 (e-mail, not complete) and C003 (letter, not complete); C001 completed; C004 was never invited.
  assert.deepEqual(printed, ['2']);
  assert.ok(existsSync(out) && !existsSync(`${out}.part`));
  const text = await readPdfText(readFileSync(out));
  assert.ok(text.includes('Atgādinājums par aptauju'));
  assert.ok(text.includes('Daugavpils sociālais dienests') && text.includes('Ķekavas pagasta pārvalde'));
  assert.ok(!text.includes('Rīgas sociālais dienests'), 'no letter for the completed case');
  assert.equal((await caseRow('C003')).reminder_count, 1);

  const usage = await command.run({ ...commandContext, args: ['--wave', wave.key] });
  assert.equal(usage, 2, 'without --out the command explains its usage');
});

test('e-mail needs an open wave; letters may be printed before it opens', async () => {
  const { app, db } = context;
  const draft = await createWave(db, {
    questionnaireKey: lv2004QuestionnaireKey,
    name: 'Vēl nav atvērts',
    closesOn: futureDate(40),
  });
  await addCases(
    db,
    [
      {
        wave_id: draft.id,
        case_code: 'C001',
        organization_name: 'Liepājas sociālais dienests',
        contact_email: null,
        postal_address: 'Dzirnavu iela 1\nLiepāja',
      },
    ],
    { note: 'test' },
  );
  const email = await formPost(app, `/staff/waves/${draft.key}/invitations/email`, { kind: 'invitation' }, analyst);
  assert.equal(email.status, 409);
  assert.ok((await email.text()).includes('Pa e-pastu var sūtīt tikai tad, kad vilnis ir atvērts.'));
  const letters = await formPost(
    app,
    `/staff/waves/${draft.key}/letters.pdf`,
    { kind: 'invitation', scope: 'without_email' },
    analyst,
  );
  assert.equal(letters.status, 200);
  assert.ok((await readPdfText(Buffer.from(await letters.arrayBuffer()))).includes('Liepājas sociālais dienests'));
  assert.equal((await getAs(app, '/staff/waves/no-such-wave/invitations', analyst)).status, 404);
});

test('the invitation pages and actions are for administrators and analysts only', async () => {
  const { app, db } = context;
  const before = await db
    .selectFrom('outbound_message')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();

  const anonymous = await app.request(`${base()}/invitations`);
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.headers.get('location') ?? '', /^\/login/);
  const anonymousPost = await formPost(
    app,
    `${base()}/invitations/email`,
    { kind: 'reminder' },
    await anonymousVisitorForTest(db),
  );
  assert.equal(anonymousPost.status, 401);

  const editor = await signInForTest(app, db, await createAccountForTest(db, { role: 'institution_editor' }));
  assert.equal((await getAs(app, `${base()}/invitations`, editor)).status, 403);
  assert.equal((await formPost(app, `${base()}/invitations/email`, { kind: 'reminder' }, editor)).status, 403);
  assert.equal((await formPost(app, `${base()}/letters.pdf`, { kind: 'reminder', scope: 'all' }, editor)).status, 403);

  const after = await db
    .selectFrom('outbound_message')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.count), Number(before.count), 'refused requests sent nothing');

  const admin = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
  const page = await getAs(app, `${base()}/invitations?lang=ru`, admin);
  assert.equal(page.status, 200);
  assert.ok((await page.text()).includes('Приглашения и напоминания'));
});

test('the paper form numbers the questions a respondent answers and points follow-ups at their question', async () => {
  const questionnaire = await getQuestionnaireByKey(context.db, lv2004QuestionnaireKey);
  const form = buildPaperForm(questionnaire);
  const questions = form.blocks.flatMap((block) => block.questions);
  assert.deepEqual(
    questions.map((question) => question.number),
    questions.map((_question, index) => index + 1),
  );
  const printedIds = questionnaire.definition.blocks.flatMap((block) =>
    block.questions.filter((question) => !question.system && question.askedOf !== 'staff'),
  );
  assert.equal(questions.length, printedIds.length);
  assert.ok(
    !questions.some(
      (question) =>
        question.label ===
        questionnaire.definition.blocks[0]!.questions.find((candidate) => candidate.system)?.label.lv,
    ),
  );
  const provides = printedIds.findIndex((question) => question.id === 'legal_provides');
  const what = questions[printedIds.findIndex((question) => question.id === 'legal_provided_what')]!;
  assert.equal(what.condition, `Atbildiet, ja uz ${provides + 1}. jautājumu atbildējāt „Jā”.`);

  const email = composeInvitationEmail({
    kind: 'invitation',
    language: 'en',
    organizationName: null,
    questionnaireTitle: { lv: 'Anketa', ru: 'Анкета', en: 'Questionnaire' },
    closesOn: null,
    config: { publicUrl: 'https://atlas.example.lv', mailFrom: 'Atlas <atlas@example.lv>' },
    rawToken: 'x'.repeat(43),
  });
  assert.equal(email.subject, 'Lūdzam aizpildīt anketu: Anketa / Please fill in the questionnaire: Questionnaire');
  assert.deepEqual(email.contentLanguages, ['lv', 'en']);
  assert.ok(email.text.includes(`https://atlas.example.lv/survey/${'x'.repeat(43)}?lang=en`));
  assert.ok(!email.text.includes('Pēdējā diena'), 'no close date, no deadline line');
});
