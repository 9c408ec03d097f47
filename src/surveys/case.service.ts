import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { endOfLatvianDay } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import {
  countCasesByDisposition,
  insertCases,
  insertDispositionEvents,
  markCaseSent,
  selectCaseByCode,
  selectCaseById,
  selectCaseByTokenHash,
  selectCaseForUpdate,
  selectCasesOfWave,
  selectCasesPage,
  selectCasesToInvite,
  selectCasesToRemind,
  selectDispositionEvents,
  selectHighestRespondentNumber,
  updateCase,
  type CaseRow,
  insertSurveyLink,
} from './case.repository.js';
import {
  dispositions,
  type Disposition,
  type InvitationChannel,
  type SurveyCaseTable,
  type SurveyInstitutionType,
} from './survey.table.js';
import { selectWaveById } from './wave.repository.js';

/** One sampled institution in a wave, as the rest of the app sees it (never the token hash). */
export type SurveyCase = {
  id: string;
  waveId: string;
  caseCode: string;
  organizationId: string | null;
  organizationName: string | null;
  institutionType: SurveyInstitutionType | null;
  territory: string | null;
  respondentId: string | null;
  contactEmail: string | null;
  postalAddress: string | null;
  hasToken: boolean;
  tokenExpiresAt: Date | null;
  disposition: Disposition;
  invitedAt: Date | null;
  invitationChannel: InvitationChannel | null;
  remindedAt: Date | null;
  reminderCount: number;
  completedAt: Date | null;
};

export type DispositionChange = {
  id: string;
  from: Disposition;
  to: Disposition;
  occurredAt: Date;
  accountId: string | null;
  note: string | null;
};

export function toSurveyCase(row: CaseRow): SurveyCase {
  return {
    id: row.id,
    waveId: row.wave_id,
    caseCode: row.case_code,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    institutionType: row.institution_type,
    territory: row.territory,
    respondentId: row.respondent_id,
    contactEmail: row.contact_email,
    postalAddress: row.postal_address,
    hasToken: row.token_hash !== null,
    tokenExpiresAt: row.token_expires_at,
    disposition: row.disposition,
    invitedAt: row.invited_at,
    invitationChannel: row.invitation_channel,
    remindedAt: row.reminded_at,
    reminderCount: row.reminder_count,
    completedAt: row.completed_at,
  };
}

/** True when the value is one of the eight AAPOR dispositions the app records. */
export function isDisposition(value: unknown): value is Disposition {
  return typeof value === 'string' && (dispositions as readonly string[]).includes(value);
}

/** SHA-256 (hex) of a raw link token: what the database keeps instead of the token. */
export function hashToken(rawToken: string): string {
  return createHash('sha256').update(rawToken, 'utf8').digest('hex');
}

/** When the links of a wave closing on `closesOn` stop working: the end of that day in Latvia. */
export function tokenExpiryFor(closesOn: string | null): Date | null {
  return closesOn ? endOfLatvianDay(closesOn) : null;
}

/**
 * Changes a case's disposition and writes the change into its history: the one way dispositions change, so
 * the history is always complete. Does nothing (and writes nothing) when the case already has `to`.
 */
export async function changeDisposition(
  db: Kysely<Database>,
  caseId: string,
  to: Disposition,
  context: { accountId?: string | null; note?: string | null } = {},
): Promise<SurveyCase> {
  const row = await selectCaseForUpdate(db, caseId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  if (row.disposition === to) return toSurveyCase(row);
  const now = new Date();
  const completedAt = to === 'complete' ? (row.completed_at ?? now) : row.completed_at;
  await updateCase(db, caseId, { disposition: to, completed_at: completedAt });
  await insertDispositionEvents(db, [
    {
      id: randomUUID(),
      case_id: caseId,
      from_disposition: row.disposition,
      to_disposition: to,
      occurred_at: now,
      account_id: context.accountId ?? null,
      note: context.note ?? null,
    },
  ]);
  return toSurveyCase({ ...row, disposition: to, completed_at: completedAt });
}

/**
 * Makes a new personal link for a case and returns the raw token, which is shown or sent once and never stored: only
 * its hash is kept. Earlier links of the case keep working (a reminder or a printed letter must never strand a
 * person halfway through); every link expires when the wave closes.
 */
export async function issueInvitationToken(db: Kysely<Database>, caseId: string): Promise<string> {
  const row = await selectCaseById(db, caseId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  const wave = await selectWaveById(db, row.wave_id);
  if (!wave) throw new AppError('not_found', 'error.not_found');
  if (wave.status === 'closed') throw new AppError('conflict', 'survey.error.wave_closed');
  // 32 random bytes: 256 bits, far beyond guessing; base64url keeps the link short and safe in any URL.
  const rawToken = randomBytes(32).toString('base64url');
  await insertSurveyLink(db, { tokenHash: hashToken(rawToken), caseId });
  await updateCase(db, caseId, { token_hash: hashToken(rawToken), token_expires_at: tokenExpiryFor(wave.closes_on) });
  return rawToken;
}

/** The case a raw link token belongs to, whatever the state of its wave, or undefined. */
export async function findCaseByToken(db: Kysely<Database>, rawToken: string): Promise<SurveyCase | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(rawToken)) return undefined;
  const row = await selectCaseByTokenHash(db, hashToken(rawToken));
  return row ? toSurveyCase(row) : undefined;
}

