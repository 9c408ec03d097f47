import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { formatCalendarDate, formatMomentDate } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import { translate } from '../core/i18n.js';
import { countMessagesByStatus, findCorrespondenceLanguages, queueMessage } from '../mail/mail.service.js';
import {
  issueInvitationToken,
  listCases,
  listCasesToInvite,
  listCasesToRemind,
  recordInvitationSent,
  type SurveyCase,
} from './case.service.js';
import {
  renderInvitationLetters,
  type LetterPage,
  type PaperForm,
  type PaperQuestion,
} from './invitation-letter.pdf.js';
import { lockWaveInvitations } from './invitations.repository.js';
import type { Block, Question, QuestionnaireDefinition } from './questionnaire.schema.js';
import { getQuestionnaireById, localize, type Questionnaire } from './questionnaire.service.js';
import { getWave, type Wave } from './wave.service.js';

// Invitations and reminders for a wave, by e-mail or as printed letters.
//
// Order inside one transaction (opened by the caller, the route or the CLI command), per case:
//   1. issue a new personal link (the case keeps only the token's hash),
//   2. compose the mail and queue it: its .eml file is written and fsync'd, its row inserted,
//   3. record the invitation or reminder on the case (invited_at / reminded_at).
// Everything commits together. A crash before the commit leaves nothing recorded and at most an orphan .eml file
// whose link never worked; after the commit, SMTP delivery (mail.service) sends what is queued, again after a
// crash. So a recorded invitation always has its message, and no message with a working link goes unrecorded.
//
// A reminder carries a new link: issuing it replaces the stored hash, so the earlier link stops working and
// each case has exactly one valid link. The answers belong to the case, not the link, so nothing is lost.

export type InvitationKind = 'invitation' | 'reminder';
/** Letters for cases without a usable e-mail address only, or for every case of the kind. */
export type LetterScope = 'without_email' | 'all';

const emailSchema = z.string().trim().email();

/** True when the case has an address an e-mail can go to. */
export function hasUsableEmail(surveyCase: Pick<SurveyCase, 'contactEmail'>): boolean {
  return surveyCase.contactEmail !== null && emailSchema.safeParse(surveyCase.contactEmail).success;
}

/** The personal link: the questionnaire opens in `language` when it is not Latvian (the default). */
export function personalLink(config: Pick<Config, 'publicUrl'>, rawToken: string, language: Language = 'lv'): string {
  return `${config.publicUrl}/survey/${rawToken}${language === 'lv' ? '' : `?lang=${language}`}`;
}

function senderAddress(config: Pick<Config, 'mailFrom'>): string {
  return (/<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom).trim();
}

/**
 * The address people may write to, or null while MAIL_FROM is still the placeholder (atlas@localhost) or any
 * address no one outside this machine can reach: a printed letter must never send a reply there.
 */
export function configuredSenderAddress(config: Pick<Config, 'mailFrom'>): string | null {
  const address = senderAddress(config);
  const domain = /@([^@\s]+)$/.exec(address)?.[1]?.toLowerCase();
  if (!domain || domain === 'localhost' || domain.endsWith('.localhost') || !domain.includes('.')) return null;
  return address;
}

/** Who runs the survey, as its first page says: MAIL_FROM's name, and its address when one is configured. */
export function surveyOrganizer(config: Pick<Config, 'mailFrom'>): { name: string; email: string | null } {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(config.mailFrom)?.[1]?.trim();
  return { name: name || 'Reentry Atlas', email: configuredSenderAddress(config) };
}

/** What to set so letters name an address to write to (shown on the letters page and by the CLI). */
export const senderSetting = 'MAIL_FROM="Name <address@your-institution.lv>"';

type MessageInput = {
  kind: InvitationKind;
  /** The language the organization asked for besides Latvian; Latvian alone when 'lv'. */
  language: Language;
  organizationName: string | null;
  questionnaireTitle: Record<Language, string>;
  closesOn: string | null;
  config: Pick<Config, 'publicUrl' | 'mailFrom'>;
  rawToken: string;
};

