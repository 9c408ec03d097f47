// The verification cycle (issue 15, item 2): every N months (config) each institution gets an e-mail with a link
// that opens "Is this still right?". Confirming moves the listing's verified date to today; the link is random, only
// its SHA-256 is stored, it is bound to one listing, works once and expires. A completed survey questionnaire counts
// as a verification too. Listings not verified for over a year tell the public so (http/components/listing-freshness.tsx).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { translatorFor } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import { findCorrespondenceLanguages, queueMessage, requestDelivery } from '../mail/mail.service.js';
import { changeRows, recordChanges } from './change-history.js';
import { selectPhonesOf } from './registry.repository.js';
import {
  countStaleOrganizations,
  insertVerificationLink,
  markVerificationLinkUsed,
  selectOrganizationsDueForVerification,
  selectStaleOrganizations,
  selectVerificationLink,
  updateVerifiedDates,
  type VerificationLinkRow,
} from './upkeep.repository.js';
import type { VerificationOutcome } from './upkeep.table.js';

/** How long an e-mailed verification link works. */
export const verificationLinkDays = 60;

/** The most institutions one run of the job e-mails; the rest follow the next day. */
const institutionsPerRun = 200;

/** The calendar date `months` months before `isoDate` (the day clamped to the month's end). */
export function monthsBefore(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

export function hashVerificationToken(rawToken: string): string {
  return createHash('sha256').update(rawToken, 'utf8').digest('hex');
}

/** The address of "Is this still right?" for one listing and one raw token. */
export function verificationPath(organizationId: string, rawToken: string): string {
  return `/verify/${organizationId}/${rawToken}`;
}

/**
 * Creates a verification link for one institution and returns its raw token (only its hash is stored); call it
 * inside the transaction that queues the e-mail carrying it.
 */
export async function createVerificationLink(
  trx: Kysely<Database>,
  organizationId: string,
  now: Date = new Date(),
): Promise<string> {
  const rawToken = randomBytes(32).toString('base64url');
  await insertVerificationLink(trx, {
    tokenHash: hashVerificationToken(rawToken),
    organizationId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + verificationLinkDays * 24 * 60 * 60 * 1000),
  });
  return rawToken;
}

/** What a verification link leads to, or why it does not. */
export type VerificationLinkState = { state: 'open'; organizationId: string } | { state: 'used' | 'expired' };

function checkLink(row: VerificationLinkRow | undefined, organizationId: string, now: Date): VerificationLinkState {
  // Unknown, or a token of another listing: the same answer, so a link says nothing about other listings.
  if (!row || row.organization_id !== organizationId) throw new AppError('not_found', 'upkeep.verify.link_unknown');
  if (row.used_at) return { state: 'used' };
  if (row.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'open', organizationId };
}

/** Checks a link for one listing without using it: open, used or expired; not_found for another listing's token. */
export async function openVerificationLink(
  db: Kysely<Database>,
  organizationId: string,
  rawToken: string,
  now: Date = new Date(),
): Promise<VerificationLinkState> {
  return checkLink(await selectVerificationLink(db, hashVerificationToken(rawToken)), organizationId, now);
}

/**
 * Sets the verified date of an institution and its services to `date` where older, with one history row per
 * record that moved; returns whether anything moved.
 */
export async function markListingVerified(
  trx: Transaction<Database>,
  organizationId: string,
  date: string,
  updatedBy: string,
): Promise<boolean> {
  const moved = await updateVerifiedDates(trx, organizationId, date);
  const context = { updatedBy };
  const rows = [
    ...(moved.organization !== undefined
      ? changeRows(
          { id: organizationId, type: 'organization' },
          'update',
          { last_verified_on: moved.organization ?? '' },
          { last_verified_on: date },
          context,
        )
      : []),
    ...moved.services.flatMap((service) =>
      changeRows(
        { id: service.id, type: 'service' },
        'update',
        { last_verified_on: service.previous ?? '' },
        { last_verified_on: date },
        context,
      ),
    ),
  ];
  return recordChanges(trx, rows);
}

/**
 * Uses a verification link once: "confirmed" moves the listing's verified date to today; "edited" records that
 * the institution sent corrections instead. Throws not_found for another listing's token, conflict when used or
 * expired. Audited (no account: the institution acts through its link).
 */
