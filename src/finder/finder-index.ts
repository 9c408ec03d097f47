// The finder's in-memory index: every active service as a compact record, plus the structures a search walks
// (help-type lists per municipality, an inverted index of folded Latvian stems, a distance table between
// municipality centres). Built from one snapshot of the registry (finder.repository.ts), or, in the benchmark,
// from generated rows of the same shape — the same builder either way. Why in memory: docs/decisions/005.
//
// Layout: a service at several locations has one "listing" per location. Listings are sorted by bucket —
// one bucket per municipality, plus one for listings with no known place — so "the listings in municipality m"
// is a contiguous range, and every posting list, being sorted by listing number, is grouped by municipality too.
import { entitlementFromColumns, hasEntitlement, type Entitlement } from '../registry/entitlement.js';
import { helpTypeCodes, type HelpTypeCode } from '../registry/help-types.js';
import type { EligibleSex } from '../registry/registry.enums.js';
import { foldText } from '../text/fold.js';
import { tokenizeForSearch } from '../text/tokenize.js';
import { distanceInKilometres } from '../territories/territory.service.js';
import type { Language } from '../core/language.js';
import { toWeeklyHours, type ScheduleFields, type WeeklyHours } from './finder-hours.js';
import type {
  FinderSourceRows,
  FinderPhoneRow,
  FinderServiceRow,
  FinderServiceTranslationRow,
} from './finder.repository.js';

export type Sex = EligibleSex;

/** A territory as the finder needs it: names, its municipality and, for municipalities, the bucket number. */
export type FinderTerritory = {
  code: string;
  name: string;
  kind: 'state_city' | 'municipality' | 'town' | 'parish';
  level: 1 | 2;
  municipalityCode: string;
  municipalityName: string;
  isCurrent: boolean;
  foldedName: string;
  /** The name's search stems joined by spaces: "Daugavpilī" typed by someone finds "Daugavpils". */
  stemKey: string;
};

/** The territories the index needs; the territories domain supplies them (listTerritories). */
export type FinderTerritoryInput = {
  code: string;
  name: string;
  kind: FinderTerritory['kind'];
  level: 1 | 2;
  municipalityCode: string;
  latitude: number | null;
  longitude: number | null;
  isCurrent: boolean;
};

export type FinderEligibility = {
  residencyRule: 'none' | 'last_declared_residence';
  residencyTerritoryCodes: string[];
  isStatewide: boolean;
  sex: Sex;
  minimumAge: number | null;
  maximumAge: number | null;
  description: string | null;
  /** The note in Russian and English where written; part of the interning key, so words cached per rule stay right. */
  descriptionTranslations: FinderTextTranslations | null;
};

/** A text's Russian and English, where someone wrote them. */
export type FinderTextTranslations = { ru?: string; en?: string };

/** A service's texts in Russian and English; lists one entry per item. Null on a service with none. */
export type FinderServiceTranslations = Partial<
  Record<
    'ru' | 'en',
    { name?: string; description?: string; organizationName?: string; documents?: string[]; hoursNotes?: string[] }
  >
>;

/** What the finder keeps about one service. */
export type FinderService = {
  id: string;
  name: string;
  description: string;
  organizationId: string | null;
  organizationName: string;
  /** The institution's kind ('municipal_social_service' …): the emergency strip finds the local social service. */
  organizationType: string | null;
  isDemo: boolean;
  helpTypes: HelpTypeCode[];
  eligibility: FinderEligibility;
  documents: string[];
  languages: { code: string | null; name: string | null }[];
  lastVerifiedOn: string | null;
  capacityBeds: number | null;
  /** The person's right to it, when the registry names one (registry/entitlement.ts); null otherwise. */
  entitlement: Entitlement | null;
  /** Its texts in Russian and English (the fields above are Latvian); finder.output.ts picks per reader. */
  translations: FinderServiceTranslations | null;
};

/** One service at one place: where it is, how to call, when it is open. */
export type FinderListing = {
  service: FinderService;
  territoryCode: string | null;
  locationName: string | null;
  address: string | null;
  /** The place's coordinates when the registry has them, for the map links. */
  latitude: number | null;
  longitude: number | null;
  phones: string[];
  /** Numbers the registry notes as for after working hours (a duty phone), when it has any. */
  afterHoursPhones: string[];
  hours: WeeklyHours;
};

export type FinderIndex = {
  readonly revision: number;
  readonly builtAt: Date;
  readonly services: readonly FinderService[];
  readonly listings: readonly FinderListing[];
  // Hot arrays, one entry per listing or per service, so a search touches numbers, not objects.
  readonly listingService: Uint32Array;
  /**
   * Per listing, packed so a search reads one number per match: help-type bits (LISTING_NEEDS), whether its service
   * has other listings too (LISTING_SHARED: only those need de-duplicating), and its service's residency set + 1
   * (>>> LISTING_SET_SHIFT; 0 when anyone may come regardless of residence).
   */
  readonly listingCode: Uint32Array;
  readonly listingBucket: Uint8Array;
  /** Listings of bucket b are [bucketStart[b], bucketStart[b + 1]). Bucket `municipalities.length` = no place. */
  readonly bucketStart: Uint32Array;
  /** Per help type (in helpTypeCodes order): its listings, sorted, and where each bucket starts in that list. */
  readonly helpTypeListings: readonly Uint32Array[];
  readonly helpTypeBucketStart: readonly Uint32Array[];
  // The service's eligibility copied per listing, in listing order: a search reads them sequentially instead of
  // jumping around a service-ordered array, which is what makes a pass over 100 000 matches cheap.
  readonly residencySets: readonly (readonly string[])[];
  readonly listingSex: Uint8Array;
  /** Per listing: minimum and maximum age, -1 for none. */
  readonly listingMinimumAge: Int16Array;
  readonly listingMaximumAge: Int16Array;
  /** Per service: its help types as bits (bit i = helpTypeCodes[i]). */
  readonly serviceMask: Uint16Array;
  /**
   * How many services carry each help-type combination, split by residency rule. Totals of a search without sex
   * or age come from these instead of a pass over every match: for the whole registry, and for each long posting
   * list (a single common word).
   */
  readonly serviceCounts: MatchCounts;
  readonly postingCounts: ReadonlyMap<Uint32Array, MatchCounts>;
  /** Folded stem → sorted listing numbers. */
  readonly postings: ReadonlyMap<string, Uint32Array>;
  /**
   * For stems in at least one listing in 32, the same list as a bitset over listing numbers (never larger than the
   * list itself): intersecting a short list with a long one is then one bit test per entry of the short one.
   */
  readonly postingBitsets: ReadonlyMap<Uint32Array, Uint32Array>;
  /** Every stem in the index, sorted, for prefix matching of words the index does not hold whole. */
  readonly vocabulary: readonly string[];
  readonly territories: ReadonlyMap<string, FinderTerritory>;
  /** Municipalities (level 1, current and historical) in bucket order. */
  readonly municipalities: readonly FinderTerritory[];
  readonly municipalityBucket: ReadonlyMap<string, number>;
  /** Kilometres between municipality centres, municipalities.length squared. */
  readonly distanceKilometres: Float64Array;
  /** Per municipality bucket: every bucket, that municipality first, then places unknown, then by distance. */
  readonly bucketOrderFrom: readonly Uint8Array[];
  /** Bucket order when no place is chosen: places unknown first, then municipalities in Latvian order. */
  readonly defaultBucketOrder: Uint8Array;
  readonly helpTypeLabels: ReadonlyMap<HelpTypeCode, Record<Language, string>>;
  /** Scratch for de-duplicating services with several listings inside one (synchronous) search. */
  readonly seenStamp: Uint32Array;
  searchCounter: number;
};