function emailSection(input: MessageInput, language: Language): string {
  const t = (key: string, parameters?: Record<string, string | number>) => translate(language, key, parameters);
  const organization = input.organizationName ?? t('invitations.message.your_institution');
  const lines = [
    t('invitations.message.greeting'),
    '',
    t(`invitations.message.intro_${input.kind}`, { organization }),
    '',
    t('invitations.message.why'),
    '',
    input.kind === 'reminder' ? t('invitations.message.resume') : t('invitations.message.how'),
    '',
    t('invitations.message.link_label'),
    personalLink(input.config, input.rawToken, language),
    '',
  ];
  if (input.closesOn)
    lines.push(t('invitations.message.deadline', { date: formatCalendarDate(input.closesOn, language) }));
  lines.push(
    t('invitations.message.private'),
    t('invitations.message.questions_email'),
    '',
    t('invitations.message.thanks'),
    '',
    t('invitations.message.signature'),
  );
  return lines.join('\n');
}

/** The e-mail for one case: Latvian first, then the organization's own language when it asked for one. */
export function composeInvitationEmail(input: MessageInput): {
  subject: string;
  text: string;
  contentLanguages: Language[];
} {
  const languages: Language[] = input.language === 'lv' ? ['lv'] : ['lv', input.language];
  const subject = languages
    .map((language) =>
      translate(language, `invitations.message.subject_${input.kind}`, { title: input.questionnaireTitle[language] }),
    )
    .join(' / ');
  const offers = (['ru', 'en'] as const)
    .filter((language) => !languages.includes(language))
    .map((language) => translate(language, 'invitations.message.language_offer'));
  const sections = languages.map((language) => emailSection(input, language));
  const text = [...offers, ...(offers.length ? [''] : []), sections.join('\n\n————————————————————\n\n'), ''].join(
    '\n',
  );
  return { subject, text, contentLanguages: languages };
}

/** The printed letter for one case (Latvian, with a short line in Russian and English). */
export function composeInvitationLetter(
  input: MessageInput & { caseCode: string; postalAddress: string; date: Date },
): LetterPage {
  const t = (key: string, parameters?: Record<string, string | number>) => translate('lv', key, parameters);
  const organization = input.organizationName ?? t('invitations.message.your_institution');
  const replyTo = configuredSenderAddress(input.config);
  const opening = [
    t(`invitations.message.intro_${input.kind}`, { organization }),
    t('invitations.message.why'),
    input.kind === 'reminder' ? t('invitations.message.resume') : t('invitations.message.how'),
  ];
  const closing = [
    ...(input.closesOn ? [t('invitations.message.deadline', { date: formatCalendarDate(input.closesOn, 'lv') })] : []),
    t('invitations.letter.paper', { code: input.caseCode }),
    ...(replyTo ? [t('invitations.letter.questions', { email: replyTo })] : []),
    t('invitations.message.thanks'),
  ];
  return {
    caseCode: input.caseCode,
    recipient: [
      ...(input.organizationName ? [input.organizationName] : []),
      ...input.postalAddress
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ],
    date: formatMomentDate(input.date, 'lv'),
    heading: t(`invitations.letter.heading_${input.kind}`),
    opening: [t('invitations.message.greeting'), ...opening],
    linkLabel: t('invitations.message.link_label'),
    link: personalLink(input.config, input.rawToken),
    linkNote: `${t('invitations.letter.type_link')} ${t('invitations.message.private')}`,
    closing,
    signature: t('invitations.message.signature').split('\n'),
    otherLanguages: (['ru', 'en'] as const).map((language) =>
      translate(language, 'invitations.message.language_offer'),
    ),
  };
}

