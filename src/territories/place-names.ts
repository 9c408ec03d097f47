// Other names of Latvian places, as people type them: today's Russian names ("Даугавпилс", "Резекненский край"),
// historical Russian and German ones ("Двинск", "Режица", "Mitau"). The data and its sources are in
// data/lv_place_names_alternative.csv and data/README.md; names point at ATVK codes, so they follow the registry's
// territories.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export type AlternativePlaceName = {
  /** ATVK code of the territory the name means. */
  code: string;
  nameLatvian: string;
  name: string;
  language: 'ru' | 'de' | 'lv';
  usage: 'current' | 'historical';
};

const file = join(dirname(fileURLToPath(import.meta.url)), 'data', 'lv_place_names_alternative.csv');
let loaded: readonly AlternativePlaceName[] | undefined;

/** Every alternative name in the data file, read once. */
export function listAlternativePlaceNames(): readonly AlternativePlaceName[] {
  if (loaded) return loaded;
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
  loaded = rows.map((row) => ({
    code: row.atvk!,
    nameLatvian: row.name_lv!,
    name: row.alternative_name!,
    language: row.language as AlternativePlaceName['language'],
    usage: row.usage as AlternativePlaceName['usage'],
  }));
  return loaded;
}

let russianByCode: Map<string, string> | undefined;

/** Today's Russian name of a territory ("Даугавпилс" for 0002000), when the data has one; the file's first wins. */
export function russianPlaceName(code: string): string | undefined {
  if (!russianByCode) {
    russianByCode = new Map();
    for (const name of listAlternativePlaceNames())
      if (name.language === 'ru' && name.usage === 'current' && !russianByCode.has(name.code))
        russianByCode.set(name.code, name.name);
  }
  return russianByCode.get(code);
}
