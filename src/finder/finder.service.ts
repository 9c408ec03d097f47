// The finder's domain rules: which services fit a person's needs and place, who may use them (eligibility
// first: a door that stays closed is listed apart with its reason), nearest first. Pure functions over the
// in-memory index, so the JSON API, the pages, the release plan and the benchmark all search the same way.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { helpTypeCodes, type HelpTypeCode } from '../registry/help-types.js';
import { compareLatvian } from '../territories/territory.service.js';
import { listAlternativePlaceNames } from '../territories/place-names.js';
import { editDistance } from '../text/edit-distance.js';
import { foldText } from '../text/fold.js';
import { latinizePlaceName } from '../text/transliterate.js';
import { tokenizeForSearch } from '../text/tokenize.js';
import { getFinderIndex } from './finder-index-cache.js';
import { intersectSorted, intersectWithBitset, unionOfSorted } from './finder-sorted-sets.js';
import {
  countServicesWithAnyNeed,
  LISTING_SET_SHIFT,
  LISTING_SHARED,
  lowerBound,
  SEX_BY_CODE,
  type FinderIndex,
  type FinderListing,
  type FinderService,
  type FinderTerritory,
} from './finder-index.js';

export type { FinderIndex, FinderListing, FinderService, FinderTerritory } from './finder-index.js';

/** What a person asks for. Codes are already validated (finder.schema.ts); territories must exist in the index. */
export type FinderQuery = {
  needs: readonly HelpTypeCode[];
  /** Where the person will be: results are ordered from its municipality outwards. */
  territoryCode?: string | undefined;
  /** ATVK code of the last declared residence; services that do not accept it go to notEligible. */
  residenceCode?: string | undefined;
  keywords?: string | undefined;
  sex?: 'female' | 'male' | undefined;
  age?: number | undefined;
  /** Only these services (beds/: the places with a free bed now, for "a free bed tonight"). */
  onlyServiceIds?: ReadonlySet<string> | undefined;
  limit: number;
  offset: number;
};

/** Why a person may not use a service, in data; pages and the API put it into words in the person's language. */
export type IneligibilityReason =
  | { kind: 'residency'; territories: FinderTerritory[] }
  | { kind: 'sex'; sex: 'female' | 'male' }
  | { kind: 'age'; minimumAge: number | null; maximumAge: number | null };

/** One service in a result: the listing nearest to the person, its place and distance, and any reasons against. */
export type FinderHit = {
  service: FinderService;
  listing: FinderListing;
  /** The listing's number in this index (stable for the index's life; caches of presentation key on it). */
  listingNumber: number;
  territory: FinderTerritory | null;
  municipality: FinderTerritory | null;
  distanceKilometres: number | null;
  reasons: IneligibilityReason[];
};

export type FinderResult = {
  eligible: FinderHit[];
  notEligible: FinderHit[];
  totalEligible: number;
  totalNotEligible: number;
  origin: FinderTerritory | null;
  residence: FinderTerritory | null;
  /** Whether anything the person may use is in the chosen place's municipality; null when no place was chosen. */
  matchInTerritory: boolean | null;
};

const RESIDENCY = 1;
const SEX = 2;
const AGE = 4;
const MAX_KEYWORD_WORDS = 12;
const MAX_PREFIX_EXPANSION = 64;
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** The current in-memory index for this database, rebuilt in the background when the registry changes. */
export async function loadFinderIndex(db: Kysely<Database>): Promise<FinderIndex> {
  return getFinderIndex(db);
}