/** "a = yes" → the number of question a, when a is on the form; other conditions get a general note. */
function conditionText(question: Question, numbers: Map<string, number>, language: Language): string | undefined {
  if (!question.relevant) return undefined;
  const simple = /^([a-z][a-z0-9_]*)\s*=\s*yes$/.exec(question.relevant.trim());
  const number = simple ? numbers.get(simple[1]!) : undefined;
  return number !== undefined
    ? translate(language, 'invitations.paper.if_yes', { number })
    : translate(language, 'invitations.paper.if_relevant');
}

/** The questionnaire as a paper form: every question a respondent answers, numbered, with boxes and lines. */
export function buildPaperForm(
  questionnaire: Pick<Questionnaire, 'title' | 'definition'>,
  language: Language = 'lv',
): PaperForm {
  const t = (key: string) => translate(language, key);
  const definition: QuestionnaireDefinition = questionnaire.definition;
  const numbers = new Map<string, number>();
  let next = 1;
  const blocks = definition.blocks
    .map((block) => {
      // System questions (the respondent code) and those only staff fill in (how the form came back) are not printed.
      const printed = block.questions.filter((question) => !question.system && question.askedOf !== 'staff');
      const questions: PaperQuestion[] = printed.map((question) => {
        const number = next++;
        const paperQuestion: PaperQuestion = {
          number,
          label: localize(question.label, language),
          answer:
            question.type === 'yes_no'
              ? { kind: 'yes_no' }
              : question.type === 'choice'
                ? {
                    kind: 'choice',
                    options: (question.choices ?? []).map((choice) => localize(choice.label, language)),
                  }
                : question.type === 'number'
                  ? { kind: 'number' }
                  : { kind: 'text', lines: question.multiline ? 4 : 1 },
        };
        if (question.heading) paperQuestion.heading = localize(question.heading, language);
        if (question.hint) paperQuestion.hint = localize(question.hint, language);
        const condition = conditionText(question, numbers, language);
        if (condition) paperQuestion.condition = condition;
        numbers.set(question.id, number);
        return paperQuestion;
      });
      return {
        title: localize(block.title, language),
        ...(printedIntro(block, language) ? { intro: printedIntro(block, language) } : {}),
        questions,
      };
    })
    .filter((block) => block.questions.length > 0);
  return {
    title: localize(questionnaire.title, language),
    codeLabel: translate(language, 'invitations.paper.code', { code: '{code}' }),
    instructions: t('invitations.paper.instructions'),
    yes: t('invitations.paper.yes'),
    no: t('invitations.paper.no'),
    blocks,
    closing: t('invitations.paper.thanks'),
  };
}

// Definitions stored before blocks had an `onlineNote` (a frozen lv-2004 or lv-2026) end their intro with the
// online-only sentence; paper never says it.
const legacyOnlineSentences = [
  'Atbildes tiek saglabātas katrā lapā; varat turpināt vēlāk ar to pašu saiti.',
  'Ответы сохраняются на каждой странице; продолжить можно позже по той же ссылке.',
  'Answers are saved on every page; you can continue later with the same link.',
];

/** A block's intro as the printed form says it: without what only holds online (`onlineNote`, legacy sentences). */
function printedIntro(block: Block, language: Language): string | undefined {
  if (!block.intro) return undefined;
  const text = legacyOnlineSentences.reduce(
    (intro, sentence) => intro.replace(sentence, ''),
    localize(block.intro, language),
  );
  return text.trim() || undefined;
}

async function casesOfKind(db: Kysely<Database>, waveId: string, kind: InvitationKind): Promise<SurveyCase[]> {
  return kind === 'invitation' ? listCasesToInvite(db, waveId) : listCasesToRemind(db, waveId);
}

function titleOf(questionnaire: Questionnaire): Record<Language, string> {
  return {
    lv: localize(questionnaire.title, 'lv'),
    ru: localize(questionnaire.title, 'ru'),
    en: localize(questionnaire.title, 'en'),
  };
}

