// The personal release plan: the finder's search, asked step by step in the order a person meets their needs
// after the prison gate — the first night, the first day, the first weeks. Nothing here writes: the plan is
// computed from the request and the registry and thrown away; what the person typed is never stored.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { addDays, weekdayOf } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { HelpTypeCode } from '../registry/help-types.js';
import type { Entitlement } from '../registry/entitlement.js';
import { getInstitution, searchInstitutions } from '../registry/institution-read.service.js';
import type { WeeklyHours } from '../finder/finder-hours.js';
import type { FinderService } from '../finder/finder-index.js';
import {
  findServices,
  loadFinderIndex,
  openToAnyoneFirst,
  type FinderHit,
  type FinderIndex,
  type FinderTerritory,
  type IneligibilityReason,
} from '../finder/finder.service.js';

/** The three stages of the plan, most urgent first. */
export const planStages = ['night', 'day', 'weeks'] as const;
export type PlanStageName = (typeof planStages)[number];

/** The steps a plan can have; social_service and one_off_benefit are in every plan, the others follow the needs. */
export type PlanStepKind = HelpTypeCode | 'social_service' | 'one_off_benefit';

/**
 * Steps in order of urgency. A bed for tonight first; then papers and the municipality's social service (the
 * door to money, food and housing, and to the one-off benefit after release, which many municipalities pay only
 * if asked for within the first month); then the longer road: work, treatment, housing, counselling, law.
 */
export const planStepOrder: ReadonlyArray<{ kind: PlanStepKind; stage: PlanStageName; need: HelpTypeCode | null }> = [
  { kind: 'shelter', stage: 'night', need: 'shelter' },
  { kind: 'documents', stage: 'day', need: 'documents' },
  { kind: 'social_service', stage: 'day', need: null },
  { kind: 'one_off_benefit', stage: 'day', need: null },
  { kind: 'material', stage: 'day', need: 'material' },
  { kind: 'employment', stage: 'weeks', need: 'employment' },
  { kind: 'drugs', stage: 'weeks', need: 'drugs' },
  { kind: 'alcohol', stage: 'weeks', need: 'alcohol' },
  { kind: 'housing', stage: 'weeks', need: 'housing' },
  { kind: 'psychological', stage: 'weeks', need: 'psychological' },
  { kind: 'legal', stage: 'weeks', need: 'legal' },
  { kind: 'programme', stage: 'weeks', need: 'programme' },
  { kind: 'other', stage: 'weeks', need: 'other' },
];

/** One place in a plan: where to go, how to call, when it is open, what to bring — and, if it is not for them, why. */
export type PlanPlace = {
  serviceId: string | null;
  serviceName: string | null;
  organizationId: string | null;
  organizationName: string;
  /** The finder's record of the service, whose Russian and English texts plan.document.ts picks from. */
  service?: FinderService | null;
  isDemo: boolean;
  address: string | null;
  territoryName: string | null;
  distanceKilometres: number | null;
  phones: string[];
  hours: WeeklyHours;
  documents: string[];
  /** Who else the place is limited to: said beside the place when the person did not give their sex or age. */
  onlyFor: { sex: 'any' | 'female' | 'male'; minimumAge: number | null; maximumAge: number | null };
  reasons: IneligibilityReason[];
  /** The person's right to it, when the registry names one: "this is your right under …". */
  entitlement: Entitlement | null;
};

export type PlanStep = {
  kind: PlanStepKind;
  stage: PlanStageName;
  /** The help type searched for this step (null for the social service steps). */
  need: HelpTypeCode | null;
  /** Places the person may use, nearest first. */
  places: PlanPlace[];
  /** Eligible places beyond those shown (the finder lists them all). */
  morePlaces: number;
  /** Places near by that will most likely turn the person away, each with its reasons. */
  notForYou: PlanPlace[];
  /** For the social service steps: the municipality whose social service it is. */
  municipality: FinderTerritory | null;
  /** True when the person left out every place this step offered (the review step). */
  chosenOut?: boolean;
};

