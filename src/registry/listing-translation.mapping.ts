// Translation rows ↔ the translations of a domain object, and their change-history fields.
import {
  cleanTranslations,
  institutionTextFields,
  serviceTextFields,
  translatedLanguages,
  type InstitutionTranslations,
  type ServiceTranslations,
  type Translations,
} from './listing-text.js';
import type { OrganizationTranslationRow, ServiceTranslationRow } from './listing-translation.repository.js';

function fromRows<Field extends string, Row extends { language: 'ru' | 'en' } & Partial<Record<Field, string | null>>>(
  rows: readonly Row[],
  fields: readonly Field[],
): Translations<Field> {
  const translations: Translations<Field> = {};
  for (const row of rows) {
    const texts: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      const text = row[field];
      if (typeof text === 'string' && text.trim() !== '') texts[field] = text;
    }
    if (Object.keys(texts).length > 0) translations[row.language] = texts;
  }
  return translations;
}

/** An organization's translations from its rows (rows of other organizations are ignored). */
export function toInstitutionTranslations(
  rows: readonly OrganizationTranslationRow[],
  organizationId: string,
): InstitutionTranslations {
  return fromRows(
    rows.filter((row) => row.organization_id === organizationId),
    institutionTextFields,
  );
}

/** A service's translations from its rows (rows of other services are ignored). */
export function toServiceTranslations(rows: readonly ServiceTranslationRow[], serviceId: string): ServiceTranslations {
  return fromRows(
    rows.filter((row) => row.service_id === serviceId),
    serviceTextFields,
  );
}

/** The rows that store an organization's translations: one per language that has any text. */
export function organizationTranslationRows(
  organizationId: string,
  translations: InstitutionTranslations | undefined,
): OrganizationTranslationRow[] {
  const clean = cleanTranslations(translations, institutionTextFields);
  return translatedLanguages.flatMap((language) => {
    const texts = clean[language];
    if (!texts) return [];
    return [
      { organization_id: organizationId, language, name: texts.name ?? null, description: texts.description ?? null },
    ];
  });
}

/** The rows that store a service's translations: one per language that has any text. */
export function serviceTranslationRows(
  serviceId: string,
  translations: ServiceTranslations | undefined,
): ServiceTranslationRow[] {
  const clean = cleanTranslations(translations, serviceTextFields);
  return translatedLanguages.flatMap((language) => {
    const texts = clean[language];
    if (!texts) return [];
    return [
      {
        service_id: serviceId,
        language,
        name: texts.name ?? null,
        description: texts.description ?? null,
        eligibility_description: texts.eligibility_description ?? null,
        required_documents: texts.required_documents ?? null,
        application_process: texts.application_process ?? null,
        fees_description: texts.fees_description ?? null,
        hours_note: texts.hours_note ?? null,
      },
    ];
  });
}

/** Change-history fields of translations: `description_ru`, `name_en` …, each text as it is stored. */
export function translationSnapshot<Field extends string>(
  translations: Translations<Field> | undefined,
  fields: readonly Field[],
): Record<string, string> {
  const clean = cleanTranslations(translations, fields);
  const snapshot: Record<string, string> = {};
  for (const language of translatedLanguages)
    for (const field of fields) snapshot[`${field}_${language}`] = clean[language]?.[field] ?? '';
  return snapshot;
}

/** True when a change-history field name is a translation's (ends in _ru or _en). */
export function isTranslationField(field: string): boolean {
  return /_(ru|en)$/.test(field);
}
