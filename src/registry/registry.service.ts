// The registry of institutions and their services: domain types, reading, and writes that keep a change history.
// Every write takes a transaction (the caller opens it), bumps registry_revision so each app process sees that
// its finder index is stale, and records one HSDS `metadata` row per changed field.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import { findTerritory } from '../territories/territory.service.js';
import { foldText } from '../text/fold.js';
import { allHelpTypeTerms, helpTypes, helpTypeTaxonomy } from './help-types.js';
import {
  bumpRegistryRevision,
  countAllOrganizations,
  countOrganizations,
  deleteContactRow,
  deleteOrganizationRows,
  deleteLocationRow,
  insertAddress,
  insertContact,
  insertLocation,
  insertMetadata,
  insertOrganization,
  insertService,
  replaceLanguages,
  replacePhones,
  replaceRequiredDocuments,
  replaceResidencyTerritories,
  replaceSchedules,
  replaceServiceAreas,
  replaceServiceLocations,
  replaceServiceTerms,
  selectAddressesOfLocations,
  selectContact,
  selectContactsOfOrganization,
  selectContactsOfServices,
  selectExistingOrganizationIds,
  selectLanguages,
  selectLocation,
  selectLocationsOfOrganization,
  selectMetadataOf,
  selectOrganization,
  selectOrganizationMunicipalities,
  selectOrganizationPage,
  selectPhonesOf,
  selectRequiredDocuments,
  selectResidencyTerritories,
  selectSchedules,
  selectService,
  selectServiceAreas,
  selectServiceLocations,
  selectServicesOfOrganization,
  selectServiceTerms,
  selectTaxonomyTerms,
  updateAddressRow,
  updateContactRow,
  updateLocationRow,
  updateOrganizationRow,
  updateServiceRow,
  type AddressRow,
  type ContactRow,
  type InstitutionFilter,
  type LocationRow,
  type OrganizationRow,
  type PhoneRow,
  type ScheduleRow,
  type ServiceRow,
} from './registry.repository.js';
import type { MetadataTable, PhoneTable } from './registry.table.js';

// ---- domain types ------------------------------------------------------------------------------------------

export const institutionTypes = ['municipal_social_service', 'municipal_other', 'state', 'ngo', 'religious', 'private', 'prison'] as const;
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

export type Phone = { id: string; number: string; extension: number | null; type: string | null; description: string | null };
export type PhoneInput = { number: string; description: string | null };

export type Address = { id: string; address1: string; address2: string | null; city: string; region: string | null; stateProvince: string; postalCode: string; country: string };

export type Location = {
  id: string;
  organizationId: string | null;
  name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  territoryCode: string | null;
  territoryName: string | null;
  municipalityCode: string | null;
  address: Address | null;
  phones: Phone[];
};

export type Contact = { id: string; serviceId: string | null; name: string | null; title: string | null; department: string | null; email: string | null; phones: Phone[] };

/** An organization of the registry with what a person needs to reach it. */
export type Institution = {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  type: InstitutionType | null;
  isDemo: boolean;
  lastVerifiedOn: string | null;
  updatedAt: Date;
  phones: Phone[];
  contacts: Contact[];
  locations: Location[];
};

/** Opening hours on some weekdays; times are local (Europe/Riga) 'HH:MM', closesAt may be '24:00'. */
export type OpeningHours = { days: Weekday[]; opensAt: string; closesAt: string; description: string | null };

export type Eligibility = {
  residencyRule: ResidencyRule;
  residencyTerritories: Array<{ code: string; name: string }>;
  sex: EligibleSex;
  minimumAge: number | null;
  maximumAge: number | null;
  description: string | null;
};

export type HelpTypeTag = { id: string; code: string; name: string; parentId: string | null };

export type Service = {
  id: string;
  organizationId: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  status: ServiceStatus;
  url: string | null;
  email: string | null;
  helpTypes: HelpTypeTag[];
  eligibility: Eligibility;
  capacityBeds: number | null;
  isStatewide: boolean;
  serviceAreas: Array<{ code: string | null; name: string }>;
  openingHours: OpeningHours[];
  languages: string[];
  requiredDocuments: string[];
  applicationProcess: string | null;
  feesDescription: string | null;
  phones: Phone[];
  contacts: Contact[];
  locationIds: string[];
  lastVerifiedOn: string | null;
  updatedAt: Date;
};

export type InstitutionWithServices = Institution & { services: Service[] };

export type InstitutionSummary = {
  id: string;
  name: string;
  alternateName: string | null;
  type: InstitutionType | null;
  isDemo: boolean;
  lastVerifiedOn: string | null;
  serviceCount: number;
  municipalities: Array<{ code: string; name: string }>;
};

export type InstitutionSearch = {
  query?: string;
  type?: InstitutionType;
  territoryCode?: string;
  helpTypeCode?: string;
  page?: number;
  perPage?: number;
};

export type InstitutionPage = { items: InstitutionSummary[]; total: number; page: number; perPage: number; pageCount: number };

export type HelpTypeOption = { id: string; code: string; name: string; description: string; finer: Array<{ id: string; code: string; name: string; description: string }> };

// ---- inputs ------------------------------------------------------------------------------------------------

export type InstitutionInput = {
  name: string;
  alternateName: string | null;
  description: string;
  /** Staff forms require a type; imported organizations may lack one. */
  type: InstitutionType | null;
  email: string | null;
  website: string | null;
  lastVerifiedOn: string | null;
  phones: PhoneInput[];
};

