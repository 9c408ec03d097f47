// How many single-letter edits (insert, delete, replace, swap of two neighbours) turn one word into another: the
// "did you mean" for place names typed with a letter missing or wrong ("Daugavpls", "Resekne").

/**
 * The optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it is certain to exceed
 * `limit` (most names are far from what was typed, and are dropped after a row or two).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let row = 1; row <= a.length; row++) {
    current[0] = row;
    let rowMinimum = row;
    for (let column = 1; column <= b.length; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1])
        best = Math.min(best, beforePrevious[column - 2]! + 1);
      current[column] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length]!, limit + 1);
}