export type PlanStage = { name: PlanStageName; steps: PlanStep[] };

export type Plan = {
  destination: FinderTerritory;
  residence: FinderTerritory | null;
  needs: HelpTypeCode[];
  /** What the person said of themselves (null: not said); the places were chosen by it. */
  sex: 'female' | 'male' | null;
  age: number | null;
  stages: PlanStage[];
  includesDemoData: boolean;
};

export type PlanRequest = {
  territoryCode: string;
  residenceCode: string | null;
  needs: readonly HelpTypeCode[];
  /** Given only if the person wants to: places for the other sex, or outside the age limits, are left out. */
  sex?: 'female' | 'male' | undefined;
  age?: number | undefined;
};

/** The key a person chooses a place by on the review step: its service, or its institution when it has none. */
export function planPlaceKey(place: PlanPlace): string | null {
  return place.serviceId ?? place.organizationId;
}

/**
 * The plan with only the places the person chose on the review step; the steps stay (what to do and bring still
 * holds), a step with none chosen says so. The closed doors stay too: they warn, they are not offered.
 */
export function keepChosenPlaces(plan: Plan, chosenKeys: ReadonlySet<string>): Plan {
  const stages = plan.stages.map((stage) => ({
    ...stage,
    steps: stage.steps.map((step) => {
      const places = step.places.filter((place) => {
        const key = planPlaceKey(place);
        return key !== null && chosenKeys.has(key);
      });
      return { ...step, places, chosenOut: step.places.length > 0 && places.length === 0 };
    }),
  }));
  const includesDemoData = stages.some((stage) =>
    stage.steps.some((step) => [...step.places, ...step.notForYou].some((place) => place.isDemo)),
  );
  return { ...plan, stages, includesDemoData };
}

/** Whether a place's own limits let in a person of this sex and age (unknown sex or age lets in). */
function admitsPerson(place: PlanPlace, request: PlanRequest): boolean {
  if (request.sex !== undefined && place.onlyFor.sex !== 'any' && place.onlyFor.sex !== request.sex) return false;
  if (request.age !== undefined) {
    if (place.onlyFor.minimumAge !== null && request.age < place.onlyFor.minimumAge) return false;
    if (place.onlyFor.maximumAge !== null && request.age > place.onlyFor.maximumAge) return false;
  }
  return true;
}

const noHours: WeeklyHours = { intervals: [], notes: [] };

/**
 * Makes the plan for a place, a last declared residence (optional) and needs: one step per need, each with
 * the nearest places the person may use and, apart, those that will likely turn them away and why.
 */
