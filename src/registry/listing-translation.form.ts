// The staff forms' Russian and English fields: one text box per translatable field and language, named
// `<field>_<language>` ("description_ru"), kept in the form values as one flat record so the schema, the page and
// the input conversion treat them alike. Every translation is optional: the Latvian field stays what is required.
import { z } from 'zod';
import {
  cleanTranslations,
  splitLines,
  translatedLanguages,
  type TranslatedLanguage,
  type Translations,
} from './listing-text.js';

/** Form values of the translation fields, keyed `<field>_<language>`. */
export type TranslationValues = Record<string, string>;

/** The longest text each field takes (as its Latvian field). */
export const translationFieldLimits: Record<string, number> = {
  name: 200,
  description: 4000,
  eligibility_description: 2000,
  required_documents: 4000,
  application_process: 2000,
  fees_description: 1000,
  hours_note: 1000,
};

/** The form name of one field in one language. */
export const translationFieldName = (field: string, language: TranslatedLanguage) => `${field}_${language}`;

/** The zod schema of the translation fields: each optional, as long as its Latvian field may be. */
export function translationValuesSchema(fields: readonly string[]) {
  const shape: Record<string, z.ZodString> = {};
  for (const language of translatedLanguages)
    for (const field of fields)
      shape[translationFieldName(field, language)] = z
        .string()
        .trim()
        .max(translationFieldLimits[field] ?? 4000, 'registry.error.too_long');
  return z.object(shape);
}

/** The translation fields as posted (missing fields are empty). */
export function translationValuesFromForm(
  raw: Record<string, string | string[]>,
  fields: readonly string[],
): TranslationValues {
  const values: TranslationValues = {};
  for (const language of translatedLanguages)
    for (const field of fields) {
      const name = translationFieldName(field, language);
      const value = raw[name];
      values[name] = (Array.isArray(value) ? value[0] : value) ?? '';
    }
  return values;
}

/** The translation fields an edit form starts with. */
export function translationValuesFromInput<Field extends string>(
  translations: Translations<Field> | undefined,
  fields: readonly Field[],
): TranslationValues {
  const values: TranslationValues = {};
  for (const language of translatedLanguages)
    for (const field of fields) values[translationFieldName(field, language)] = translations?.[language]?.[field] ?? '';
  return values;
}

/** The translations the form values give (blank fields left out; lists one entry a line, trimmed). */
export function translationsFromValues<Field extends string>(
  values: TranslationValues,
  fields: readonly Field[],
  listFields: readonly Field[] = [],
): Translations<Field> {
  const translations: Translations<Field> = {};
  for (const language of translatedLanguages) {
    const texts: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      const value = values[translationFieldName(field, language)] ?? '';
      texts[field] = listFields.includes(field) ? splitLines(value).join('\n') : value.trim();
    }
    translations[language] = texts;
  }
  return cleanTranslations(translations, fields);
}