export type ServiceInput = {
  name: string;
  alternateName: string | null;
  description: string | null;
  status: ServiceStatus;
  url: string | null;
  email: string | null;
  helpTypeIds: string[];
  eligibility: {
    residencyRule: ResidencyRule;
    residencyTerritoryCodes: string[];
    sex: EligibleSex;
    minimumAge: number | null;
    maximumAge: number | null;
    description: string | null;
  };
  capacityBeds: number | null;
  isStatewide: boolean;
  serviceAreaCodes: string[];
  openingHours: OpeningHours[];
  languages: string[];
  requiredDocuments: string[];
  applicationProcess: string | null;
  feesDescription: string | null;
  phones: PhoneInput[];
  locationIds: string[];
  lastVerifiedOn: string | null;
};

export type LocationInput = {
  name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  territoryCode: string;
  address: { address1: string; address2: string | null; city: string; postalCode: string };
  phones: PhoneInput[];
};

export type ContactInput = { name: string | null; title: string | null; department: string | null; email: string | null; serviceId: string | null; phones: PhoneInput[] };

/**
 * Who writes and how: `updatedBy` is an account id (or a `system:` label for loaders), never a person's name,
 * because metadata is exported with the registry. `newId` lets the demo loader make the same ids every time.
 */
export type WriteContext = { updatedBy: string; now?: Date; newId?: () => string };

// ---- mapping rows to domain objects ------------------------------------------------------------------------

function toPhone(row: PhoneRow): Phone {
  return { id: row.id, number: row.number, extension: row.extension, type: row.type, description: row.description };
}