export async function makePlan(
  db: Kysely<Database>,
  request: PlanRequest,
  options: { placesPerStep?: number; closedDoorsPerStep?: number } = {},
): Promise<Plan> {
  // Two places a step (three for a bed tonight: if one is full, call the next) keep a plan of eight needs on two
  // A4 pages; the finder, linked from each step, lists the rest.
  const placesPerStep = options.placesPerStep ?? 2;
  const closedDoorsPerStep = options.closedDoorsPerStep ?? 2;
  const index = await loadFinderIndex(db);
  const destination = index.territories.get(request.territoryCode);
  if (!destination || !destination.isCurrent)
    throw new AppError(
      'invalid_input',
      'finder.error.territory_unknown',
      [
        {
          path: 'territory',
          messageKey: 'finder.error.territory_unknown',
          parameters: { value: request.territoryCode },
        },
      ],
      { value: request.territoryCode },
    );
  const residence = request.residenceCode === null ? null : (index.territories.get(request.residenceCode) ?? null);
  if (request.residenceCode !== null && !residence)
    throw new AppError(
      'invalid_input',
      'finder.error.residence_unknown',
      [
        {
          path: 'residence',
          messageKey: 'finder.error.residence_unknown',
          parameters: { value: request.residenceCode },
        },
      ],
      { value: request.residenceCode },
    );

  // The social service that owes the person help is the one of their last declared residence; without it, the
  // one where they will be is the best door to knock on.
  const socialServiceMunicipality = index.territories.get((residence ?? destination).municipalityCode) ?? destination;
  const socialServicePlaces = (await findSocialServicePlaces(db, index, socialServiceMunicipality)).filter((place) =>
    admitsPerson(place, request),
  );

  const steps: PlanStep[] = [];
  // A closed door is named once, at the first step that would send the person there; later steps skip it.
  const namedClosedDoors = new Set<string>();
  const firstMention = (hit: FinderHit) => {
    const key = hit.service.organizationId ?? hit.service.id;
    if (namedClosedDoors.has(key)) return false;
    namedClosedDoors.add(key);
    return true;
  };
  for (const { kind, stage, need } of planStepOrder) {
    if (need !== null) {
      if (!request.needs.includes(need)) continue;
      // With nearly every need ticked, the later weeks get one place each, so the plan still fits two pages.
      const wanted =
        need === 'shelter'
          ? placesPerStep + 1
          : stage === 'weeks' && request.needs.length > 8
            ? Math.min(1, placesPerStep)
            : placesPerStep;
      const result = findServices(index, {
        needs: [need],
        territoryCode: destination.code,
        residenceCode: residence?.code,
        sex: request.sex,
        age: request.age,
        limit: Math.max(wanted * 3, closedDoorsPerStep),
        offset: 0,
      });
      const places = openToAnyoneFirst(result.eligible).slice(0, wanted);
      steps.push({
        kind,
        stage,
        need,
        places: places.map(toPlanPlace),
        morePlaces: Math.max(0, result.totalEligible - places.length),
        // A place closed to him by sex or age is left out, not named: he asked, the answer is plain.
        notForYou: closedDoorsNear(places, result.notEligible)
          .filter((hit) => hit.reasons.every((reason) => reason.kind === 'residency'))
          .filter(firstMention)
          .slice(0, closedDoorsPerStep)
          .map(toPlanPlace),
        municipality: null,
      });
    } else {
      steps.push({
        kind,
        stage,
        need: null,
        // The benefit is asked for at the same social service: the step refers back instead of repeating it.
        places: kind === 'social_service' ? socialServicePlaces.slice(0, placesPerStep) : [],
        morePlaces: 0,
        notForYou: [],
        municipality: socialServiceMunicipality,
      });
    }
  }

  const stages = planStages
    .map((name) => ({ name, steps: steps.filter((step) => step.stage === name) }))
    .filter((stage) => stage.steps.length > 0);
  const includesDemoData = steps.some((step) => [...step.places, ...step.notForYou].some((place) => place.isDemo));
  return {
    destination,
    residence,
    needs: [...request.needs],
    sex: request.sex ?? null,
    age: request.age ?? null,
    stages,
    includesDemoData,
  };
}

/**
 * The closed doors worth naming: those no farther than the places offered (a person might walk into them on the
 * way), or simply the nearest when nothing eligible was found. A residents-only shelter 300 km away is no news.
 */
function closedDoorsNear(offered: FinderHit[], closed: FinderHit[]): FinderHit[] {
  if (offered.length === 0) return closed;
  const distances = offered.map((hit) => hit.distanceKilometres);
  if (distances.some((distance) => distance === null)) return closed;
  const farthest = Math.max(...(distances as number[]));
  return closed.filter((hit) => hit.distanceKilometres === null || hit.distanceKilometres <= farthest);
}

function toPlanPlace(hit: FinderHit): PlanPlace {
  return {
    serviceId: hit.service.id,
    serviceName: hit.service.name,
    organizationId: hit.service.organizationId,
    organizationName: hit.service.organizationName,
    service: hit.service,
    isDemo: hit.service.isDemo,
    address: hit.listing.address,
    territoryName: hit.territory?.name ?? null,
    distanceKilometres: hit.distanceKilometres,
    phones: hit.listing.phones,
    hours: hit.listing.hours,
    documents: hit.service.documents,
    onlyFor: {
      sex: hit.service.eligibility.sex,
      minimumAge: hit.service.eligibility.minimumAge,
      maximumAge: hit.service.eligibility.maximumAge,
    },
    reasons: hit.reasons,
    entitlement: hit.service.entitlement,
  };
}

