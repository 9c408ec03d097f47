// What the HSDS API remembers between pages of /services, per registry revision: how many services match a filter,
// and where each page ended. A client paging through the registry asks page after page; page p+1 then starts after
// page p's last (name, id) through the index instead of skipping p×size rows, and the count is not taken again.
// On the embedded database every query runs in the app's own thread, so this is what keeps four pagers from
// stalling the finder (issue 16, item 2). The database stays the source of truth: a new revision forgets it all.

const maximumEntries = 5000;

export type PageEnd = { name: string; id: string };

type Memory = { revision: number; totals: Map<string, number>; ends: Map<string, PageEnd> };
let memory: Memory = { revision: -1, totals: new Map(), ends: new Map() };

function current(revision: number): Memory {
  if (memory.revision !== revision) memory = { revision, totals: new Map(), ends: new Map() };
  return memory;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  // Oldest first out: a Map iterates in insertion order.
  if (map.size >= maximumEntries) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

export function rememberedTotal(revision: number, filterKey: string): number | undefined {
  return current(revision).totals.get(filterKey);
}

export function rememberTotal(revision: number, filterKey: string, total: number): void {
  remember(current(revision).totals, filterKey, total);
}

/** Where page `page` (of `perPage`) ended, if some client read it at this revision. */
export function rememberedPageEnd(revision: number, filterKey: string, perPage: number, page: number) {
  return current(revision).ends.get(`${filterKey}|${perPage}|${page}`);
}

export function rememberPageEnd(revision: number, filterKey: string, perPage: number, page: number, end: PageEnd) {
  remember(current(revision).ends, `${filterKey}|${perPage}|${page}`, end);
}
