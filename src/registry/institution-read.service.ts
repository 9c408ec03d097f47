// Reading the registry: institutions with their places, contacts and services, the help-type list, the change
// history. Rows become domain objects in institution.mapping.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import { foldText } from '../text/fold.js';
import { allHelpTypeTerms, helpTypes, helpTypeTaxonomy } from './help-types.js';
import type {
  ChangeEvent,
  Contact,
  HelpTypeOption,
  Institution,
  InstitutionPage,
  InstitutionSearch,
  InstitutionWithServices,
  Location,
  SampledInstitution,
  Service,
} from './institution.model.js';
import { toContact, toInstitution, toService } from './institution.mapping.js';
import { selectOrganizationTranslations, selectServiceTranslations } from './listing-translation.repository.js';
import { isInstitutionType } from './registry.enums.js';
import {
  countAllOrganizations,
  countOrganizations,
  selectAddressesOfLocations,
  selectContact,
  selectContactsOfOrganization,
  selectContactsOfServices,
  selectExistingOrganizationIds,
  selectLanguages,
  selectLocationsOfOrganization,
  selectMetadataOf,
  selectOrganization,
  selectOrganizationChoices,
  selectOrganizationMunicipalities,
  selectOrganizationNames,
  selectOrganizationPage,
  selectPhonesOf,
  selectRequiredDocuments,
  selectResidencyTerritories,
  selectSchedules,
  selectService,
  selectServiceAreas,
  selectServiceLocations,
  selectServicesOfOrganization,
  selectOrganizationsForSample,
  selectServiceTerms,
  selectTaxonomyTerms,
  type InstitutionFilter,
  type ServiceRow,
} from './registry.repository.js';

/** Help-type terms in questionnaire order: each top type followed by its finer terms. */
const helpTypeOrder = new Map(
  helpTypes.flatMap((type) => [type.id, ...type.finer.map((term) => term.id)]).map((id, index) => [id, index]),
);

