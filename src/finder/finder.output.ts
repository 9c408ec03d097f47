// From search results to words and JSON: who may come, why not, opening hours and "open now" — one set of
// functions for the JSON API and the pages, so both say the same thing.
import type { Language, Translate } from '../http/i18n.js';
import { describeWeeklyHours, formatIntervalTime, isOpenAt, weekdayCodes } from './finder-hours.js';
import type { FinderIndex, FinderTerritory } from './finder-index.js';
import type { FinderQueryParameters, FinderResponse, FinderServiceOutput } from './finder.schema.js';
import type { FinderHit, FinderResult, IneligibilityReason } from './finder.service.js';

/** "Rēzeknes novads vai Rēzekne": names as stored (nominative), joined by the language's "or". */
function joinPlaces(territories: readonly FinderTerritory[], t: Translate): string {
  return territories.map((territory) => territory.name).join(t('finder.or'));
}

function describeAge(minimum: number | null, maximum: number | null, t: Translate): string | null {
  if (minimum !== null && maximum !== null) return t('finder.who.age_range', { min: minimum, max: maximum });
  if (minimum !== null) return t('finder.who.age_minimum', { min: minimum });
  if (maximum !== null) return t('finder.who.age_maximum', { max: maximum });
  return null;
}

/** One reason a person may not use a service, in plain words. */
export function describeReason(reason: IneligibilityReason, t: Translate): string {
  switch (reason.kind) {
    case 'residency':
      return t('finder.who.residency', { places: joinPlaces(reason.territories, t) });
    case 'sex':
      return t(reason.sex === 'female' ? 'finder.who.women' : 'finder.who.men');
    case 'age':
      return describeAge(reason.minimumAge, reason.maximumAge, t) ?? '';
  }
}

/** Who may use a service, in plain words: residence rule (or "anyone in Latvia"), sex, age, then the registry's own note. */
export function describeWhoMayCome(hit: FinderHit, index: FinderIndex, t: Translate): string {
  const eligibility = hit.service.eligibility;
  const parts: string[] = [];
  const residencyTerritories = eligibility.residencyTerritoryCodes.map((code) => index.territories.get(code)).filter((territory) => territory !== undefined);
  if (eligibility.isStatewide) parts.push(t('finder.who.statewide'));
  else if (eligibility.residencyRule === 'last_declared_residence' && residencyTerritories.length > 0) parts.push(t('finder.who.residency', { places: joinPlaces(residencyTerritories, t) }));
  if (eligibility.sex !== 'any') parts.push(t(eligibility.sex === 'female' ? 'finder.who.women' : 'finder.who.men'));
  const age = describeAge(eligibility.minimumAge, eligibility.maximumAge, t);
  if (age) parts.push(age);
  if (parts.length === 0) parts.push(t('finder.who.everyone'));
  const note = eligibility.description?.trim();
  if (note) parts.push(note);
  return parts.join(' ');
}

const languageNameFormats = new Map<Language, Intl.DisplayNames>();

/** A spoken language's name in the reader's language ("latviešu", "русский"), or the registry's own name. */
export function languageName(language: { code: string | null; name: string | null }, readerLanguage: Language): string {
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

/** The opening hours in words, in the reader's language. */
export function describeHours(hit: FinderHit, language: Language, t: Translate): string {
  return describeWeeklyHours(hit.listing.hours, language, t('finder.hours.always'));
}

/** Whether the listing is open at `now` (Latvian time); null when the registry has no structured hours. */
export function isOpenNow(hit: FinderHit, now: { day: number; minute: number }): boolean | null {
  return isOpenAt(hit.listing.hours, now);
}

/** One result as JSON. */
export function toServiceOutput(hit: FinderHit, index: FinderIndex, language: Language, t: Translate, now: { day: number; minute: number }): FinderServiceOutput {
  const { service, listing } = hit;
  const eligibility = service.eligibility;
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    organization: { id: service.organizationId, name: service.organizationName },
    is_demo: service.isDemo,
    help_types: service.helpTypes.map((code) => ({ code, label: index.helpTypeLabels.get(code)?.[language] ?? code })),
    territory: hit.territory
      ? { code: hit.territory.code, name: hit.territory.name, municipality: { code: hit.territory.municipalityCode, name: hit.territory.municipalityName } }
      : null,
    distance_km: hit.distanceKilometres === null ? null : Math.round(hit.distanceKilometres),
    address: listing.address,
    phone: listing.phones[0] ?? null,
    phones: listing.phones,
    hours: {
      text: describeHours(hit, language, t),
      intervals: listing.hours.intervals.map((interval) => ({ day: weekdayCodes[interval.day]!, opens: formatIntervalTime(interval.opens), closes: formatIntervalTime(interval.closes) })),
      notes: listing.hours.notes,
    },
    open_now: isOpenNow(hit, now),
    documents: service.documents,
    languages: service.languages.map((spoken) => ({ code: spoken.code, name: languageName(spoken, language) })),
    eligibility: {
      text: describeWhoMayCome(hit, index, t),
      residency_rule: eligibility.residencyRule,
      residency_territories: eligibility.residencyTerritoryCodes.map((code) => ({ code, name: index.territories.get(code)?.name ?? code })),
      is_statewide: eligibility.isStatewide,
      sex: eligibility.sex,
      minimum_age: eligibility.minimumAge,
      maximum_age: eligibility.maximumAge,
      description: eligibility.description,
    },
    last_verified_on: service.lastVerifiedOn,
    capacity_beds: service.capacityBeds,
  };
}

/** The whole JSON answer for a search. */
export function toFinderResponse(
  result: FinderResult,
  parameters: FinderQueryParameters,
  index: FinderIndex,
  language: Language,
  t: Translate,
  now: { day: number; minute: number },
): FinderResponse {
  return {
    query: {
      needs: parameters.needs,
      territory: parameters.territory ?? null,
      residence: parameters.residence ?? null,
      q: parameters.q ?? null,
      lang: language,
      limit: parameters.limit,
      offset: parameters.offset,
    },
    total_eligible: result.totalEligible,
    total_not_eligible: result.totalNotEligible,
    match_in_territory: result.matchInTerritory,
    eligible: result.eligible.map((hit) => toServiceOutput(hit, index, language, t, now)),
    not_eligible: result.notEligible.map((hit) => {
      const reasons = hit.reasons.map((reason) => ({ kind: reason.kind, text: describeReason(reason, t) }));
      return { ...toServiceOutput(hit, index, language, t, now), reason: reasons.map((reason) => reason.text).join(' '), reasons };
    }),
  };
}