export const LISTING_NEEDS = 0x7ff;
export const LISTING_SHARED = 0x800;
export const LISTING_SET_SHIFT = 12;
// 20 bits for residency sets: a million distinct sets of accepted territories is far beyond Latvia's 600.
const MAX_RESIDENCY_SETS = (1 << 20) - 2;

/** Service counts per distinct help-type bit mask (parallel arrays, a few hundred entries at most). */
export type MaskCounts = { masks: Uint16Array; counts: Uint32Array };

/** Services that anyone may use, services with a residency rule, and those per residency set, each by help types. */
export type MatchCounts = { open: MaskCounts; restricted: MaskCounts; bySet: ReadonlyMap<number, MaskCounts> };

/** Sums the counts of the combinations that include any of `needMask`'s help types (all, when it is 0). */
export function countServicesWithAnyNeed(table: MaskCounts, needMask: number): number {
  let total = 0;
  for (let entry = 0; entry < table.masks.length; entry++)
    if (needMask === 0 || (table.masks[entry]! & needMask) !== 0) total += table.counts[entry]!;
  return total;
}

/**
 * Gives the event loop a turn every few milliseconds of a long build, so requests keep being answered from the
 * old index while a new one is built (a rebuild of a million services takes many seconds of CPU).
 */
type BuildPacer = { isDue: () => boolean; pause: () => Promise<void> };

function createPacer(cooperative: boolean): BuildPacer {
  let last = performance.now();
  return {
    isDue: () => cooperative && performance.now() - last > 8,
    pause: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          last = performance.now();
          resolve();
        }),
      ),
  };
}
// Loops check the clock once per this many items.
const PACE_EVERY = 1023;

const SEX_CODE: Record<Sex, number> = { any: 0, female: 1, male: 2 };
export const SEX_BY_CODE: readonly Sex[] = ['any', 'female', 'male'];
const NO_AGE = -1;
// The marks tokenizeForSearch looks for before normalizing a text (text/tokenize.ts).
const COMBINING_MARK = /[\u0300-\u036f]/;

/** Help-type words the finder adds to the index beside the registry's term names (its own plain needs). */
export type HelpTypeWords = Record<HelpTypeCode, Record<Language, string>>;

/**
 * Builds the index from registry rows; the database path and the benchmark both call it. It pauses every few
 * milliseconds for other work unless `cooperative` is false. `needWords` are the finder's plain-language names
 * of the needs, searched like the registry's own labels.
 */
export async function buildFinderIndex(
  source: FinderSourceRows,
  territoryInputs: readonly FinderTerritoryInput[],
  needWords: HelpTypeWords,
  options: { cooperative?: boolean } = {},
): Promise<FinderIndex> {
  const pacer = createPacer(options.cooperative ?? true);
  const territories = indexTerritories(territoryInputs);
  const municipalities = [...territories.values()]
    .filter((territory) => territory.level === 1)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const municipalityBucket = new Map(municipalities.map((territory, index) => [territory.code, index]));
  const noPlaceBucket = municipalities.length;
  const bucketCount = municipalities.length + 1;

  const terms = indexTerms(source, needWords);
  const serviceIndexById = createServiceFinder(source.services);
  const services = await buildServices(source, serviceIndexById, terms.helpTypesByTerm, pacer);

  // Listings: one per service and location; a service with no location still gets one, in the no-place bucket.
  const listingDrafts = await buildListingDrafts(source, serviceIndexById, services.records, pacer);
  const bucketOf = (territoryCode: string | null): number => {
    const territory = territoryCode === null ? undefined : territories.get(territoryCode);
    return territory === undefined
      ? noPlaceBucket
      : (municipalityBucket.get(territory.municipalityCode) ?? noPlaceBucket);
  };
  const draftBuckets = listingDrafts.map((draft) => bucketOf(draft.territoryCode));
  const order = await orderDraftsByBucketAndName(
    listingDrafts,
    draftBuckets,
    bucketCount,
    services.records.length,
    pacer,
  );
  const laidOut = layOutListings(listingDrafts, draftBuckets, order, services.masks, bucketCount);
  const { listings, listingService, listingMask, listingBucket, bucketStart } = laidOut;
  const listingCount = order.length;
  const { helpTypeListings, helpTypeBucketStart } = indexListingsByHelpType(listingMask, bucketStart, bucketCount);

  const postings = await buildPostings(
    listings,
    listingService,
    services.records,
    services.termIds,
    terms.wordsByTerm,
    territories,
    pacer,
  );
  const tallies = prepareTallies(services);
  const distances = computeDistances(municipalities, territoryInputs);
  const { bucketOrderFrom, byName } = orderBucketsFromEachMunicipality(municipalities, distances, noPlaceBucket);

  return {
    revision: source.revision,
    builtAt: new Date(),
    services: services.records,
    listings,
    listingService,
    ...copyEligibilityToListings(listingService, listingMask, services),
    listingBucket,
    bucketStart,
    helpTypeListings,
    helpTypeBucketStart,
    residencySets: services.residencySets,
    serviceMask: services.masks,
    serviceCounts: countServicesByMask(services, null, listingService, tallies),
    postings: postings.postings,
    postingBitsets: await buildPostingBitsets(postings.postings, listingCount, pacer),
    postingCounts: await countPostingServices(
      postings.postings,
      listingCount,
      services,
      listingService,
      tallies,
      pacer,
    ),
    vocabulary: postings.vocabulary,
    territories,
    municipalities,
    municipalityBucket,
    distanceKilometres: distances,
    bucketOrderFrom,
    defaultBucketOrder: Uint8Array.from([noPlaceBucket, ...byName]),
    helpTypeLabels: terms.helpTypeLabels,
    seenStamp: new Uint32Array(services.records.length),
    searchCounter: 0,
  };
}

