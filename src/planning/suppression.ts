// Small-count suppression for the planners' figures: a count from 1 to 4 is shown as "<5", never as its number,
// and no total or subtotal shown beside it may give it back. Zero stays 0: an empty cell names no one.
//
// Tables shown together are described as sums ("this total is the sum of these cells"). While some sum has exactly
// one hidden term, that term could be worked out from the others, so the smallest other non-zero term of that sum
// is hidden too (complementary suppression), and the check runs again until no sum has a single hidden term.

export const suppressionThreshold = 5;

/** A sum shown on the page: `total` = the sum of `parts` (ids of counts). */
export type SumRelation = { total: string; parts: readonly string[] };

/** True for a count that must not be shown: 1 to 4. */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < suppressionThreshold;
}

/**
 * Decides which counts are hidden: the small ones, and then, for every sum with a single hidden term, one more
 * term of it. Returns the shown value of each id, null meaning "<5".
 */
export function suppressCounts(
  counts: ReadonlyMap<string, number>,
  relations: readonly SumRelation[] = [],
): Map<string, number | null> {
  const hidden = new Set([...counts].filter(([, count]) => isSmallCount(count)).map(([id]) => id));
  const valueOf = (id: string) => counts.get(id) ?? 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const relation of relations) {
      const terms = [relation.total, ...relation.parts];
      const hiddenTerms = terms.filter((id) => hidden.has(id));
      if (hiddenTerms.length !== 1) continue;
      // Hide another part rather than the total where one can: the total is the figure planners need most.
      const candidates = (parts: readonly string[]) =>
        parts.filter((id) => !hidden.has(id) && valueOf(id) > 0).sort((a, b) => valueOf(a) - valueOf(b));
      const next = candidates(relation.parts)[0] ?? candidates([relation.total])[0];
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return new Map([...counts].map(([id, count]) => [id, hidden.has(id) ? null : count]));
}

/** How a count is written on a page and in the CSV: the number, or "<5". */
export function formatCount(count: number | null, language?: string): string {
  if (count === null) return `<${suppressionThreshold}`;
  return language ? new Intl.NumberFormat(language).format(count) : String(count);
}