function toAddress(row: AddressRow): Address {
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

function toLocation(row: LocationRow, addresses: AddressRow[], phones: PhoneRow[]): Location {
  const address = addresses.find((candidate) => candidate.location_id === row.id && candidate.address_type === 'physical') ?? addresses.find((candidate) => candidate.location_id === row.id);
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

function toContact(row: ContactRow, phones: PhoneRow[]): Contact {
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

function isInstitutionType(value: string | null): value is InstitutionType {
  return value !== null && (institutionTypes as readonly string[]).includes(value);
}

function toInstitution(row: OrganizationRow, related: { phones: PhoneRow[]; contacts: ContactRow[]; locations: LocationRow[]; addresses: AddressRow[] }): Institution {
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
    phones: related.phones.filter((phone) => phone.organization_id === row.id && !phone.location_id && !phone.service_id && !phone.contact_id).map(toPhone),
    contacts: related.contacts.filter((contact) => contact.service_id === null).map((contact) => toContact(contact, related.phones)),
    locations: related.locations.map((location) => toLocation(location, related.addresses, related.phones)),
  };
}

const weekdayOrder = new Map<string, number>(weekdays.map((day, index) => [day, index]));

/** Weekly schedule rows become opening hours; other HSDS schedule shapes (monthly, dated) are not shown here. */
function toOpeningHours(rows: ScheduleRow[]): OpeningHours[] {
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
    .sort((a, b) => weekdayOrder.get(a.days[0]!)! - weekdayOrder.get(b.days[0]!)! || a.opensAt.localeCompare(b.opensAt));
}

// ---- reading -----------------------------------------------------------------------------------------------

/** The eleven help types with their finer terms, named in the given language, in questionnaire order. */
export async function listHelpTypes(db: Kysely<Database>, language: Language): Promise<HelpTypeOption[]> {
  const rows = await selectTaxonomyTerms(db, helpTypeTaxonomy.id, language);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const words = (id: string, code: string) => ({ id, code, name: byId.get(id)?.name ?? code, description: byId.get(id)?.description ?? '' });
  return helpTypes.map((type) => ({ ...words(type.id, type.code), finer: type.finer.map((term) => words(term.id, term.code)) }));
}

/** Term ids a help-type code stands for: the term itself and, for a top help type, all its finer terms. */
export function helpTypeTermIds(code: string): string[] {
  const terms = allHelpTypeTerms();
  const term = terms.find((candidate) => candidate.code === code);
  if (!term) return [];
  return [term.id, ...terms.filter((candidate) => candidate.parentId === term.id).map((candidate) => candidate.id)];
}

/** Ids of help-type terms by code, for loaders that name help types rather than ids. */
export function helpTypeIdsForCodes(codes: string[]): string[] {
  const terms = allHelpTypeTerms();
  return codes.map((code) => {
    const term = terms.find((candidate) => candidate.code === code);
    if (!term) throw new Error(`unknown help type code ${code}`);
    return term.id;
  });
}

/** The folded text an organization is found by: its name and alternate name, without case or diacritics. */
export function institutionSearchName(name: string, alternateName: string | null): string {
  return foldText([name, alternateName ?? ''].join(' '));
}

/** Lists institutions page by page; the query ignores case and diacritics, filters narrow by type, place and help type. */
export async function searchInstitutions(db: Kysely<Database>, search: InstitutionSearch): Promise<InstitutionPage> {
  const perPage = Math.min(Math.max(search.perPage ?? 25, 1), 100);
  const filter: InstitutionFilter = { words: foldText(search.query ?? '').split(' ').filter(Boolean) };
  if (search.type) filter.institutionType = search.type;
  if (search.territoryCode) filter.territoryCode = search.territoryCode;
  if (search.helpTypeCode) filter.termIds = helpTypeTermIds(search.helpTypeCode);
  if (search.helpTypeCode && filter.termIds?.length === 0) return { items: [], total: 0, page: 1, perPage, pageCount: 0 };
  const total = await countOrganizations(db, filter);
  const pageCount = Math.ceil(total / perPage);
  const page = Math.min(Math.max(search.page ?? 1, 1), Math.max(pageCount, 1));
  const rows = await selectOrganizationPage(db, filter, perPage, (page - 1) * perPage);
  const municipalities = await selectOrganizationMunicipalities(db, rows.map((row) => row.id));
  const items = rows.map((row) => ({
    id: row.id,
    name: row.name,
    alternateName: row.alternate_name,
    type: isInstitutionType(row.institution_type) ? row.institution_type : null,
    isDemo: row.is_demo,
    lastVerifiedOn: row.last_verified_on,
    serviceCount: row.service_count,
    municipalities: municipalities.filter((municipality) => municipality.organization_id === row.id).map(({ code, name }) => ({ code, name })),
  }));
  return { items, total, page, perPage, pageCount };
}

/** How many organizations the registry holds (zero on a fresh installation). */
export async function countInstitutions(db: Kysely<Database>): Promise<number> {
  return countAllOrganizations(db);
}

/** One institution with its phones, contacts and locations (no services); throws not_found. */
export async function getInstitution(db: Kysely<Database>, id: string): Promise<Institution> {
  const row = await selectOrganization(db, id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  const [locations, contacts] = await Promise.all([selectLocationsOfOrganization(db, id), selectContactsOfOrganization(db, id)]);
  const [addresses, phones] = await Promise.all([
    selectAddressesOfLocations(db, locations.map((location) => location.id)),
    selectPhonesOf(db, { organizationIds: [id], locationIds: locations.map((location) => location.id), contactIds: contacts.map((contact) => contact.id) }),
  ]);
  return toInstitution(row, { phones, contacts, locations, addresses });
}

/** One institution with everything it offers, help types named in `language`; throws not_found. */
export async function getInstitutionWithServices(db: Kysely<Database>, id: string, language: Language): Promise<InstitutionWithServices> {
  const institution = await getInstitution(db, id);
  const services = await loadServices(db, await selectServicesOfOrganization(db, id), language);
  return { ...institution, services };
}

/** One service with all its parts; throws not_found. */
export async function getService(db: Kysely<Database>, id: string, language: Language): Promise<Service> {
  const row = await selectService(db, id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  const [service] = await loadServices(db, [row], language);
  return service!;
}

async function loadServices(db: Kysely<Database>, rows: ServiceRow[], language: Language): Promise<Service[]> {
  const ids = rows.map((row) => row.id);
  const [terms, residency, areas, schedules, languages, documents, contacts, serviceLocations] = await Promise.all([
    selectServiceTerms(db, ids, helpTypeTaxonomy.id, language),
    selectResidencyTerritories(db, ids),
    selectServiceAreas(db, ids),
    selectSchedules(db, ids),
    selectLanguages(db, ids),
    selectRequiredDocuments(db, ids),
    selectContactsOfServices(db, ids),
    selectServiceLocations(db, ids),
  ]);
  const phones = await selectPhonesOf(db, { serviceIds: ids, contactIds: contacts.map((contact) => contact.id) });
  const termOrder = new Map(helpTypes.flatMap((type) => [type.id, ...type.finer.map((term) => term.id)]).map((id, index) => [id, index]));
  return rows.map((row) => ({
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
      residencyTerritories: residency.filter((entry) => entry.service_id === row.id).map((entry) => ({ code: entry.territory_code, name: entry.name })),
      sex: row.eligible_sex,
      minimumAge: row.minimum_age,
      maximumAge: row.maximum_age,
      description: row.eligibility_description,
    },
    capacityBeds: row.capacity_beds,
    isStatewide: row.is_statewide,
    serviceAreas: areas.filter((area) => area.service_id === row.id).map((area) => ({ code: area.territory_code, name: area.name ?? area.extent ?? area.territory_code ?? '' })),
    openingHours: toOpeningHours(schedules.filter((schedule) => schedule.service_id === row.id)),
    languages: languages.filter((entry) => entry.service_id === row.id && entry.code).map((entry) => entry.code!),
    requiredDocuments: documents.filter((entry) => entry.service_id === row.id && entry.document).map((entry) => entry.document!),
    applicationProcess: row.application_process,
    feesDescription: row.fees_description,
    phones: phones.filter((phone) => phone.service_id === row.id && phone.contact_id === null).map(toPhone),
    contacts: contacts.filter((contact) => contact.service_id === row.id).map((contact) => toContact(contact, phones)),
    locationIds: serviceLocations.filter((entry) => entry.service_id === row.id).map((entry) => entry.location_id),
    lastVerifiedOn: row.last_verified_on,
    updatedAt: row.updated_at,
  }));
}

/** The change history of one resource (organization, service, location, address or contact), newest first. */
export async function listChanges(db: Kysely<Database>, resourceIds: string[]) {
  const rows = await selectMetadataOf(db, resourceIds);
  return rows.map((row) => ({
    resourceId: row.resource_id,
    resourceType: row.resource_type,
    date: row.last_action_date,
    action: row.last_action_type,
    field: row.field_name,
    previousValue: row.previous_value,
    newValue: row.replacement_value,
    updatedBy: row.updated_by,
  }));
}

export type ChangeEvent = { date: string; action: string; resourceType: string; resourceId: string; fields: string[] };

/** The change history as events (one save of one record, with the fields it changed), newest first. */
export async function listChangeEvents(db: Kysely<Database>, resourceIds: string[], limit: number): Promise<ChangeEvent[]> {
  const events = new Map<string, ChangeEvent>();
  for (const change of await listChanges(db, resourceIds)) {
    const key = `${change.date}|${change.resourceId}|${change.action}`;
    const event = events.get(key);
    if (event) event.fields.push(change.field);
    else events.set(key, { date: change.date, action: change.action, resourceType: change.resourceType, resourceId: change.resourceId, fields: [change.field] });
  }
  return [...events.values()].slice(0, limit);
}

// ---- inputs from domain objects (edit forms start from these; history compares them) -----------------------

/** What an institution's edit form starts with. */
export function institutionToInput(institution: Institution): InstitutionInput {
  return {
    name: institution.name,
    alternateName: institution.alternateName,
    description: institution.description,
    type: institution.type,
    email: institution.email,
    website: institution.website,
    lastVerifiedOn: institution.lastVerifiedOn,
    phones: institution.phones.map((phone) => ({ number: phone.number, description: phone.description })),
  };
}

/** What a service's edit form starts with. */
export function serviceToInput(service: Service): ServiceInput {
  return {
    name: service.name,
    alternateName: service.alternateName,
    description: service.description,
    status: service.status,
    url: service.url,
    email: service.email,
    helpTypeIds: service.helpTypes.map((type) => type.id),
    eligibility: {
      residencyRule: service.eligibility.residencyRule,
      residencyTerritoryCodes: service.eligibility.residencyTerritories.map((territory) => territory.code),
      sex: service.eligibility.sex,
      minimumAge: service.eligibility.minimumAge,
      maximumAge: service.eligibility.maximumAge,
      description: service.eligibility.description,
    },
    capacityBeds: service.capacityBeds,
    isStatewide: service.isStatewide,
    serviceAreaCodes: service.serviceAreas.flatMap((area) => (area.code ? [area.code] : [])),
    openingHours: service.openingHours,
    languages: service.languages,
    requiredDocuments: service.requiredDocuments,
    applicationProcess: service.applicationProcess,
    feesDescription: service.feesDescription,
    phones: service.phones.map((phone) => ({ number: phone.number, description: phone.description })),
    locationIds: service.locationIds,
    lastVerifiedOn: service.lastVerifiedOn,
  };
}

/** What a location's edit form starts with. */
export function locationToInput(location: Location): LocationInput {
  return {
    name: location.name,
    description: location.description,
    transportation: location.transportation,
    latitude: location.latitude,
    longitude: location.longitude,
    territoryCode: location.territoryCode ?? '',
    address: {
      address1: location.address?.address1 ?? '',
      address2: location.address?.address2 ?? null,
      city: location.address?.city ?? '',
      postalCode: location.address?.postalCode ?? '',
    },
    phones: location.phones.map((phone) => ({ number: phone.number, description: phone.description })),
  };
}

/** What a contact's edit form starts with. */
export function contactToInput(contact: Contact): ContactInput {
  return {
    name: contact.name,
    title: contact.title,
    department: contact.department,
    email: contact.email,
    serviceId: contact.serviceId,
    phones: contact.phones.map((phone) => ({ number: phone.number, description: phone.description })),
  };
}

// ---- change history ----------------------------------------------------------------------------------------

type Snapshot = Record<string, string>;
type Resource = { id: string; type: 'organization' | 'service' | 'location' | 'address' | 'contact' };

const text = (value: string | number | boolean | null | undefined) => (value === null || value === undefined ? '' : String(value));
const phonesText = (phones: PhoneInput[]) => phones.map((phone) => (phone.description ? `${phone.number} (${phone.description})` : phone.number)).join('; ');
const listText = (values: string[]) => [...values].sort().join(', ');
const hoursText = (hours: OpeningHours[]) =>
  [...hours]
    .sort((a, b) => weekdayOrder.get(a.days[0] ?? 'MO')! - weekdayOrder.get(b.days[0] ?? 'MO')!)
    .map((entry) => `${entry.days.join(',')} ${entry.opensAt}-${entry.closesAt}`)
    .join('; ');
const helpTypeCodeById = new Map(allHelpTypeTerms().map((term) => [term.id, term.code]));

function institutionSnapshot(input: InstitutionInput): Snapshot {
  return {
    name: input.name,
    alternate_name: text(input.alternateName),
    description: input.description,
    institution_type: text(input.type),
    email: text(input.email),
    website: text(input.website),
    last_verified_on: text(input.lastVerifiedOn),
    phones: phonesText(input.phones),
  };
}

function serviceSnapshot(input: ServiceInput): Snapshot {
  return {
    name: input.name,
    alternate_name: text(input.alternateName),
    description: text(input.description),
    status: input.status,
    url: text(input.url),
    email: text(input.email),
    help_types: listText(input.helpTypeIds.map((id) => helpTypeCodeById.get(id) ?? id)),
    residency_rule: input.eligibility.residencyRule,
    residency_territories: listText(input.eligibility.residencyTerritoryCodes),
    eligible_sex: input.eligibility.sex,
    minimum_age: text(input.eligibility.minimumAge),
    maximum_age: text(input.eligibility.maximumAge),
    eligibility_description: text(input.eligibility.description),
    capacity_beds: text(input.capacityBeds),
    is_statewide: text(input.isStatewide),
    service_areas: listText(input.serviceAreaCodes),
    schedules: hoursText(input.openingHours),
    languages: listText(input.languages),
    required_documents: input.requiredDocuments.join('; '),
    application_process: text(input.applicationProcess),
    fees_description: text(input.feesDescription),
    phones: phonesText(input.phones),
    locations: listText(input.locationIds),
    last_verified_on: text(input.lastVerifiedOn),
  };
}

function locationSnapshot(input: LocationInput): Snapshot {
  return {
    name: text(input.name),
    description: text(input.description),
    transportation: text(input.transportation),
    latitude: text(input.latitude),
    longitude: text(input.longitude),
    territory_code: input.territoryCode,
    phones: phonesText(input.phones),
  };
}

function addressSnapshot(address: { address1: string; address2: string | null; city: string; postalCode: string; stateProvince: string }): Snapshot {
  return { address_1: address.address1, address_2: text(address.address2), city: address.city, postal_code: address.postalCode, state_province: address.stateProvince };
}

function contactSnapshot(input: ContactInput): Snapshot {
  return { name: text(input.name), title: text(input.title), department: text(input.department), email: text(input.email), service_id: text(input.serviceId), phones: phonesText(input.phones) };
}

/** The metadata rows for the fields that differ between two snapshots (one per field; creates skip empty fields). */
function changeRows(resource: Resource, action: 'create' | 'update' | 'delete', before: Snapshot, after: Snapshot, context: WriteContext): Insertable<MetadataTable>[] {
  const date = (context.now ?? new Date()).toISOString();
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => (before[field] ?? '') !== (after[field] ?? ''))
    .map((field) => ({
      // Always random, also for the demo loader: history rows are events, and a reload must not reuse their ids.
      id: randomUUID(),
      resource_id: resource.id,
      resource_type: resource.type,
      last_action_date: date,
      last_action_type: action,
      field_name: field,
      previous_value: before[field] ?? '',
      replacement_value: after[field] ?? '',
      updated_by: context.updatedBy,
    }));
}

const changedFields = (rows: Insertable<MetadataTable>[]) => rows.map((row) => row.field_name ?? '');

// One bump per transaction is enough to mark the registry stale, and saves a write per record on bulk loads.
const transactionsThatBumped = new WeakSet<Transaction<Database>>();

/** Records the changes and, when there are any, tells every process the registry changed. */
async function recordChanges(trx: Transaction<Database>, rows: Insertable<MetadataTable>[]): Promise<boolean> {
  if (rows.length === 0) return false;
  await insertMetadata(trx, rows);
  if (!transactionsThatBumped.has(trx)) {
    await bumpRegistryRevision(trx);
    transactionsThatBumped.add(trx);
  }
  return true;
}

/**
 * Ids for a list whose order matters (phones, documents): HSDS has no position column and lists are read back
 * ordered by id, so the rows share one fresh prefix and end in their position.
 */
function orderedIds(count: number, newId: () => string): string[] {
  const prefix = newId().slice(0, 32);
  return Array.from({ length: count }, (_, index) => `${prefix}${index.toString(16).padStart(4, '0')}`);
}

function phoneRows(phones: PhoneInput[], owner: Partial<Record<'organization_id' | 'location_id' | 'service_id' | 'contact_id', string>>, newId: () => string): Insertable<PhoneTable>[] {
  const ids = orderedIds(phones.length, newId);
  return phones.map((phone, index) => ({
    id: ids[index]!,
    organization_id: null,
    location_id: null,
    service_id: null,
    contact_id: null,
    service_at_location_id: null,
    ...owner,
    number: phone.number,
    extension: null,
    type: 'voice',
    description: phone.description,
  }));
}

// ---- writing -----------------------------------------------------------------------------------------------

/** Adds an institution; returns its id. */
export async function createInstitution(trx: Transaction<Database>, input: InstitutionInput, context: WriteContext & { id?: string; isDemo?: boolean }): Promise<string> {
  const newId = context.newId ?? randomUUID;
  const id = context.id ?? newId();
  const now = context.now ?? new Date();
  await insertOrganization(trx, {
    id,
    name: input.name,
    alternate_name: input.alternateName,
    description: input.description,
    email: input.email,
    website: input.website,
    tax_status: null,
    tax_id: null,
    year_incorporated: null,
    legal_status: null,
    logo: null,
    uri: null,
    parent_organization_id: null,
    institution_type: input.type,
    is_demo: context.isDemo ?? false,
    last_verified_on: input.lastVerifiedOn,
    search_name: institutionSearchName(input.name, input.alternateName),
    created_at: now,
    updated_at: now,
  });
  await replacePhones(trx, { column: 'organization_id', id }, phoneRows(input.phones, { organization_id: id }, newId), true);
  const after = { ...institutionSnapshot(input), ...(context.isDemo ? { is_demo: 'true' } : {}) };
  await recordChanges(trx, changeRows({ id, type: 'organization' }, 'create', {}, after, context));
  return id;
}

/** Changes an institution's own fields and phones; records and returns the names of the fields that changed. */
export async function updateInstitution(trx: Transaction<Database>, id: string, input: InstitutionInput, context: WriteContext): Promise<string[]> {
  const existing = await getInstitution(trx, id);
  const changes = changeRows({ id, type: 'organization' }, 'update', institutionSnapshot(institutionToInput(existing)), institutionSnapshot(input), context);
  if (changes.length === 0) return [];
  await updateOrganizationRow(trx, id, {
    name: input.name,
    alternate_name: input.alternateName,
    description: input.description,
    email: input.email,
    website: input.website,
    institution_type: input.type,
    last_verified_on: input.lastVerifiedOn,
    search_name: institutionSearchName(input.name, input.alternateName),
    updated_at: context.now ?? new Date(),
  });
  if (changes.some((change) => change.field_name === 'phones')) {
    await replacePhones(trx, { column: 'organization_id', id }, phoneRows(input.phones, { organization_id: id }, context.newId ?? randomUUID));
  }
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** Writes the parts of a service that changed; `fresh` (a new service) skips deleting what cannot be there yet. */
async function writeServiceParts(trx: Transaction<Database>, serviceId: string, input: ServiceInput, newId: () => string, changed: (field: string) => boolean, fresh: boolean): Promise<void> {
  if (changed('help_types')) {
    await replaceServiceTerms(trx, serviceId, helpTypeTaxonomy.id, input.helpTypeIds.map((termId) => ({ id: newId(), taxonomy_term_id: termId })), fresh);
  }
  if (changed('residency_territories')) await replaceResidencyTerritories(trx, serviceId, [...new Set(input.eligibility.residencyTerritoryCodes)], fresh);
  if (changed('service_areas')) {
    const codes = [...new Set(input.serviceAreaCodes)];
    const named = await Promise.all(codes.map(async (code) => ({ code, name: (await findTerritory(trx, code))?.name ?? code })));
    const rows = named.map((area) => ({ id: newId(), service_id: serviceId, name: area.name, description: null, extent: null, extent_type: null, uri: null, territory_code: area.code }));
    await replaceServiceAreas(trx, serviceId, rows, fresh);
  }
  if (changed('schedules')) {
    const rows = input.openingHours.map((hours) => ({
      id: newId(),
      service_id: serviceId,
      location_id: null,
      service_at_location_id: null,
      freq: 'WEEKLY' as const,
      byday: hours.days.join(','),
      opens_at: hours.opensAt,
      closes_at: hours.closesAt,
      description: hours.description,
      valid_from: null,
      valid_to: null,
      dtstart: null,
      timezone: null,
      until: null,
      count: null,
      wkst: null,
      interval: null,
      byweekno: null,
      bymonthday: null,
      byyearday: null,
      schedule_link: null,
      attending_type: null,
      notes: null,
    }));
    await replaceSchedules(trx, serviceId, rows, fresh);
  }
  if (changed('languages')) {
    const names = new Intl.DisplayNames(['lv'], { type: 'language' });
    const codes = [...new Set(input.languages)];
    const ids = orderedIds(codes.length, newId);
    const rows = codes.map((code, index) => ({ id: ids[index]!, service_id: serviceId, location_id: null, phone_id: null, code, name: names.of(code) ?? code, note: null }));
    await replaceLanguages(trx, serviceId, rows, fresh);
  }
  if (changed('required_documents')) {
    const ids = orderedIds(input.requiredDocuments.length, newId);
    await replaceRequiredDocuments(trx, serviceId, input.requiredDocuments.map((document, index) => ({ id: ids[index]!, service_id: serviceId, document, uri: null })), fresh);
  }
  if (changed('phones')) await replacePhones(trx, { column: 'service_id', id: serviceId }, phoneRows(input.phones, { service_id: serviceId }, newId), fresh);
  if (changed('locations')) {
    await replaceServiceLocations(trx, serviceId, [...new Set(input.locationIds)].map((locationId) => ({ id: newId(), location_id: locationId })), fresh);
  }
}

/** Checks that the locations a service is offered at belong to its own institution. */
async function assertLocationsBelongTo(trx: Transaction<Database>, organizationId: string, locationIds: string[]): Promise<void> {
  for (const locationId of locationIds) {
    const location = await selectLocation(trx, locationId);
    if (!location || location.organization_id !== organizationId) {
      throw new AppError('invalid_input', 'error.invalid_input', [{ path: 'location_ids', message: 'registry.error.location_elsewhere' }]);
    }
  }
}

/** Adds a service to an institution; returns its id. */
export async function createService(trx: Transaction<Database>, organizationId: string, input: ServiceInput, context: WriteContext & { id?: string }): Promise<string> {
  const newId = context.newId ?? randomUUID;
  if (!(await selectOrganization(trx, organizationId))) throw new AppError('not_found', 'error.not_found');
  await assertLocationsBelongTo(trx, organizationId, input.locationIds);
  const id = context.id ?? newId();
  const now = context.now ?? new Date();
  await insertService(trx, {
    id,
    organization_id: organizationId,
    program_id: null,
    ...serviceColumns(input),
    interpretation_services: null,
    wait_time: null,
    fees: null,
    accreditations: null,
    assured_date: null,
    assurer_email: null,
    licenses: null,
    alert: null,
    last_modified: now,
    created_at: now,
    updated_at: now,
  });
  const changes = changeRows({ id, type: 'service' }, 'create', {}, serviceSnapshot(input), context);
  await writeServiceParts(trx, id, input, newId, (field) => changes.some((change) => change.field_name === field), true);
  await recordChanges(trx, changes);
  return id;
}

function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    alternate_name: input.alternateName,
    description: input.description,
    status: input.status,
    url: input.url,
    email: input.email,
    application_process: input.applicationProcess,
    fees_description: input.feesDescription,
    eligibility_description: input.eligibility.description,
    minimum_age: input.eligibility.minimumAge,
    maximum_age: input.eligibility.maximumAge,
    residency_rule: input.eligibility.residencyRule,
    eligible_sex: input.eligibility.sex,
    capacity_beds: input.capacityBeds,
    is_statewide: input.isStatewide,
    last_verified_on: input.lastVerifiedOn,
  };
}

/** Changes a service and its parts (help types, eligibility, hours, languages, documents, areas, phones, places); returns the changed fields. */
export async function updateService(trx: Transaction<Database>, serviceId: string, input: ServiceInput, context: WriteContext): Promise<string[]> {
  const existing = await getService(trx, serviceId, 'lv');
  await assertLocationsBelongTo(trx, existing.organizationId, input.locationIds);
  const changes = changeRows({ id: serviceId, type: 'service' }, 'update', serviceSnapshot(serviceToInput(existing)), serviceSnapshot(input), context);
  if (changes.length === 0) return [];
  const now = context.now ?? new Date();
  await updateServiceRow(trx, serviceId, { ...serviceColumns(input), last_modified: now, updated_at: now });
  await writeServiceParts(trx, serviceId, input, context.newId ?? randomUUID, (field) => changes.some((change) => change.field_name === field), false);
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** The address row's state_province: the municipality (novads or state city) the territory belongs to. */
async function municipalityNameOf(trx: Transaction<Database>, territoryCode: string): Promise<string> {
  const territory = await findTerritory(trx, territoryCode);
  if (!territory) throw new AppError('invalid_input', 'error.invalid_input', [{ path: 'territory_code', message: 'registry.error.territory_unknown' }]);
  if (territory.level === 1) return territory.name;
  return (await findTerritory(trx, territory.municipalityCode))?.name ?? territory.name;
}

/** Adds a place (with its address and territory) to an institution; returns the location id. */
export async function createLocation(trx: Transaction<Database>, organizationId: string, input: LocationInput, context: WriteContext & { id?: string }): Promise<string> {
  const newId = context.newId ?? randomUUID;
  if (!(await selectOrganization(trx, organizationId))) throw new AppError('not_found', 'error.not_found');
  const stateProvince = await municipalityNameOf(trx, input.territoryCode);
  const id = context.id ?? newId();
  await insertLocation(trx, {
    id,
    location_type: 'physical',
    url: null,
    organization_id: organizationId,
    name: input.name,
    alternate_name: null,
    description: input.description,
    transportation: input.transportation,
    latitude: input.latitude,
    longitude: input.longitude,
    external_identifier: null,
    external_identifier_type: null,
    territory_code: input.territoryCode,
  });
  const addressId = newId();
  const address = { ...input.address, stateProvince };
  await insertAddress(trx, {
    id: addressId,
    location_id: id,
    attention: null,
    address_1: address.address1,
    address_2: address.address2,
    city: address.city,
    region: null,
    state_province: stateProvince,
    postal_code: address.postalCode,
    country: 'LV',
    address_type: 'physical',
  });
  await replacePhones(trx, { column: 'location_id', id }, phoneRows(input.phones, { location_id: id, organization_id: organizationId }, newId), true);
  await recordChanges(trx, [
    ...changeRows({ id, type: 'location' }, 'create', {}, locationSnapshot(input), context),
    ...changeRows({ id: addressId, type: 'address' }, 'create', {}, addressSnapshot(address), context),
  ]);
  return id;
}

/** Loads a location and checks it belongs to the institution; throws not_found otherwise. */
export async function getLocationOf(db: Kysely<Database>, organizationId: string, locationId: string): Promise<Location> {
  const institution = await getInstitution(db, organizationId);
  const location = institution.locations.find((candidate) => candidate.id === locationId);
  if (!location) throw new AppError('not_found', 'error.not_found');
  return location;
}

/** Changes a location, its address and phones; records and returns what changed ('address.city' for the address). */
export async function updateLocation(trx: Transaction<Database>, organizationId: string, locationId: string, input: LocationInput, context: WriteContext): Promise<string[]> {
  const existing = await getLocationOf(trx, organizationId, locationId);
  const newId = context.newId ?? randomUUID;
  const stateProvince = await municipalityNameOf(trx, input.territoryCode);
  const locationChanges = changeRows({ id: locationId, type: 'location' }, 'update', locationSnapshot(locationToInput(existing)), locationSnapshot(input), context);
  const address = { ...input.address, stateProvince };
  let addressChanges: Insertable<MetadataTable>[];
  if (existing.address) {
    addressChanges = changeRows({ id: existing.address.id, type: 'address' }, 'update', addressSnapshot(existing.address), addressSnapshot(address), context);
    if (addressChanges.length > 0) {
      await updateAddressRow(trx, existing.address.id, { address_1: address.address1, address_2: address.address2, city: address.city, postal_code: address.postalCode, state_province: stateProvince });
    }
  } else {
    const addressId = newId();
    await insertAddress(trx, { id: addressId, location_id: locationId, attention: null, address_1: address.address1, address_2: address.address2, city: address.city, region: null, state_province: stateProvince, postal_code: address.postalCode, country: 'LV', address_type: 'physical' });
    addressChanges = changeRows({ id: addressId, type: 'address' }, 'create', {}, addressSnapshot(address), context);
  }
  if (locationChanges.length > 0) {
    await updateLocationRow(trx, locationId, {
      name: input.name,
      description: input.description,
      transportation: input.transportation,
      latitude: input.latitude,
      longitude: input.longitude,
      territory_code: input.territoryCode,
    });
    if (locationChanges.some((change) => change.field_name === 'phones')) {
      await replacePhones(trx, { column: 'location_id', id: locationId }, phoneRows(input.phones, { location_id: locationId, organization_id: organizationId }, newId));
    }
  }
  await recordChanges(trx, [...locationChanges, ...addressChanges]);
  return [...changedFields(locationChanges), ...changedFields(addressChanges).map((field) => `address.${field}`)];
}

/** Removes a location (its address and phones go with it); services simply stop being offered there. */
export async function deleteLocation(trx: Transaction<Database>, organizationId: string, locationId: string, context: WriteContext): Promise<void> {
  const existing = await getLocationOf(trx, organizationId, locationId);
  await deleteLocationRow(trx, locationId);
  await recordChanges(trx, [
    ...changeRows({ id: locationId, type: 'location' }, 'delete', locationSnapshot(locationToInput(existing)), {}, context),
    ...(existing.address ? changeRows({ id: existing.address.id, type: 'address' }, 'delete', addressSnapshot(existing.address), {}, context) : []),
  ]);
}

/** Checks that a contact's service, when given, belongs to the same institution. */
async function assertServiceBelongsTo(trx: Transaction<Database>, organizationId: string, serviceId: string | null): Promise<void> {
  if (serviceId === null) return;
  const service = await selectService(trx, serviceId);
  if (!service || service.organization_id !== organizationId) {
    throw new AppError('invalid_input', 'error.invalid_input', [{ path: 'service_id', message: 'registry.error.service_elsewhere' }]);
  }
}

/** Adds a contact person or desk to an institution (optionally for one of its services); returns its id. */
export async function createContact(trx: Transaction<Database>, organizationId: string, input: ContactInput, context: WriteContext & { id?: string }): Promise<string> {
  const newId = context.newId ?? randomUUID;
  if (!(await selectOrganization(trx, organizationId))) throw new AppError('not_found', 'error.not_found');
  await assertServiceBelongsTo(trx, organizationId, input.serviceId);
  const id = context.id ?? newId();
  await insertContact(trx, {
    id,
    organization_id: organizationId,
    service_id: input.serviceId,
    service_at_location_id: null,
    location_id: null,
    name: input.name,
    title: input.title,
    department: input.department,
    email: input.email,
  });
  await replacePhones(trx, { column: 'contact_id', id }, phoneRows(input.phones, { contact_id: id, organization_id: organizationId }, newId), true);
  await recordChanges(trx, changeRows({ id, type: 'contact' }, 'create', {}, contactSnapshot(input), context));
  return id;
}

/** Loads a contact and checks it belongs to the institution; throws not_found otherwise. */
export async function getContactOf(db: Kysely<Database>, organizationId: string, contactId: string): Promise<Contact> {
  const row = await selectContact(db, contactId);
  if (!row || row.organization_id !== organizationId) throw new AppError('not_found', 'error.not_found');
  return toContact(row, await selectPhonesOf(db, { contactIds: [contactId] }));
}

/** Changes a contact and its phones; records and returns the names of the fields that changed. */
export async function updateContact(trx: Transaction<Database>, organizationId: string, contactId: string, input: ContactInput, context: WriteContext): Promise<string[]> {
  const existing = await getContactOf(trx, organizationId, contactId);
  await assertServiceBelongsTo(trx, organizationId, input.serviceId);
  const changes = changeRows({ id: contactId, type: 'contact' }, 'update', contactSnapshot(contactToInput(existing)), contactSnapshot(input), context);
  if (changes.length === 0) return [];
  await updateContactRow(trx, contactId, { name: input.name, title: input.title, department: input.department, email: input.email, service_id: input.serviceId });
  if (changes.some((change) => change.field_name === 'phones')) {
    await replacePhones(trx, { column: 'contact_id', id: contactId }, phoneRows(input.phones, { contact_id: contactId, organization_id: organizationId }, context.newId ?? randomUUID));
  }
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** Removes a contact and its phones. */
export async function deleteContact(trx: Transaction<Database>, organizationId: string, contactId: string, context: WriteContext): Promise<void> {
  const existing = await getContactOf(trx, organizationId, contactId);
  await deleteContactRow(trx, contactId);
  await recordChanges(trx, changeRows({ id: contactId, type: 'contact' }, 'delete', contactSnapshot(contactToInput(existing)), {}, context));
}

/** Which of the given organization ids exist. */
export async function findExistingInstitutionIds(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  return selectExistingOrganizationIds(db, ids);
}

/** Deletes institutions with their services, places, contacts and phones; records one delete per institution. */
export async function deleteInstitutions(trx: Transaction<Database>, ids: string[], context: WriteContext): Promise<number> {
  const deleted = await deleteOrganizationRows(trx, ids);
  await recordChanges(
    trx,
    deleted.flatMap((organization) => changeRows({ id: organization.id, type: 'organization' }, 'delete', { name: organization.name }, {}, context)),
  );
  return deleted.length;
}

/** Checks that a service belongs to the institution in the address; throws not_found otherwise. */
export async function assertServiceOf(db: Kysely<Database>, organizationId: string, serviceId: string): Promise<void> {
  const row = await selectService(db, serviceId);
  if (!row || row.organization_id !== organizationId) throw new AppError('not_found', 'error.not_found');
}
