// Rows of the registry tables become domain objects here, in named functions, so a renamed column or an
// internal field never reaches a page.
import { entitlementFromColumns } from './entitlement.js';
import type { Institution, Location, Contact, Address, Phone, OpeningHours, Service } from './institution.model.js';
import { isInstitutionType, weekdays, type Weekday } from './registry.enums.js';
import type {
  AddressRow,
  ContactRow,
  LocationRow,
  OrganizationRow,
  PhoneRow,
  ScheduleRow,
  ServiceRow,
  ServiceTermRow,
  ResidencyTerritoryRow,
  ServiceAreaRow,
  LanguageRow,
  RequiredDocumentRow,
  ServiceLocationRow,
} from './registry.repository.js';
import type { OrganizationTranslationRow, ServiceTranslationRow } from './listing-translation.repository.js';
import { toInstitutionTranslations, toServiceTranslations } from './listing-translation.mapping.js';

export function toPhone(row: PhoneRow): Phone {
  return { id: row.id, number: row.number, extension: row.extension, type: row.type, description: row.description };
}

export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    address1: row.address_1,
    address2: row.address_2,
    city: row.city,
    region: row.region,
    stateProvince: row.state_province,
    postalCode: row.postal_code,
    country: row.country,
  };
}

export function toLocation(row: LocationRow, addresses: AddressRow[], phones: PhoneRow[]): Location {
  const address =
    addresses.find((candidate) => candidate.location_id === row.id && candidate.address_type === 'physical') ??
    addresses.find((candidate) => candidate.location_id === row.id);
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    description: row.description,
    transportation: row.transportation,
    latitude: row.latitude,
    longitude: row.longitude,
    territoryCode: row.territory_code,
    territoryName: row.territory_name,
    municipalityCode: row.municipality_code,
    address: address ? toAddress(address) : null,
    phones: phones.filter((phone) => phone.location_id === row.id && phone.contact_id === null).map(toPhone),
  };
}

export function toContact(row: ContactRow, phones: PhoneRow[]): Contact {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    title: row.title,
    department: row.department,
    email: row.email,
    phones: phones.filter((phone) => phone.contact_id === row.id).map(toPhone),
  };
}

export function toInstitution(
  row: OrganizationRow,
  related: {
    phones: PhoneRow[];
    contacts: ContactRow[];
    locations: LocationRow[];
    addresses: AddressRow[];
    translations: OrganizationTranslationRow[];
  },
): Institution {
  return {
    id: row.id,
    name: row.name,
    alternateName: row.alternate_name,
    description: row.description,
    email: row.email,
    website: row.website,
    type: isInstitutionType(row.institution_type) ? row.institution_type : null,
    isDemo: row.is_demo,
    lastVerifiedOn: row.last_verified_on,
    updatedAt: row.updated_at,
    phones: related.phones
      .filter(
        (phone) => phone.organization_id === row.id && !phone.location_id && !phone.service_id && !phone.contact_id,
      )
      .map(toPhone),
    contacts: related.contacts
      .filter((contact) => contact.service_id === null)
      .map((contact) => toContact(contact, related.phones)),
    locations: related.locations.map((location) => toLocation(location, related.addresses, related.phones)),
    translations: toInstitutionTranslations(related.translations, row.id),
  };
}

/** Monday first: the order opening hours and their history text are written in. */
export const weekdayOrder = new Map<string, number>(weekdays.map((day, index) => [day, index]));

/** Weekly schedule rows become opening hours; other HSDS schedule shapes (monthly, dated) are not shown here. */
export function toOpeningHours(rows: ScheduleRow[]): OpeningHours[] {
  return rows
    .filter((row) => row.opens_at && row.closes_at && row.byday && (row.freq === null || row.freq === 'WEEKLY'))
    .map((row) => ({
      days: row
        .byday!.split(',')
        .map((day) => day.trim().toUpperCase())
        .filter((day): day is Weekday => weekdayOrder.has(day))
        .sort((a, b) => weekdayOrder.get(a)! - weekdayOrder.get(b)!),
      opensAt: row.opens_at!.slice(0, 5),
      closesAt: row.closes_at!.slice(0, 5),
      description: row.description,
    }))
    .filter((hours) => hours.days.length > 0)
    .sort(
      (a, b) => weekdayOrder.get(a.days[0]!)! - weekdayOrder.get(b.days[0]!)! || a.opensAt.localeCompare(b.opensAt),
    );
}

/** The rows of a batch of services' parts, as the read service loads them (each list may hold several services). */
export type ServiceParts = {
  terms: ServiceTermRow[];
  residency: ResidencyTerritoryRow[];
  areas: ServiceAreaRow[];
  schedules: ScheduleRow[];
  languages: LanguageRow[];
  documents: RequiredDocumentRow[];
  contacts: ContactRow[];
  serviceLocations: ServiceLocationRow[];
  phones: PhoneRow[];
  translations: ServiceTranslationRow[];
};

/** One service from its row and its parts; help types in `termOrder` (questionnaire order). */
export function toService(row: ServiceRow, parts: ServiceParts, termOrder: Map<string, number>): Service {
  const { terms, residency, areas, schedules, languages, documents, contacts, serviceLocations, phones, translations } =
    parts;
  return {
    id: row.id,
    organizationId: row.organization_id ?? '',
    name: row.name,
    alternateName: row.alternate_name,
    description: row.description,
    status: row.status,
    url: row.url,
    email: row.email,
    helpTypes: terms
      .filter((term) => term.service_id === row.id)
      .sort((a, b) => (termOrder.get(a.id) ?? 0) - (termOrder.get(b.id) ?? 0))
      .map((term) => ({ id: term.id, code: term.code ?? '', name: term.name, parentId: term.parent_id })),
    eligibility: {
      residencyRule: row.residency_rule,
      residencyTerritories: residency
        .filter((entry) => entry.service_id === row.id)
        .map((entry) => ({ code: entry.territory_code, name: entry.name })),
      sex: row.eligible_sex,
      minimumAge: row.minimum_age,
      maximumAge: row.maximum_age,
      description: row.eligibility_description,
    },
    capacityBeds: row.capacity_beds,
    isStatewide: row.is_statewide,
    serviceAreas: areas
      .filter((area) => area.service_id === row.id)
      .map((area) => ({ code: area.territory_code, name: area.name ?? area.extent ?? area.territory_code ?? '' })),
    openingHours: toOpeningHours(schedules.filter((schedule) => schedule.service_id === row.id)),
    languages: languages.filter((entry) => entry.service_id === row.id && entry.code).map((entry) => entry.code!),
    requiredDocuments: documents
      .filter((entry) => entry.service_id === row.id && entry.document)
      .map((entry) => entry.document!),
    applicationProcess: row.application_process,
    feesDescription: row.fees_description,
    entitlement: entitlementFromColumns(row),
    phones: phones.filter((phone) => phone.service_id === row.id && phone.contact_id === null).map(toPhone),
    contacts: contacts.filter((contact) => contact.service_id === row.id).map((contact) => toContact(contact, phones)),
    locationIds: serviceLocations.filter((entry) => entry.service_id === row.id).map((entry) => entry.location_id),
    lastVerifiedOn: row.last_verified_on,
    updatedAt: row.updated_at,
    translations: toServiceTranslations(translations, row.id),
  };
}
