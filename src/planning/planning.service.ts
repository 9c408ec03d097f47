import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { addDays, endOfLatvianDay } from '../core/dates.js';
import type { Language } from '../core/language.js';
import { getInstitution, getService } from '../registry/institution-read.service.js';
import { helpTypes } from '../registry/help-types.js';
import { findReasonCode, reasonGroups } from '../referrals/referral-reasons.js';
import { computeReferralStatistics, type DurationSummary } from '../referrals/referral-statistics.service.js';
import { listMunicipalities } from '../territories/territory.service.js';
import { isSmallCount, suppressCounts, type SumRelation } from './suppression.js';
import { selectUnmetNeedRecords } from './unmet-need.repository.js';
import { bedNightSources } from './unmet-need.table.js';

// The planners' unmet-need report: referral figures (from referrals/ through its statistics service) and the
// "no suitable service found" records, counted for a period and a help type, with every small count suppressed
// across all the tables shown together. The report is a model; the page, the charts and the CSV only draw it.
//
// Municipality of a referral: the receiving service's municipality (its first location's, else its first service
// area's), not the person's planned place of stay. It says where help was asked of, which is what the coverage map
// beside it shows, and it keeps the person's data out of the planners' counts altogether.

export type UnmetNeedFilter = { from: string; to: string; helpType?: string | undefined };

/** One row of a table: a code, its label in the reader's language, and the count shown (null: "<5"). */
export type CountRow = { code: string; label: string; count: number | null };
export type CountTable = { rows: CountRow[]; total: number | null };
export type DurationFigure = {
  count: number | null;
  quartiles: DurationSummary['quartiles'];
};

export type UnmetNeedReport = {
  filter: UnmetNeedFilter;
  sent: number | null;
  declines: number | null;
  expiries: number | null;
  declinesByGroup: CountTable;
  declinesByReason: Array<CountRow & { group: string }>;
  referralsByHelpType: CountTable;
  referralsByMunicipality: CountTable;
  noSuitableByHelpType: CountTable;
  noSuitableByMunicipality: CountTable;
  /** Unmet bed-nights (beds/): searches that found no free bed and referrals declined for lack of one. */
  unmetBedNightsByMunicipality: CountTable;
  unmetBedNightsByNight: CountTable;
  timeToFirstView: DurationFigure;
  timeToAccept: DurationFigure;
};

/** The name of a top-level help type in a language (the code if it is not one of ours). */
export function helpTypeLabel(code: string, language: Language): string {
  return helpTypes.find((type) => type.code === code)?.words[language].name ?? code;
}

const unknownPlace = 'unknown';

/** The municipality code of each service, from the registry. */
export async function municipalitiesOfServices(
  db: Kysely<Database>,
  services: ReadonlyArray<{ serviceId: string; organizationId: string }>,
): Promise<Map<string, string>> {
  const places = new Map<string, string>();
  const institutions = new Map<string, Awaited<ReturnType<typeof getInstitution>> | null>();
  for (const { serviceId, organizationId } of services) {
    const service = await getService(db, serviceId, 'lv').catch(() => null);
    if (!institutions.has(organizationId))
      institutions.set(organizationId, await getInstitution(db, organizationId).catch(() => null));
    const locations = institutions.get(organizationId)?.locations ?? [];
    const location =
      locations.find((candidate) => service?.locationIds.includes(candidate.id) && candidate.municipalityCode) ??
      locations.find((candidate) => candidate.municipalityCode);
    const area = service?.serviceAreas.find((candidate) => candidate.code)?.code;
    places.set(serviceId, location?.municipalityCode ?? area ?? unknownPlace);
  }
  return places;
}

const durationFigure = (summary: DurationSummary): DurationFigure =>
  summary.count === 0 || isSmallCount(summary.count)
    ? { count: summary.count === 0 ? 0 : null, quartiles: null }
    : { count: summary.count, quartiles: summary.quartiles };

const add = (map: Map<string, number>, key: string, count = 1) => map.set(key, (map.get(key) ?? 0) + count);

