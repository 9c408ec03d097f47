// Latvia's municipality boundaries as ready-to-draw SVG paths. The boundaries come from amCharts' free
// geodata (data/latvia2021Low.json, copied from @amcharts/amcharts5-geodata with its licence, see data/README.md:
// 43 municipalities of 2021, ids are ISO 3166-2:LV codes); the drawing is
// ours: a plain equirectangular projection with the longitude scaled by cos(latitude) at the country's middle,
// which for a country this small is indistinguishable from a proper conformal projection at page size.
// Everything is computed once per process (a few milliseconds) and then only read.

import { createRequire } from 'node:module';

/** The amCharts licence is linkware: this credit must stay visible wherever a map drawn from their data is shown. */
export const mapAttribution = { text: 'amCharts', href: 'https://www.amcharts.com/' } as const;

/** One municipality ready to draw: its ISO 3166-2:LV code, its SVG path and a point inside it for labels. */
export type MunicipalityShape = { isoCode: string; name: string; path: string; labelPoint: MapPoint };

export type MapPoint = { x: number; y: number };

/** A drawn map: the viewBox size, the shapes (state cities last, so they lie on top of their novads). */
export type LatviaMap = {
  width: number;
  height: number;
  shapes: MunicipalityShape[];
  project: (longitude: number, latitude: number) => MapPoint;
};

