import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, suppressCounts } from './suppression.js';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

test('counts from 1 to 4 are hidden, 0 and 5 and more are shown', () => {
  const shown = suppressCounts(counts({ none: 0, one: 1, four: 4, five: 5, many: 120 }));
  assert.deepEqual(Object.fromEntries(shown), { none: 0, one: null, four: null, five: 5, many: 120 });
  assert.equal(formatCount(null), '<5');
  assert.equal(formatCount(1234, 'lv'), new Intl.NumberFormat('lv').format(1234));
});

test('a total that would give back a hidden cell hides another cell of the sum too', () => {
  // 12 = 3 + 9: with the total shown and 9 shown, the 3 would follow.
  const shown = suppressCounts(counts({ total: 12, a: 3, b: 9, c: 0 }), [{ total: 'total', parts: ['a', 'b', 'c'] }]);
  assert.deepEqual(Object.fromEntries(shown), { total: 12, a: null, b: null, c: 0 });
});

test('the smallest other cell is the one hidden beside a small one', () => {
  const shown = suppressCounts(counts({ total: 40, a: 2, b: 20, c: 6, d: 12 }), [
    { total: 'total', parts: ['a', 'b', 'c', 'd'] },
  ]);
  assert.deepEqual(Object.fromEntries(shown), { total: 40, a: null, b: 20, c: null, d: 12 });
});

test('hiding spreads through sums that share a cell (reasons within groups within the total)', () => {
  // Group g1 = r1 + r2 = 3 + 7, g2 = r3 = 8; total = 18. r1 is small, so r2 goes with it; then the reasons' sum has
  // two hidden cells and nothing more is needed. The groups' sum: g1 = 10 and g2 = 8 stay.
  const shown = suppressCounts(counts({ total: 18, g1: 10, g2: 8, r1: 3, r2: 7, r3: 8 }), [
    { total: 'total', parts: ['g1', 'g2'] },
    { total: 'total', parts: ['r1', 'r2', 'r3'] },
    { total: 'g1', parts: ['r1', 'r2'] },
    { total: 'g2', parts: ['r3'] },
  ]);
  assert.deepEqual(Object.fromEntries(shown), { total: 18, g1: 10, g2: 8, r1: null, r2: null, r3: 8 });
  // A small group: its reasons are small too, and another group goes with it so the total cannot give it back.
  const second = suppressCounts(counts({ total: 9, g1: 3, g2: 6, r1: 3, r3: 6 }), [
    { total: 'total', parts: ['g1', 'g2'] },
    { total: 'total', parts: ['r1', 'r3'] },
    { total: 'g1', parts: ['r1'] },
    { total: 'g2', parts: ['r3'] },
  ]);
  assert.deepEqual(Object.fromEntries(second), { total: 9, g1: null, g2: null, r1: null, r3: null });
});

test('a small total is hidden, and so is every cell of it', () => {
  const shown = suppressCounts(counts({ total: 4, a: 4, b: 0 }), [{ total: 'total', parts: ['a', 'b'] }]);
  assert.deepEqual(Object.fromEntries(shown), { total: null, a: null, b: 0 });
});
