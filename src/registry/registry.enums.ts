// The registry's lists of allowed values, written once. Zod schemas, Kysely row types and the HSDS import check
// derive from these; the migrations keep their own CHECK constraints (frozen in time), and
// src/db/check-constraints.test.ts asserts that the database allows exactly these values.

export const institutionTypes = [
  'municipal_social_service',
  'municipal_other',
  'state',
  'ngo',
  'religious',
  'private',
  'prison',
] as const;
export type InstitutionType = (typeof institutionTypes)[number];
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];
export const residencyRules = ['none', 'last_declared_residence'] as const;
export type ResidencyRule = (typeof residencyRules)[number];
export const eligibleSexes = ['any', 'female', 'male'] as const;
export type EligibleSex = (typeof eligibleSexes)[number];
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];
/** Languages a service can be marked as speaking on the staff form (ISO 639-1). */
export const serviceLanguageCodes = ['lv', 'ru', 'en', 'uk', 'lt', 'pl', 'de'] as const;
export const locationTypes = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof locationTypes)[number];
export const addressTypes = locationTypes;
export type AddressType = LocationType;
export const scheduleFrequencies = ['WEEKLY', 'MONTHLY'] as const;
export type ScheduleFrequency = (typeof scheduleFrequencies)[number];

/** Whether a text is one of the given values (a narrowing `includes`). */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Whether a text is one of the institution types (imported or stored values may be anything). */
export function isInstitutionType(value: string | null): value is InstitutionType {
  return value !== null && isOneOf(institutionTypes, value);
}