/** Finds the services that fit a query, eligible ones apart from the rest, nearest territory first, with totals. */
export function findServices(index: FinderIndex, query: FinderQuery): FinderResult {
  const origin = query.territoryCode === undefined ? null : requireTerritory(index, query.territoryCode);
  const residence = query.residenceCode === undefined ? null : requireTerritory(index, query.residenceCode);
  const originBucket = origin === null ? -1 : (index.municipalityBucket.get(origin.municipalityCode) ?? -1);
  const bucketOrder = originBucket >= 0 ? index.bucketOrderFrom[originBucket]! : index.defaultBucketOrder;

  let needMask = 0;
  for (const need of query.needs) needMask |= 1 << helpTypeCodes.indexOf(need);
  const acceptingSets = residence === null ? null : residencySetsAccepting(index, residence);
  const sexCode = query.sex === undefined ? 0 : SEX_BY_CODE.indexOf(query.sex);
  const age = query.age ?? -1;
  const matched = query.keywords === undefined ? null : matchKeywords(index, query.keywords);
  const candidates =
    query.onlyServiceIds === undefined ? matched : listingsOfServices(index, matched, query.onlyServiceIds);
  const filters: EligibilityFilters = { accepts: acceptingSets?.bySet ?? null, sexCode, age };

  // Totals first, so the nearest-first scan below can stop as soon as the page is full.
  const totals = countTotals(index, query.needs, needMask, candidates, acceptingSets, filters);
  const [totalEligible, totalNotEligible] = totals;
  const page = new PageCollector(index, query, filters, originBucket, totalEligible, totalNotEligible);
  if (!page.full && (candidates === null || candidates.length > 0)) {
    for (let step = 0; step < bucketOrder.length && !page.full; step++) {
      scanBucket(index, page, bucketOrder[step]!, candidates, query.needs, needMask);
    }
  }
  return {
    eligible: page.eligible,
    notEligible: page.notEligible,
    totalEligible,
    totalNotEligible,
    origin,
    residence,
    // The scan starts in the chosen municipality: if it stopped there, the page filled up with what is there.
    matchInTerritory: origin === null ? null : page.eligibleInOrigin > 0,
  };
}

/** The listings (sorted, like a keyword match) of the given services, within `within` when it is set. */
function listingsOfServices(
  index: FinderIndex,
  within: Uint32Array | null,
  serviceIds: ReadonlySet<string>,
): Uint32Array {
  const kept: number[] = [];
  const consider = (listing: number) => {
    if (serviceIds.has(index.services[index.listingService[listing]!]!.id)) kept.push(listing);
  };
  if (within === null) for (let listing = 0; listing < index.listings.length; listing++) consider(listing);
  else for (const listing of within) consider(listing);
  return Uint32Array.from(kept);
}

/**
 * How many services the person may use and how many are listed apart. Without sex or age the totals come from
 * per-combination counts — of the whole registry, or of one common word's list; otherwise from one tight pass
 * over the matches.
 */
function countTotals(
  index: FinderIndex,
  needs: readonly HelpTypeCode[],
  needMask: number,
  candidates: Uint32Array | null,
  acceptingSets: { list: number[]; bySet: Uint8Array } | null,
  filters: EligibilityFilters,
): [number, number] {
  const filtersByPerson = filters.sexCode !== 0 || filters.age >= 0;
  const counts = filtersByPerson
    ? undefined
    : candidates === null
      ? index.serviceCounts
      : index.postingCounts.get(candidates);
  if (counts === undefined) return countMatches(index, candidates, needs, needMask, filters);
  const open = countServicesWithAnyNeed(counts.open, needMask);
  const restricted = countServicesWithAnyNeed(counts.restricted, needMask);
  if (acceptingSets === null) return [open + restricted, 0];
  let accepted = 0;
  for (const set of acceptingSets.list) {
    const table = counts.bySet.get(set);
    if (table !== undefined) accepted += countServicesWithAnyNeed(table, needMask);
  }
  return [open + accepted, restricted - accepted];
}

/**
 * Collects one page of hits while the scan visits matching listings: de-duplicates services listed in several
 * places, applies the person's residence, sex and age, and builds a hit only for the requested page.
 */
class PageCollector {
  readonly eligible: FinderHit[] = [];
  readonly notEligible: FinderHit[] = [];
  eligibleInOrigin = 0;
  full: boolean;
  private seenEligible = 0;
  private seenNotEligible = 0;
  private readonly stamp: number;
  private readonly offset: number;
  private readonly pageEnd: number;
  private readonly eligibleWanted: number;
  private readonly notEligibleWanted: number;

