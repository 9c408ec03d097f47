// The plan in words: one language-resolved document that the page and the PDF both draw, so the screen, the
// printout and the download always say the same thing (query → plan → words → HTML or PDF).
import { formatCalendarDate } from '../core/dates.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { telephoneHref } from '../http/components/phone-links.js';
import { describeOpeningHours, describePersonLimits } from '../http/components/service-words.js';
import { describeEntitlement, entitlementText } from '../http/components/entitlement-note.js';
import { describeReason, pickServiceTexts } from '../finder/finder.output.js';
import { finderResultsHref } from '../finder/finder.routes.js';
import type { BedWords } from '../beds/beds.components.js';
import { firstOpenDay, planPlaceKey, planStepOrder, type Plan, type PlanPlace, type PlanStep } from './plan.service.js';

type BedWordsMap = ReadonlyMap<string, BedWords>;
/**
 * One line about a place. A listing text shown in Latvian to a Russian or English reader has `language: 'lv'` and
 * `note` "(по-латышски)": the page marks the text with lang="lv", the PDF prints the note after it.
 */
export type PlanDocumentLine = { label: string; text: string; href?: string; language?: Language; note?: string };
export type PlanDocumentPlace = {
  /** What the review step's checkbox sends for this place (null: it cannot be chosen). */
  key: string | null;
  name: string;
  /** The language `name` is in (Latvian where the institution has no name in the reader's), for lang="…". */
  nameLanguage?: Language;
  detail: string | null;
  detailLanguage?: Language;
  href: string | null;
  isDemo: boolean;
  lines: PlanDocumentLine[];
  reason: string | null;
};
export type PlanDocumentStep = {
  title: string;
  todo: string;
  bring: string;
  places: PlanDocumentPlace[];
  /** Said instead of places: nothing near by, or "at the same social service". */
  placesNote: string | null;
  more: { text: string; href: string } | null;
  notForYou: PlanDocumentPlace[];
};
/** A referral's summary for the person (referrals/referral-print.ts): where, when, whom to ask for, what to bring. */
export type PlanDocumentReferral = { heading: string; lines: Array<{ label?: string; text: string }> };
export type PlanDocumentStage = { number: number; heading: string; note: string | null; steps: PlanDocumentStep[] };
export type PlanDocument = {
  title: string;
  facts: string[];
  /** Said first, when some places are invented demonstration data. */
  warning: string | null;
  /** "Call before you go": said right under the facts. */
  advice: string;
  stages: PlanDocumentStage[];
  /** "Plan made: <date>", printed at the foot of the page. */
  madeOn: string;
  demoBadge: string;
  bringLabel: string;
  notForYouLabel: string;
  /** The notes area of the PDF: its heading (lined space follows, to write by hand). */
  notesTitle: string;
  /** "Release day:" — the PDF prints it with a line to write on when no date was given. */
  releaseLabel: string;
  hasReleaseDate: boolean;
  /** "Your referrals": printed first, only in the plan a referring team prints for a person (never the public one). */
  referrals: { title: string; summaries: PlanDocumentReferral[] } | null;
};

/**
 * The plan in the reader's language. `releaseDate` (YYYY-MM-DD) only if the person gave it in this browser, or
 * from the person's record when their referring team prints it; `referralSummaries` only in that staff print.
 */
export function describePlan(
  plan: Plan,
  context: {
    t: Translate;
    language: Language;
    releaseDate: string | null;
    today: string;
    bedWords?: BedWordsMap;
    referralSummaries?: readonly PlanDocumentReferral[];
  },
): PlanDocument {
  const { t, language, releaseDate } = context;
  const facts: string[] = [];
  if (releaseDate)
    facts.push(t('plan.result.release', { date: formatCalendarDate(releaseDate, language, { weekday: true }) }));
  const person = [
    plan.sex ? t(`plan.result.sex.${plan.sex}`) : null,
    plan.age !== null ? t('plan.result.age', { age: plan.age }) : null,
  ].filter((part): part is string => part !== null);
  if (person.length > 0) facts.push(t('plan.result.person', { person: person.join(', ') }));
  facts.push(t('plan.result.place', { place: placeName(plan.destination) }));
  facts.push(
    plan.residence
      ? t('plan.result.residence', { place: placeName(plan.residence) })
      : t('plan.result.residence_unknown'),
  );
  // Needs in the plan's own order of urgency, whatever order the link gave them in.
  const needs = planStepOrder.flatMap((step) =>
    step.need !== null && plan.needs.includes(step.need) ? [step.need] : [],
  );
  facts.push(
    needs.length > 0
      ? t('plan.result.needs', { needs: needs.map((need) => t(`finder.need.${need}`)).join(', ') })
      : t('plan.result.no_needs'),
  );

  const stages = plan.stages.map((stage, position) => ({
    number: position + 1,
    heading: t(`plan.stage.${stage.name}`),
    note: stage.name === 'day' ? t('plan.stage.day_note') : null,
    steps: stage.steps.map((step) => describeStep(plan, step, context)),
  }));

  const madeOn = t('plan.made_on', { date: formatCalendarDate(context.today, language) });
  const warning = plan.includesDemoData ? t('plan.demo_warning') : null;
  return {
    title: t('plan.result.title'),
    facts,
    warning,
    advice: t('plan.call_first'),
    stages,
    madeOn,
    demoBadge: t('finder.card.demo'),
    bringLabel: t('plan.bring'),
    notForYouLabel: t('plan.not_for_you'),
    notesTitle: t('plan.notes'),
    releaseLabel: t('plan.result.release_blank'),
    hasReleaseDate: releaseDate !== null,
    referrals:
      context.referralSummaries && context.referralSummaries.length > 0
        ? { title: t('plan.referrals.title'), summaries: [...context.referralSummaries] }
        : null,
  };
}

