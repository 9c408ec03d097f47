// "Report a mistake" (issue 15, item 3): anyone may tell us a public listing is wrong, without an account or
// JavaScript. Text only, no contact details (docs/decisions/019-registry-upkeep.md). Spam is kept out by a hidden
// field people leave empty, a signed render time (a form sent back within seconds was not filled in by a person)
// and rate limits per sender and for everyone, counted in the database so every app process shares them. Reports
// wait in a queue that the institution's editors and administrators close as fixed or rejected, audited.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { readAppSecret } from '../accounts/session.service.js';
import type { SignedInAccount } from '../core/account.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import {
  closeMistakeReportRow,
  countMistakeReports,
  countReportAttempts,
  deleteReportAttemptsBefore,
  insertMistakeReport,
  insertReportAttempt,
  selectMistakeReport,
  selectMistakeReports,
  type MistakeReportRow,
} from './upkeep.repository.js';
import type { MistakeReportStatus } from './upkeep.table.js';

/** The longest report, in characters. */
export const reportMaxLength = 2000;
/** A form sent back sooner than this after it was shown was not filled in by a person. */
export const minimumFillSeconds = 3;
/** A form older than this must be opened again (its signed time is too old to trust). */
export const formLifetimeSeconds = 24 * 60 * 60;
/** Accepted reports per sender per hour, and from everyone per hour. */
export const reportsPerSenderPerHour = 5;
export const reportsPerHour = 200;

/** The field people leave empty (hidden from them); robots that fill every field fill it. */
export const honeypotField = 'website';

const secretName = 'mistake-report';

function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
}

/** The signed render time a report form carries: `<milliseconds>.<signature>` bound to the listing. */
export async function signFormTime(
  db: Kysely<Database>,
  organizationId: string,
  at: Date = new Date(),
): Promise<string> {
  const time = String(at.getTime());
  return `${time}.${hmac(await readAppSecret(db, secretName), `${time}|${organizationId}`)}`;
}

async function renderedAt(db: Kysely<Database>, organizationId: string, signed: string): Promise<number | null> {
  const [time = '', signature = ''] = signed.split('.');
  if (!/^\d{1,15}$/.test(time)) return null;
  const expected = Buffer.from(hmac(await readAppSecret(db, secretName), `${time}|${organizationId}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(time);
}

/** What the public form sent. */
export type MistakeReportInput = {
  organizationId: string;
  serviceId: string | null;
  body: string;
  honeypot: string;
  formTime: string;
  senderAddress: string;
};

/** Why a report was refused; nothing is stored for any of these. */
export type ReportRefusal = 'spam' | 'too_fast' | 'form_expired' | 'too_many_from_sender' | 'too_many';

/**
 * Checks a report against the spam rules and rate limits and, when it passes, stores it (and one attempt row for
 * the limits). The body must be checked (length) by the caller's schema. Returns the report's id or the refusal.
 */
export async function submitMistakeReport(
  trx: Transaction<Database>,
  input: MistakeReportInput,
  now: Date = new Date(),
): Promise<{ id: string } | { refused: ReportRefusal }> {
  if (input.honeypot.trim() !== '') return { refused: 'spam' };
  const shownAt = await renderedAt(trx, input.organizationId, input.formTime);
  if (shownAt === null) return { refused: 'spam' };
  const age = (now.getTime() - shownAt) / 1000;
  if (age < minimumFillSeconds) return { refused: 'too_fast' };
  if (age > formLifetimeSeconds) return { refused: 'form_expired' };
  const senderKey = hmac(await readAppSecret(trx, secretName), `sender|${input.senderAddress}`);
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
  if ((await countReportAttempts(trx, hourAgo, senderKey)) >= reportsPerSenderPerHour)
    return { refused: 'too_many_from_sender' };
  if ((await countReportAttempts(trx, hourAgo)) >= reportsPerHour) return { refused: 'too_many' };
  const id = randomUUID();
  await insertMistakeReport(trx, {
    id,
    organizationId: input.organizationId,
    serviceId: input.serviceId,
    body: input.body,
  });
  await insertReportAttempt(trx, randomUUID(), senderKey);
  await recordAuditEvent(trx, {
    accountId: null,
    action: 'registry.mistake_report.create',
    entityType: 'mistake_report',
    entityId: id,
    details: { organization_id: input.organizationId, ...(input.serviceId ? { service_id: input.serviceId } : {}) },
  });
  return { id };
}

/** Forgets rate-limit rows older than a day (the daily verification job calls it). */
export async function pruneReportAttempts(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  return deleteReportAttemptsBefore(db, new Date(now.getTime() - 24 * 60 * 60 * 1000));
}

/** A report as the queue shows it. */
export type MistakeReport = {
  id: string;
  organizationId: string;
  organizationName: string;
  serviceId: string | null;
  serviceName: string | null;
  body: string;
  status: MistakeReportStatus;
  createdAt: Date;
  closedAt: Date | null;
};

function toMistakeReport(row: MistakeReportRow): MistakeReport {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    serviceId: row.service_id,
    serviceName: row.service_name,
    body: row.body,
    status: row.status,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** Who may work on the queue: administrators all of it, an institution editor their own institution's reports. */
export function reportQueueScope(account: SignedInAccount): { organizationId: string | null } {
  if (account.role === 'administrator') return { organizationId: null };
  if (account.role === 'institution_editor' && account.organizationId)
    return { organizationId: account.organizationId };
  throw new AppError('forbidden', 'error.forbidden');
}

/**
 * One page of the queue (open reports oldest first; closed ones newest first); an administrator may narrow it to
 * one institution, an editor always sees their own.
 */
export async function listMistakeReports(
  db: Kysely<Database>,
  account: SignedInAccount,
  status: MistakeReportStatus,
  page: number,
  perPage: number,
  onlyInstitution: string | null = null,
): Promise<{ reports: MistakeReport[]; total: number }> {
  const scope = reportQueueScope(account);
  const filter = { status, organizationId: scope.organizationId ?? onlyInstitution };
  const [rows, total] = await Promise.all([
    selectMistakeReports(db, filter, (page - 1) * perPage, perPage),
    countMistakeReports(db, filter),
  ]);
  return { reports: rows.map(toMistakeReport), total };
}

/** One report, for someone who may work on it; not_found otherwise (an editor never learns of others' reports). */
export async function getMistakeReport(db: Kysely<Database>, account: SignedInAccount, id: string) {
  const scope = reportQueueScope(account);
  const row = await selectMistakeReport(db, id);
  if (!row || (scope.organizationId !== null && row.organization_id !== scope.organizationId))
    throw new AppError('not_found', 'error.not_found');
  return toMistakeReport(row);
}

/** Closes an open report as fixed or rejected, audited; conflict when it was closed already. */
export async function closeMistakeReport(
  trx: Transaction<Database>,
  account: SignedInAccount,
  id: string,
  status: 'fixed' | 'rejected',
): Promise<void> {
  const report = await getMistakeReport(trx, account, id);
  if (!(await closeMistakeReportRow(trx, id, status, account.id)))
    throw new AppError('conflict', 'upkeep.reports.already_closed');
  await recordAuditEvent(trx, {
    accountId: account.id,
    action: `registry.mistake_report.${status}`,
    entityType: 'mistake_report',
    entityId: id,
    details: { organization_id: report.organizationId },
  });
}
