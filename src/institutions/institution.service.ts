// Public institution pages: one organization of the registry as a person sees it — what each service offers,
// who may come, when it is open, what to bring, where it is — read through the registry's own service.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import type { InstitutionWithServices, Location, Service } from '../registry/institution.model.js';
import { getInstitutionWithServices } from '../registry/institution-read.service.js';
import { listMunicipalities, type Territory } from '../territories/territory.service.js';
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

export type PublicInstitution = {
  institution: InstitutionWithServices;
  services: PublicService[];
  municipalities: InstitutionMunicipality[];
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
  return { institution, services, municipalities };
}
