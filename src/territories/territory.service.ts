import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { foldText } from '../text/fold.js';
import {
  countTerritories,
  insertRegions2004,
  insertTerritories,
  selectAllRegions2004,
  selectAllTerritories,
  selectTerritoriesBySearchName,
  selectTerritoryByCode,
  type Region2004Row,
  type TerritoryRow,
} from './territory.repository.js';
import type { Region2004Table, TerritoryKind, TerritoryTable } from './territory.table.js';

export type Territory = {
  code: string;
  name: string;
  nameEnglish: string | null;
  kind: TerritoryKind;
  level: 1 | 2;
  parentCode: string | null;
  municipalityCode: string;
  isoCode: string | null;
  centreName: string | null;
  latitude: number | null;
  longitude: number | null;
  isCurrent: boolean;
};

export type Region2004 = { code: string; name: string; nameEnglish: string; kind: string; successorNames: string[] };

const dataDirectory = join(dirname(fileURLToPath(import.meta.url)), 'data');
const latvianCollator = new Intl.Collator('lv');

/** Sorts anything with a Latvian name in Latvian alphabetical order (č after c, š after s …). */
export function compareLatvian(a: string, b: string): number {
  return latvianCollator.compare(a, b);
}

/** Loads the ATVK 2021 territories and the 2004 regions into an empty database; does nothing if already loaded. */
export async function loadTerritoryReferenceData(db: Kysely<Database>): Promise<boolean> {
  if ((await countTerritories(db)) > 0) return false;
  await insertTerritories(db, readTerritoryFiles());
  await insertRegions2004(db, readRegion2004File());
  return true;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(dataDirectory, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
}

/** '01.07.2021' → '2021-07-01'; the classifier writes dates the Latvian way. */
function parseLatvianDate(text: string | undefined): string | null {
  const match = /(\d{2})\.(\d{2})\.(\d{4})/.exec(text ?? '');
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}

function readTerritoryFiles(): Insertable<TerritoryTable>[] {
  const municipalities = readCsv('lv_municipalities_2021.csv').map((row): Insertable<TerritoryTable> => {
    // Varakļānu novads: the classifier ends it in 2024, but its council worked until 30.06.2025; the later date is
    // the one people lived by.
    const administrativeEnd = /administratively until (\d{2}\.\d{2}\.\d{4})/.exec(row.valid_to ?? '')?.[1];
    return {
      code: row.atvk!,
      name_lv: row.name_lv!,
      name_en: row.name_en || null,
      kind: row.kind === 'valstspilsēta' ? 'state_city' : 'municipality',
      level: 1,
      parent_code: null,
      iso_code: row.iso_3166_2 || null,
      centre_name: row.admin_centre || null,
      centre_latitude: row.centre_lat ? Number(row.centre_lat) : null,
      centre_longitude: row.centre_lon ? Number(row.centre_lon) : null,
      planning_region: row.planning_region || null,
      valid_from: parseLatvianDate(row.valid_from),
      valid_to: parseLatvianDate(administrativeEnd ?? row.valid_to),
      search_name: foldText(row.name_lv!),
    };
  });
  const units = readCsv('lv_territorial_units_2021.csv').map((row): Insertable<TerritoryTable> => ({
    code: row.atvk!,
    name_lv: row.name_lv!,
    name_en: null,
    kind: row.kind === 'pagasts' ? 'parish' : row.kind === 'valstspilsēta' ? 'state_city' : 'town',
    level: 2,
    parent_code: row.municipality_atvk!,
    iso_code: null,
    centre_name: null,
    centre_latitude: null,
    centre_longitude: null,
    planning_region: null,
    valid_from: parseLatvianDate(row.valid_from),
    valid_to: null,
    search_name: foldText(row.name_lv!),
  }));
  return [...municipalities, ...units];
}

function readRegion2004File(): Insertable<Region2004Table>[] {
  return readCsv('lv_rajoni_2004.csv').map((row) => ({
    code: row.atvk_pre2009!,
    name_lv: row.name_lv!,
    name_en: row.name_en!,
    kind: row.kind!,
    centre_name: row.centre || null,
    centre_latitude: row.centre_lat ? Number(row.centre_lat) : null,
    centre_longitude: row.centre_lon ? Number(row.centre_lon) : null,
    successor_names: row.main_2021_successors_APPROXIMATE ?? '',
    search_name: foldText(row.name_lv!),
  }));
}

function toTerritory(row: TerritoryRow): Territory {
  return {
    code: row.code,
    name: row.name_lv,
    nameEnglish: row.name_en,
    kind: row.kind,
    level: row.level === 1 ? 1 : 2,
    parentCode: row.parent_code,
    municipalityCode: row.parent_code ?? row.code,
    isoCode: row.iso_code,
    centreName: row.centre_name,
    latitude: row.centre_latitude,
    longitude: row.centre_longitude,
    isCurrent: row.valid_to === null,
  };
}

function toRegion2004(row: Region2004Row): Region2004 {
  return {
    code: row.code,
    name: row.name_lv,
    nameEnglish: row.name_en,
    kind: row.kind,
    successorNames: row.successor_names
      .split(/[;,]/)
      .map((name) => name.trim())
      .filter(Boolean),
  };
}

/** All territories in Latvian order; historical ones (Varakļānu novads) only when asked for. */
export async function listTerritories(
  db: Kysely<Database>,
  options: { includeHistorical?: boolean } = {},
): Promise<Territory[]> {
  const territories = (await selectAllTerritories(db)).map(toTerritory);
  return territories
    .filter((territory) => options.includeHistorical || territory.isCurrent)
    .sort((a, b) => compareLatvian(a.name, b.name));
}

/** Today's 42 municipalities (7 state cities and 35 novadi) in Latvian order. */
export async function listMunicipalities(db: Kysely<Database>): Promise<Territory[]> {
  return (await listTerritories(db)).filter((territory) => territory.level === 1);
}

/** One territory by its 7-digit ATVK code, or undefined. */
export async function findTerritory(db: Kysely<Database>, code: string): Promise<Territory | undefined> {
  const row = await selectTerritoryByCode(db, code);
  return row ? toTerritory(row) : undefined;
}

/**
 * Finds territories by name, ignoring case and diacritics ("Rezekne" → Rēzekne): names that start with the
 * words typed come first, municipalities before their parishes, then Latvian order.
 */
export async function searchTerritories(db: Kysely<Database>, query: string, limit = 20): Promise<Territory[]> {
  const folded = foldText(query).trim();
  if (folded.length === 0) return [];
  const rows = (await selectTerritoriesBySearchName(db, folded)).filter((row) => row.valid_to === null);
  const rank = (row: TerritoryRow) => (row.search_name === folded ? 0 : row.search_name.startsWith(folded) ? 1 : 2);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.level - b.level || compareLatvian(a.name_lv, b.name_lv))
    .slice(0, limit)
    .map(toTerritory);
}

/** The 2004-era regions (26 rajoni and 7 republican cities) in Latvian order, for recording old survey answers. */
export async function listRegions2004(db: Kysely<Database>): Promise<Region2004[]> {
  return (await selectAllRegions2004(db)).map(toRegion2004).sort((a, b) => compareLatvian(a.name, b.name));
}

/** Great-circle distance in km between two points, for "nearest territory first". */
export function distanceInKilometres(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const deltaLatitude = toRadians(b.latitude - a.latitude);
  const deltaLongitude = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
