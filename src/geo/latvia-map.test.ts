import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLatviaMap, getLatviaMap, mergePolygons } from './latvia-map.js';
import { colourClassesFor, colourClassOf, colourScale } from './map-svg.js';

test("today's map has 42 municipalities: Varakļānu novads is drawn inside Madonas novads", () => {
  const map = getLatviaMap(1);
  assert.equal(map.shapes.length, 42);
  assert.ok(!map.shapes.some((shape) => shape.isoCode === 'LV-102'));
  const madona = map.shapes.find((shape) => shape.isoCode === 'LV-059')!;
  assert.equal(madona.path.split('M').length - 1, 1, 'one outline, the old border between the two is gone');
  // State cities come last, so they are drawn on top of the novads around them.
  const firstCity = map.shapes.findIndex((shape) => !/^LV-\d+$/.test(shape.isoCode));
  assert.ok(map.shapes.slice(firstCity).every((shape) => !/^LV-\d+$/.test(shape.isoCode)));
  assert.deepEqual(
    map.shapes
      .slice(firstCity)
      .map((shape) => shape.isoCode)
      .sort(),
    ['LV-DGV', 'LV-JEL', 'LV-JUR', 'LV-LPX', 'LV-REZ', 'LV-RIX', 'LV-VEN'],
  );
});

test('every point lies inside the viewBox, and Riga lies west of Daugavpils and north of Bauska', () => {
  const map = getLatviaMap(1);
  for (const shape of map.shapes) {
    for (const [, x, y] of shape.path.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) {
      assert.ok(
        Number(x) >= 0 && Number(x) <= map.width && Number(y) >= 0 && Number(y) <= map.height,
        `${shape.isoCode} ${x} ${y}`,
      );
    }
  }
  const riga = map.project(24.106, 56.946);
  const daugavpils = map.project(26.533, 55.883);
  const bauska = map.project(24.19, 56.408);
  assert.ok(riga.x < daugavpils.x);
  assert.ok(riga.y < bauska.y);
  // cos(latitude) scaling: a degree of longitude is about 0.55 of a degree of latitude at 57° N.
  const east = map.project(25, 57);
  const west = map.project(24, 57);
  const south = map.project(24, 56);
  assert.ok(Math.abs((east.x - west.x) / (south.y - west.y) - Math.cos((56.88 * Math.PI) / 180)) < 0.02);
});

test('two squares sharing an edge merge into one outline; squares apart stay two', () => {
  const left = [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ] as [number, number][][];
  const right = [
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ],
  ] as [number, number][][];
  const merged = mergePolygons([left], [right]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0]![0]!.length, 7, 'six corners of the 2×1 rectangle, closed');
  const far = [
    [
      [5, 5],
      [6, 5],
      [6, 6],
      [5, 6],
      [5, 5],
    ],
  ] as [number, number][][];
  assert.equal(mergePolygons([left], [far]).length, 2);
  const map = buildLatviaMap(
    [
      { id: 'LV-059', properties: { name: 'Madonas novads' }, geometry: { type: 'Polygon', coordinates: left } },
      { id: 'LV-102', properties: { name: 'Varakļānu novads' }, geometry: { type: 'Polygon', coordinates: right } },
    ],
    1,
  );
  assert.deepEqual(
    map.shapes.map((shape) => shape.isoCode),
    ['LV-059'],
  );
});

test('the colour classes cover every count once, white only for zero, darker for more', () => {
  for (const maximum of [1, 2, 3, 4, 11, 57]) {
    const classes = colourClassesFor(maximum);
    for (let count = 0; count <= maximum; count++) {
      const matching = classes.filter((entry) => count >= entry.from && (entry.to === null || count <= entry.to));
      assert.equal(matching.length, 1, `count ${count} of ${maximum}`);
    }
    assert.equal(colourClassOf(classes, 0).colour, '#ffffff');
    assert.ok(classes.slice(1).every((entry) => entry.colour !== '#ffffff'));
    const order = classes.map((entry) => colourScale.indexOf(entry.colour as (typeof colourScale)[number]));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.equal(colourClassOf(classes, maximum).colour, colourScale[4]);
  }
  // Lightness falls class by class, so the scale survives grayscale printing.
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const values = colourScale.map(luminance);
  for (let step = 1; step < values.length; step++) assert.ok(values[step]! < values[step - 1]! - 25);
});