type Position = [number, number];
type Ring = Position[];
export type GeoFeature = {
  id: string;
  properties: { name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
};

// Varakļānu novads joined Madonas novads on 1 July 2025; the 2021 boundaries still draw it apart.
const mergedMunicipalities: ReadonlyArray<{ from: string; into: string }> = [{ from: 'LV-102', into: 'LV-059' }];

const drawingWidth = 600;
const margin = 4;
const cache = new Map<number, LatviaMap>();

/**
 * Today's map of Latvia (42 municipalities) projected into a `width`-wide viewBox; coordinates are rounded to
 * `decimals` places, so a small locator map can be drawn with fewer bytes than the planners' map.
 */
export function getLatviaMap(decimals: 0 | 1 = 1): LatviaMap {
  let map = cache.get(decimals);
  if (!map) {
    map = buildLatviaMap(readFeatures(), decimals);
    cache.set(decimals, map);
  }
  return map;
}

function readFeatures(): GeoFeature[] {
  const require = createRequire(import.meta.url);
  const collection = require('./data/latvia2021Low.json') as { features: GeoFeature[] };
  return collection.features;
}

/** Polygons of a feature, whatever its geometry type. */
function polygonsOf(feature: GeoFeature): Ring[][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** Builds the projected map from raw features; exported for tests that feed it their own shapes. */
export function buildLatviaMap(features: GeoFeature[], decimals: 0 | 1): LatviaMap {
  const polygonsByCode = new Map<string, { name: string; polygons: Ring[][] }>();
  for (const feature of features)
    polygonsByCode.set(feature.id, { name: feature.properties.name, polygons: polygonsOf(feature) });
  for (const { from, into } of mergedMunicipalities) {
    const absorbed = polygonsByCode.get(from);
    const survivor = polygonsByCode.get(into);
    if (!absorbed || !survivor) continue;
    survivor.polygons = mergePolygons(survivor.polygons, absorbed.polygons);
    polygonsByCode.delete(from);
  }

  let minimumLongitude = Infinity;
  let maximumLongitude = -Infinity;
  let minimumLatitude = Infinity;
  let maximumLatitude = -Infinity;
  for (const { polygons } of polygonsByCode.values()) {
    for (const ring of polygons.flat()) {
      for (const [longitude, latitude] of ring) {
        minimumLongitude = Math.min(minimumLongitude, longitude);
        maximumLongitude = Math.max(maximumLongitude, longitude);
        minimumLatitude = Math.min(minimumLatitude, latitude);
        maximumLatitude = Math.max(maximumLatitude, latitude);
      }
    }
  }
  const longitudeScale = Math.cos((((minimumLatitude + maximumLatitude) / 2) * Math.PI) / 180);
  const scale = (drawingWidth - 2 * margin) / ((maximumLongitude - minimumLongitude) * longitudeScale);
  const height = Math.ceil((maximumLatitude - minimumLatitude) * scale + 2 * margin);
  const factor = 10 ** decimals;
  const round = (value: number) => Math.round(value * factor) / factor;
  const project = (longitude: number, latitude: number): MapPoint => ({
    x: round(margin + (longitude - minimumLongitude) * longitudeScale * scale),
    y: round(margin + (maximumLatitude - latitude) * scale),
  });

  const shapes: MunicipalityShape[] = [...polygonsByCode.entries()].map(([isoCode, { name, polygons }]) => ({
    isoCode,
    name,
    path: polygons.map((polygon) => polygon.map((ring) => ringToPath(ring, project)).join('')).join(''),
    labelPoint: labelPointOf(polygons, project),
  }));
  // Novadi (numeric ISO codes) first, state cities (letter codes) last: a city drawn later sits on top of the
  // novads around it even where the source has no hole for it.
  shapes.sort(
    (a, b) => Number(isStateCity(a.isoCode)) - Number(isStateCity(b.isoCode)) || a.isoCode.localeCompare(b.isoCode),
  );
  return { width: drawingWidth, height, shapes, project };
}

function isStateCity(isoCode: string): boolean {
  return !/^LV-\d+$/.test(isoCode);
}

/** One closed subpath; points that round onto the previous one are dropped, which keeps the SVG small. */
function ringToPath(ring: Ring, project: LatviaMap['project']): string {
  let path = '';
  let previous = '';
  for (const [longitude, latitude] of ring) {
    const { x, y } = project(longitude, latitude);
    const point = `${x} ${y}`;
    if (point === previous) continue;
    path += `${path === '' ? 'M' : 'L'}${point}`;
    previous = point;
  }
  return `${path}Z`;
}

/** The centre of the bounding box of the largest outer ring: good enough to place a number or a dot. */
function labelPointOf(polygons: Ring[][], project: LatviaMap['project']): MapPoint {
  const largest = polygons.map((polygon) => polygon[0] ?? []).sort((a, b) => b.length - a.length)[0] ?? [];
  const points = largest.map(([longitude, latitude]) => project(longitude, latitude));
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

/**
 * Joins two neighbours into one outline: their outer rings share a run of identical vertices (both come from one
 * topology), so the union is what remains after dropping the edges both rings have. If the rings do not share
 * edges that way, both are kept as separate subpaths — still one shape, only with the old border visible.
 */
export function mergePolygons(survivor: Ring[][], absorbed: Ring[][]): Ring[][] {
  const [first, ...otherSurvivors] = survivor;
  const [second, ...otherAbsorbed] = absorbed;
  if (!first || !second) return [...survivor, ...absorbed];
  const outer = mergeRings(first[0] ?? [], second[0] ?? []);
  if (!outer) return [...survivor, ...absorbed];
  return [[outer, ...first.slice(1), ...second.slice(1)], ...otherSurvivors, ...otherAbsorbed];
}

function mergeRings(a: Ring, b: Ring): Ring | null {
  const key = ([longitude, latitude]: Position) => `${longitude},${latitude}`;
  const edgesOf = (ring: Ring) => {
    const edges: Array<[Position, Position]> = [];
    for (let index = 0; index + 1 < ring.length; index++) {
      const from = ring[index]!;
      const to = ring[index + 1]!;
      if (key(from) !== key(to)) edges.push([from, to]);
    }
    return edges;
  };
  const edgeKey = ([from, to]: [Position, Position]) => `${key(from)}>${key(to)}`;
  const reverseKey = ([from, to]: [Position, Position]) => `${key(to)}>${key(from)}`;
  const edgesA = edgesOf(a);
  const edgesB = edgesOf(b);
  const keysA = new Set(edgesA.map(edgeKey));
  const keysB = new Set(edgesB.map(edgeKey));
  // Rings of the same orientation meet on an edge that runs one way in one and the other way in the other.
  const sharedA = edgesA.filter((edge) => keysB.has(reverseKey(edge)));
  if (sharedA.length === 0) return null;
  const remaining = [
    ...edgesA.filter((edge) => !keysB.has(reverseKey(edge))),
    ...edgesB.filter((edge) => !keysA.has(reverseKey(edge))),
  ];
  const next = new Map<string, Position>();
  for (const [from, to] of remaining) {
    if (next.has(key(from))) return null; // a vertex left twice: not one simple outline
    next.set(key(from), to);
  }
  const start = remaining[0]![0];
  const ring: Ring = [start];
  let current = start;
  for (let steps = 0; steps < remaining.length; steps++) {
    const following = next.get(key(current));
    if (!following) return null;
    ring.push(following);
    current = following;
    if (key(current) === key(start)) break;
  }
  return ring.length === remaining.length + 1 && key(current) === key(start) ? ring : null;
}