  constructor(
    private readonly index: FinderIndex,
    query: FinderQuery,
    private readonly filters: EligibilityFilters,
    private readonly originBucket: number,
    totalEligible: number,
    totalNotEligible: number,
  ) {
    this.stamp = nextSearchStamp(index);
    this.offset = query.offset;
    this.pageEnd = query.offset + query.limit;
    this.eligibleWanted = Math.min(this.pageEnd, totalEligible);
    this.notEligibleWanted = Math.min(this.pageEnd, totalNotEligible);
    this.full = this.eligibleWanted === 0 && this.notEligibleWanted === 0;
  }

  /** Visits one matching listing in a bucket; sets `full` when both lists have what the page needs. */
  visit(listing: number, bucket: number): void {
    const index = this.index;
    if ((index.listingCode[listing]! & LISTING_SHARED) !== 0) {
      const service = index.listingService[listing]!;
      if (index.seenStamp[service] === this.stamp) return;
      index.seenStamp[service] = this.stamp;
    }
    const failed = failedRules(index, listing, this.filters);
    if (failed === 0) {
      if (this.seenEligible >= this.offset && this.seenEligible < this.pageEnd) {
        this.eligible.push(makeHit(index, listing, bucket, this.originBucket, 0));
      }
      this.seenEligible++;
      if (bucket === this.originBucket) this.eligibleInOrigin++;
    } else {
      if (this.seenNotEligible >= this.offset && this.seenNotEligible < this.pageEnd) {
        this.notEligible.push(makeHit(index, listing, bucket, this.originBucket, failed));
      }
      this.seenNotEligible++;
    }
    this.full = this.seenEligible >= this.eligibleWanted && this.seenNotEligible >= this.notEligibleWanted;
  }
}

/** Visits the matching listings of one bucket (a municipality's listings), until the page is full. */
function scanBucket(
  index: FinderIndex,
  page: PageCollector,
  bucket: number,
  candidates: Uint32Array | null,
  needs: readonly HelpTypeCode[],
  needMask: number,
): void {
  const from = index.bucketStart[bucket]!;
  const to = index.bucketStart[bucket + 1]!;
  if (from === to) return;
  if (candidates !== null) scanKeywordMatches(index, page, bucket, from, to, candidates, needMask);
  else if (needMask === 0) for (let listing = from; listing < to && !page.full; listing++) page.visit(listing, bucket);
  else scanByNeed(index, page, bucket, needs);
}

/** The keyword matches inside the bucket's listing range that offer one of the needs (any, when none are asked). */
function scanKeywordMatches(
  index: FinderIndex,
  page: PageCollector,
  bucket: number,
  from: number,
  to: number,
  candidates: Uint32Array,
  needMask: number,
): void {
  const listingCode = index.listingCode;
  const end = lowerBound(candidates, 0, candidates.length, to);
  for (let position = lowerBound(candidates, 0, end, from); position < end && !page.full; position++) {
    const listing = candidates[position]!;
    if (needMask === 0 || (listingCode[listing]! & needMask) !== 0) page.visit(listing, bucket);
  }
}

/**
 * Need by need through the bucket's help-type lists, skipping listings an earlier need already visited; the
 * seen-stamp then only has to catch services listed in several places.
 */
function scanByNeed(index: FinderIndex, page: PageCollector, bucket: number, needs: readonly HelpTypeCode[]): void {
  const listingCode = index.listingCode;
  let earlierNeeds = 0;
  for (const need of needs) {
    const bit = helpTypeCodes.indexOf(need);
    const list = index.helpTypeListings[bit]!;
    const starts = index.helpTypeBucketStart[bit]!;
    for (let position = starts[bucket]!, end = starts[bucket + 1]!; position < end && !page.full; position++) {
      const listing = list[position]!;
      if ((listingCode[listing]! & earlierNeeds) === 0) page.visit(listing, bucket);
    }
    earlierNeeds |= 1 << bit;
  }
}

type EligibilityFilters = { accepts: Uint8Array | null; sexCode: number; age: number };