/**
 * E-mails the wave's invitations (cases not invited yet) or reminders (invited, not finished) to every such case
 * with a usable address; call inside a transaction, then deliver with deliverDueMessages() after the commit.
 */
export async function sendInvitationEmails(
  db: Kysely<Database>,
  config: Config,
  input: { waveId: string; kind: InvitationKind; accountId: string | null },
): Promise<{ sent: number; withoutEmail: number; delivery: 'held' | 'queued' }> {
  const wave = await getWave(db, input.waveId);
  if (wave.status !== 'open') throw new AppError('conflict', 'invitations.error.wave_not_open');
  await lockWaveInvitations(db, wave.id);
  const candidates = await casesOfKind(db, wave.id, input.kind);
  const recipients = candidates.filter(hasUsableEmail);
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const languages = await findCorrespondenceLanguages(
    db,
    recipients.flatMap((surveyCase) => (surveyCase.organizationId ? [surveyCase.organizationId] : [])),
  );
  for (const surveyCase of recipients) {
    const rawToken = await issueInvitationToken(db, surveyCase.id);
    const language = (surveyCase.organizationId && languages.get(surveyCase.organizationId)) || 'lv';
    const message = composeInvitationEmail({
      kind: input.kind,
      language,
      organizationName: surveyCase.organizationName,
      questionnaireTitle: titleOf(questionnaire),
      closesOn: wave.closesOn,
      config,
      rawToken,
    });
    await queueMessage(db, config, {
      purpose: `survey_${input.kind}`,
      subjectType: 'survey_case',
      subjectId: surveyCase.id,
      to: surveyCase.contactEmail!.trim(),
      subject: message.subject,
      text: message.text,
      language,
      contentLanguages: message.contentLanguages,
      secrets: [rawToken],
    });
    await recordInvitationSent(db, surveyCase.id, input.kind, 'email');
  }
  await recordAuditEvent(db, {
    accountId: input.accountId,
    action: `survey.${input.kind}.email`,
    entityType: 'wave',
    entityId: wave.id,
    details: { count: recipients.length },
  });
  return {
    sent: recipients.length,
    withoutEmail: candidates.length - recipients.length,
    delivery: config.smtpUrl ? 'queued' : 'held',
  };
}

/**
 * Prepares printed letters (invitations or reminders) with a paper questionnaire: issues each case a new link,
 * records the letter as sent and returns the PDF. Call inside a transaction; the PDF is made before the commit.
 */
