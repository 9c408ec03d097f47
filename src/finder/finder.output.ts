// From search results to words and JSON: who may come, why not, opening hours and "open now" — one set of
// functions for the JSON API and the pages, so both say the same thing.
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { describeEntitlement, entitlementText } from '../http/components/entitlement-note.js';
import type { Entitlement } from '../registry/entitlement.js';
import {
  describeAgeLimit,
  describeEligibility,
  describeOpeningHours,
  describeResidency,
  describeSex,
} from '../http/components/service-words.js';
import { formatIntervalTime, isOpenAt, weekdayCodes, type WeeklyHours } from './finder-hours.js';
import type { FinderEligibility, FinderIndex, FinderService } from './finder-index.js';
import { pickText, type ListingText } from '../registry/listing-text.js';
import type { FinderQueryParameters, FinderResponse, FinderServiceOutput } from './finder.schema.js';
import type { FinderHit, FinderResult, IneligibilityReason } from './finder.service.js';

/** One reason a person may not use a service, in plain words. */
export function describeReason(reason: IneligibilityReason, t: Translate): string {
  switch (reason.kind) {
    case 'residency':
      return describeResidency(
        reason.territories.map((territory) => territory.name),
        t,
      );
    case 'sex':
      return describeSex(reason.sex, t);
    case 'age':
      return describeAgeLimit(reason.minimumAge, reason.maximumAge, t) ?? '';
  }
}

// Words per distinct rule and language. The index interns eligibility and hours objects, so these caches hold
// one entry per distinct rule (a few thousand at most), not one per service; they die with the index.
const whoMayComeCache = new WeakMap<FinderEligibility, Map<Language, string>>();
const hoursTextCache = new WeakMap<WeeklyHours, Map<Language, string>>();
const intervalsCache = new WeakMap<WeeklyHours, FinderServiceOutput['hours']['intervals']>();

function cached<K extends object>(
  cache: WeakMap<K, Map<Language, string>>,
  key: K,
  language: Language,
  make: () => string,
): string {
  let byLanguage = cache.get(key);
  if (!byLanguage) {
    byLanguage = new Map();
    cache.set(key, byLanguage);
  }
  let text = byLanguage.get(language);
  if (text === undefined) {
    text = make();
    byLanguage.set(language, text);
  }
  return text;
}

/**
 * Who may use a service, in plain words: residence rule (or "anyone in Latvia"), sex, age, then the registry's own
 * note in the reader's language (a Latvian note shown to others is followed by "(in Latvian)").
 */
export function describeWhoMayCome(hit: FinderHit, index: FinderIndex, language: Language, t: Translate): string {
  return cached(whoMayComeCache, hit.service.eligibility, language, () => {
    const note = eligibilityNote(hit.service.eligibility, language);
    const noteWords = note ? (note.fallback ? `${note.text} ${t('listing.in_latvian')}` : note.text) : null;
    return wordsForEligibility({ ...hit.service.eligibility, description: noteWords }, index, t);
  });
}

/** The rule words alone (no note), for pages that show the note as its own marked element. */
export function describeWhoMayComeRules(hit: FinderHit, index: FinderIndex, language: Language, t: Translate): string {
  return cached(whoMayComeRulesCache, hit.service.eligibility, language, () =>
    wordsForEligibility({ ...hit.service.eligibility, description: null }, index, t),
  );
}
const whoMayComeRulesCache = new WeakMap<FinderEligibility, Map<Language, string>>();

function wordsForEligibility(eligibility: FinderEligibility, index: FinderIndex, t: Translate): string {
  const residencyPlaces = eligibility.residencyTerritoryCodes.flatMap(
    (code) => index.territories.get(code)?.name ?? [],
  );
  return describeEligibility({ ...eligibility, residencyPlaces }, t);
}

/** The eligibility note in the reader's language, else Latvian marked as a fallback; null when there is none. */
export function eligibilityNote(eligibility: FinderEligibility, language: Language): ListingText | null {
  return pickText(eligibility.description, eligibility.descriptionTranslations, language);
}

/** A service's texts as one reader sees them: each in his language where written, else Latvian marked so. */
export type FinderServiceTexts = {
  name: ListingText;
  description: ListingText | null;
  organizationName: ListingText | null;
  documents: { items: string[]; language: Language; fallback: boolean };
  hoursNotes: { items: string[]; language: Language; fallback: boolean } | null;
  eligibilityNote: ListingText | null;
};