function placeName(territory: { name: string; level: 1 | 2; municipalityName: string }): string {
  return territory.level === 2 ? `${territory.name} (${territory.municipalityName})` : territory.name;
}

function describeStep(
  plan: Plan,
  step: PlanStep,
  context: { t: Translate; language: Language; releaseDate: string | null; bedWords?: BedWordsMap },
): PlanDocumentStep {
  const { t } = context;
  const municipalityName = step.municipality?.name ?? plan.destination.municipalityName;
  let todo: string;
  if (step.kind === 'social_service') {
    todo = t(plan.residence ? 'plan.step.social_service.todo' : 'plan.step.social_service.todo_unknown', {
      place: municipalityName,
    });
  } else {
    todo = t(`plan.step.${step.kind}.todo`);
  }
  // A bed tonight and the first-day offices are where a shut door on release day hurts: say when they open.
  const checkReleaseDay = step.stage !== 'weeks';
  const places = step.places.map((place) => describePlace(place, context, checkReleaseDay));
  let placesNote: string | null = null;
  if (step.kind === 'one_off_benefit') placesNote = t('plan.place.same_as_above');
  else if (step.kind === 'social_service' && places.length === 0)
    placesNote = t('plan.step.social_service.none', { place: municipalityName });
  else if (places.length === 0) placesNote = t(step.chosenOut ? 'plan.place.none_chosen' : 'plan.place.none');
  const more =
    step.need !== null && step.morePlaces > 0
      ? {
          text: t('plan.place.more', { count: step.morePlaces }),
          href: finderResultsHref({
            needs: [step.need],
            territory: plan.destination.code,
            ...(plan.residence ? { residence: plan.residence.code } : {}),
          }),
        }
      : null;
  return {
    title: t(`plan.step.${step.kind}.title`),
    todo,
    bring: t(`plan.step.${step.kind}.bring`),
    places,
    placesNote,
    more,
    notForYou: step.notForYou.map((place) => describePlace(place, context, false)),
  };
}

function describePlace(
  place: PlanPlace,
  context: { t: Translate; language: Language; releaseDate: string | null; bedWords?: BedWordsMap },
  checkReleaseDay: boolean,
): PlanDocumentPlace {
  const { t, language, releaseDate } = context;
  const lines: PlanDocumentLine[] = [];
  const where = [
    place.address,
    place.territoryName && !place.address?.includes(place.territoryName) ? place.territoryName : null,
  ]
    .filter(Boolean)
    .join(', ');
  const distance =
    place.distanceKilometres !== null && place.distanceKilometres >= 1
      ? t('finder.results.distance', { km: Math.round(place.distanceKilometres) })
      : null;
  if (where) lines.push({ label: t('plan.place.address'), text: distance ? `${where} (${distance})` : where });
  if (place.phones.length > 0)
    lines.push({
      label: t('plan.place.phone'),
      text: place.phones.join(', '),
      href: telephoneHref(place.phones[0] ?? ''),
    });
  const hours = describeOpeningHours(place.hours, language, t);
  if (hours) lines.push({ label: t('plan.place.hours'), text: hours });
  const beds = place.serviceId ? context.bedWords?.get(place.serviceId) : undefined;
  if (beds) lines.push({ label: t('beds.label'), text: beds.text });
  if (checkReleaseDay && releaseDate) {
    const opens = firstOpenDay(place.hours, releaseDate);
    if (opens !== null && opens !== releaseDate)
      lines.push({
        label: '',
        text: t('plan.place.closed_on_release', { date: formatCalendarDate(opens, language, { weekday: true }) }),
      });
  }
  // Limits the plan did not filter on ("Only for women."), in the finder's words.
  const onlyFor = describePersonLimits(place.onlyFor, t);
  if (onlyFor) lines.push({ label: '', text: onlyFor });
  // Names and what to bring in the reader's language; Latvian where not written in it, what to bring marked so.
  const texts = place.service ? pickServiceTexts(place.service, language) : null;
  const documents = texts?.documents ?? {
    items: place.documents,
    language: 'lv' as const,
    fallback: language !== 'lv',
  };
  if (documents.items.length > 0)
    lines.push({
      label: t('plan.place.bring'),
      text: documents.items.join('; '),
      language: documents.language,
      ...(documents.fallback ? { note: t('listing.in_latvian') } : {}),
    });
  const right = describeEntitlement(place.entitlement, t);
  if (right)
    lines.push({ label: t('right.title'), text: entitlementText(right), ...(right.href ? { href: right.href } : {}) });
  const name = texts?.organizationName?.text ?? place.organizationName;
  const serviceName = texts ? texts.name.text : place.serviceName;
  const sameName = !serviceName || place.serviceName === place.organizationName || serviceName === name;
  const detail = sameName ? null : serviceName;
  return {
    key: planPlaceKey(place),
    name,
    nameLanguage: texts?.organizationName?.language ?? 'lv',
    detail,
    detailLanguage: texts?.name.language ?? 'lv',
    href: place.organizationId ? `/institutions/${place.organizationId}` : null,
    isDemo: place.isDemo,
    lines,
    reason: place.reasons.length > 0 ? place.reasons.map((reason) => describeReason(reason, t)).join(' ') : null,
  };
}
