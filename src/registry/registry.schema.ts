// What crosses the edge into the registry: the staff forms. Each form has one set of values (strings, exactly
// what the person typed, so a form with errors shows everything again), one zod schema that checks them and
// names each problem with a message key, and one function that turns checked values into a service input.
import { z } from 'zod';
import { institutionTextFields, serviceTextFields } from './listing-text.js';
import {
  translationsFromValues,
  translationValuesFromForm,
  translationValuesFromInput,
  translationValuesSchema,
  type TranslationValues,
} from './listing-translation.form.js';
import { addDays, isIsoDate, latvianToday } from '../core/dates.js';
import type { Translate } from '../core/i18n.js';
import { hasForbiddenUrlScheme, urlScheme } from '../core/url.js';
import {
  eligibleSexes,
  institutionTypes,
  residencyRules,
  serviceLanguageCodes,
  serviceStatuses,
  weekdays,
  type EligibleSex,
  type InstitutionType,
  type ResidencyRule,
  type ServiceStatus,
  type Weekday,
} from './registry.enums.js';
import type {
  ContactInput,
  InstitutionInput,
  LocationInput,
  OpeningHours,
  PhoneInput,
  ServiceInput,
} from './institution.model.js';
import { entitlementLimits, isLegalTextUrl } from './entitlement.js';

/** A posted form: each name maps to its value, or to all its values when the name repeats (checkboxes). */
export type RawForm = Record<string, string | string[]>;