/** The rules a listing's service fails for this person, as RESIDENCY | SEX | AGE bits; 0 when they may use it. */
function failedRules(index: FinderIndex, listing: number, filters: EligibilityFilters): number {
  let failed = 0;
  if (filters.accepts !== null) {
    const set = (index.listingCode[listing]! >>> LISTING_SET_SHIFT) - 1;
    if (set >= 0 && filters.accepts[set] === 0) failed = RESIDENCY;
  }
  if (filters.sexCode !== 0) {
    const sex = index.listingSex[listing]!;
    if (sex !== 0 && sex !== filters.sexCode) failed |= SEX;
  }
  if (filters.age >= 0) {
    const minimum = index.listingMinimumAge[listing]!;
    const maximum = index.listingMaximumAge[listing]!;
    if ((minimum >= 0 && filters.age < minimum) || (maximum >= 0 && filters.age > maximum)) failed |= AGE;
  }
  return failed;
}

/** A fresh stamp for de-duplicating services within one pass (the scratch array is reset when stamps run out). */
function nextSearchStamp(index: FinderIndex): number {
  if (index.searchCounter >= 0xfffffffe) {
    index.seenStamp.fill(0);
    index.searchCounter = 0;
  }
  return ++index.searchCounter;
}

/**
 * Counts the services matching a query that the person may and may not use, in one pass over the matches in
 * listing order (place order does not matter for a count). Used when the count tables cannot answer: words typed,
 * or sex or age given.
 */
function countMatches(
  index: FinderIndex,
  candidates: Uint32Array | null,
  needs: readonly HelpTypeCode[],
  needMask: number,
  filters: EligibilityFilters,
): [number, number] {
  // The hot loop of a search with words: up to every listing, one packed number read per match.
  const { listingService, listingCode, seenStamp } = index;
  const { accepts, sexCode, age } = filters;
  const checksPerson = sexCode !== 0 || age >= 0;
  const stamp = nextSearchStamp(index);
  let eligible = 0;
  let notEligible = 0;
  const count = (listing: number, code: number): void => {
    if ((code & LISTING_SHARED) !== 0) {
      const service = listingService[listing]!;
      if (seenStamp[service] === stamp) return;
      seenStamp[service] = stamp;
    }
    if (checksPerson) {
      if (failedRules(index, listing, filters) === 0) eligible++;
      else notEligible++;
      return;
    }
    const set = (code >>> LISTING_SET_SHIFT) - 1;
    if (set >= 0 && accepts !== null && accepts[set] === 0) notEligible++;
    else eligible++;
  };
  if (candidates !== null) {
    for (let position = 0; position < candidates.length; position++) {
      const listing = candidates[position]!;
      const code = listingCode[listing]!;
      if (needMask === 0 || (code & needMask) !== 0) count(listing, code);
    }
  } else if (needMask === 0) {
    for (let listing = 0; listing < listingCode.length; listing++) count(listing, listingCode[listing]!);
  } else {
    let earlierNeeds = 0;
    for (const need of needs) {
      const bit = helpTypeCodes.indexOf(need);
      const list = index.helpTypeListings[bit]!;
      for (let position = 0; position < list.length; position++) {
        const listing = list[position]!;
        const code = listingCode[listing]!;
        if ((code & earlierNeeds) === 0) count(listing, code);
      }
      earlierNeeds |= 1 << bit;
    }
  }
  return [eligible, notEligible];
}

// The edge (finder.schema.ts + routes) already checks codes against the index; this guards other callers.
function requireTerritory(index: FinderIndex, code: string): FinderTerritory {
  const territory = index.territories.get(code);
  if (!territory) throw new AppError('invalid_input', 'finder.error.unknown_territory', [], { value: code });
  return territory;
}

/**
 * The residency sets that accept a person whose last declared residence is `residence`, as a flag per set and a
 * list. A rule naming the person's municipality accepts its towns and parishes; a rule naming a parish accepts a
 * person who gave only that parish's municipality (they may live there: we do not turn them away on a guess).
 */
