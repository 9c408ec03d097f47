// Operations on sorted lists of listing numbers (posting lists), the building blocks of a keyword search.
import { lowerBound } from './finder-index.js';

/** Union of sorted lists, merged pairwise (linear in their total length for two lists, n log k for k). */
export function unionOfSorted(lists: Uint32Array[]): Uint32Array {
  let round = lists;
  while (round.length > 1) {
    const next: Uint32Array[] = [];
    for (let pair = 0; pair < round.length; pair += 2)
      next.push(pair + 1 < round.length ? mergeSorted(round[pair]!, round[pair + 1]!) : round[pair]!);
    round = next;
  }
  return round[0] ?? new Uint32Array(0);
}

function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const merged = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      merged[count++] = x;
      i++;
    } else if (y < x) {
      merged[count++] = y;
      j++;
    } else {
      merged[count++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) merged[count++] = a[i++]!;
  while (j < b.length) merged[count++] = b[j++]!;
  return merged.subarray(0, count);
}

/** The entries of a sorted list whose bit is set: one bit test per entry. */
export function intersectWithBitset(list: Uint32Array, bits: Uint32Array): Uint32Array {
  const result = new Uint32Array(list.length);
  let count = 0;
  for (let position = 0; position < list.length; position++) {
    const value = list[position]!;
    if ((bits[value >>> 5]! & (1 << (value & 31))) !== 0) result[count++] = value;
  }
  return result.subarray(0, count);
}

/** Intersection of two sorted lists; walks the shorter and gallops forward in the longer. */
export function intersectSorted(shorter: Uint32Array, longer: Uint32Array): Uint32Array {
  const result = new Uint32Array(Math.min(shorter.length, longer.length));
  let count = 0;
  let low = 0;
  for (let position = 0; position < shorter.length && low < longer.length; position++) {
    const value = shorter[position]!;
    // Exponential steps, then a binary search in the last step: cheap when the next match is near.
    let step = 1;
    while (low + step < longer.length && longer[low + step]! < value) step *= 2;
    low = lowerBound(longer, low + (step >>> 1), Math.min(low + step + 1, longer.length), value);
    if (longer[low] === value) result[count++] = value;
  }
  return result.subarray(0, count);
}
