import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { latvianToday } from '../core/dates.js';
import type { Language } from '../core/language.js';
import type { Keyring } from '../privacy/keyring.js';
import { openOptional, sealOptional } from '../privacy/sealing.service.js';
import {
  insertConsent,
  markConsentWithdrawn,
  removeConsentsEndedBefore,
  selectConsent,
  selectConsentsOf,
} from './person.repository.js';
import { openPersonKey } from './person.service.js';

// Consent is a record the app enforces, not a yes/no box: who agreed, to share what with whom, for what, how it was
// given, on which notice, until when, and whether it was withdrawn. Every send and share asks `findConsentInForce`.

/** What a consent may cover. A referral shares `identity` and `needs` at least; the rest only where agreed. */
export const consentCategories = ['identity', 'contact', 'release', 'residence', 'needs', 'health', 'risk'] as const;
export type ConsentCategory = (typeof consentCategories)[number];

export const consentMethods = ['signed_paper', 'verbal_witnessed'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** The categories a referral cannot be sent without. */
export const categoriesEveryReferralShares: readonly ConsentCategory[] = ['identity', 'needs'];

export type ConsentInput = {
  recipientOrganizationIds: string[];
  recipientHelpTypes: string[];
  categories: ConsentCategory[];
  purpose: string;
  method: ConsentMethod;
  evidence?: string | undefined;
  noticeVersion: string;
  noticeLanguage: Language;
  givenOn: string;
  expiresOn: string;
};

export type Consent = {
  id: string;
  personId: string;
  recipientOrganizationIds: string[];
  recipientHelpTypes: string[];
  categories: ConsentCategory[];
  purpose: string;
  method: ConsentMethod;
  noticeVersion: string;
  noticeLanguage: Language;
  givenOn: string;
  expiresOn: string;
  withdrawnAt: Date | null;
};

type ConsentRow = NonNullable<Awaited<ReturnType<typeof selectConsent>>>;

function toConsent(row: ConsentRow): Consent {
  return {
    id: row.id,
    personId: row.person_id,
    recipientOrganizationIds: row.recipient_organization_ids,
    recipientHelpTypes: row.recipient_help_types,
    categories: row.categories as ConsentCategory[],
    purpose: row.purpose,
    method: row.method,
    noticeVersion: row.notice_version,
    noticeLanguage: row.notice_language,
    givenOn: row.given_on,
    expiresOn: row.expires_on,
    withdrawnAt: row.withdrawn_at,
  };
}

/** Records a consent for a person; the evidence (a witness's name, a scan's reference) is sealed. */
export async function recordConsent(
  trx: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  input: ConsentInput,
  accountId: string,
): Promise<string> {
  if (input.recipientOrganizationIds.length === 0 && input.recipientHelpTypes.length === 0) {
    throw new AppError('invalid_input', 'consent.error.no_recipient');
  }
  if (input.expiresOn < input.givenOn) throw new AppError('invalid_input', 'consent.error.expires_before_given');
  const key = await openPersonKey(trx, keyring, personId);
  if (!key || 'erased' in key) throw new AppError('not_found', 'error.not_found');
  const id = randomUUID();
  await insertConsent(trx, {
    id,
    person_id: personId,
    recipient_organization_ids: JSON.stringify(input.recipientOrganizationIds),
    recipient_help_types: JSON.stringify(input.recipientHelpTypes),
    categories: JSON.stringify(input.categories),
    purpose: input.purpose,
    method: input.method,
    evidence_sealed: sealOptional(key, { table: 'consent', column: 'evidence_sealed', rowId: id }, input.evidence),
    notice_version: input.noticeVersion,
    notice_language: input.noticeLanguage,
    given_on: input.givenOn,
    expires_on: input.expiresOn,
    withdrawn_at: null,
    recorded_by: accountId,
  });
  await recordAuditEvent(trx, {
    accountId,
    action: 'consent.record',
    entityType: 'consent',
    entityId: id,
    details: {
      person: personId,
      categories: input.categories,
      method: input.method,
      recipients: input.recipientOrganizationIds.length,
    },
  });
  return id;
}

/** A consent by id (no personal fields: the evidence stays sealed). */
export async function getConsent(db: Kysely<Database>, id: string): Promise<Consent | undefined> {
  const row = await selectConsent(db, id);
  return row ? toConsent(row) : undefined;
}

/** Every consent of a person, newest last, without the sealed evidence. */
export async function listConsents(db: Kysely<Database>, personId: string): Promise<Consent[]> {
  return (await selectConsentsOf(db, personId)).map(toConsent);
}

/** Withdraws a consent: from now on nothing more is shared on it. Withdrawing twice changes nothing. */
export async function withdrawConsent(trx: Kysely<Database>, id: string, accountId: string): Promise<void> {
  await markConsentWithdrawn(trx, id, new Date());
  await recordAuditEvent(trx, { accountId, action: 'consent.withdraw', entityType: 'consent', entityId: id });
}

/** True when the consent covers this recipient: by institution, or by every help type the referral asks for. */
function coversRecipient(consent: Consent, recipient: { organizationId: string; needs: readonly string[] }): boolean {
  if (consent.recipientOrganizationIds.includes(recipient.organizationId)) return true;
  return recipient.needs.length > 0 && recipient.needs.every((need) => consent.recipientHelpTypes.includes(need));
}

/** A consent in force today (Latvian date) for sharing with this recipient, or undefined. */
export async function findConsentInForce(
  db: Kysely<Database>,
  personId: string,
  recipient: { organizationId: string; needs: readonly string[] },
  today: string = latvianToday(),
): Promise<Consent | undefined> {
  const consents = (await selectConsentsOf(db, personId)).map(toConsent);
  return consents.find(
    (consent) =>
      consent.withdrawnAt === null &&
      consent.givenOn <= today &&
      consent.expiresOn >= today &&
      categoriesEveryReferralShares.every((category) => consent.categories.includes(category)) &&
      coversRecipient(consent, recipient),
  );
}

/** Every consent of a person with its evidence opened, for a subject-access export. */
export async function listConsentsOfPerson(db: Kysely<Database>, keyring: Keyring, personId: string) {
  const key = await openPersonKey(db, keyring, personId);
  return (await selectConsentsOf(db, personId)).map((row) => ({
    ...toConsent(row),
    evidence: openOptional(key, { table: 'consent', column: 'evidence_sealed', rowId: row.id }, row.evidence_sealed),
  }));
}

/** Retention (retention/): consents that ended (expired or withdrawn) before `before`, counted, or deleted when `apply`. */
export async function removeEndedConsentsForRetention(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  return removeConsentsEndedBefore(db, options);
}