/**
 * The municipal social service(s) of a municipality, as places: the registry names them by institution type,
 * the finder's index knows their addresses and hours. A service that gives money or food is the one to name
 * (that is the social service's own desk); an institution with no active service is still shown by its address.
 */
async function findSocialServicePlaces(
  db: Kysely<Database>,
  index: FinderIndex,
  municipality: FinderTerritory,
): Promise<PlanPlace[]> {
  const institutions = await searchInstitutions(db, {
    type: 'municipal_social_service',
    territoryCode: municipality.code,
    perPage: 10,
  });
  const listingsByInstitution = new Map<string, FinderIndex['listings'][number][]>(
    institutions.items.map((institution) => [institution.id, []]),
  );
  for (const listing of index.listings) {
    const organizationId = listing.service.organizationId;
    if (organizationId !== null) listingsByInstitution.get(organizationId)?.push(listing);
  }
  const places: PlanPlace[] = [];
  for (const institution of institutions.items) {
    const listings = listingsByInstitution.get(institution.id) ?? [];
    const inMunicipality = listings.filter(
      (listing) =>
        listing.territoryCode !== null &&
        index.territories.get(listing.territoryCode)?.municipalityCode === municipality.code,
    );
    const candidates = inMunicipality.length > 0 ? inMunicipality : listings;
    const listing = candidates.find((candidate) => candidate.service.helpTypes.includes('material')) ?? candidates[0];
    if (listing) {
      places.push({
        serviceId: listing.service.id,
        serviceName: listing.service.name,
        organizationId: institution.id,
        organizationName: institution.name,
        service: listing.service,
        isDemo: institution.isDemo,
        address: listing.address,
        territoryName: listing.territoryCode ? (index.territories.get(listing.territoryCode)?.name ?? null) : null,
        distanceKilometres: null,
        phones: listing.phones,
        hours: listing.hours,
        documents: listing.service.documents,
        onlyFor: {
          sex: listing.service.eligibility.sex,
          minimumAge: listing.service.eligibility.minimumAge,
          maximumAge: listing.service.eligibility.maximumAge,
        },
        reasons: [],
        entitlement: listing.service.entitlement,
      });
      continue;
    }
    const details = await getInstitution(db, institution.id);
    const location =
      details.locations.find((candidate) => candidate.municipalityCode === municipality.code) ?? details.locations[0];
    const address = location?.address;
    places.push({
      serviceId: null,
      serviceName: null,
      organizationId: institution.id,
      organizationName: institution.name,
      isDemo: institution.isDemo,
      address: address
        ? [address.address1, address.address2, address.city, address.postalCode].filter(Boolean).join(', ')
        : null,
      territoryName: location?.territoryName ?? null,
      distanceKilometres: null,
      phones: [...(location?.phones ?? []), ...details.phones].map((phone) => phone.number),
      hours: noHours,
      documents: [],
      onlyFor: { sex: 'any', minimumAge: null, maximumAge: null },
      reasons: [],
      entitlement: null,
    });
  }
  return places;
}

/**
 * The first day on or after `from` (a YYYY-MM-DD date) on which a place with these hours opens, as YYYY-MM-DD;
 * null when the hours are unknown. Used to warn that a door is shut on the release day (a Friday release meets
 * a social service closed until Monday).
 */
export function firstOpenDay(hours: WeeklyHours, from: string): string | null {
  if (hours.intervals.length === 0) return null;
  for (let offset = 0; offset < 7; offset++) {
    const day = addDays(from, offset);
    const weekday = weekdayOf(day);
    if (hours.intervals.some((interval) => interval.day === weekday)) return day;
  }
  return null;
}
