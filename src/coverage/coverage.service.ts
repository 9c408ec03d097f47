// The coverage map for planners: in which municipalities each kind of help can be had, and where it cannot
// ("white spots"). The rule, stated once here and on the page:
//   an active service counts for a municipality when
//     (a) it has a location in that municipality (in the municipality itself or one of its towns or parishes), or
//     (b) one of its service areas names that municipality or a town or parish in it, or
//     (c) it is statewide (is_statewide) and has neither: a phone line or a service by post reaches everyone.
// A statewide service with places counts where its places are: a person sleeps, or queues for a passport, in a
// building, and a shelter that takes people from all of Latvia is still 200 km away from most of them.
// Residency rules do not remove a service from the municipality it stands in: the map shows where help exists,
// the finder and the plan decide who may use it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { helpTypeCodes, type HelpTypeCode } from '../registry/help-types.js';
import { compareLatvian, listTerritories } from '../territories/territory.service.js';
import { selectCoverageRevision, selectCoverageSourceRows, type CoverageSourceRows } from './coverage.repository.js';

/** What one municipality has: services per help type, how many of the eleven help types, which are missing. */
export type MunicipalityCoverage = {
  code: string;
  isoCode: string | null;
  name: string;
  servicesByHelpType: Record<HelpTypeCode, number>;
  helpTypesAvailable: number;
  missingHelpTypes: HelpTypeCode[];
};

/** The whole map's data, as of one registry revision. */
export type Coverage = {
  revision: number;
  municipalities: MunicipalityCoverage[];
  serviceCount: number;
  includesDemoData: boolean;
};

// Municipalities that no longer exist, and the one that took them over (ATVK codes). Varakļānu novads joined
// Madonas novads on 1 July 2025; a location still coded to the old novads counts for Madona.
const municipalitySuccessors: Readonly<Record<string, string>> = { '0055000': '0038001' };

const cacheByDatabase = new WeakMap<Kysely<Database>, Coverage>();

/**
 * Counts, for every municipality, the active services of each help type available there (rule above). The
 * result is kept per database and recomputed only when the registry revision changes.
 */
export async function computeCoverage(db: Kysely<Database>): Promise<Coverage> {
  const cached = cacheByDatabase.get(db);
  if (cached && cached.revision === (await selectCoverageRevision(db))) return cached;
  const coverage = await buildCoverage(db, await selectCoverageSourceRows(db));
  cacheByDatabase.set(db, coverage);
  return coverage;
}

async function buildCoverage(db: Kysely<Database>, rows: CoverageSourceRows): Promise<Coverage> {
  const territories = await listTerritories(db, { includeHistorical: true });
  const municipalities = territories.filter((territory) => territory.level === 1 && territory.isCurrent);
  const municipalityOf = new Map<string, string>();
  for (const territory of territories) {
    const own = territory.level === 1 ? territory.code : (territory.parentCode ?? territory.code);
    municipalityOf.set(territory.code, municipalitySuccessors[own] ?? own);
  }

  const helpTypesOfService = new Map<string, Set<HelpTypeCode>>();
  for (const term of rows.terms) {
    // A finer term ("shelter.night_shelter") counts for its help type; so does the help type's own term.
    const code = [term.code, term.parent_code].find(isHelpTypeCode);
    if (!code) continue;
    let set = helpTypesOfService.get(term.service_id);
    if (!set) helpTypesOfService.set(term.service_id, (set = new Set()));
    set.add(code);
  }
  const municipalitiesOfService = new Map<string, Set<string>>();
  for (const link of [...rows.locationTerritories, ...rows.areaTerritories]) {
    const municipality = municipalityOf.get(link.territory_code);
    if (!municipality) continue;
    let set = municipalitiesOfService.get(link.service_id);
    if (!set) municipalitiesOfService.set(link.service_id, (set = new Set()));
    set.add(municipality);
  }

  const counts = new Map<string, Record<HelpTypeCode, number>>(
    municipalities.map((municipality) => [municipality.code, emptyCounts()]),
  );
  let serviceCount = 0;
  let includesDemoData = false;
  for (const service of rows.services) {
    const helpTypes = helpTypesOfService.get(service.id);
    if (!helpTypes) continue; // a service with no help type cannot fill any cell of the map
    serviceCount++;
    includesDemoData ||= service.is_demo;
    const places = municipalitiesOfService.get(service.id);
    const where = places ? places.values() : service.is_statewide ? counts.keys() : [].values();
    for (const municipality of where) {
      const cell = counts.get(municipality);
      if (!cell) continue;
      for (const helpType of helpTypes) cell[helpType]++;
    }
  }

  return {
    revision: rows.revision,
    serviceCount,
    includesDemoData,
    municipalities: municipalities
      .map((municipality) => {
        const servicesByHelpType = counts.get(municipality.code) ?? emptyCounts();
        const missingHelpTypes = helpTypeCodes.filter((code) => servicesByHelpType[code] === 0);
        return {
          code: municipality.code,
          isoCode: municipality.isoCode,
          name: municipality.name,
          servicesByHelpType,
          helpTypesAvailable: helpTypeCodes.length - missingHelpTypes.length,
          missingHelpTypes,
        };
      })
      .sort((a, b) => compareLatvian(a.name, b.name)),
  };
}

function emptyCounts(): Record<HelpTypeCode, number> {
  return Object.fromEntries(helpTypeCodes.map((code) => [code, 0])) as Record<HelpTypeCode, number>;
}

function isHelpTypeCode(value: string | null | undefined): value is HelpTypeCode {
  return typeof value === 'string' && (helpTypeCodes as readonly string[]).includes(value);
}

/** The municipalities where a help type cannot be had at all, in Latvian order: the white spots. */
export function findWhiteSpots(coverage: Coverage, helpType: HelpTypeCode): MunicipalityCoverage[] {
  return coverage.municipalities.filter((municipality) => municipality.servicesByHelpType[helpType] === 0);
}

/** The count a map colours a municipality by: help types available, or services of one help type. */
export function coverageValue(municipality: MunicipalityCoverage, helpType: HelpTypeCode | null): number {
  return helpType ? municipality.servicesByHelpType[helpType] : municipality.helpTypesAvailable;
}