/** Draft numbers bucket by bucket, in service-name order within each; a bucket at a time, so the pacer can pause. */
async function orderDraftsByBucketAndName(
  listingDrafts: readonly ListingDraft[],
  draftBuckets: readonly number[],
  bucketCount: number,
  serviceCount: number,
  pacer: BuildPacer,
): Promise<number[]> {
  const draftsByBucket: number[][] = Array.from({ length: bucketCount }, () => []);
  draftBuckets.forEach((bucket, draftIndex) => draftsByBucket[bucket]!.push(draftIndex));
  const order: number[] = [];
  // Folded once per service, not per listing.
  const foldedNames: (string | undefined)[] = [];
  for (let service = 0; service < serviceCount; service++) foldedNames.push(undefined);
  const sortKeys: string[] = [];
  for (let draftIndex = 0; draftIndex < listingDrafts.length; draftIndex++) {
    if ((draftIndex & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const draft = listingDrafts[draftIndex]!;
    sortKeys.push((foldedNames[draft.serviceIndex] ??= foldText(draft.service.name)));
  }
  for (const drafts of draftsByBucket) {
    // Equal names keep draft order: the sort is stable and each bucket's drafts are in ascending order.
    drafts.sort((a, b) => {
      const first = sortKeys[a]!;
      const second = sortKeys[b]!;
      return first < second ? -1 : first === second ? 0 : 1;
    });
    for (const draftIndex of drafts) order.push(draftIndex);
    if (pacer.isDue()) await pacer.pause();
  }
  return order;
}

/** The listings in their final order, as parallel arrays, and where each bucket starts among them. */
function layOutListings(
  listingDrafts: readonly ListingDraft[],
  draftBuckets: readonly number[],
  order: readonly number[],
  serviceMasks: ArrayLike<number>,
  bucketCount: number,
) {
  const listingCount = order.length;
  const listings: FinderListing[] = []; // filled in order; `new Array(n)` of a large n would be a slow dictionary
  const listingService = new Uint32Array(listingCount);
  const listingMask = new Uint16Array(listingCount); // build-time only; the index keeps it inside listingCode
  const listingBucket = new Uint8Array(listingCount);
  const bucketStart = new Uint32Array(bucketCount + 1);
  for (let position = 0; position < listingCount; position++) {
    const draftIndex = order[position]!;
    const draft = listingDrafts[draftIndex]!;
    listings.push(draft);
    listingService[position] = draft.serviceIndex;
    listingMask[position] = serviceMasks[draft.serviceIndex]!;
    listingBucket[position] = draftBuckets[draftIndex]!;
    bucketStart[draftBuckets[draftIndex]! + 1]!++;
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) bucketStart[bucket + 1]! += bucketStart[bucket]!;
  return { listings, listingService, listingMask, listingBucket, bucketStart };
}

/** For each help type, the listings that offer it (ascending) and where each bucket starts in that list. */
function indexListingsByHelpType(listingMask: Uint16Array, bucketStart: Uint32Array, bucketCount: number) {
  const listingCount = listingMask.length;
  const helpTypeListings = helpTypeCodes.map((_, bit) => {
    let count = 0;
    for (let position = 0; position < listingCount; position++) if (listingMask[position]! & (1 << bit)) count++;
    const list = new Uint32Array(count);
    let next = 0;
    for (let position = 0; position < listingCount; position++)
      if (listingMask[position]! & (1 << bit)) list[next++] = position;
    return list;
  });
  const helpTypeBucketStart = helpTypeListings.map((list) => {
    const starts = new Uint32Array(bucketCount + 1);
    for (let bucket = 0; bucket <= bucketCount; bucket++)
      starts[bucket] = lowerBound(list, 0, list.length, bucketStart[bucket]!);
    return starts;
  });
  return { helpTypeListings, helpTypeBucketStart };
}

/**
 * The scan order from each municipality: itself, then services with no place, then the others nearest first
 * (ties in Latvian name order); `byName` is the municipalities in name order, for a search without a place.
 */
function orderBucketsFromEachMunicipality(
  municipalities: readonly FinderTerritory[],
  distances: ArrayLike<number>,
  noPlaceBucket: number,
) {
  const compareNames = new Intl.Collator('lv').compare;
  const byName = municipalities
    .map((_, index) => index)
    .sort((a, b) => compareNames(municipalities[a]!.name, municipalities[b]!.name));
  const bucketOrderFrom = municipalities.map((_, origin) => {
    const others = byName.filter((bucket) => bucket !== origin);
    others.sort(
      (a, b) => distances[origin * municipalities.length + a]! - distances[origin * municipalities.length + b]!,
    );
    return Uint8Array.from([origin, noPlaceBucket, ...others]);
  });
  return { bucketOrderFrom, byName };
}

/** First position in list[from, to) whose value is >= value (list sorted ascending). */
export function lowerBound(list: Uint32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function indexTerritories(inputs: readonly FinderTerritoryInput[]): Map<string, FinderTerritory> {
  const names = new Map(inputs.map((input) => [input.code, input.name]));
  return new Map(
    inputs.map((input) => [
      input.code,
      {
        code: input.code,
        name: input.name,
        kind: input.kind,
        level: input.level,
        municipalityCode: input.municipalityCode,
        municipalityName: names.get(input.municipalityCode) ?? input.name,
        isCurrent: input.isCurrent,
        foldedName: foldText(input.name),
        stemKey: tokenizeForSearch(input.name, 'lv').join(' '),
      },
    ]),
  );
}

function computeDistances(
  municipalities: readonly FinderTerritory[],
  inputs: readonly FinderTerritoryInput[],
): Float64Array {
  const centres = new Map(inputs.map((input) => [input.code, input]));
  const count = municipalities.length;
  const distances = new Float64Array(count * count);
  for (let from = 0; from < count; from++) {
    for (let to = 0; to < count; to++) {
      const a = centres.get(municipalities[from]!.code);
      const b = centres.get(municipalities[to]!.code);
      const known = a?.latitude != null && a.longitude != null && b?.latitude != null && b.longitude != null;
      // A municipality without a centre sorts last rather than breaking the order for everyone.
      distances[from * count + to] =
        from === to
          ? 0
          : known
            ? distanceInKilometres(
                { latitude: a.latitude!, longitude: a.longitude! },
                { latitude: b.latitude!, longitude: b.longitude! },
              )
            : 1e6;
    }
  }
  return distances;
}

type IndexedTerms = {
  helpTypesByTerm: Map<string, HelpTypeCode>;
  /** Per term id: the search stems of its names in every language, its help type's names and needs words. */
  wordsByTerm: Map<string, string[]>;
  helpTypeLabels: Map<HelpTypeCode, Record<Language, string>>;
};

/** Works out each taxonomy term's help type (itself or an ancestor) and the stems its names give. */
function indexTerms(source: FinderSourceRows, needWords: HelpTypeWords): IndexedTerms {
  const termById = new Map(source.terms.map((term) => [term.id, term]));
  const translations = new Map<string, { language: Language; name: string }[]>();
  for (const row of source.termTranslations) {
    const list = translations.get(row.taxonomy_term_id) ?? [];
    list.push({ language: row.language, name: row.name });
    translations.set(row.taxonomy_term_id, list);
  }
  const isHelpType = (code: string | null): code is HelpTypeCode =>
    code !== null && (helpTypeCodes as readonly string[]).includes(code);
  const helpTypesByTerm = new Map<string, HelpTypeCode>();
  const helpTypeLabels = new Map<HelpTypeCode, Record<Language, string>>();
  for (const term of source.terms) {
    // Walk up at most a few levels: finer terms hang under a help type; a cycle in bad data must not hang us.
    let current: typeof term | undefined = term;
    for (let depth = 0; current && depth < 6; depth++) {
      if (isHelpType(current.code) && current.parent_id === null) {
        helpTypesByTerm.set(term.id, current.code);
        break;
      }
      current = current.parent_id ? termById.get(current.parent_id) : undefined;
    }
    if (isHelpType(term.code) && term.parent_id === null) {
      const names = translations.get(term.id) ?? [];
      const label = (language: Language) =>
        names.find((name) => name.language === language)?.name ?? needWords[term.code as HelpTypeCode][language];
      helpTypeLabels.set(term.code, { lv: label('lv'), ru: label('ru'), en: label('en') });
    }
  }
  for (const code of helpTypeCodes) if (!helpTypeLabels.has(code)) helpTypeLabels.set(code, { ...needWords[code] });

  const stemsOfNames = (termId: string): string[] => {
    const term = termById.get(termId);
    const words = [...tokenizeForSearch(term?.name ?? '', 'lv')];
    for (const translation of translations.get(termId) ?? [])
      words.push(...stemsInLanguage(translation.name, translation.language));
    return words;
  };
  const wordsByTerm = new Map<string, string[]>();
  for (const [termId, code] of helpTypesByTerm) {
    const words = [...stemsOfNames(termId)];
    const helpTypeTermId = source.terms.find((term) => term.code === code && term.parent_id === null)?.id;
    if (helpTypeTermId !== undefined && helpTypeTermId !== termId) words.push(...stemsOfNames(helpTypeTermId));
    for (const language of ['lv', 'ru', 'en'] as const)
      words.push(...stemsInLanguage(needWords[code][language], language));
    wordsByTerm.set(termId, [...new Set(words)]);
  }
  return { helpTypesByTerm, wordsByTerm, helpTypeLabels };
}

/** English text gets both its plain folded words and Latvian stems, so either way of typing a query meets it. */
function stemsInLanguage(text: string, language: Language): string[] {
  return language === 'en'
    ? [...tokenizeForSearch(text, 'en'), ...tokenizeForSearch(text, 'lv')]
    : tokenizeForSearch(text, language);
}

type BuiltServices = {
  records: FinderService[];
  masks: Uint16Array;
  residencySet: Int32Array;
  residencySets: string[][];
  sex: Uint8Array;
  minimumAge: Int16Array;
  maximumAge: Int16Array;
  termIds: string[][];
};

async function groupBy<T>(
  rows: readonly T[],
  key: (row: T) => string | null,
  pacer: BuildPacer,
): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  for (let index = 0; index < rows.length; index++) {
    if ((index & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const row = rows[index]!;
    const value = key(row);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

/**
 * Finds a service's number by its id. Rows that name services mostly come in the services' own order, so each
 * reader (`cursor()`) tries the service it met last and the few after it before the map: string comparisons
 * instead of a probe into a million-entry map, which is then never made at all.
 */
type ServiceFinder = { readonly size: number; cursor: () => (id: string) => number | undefined };

function createServiceFinder(services: readonly FinderServiceRow[]): ServiceFinder {
  const ids: string[] = [];
  for (let index = 0; index < services.length; index++) ids.push(services[index]!.id);
  // Made on the first id a shortcut does not find. (Service ids are the table's primary key, so whichever way a
  // service is found, it is the same one.)
  let byId: Map<string, number> | undefined;
  return {
    size: ids.length,
    cursor: () => {
      let last = 0;
      return (id) => {
        if (ids[last] === id) return last;
        // Services with no row of this kind are skipped over: look a little way ahead.
        for (let next = last + 1, end = Math.min(last + 33, ids.length); next < end; next++)
          if (ids[next] === id) return (last = next);
        if (byId === undefined) {
          byId = new Map();
          for (let index = 0; index < ids.length; index++) byId.set(ids[index]!, index);
        }
        const found = byId.get(id);
        if (found !== undefined) last = found;
        return found;
      };
    },
  };
}

/** Rows grouped by service number: the row numbers of service s are order[start[s]] … order[start[s + 1] - 1]. */
type ServiceGroups<T> = { of: (service: number) => T[] | undefined };

/**
 * Like groupBy, for rows that name a service: the groups are found by service number, and kept as two typed
 * arrays (a million small arrays would cost more to make and to collect than the rest of the work). Rows whose
 * service is not among the services are left out, as no one would look them up. Rows keep their order.
 */
async function groupByService<T>(
  rows: readonly T[],
  key: (row: T) => string | null,
  serviceIndexById: ServiceFinder,
  pacer: BuildPacer,
): Promise<ServiceGroups<T>> {
  const serviceCount = serviceIndexById.size;
  const find = serviceIndexById.cursor();
  const serviceOfRow = new Int32Array(rows.length);
  const start = new Uint32Array(serviceCount + 1);
  for (let index = 0; index < rows.length; index++) {
    if ((index & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const value = key(rows[index]!);
    const service = value === null ? undefined : find(value);
    if (service === undefined) serviceOfRow[index] = -1;
    else {
      serviceOfRow[index] = service;
      start[service + 1]!++;
    }
  }
  for (let service = 0; service < serviceCount; service++) start[service + 1]! += start[service]!;
  const next = start.slice(0, serviceCount);
  const order = new Uint32Array(start[serviceCount]!);
  for (let index = 0; index < rows.length; index++) {
    const service = serviceOfRow[index]!;
    if (service >= 0) order[next[service]!++] = index;
  }
  return {
    of: (service) => {
      const from = start[service]!;
      const to = start[service + 1]!;
      if (from === to) return undefined;
      const group: T[] = [];
      for (let at = from; at < to; at++) group.push(rows[order[at]!]!);
      return group;
    },
  };
}

async function buildServices(
  source: FinderSourceRows,
  serviceIndexById: ServiceFinder,
  helpTypesByTerm: Map<string, HelpTypeCode>,
  pacer: BuildPacer,
): Promise<BuiltServices> {
  const count = source.services.length;
  const byService = <T>(rows: readonly T[], key: (row: T) => string | null) =>
    groupByService(rows, key, serviceIndexById, pacer);
  const residencyByService = await byService(source.residencyTerritories, (row) => row.service_id);
  const documentsByService = await byService(source.documents, (row) => row.service_id);
  const languagesByService = await byService(source.languages, (row) => row.service_id);
  const termsByService = await byService(source.serviceTerms, (row) => row.service_id);
  const translationsByService = await byService(source.serviceTranslations ?? [], (row) => row.service_id);
  const organizationNames = new Map<string, FinderTextTranslations>();
  for (const row of source.organizationTranslations ?? []) {
    if (!row.name) continue;
    const names = organizationNames.get(row.organization_id) ?? {};
    names[row.language] = row.name;
    organizationNames.set(row.organization_id, names);
  }
  const residencySetByKey = new Map<string, number>();
  // Interned: most services share one eligibility (anyone may come) and a few language lists, which saves memory
  // at a million services and lets the pages cache the words for each distinct rule.
  const eligibilityByKey = new Map<string, FinderEligibility>();
  const languagesByKey = new Map<string, FinderService['languages']>();
  const helpTypesByMask = new Map<string, HelpTypeCode[]>();
  const documentsByKey = new Map<string, string[]>();
  const built: BuiltServices = {
    records: [], // filled in order (a preallocated large array would be a slow dictionary)
    masks: new Uint16Array(count),
    residencySet: new Int32Array(count),
    residencySets: [],
    sex: new Uint8Array(count),
    minimumAge: new Int16Array(count),
    maximumAge: new Int16Array(count),
    termIds: [],
  };
  for (let index = 0; index < count; index++) {
    if ((index & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const row = source.services[index]!;
    const termIds = (termsByService.of(index) ?? []).map((term) => term.taxonomy_term_id);
    let mask = 0;
    for (const termId of termIds) {
      const code = helpTypesByTerm.get(termId);
      if (code !== undefined) mask |= 1 << helpTypeCodes.indexOf(code);
    }
    const residencyCodes =
      row.residency_rule === 'last_declared_residence'
        ? (residencyByService.of(index) ?? []).map((r) => r.territory_code).sort()
        : [];
    // A rule with no territories cannot be checked; and a state-wide service takes everyone, whatever the rule says.
    if (residencyCodes.length > 0 && !row.is_statewide) {
      const key = residencyCodes.join(',');
      let setIndex = residencySetByKey.get(key);
      if (setIndex === undefined) {
        setIndex = built.residencySets.length;
        built.residencySets.push(residencyCodes);
        residencySetByKey.set(key, setIndex);
      }
      built.residencySet[index] = setIndex;
    } else {
      built.residencySet[index] = -1;
    }
    built.masks[index] = mask;
    built.sex[index] = SEX_CODE[row.eligible_sex];
    built.minimumAge[index] = row.minimum_age === null ? NO_AGE : Math.ceil(row.minimum_age);
    built.maximumAge[index] = row.maximum_age === null ? NO_AGE : Math.floor(row.maximum_age);
    built.termIds.push(termIds);
    const translationRows = translationsByService.of(index) ?? [];
    const eligibilityNotes = eligibilityNoteTranslations(translationRows);
    built.records.push({
      id: row.id,
      name: row.name,
      description: row.description ?? '',
      organizationId: row.organization_id,
      organizationName: row.organization_name ?? '',
      organizationType: row.organization_type ?? null,
      isDemo: row.organization_is_demo === true,
      helpTypes: intern(helpTypesByMask, String(mask), () => helpTypeCodes.filter((_, bit) => mask & (1 << bit))),
      eligibility: intern(
        eligibilityByKey,
        [
          row.residency_rule,
          residencyCodes.join(','),
          row.is_statewide,
          row.eligible_sex,
          row.minimum_age,
          row.maximum_age,
          row.eligibility_description,
          eligibilityNotes?.ru,
          eligibilityNotes?.en,
        ].join('|'),
        () => ({
          residencyRule: row.residency_rule,
          residencyTerritoryCodes: residencyCodes,
          isStatewide: row.is_statewide,
          sex: row.eligible_sex,
          minimumAge: row.minimum_age,
          maximumAge: row.maximum_age,
          description: row.eligibility_description,
          descriptionTranslations: eligibilityNotes,
        }),
      ),
      documents: internDocuments(documentsByKey, documentsByService.of(index) ?? []),
      languages: internLanguages(languagesByKey, languagesByService.of(index) ?? []),
      lastVerifiedOn: row.last_verified_on ?? row.organization_last_verified_on,
      capacityBeds: row.capacity_beds,
      entitlement: entitlementOf(row),
      translations: serviceTranslations(
        translationRows,
        row.organization_id === null ? undefined : organizationNames.get(row.organization_id),
      ),
    });
  }
  return built;
}

function entitlementOf(row: FinderServiceRow): Entitlement | null {
  // Most services name no right at all: no object to make and test.
  if (row.legal_basis_act == null && row.benefit_amount == null && row.benefit_limits == null) return null;
  const entitlement = entitlementFromColumns({
    legal_basis_act: row.legal_basis_act ?? null,
    legal_basis_article: row.legal_basis_article ?? null,
    legal_basis_url: row.legal_basis_url ?? null,
    benefit_amount: row.benefit_amount ?? null,
    benefit_limits: row.benefit_limits ?? null,
  });
  return hasEntitlement(entitlement) ? entitlement : null;
}

function eligibilityNoteTranslations(rows: readonly FinderServiceTranslationRow[]): FinderTextTranslations | null {
  let notes: FinderTextTranslations | null = null;
  for (const row of rows) if (row.eligibility_description) (notes ??= {})[row.language] = row.eligibility_description;
  return notes;
}

const lines = (text: string | null) =>
  text === null
    ? undefined
    : text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');

/** A service's Russian and English texts from its rows and its organization's names; null when there are none. */
function serviceTranslations(
  rows: readonly FinderServiceTranslationRow[],
  organizationNames: FinderTextTranslations | undefined,
): FinderServiceTranslations | null {
  let translations: FinderServiceTranslations | null = null;
  for (const language of ['ru', 'en'] as const) {
    const row = rows.find((candidate) => candidate.language === language);
    const texts = {
      ...(row?.name ? { name: row.name } : {}),
      ...(row?.description ? { description: row.description } : {}),
      ...(organizationNames?.[language] ? { organizationName: organizationNames[language] } : {}),
      ...(row?.required_documents ? { documents: lines(row.required_documents) } : {}),
      ...(row?.hours_note ? { hoursNotes: lines(row.hours_note) } : {}),
    };
    if (Object.keys(texts).length > 0) (translations ??= {})[language] = texts;
  }
  return translations;
}

function intern<T>(values: Map<string, T>, key: string, make: () => T): T {
  let value = values.get(key);
  if (value === undefined) {
    value = make();
    values.set(key, value);
  }
  return value;
}

function internDocuments(values: Map<string, string[]>, rows: readonly { document: string }[]): string[] {
  return intern(values, rows.map((row) => row.document).join('\n'), () => rows.map((row) => row.document));
}

function internLanguages(
  values: Map<string, FinderService['languages']>,
  rows: readonly { code: string | null; name: string | null }[],
): FinderService['languages'] {
  return intern(values, rows.map((row) => `${row.code}|${row.name}`).join(','), () =>
    rows.map((row) => ({ code: row.code, name: row.name })),
  );
}

type ListingDraft = FinderListing & { serviceIndex: number };

// How the registry's phone notes say "after working hours" in its three languages (a duty or 24-hour line).
const AFTER_HOURS =
  /ārpus darba laika|dežūr|diennakt|after[ -]hours|out of hours|24\s*\/\s*7|24 h|круглосуточ|дежурн|в нерабочее время/i;

/** One draft per service location (or per service, when it has none), with contacts chosen most-specific first. */
async function buildListingDrafts(
  source: FinderSourceRows,
  serviceIndexById: ServiceFinder,
  services: readonly FinderService[],
  pacer: BuildPacer,
): Promise<ListingDraft[]> {
  const addressesByLocation = await groupBy(source.addresses, (row) => row.location_id, pacer);
  const phonesBySal = await groupBy(source.phones, (row) => row.service_at_location_id, pacer);
  const phonesByService = await groupByService(source.phones, (row) => row.service_id, serviceIndexById, pacer);
  const phonesByLocation = await groupBy(source.phones, (row) => row.location_id, pacer);
  const phonesByOrganization = await groupBy(
    source.phones,
    (row) => (row.service_id === null && row.location_id === null ? row.organization_id : null),
    pacer,
  );
  const schedulesBySal = await groupBy(source.schedules, (row) => row.service_at_location_id, pacer);
  const schedulesByService = await groupByService(
    source.schedules,
    (row) => (row.service_at_location_id === null ? row.service_id : null),
    serviceIndexById,
    pacer,
  );
  const schedulesByLocation = await groupBy(
    source.schedules,
    (row) => (row.service_at_location_id === null && row.service_id === null ? row.location_id : null),
    pacer,
  );
  const languagesByLocation = await groupBy(source.languages, (row) => row.location_id, pacer);
  const languagesByLocationKey = new Map<string, FinderService['languages']>();
  // Interned: services with the same hours share one object, so the pages and the API can cache its words.
  const hoursByKey = new Map<string, WeeklyHours>();
  const emptyHours: WeeklyHours = { intervals: [], notes: [] };
  const hoursOf = (rows: readonly ScheduleFields[] | undefined): WeeklyHours => {
    if (!rows || rows.length === 0) return emptyHours;
    const key = rows
      .map((row) => `${row.freq}|${row.byday}|${row.opens_at}|${row.closes_at}|${row.description}`)
      .join('\n');
    let hours = hoursByKey.get(key);
    if (!hours) {
      hours = toWeeklyHours(rows);
      hoursByKey.set(key, hours);
    }
    return hours;
  };
  const phoneNumbers = (...groups: (FinderPhoneRow[] | undefined)[]): string[] => {
    for (const group of groups)
      if (group && group.length > 0)
        return group.length === 1 ? [group[0]!.number] : [...new Set(group.map((phone) => phone.number))].slice(0, 3);
    return [];
  };

  const afterHoursNumbers = (...groups: (FinderPhoneRow[] | undefined)[]): string[] => {
    // Most listings have no phone that says so: nothing to filter.
    let described = false;
    for (const group of groups) if (group) for (const phone of group) if (phone.description) described = true;
    if (!described) return [];
    return [
      ...new Set(
        groups.flatMap((group) =>
          (group ?? []).filter((phone) => AFTER_HOURS.test(phone.description ?? '')).map((phone) => phone.number),
        ),
      ),
    ];
  };

  const drafts: ListingDraft[] = [];
  const findService = serviceIndexById.cursor();
  const located = new Uint8Array(services.length);
  for (let rowIndex = 0; rowIndex < source.serviceLocations.length; rowIndex++) {
    if ((rowIndex & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const row = source.serviceLocations[rowIndex]!;
    const serviceIndex = findService(row.service_id);
    if (serviceIndex === undefined) continue;
    const service = services[serviceIndex]!;
    located[serviceIndex] = 1;
    const addresses = addressesByLocation.get(row.location_id) ?? [];
    const address = addresses.find((candidate) => candidate.address_type === 'physical') ?? addresses[0];
    if (service.languages.length === 0) {
      const locationLanguages = languagesByLocation.get(row.location_id);
      if (locationLanguages) service.languages = internLanguages(languagesByLocationKey, locationLanguages);
    }
    drafts.push({
      service,
      serviceIndex,
      territoryCode: row.territory_code,
      locationName: row.location_name,
      address: address ? formatAddress(address) : null,
      latitude: row.latitude ?? null,
      longitude: row.longitude ?? null,
      afterHoursPhones: afterHoursNumbers(
        phonesBySal.get(row.id),
        phonesByLocation.get(row.location_id),
        phonesByOrganization.get(service.organizationId ?? ''),
      ),
      phones: phoneNumbers(
        phonesBySal.get(row.id),
        phonesByService.of(serviceIndex),
        phonesByLocation.get(row.location_id),
        phonesByOrganization.get(service.organizationId ?? ''),
      ),
      hours: hoursOf(
        schedulesBySal.get(row.id) ?? schedulesByService.of(serviceIndex) ?? schedulesByLocation.get(row.location_id),
      ),
    });
  }
  for (let serviceIndex = 0; serviceIndex < services.length; serviceIndex++) {
    if ((serviceIndex & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    if (located[serviceIndex] === 1) continue;
    const service = services[serviceIndex]!;
    drafts.push({
      service,
      serviceIndex,
      territoryCode: null,
      locationName: null,
      address: null,
      latitude: null,
      longitude: null,
      afterHoursPhones: afterHoursNumbers(phonesByOrganization.get(service.organizationId ?? '')),
      phones: phoneNumbers(phonesByService.of(serviceIndex), phonesByOrganization.get(service.organizationId ?? '')),
      hours: hoursOf(schedulesByService.of(serviceIndex)),
    });
  }
  return drafts;
}

function formatAddress(address: {
  address_1: string;
  address_2: string | null;
  city: string;
  postal_code: string;
}): string {
  return [address.address_1, address.address_2, address.city, address.postal_code]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
}

/**
 * The inverted index: each listing's stems (service name and description in lv/ru/en, organization name, help-type
 * names in lv/ru/en, its place) → listing numbers. Listings are visited in order, so every list comes out sorted.
 *
 * Built for speed at a million services: text is tokenized once per distinct space-separated chunk (see
 * tokenizeInChunks), stems become small numbers, each service's stem numbers are laid out once in one flat array,
 * and the lists are counted first and then filled into arrays of their exact length.
 */
async function buildPostings(
  listings: readonly FinderListing[],
  listingService: Uint32Array,
  services: readonly FinderService[],
  termIdsByService: readonly string[][],
  wordsByTerm: Map<string, string[]>,
  territories: Map<string, FinderTerritory>,
  pacer: BuildPacer,
): Promise<{ postings: Map<string, Uint32Array>; vocabulary: string[] }> {
  const stemNumbers = new Map<string, number>();
  const stems: string[] = [];
  const numbersOf = (terms: readonly string[]): Int32Array => {
    const numbers = new Int32Array(terms.length);
    for (let position = 0; position < terms.length; position++) {
      const stem = terms[position]!;
      let number = stemNumbers.get(stem);
      if (number === undefined) {
        number = stems.length;
        stems.push(stem);
        stemNumbers.set(stem, number);
      }
      numbers[position] = number;
    }
    return numbers;
  };

  // Each service's stem numbers, in the order its texts give them: name and description (lv, ru, en),
  // organization, terms.
  const serviceCount = services.length;
  const serviceStart = new Uint32Array(serviceCount + 1);
  let flat = new Int32Array(Math.max(1024, serviceCount * 32));
  let used = 0;
  const append = (numbers: Int32Array) => {
    const length = numbers.length;
    if (used + length > flat.length) {
      const grown = new Int32Array(Math.max(flat.length * 2, used + length));
      grown.set(flat.subarray(0, used));
      flat = grown;
    }
    // A plain loop: TypedArray.set costs more than it saves on lists this short.
    for (let at = 0; at < length; at++) flat[used + at] = numbers[at]!;
    used += length;
  };
  const chunkCaches: Record<Language, ChunkTable> = {
    lv: createChunkTable((chunk) => numbersOf(tokenizeForSearch(chunk, 'lv'))),
    ru: createChunkTable((chunk) => numbersOf(tokenizeForSearch(chunk, 'ru'))),
    en: createChunkTable((chunk) => numbersOf(tokenizeForSearch(chunk, 'en'))),
  };
  const appendText = (text: string, language: Language) => {
    if (COMBINING_MARK.test(text)) {
      // Rare: the tokenizer normalizes the whole text first, so it is tokenized whole.
      append(numbersOf(tokenizeForSearch(text, language)));
      return;
    }
    const cache = chunkCaches[language];
    let from = 0;
    for (;;) {
      const space = text.indexOf(' ', from);
      const to = space < 0 ? text.length : space;
      append(cache.find(text, from, to));
      if (space < 0) break;
      from = space + 1;
    }
  };
  const organizationNumbers = new Map<string, Int32Array>();
  const translatedOrganizationNumbers = new Map<string, Int32Array>();
  const termNumbers = new Map<string, Int32Array>();
  for (let serviceIndex = 0; serviceIndex < serviceCount; serviceIndex++) {
    if ((serviceIndex & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const service = services[serviceIndex]!;
    serviceStart[serviceIndex] = used;
    appendText(`${service.name} ${service.description}`, 'lv');
    // Russian and English texts are found too: a Russian reader types Russian words.
    const ru = service.translations?.ru;
    const en = service.translations?.en;
    if (ru) appendText(`${ru.name ?? ''} ${ru.description ?? ''}`, 'ru');
    if (en) {
      // English text gets both its plain folded words and Latvian stems (stemsInLanguage).
      const text = `${en.name ?? ''} ${en.description ?? ''}`;
      appendText(text, 'en');
      appendText(text, 'lv');
    }
    const organizationName = service.organizationName;
    if (ru?.organizationName || en?.organizationName) {
      const key = `${organizationName}\n${ru?.organizationName ?? ''}\n${en?.organizationName ?? ''}`;
      let numbers = translatedOrganizationNumbers.get(key);
      if (numbers === undefined) {
        numbers = numbersOf([
          ...tokenizeForSearch(organizationName, 'lv'),
          ...(ru?.organizationName ? tokenizeForSearch(ru.organizationName, 'ru') : []),
          ...(en?.organizationName ? stemsInLanguage(en.organizationName, 'en') : []),
        ]);
        translatedOrganizationNumbers.set(key, numbers);
      }
      append(numbers);
    } else {
      let numbers = organizationNumbers.get(organizationName);
      if (numbers === undefined) {
        numbers = numbersOf(tokenizeForSearch(organizationName, 'lv'));
        organizationNumbers.set(organizationName, numbers);
      }
      append(numbers);
    }
    const termIds = termIdsByService[serviceIndex];
    if (termIds !== undefined)
      for (const termId of termIds) {
        let numbers = termNumbers.get(termId);
        if (numbers === undefined) {
          numbers = numbersOf(wordsByTerm.get(termId) ?? []);
          termNumbers.set(termId, numbers);
        }
        append(numbers);
      }
  }
  serviceStart[serviceCount] = used;
  const placeNumbers = new Map<string, Int32Array>();
  const listingPlaces: Int32Array[] = [];
  for (let position = 0; position < listings.length; position++) {
    const territoryCode = listings[position]!.territoryCode ?? '';
    let numbers = placeNumbers.get(territoryCode);
    if (numbers === undefined) {
      const territory = territories.get(territoryCode);
      numbers = numbersOf(territory ? tokenizeForSearch(`${territory.name} ${territory.municipalityName}`, 'lv') : []);
      placeNumbers.set(territoryCode, numbers);
    }
    listingPlaces.push(numbers);
  }

  // Count each stem's listings (a stem that occurs twice in one listing counts once), noting the order in which
  // stems first occur, then fill. Listings are visited in order, so every list comes out sorted.
  const stemCount = stems.length;
  const serviceStems = flat;
  const lastListing = new Int32Array(stemCount).fill(-1);
  const listLength = new Uint32Array(stemCount);
  const firstSeen: number[] = [];
  // Both passes are written out in full: a shared loop calling back per stem would be several times slower.
  for (let position = 0; position < listings.length; position++) {
    if ((position & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const service = listingService[position]!;
    for (let at = serviceStart[service]!, end = serviceStart[service + 1]!; at < end; at++) {
      const stem = serviceStems[at]!;
      if (lastListing[stem] === position) continue;
      lastListing[stem] = position;
      if (listLength[stem]!++ === 0) firstSeen.push(stem);
    }
    const place = listingPlaces[position]!;
    for (let at = 0; at < place.length; at++) {
      const stem = place[at]!;
      if (lastListing[stem] === position) continue;
      lastListing[stem] = position;
      if (listLength[stem]!++ === 0) firstSeen.push(stem);
    }
  }
  // All lists in one buffer, each a view of its own stretch: one array to write into instead of thousands.
  const listStart = new Uint32Array(stemCount + 1);
  for (let stem = 0; stem < stemCount; stem++) listStart[stem + 1] = listStart[stem]! + listLength[stem]!;
  const allLists = new Uint32Array(listStart[stemCount]!);
  const filled = listStart.slice(0, stemCount);
  lastListing.fill(-1);
  for (let position = 0; position < listings.length; position++) {
    if ((position & PACE_EVERY) === 0 && pacer.isDue()) await pacer.pause();
    const service = listingService[position]!;
    for (let at = serviceStart[service]!, end = serviceStart[service + 1]!; at < end; at++) {
      const stem = serviceStems[at]!;
      if (lastListing[stem] === position) continue;
      lastListing[stem] = position;
      allLists[filled[stem]!++] = position;
    }
    const place = listingPlaces[position]!;
    for (let at = 0; at < place.length; at++) {
      const stem = place[at]!;
      if (lastListing[stem] === position) continue;
      lastListing[stem] = position;
      allLists[filled[stem]!++] = position;
    }
  }
  const postings = new Map<string, Uint32Array>();
  for (const stem of firstSeen)
    postings.set(stems[stem]!, allLists.subarray(listStart[stem]!, listStart[stem]! + listLength[stem]!));
  return { postings, vocabulary: [...postings.keys()].sort() };
}

/** Stem numbers per distinct chunk of text (the words between two spaces). */
type ChunkTable = { find: (text: string, from: number, to: number) => Int32Array };

/**
 * An open-addressing hash table keyed by text[from, to), so a chunk already met is found without cutting it out
 * of its text (at a million services, most chunks are words met many times before).
 */
function createChunkTable(make: (chunk: string) => Int32Array): ChunkTable {
  let slots = new Int32Array(1 << 12).fill(-1);
  const chunks: string[] = [];
  const hashes: number[] = [];
  const values: Int32Array[] = [];
  const hashOf = (text: string, from: number, to: number) => {
    let hash = 0;
    for (let at = from; at < to; at++) hash = (Math.imul(hash, 31) + text.charCodeAt(at)) | 0;
    return (hash ^ (hash >>> 15)) >>> 0;
  };
  const grow = () => {
    slots = new Int32Array(slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < chunks.length; entry++) {
      let slot = hashes[entry]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
  };
  return {
    find: (text, from, to) => {
      const hash = hashOf(text, from, to);
      const length = to - from;
      const mask = slots.length - 1;
      let slot = hash & mask;
      for (let entry = slots[slot]!; entry !== -1; entry = slots[slot]!) {
        const chunk = chunks[entry]!;
        if (hashes[entry] === hash && chunk.length === length && text.startsWith(chunk, from)) return values[entry]!;
        slot = (slot + 1) & mask;
      }
      const chunk = text.slice(from, to);
      const value = make(chunk);
      slots[slot] = chunks.length;
      chunks.push(chunk);
      hashes.push(hash);
      values.push(value);
      if (chunks.length * 2 > slots.length) grow();
      return value;
    },
  };
}

// A help-type mask has one bit per help type (LISTING_NEEDS).
const MASK_VALUES = LISTING_NEEDS + 1;

/**
 * Counting help: every service with a residency rule is given the number of its (residency set, mask) pair, so
 * counting needs no map per service; the counters are reused from one list to the next (all zero between).
 */
type Tallies = {
  pairOfService: Int32Array;
  pairSet: number[];
  pairMask: number[];
  /** Per service, the number of the last count that met it (so each service is counted once per list). */
  seen: Uint32Array;
  stamp: number;
  openCounts: Uint32Array;
  restrictedCounts: Uint32Array;
  pairCounts: Uint32Array;
};

function prepareTallies(services: BuiltServices): Tallies {
  const count = services.masks.length;
  const pairOfService = new Int32Array(count).fill(-1);
  const pairSet: number[] = [];
  const pairMask: number[] = [];
  const pairByKey = new Map<number, number>();
  for (let service = 0; service < count; service++) {
    const set = services.residencySet[service]!;
    if (set < 0) continue;
    const mask = services.masks[service]!;
    const key = set * MASK_VALUES + mask;
    let pair = pairByKey.get(key);
    if (pair === undefined) {
      pair = pairSet.length;
      pairSet.push(set);
      pairMask.push(mask);
      pairByKey.set(key, pair);
    }
    pairOfService[service] = pair;
  }
  return {
    pairOfService,
    pairSet,
    pairMask,
    seen: new Uint32Array(count),
    stamp: 0,
    openCounts: new Uint32Array(MASK_VALUES),
    restrictedCounts: new Uint32Array(MASK_VALUES),
    pairCounts: new Uint32Array(pairSet.length),
  };
}

/**
 * A totals table (see FinderIndex.serviceCounts): of all services, or of the services with a listing in
 * `listings` (each counted once, however many of its listings are there). Masks and sets appear in the tables in
 * the order they are first met.
 */
function countServicesByMask(
  services: BuiltServices,
  listings: Uint32Array | null,
  listingService: Uint32Array,
  tallies: Tallies,
): MatchCounts {
  const { pairOfService, seen, openCounts, restrictedCounts, pairCounts } = tallies;
  const openOrder: number[] = [];
  const restrictedOrder: number[] = [];
  const pairOrder: number[] = [];
  const masks = services.masks;
  const stamp = ++tallies.stamp;
  const total = listings === null ? masks.length : listings.length;
  for (let position = 0; position < total; position++) {
    let service = position;
    if (listings !== null) {
      service = listingService[listings[position]!]!;
      if (seen[service] === stamp) continue;
      seen[service] = stamp;
    }
    const mask = masks[service]!;
    const pair = pairOfService[service]!;
    if (pair < 0) {
      if (openCounts[mask]!++ === 0) openOrder.push(mask);
    } else {
      if (restrictedCounts[mask]!++ === 0) restrictedOrder.push(mask);
      if (pairCounts[pair]!++ === 0) pairOrder.push(pair);
    }
  }
  const toTable = (order: readonly number[], counts: Uint32Array): MaskCounts => {
    const table = { masks: Uint16Array.from(order), counts: Uint32Array.from(order, (mask) => counts[mask]!) };
    for (const mask of order) counts[mask] = 0;
    return table;
  };
  const perSet = new Map<number, { masks: number[]; counts: number[] }>();
  for (const pair of pairOrder) {
    const set = tallies.pairSet[pair]!;
    let table = perSet.get(set);
    if (!table) {
      table = { masks: [], counts: [] };
      perSet.set(set, table);
    }
    table.masks.push(tallies.pairMask[pair]!);
    table.counts.push(pairCounts[pair]!);
    pairCounts[pair] = 0;
  }
  return {
    open: toTable(openOrder, openCounts),
    restricted: toTable(restrictedOrder, restrictedCounts),
    bySet: new Map(
      [...perSet].map(([set, table]) => [
        set,
        { masks: Uint16Array.from(table.masks), counts: Uint32Array.from(table.counts) },
      ]),
    ),
  };
}

/** Totals tables for the long posting lists, the same ones that get bitsets. */
async function countPostingServices(
  postings: ReadonlyMap<string, Uint32Array>,
  listingCount: number,
  services: BuiltServices,
  listingService: Uint32Array,
  tallies: Tallies,
  pacer: BuildPacer,
): Promise<Map<Uint32Array, MatchCounts>> {
  const counts = new Map<Uint32Array, MatchCounts>();
  for (const list of postings.values()) {
    if (list.length * 32 < listingCount) continue;
    counts.set(list, countServicesByMask(services, list, listingService, tallies));
    if (pacer.isDue()) await pacer.pause();
  }
  return counts;
}

/** The per-listing copies of each service's help types and eligibility (see FinderIndex.listingCode). */
function copyEligibilityToListings(
  listingService: Uint32Array,
  listingMask: Uint16Array,
  services: BuiltServices,
): Pick<FinderIndex, 'listingCode' | 'listingSex' | 'listingMinimumAge' | 'listingMaximumAge'> {
  if (services.residencySets.length > MAX_RESIDENCY_SETS)
    throw new Error(`too many distinct residency rules: ${services.residencySets.length}`);
  const count = listingService.length;
  const listingsPerService = new Uint32Array(services.masks.length);
  for (let listing = 0; listing < count; listing++) listingsPerService[listingService[listing]!]!++;
  const copy = {
    listingCode: new Uint32Array(count),
    listingSex: new Uint8Array(count),
    listingMinimumAge: new Int16Array(count),
    listingMaximumAge: new Int16Array(count),
  };
  for (let listing = 0; listing < count; listing++) {
    const service = listingService[listing]!;
    const shared = listingsPerService[service]! > 1 ? LISTING_SHARED : 0;
    copy.listingCode[listing] =
      (listingMask[listing]! | shared | ((services.residencySet[service]! + 1) << LISTING_SET_SHIFT)) >>> 0;
    copy.listingSex[listing] = services.sex[service]!;
    copy.listingMinimumAge[listing] = services.minimumAge[service]!;
    copy.listingMaximumAge[listing] = services.maximumAge[service]!;
  }
  return copy;
}

/** Bitsets of the long posting lists (see FinderIndex.postingBitsets). */
async function buildPostingBitsets(
  postings: ReadonlyMap<string, Uint32Array>,
  listingCount: number,
  pacer: BuildPacer,
): Promise<Map<Uint32Array, Uint32Array>> {
  const bitsets = new Map<Uint32Array, Uint32Array>();
  for (const list of postings.values()) {
    if (list.length * 32 < listingCount) continue;
    const bits = new Uint32Array((listingCount >>> 5) + 1);
    for (let position = 0; position < list.length; position++) {
      const listing = list[position]!;
      bits[listing >>> 5]! |= 1 << (listing & 31);
    }
    bitsets.set(list, bits);
    if (pacer.isDue()) await pacer.pause();
  }
  return bitsets;
}