/** Builds the unmet-need report for a period (Latvian days, inclusive) and optionally one help type. */
export async function buildUnmetNeedReport(
  db: Kysely<Database>,
  filter: UnmetNeedFilter,
  language: Language,
): Promise<UnmetNeedReport> {
  const statistics = await computeReferralStatistics(db, {
    from: endOfLatvianDay(addDays(filter.from, -1)),
    to: endOfLatvianDay(filter.to),
    helpType: filter.helpType,
  });
  const allRecords = await selectUnmetNeedRecords(db, filter);
  const isBedNight = (record: { source: string }) => (bedNightSources as readonly string[]).includes(record.source);
  const records = allRecords.filter((record) => !isBedNight(record));
  const bedNights = allRecords.filter(isBedNight);
  const municipalityNames = new Map((await listMunicipalities(db)).map((place) => [place.code, place.name]));
  const placeLabel = (code: string) => municipalityNames.get(code) ?? (code === unknownPlace ? '—' : code);

  // Every count of the report under one id, and the sums that tie them together, so suppression sees them all.
  const counts = new Map<string, number>();
  const relations: SumRelation[] = [];
  counts.set('sent', statistics.sentCount);
  counts.set('declines', statistics.declineCount);
  counts.set('expiries', statistics.expiryCount);

  const groups = new Map<string, number>();
  for (const reason of statistics.declinesByReason) {
    counts.set(`reason:${reason.code}`, reason.count);
    add(groups, reason.group ?? 'administrative', reason.count);
  }
  for (const group of reasonGroups) counts.set(`group:${group}`, groups.get(group) ?? 0);
  relations.push({ total: 'declines', parts: reasonGroups.map((group) => `group:${group}`) });
  relations.push({ total: 'declines', parts: statistics.declinesByReason.map((reason) => `reason:${reason.code}`) });
  for (const group of reasonGroups)
    relations.push({
      total: `group:${group}`,
      parts: statistics.declinesByReason
        .filter((reason) => (reason.group ?? 'administrative') === group)
        .map((reason) => `reason:${reason.code}`),
    });

  // A referral with two help types counts under both: the help-type table is not a sum of the sent referrals.
  for (const [type, count] of statistics.byHelpType) counts.set(`help:${type}`, count);

  const places = await municipalitiesOfServices(db, statistics.byService);
  const byPlace = new Map<string, number>();
  for (const service of statistics.byService)
    add(byPlace, places.get(service.serviceId) ?? unknownPlace, service.count);
  for (const [place, count] of byPlace) counts.set(`place:${place}`, count);
  relations.push({ total: 'sent', parts: [...byPlace.keys()].map((place) => `place:${place}`) });

  const recordTypes = new Map<string, number>();
  const recordPlaces = new Map<string, number>();
  for (const record of records) {
    add(recordTypes, record.help_type);
    add(recordPlaces, record.territory_code);
  }
  counts.set('records', records.length);
  for (const [type, count] of recordTypes) counts.set(`record-help:${type}`, count);
  for (const [place, count] of recordPlaces) counts.set(`record-place:${place}`, count);
  relations.push({ total: 'records', parts: [...recordTypes.keys()].map((type) => `record-help:${type}`) });
  relations.push({ total: 'records', parts: [...recordPlaces.keys()].map((place) => `record-place:${place}`) });

  const nightPlaces = new Map<string, number>();
  const nights = new Map<string, number>();
  for (const record of bedNights) {
    add(nightPlaces, record.territory_code);
    add(nights, String(record.recorded_on).slice(0, 10));
  }
  counts.set('bed-nights', bedNights.length);
  for (const [place, count] of nightPlaces) counts.set(`bed-night-place:${place}`, count);
  for (const [night, count] of nights) counts.set(`bed-night:${night}`, count);
  relations.push({ total: 'bed-nights', parts: [...nightPlaces.keys()].map((place) => `bed-night-place:${place}`) });
  relations.push({ total: 'bed-nights', parts: [...nights.keys()].map((night) => `bed-night:${night}`) });

  const shown = suppressCounts(counts, relations);
  const value = (id: string): number | null => (shown.has(id) ? shown.get(id)! : 0);
  const byCountThenLabel = (a: CountRow & { raw: number }, b: CountRow & { raw: number }) =>
    b.raw - a.raw || a.label.localeCompare(b.label, language);
  // Rows are ordered by the exact count, which would let a reader rank hidden cells; hidden rows go last instead.
  const table = (entries: Array<{ code: string; label: string; id: string }>, total: string): CountTable => ({
    rows: entries
      .map((entry) => ({ code: entry.code, label: entry.label, count: value(entry.id), raw: value(entry.id) ?? -1 }))
      .sort(byCountThenLabel)
      .map(({ raw: _raw, ...row }) => row),
    total: value(total),
  });
  const groupLabels = (group: string) => group;

  return {
    filter,
    sent: value('sent'),
    declines: value('declines'),
    expiries: value('expiries'),
    declinesByGroup: table(
      reasonGroups.map((group) => ({ code: group, label: groupLabels(group), id: `group:${group}` })),
      'declines',
    ),
    declinesByReason: statistics.declinesByReason
      .map((reason) => ({
        code: reason.code,
        label: findReasonCode(reason.code)?.label[language] ?? reason.code,
        group: reason.group ?? 'administrative',
        count: value(`reason:${reason.code}`),
        raw: value(`reason:${reason.code}`) ?? -1,
      }))
      .sort(byCountThenLabel)
      .map(({ raw: _raw, ...row }) => row),
    referralsByHelpType: table(
      [...statistics.byHelpType.keys()].map((type) => ({
        code: type,
        label: helpTypeLabel(type, language),
        id: `help:${type}`,
      })),
      'sent',
    ),
    referralsByMunicipality: table(
      [...byPlace.keys()].map((place) => ({ code: place, label: placeLabel(place), id: `place:${place}` })),
      'sent',
    ),
    noSuitableByHelpType: table(
      [...recordTypes.keys()].map((type) => ({
        code: type,
        label: helpTypeLabel(type, language),
        id: `record-help:${type}`,
      })),
      'records',
    ),
    noSuitableByMunicipality: table(
      [...recordPlaces.keys()].map((place) => ({ code: place, label: placeLabel(place), id: `record-place:${place}` })),
      'records',
    ),
    unmetBedNightsByMunicipality: table(
      [...nightPlaces.keys()].map((place) => ({
        code: place,
        label: placeLabel(place),
        id: `bed-night-place:${place}`,
      })),
      'bed-nights',
    ),
    unmetBedNightsByNight: table(
      [...nights.keys()].sort().map((night) => ({ code: night, label: night, id: `bed-night:${night}` })),
      'bed-nights',
    ),
    timeToFirstView: durationFigure(statistics.timeToFirstView),
    timeToAccept: durationFigure(statistics.timeToAccept),
  };
}