export async function useVerificationLink(
  trx: Transaction<Database>,
  organizationId: string,
  rawToken: string,
  outcome: VerificationOutcome,
  now: Date = new Date(),
): Promise<void> {
  const tokenHash = hashVerificationToken(rawToken);
  const state = checkLink(await selectVerificationLink(trx, tokenHash), organizationId, now);
  if (state.state !== 'open') throw new AppError('conflict', `upkeep.verify.link_${state.state}`);
  const used = await markVerificationLinkUsed(trx, tokenHash, outcome, now);
  if (!used) throw new AppError('conflict', 'upkeep.verify.link_used');
  if (outcome === 'confirmed')
    await markListingVerified(trx, organizationId, latvianToday(now), `verification-link:${organizationId}`);
  await recordAuditEvent(trx, {
    accountId: null,
    action: `registry.verification.${outcome}`,
    entityType: 'organization',
    entityId: organizationId,
    details: { organization_id: organizationId },
  });
}

/** The e-mail's words: Latvian, then the institution's correspondence language when it chose another (as mail does). */
function verificationEmail(languages: Language[], name: string, link: string, months: number) {
  return {
    subject: translatorFor(languages[0] ?? 'lv')('upkeep.verify.mail_subject', { name }),
    text: languages
      .map((language) => translatorFor(language)('upkeep.verify.mail_body', { name, link, months }))
      .join('\n\n---\n\n'),
  };
}

/**
 * The daily job: institutions whose listing was last verified over `verificationIntervalMonths` ago and that were
 * not asked since then get an e-mail with a fresh link. Returns how many were e-mailed.
 */
export async function sendDueVerificationRequests(
  db: Kysely<Database>,
  config: Config,
  now: Date = new Date(),
): Promise<number> {
  const cutoff = monthsBefore(latvianToday(now), config.verificationIntervalMonths);
  const notAskedSince = new Date(`${cutoff}T00:00:00Z`);
  const due = await selectOrganizationsDueForVerification(db, cutoff, notAskedSince, institutionsPerRun);
  const correspondence = await findCorrespondenceLanguages(
    db,
    due.map((institution) => institution.id),
  );
  for (const institution of due) {
    await db.transaction().execute(async (trx) => {
      const rawToken = await createVerificationLink(trx, institution.id, now);
      const link = `${config.publicUrl}${verificationPath(institution.id, rawToken)}`;
      const chosen = correspondence.get(institution.id);
      const languages: Language[] = chosen && chosen !== 'lv' ? ['lv', chosen] : ['lv'];
      const mail = verificationEmail(languages, institution.name, link, config.verificationIntervalMonths);
      await queueMessage(trx, config, {
        purpose: 'registry.verification',
        subjectType: 'organization',
        subjectId: institution.id,
        to: institution.email,
        subject: mail.subject,
        text: mail.text,
        language: 'lv',
        contentLanguages: languages,
        secrets: [rawToken],
      });
      await recordAuditEvent(trx, {
        accountId: null,
        action: 'registry.verification.requested',
        entityType: 'organization',
        entityId: institution.id,
        details: { organization_id: institution.id },
      });
    });
  }
  if (due.length > 0) requestDelivery(db, config);
  return due.length;
}

/** One listing in the staff queue of stale listings, with how to reach it. */
export type StaleListing = {
  id: string;
  name: string;
  email: string | null;
  phones: string[];
  lastVerifiedOn: string | null;
  lastAskedAt: Date | null;
};

/** Listings not verified within the verification interval, the oldest first, a page at a time. */
export async function listStaleListings(
  db: Kysely<Database>,
  config: Pick<Config, 'verificationIntervalMonths'>,
  page: number,
  perPage: number,
  now: Date = new Date(),
): Promise<{ listings: StaleListing[]; total: number; verifiedBefore: string }> {
  const verifiedBefore = monthsBefore(latvianToday(now), config.verificationIntervalMonths);
  const [rows, total] = await Promise.all([
    selectStaleOrganizations(db, verifiedBefore, (page - 1) * perPage, perPage),
    countStaleOrganizations(db, verifiedBefore),
  ]);
  const phones = await selectPhonesOf(db, { organizationIds: rows.map((row) => row.id) });
  return {
    total,
    verifiedBefore,
    listings: rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      phones: phones.filter((phone) => phone.organization_id === row.id).map((phone) => phone.number),
      lastVerifiedOn: row.last_verified_on,
      lastAskedAt: row.last_asked_at ? new Date(row.last_asked_at) : null,
    })),
  };
}
