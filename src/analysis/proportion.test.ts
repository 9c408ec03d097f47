// Wilson intervals and Newcombe differences against values worked out independently of this code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeChange, describeShare, roundToOneDecimal, wilsonInterval } from './proportion.js';

test('Wilson 95%: 68 of 111 (the documents block) → 61.3% [52.0, 69.8]', () => {
  // p = 0.61261, z² = 3.84146, centre = (p + z²/222) / (1 + z²/111) = 0.60885, half-width 0.08917.
  assert.deepEqual(describeShare(68, 111), { count: 68, base: 111, percent: 61.3, ci95: [52.0, 69.8] });
});

test('Wilson stays inside 0–100% at the edges: 0 of 10 → [0, 27.8], 10 of 10 → [72.2, 100]', () => {
  // upper for 0/n is z² / (n + z²) = 3.84146 / 13.84146 = 0.27753.
  assert.deepEqual(describeShare(0, 10).ci95, [0, 27.8]);
  assert.deepEqual(describeShare(10, 10).ci95, [72.2, 100]);
});

test('finite population correction: 30 of 100 out of 200 → [24.1, 36.7]; the whole population → no uncertainty', () => {
  // z' = 1.95996 · √(100/199) = 1.38937, then Wilson with z'.
  assert.deepEqual(describeShare(30, 100, { population: 200 }).ci95, [24.1, 36.7]);
  assert.deepEqual(describeShare(30, 100, { population: 100 }).ci95, [30, 30]);
  assert.deepEqual(describeShare(30, 100).ci95, [21.9, 39.6], 'without N: the usual interval');
});

test('an empty base gives null, never NaN', () => {
  assert.equal(wilsonInterval(0, 0), null);
  assert.deepEqual(describeShare(0, 0), { count: 0, base: 0, percent: null, ci95: null });
});

test('Newcombe hybrid score interval: Newcombe (1998) example 56/70 vs 48/80 → 0.0524 to 0.3339', () => {
  assert.deepEqual(describeChange({ count: 48, base: 80 }, { count: 56, base: 70 }), { points: 20, ci95: [5.2, 33.4] });
  assert.equal(describeChange({ count: 1, base: 0 }, { count: 1, base: 2 }), null);
});

test('rounding is half away from zero', () => {
  assert.equal(roundToOneDecimal(61.25), 61.3);
  assert.equal(roundToOneDecimal(0.05), 0.1);
  assert.equal(roundToOneDecimal(-2.25), -2.3);
});