/** Picks a service's texts for a reader of `language` (listing-text.ts rules: his language, else marked Latvian). */
export function pickServiceTexts(
  service: FinderService,
  language: Language,
  latvianHoursNotes: readonly string[] = [],
): FinderServiceTexts {
  const translated = (field: 'name' | 'description' | 'organizationName') => ({
    ru: service.translations?.ru?.[field],
    en: service.translations?.en?.[field],
  });
  const list = (latvian: readonly string[], field: 'documents' | 'hoursNotes') => {
    const own = language === 'lv' ? undefined : service.translations?.[language]?.[field];
    if (own && own.length > 0) return { items: own, language, fallback: false };
    return { items: [...latvian], language: 'lv' as const, fallback: language !== 'lv' && latvian.length > 0 };
  };
  return {
    name: pickText(service.name, translated('name'), language) ?? { text: '', language: 'lv', fallback: false },
    description: pickText(service.description, translated('description'), language),
    organizationName: pickText(service.organizationName, translated('organizationName'), language),
    documents: list(service.documents, 'documents'),
    hoursNotes: latvianHoursNotes.length > 0 ? list(latvianHoursNotes, 'hoursNotes') : null,
    eligibilityNote: eligibilityNote(service.eligibility, language),
  };
}

/** Which language each text of a result is in (null: no such text), for the API's `text_language`. */
function textLanguages(texts: FinderServiceTexts): FinderServiceOutput['text_language'] {
  const listLanguage = (list: { items: string[]; language: Language } | null) =>
    list && list.items.length > 0 ? list.language : null;
  return {
    name: texts.name.text === '' ? null : texts.name.language,
    description: texts.description?.language ?? null,
    organization_name: texts.organizationName?.language ?? null,
    eligibility_note: texts.eligibilityNote?.language ?? null,
    documents: listLanguage(texts.documents),
    hours_notes: listLanguage(texts.hoursNotes),
  };
}

const languageNameFormats = new Map<Language, Intl.DisplayNames>();
const languageNames = new Map<string, string>();

