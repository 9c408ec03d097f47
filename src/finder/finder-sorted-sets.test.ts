import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intersectSorted, intersectWithBitset, unionOfSorted } from './finder-sorted-sets.js';

// Deterministic pseudo-random sorted lists of distinct numbers below `range`, with a chosen density.
function sortedList(seed: number, range: number, density: number): Uint32Array {
  let state = seed;
  const values: number[] = [];
  for (let value = 0; value < range; value++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    if (state / 2147483648 < density) values.push(value);
  }
  return Uint32Array.from(values);
}

const naiveUnion = (lists: Uint32Array[]) => [...new Set(lists.flatMap((list) => [...list]))].sort((a, b) => a - b);
const naiveIntersection = (a: Uint32Array, b: Uint32Array) => {
  const other = new Set(b);
  return [...a].filter((value) => other.has(value));
};
const toBitset = (list: Uint32Array, range: number) => {
  const bits = new Uint32Array((range >>> 5) + 1);
  for (const value of list) bits[value >>> 5]! |= 1 << (value & 31);
  return bits;
};

test('the union of sorted lists is sorted, complete and without repeats', () => {
  for (const count of [1, 2, 3, 5, 8]) {
    const lists = Array.from({ length: count }, (_, index) => sortedList(index + count, 5000, 0.02 + index * 0.05));
    assert.deepEqual([...unionOfSorted(lists)], naiveUnion(lists), `${count} lists`);
  }
  assert.deepEqual([...unionOfSorted([])], []);
});

test('intersections agree with a plain set intersection, by galloping and by bitset, sparse and dense', () => {
  for (const [densityA, densityB] of [
    [0.001, 0.9],
    [0.01, 0.3],
    [0.2, 0.25],
    [0.5, 0.5],
    [0.0005, 0.0005],
  ] as const) {
    const a = sortedList(7, 40_000, densityA!);
    const b = sortedList(11, 40_000, densityB!);
    const expected = naiveIntersection(a, b);
    assert.deepEqual([...intersectSorted(a, b)], expected, `gallop ${densityA}/${densityB}`);
    assert.deepEqual([...intersectWithBitset(a, toBitset(b, 40_000))], expected, `bitset ${densityA}/${densityB}`);
  }
  // The last value and the edges of the longer list.
  assert.deepEqual([...intersectSorted(Uint32Array.from([0, 39_999]), Uint32Array.from([0, 5, 39_999]))], [0, 39_999]);
  assert.deepEqual([...intersectSorted(Uint32Array.from([3]), Uint32Array.from([]))], []);
});