/** Cases of a wave that still need their first invitation (not invited, not finished), in case-code order. */
export async function listCasesToInvite(db: Kysely<Database>, waveId: string): Promise<SurveyCase[]> {
  return (await selectCasesToInvite(db, waveId)).map(toSurveyCase);
}

/**
 * Cases to remind: invited, the wave still open, and not complete, refused, not eligible or undeliverable.
 * Partial respondents are reminded: they have not finished.
 */
export async function listCasesToRemind(db: Kysely<Database>, waveId: string): Promise<SurveyCase[]> {
  return (await selectCasesToRemind(db, waveId)).map(toSurveyCase);
}

/** Records that an invitation or reminder went out to a case, by e-mail or as a printed letter. */
export async function recordInvitationSent(
  db: Kysely<Database>,
  caseId: string,
  kind: 'invitation' | 'reminder',
  channel: InvitationChannel,
): Promise<void> {
  const row = await selectCaseById(db, caseId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  await markCaseSent(db, caseId, kind, channel, new Date());
}

/** Every case of a wave in case-code order. */
export async function listCases(db: Kysely<Database>, waveId: string): Promise<SurveyCase[]> {
  return (await selectCasesOfWave(db, waveId)).map(toSurveyCase);
}

/** One case by its code within a wave ('C001'); throws not_found. */
export async function getCaseByCode(db: Kysely<Database>, waveId: string, caseCode: string): Promise<SurveyCase> {
  const row = await selectCaseByCode(db, waveId, caseCode);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return toSurveyCase(row);
}

/** One case by id; throws not_found. */
export async function getCase(db: Kysely<Database>, caseId: string): Promise<SurveyCase> {
  const row = await selectCaseById(db, caseId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return toSurveyCase(row);
}

/** A case's disposition history, oldest first. */
export async function listDispositionHistory(db: Kysely<Database>, caseId: string): Promise<DispositionChange[]> {
  return (await selectDispositionEvents(db, caseId)).map((row) => ({
    id: row.id,
    from: row.from_disposition,
    to: row.to_disposition,
    occurredAt: row.occurred_at,
    accountId: row.account_id,
    note: row.note,
  }));
}

/** How many cases of a wave have each disposition (every disposition listed, zeros included). */
export async function countDispositions(db: Kysely<Database>, waveId: string): Promise<Record<Disposition, number>> {
  const counts = Object.fromEntries(dispositions.map((disposition) => [disposition, 0])) as Record<Disposition, number>;
  for (const row of await countCasesByDisposition(db, waveId)) counts[row.disposition] = Number(row.count);
  return counts;
}

/** The next free respondent code of a wave ('R042'), for a case that answers without one. */
export async function nextRespondentId(db: Kysely<Database>, waveId: string): Promise<string> {
  const highest = await selectHighestRespondentNumber(db, waveId);
  return `R${String(highest + 1).padStart(3, '0')}`;
}

/** Gives a case its respondent code if it has none yet, and returns the code. */
export async function ensureRespondentId(db: Kysely<Database>, surveyCase: SurveyCase): Promise<string> {
  if (surveyCase.respondentId) return surveyCase.respondentId;
  const respondentId = await nextRespondentId(db, surveyCase.waveId);
  await updateCase(db, surveyCase.id, { respondent_id: respondentId });
  return respondentId;
}

/**
 * Stores new cases with their starting dispositions. A case that starts with anything but the default
 * (unknown eligibility) gets a history entry from the default, so an imported wave's history explains itself.
 */
export async function addCases(
  db: Kysely<Database>,
  cases: Array<Omit<Insertable<SurveyCaseTable>, 'id' | 'disposition'> & { disposition?: Disposition }>,
  context: { accountId?: string | null; note: string },
): Promise<number> {
  const now = new Date();
  const rows = cases.map((item) => ({
    ...item,
    id: randomUUID(),
    disposition: item.disposition ?? 'unknown_eligibility',
    completed_at: item.disposition === 'complete' ? now : null,
  }));
  await insertCases(db, rows);
  await insertDispositionEvents(
    db,
    rows
      .filter((row) => row.disposition !== 'unknown_eligibility')
      .map((row) => ({
        id: randomUUID(),
        case_id: row.id,
        from_disposition: 'unknown_eligibility' as const,
        to_disposition: row.disposition,
        occurred_at: now,
        account_id: context.accountId ?? null,
        note: context.note,
      })),
  );
  return rows.length;
}

/** One page of a wave's cases (case-code order), optionally only those with one disposition. */
export async function listCasesPage(
  db: Kysely<Database>,
  waveId: string,
  filter: { disposition?: Disposition; page: number; perPage: number },
): Promise<{ cases: SurveyCase[]; total: number }> {
  const { rows, total } = await selectCasesPage(db, waveId, {
    disposition: filter.disposition,
    limit: filter.perPage,
    offset: (filter.page - 1) * filter.perPage,
  });
  return { cases: rows.map(toSurveyCase), total };
}
