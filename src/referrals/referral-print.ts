// The person's printed copies (issue 11 items 3 and 7): the referral summary — where to go, when, whom to ask for,
// what to bring, a phone number — and the copy of their consent, in the person's language. Pure functions from
// facts to lines, so the release plan's PDF (plan/) can print the same summary: call
// `referralSummaryFactsOf(...)` with what the registry holds, then `buildReferralSummaryLines(facts, language)`.
import { formatCalendarDate } from '../core/dates.js';
import { translate } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import type { Institution, Service } from '../registry/institution.model.js';
import type { ReferralState } from './referral-machine.js';

/** One titled block of a printed page: a heading and its lines, each a sentence or a "label: value" pair. */
export type PrintBlock = { heading: string; lines: PrintLine[] };
export type PrintLine = { label?: string; text: string };

/** What the summary says, already chosen from the registry: no name, code or note about the person. */
export type ReferralSummaryFacts = {
  serviceName: string;
  institutionName: string;
  address: string | null;
  /** The date the person should arrive by (ISO), if the referral names one. */
  neededBy: string | null;
  /** The referral's state decides whether the place is confirmed or still being asked for. */
  state: ReferralState | null;
  /** Whom to ask for on arrival: the service's contact (name, title), if the registry has one. */
  askFor: string | null;
  documents: string[];
  phone: string | null;
  /** A short reference the intake staff can find the referral by (the start of its id; names no one). */
  reference: string | null;
};

/** Chooses the summary's facts from a service and its institution (registry data only). */
export function referralSummaryFactsOf(
  service: Service,
  institution: Institution,
  referral: { id: string; neededBy: string | null; state: ReferralState } | null,
): ReferralSummaryFacts {
  const locations = institution.locations.filter((location) => service.locationIds.includes(location.id));
  const location = locations.find((candidate) => candidate.address) ?? institution.locations.find((l) => l.address);
  const address = location?.address
    ? [location.address.address1, location.address.address2, location.address.city].filter(Boolean).join(', ')
    : null;
  const contact = service.contacts.find((candidate) => candidate.name || candidate.title) ?? null;
  const askFor = contact ? [contact.name, contact.title].filter(Boolean).join(', ') : null;
  const phone =
    service.phones[0]?.number ??
    service.contacts.flatMap((candidate) => candidate.phones)[0]?.number ??
    location?.phones[0]?.number ??
    institution.phones[0]?.number ??
    null;
  return {
    serviceName: service.name,
    institutionName: institution.name,
    address,
    neededBy: referral?.neededBy ?? null,
    state: referral?.state ?? null,
    askFor,
    documents: service.requiredDocuments,
    phone,
    reference: referral ? referral.id.slice(0, 8).toUpperCase() : null,
  };
}

const confirmedStates: readonly ReferralState[] = ['accepted', 'in_progress', 'completed'];

/** The referral summary in the person's language: where to go, when, whom to ask for, what to bring, a phone. */
export function buildReferralSummaryLines(facts: ReferralSummaryFacts, language: Language): PrintBlock {
  const t = (key: string, parameters: Record<string, string | number> = {}) =>
    translate(language, `referral.print.${key}`, parameters);
  const lines: PrintLine[] = [];
  lines.push({ label: t('where'), text: `${facts.serviceName} — ${facts.institutionName}` });
  if (facts.address) lines.push({ label: t('address'), text: facts.address });
  const when = facts.neededBy
    ? t('when_by', { date: formatCalendarDate(facts.neededBy, language) })
    : t('when_call_first');
  const status = facts.state && confirmedStates.includes(facts.state) ? t('status_confirmed') : t('status_pending');
  lines.push({ label: t('when'), text: `${when} ${status}` });
  lines.push({
    label: t('ask_for'),
    text: facts.askFor
      ? t('ask_for_contact', { contact: facts.askFor })
      : t('ask_for_intake', { reference: facts.reference ?? '—' }),
  });
  if (facts.askFor && facts.reference) lines.push({ label: t('reference'), text: facts.reference });
  const documents = [t('bring_identity'), ...facts.documents, t('bring_this_paper')];
  lines.push({ label: t('bring'), text: documents.join('; ') });
  lines.push({ label: t('phone'), text: facts.phone ?? t('phone_none') });
  return { heading: t('summary_title'), lines };
}

/** The consent as the person agreed to it, for their own copy. */
export type ConsentCopyFacts = {
  personName: string | null;
  teamName: string;
  teamPhone: string | null;
  recipientNames: string[];
  categories: string[];
  purpose: string;
  method: 'signed_paper' | 'verbal_witnessed';
  givenOn: string;
  expiresOn: string;
  noticeVersion: string;
  withdrawnOn: string | null;
};

/** The copy of the consent in the person's language: what may be shared, with whom, for what, until when, how to
 * withdraw it. */
export function buildConsentCopyLines(facts: ConsentCopyFacts, language: Language): PrintBlock {
  const t = (key: string, parameters: Record<string, string | number> = {}) =>
    translate(language, `referral.print.${key}`, parameters);
  const date = (iso: string) => formatCalendarDate(iso, language);
  const lines: PrintLine[] = [];
  if (facts.personName) lines.push({ label: t('consent_who'), text: facts.personName });
  lines.push({ label: t('consent_recipients'), text: facts.recipientNames.join('; ') || '—' });
  lines.push({
    label: t('consent_categories'),
    text: facts.categories.map((category) => translate(language, `network.consent.category.${category}`)).join(', '),
  });
  lines.push({ label: t('consent_purpose'), text: facts.purpose });
  lines.push({
    label: t('consent_how'),
    text: t('consent_how_text', {
      method: translate(language, `network.consent.method.${facts.method}`),
      date: date(facts.givenOn),
      version: facts.noticeVersion,
    }),
  });
  lines.push({ label: t('consent_until'), text: date(facts.expiresOn) });
  if (facts.withdrawnOn) lines.push({ label: t('consent_withdrawn'), text: date(facts.withdrawnOn) });
  lines.push({
    label: t('consent_withdraw'),
    text: t('consent_withdraw_text', { team: facts.teamName, phone: facts.teamPhone ?? '—' }),
  });
  return { heading: t('consent_title'), lines };
}