/** A spoken language's name in the reader's language ("latviešu", "русский"), or the registry's own name. */
export function languageName(language: { code: string | null; name: string | null }, readerLanguage: Language): string {
  const key = `${readerLanguage}|${language.code}|${language.name}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    name = lookUpLanguageName(language, readerLanguage);
    // Language codes are few; the bound only guards against a registry full of free-text names.
    if (languageNames.size < 10_000) languageNames.set(key, name);
  }
  return name;
}

function lookUpLanguageName(language: { code: string | null; name: string | null }, readerLanguage: Language): string {
  if (language.code) {
    let format = languageNameFormats.get(readerLanguage);
    if (!format) {
      format = new Intl.DisplayNames(readerLanguage, { type: 'language' });
      languageNameFormats.set(readerLanguage, format);
    }
    try {
      const name = format.of(language.code);
      if (name && name !== language.code) return name;
    } catch {
      // Not a BCP 47 code: fall back to the stored name.
    }
  }
  return language.name ?? language.code ?? '';
}

/**
 * The opening hours in words, in the reader's language. The registry's notes on hours come in his language where
 * written, else in Latvian followed by "(in Latvian)".
 */
export function describeHours(hit: FinderHit, language: Language, t: Translate): string {
  const hours = hit.listing.hours;
  if (language === 'lv' || hours.notes.length === 0)
    return cached(hoursTextCache, hours, language, () => describeOpeningHours(hours, language, t));
  const notes = pickServiceTexts(hit.service, language, hours.notes).hoursNotes!;
  const items = notes.fallback
    ? [...notes.items.slice(0, -1), `${notes.items.at(-1)} ${t('listing.in_latvian')}`]
    : notes.items;
  return describeOpeningHours({ ...hours, notes: items }, language, t);
}

function intervalsOutput(hours: WeeklyHours): FinderServiceOutput['hours']['intervals'] {
  let intervals = intervalsCache.get(hours);
  if (!intervals) {
    intervals = hours.intervals.map((interval) => ({
      day: weekdayCodes[interval.day]!,
      opens: formatIntervalTime(interval.opens),
      closes: formatIntervalTime(interval.closes),
    }));
    intervalsCache.set(hours, intervals);
  }
  return intervals;
}

/** Whether the listing is open at `now` (Latvian time); null when the registry has no structured hours. */
export function isOpenNow(hit: FinderHit, now: { day: number; minute: number }): boolean | null {
  return isOpenAt(hit.listing.hours, now);
}

/** The parts of a result that depend only on the listing and the language (not on the query or the clock). */
type StaticServiceOutput = Omit<FinderServiceOutput, 'distance_km' | 'open_now' | 'capacity'>;

/** beds/: each service's capacity now (free places with holds taken away), read per request; absent: no beds. */
export type FinderCapacities = ReadonlyMap<string, FinderServiceOutput['capacity']>;
const noCapacities: FinderCapacities = new Map();

function toStaticServiceOutput(
  hit: FinderHit,
  index: FinderIndex,
  language: Language,
  t: Translate,
): StaticServiceOutput {
  const { service, listing } = hit;
  const eligibility = service.eligibility;
  const texts = pickServiceTexts(service, language, listing.hours.notes);
  return {
    id: service.id,
    name: texts.name.text,
    description: texts.description?.text ?? '',
    organization: { id: service.organizationId, name: texts.organizationName?.text ?? '' },
    is_demo: service.isDemo,
    help_types: service.helpTypes.map((code) => ({ code, label: index.helpTypeLabels.get(code)?.[language] ?? code })),
    territory: hit.territory
      ? {
          code: hit.territory.code,
          name: hit.territory.name,
          municipality: { code: hit.territory.municipalityCode, name: hit.territory.municipalityName },
        }
      : null,
    address: listing.address,
    phone: listing.phones[0] ?? null,
    phones: listing.phones,
    hours: {
      text: describeHours(hit, language, t),
      intervals: intervalsOutput(listing.hours),
      notes: texts.hoursNotes?.items ?? [],
    },
    documents: texts.documents.items,
    languages: service.languages.map((spoken) => ({ code: spoken.code, name: languageName(spoken, language) })),
    eligibility: {
      text: describeWhoMayCome(hit, index, language, t),
      residency_rule: eligibility.residencyRule,
      residency_territories: eligibility.residencyTerritoryCodes.map((code) => ({
        code,
        name: index.territories.get(code)?.name ?? code,
      })),
      is_statewide: eligibility.isStatewide,
      sex: eligibility.sex,
      minimum_age: eligibility.minimumAge,
      maximum_age: eligibility.maximumAge,
      description: texts.eligibilityNote?.text ?? null,
    },
    last_verified_on: service.lastVerifiedOn,
    capacity_beds: service.capacityBeds,
    text_language: textLanguages(texts),
    right: rightOutput(service.entitlement, t),
  };
}

/** The person's right to the service ("this is your right under …") with its parts; null when none is named. */
function rightOutput(entitlement: Entitlement | null, t: Translate): FinderServiceOutput['right'] {
  const words = describeEntitlement(entitlement, t);
  if (!entitlement || !words) return null;
  return {
    text: entitlementText(words),
    law: entitlement.law,
    article: entitlement.article,
    url: words.href,
    amount: entitlement.amount,
    limits: entitlement.limits,
  };
}

/** One result as JSON data. */
export function toServiceOutput(
  hit: FinderHit,
  index: FinderIndex,
  language: Language,
  t: Translate,
  now: { day: number; minute: number },
  capacities: FinderCapacities = noCapacities,
): FinderServiceOutput {
  return {
    ...toStaticServiceOutput(hit, index, language, t),
    distance_km: roundedDistance(hit),
    open_now: isOpenNow(hit, now),
    capacity: capacities.get(hit.service.id) ?? null,
  };
}

function roundedDistance(hit: FinderHit): number | null {
  return hit.distanceKilometres === null ? null : Math.round(hit.distanceKilometres);
}

/** Why a listed-apart service is closed to this person: the reasons in words, and their kinds. */
function describeIneligibility(
  hit: FinderHit,
  t: Translate,
): { reason: string; reasons: FinderResponse['not_eligible'][number]['reasons'] } {
  const reasons = hit.reasons.map((reason) => ({ kind: reason.kind, text: describeReason(reason, t) }));
  return { reason: reasons.map((reason) => reason.text).join(' '), reasons };
}

/** The whole JSON answer for a search, as data (for callers that post-process it; the API sends the text form). */
export function toFinderResponse(
  result: FinderResult,
  parameters: FinderQueryParameters,
  index: FinderIndex,
  language: Language,
  t: Translate,
  now: { day: number; minute: number },
  capacities: FinderCapacities = noCapacities,
): FinderResponse {
  return {
    query: queryOutput(parameters, language),
    total_eligible: result.totalEligible,
    total_not_eligible: result.totalNotEligible,
    match_in_territory: result.matchInTerritory,
    eligible: result.eligible.map((hit) => toServiceOutput(hit, index, language, t, now, capacities)),
    not_eligible: result.notEligible.map((hit) => ({
      ...toServiceOutput(hit, index, language, t, now, capacities),
      ...describeIneligibility(hit, t),
    })),
  };
}

function queryOutput(parameters: FinderQueryParameters, language: Language): FinderResponse['query'] {
  return {
    needs: parameters.needs,
    territory: parameters.territory ?? null,
    residence: parameters.residence ?? null,
    q: parameters.q ?? null,
    lang: language,
    limit: parameters.limit,
    offset: parameters.offset,
  };
}

// Serialising ~40 results is most of a search's server time, and the same listings come back again and again
// (nearest first from the same few dozen municipality centres). So each listing's query-independent JSON is kept
// as UTF-8 bytes per index and language — at most this many per language, oldest dropped first — and only
// distance, "open now" and the reason are written per request; the answer is the cached bytes copied together.
// The cache dies with its index.
const MAX_CACHED_LISTINGS = 20_000;
const staticJsonCache = new WeakMap<FinderIndex, Map<string, Buffer>>();

function staticServiceJson(hit: FinderHit, index: FinderIndex, language: Language, t: Translate): Buffer {
  let cache = staticJsonCache.get(index);
  if (!cache) {
    cache = new Map();
    staticJsonCache.set(index, cache);
  }
  const key = `${language}${hit.listingNumber}`;
  let json = cache.get(key);
  if (json === undefined) {
    // Without its opening brace, so per-request fields can be written in front of it.
    json = Buffer.from(JSON.stringify(toStaticServiceOutput(hit, index, language, t)).slice(1));
    if (cache.size >= MAX_CACHED_LISTINGS * 3) cache.delete(cache.keys().next().value!);
    cache.set(key, json);
  }
  return json;
}

// The reason words per distinct rule, failed-rule combination and language (like whoMayComeCache).
const reasonJsonCache = new WeakMap<FinderEligibility, Map<string, string>>();

/** `"reason":…,"reasons":[…],` for a listed-apart result, cached per rule, combination of failed rules and language. */
function reasonJson(hit: FinderHit, language: Language, t: Translate): string {
  const key = `${language}${hit.reasons.map((reason) => reason.kind).join()}`;
  let byKey = reasonJsonCache.get(hit.service.eligibility);
  if (!byKey) {
    byKey = new Map();
    reasonJsonCache.set(hit.service.eligibility, byKey);
  }
  let json = byKey.get(key);
  if (json === undefined) {
    const ineligibility = describeIneligibility(hit, t);
    json = `"reason":${JSON.stringify(ineligibility.reason)},"reasons":${JSON.stringify(ineligibility.reasons)},`;
    byKey.set(key, json);
  }
  return json;
}

/** The whole JSON answer for a search as UTF-8 bytes: the same document toFinderResponse describes (finderResponseSchema). */
export function renderFinderResponseJson(
  result: FinderResult,
  parameters: FinderQueryParameters,
  index: FinderIndex,
  language: Language,
  t: Translate,
  now: { day: number; minute: number },
  capacities: FinderCapacities = noCapacities,
): Buffer {
  // Alternating text written per request and cached bytes, copied once into one buffer.
  const texts: string[] = [];
  const cached: Buffer[] = [];
  const head = JSON.stringify({
    query: queryOutput(parameters, language),
    total_eligible: result.totalEligible,
    total_not_eligible: result.totalNotEligible,
    match_in_territory: result.matchInTerritory,
  }).slice(0, -1);
  const dynamic = (hit: FinderHit) => {
    const open = isOpenNow(hit, now);
    const capacity = capacities.get(hit.service.id);
    return `{"distance_km":${hit.distanceKilometres === null ? 'null' : Math.round(hit.distanceKilometres)},"open_now":${open === null ? 'null' : open},"capacity":${capacity ? JSON.stringify(capacity) : 'null'},`;
  };
  let text = `${head},"eligible":[`;
  result.eligible.forEach((hit, position) => {
    texts.push(`${text}${position > 0 ? ',' : ''}${dynamic(hit)}`);
    cached.push(staticServiceJson(hit, index, language, t));
    text = '';
  });
  text += '],"not_eligible":[';
  result.notEligible.forEach((hit, position) => {
    texts.push(`${text}${position > 0 ? ',' : ''}${dynamic(hit)}${reasonJson(hit, language, t)}`);
    cached.push(staticServiceJson(hit, index, language, t));
    text = '';
  });
  texts.push(`${text}]}`);

  let size = 0;
  for (const part of texts) size += part.length * 3; // at most 3 UTF-8 bytes per UTF-16 unit
  for (const part of cached) size += part.length;
  const output = Buffer.allocUnsafe(size);
  let offset = 0;
  for (let position = 0; position < texts.length; position++) {
    offset += output.write(texts[position]!, offset);
    const bytes = cached[position];
    if (bytes !== undefined) {
      output.set(bytes, offset);
      offset += bytes.length;
    }
  }
  return output.subarray(0, offset);
}