export async function prepareInvitationLetters(
  db: Kysely<Database>,
  config: Config,
  input: { waveId: string; kind: InvitationKind; scope: LetterScope; accountId: string | null; now?: Date },
): Promise<{ letters: number; withoutAddress: number; pdf: Buffer | null }> {
  const wave = await getWave(db, input.waveId);
  if (wave.status === 'closed') throw new AppError('conflict', 'invitations.error.wave_closed');
  await lockWaveInvitations(db, wave.id);
  const candidates = (await casesOfKind(db, wave.id, input.kind)).filter(
    (surveyCase) => input.scope === 'all' || !hasUsableEmail(surveyCase),
  );
  const addressed = candidates.filter((surveyCase) => (surveyCase.postalAddress ?? '').trim() !== '');
  if (addressed.length === 0) return { letters: 0, withoutAddress: candidates.length, pdf: null };
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  const now = input.now ?? new Date();
  const letters: LetterPage[] = [];
  for (const surveyCase of addressed) {
    const rawToken = await issueInvitationToken(db, surveyCase.id);
    letters.push(
      composeInvitationLetter({
        kind: input.kind,
        language: 'lv',
        organizationName: surveyCase.organizationName,
        questionnaireTitle: titleOf(questionnaire),
        closesOn: wave.closesOn,
        config,
        rawToken,
        caseCode: surveyCase.caseCode,
        postalAddress: surveyCase.postalAddress!,
        date: now,
      }),
    );
    await recordInvitationSent(db, surveyCase.id, input.kind, 'letter');
  }
  const pdf = await renderInvitationLetters({
    title: `${translate('lv', `invitations.letter.heading_${input.kind}`)}: ${wave.name}`,
    sender: ['Reentry Atlas', config.publicUrl.replace(/^https?:\/\//, ''), configuredSenderAddress(config)]
      .filter(Boolean)
      .join(' · '),
    letters,
    paperForm: buildPaperForm(questionnaire),
  });
  await recordAuditEvent(db, {
    accountId: input.accountId,
    action: `survey.${input.kind}.letter`,
    entityType: 'wave',
    entityId: wave.id,
    details: { count: letters.length, scope: input.scope },
  });
  return { letters: letters.length, withoutAddress: candidates.length - addressed.length, pdf };
}

/** What the invitations page shows about a wave. */
export type InvitationSummary = {
  wave: Wave;
  cases: number;
  withEmail: number;
  withoutEmail: number;
  /** Neither an e-mail nor a postal address: nobody can reach them until the sample is completed. */
  unreachable: number;
  invitedByEmail: number;
  invitedByLetter: number;
  notInvited: number;
  reminded: number;
  completed: number;
  toInviteByEmail: number;
  toRemindByEmail: number;
  letters: Record<InvitationKind, Record<LetterScope, number>>;
  mailWaiting: number;
  mailFailed: number;
};

/** Counts for the wave's invitations page: who has been invited, reminded, has completed, and who is next. */
export async function summarizeInvitations(db: Kysely<Database>, waveId: string): Promise<InvitationSummary> {
  const wave = await getWave(db, waveId);
  const [cases, toInvite, toRemind] = await Promise.all([
    listCases(db, wave.id),
    listCasesToInvite(db, wave.id),
    listCasesToRemind(db, wave.id),
  ]);
  const mail = await countMessagesByStatus(db, { type: 'survey_case', ids: cases.map((surveyCase) => surveyCase.id) });
  const withEmail = cases.filter(hasUsableEmail).length;
  const hasAddress = (surveyCase: SurveyCase) => (surveyCase.postalAddress ?? '').trim() !== '';
  const letterCount = (list: SurveyCase[], scope: LetterScope) =>
    list.filter((surveyCase) => hasAddress(surveyCase) && (scope === 'all' || !hasUsableEmail(surveyCase))).length;
  const mailCount = (status: string) =>
    mail.filter((row) => row.status === status).reduce((sum, row) => sum + Number(row.count), 0);
  return {
    wave,
    cases: cases.length,
    withEmail,
    withoutEmail: cases.length - withEmail,
    unreachable: cases.filter((surveyCase) => !hasUsableEmail(surveyCase) && !hasAddress(surveyCase)).length,
    invitedByEmail: cases.filter((surveyCase) => surveyCase.invitedAt && surveyCase.invitationChannel === 'email')
      .length,
    invitedByLetter: cases.filter((surveyCase) => surveyCase.invitedAt && surveyCase.invitationChannel === 'letter')
      .length,
    notInvited: cases.filter((surveyCase) => !surveyCase.invitedAt).length,
    reminded: cases.filter((surveyCase) => surveyCase.reminderCount > 0).length,
    completed: cases.filter((surveyCase) => surveyCase.disposition === 'complete').length,
    toInviteByEmail: wave.status === 'open' ? toInvite.filter(hasUsableEmail).length : 0,
    toRemindByEmail: toRemind.filter(hasUsableEmail).length,
    letters: {
      invitation: { without_email: letterCount(toInvite, 'without_email'), all: letterCount(toInvite, 'all') },
      reminder: { without_email: letterCount(toRemind, 'without_email'), all: letterCount(toRemind, 'all') },
    },
    mailWaiting: mailCount('queued'),
    mailFailed: mailCount('failed'),
  };
}
