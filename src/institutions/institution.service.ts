// Public institution pages: one organization of the registry as a person sees it — what each service offers,
// who may come, when it is open, what to bring, where it is — read through the registry's own service.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import type { InstitutionWithServices, Location, Service } from '../registry/institution.model.js';
import { getInstitutionWithServices } from '../registry/institution-read.service.js';
import {
  distanceInKilometres,
  findTerritory,
  listMunicipalities,
  type Territory,
} from '../territories/territory.service.js';
import { latvianWeekTime } from '../core/dates.js';
import { isOpenAt, toWeeklyHours, type WeeklyHours } from '../finder/finder-hours.js';

/** A service as the public page shows it: the registry's service, its week as intervals, open now, its places. */
export type PublicService = Service & { weeklyHours: WeeklyHours; openNow: boolean | null; places: Location[] };

/** A municipality the institution has a place in, for the locator map. */
export type InstitutionMunicipality = {
  code: string;
  name: string;
  isoCode: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** The place a person searched from (the finder's `?from=`), and how far each of the institution's places is. */
export type SearchedPlace = { code: string; name: string; distanceByLocation: ReadonlyMap<string, number> };

export type PublicInstitution = {
  institution: InstitutionWithServices;
  services: PublicService[];
  municipalities: InstitutionMunicipality[];
  /** Null when the page was not opened from a search with a place (or the code names no territory). */
  searchedPlace: SearchedPlace | null;
};

// Territories are reference data that never change while the app runs: read the municipalities once per database.
const municipalitiesByDatabase = new WeakMap<Kysely<Database>, Promise<Territory[]>>();
function cachedMunicipalities(db: Kysely<Database>): Promise<Territory[]> {
  let municipalities = municipalitiesByDatabase.get(db);
  if (!municipalities) {
    municipalities = listMunicipalities(db);
    municipalities.catch(() => municipalitiesByDatabase.delete(db));
    municipalitiesByDatabase.set(db, municipalities);
  }
  return municipalities;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Inactive and defunct services stay in the registry for the record, but nobody should be sent to them.
const publicStatuses: ReadonlySet<Service['status']> = new Set(['active', 'temporarily closed']);

/** One institution for its public page; throws not_found for an unknown (or malformed) id. */
export async function getPublicInstitution(
  db: Kysely<Database>,
  id: string,
  language: Language,
  now: Date = new Date(),
  fromCode?: string,
): Promise<PublicInstitution> {
  if (!uuidPattern.test(id)) throw new AppError('not_found', 'error.not_found');
  const institution = await getInstitutionWithServices(db, id, language);
  const weekTime = latvianWeekTime(now);
  const services = institution.services
    .filter((service) => publicStatuses.has(service.status))
    .map((service) => {
      const weeklyHours = toWeeklyHours(
        service.openingHours.map((hours) => ({
          freq: 'WEEKLY',
          byday: hours.days.join(','),
          opens_at: hours.opensAt,
          closes_at: hours.closesAt,
          description: hours.description,
        })),
      );
      return {
        ...service,
        weeklyHours,
        openNow: service.status === 'active' ? isOpenAt(weeklyHours, weekTime) : false,
        places: institution.locations.filter((location) => service.locationIds.includes(location.id)),
      };
    });
  const codes = new Set(
    institution.locations.map((location) => location.municipalityCode).filter((code): code is string => code !== null),
  );
  const municipalities = (await cachedMunicipalities(db))
    .filter((municipality) => codes.has(municipality.code))
    .map((municipality) => ({
      code: municipality.code,
      name: municipality.name,
      isoCode: municipality.isoCode,
      latitude: municipality.latitude,
      longitude: municipality.longitude,
    }));
  const searchedPlace = fromCode ? await measureFrom(db, fromCode, institution.locations) : null;
  return { institution, services, municipalities, searchedPlace };
}

/**
 * How far each place is from the place searched: from the centre of the searched municipality to the place's own
 * coordinates, or to its municipality's centre when the registry has none. Null for a code that names no territory.
 */
async function measureFrom(
  db: Kysely<Database>,
  fromCode: string,
  locations: readonly Location[],
): Promise<SearchedPlace | null> {
  const from = /^\d{7}$/.test(fromCode) ? await findTerritory(db, fromCode) : undefined;
  if (!from) return null;
  const all = await cachedMunicipalities(db);
  const centreOf = (code: string | null) => {
    const municipality = all.find((candidate) => candidate.code === code);
    return municipality?.latitude != null && municipality.longitude != null
      ? { latitude: municipality.latitude, longitude: municipality.longitude }
      : null;
  };
  const origin = centreOf(from.municipalityCode);
  const distanceByLocation = new Map<string, number>();
  if (origin) {
    for (const location of locations) {
      const point =
        location.latitude !== null && location.longitude !== null
          ? { latitude: location.latitude, longitude: location.longitude }
          : centreOf(location.municipalityCode);
      if (point) distanceByLocation.set(location.id, distanceInKilometres(origin, point));
    }
  }
  return { code: from.code, name: from.name, distanceByLocation };
}