const one = (raw: RawForm, name: string): string => {
  const value = raw[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};
const all = (raw: RawForm, name: string): string[] => {
  const value = raw[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const isChecked = (raw: RawForm, name: string) => ['on', 'true', '1', 'yes'].includes(one(raw, name));

/** How many empty phone rows a form offers beyond those already filled (no JavaScript to add rows). */
const sparePhoneRows = 2;

// ---- field rules ------------------------------------------------------------------------------------------

const required = (max: number) =>
  z.string().trim().min(1, 'registry.error.required').max(max, 'registry.error.too_long');
const optional = (max: number) => z.string().trim().max(max, 'registry.error.too_long');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const optionalEmail = optional(254).refine((value) => value === '' || EMAIL.test(value), 'registry.error.email');
// A website is an http(s) address; any other scheme (javascript: above all) gets its own message (core/url.ts).
const optionalWebsite = optional(500)
  .refine((value) => !hasForbiddenUrlScheme(value), 'registry.error.url_scheme')
  .refine((value) => {
    if (value === '' || hasForbiddenUrlScheme(value)) return true;
    // mailto: and tel: are allowed links, but not a website.
    if (urlScheme(value) === 'mailto:' || urlScheme(value) === 'tel:') return false;
    try {
      const url = new URL(withScheme(value));
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'registry.error.website');
const PHONE = /^\+?[0-9][0-9 ()-]{4,24}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalPastDate = z
  .string()
  .trim()
  .refine((value) => {
    if (value === '') return true;
    return isIsoDate(value);
  }, 'registry.error.date')
  .refine((value) => value === '' || !ISO_DATE.test(value) || value <= tomorrow(), 'registry.error.date_future');
const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (/^\d{1,6}$/.test(value) && Number(value) >= min && Number(value) <= max),
      message,
    );
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, 'registry.error.choose');

function tomorrow(): string {
  return addDays(latvianToday(), 1);
}

function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
}

const nullIfEmpty = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string): number | null =>
  value.trim() === '' ? null : Number(value.trim().replace(',', '.'));

// ---- phones ------------------------------------------------------------------------------------------------

export type PhoneValues = { number: string; description: string };

const phonesSchema = z
  .array(z.object({ number: z.string().trim(), description: optional(200) }))
  .superRefine((phones, context) => {
    phones.forEach((phone, index) => {
      if (phone.number === '' && phone.description !== '')
        context.addIssue({ code: 'custom', message: 'registry.error.phone_missing', path: [index, 'number'] });
      else if (phone.number !== '' && !PHONE.test(phone.number))
        context.addIssue({ code: 'custom', message: 'registry.error.phone', path: [index, 'number'] });
    });
  });

function phonesFromRaw(raw: RawForm): PhoneValues[] {
  const numbers = all(raw, 'phone_number');
  const descriptions = all(raw, 'phone_description');
  return Array.from({ length: Math.max(numbers.length, descriptions.length) }, (_, index) => ({
    number: numbers[index] ?? '',
    description: descriptions[index] ?? '',
  }));
}

/** The phone rows as typed (so error positions still match) without trailing empty ones, plus spare empty rows. */
export function withSparePhoneRows(phones: PhoneValues[]): PhoneValues[] {
  let end = phones.length;
  while (end > 0 && phones[end - 1]!.number.trim() === '' && phones[end - 1]!.description.trim() === '') end--;
  return [...phones.slice(0, end), ...Array.from({ length: sparePhoneRows }, () => ({ number: '', description: '' }))];
}

function phonesToInput(phones: PhoneValues[]): PhoneInput[] {
  return phones
    .filter((phone) => phone.number.trim() !== '')
    .map((phone) => ({
      number: phone.number.trim().replace(/\s+/g, ' '),
      description: nullIfEmpty(phone.description),
    }));
}

const phonesToValues = (phones: PhoneInput[]): PhoneValues[] =>
  phones.map((phone) => ({ number: phone.number, description: phone.description ?? '' }));

// ---- institution -------------------------------------------------------------------------------------------

export type InstitutionFormValues = {
  name: string;
  alternate_name: string;
  description: string;
  institution_type: string;
  email: string;
  website: string;
  last_verified_on: string;
  phones: PhoneValues[];
  /** Russian and English texts, `<field>_<language>` (listing-translation.form.ts). */
  translations: TranslationValues;
};

export const institutionFormSchema = z.object({
  name: required(200),
  alternate_name: optional(200),
  description: optional(4000),
  institution_type: choice(institutionTypes),
  email: optionalEmail,
  website: optionalWebsite,
  last_verified_on: optionalPastDate,
  phones: phonesSchema,
  translations: translationValuesSchema(institutionTextFields),
});

export function institutionValuesFromForm(raw: RawForm): InstitutionFormValues {
  return {
    name: one(raw, 'name'),
    alternate_name: one(raw, 'alternate_name'),
    description: one(raw, 'description'),
    institution_type: one(raw, 'institution_type'),
    email: one(raw, 'email'),
    website: one(raw, 'website'),
    last_verified_on: one(raw, 'last_verified_on'),
    phones: phonesFromRaw(raw),
    translations: translationValuesFromForm(raw, institutionTextFields),
  };
}

export function institutionValuesFromInput(input: InstitutionInput | null): InstitutionFormValues {
  return {
    name: input?.name ?? '',
    alternate_name: input?.alternateName ?? '',
    description: input?.description ?? '',
    institution_type: input?.type ?? '',
    email: input?.email ?? '',
    website: input?.website ?? '',
    last_verified_on: input?.lastVerifiedOn ?? '',
    phones: phonesToValues(input?.phones ?? []),
    translations: translationValuesFromInput(input?.translations, institutionTextFields),
  };
}

export function institutionInputFromValues(values: InstitutionFormValues): InstitutionInput {
  return {
    name: values.name.trim(),
    alternateName: nullIfEmpty(values.alternate_name),
    description: values.description.trim(),
    type: values.institution_type as InstitutionType,
    email: nullIfEmpty(values.email),
    website: values.website.trim() === '' ? null : withScheme(values.website.trim()),
    lastVerifiedOn: nullIfEmpty(values.last_verified_on),
    phones: phonesToInput(values.phones),
    translations: translationsFromValues(values.translations, institutionTextFields),
  };
}

// ---- service -----------------------------------------------------------------------------------------------

export type HoursValues = Record<Weekday, { opens: string; closes: string }>;

export type ServiceFormValues = {
  name: string;
  description: string;
  status: string;
  url: string;
  email: string;
  help_types: string[];
  residency_rule: string;
  residency_territories: string[];
  eligible_sex: string;
  minimum_age: string;
  maximum_age: string;
  eligibility_description: string;
  capacity_beds: string;
  is_statewide: boolean;
  service_areas: string[];
  open_always: boolean;
  hours: HoursValues;
  languages: string[];
  required_documents: string;
  application_process: string;
  fees_description: string;
  legal_basis_act: string;
  legal_basis_article: string;
  legal_basis_url: string;
  benefit_amount: string;
  benefit_limits: string;
  phones: PhoneValues[];
  location_ids: string[];
  last_verified_on: string;
  /** Russian and English texts, `<field>_<language>` (listing-translation.form.ts). */
  translations: TranslationValues;
};

/** 'HH:MM' (also 'H.MM', 'H:MM'); '24:00' means the end of the day; a closing time before the opening time, the next morning. */
const TIME = /^([01]?\d|2[0-4])[:.]([0-5]\d)$/;

function normaliseTime(value: string): string | null {
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const time = `${match[1]!.padStart(2, '0')}:${match[2]}`;
  return time > '24:00' ? null : time;
}

/** What the service form checks against: the help-type terms, territories and the institution's locations that exist. */
export type ServiceFormReferences = {
  helpTypeIds: ReadonlySet<string>;
  territoryCodes: ReadonlySet<string>;
  locationIds: ReadonlySet<string>;
};

export function serviceFormSchema(references: ServiceFormReferences) {
  const hoursSchema = z.object(
    Object.fromEntries(weekdays.map((day) => [day, z.object({ opens: z.string(), closes: z.string() })])) as Record<
      Weekday,
      z.ZodObject<{ opens: z.ZodString; closes: z.ZodString }>
    >,
  );
  return z
    .object({
      name: required(200),
      description: optional(4000),
      status: choice(serviceStatuses),
      url: optionalWebsite,
      email: optionalEmail,
      help_types: z
        .array(z.string())
        .min(1, 'registry.error.help_type_required')
        .refine((ids) => ids.every((id) => references.helpTypeIds.has(id)), 'registry.error.choose'),
      residency_rule: choice(residencyRules),
      residency_territories: z
        .array(z.string())
        .refine(
          (codes) => codes.every((code) => references.territoryCodes.has(code)),
          'registry.error.territory_unknown',
        ),
      eligible_sex: choice(eligibleSexes),
      minimum_age: wholeNumber(0, 120, 'registry.error.age'),
      maximum_age: wholeNumber(0, 120, 'registry.error.age'),
      eligibility_description: optional(2000),
      capacity_beds: wholeNumber(0, 10000, 'registry.error.capacity'),
      is_statewide: z.boolean(),
      service_areas: z
        .array(z.string())
        .refine(
          (codes) => codes.every((code) => references.territoryCodes.has(code)),
          'registry.error.territory_unknown',
        ),
      open_always: z.boolean(),
      hours: hoursSchema,
      languages: z
        .array(z.string())
        .refine(
          (codes) => codes.every((code) => (serviceLanguageCodes as readonly string[]).includes(code)),
          'registry.error.choose',
        ),
      required_documents: optional(4000).refine(
        (text) => text.split('\n').every((line) => line.trim().length <= 200),
        'registry.error.document_line_too_long',
      ),
      application_process: optional(2000),
      fees_description: optional(1000),
      // The person's right (entitlement.ts): a link to the legal text is http or https, nothing else.
      legal_basis_act: optional(entitlementLimits.law),
      legal_basis_article: optional(entitlementLimits.article),
      legal_basis_url: optional(entitlementLimits.url).refine(
        (value) => value === '' || isLegalTextUrl(value),
        'registry.error.legal_basis_url',
      ),
      benefit_amount: optional(entitlementLimits.amount),
      benefit_limits: optional(entitlementLimits.limits),
      phones: phonesSchema,
      location_ids: z
        .array(z.string())
        .refine((ids) => ids.every((id) => references.locationIds.has(id)), 'registry.error.choose'),
      last_verified_on: optionalPastDate,
      translations: translationValuesSchema(serviceTextFields),
    })
    .superRefine((values, context) => {
      if (values.legal_basis_article.trim() !== '' && values.legal_basis_act.trim() === '') {
        context.addIssue({ code: 'custom', message: 'registry.error.legal_basis_act', path: ['legal_basis_act'] });
      }
      if (values.residency_rule === 'last_declared_residence' && values.residency_territories.length === 0) {
        context.addIssue({
          code: 'custom',
          message: 'registry.error.residency_territory_required',
          path: ['residency_territories'],
        });
      }
      const minimum = values.minimum_age.trim();
      const maximum = values.maximum_age.trim();
      if (minimum !== '' && maximum !== '' && Number(maximum) < Number(minimum)) {
        context.addIssue({ code: 'custom', message: 'registry.error.age_order', path: ['maximum_age'] });
      }
      if (!values.open_always) {
        for (const day of weekdays) {
          const { opens, closes } = values.hours[day];
          if (opens.trim() === '' && closes.trim() === '') continue;
          const opensAt = normaliseTime(opens);
          const closesAt = normaliseTime(closes);
          if (opens.trim() === '' || closes.trim() === '')
            context.addIssue({ code: 'custom', message: 'registry.error.hours_both', path: ['hours', day] });
          else if (!opensAt || !closesAt)
            context.addIssue({ code: 'custom', message: 'registry.error.time', path: ['hours', day] });
          // Closing before opening means "until the next morning" (a night shelter: 19:00–08:00).
          else if (opensAt === closesAt)
            context.addIssue({ code: 'custom', message: 'registry.error.hours_same', path: ['hours', day] });
        }
      }
    });
}

const emptyHours = (): HoursValues =>
  Object.fromEntries(weekdays.map((day) => [day, { opens: '', closes: '' }])) as HoursValues;

export function serviceValuesFromForm(raw: RawForm): ServiceFormValues {
  const hours = emptyHours();
  for (const day of weekdays)
    hours[day] = { opens: one(raw, `hours_${day}_opens`), closes: one(raw, `hours_${day}_closes`) };
  return {
    name: one(raw, 'name'),
    description: one(raw, 'description'),
    status: one(raw, 'status'),
    url: one(raw, 'url'),
    email: one(raw, 'email'),
    help_types: all(raw, 'help_type'),
    residency_rule: one(raw, 'residency_rule'),
    residency_territories: all(raw, 'residency_territory').filter(Boolean),
    eligible_sex: one(raw, 'eligible_sex'),
    minimum_age: one(raw, 'minimum_age'),
    maximum_age: one(raw, 'maximum_age'),
    eligibility_description: one(raw, 'eligibility_description'),
    capacity_beds: one(raw, 'capacity_beds'),
    is_statewide: isChecked(raw, 'is_statewide'),
    service_areas: all(raw, 'service_area').filter(Boolean),
    open_always: isChecked(raw, 'open_always'),
    hours,
    languages: all(raw, 'language'),
    required_documents: one(raw, 'required_documents'),
    application_process: one(raw, 'application_process'),
    fees_description: one(raw, 'fees_description'),
    legal_basis_act: one(raw, 'legal_basis_act'),
    legal_basis_article: one(raw, 'legal_basis_article'),
    legal_basis_url: one(raw, 'legal_basis_url'),
    benefit_amount: one(raw, 'benefit_amount'),
    benefit_limits: one(raw, 'benefit_limits'),
    phones: phonesFromRaw(raw),
    location_ids: all(raw, 'location_id'),
    last_verified_on: one(raw, 'last_verified_on'),
    translations: translationValuesFromForm(raw, serviceTextFields),
  };
}

const ALWAYS = { opensAt: '00:00', closesAt: '24:00' };

/** True when the opening hours say: every day, day and night. */
export function isOpenAlways(hours: OpeningHours[]): boolean {
  const days = new Set(
    hours
      .filter((entry) => entry.opensAt === ALWAYS.opensAt && entry.closesAt === ALWAYS.closesAt)
      .flatMap((entry) => entry.days),
  );
  return weekdays.every((day) => days.has(day));
}

export function serviceValuesFromInput(input: ServiceInput | null): ServiceFormValues {
  const hours = emptyHours();
  for (const entry of input?.openingHours ?? []) {
    for (const day of entry.days) hours[day] = { opens: entry.opensAt, closes: entry.closesAt };
  }
  const openAlways = isOpenAlways(input?.openingHours ?? []);
  return {
    name: input?.name ?? '',
    description: input?.description ?? '',
    status: input?.status ?? 'active',
    url: input?.url ?? '',
    email: input?.email ?? '',
    help_types: input?.helpTypeIds ?? [],
    residency_rule: input?.eligibility.residencyRule ?? 'none',
    residency_territories: input?.eligibility.residencyTerritoryCodes ?? [],
    eligible_sex: input?.eligibility.sex ?? 'any',
    minimum_age: input?.eligibility.minimumAge?.toString() ?? '',
    maximum_age: input?.eligibility.maximumAge?.toString() ?? '',
    eligibility_description: input?.eligibility.description ?? '',
    capacity_beds: input?.capacityBeds?.toString() ?? '',
    is_statewide: input?.isStatewide ?? false,
    service_areas: input?.serviceAreaCodes ?? [],
    open_always: openAlways,
    hours: openAlways ? emptyHours() : hours,
    languages: input?.languages ?? [],
    required_documents: (input?.requiredDocuments ?? []).join('\n'),
    application_process: input?.applicationProcess ?? '',
    fees_description: input?.feesDescription ?? '',
    legal_basis_act: input?.entitlement?.law ?? '',
    legal_basis_article: input?.entitlement?.article ?? '',
    legal_basis_url: input?.entitlement?.url ?? '',
    benefit_amount: input?.entitlement?.amount ?? '',
    benefit_limits: input?.entitlement?.limits ?? '',
    phones: phonesToValues(input?.phones ?? []),
    location_ids: input?.locationIds ?? [],
    last_verified_on: input?.lastVerifiedOn ?? '',
    translations: translationValuesFromInput(input?.translations, serviceTextFields),
  };
}

/** Days with the same hours become one opening-hours entry (one HSDS schedule row). */
function groupHours(hours: HoursValues): OpeningHours[] {
  const groups = new Map<string, Weekday[]>();
  for (const day of weekdays) {
    const opensAt = normaliseTime(hours[day].opens);
    const closesAt = normaliseTime(hours[day].closes);
    if (!opensAt || !closesAt) continue;
    const key = `${opensAt}-${closesAt}`;
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  return [...groups].map(([key, days]) => {
    const [opensAt, closesAt] = key.split('-') as [string, string];
    return { days, opensAt, closesAt, description: null };
  });
}

export function serviceInputFromValues(values: ServiceFormValues): ServiceInput {
  const residencyRule = values.residency_rule as ResidencyRule;
  return {
    name: values.name.trim(),
    alternateName: null,
    description: nullIfEmpty(values.description),
    status: values.status as ServiceStatus,
    url: values.url.trim() === '' ? null : withScheme(values.url.trim()),
    email: nullIfEmpty(values.email),
    helpTypeIds: [...new Set(values.help_types)],
    eligibility: {
      residencyRule,
      residencyTerritoryCodes: residencyRule === 'none' ? [] : [...new Set(values.residency_territories)],
      sex: values.eligible_sex as EligibleSex,
      minimumAge: numberOrNull(values.minimum_age),
      maximumAge: numberOrNull(values.maximum_age),
      description: nullIfEmpty(values.eligibility_description),
    },
    capacityBeds: numberOrNull(values.capacity_beds),
    isStatewide: values.is_statewide,
    serviceAreaCodes: values.is_statewide ? [] : [...new Set(values.service_areas)],
    openingHours: values.open_always
      ? [{ days: [...weekdays], ...ALWAYS, description: null }]
      : groupHours(values.hours),
    languages: [...new Set(values.languages)],
    requiredDocuments: values.required_documents
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    applicationProcess: nullIfEmpty(values.application_process),
    feesDescription: nullIfEmpty(values.fees_description),
    entitlement: {
      law: nullIfEmpty(values.legal_basis_act),
      article: nullIfEmpty(values.legal_basis_article),
      url: nullIfEmpty(values.legal_basis_url),
      amount: nullIfEmpty(values.benefit_amount),
      limits: nullIfEmpty(values.benefit_limits),
    },
    phones: phonesToInput(values.phones),
    locationIds: [...new Set(values.location_ids)],
    lastVerifiedOn: nullIfEmpty(values.last_verified_on),
    translations: translationsFromValues(values.translations, serviceTextFields, ['required_documents', 'hours_note']),
  };
}

// ---- location ----------------------------------------------------------------------------------------------

export type LocationFormValues = {
  name: string;
  address_1: string;
  address_2: string;
  city: string;
  postal_code: string;
  territory_code: string;
  description: string;
  transportation: string;
  latitude: string;
  longitude: string;
  phones: PhoneValues[];
};

const POSTAL_CODE = /^(LV)?[- ]?(\d{4})$/i;
const DECIMAL = /^-?\d{1,3}([.,]\d+)?$/;

export function locationFormSchema(references: { territoryCodes: ReadonlySet<string> }) {
  return z
    .object({
      name: optional(200),
      address_1: required(200),
      address_2: optional(200),
      city: required(100),
      postal_code: z
        .string()
        .trim()
        .refine((value) => value === '' || POSTAL_CODE.test(value), 'registry.error.postal_code'),
      territory_code: z
        .string()
        .refine((code) => code !== '', 'registry.error.territory_required')
        .refine((code) => code === '' || references.territoryCodes.has(code), 'registry.error.territory_unknown'),
      description: optional(2000),
      transportation: optional(1000),
      latitude: z.string().trim(),
      longitude: z.string().trim(),
      phones: phonesSchema,
    })
    .superRefine((values, context) => {
      const latitude = values.latitude.trim();
      const longitude = values.longitude.trim();
      if (latitude === '' && longitude === '') return;
      const inLatvia =
        DECIMAL.test(latitude) &&
        DECIMAL.test(longitude) &&
        numberOrNull(latitude)! >= 55.6 &&
        numberOrNull(latitude)! <= 58.1 &&
        numberOrNull(longitude)! >= 20.9 &&
        numberOrNull(longitude)! <= 28.3;
      if (!inLatvia) context.addIssue({ code: 'custom', message: 'registry.error.coordinates', path: ['latitude'] });
    });
}

export function locationValuesFromForm(raw: RawForm): LocationFormValues {
  return {
    name: one(raw, 'name'),
    address_1: one(raw, 'address_1'),
    address_2: one(raw, 'address_2'),
    city: one(raw, 'city'),
    postal_code: one(raw, 'postal_code'),
    territory_code: one(raw, 'territory_code'),
    description: one(raw, 'description'),
    transportation: one(raw, 'transportation'),
    latitude: one(raw, 'latitude'),
    longitude: one(raw, 'longitude'),
    phones: phonesFromRaw(raw),
  };
}

export function locationValuesFromInput(input: LocationInput | null): LocationFormValues {
  return {
    name: input?.name ?? '',
    address_1: input?.address.address1 ?? '',
    address_2: input?.address.address2 ?? '',
    city: input?.address.city ?? '',
    postal_code: input?.address.postalCode ?? '',
    territory_code: input?.territoryCode ?? '',
    description: input?.description ?? '',
    transportation: input?.transportation ?? '',
    latitude: input?.latitude?.toString() ?? '',
    longitude: input?.longitude?.toString() ?? '',
    phones: phonesToValues(input?.phones ?? []),
  };
}

export function locationInputFromValues(values: LocationFormValues): LocationInput {
  const postal = POSTAL_CODE.exec(values.postal_code.trim());
  return {
    name: nullIfEmpty(values.name),
    description: nullIfEmpty(values.description),
    transportation: nullIfEmpty(values.transportation),
    latitude: numberOrNull(values.latitude),
    longitude: numberOrNull(values.longitude),
    territoryCode: values.territory_code,
    address: {
      address1: values.address_1.trim(),
      address2: nullIfEmpty(values.address_2),
      city: values.city.trim(),
      postalCode: postal ? `LV-${postal[2]}` : '',
    },
    phones: phonesToInput(values.phones),
  };
}

// ---- contact -----------------------------------------------------------------------------------------------

export type ContactFormValues = {
  name: string;
  title: string;
  department: string;
  email: string;
  service_id: string;
  phones: PhoneValues[];
};

export function contactFormSchema(references: { serviceIds: ReadonlySet<string> }) {
  return z
    .object({
      name: optional(200),
      title: optional(200),
      department: optional(200),
      email: optionalEmail,
      service_id: z.string().refine((id) => id === '' || references.serviceIds.has(id), 'registry.error.choose'),
      phones: phonesSchema,
    })
    .superRefine((values, context) => {
      // A contact nobody can reach is no contact: it needs a way in, or at least a name or desk to ask for.
      const hasWayIn = values.email.trim() !== '' || values.phones.some((phone) => phone.number.trim() !== '');
      if (!hasWayIn && values.name.trim() === '' && values.department.trim() === '') {
        context.addIssue({ code: 'custom', message: 'registry.error.contact_empty', path: ['name'] });
      }
    });
}

export function contactValuesFromForm(raw: RawForm): ContactFormValues {
  return {
    name: one(raw, 'name'),
    title: one(raw, 'title'),
    department: one(raw, 'department'),
    email: one(raw, 'email'),
    service_id: one(raw, 'service_id'),
    phones: phonesFromRaw(raw),
  };
}

export function contactValuesFromInput(input: ContactInput | null): ContactFormValues {
  return {
    name: input?.name ?? '',
    title: input?.title ?? '',
    department: input?.department ?? '',
    email: input?.email ?? '',
    service_id: input?.serviceId ?? '',
    phones: phonesToValues(input?.phones ?? []),
  };
}

export function contactInputFromValues(values: ContactFormValues): ContactInput {
  return {
    name: nullIfEmpty(values.name),
    title: nullIfEmpty(values.title),
    department: nullIfEmpty(values.department),
    email: nullIfEmpty(values.email),
    serviceId: nullIfEmpty(values.service_id),
    phones: phonesToInput(values.phones),
  };
}

// ---- list filters ------------------------------------------------------------------------------------------

export const institutionListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  type: z.enum(institutionTypes).optional().catch(undefined),
  territory: z
    .string()
    .regex(/^\d{7}$/)
    .optional()
    .catch(undefined),
  help_type: z.string().max(80).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

// ---- errors ------------------------------------------------------------------------------------------------

/** Field errors keyed by the form's path ('name', 'phones.0.number', 'hours.MO'), translated; the first per field. */
export function translateFieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (errors[key] !== undefined) continue;
    errors[key] = issue.message.startsWith('registry.') ? t(issue.message) : t('registry.error.invalid');
  }
  return errors;
}