/** The eleven help types with their finer terms, named in the given language, in questionnaire order. */
export async function listHelpTypes(db: Kysely<Database>, language: Language): Promise<HelpTypeOption[]> {
  const rows = await selectTaxonomyTerms(db, helpTypeTaxonomy.id, language);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const words = (id: string, code: string) => ({
    id,
    code,
    name: byId.get(id)?.name ?? code,
    description: byId.get(id)?.description ?? '',
  });
  return helpTypes.map((type) => ({
    ...words(type.id, type.code),
    finer: type.finer.map((term) => words(term.id, term.code)),
  }));
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
  const filter: InstitutionFilter = {
    words: foldText(search.query ?? '')
      .split(' ')
      .filter(Boolean),
  };
  if (search.type) filter.institutionType = search.type;
  if (search.territoryCode) filter.territoryCode = search.territoryCode;
  if (search.helpTypeCode) filter.termIds = helpTypeTermIds(search.helpTypeCode);
  if (search.helpTypeCode && filter.termIds?.length === 0)
    return { items: [], total: 0, page: 1, perPage, pageCount: 0 };
  const total = await countOrganizations(db, filter);
  const pageCount = Math.ceil(total / perPage);
  const page = Math.min(Math.max(search.page ?? 1, 1), Math.max(pageCount, 1));
  const rows = await selectOrganizationPage(db, filter, perPage, (page - 1) * perPage);
  const municipalities = await selectOrganizationMunicipalities(
    db,
    rows.map((row) => row.id),
  );
  const items = rows.map((row) => ({
    id: row.id,
    name: row.name,
    alternateName: row.alternate_name,
    type: isInstitutionType(row.institution_type) ? row.institution_type : null,
    isDemo: row.is_demo,
    lastVerifiedOn: row.last_verified_on,
    serviceCount: row.service_count,
    municipalities: municipalities
      .filter((municipality) => municipality.organization_id === row.id)
      .map(({ code, name }) => ({ code, name })),
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
  const [locations, contacts] = await Promise.all([
    selectLocationsOfOrganization(db, id),
    selectContactsOfOrganization(db, id),
  ]);
  const [addresses, phones, translations] = await Promise.all([
    selectAddressesOfLocations(
      db,
      locations.map((location) => location.id),
    ),
    selectPhonesOf(db, {
      organizationIds: [id],
      locationIds: locations.map((location) => location.id),
      contactIds: contacts.map((contact) => contact.id),
    }),
    selectOrganizationTranslations(db, [id]),
  ]);
  return toInstitution(row, { phones, contacts, locations, addresses, translations });
}

/** One institution with everything it offers, help types named in `language`; throws not_found. */
export async function getInstitutionWithServices(
  db: Kysely<Database>,
  id: string,
  language: Language,
): Promise<InstitutionWithServices> {
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
  const [terms, residency, areas, schedules, languages, documents, contacts, serviceLocations, translations] =
    await Promise.all([
      selectServiceTerms(db, ids, helpTypeTaxonomy.id, language),
      selectResidencyTerritories(db, ids),
      selectServiceAreas(db, ids),
      selectSchedules(db, ids),
      selectLanguages(db, ids),
      selectRequiredDocuments(db, ids),
      selectContactsOfServices(db, ids),
      selectServiceLocations(db, ids),
      selectServiceTranslations(db, ids),
    ]);
  const phones = await selectPhonesOf(db, { serviceIds: ids, contactIds: contacts.map((contact) => contact.id) });
  const parts = {
    terms,
    residency,
    areas,
    schedules,
    languages,
    documents,
    contacts,
    serviceLocations,
    phones,
    translations,
  };
  return rows.map((row) => toService(row, parts, helpTypeOrder));
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

/** The change history as events (one save of one record, with the fields it changed), newest first. */
export async function listChangeEvents(
  db: Kysely<Database>,
  resourceIds: string[],
  limit: number,
): Promise<ChangeEvent[]> {
  const events = new Map<string, ChangeEvent>();
  for (const change of await listChanges(db, resourceIds)) {
    const key = `${change.date}|${change.resourceId}|${change.action}`;
    const event = events.get(key);
    if (event) event.fields.push(change.field);
    else
      events.set(key, {
        date: change.date,
        action: change.action,
        resourceType: change.resourceType,
        resourceId: change.resourceId,
        fields: [change.field],
      });
  }
  return [...events.values()].slice(0, limit);
}

/** Loads a location and checks it belongs to the institution; throws not_found otherwise. */
export async function getLocationOf(
  db: Kysely<Database>,
  organizationId: string,
  locationId: string,
): Promise<Location> {
  const institution = await getInstitution(db, organizationId);
  const location = institution.locations.find((candidate) => candidate.id === locationId);
  if (!location) throw new AppError('not_found', 'error.not_found');
  return location;
}

/** Loads a contact and checks it belongs to the institution; throws not_found otherwise. */
export async function getContactOf(db: Kysely<Database>, organizationId: string, contactId: string): Promise<Contact> {
  const row = await selectContact(db, contactId);
  if (!row || row.organization_id !== organizationId) throw new AppError('not_found', 'error.not_found');
  return toContact(row, await selectPhonesOf(db, { contactIds: [contactId] }));
}

/** Which of the given organization ids exist. */
export async function findExistingInstitutionIds(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  return selectExistingOrganizationIds(db, ids);
}

/** Checks that a service belongs to the institution in the address; throws not_found otherwise. */
export async function assertServiceOf(db: Kysely<Database>, organizationId: string, serviceId: string): Promise<void> {
  const row = await selectService(db, serviceId);
  if (!row || row.organization_id !== organizationId) throw new AppError('not_found', 'error.not_found');
}

/**
 * Institutions for a survey sample: of the given types, in the given territories (a municipality code also takes in
 * its towns and parishes); an empty list means all. In name order.
 */
export async function listInstitutionsForSample(
  db: Kysely<Database>,
  filter: { institutionTypes: string[]; territoryCodes: string[] },
): Promise<SampledInstitution[]> {
  const rows = await selectOrganizationsForSample(db, filter);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.institution_type,
    email: row.email,
    territoryCode: row.territory_code,
    address: row.address_1
      ? {
          address1: row.address_1,
          address2: row.address_2,
          city: row.city,
          region: row.region,
          postalCode: row.postal_code,
        }
      : null,
  }));
}

/** Institutions' names by id; ids that do not exist are left out. */
export async function findInstitutionNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const rows = await selectOrganizationNames(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Institutions to choose from in a select list (id, name, demo flag), at most `limit`, in database name order. */
export async function listInstitutionChoices(
  db: Kysely<Database>,
  limit: number,
): Promise<Array<{ id: string; name: string; isDemo: boolean }>> {
  const rows = await selectOrganizationChoices(db, limit);
  return rows.map((row) => ({ id: row.id, name: row.name, isDemo: row.is_demo }));
}
