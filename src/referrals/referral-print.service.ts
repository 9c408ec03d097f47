import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import { AppError } from '../core/errors.js';
import { translate } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import type { Database } from '../db/database.js';
import { findConsentInForce, getConsent, type Consent } from '../people/consent.service.js';
import { findPersonTeams, readPeople, type Person } from '../people/person.service.js';
import type { Keyring } from '../privacy/keyring.js';
import { findInstitutionNames, getInstitution, getService } from '../registry/institution-read.service.js';
import { helpTypeCodes, type HelpTypeCode } from '../registry/help-types.js';
import type { ReferralState } from './referral-machine.js';
import { selectReferral, selectReferralsOfPerson } from './referral.repository.js';
import { renderPrintPdf } from './referral-print.pdf.js';
import {
  buildConsentCopyLines,
  buildReferralSummaryLines,
  referralSummaryFactsOf,
  type PrintBlock,
} from './referral-print.js';

// Printing for the person (issue 11 items 3 and 7, issue 12 "printing is audited"): only the referring team, who
// may read the person, prints; the person is opened through people/ (audited as a read) and each print adds one
// audit event with action `person.print` and details.kind "print". The PDF is in the person's language.

/** A printed document: its bytes and the language it is in. */
export type PrintedDocument = { pdf: Buffer; language: Language };

async function openPersonForPrint(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  account: SignedInAccount,
  referralId?: string,
): Promise<Person> {
  const team = (await findPersonTeams(db, [personId])).get(personId);
  if (!team) throw new AppError('not_found', 'error.not_found');
  if (account.role !== 'referrer' || account.organizationId !== team)
    throw new AppError('forbidden', 'error.forbidden');
  const person = (
    await readPeople(db, keyring, [personId], {
      accountId: account.id,
      purpose: 'print',
      ...(referralId ? { referralId } : {}),
    })
  ).get(personId);
  if (!person || person.erased) throw new AppError('not_found', 'referral.error.person_not_found');
  return person;
}

async function consentBlock(db: Kysely<Database>, consent: Consent, person: Person): Promise<PrintBlock> {
  const names = await findInstitutionNames(db, [...consent.recipientOrganizationIds, person.teamOrganizationId]);
  const team = await getInstitution(db, person.teamOrganizationId).catch(() => undefined);
  return buildConsentCopyLines(
    {
      personName: [person.givenName, person.familyName].filter(Boolean).join(' ') || null,
      teamName: names.get(person.teamOrganizationId) ?? '—',
      teamPhone: team?.phones[0]?.number ?? null,
      recipientNames: consent.recipientOrganizationIds.map((id) => names.get(id) ?? id),
      categories: consent.categories,
      purpose: consent.purpose,
      method: consent.method,
      givenOn: consent.givenOn,
      expiresOn: consent.expiresOn,
      noticeVersion: consent.noticeVersion,
      withdrawnOn: consent.withdrawnAt ? consent.withdrawnAt.toISOString().slice(0, 10) : null,
    },
    person.language,
  );
}

function render(blocks: PrintBlock[], language: Language): Promise<Buffer> {
  return renderPrintPdf(blocks, {
    title: blocks[0]?.heading ?? 'Reentry Atlas',
    footer: translate(language, 'referral.print.footer'),
    language,
  });
}

/**
 * The referral summary for the person, followed by the copy of the consent that lets it be sent (when one is in
 * force), in the person's language. Only the referring team may print it; the print is audited.
 */
export async function printReferralForPerson(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  account: SignedInAccount,
): Promise<PrintedDocument> {
  const referral = await selectReferral(db, referralId);
  if (!referral) throw new AppError('not_found', 'error.not_found');
  if (account.role !== 'referrer' || account.organizationId !== referral.team_organization_id)
    throw new AppError('forbidden', 'error.forbidden');
  const person = await openPersonForPrint(db, keyring, referral.person_id, account, referralId);
  const language = person.language;
  const [service, institution] = await Promise.all([
    getService(db, referral.service_id, language),
    getInstitution(db, referral.organization_id),
  ]);
  const facts = referralSummaryFactsOf(service, institution, {
    id: referral.id,
    neededBy: referral.needed_by,
    state: referral.state,
  });
  const blocks = [buildReferralSummaryLines(facts, language)];
  const consent = await findConsentInForce(db, referral.person_id, {
    organizationId: referral.organization_id,
    needs: referral.needs,
  });
  if (consent) blocks.push(await consentBlock(db, consent, person));
  const pdf = await render(blocks, language);
  await recordAuditEvent(db, {
    accountId: account.id,
    action: 'person.print',
    entityType: 'person',
    entityId: referral.person_id,
    details: {
      kind: 'print',
      document: consent ? 'referral_summary_and_consent' : 'referral_summary',
      referral: referralId,
      ...(consent ? { consent: consent.id } : {}),
      language,
    },
  });
  return { pdf, language };
}

