// A listing's texts in the reader's language. The registry keeps every text a person reads (names, descriptions,
// eligibility notes, what to bring, fees, notes on hours) in Latvian in its HSDS columns and, where someone wrote
// them, in Russian and English beside it (organization_translation, service_translation). Whoever shows a text
// picks it here: the reader's language when there is one, else the Latvian text, marked as such so a page, the
// API or the PDF can say "(по-латышски)" instead of passing Latvian off silently.
import type { Language } from '../core/language.js';

/** The languages a listing text can be translated into; Latvian is the registry's own column. */
export const translatedLanguages = ['ru', 'en'] as const;
export type TranslatedLanguage = (typeof translatedLanguages)[number];

/** The texts of an institution that can be kept in Russian and English. */
export const institutionTextFields = ['name', 'description'] as const;
export type InstitutionTextField = (typeof institutionTextFields)[number];

/** The texts of a service that can be kept in Russian and English (lists: one entry a line). */
export const serviceTextFields = [
  'name',
  'description',
  'eligibility_description',
  'required_documents',
  'application_process',
  'fees_description',
  'hours_note',
] as const;
export type ServiceTextField = (typeof serviceTextFields)[number];

/** Per translated language, the fields that have a text there (a missing field means "not written yet"). */
export type Translations<Field extends string> = Partial<Record<TranslatedLanguage, Partial<Record<Field, string>>>>;
export type InstitutionTranslations = Translations<InstitutionTextField>;
export type ServiceTranslations = Translations<ServiceTextField>;

/** One text as it will be shown: the words, the language they are in, and whether that is a fallback to Latvian. */
export type ListingText = { text: string; language: Language; fallback: boolean };

/** A text that may be a plain string (already in the reader's language) or a picked listing text. */
export type ShownText = string | ListingText;

/**
 * The text to show a reader of `language`: the translation when there is one, else the Latvian text marked as a
 * fallback. Null when there is no text at all (nothing to show). Blank texts count as missing.
 */
export function pickText(
  latvian: string | null | undefined,
  translations: Partial<Record<TranslatedLanguage, string | null | undefined>> | null | undefined,
  language: Language,
): ListingText | null {
  if (language !== 'lv') {
    const translated = translations?.[language];
    if (translated !== undefined && translated !== null && translated.trim() !== '')
      return { text: translated, language, fallback: false };
  }
  if (latvian === null || latvian === undefined || latvian.trim() === '') return null;
  return { text: latvian, language: 'lv', fallback: language !== 'lv' };
}

/** `pickText` for one field of a record's translations. */
export function pickField<Field extends string>(
  latvian: string | null | undefined,
  translations: Translations<Field> | null | undefined,
  field: Field,
  language: Language,
): ListingText | null {
  return pickText(latvian, { ru: translations?.ru?.[field], en: translations?.en?.[field] }, language);
}

/** A list kept one entry a line (what to bring, hours notes) in the reader's language, falling back as a whole. */
export function pickList<Field extends string>(
  latvian: readonly string[],
  translations: Translations<Field> | null | undefined,
  field: Field,
  language: Language,
): { items: string[]; language: Language; fallback: boolean } {
  const picked = pickField(latvian.join('\n'), translations, field, language);
  if (!picked) return { items: [], language, fallback: false };
  return { items: splitLines(picked.text), language: picked.language, fallback: picked.fallback };
}

/** The entries of a one-entry-a-line text, trimmed, blank lines dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Translations with blank texts dropped and languages without any text left out (what is stored and compared). */
export function cleanTranslations<Field extends string>(
  translations: Translations<Field> | null | undefined,
  fields: readonly Field[],
): Translations<Field> {
  const clean: Translations<Field> = {};
  for (const language of translatedLanguages) {
    const texts: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      const text = translations?.[language]?.[field]?.trim();
      if (text) texts[field] = text;
    }
    if (Object.keys(texts).length > 0) clean[language] = texts;
  }
  return clean;
}
