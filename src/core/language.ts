/** The languages the app speaks: Latvian first (the state language), then Russian and English. */
export const languages = ['lv', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'lv';

/** True when `value` is one of the languages the app speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