function residencySetsAccepting(index: FinderIndex, residence: FinderTerritory): { bySet: Uint8Array; list: number[] } {
  const bySet = new Uint8Array(index.residencySets.length);
  const list: number[] = [];
  for (let set = 0; set < index.residencySets.length; set++) {
    for (const code of index.residencySets[set]!) {
      if (
        code === residence.code ||
        code === residence.municipalityCode ||
        (residence.level === 1 && index.territories.get(code)?.municipalityCode === residence.code)
      ) {
        bySet[set] = 1;
        list.push(set);
        break;
      }
    }
  }
  return { bySet, list };
}

function makeHit(
  index: FinderIndex,
  listingNumber: number,
  bucket: number,
  originBucket: number,
  failed: number,
): FinderHit {
  const listing = index.listings[listingNumber]!;
  const service = listing.service;
  const municipalityCount = index.municipalities.length;
  const territory = listing.territoryCode === null ? null : (index.territories.get(listing.territoryCode) ?? null);
  const reasons: IneligibilityReason[] = [];
  if (failed & RESIDENCY) {
    const territories = service.eligibility.residencyTerritoryCodes
      .map((code) => index.territories.get(code))
      .filter((t): t is FinderTerritory => t !== undefined);
    reasons.push({ kind: 'residency', territories });
  }
  if (failed & SEX && service.eligibility.sex !== 'any') reasons.push({ kind: 'sex', sex: service.eligibility.sex });
  if (failed & AGE)
    reasons.push({
      kind: 'age',
      minimumAge: service.eligibility.minimumAge,
      maximumAge: service.eligibility.maximumAge,
    });
  return {
    service,
    listing,
    listingNumber,
    territory,
    municipality: bucket < municipalityCount ? index.municipalities[bucket]! : null,
    distanceKilometres:
      originBucket >= 0 && bucket < municipalityCount
        ? index.distanceKilometres[originBucket * municipalityCount + bucket]!
        : null,
    reasons,
  };
}

/**
 * The listings whose text holds every word typed (in any of its forms): each word is stemmed and folded the
 * way the index was, tried as Latvian and as English, and, when the index holds no such stem, as a prefix.
 * Returns null when no searchable word was typed (only stop words), an empty list when some word matches nothing.
 */
function matchKeywords(index: FinderIndex, keywords: string): Uint32Array | null {
  const perWord: Uint32Array[] = [];
  for (const word of keywords.split(WORD_SEPARATOR).slice(0, MAX_KEYWORD_WORDS * 2)) {
    if (word === '' || perWord.length >= MAX_KEYWORD_WORDS) continue;
    const latvian = tokenizeForSearch(word, 'lv');
    if (latvian.length === 0) continue;
    const stems = new Set([...latvian, ...tokenizeForSearch(word, 'en')]);
    const lists: Uint32Array[] = [];
    for (const stem of stems) {
      const list = index.postings.get(stem);
      if (list) lists.push(list);
    }
    if (lists.length === 0) {
      for (const stem of latvian) if (stem.length >= 3) lists.push(...listsWithPrefix(index, stem));
    }
    if (lists.length === 0) return new Uint32Array(0);
    perWord.push(unionOfSorted(lists));
  }
  if (perWord.length === 0) return null;
  perWord.sort((a, b) => a.length - b.length);
  let result = perWord[0]!;
  for (let word = 1; word < perWord.length && result.length > 0; word++) {
    const longer = perWord[word]!;
    const bits = index.postingBitsets.get(longer);
    result = bits === undefined ? intersectSorted(result, longer) : intersectWithBitset(result, bits);
  }
  return result;
}

