import { catalogs } from '../messages.js';
import { languages, type Language } from './language.js';

/** A message with plural forms keyed by Intl.PluralRules categories (lv: zero/one/other; ru: one/few/many/other). */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
export type MessageCatalog = Record<Language, Record<string, Message>>;
export type Translate = (key: string, parameters?: Record<string, string | number>) => string;

const pluralRules: Record<Language, Intl.PluralRules> = {
  lv: new Intl.PluralRules('lv'),
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};
const numberFormats: Record<Language, Intl.NumberFormat> = {
  lv: new Intl.NumberFormat('lv'),
  ru: new Intl.NumberFormat('ru'),
  en: new Intl.NumberFormat('en'),
};

const merged: Record<Language, Map<string, Message>> = { lv: new Map(), ru: new Map(), en: new Map() };
for (const catalog of catalogs) {
  for (const language of languages) {
    for (const [key, message] of Object.entries(catalog[language])) merged[language].set(key, message);
  }
}

/** Every message key, per language: the completeness test compares them. */
export function listMessageKeys(language: Language): string[] {
  return [...merged[language].keys()];
}

/**
 * Looks a message up and fills `{name}` placeholders; `{count}` also picks the plural form by the
 * language's own rules (Latvian: 1, 21, 31 … are singular; 0, 10–20, 30 … take the "zero" form).
 */
export function translate(language: Language, key: string, parameters: Record<string, string | number> = {}): string {
  const message = merged[language].get(key) ?? merged.en.get(key);
  if (message === undefined) return key;
  const count = parameters.count;
  const text =
    typeof message === 'string'
      ? message
      : (message[pluralRules[language].select(typeof count === 'number' ? count : Number(count ?? 0))] ??
        message.other);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = parameters[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? numberFormats[language].format(value) : value;
  });
}

/** A translate function bound to one language, for pages and error messages. */
export function translatorFor(language: Language): Translate {
  return (key, parameters) => translate(language, key, parameters);
}