/** The person's copy of one consent, in their language; only the referring team prints it, audited. */
export async function printConsentForPerson(
  db: Kysely<Database>,
  keyring: Keyring,
  consentId: string,
  account: SignedInAccount,
): Promise<PrintedDocument> {
  const consent = await getConsent(db, consentId);
  if (!consent) throw new AppError('not_found', 'error.not_found');
  const person = await openPersonForPrint(db, keyring, consent.personId, account);
  const pdf = await render([await consentBlock(db, consent, person)], person.language);
  await recordAuditEvent(db, {
    accountId: account.id,
    action: 'person.print',
    entityType: 'person',
    entityId: consent.personId,
    details: { kind: 'print', document: 'consent', consent: consent.id, language: person.language },
  });
  return { pdf, language: person.language };
}

/** Referrals the person should still act on: sent and not yet ended. Drafts are not sent, final states are over. */
const openReferralStates: readonly ReferralState[] = [
  'sent',
  'info_requested',
  'accepted',
  'waitlisted',
  'in_progress',
];

/** What a release plan for one person is made from: coded facts of their record and their referrals' summaries. */
export type PersonPlanFacts = {
  language: Language;
  /** Where the plan looks for help: the planned place of stay, else the last declared residence (ATVK codes). */
  territoryCode: string | null;
  residenceCode: string | null;
  /** The expected release date (ISO), opened from the person's sealed record. */
  releaseDate: string | null;
  /** The needs of the open referrals, each once. */
  needs: HelpTypeCode[];
  /** One summary per open referral, oldest first, in the person's language. */
  summaries: PrintBlock[];
};

/**
 * The release plan for a person with their referrals in it (issue 11 item 7): only the referring team may print
 * it. The person is opened through people/ (audited as a read); `render` draws the plan from the facts (plan/
 * knows how); the print is audited like every print for the person (`person.print`, details.kind "print").
 */
export async function printReleasePlanForPerson(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  account: SignedInAccount,
  render: (facts: PersonPlanFacts) => Promise<Buffer>,
): Promise<PrintedDocument> {
  const person = await openPersonForPrint(db, keyring, personId, account);
  const language = person.language;
  const referrals = (await selectReferralsOfPerson(db, personId)).filter(
    (row) => row.team_organization_id === person.teamOrganizationId && openReferralStates.includes(row.state),
  );
  const summaries: PrintBlock[] = [];
  const printed: string[] = [];
  for (const referral of referrals) {
    // A service or institution since removed from the registry has nothing left to say where to go: left out.
    const [service, institution] = await Promise.all([
      getService(db, referral.service_id, language).catch(() => undefined),
      getInstitution(db, referral.organization_id).catch(() => undefined),
    ]);
    if (!service || !institution) continue;
    const facts = referralSummaryFactsOf(service, institution, {
      id: referral.id,
      neededBy: referral.needed_by,
      state: referral.state,
    });
    summaries.push(buildReferralSummaryLines(facts, language));
    printed.push(referral.id);
  }
  const needs = helpTypeCodes.filter((code) => referrals.some((referral) => referral.needs.includes(code)));
  const pdf = await render({
    language,
    territoryCode: person.plannedStay ?? person.lastResidence,
    residenceCode: person.lastResidence,
    releaseDate: person.expectedRelease,
    needs,
    summaries,
  });
  await recordAuditEvent(db, {
    accountId: account.id,
    action: 'person.print',
    entityType: 'person',
    entityId: personId,
    details: { kind: 'print', document: 'release_plan', referrals: printed, language },
  });
  return { pdf, language };
}