function listsWithPrefix(index: FinderIndex, prefix: string): Uint32Array[] {
  const vocabulary = index.vocabulary;
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (vocabulary[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const lists: Uint32Array[] = [];
  for (
    let position = low;
    position < vocabulary.length && lists.length < MAX_PREFIX_EXPANSION && vocabulary[position]!.startsWith(prefix);
    position++
  ) {
    lists.push(index.postings.get(vocabulary[position]!)!);
  }
  return lists;
}

/** A typed or known place name as the lookup compares it: Latin letters, lower case, no diacritics. */
function placeKey(name: string): string {
  return foldText(latinizePlaceName(name));
}

// Alternative names (Russian, historical) by their key, per index: the index's territories decide which exist.
const alternativesByIndex = new WeakMap<FinderIndex, ReadonlyMap<string, FinderTerritory[]>>();

function alternativeNames(index: FinderIndex): ReadonlyMap<string, FinderTerritory[]> {
  let byKey = alternativesByIndex.get(index);
  if (!byKey) {
    const map = new Map<string, FinderTerritory[]>();
    for (const alternative of listAlternativePlaceNames()) {
      const territory = index.territories.get(alternative.code);
      if (!territory) continue;
      const key = placeKey(alternative.name);
      const list = map.get(key) ?? [];
      if (!list.includes(territory)) list.push(territory);
      map.set(key, list);
    }
    byKey = map;
    alternativesByIndex.set(index, byKey);
  }
  return byKey;
}

/**
 * Places matching what a person typed, best first: exact name (or a Russian or historical name: "Двинск"), then the
 * same word stems, then names that start or contain it.
 */
export function matchTerritories(index: FinderIndex, typedName: string, limit = 30): FinderTerritory[] {
  const alternatives = alternativeNames(index).get(placeKey(typedName)) ?? [];
  const ranked = rankTerritories(index, latinizePlaceName(typedName), limit);
  return [...alternatives, ...ranked.filter((territory) => !alternatives.includes(territory))].slice(0, limit);
}

/** matchTerritories for a name already in Latin letters. */
function rankTerritories(index: FinderIndex, typed: string, limit: number): FinderTerritory[] {
  const folded = foldText(typed);
  if (folded === '') return [];
  const stemKey = tokenizeForSearch(typed, 'lv').join(' ');
  const rank = (territory: FinderTerritory): number => {
    if (territory.foldedName === folded) return 0;
    if (stemKey !== '' && territory.stemKey === stemKey) return 1;
    if (territory.foldedName.startsWith(folded) || (stemKey !== '' && territory.stemKey.startsWith(stemKey))) return 2;
    if (territory.foldedName.includes(folded)) return 3;
    return 4;
  };
  const matches: { territory: FinderTerritory; rank: number }[] = [];
  for (const territory of index.territories.values()) {
    if (!territory.isCurrent) continue;
    const territoryRank = rank(territory);
    if (territoryRank < 4) matches.push({ territory, rank: territoryRank });
  }
  matches.sort(
    (a, b) =>
      a.rank - b.rank || a.territory.level - b.territory.level || compareLatvian(a.territory.name, b.territory.name),
  );
  return matches.slice(0, limit).map((match) => match.territory);
}

/**
 * The one place a typed name means, when it is clear: the only exact (or same-stem) match, the only Russian or
 * historical name that fits, or the only match at all. Undefined when several places fit equally well.
 */
export function resolveTerritory(index: FinderIndex, typedName: string): FinderTerritory | undefined {
  const typed = latinizePlaceName(typedName);
  const matches = rankTerritories(index, typed, 50);
  const folded = foldText(typed);
  const exact = matches.filter((territory) => territory.foldedName === folded);
  if (exact.length === 1) return exact[0];
  const alternatives = alternativeNames(index).get(placeKey(typedName)) ?? [];
  if (exact.length === 0 && alternatives.length === 1) return alternatives[0];
  if (matches.length === 1) return matches[0];
  const stemKey = tokenizeForSearch(typed, 'lv').join(' ');
  const sameStems = matches.filter((territory) => territory.stemKey === stemKey);
  return exact.length === 0 && sameStems.length === 1 ? sameStems[0] : undefined;
}

/** How many letters may be wrong in a typed name of this length: none in very short names, then one, then two. */
function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

/**
 * "Did you mean …?" for a place name that matches nothing: the places whose name (or Russian or historical name) is
 * the fewest letter edits away ("Daugavpls" → Daugavpils, "Resekne" → Rēzekne), best first, at most `limit`.
 */
export function suggestTerritories(index: FinderIndex, typedName: string, limit = 5): FinderTerritory[] {
  const typed = placeKey(typedName);
  const allowed = allowedEdits(typed.length);
  if (allowed === 0) return [];
  const best = new Map<FinderTerritory, number>();
  const consider = (territory: FinderTerritory, key: string) => {
    if (!territory.isCurrent) return;
    const distance = editDistance(typed, key, allowed);
    if (distance <= allowed && distance < (best.get(territory) ?? Infinity)) best.set(territory, distance);
  };
  for (const territory of index.territories.values()) consider(territory, territory.foldedName);
  for (const [key, territories] of alternativeNames(index))
    for (const territory of territories) consider(territory, key);
  return [...best]
    .sort(
      ([a, distanceA], [b, distanceB]) => distanceA - distanceB || a.level - b.level || compareLatvian(a.name, b.name),
    )
    .slice(0, limit)
    .map(([territory]) => territory);
}

/** Today's municipalities (state cities and novadi) in Latvian order, for select lists. */
export function listFinderMunicipalities(index: FinderIndex): FinderTerritory[] {
  return index.municipalities.filter((territory) => territory.isCurrent).sort((a, b) => compareLatvian(a.name, b.name));
}

/**
 * Among places in the same municipality, those open to anyone before those for one sex only: the plan does not
 * ask a person's sex (the finder only if they want to say), and most people leaving prison are men, so a women's
 * crisis centre should not be the first bed offered when the night shelter next door takes everyone. Nearest
 * first still rules across municipalities; the one-sex places stay on the list, labelled.
 */
export function openToAnyoneFirst(hits: readonly FinderHit[]): FinderHit[] {
  const ordered: FinderHit[] = [];
  // Hits come grouped by municipality (nearest first); within each group, a stable split.
  for (let start = 0, end = 0; start < hits.length; start = end) {
    while (end < hits.length && hits[end]!.municipality?.code === hits[start]!.municipality?.code) end++;
    const group = hits.slice(start, end);
    ordered.push(
      ...group.filter((hit) => hit.service.eligibility.sex === 'any'),
      ...group.filter((hit) => hit.service.eligibility.sex !== 'any'),
    );
  }
  return ordered;
}

/** The municipal social service a person in a territory can call: its name, page, numbers and after-hours numbers. */
export type SocialServiceContact = {
  organizationId: string | null;
  organizationName: string;
  phones: string[];
  afterHoursPhones: string[];
};

/**
 * The social service of the municipality a territory lies in, from the registry: the first listing of an institution
 * of type municipal_social_service placed in that municipality that has a phone number. Undefined when the registry
 * has none, so the page can say to choose a place or call 112.
 */
export function findSocialServiceFor(index: FinderIndex, territoryCode: string): SocialServiceContact | undefined {
  const territory = index.territories.get(territoryCode);
  const bucket = territory === undefined ? undefined : index.municipalityBucket.get(territory.municipalityCode);
  if (bucket === undefined) return undefined;
  const byOrganization = new Map<string, SocialServiceContact>();
  for (let listing = index.bucketStart[bucket]!; listing < index.bucketStart[bucket + 1]!; listing++) {
    const { service, phones, afterHoursPhones } = index.listings[listing]!;
    if (service.organizationType !== 'municipal_social_service' || phones.length === 0) continue;
    const key = service.organizationId ?? service.organizationName;
    const contact = byOrganization.get(key) ?? {
      organizationId: service.organizationId,
      organizationName: service.organizationName,
      phones: [],
      afterHoursPhones: [],
    };
    for (const number of phones) if (!contact.phones.includes(number)) contact.phones.push(number);
    for (const number of afterHoursPhones)
      if (!contact.afterHoursPhones.includes(number)) contact.afterHoursPhones.push(number);
    byOrganization.set(key, contact);
  }
  // Where a city has several offices, the one with an after-hours number helps most at night; then the first.
  const contacts = [...byOrganization.values()];
  return contacts.find((contact) => contact.afterHoursPhones.length > 0) ?? contacts[0];
}
