/** The languages the app speaks: Latvian first (the state language), then Russian and English. */
export const languages = ['lv', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'lv';

/** True when `value` is one of the languages the app speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The best language of ours in an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8" → 'ru'), by the q-values the
 * browser gives; undefined when it names none of ours (or is missing), so the caller keeps its default.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  let best: { language: Language; quality: number } | undefined;
  header.split(',').forEach((part) => {
    const [range = '', ...parameters] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLanguage(primary)) return;
    const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/i.exec(parameter)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (!(quality > 0)) return;
    if (!best || quality > best.quality) best = { language: primary, quality };
  });
  return best?.language;
}
