// Writing the registry: institutions, services, places and contacts. Every write takes a transaction (the caller
// opens it) and records its changes through change-history.ts.
import { entitlementColumns } from './entitlement.js';
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { findTerritory } from '../territories/territory.service.js';
import {
  addressSnapshot,
  changedFields,
  changeRows,
  contactSnapshot,
  institutionSnapshot,
  locationSnapshot,
  recordChanges,
  serviceSnapshot,
} from './change-history.js';
import { helpTypeTaxonomy } from './help-types.js';
import { contactToInput, institutionToInput, locationToInput, serviceToInput } from './institution-form.js';
import {
  getContactOf,
  getInstitution,
  getLocationOf,
  getService,
  institutionSearchName,
} from './institution-read.service.js';
import type {
  ContactInput,
  InstitutionInput,
  LocationInput,
  PhoneInput,
  ServiceInput,
  WriteContext,
} from './institution.model.js';
import {
  deleteContactRow,
  deleteLocationRow,
  deleteOrganizationRows,
  insertAddress,
  insertContact,
  insertLocation,
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
  selectLocation,
  selectOrganization,
  selectService,
  updateAddressRow,
  updateContactRow,
  updateLocationRow,
  updateOrganizationRow,
  updateServiceRow,
} from './registry.repository.js';
import type { MetadataTable, PhoneTable } from './registry.table.js';
import {
  isTranslationField,
  organizationTranslationRows,
  serviceTranslationRows,
} from './listing-translation.mapping.js';
import { replaceOrganizationTranslations, replaceServiceTranslations } from './listing-translation.repository.js';

/**
 * Ids for a list whose order matters (phones, documents): HSDS has no position column and lists are read back
 * ordered by id, so the rows share one fresh prefix and end in their position.
 */
function orderedIds(count: number, newId: () => string): string[] {
  const prefix = newId().slice(0, 32);
  return Array.from({ length: count }, (_, index) => `${prefix}${index.toString(16).padStart(4, '0')}`);
}

function phoneRows(
  phones: PhoneInput[],
  owner: Partial<Record<'organization_id' | 'location_id' | 'service_id' | 'contact_id', string>>,
  newId: () => string,
): Insertable<PhoneTable>[] {
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

/** Adds an institution; returns its id. */
export async function createInstitution(
  trx: Transaction<Database>,
  input: InstitutionInput,
  context: WriteContext & { id?: string; isDemo?: boolean },
): Promise<string> {
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
  await replacePhones(
    trx,
    { column: 'organization_id', id },
    phoneRows(input.phones, { organization_id: id }, newId),
    true,
  );
  await replaceOrganizationTranslations(trx, id, organizationTranslationRows(id, input.translations), true);
  const after = { ...institutionSnapshot(input), ...(context.isDemo ? { is_demo: 'true' } : {}) };
  await recordChanges(trx, changeRows({ id, type: 'organization' }, 'create', {}, after, context));
  return id;
}

/** Changes an institution's own fields and phones; records and returns the names of the fields that changed. */
export async function updateInstitution(
  trx: Transaction<Database>,
  id: string,
  input: InstitutionInput,
  context: WriteContext,
): Promise<string[]> {
  const existing = await getInstitution(trx, id);
  // A caller that does not speak of translations (an import of Latvian texts, say) keeps the stored ones.
  input = { ...input, translations: input.translations ?? existing.translations };
  const changes = changeRows(
    { id, type: 'organization' },
    'update',
    institutionSnapshot(institutionToInput(existing)),
    institutionSnapshot(input),
    context,
  );
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
    await replacePhones(
      trx,
      { column: 'organization_id', id },
      phoneRows(input.phones, { organization_id: id }, context.newId ?? randomUUID),
    );
  }
  if (changes.some((change) => isTranslationField(change.field_name ?? '')))
    await replaceOrganizationTranslations(trx, id, organizationTranslationRows(id, input.translations));
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** Writes the parts of a service that changed; `fresh` (a new service) skips deleting what cannot be there yet. */
async function writeServiceParts(
  trx: Transaction<Database>,
  serviceId: string,
  input: ServiceInput,
  newId: () => string,
  changed: (field: string) => boolean,
  fresh: boolean,
  changedTranslations: boolean,
): Promise<void> {
  if (changed('help_types')) {
    await replaceServiceTerms(
      trx,
      serviceId,
      helpTypeTaxonomy.id,
      input.helpTypeIds.map((termId) => ({ id: newId(), taxonomy_term_id: termId })),
      fresh,
    );
  }
  if (changed('residency_territories'))
    await replaceResidencyTerritories(trx, serviceId, [...new Set(input.eligibility.residencyTerritoryCodes)], fresh);
  if (changed('service_areas')) {
    const codes = [...new Set(input.serviceAreaCodes)];
    const named = await Promise.all(
      codes.map(async (code) => ({ code, name: (await findTerritory(trx, code))?.name ?? code })),
    );
    const rows = named.map((area) => ({
      id: newId(),
      service_id: serviceId,
      name: area.name,
      description: null,
      extent: null,
      extent_type: null,
      uri: null,
      territory_code: area.code,
    }));
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
    const rows = codes.map((code, index) => ({
      id: ids[index]!,
      service_id: serviceId,
      location_id: null,
      phone_id: null,
      code,
      name: names.of(code) ?? code,
      note: null,
    }));
    await replaceLanguages(trx, serviceId, rows, fresh);
  }
  if (changed('required_documents')) {
    const ids = orderedIds(input.requiredDocuments.length, newId);
    await replaceRequiredDocuments(
      trx,
      serviceId,
      input.requiredDocuments.map((document, index) => ({
        id: ids[index]!,
        service_id: serviceId,
        document,
        uri: null,
      })),
      fresh,
    );
  }
  if (changed('phones'))
    await replacePhones(
      trx,
      { column: 'service_id', id: serviceId },
      phoneRows(input.phones, { service_id: serviceId }, newId),
      fresh,
    );
  if (changedTranslations)
    await replaceServiceTranslations(trx, serviceId, serviceTranslationRows(serviceId, input.translations), fresh);
  if (changed('locations')) {
    await replaceServiceLocations(
      trx,
      serviceId,
      [...new Set(input.locationIds)].map((locationId) => ({ id: newId(), location_id: locationId })),
      fresh,
    );
  }
}

/** Checks that the locations a service is offered at belong to its own institution. */
async function assertLocationsBelongTo(
  trx: Transaction<Database>,
  organizationId: string,
  locationIds: string[],
): Promise<void> {
  for (const locationId of locationIds) {
    const location = await selectLocation(trx, locationId);
    if (!location || location.organization_id !== organizationId) {
      throw new AppError('invalid_input', 'error.invalid_input', [
        { path: 'location_ids', messageKey: 'registry.error.location_elsewhere' },
      ]);
    }
  }
}

/** Adds a service to an institution; returns its id. */
export async function createService(
  trx: Transaction<Database>,
  organizationId: string,
  input: ServiceInput,
  context: WriteContext & { id?: string },
): Promise<string> {
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
  await writeServiceParts(
    trx,
    id,
    input,
    newId,
    (field) => changes.some((change) => change.field_name === field),
    true,
    changes.some((change) => isTranslationField(change.field_name ?? '')),
  );
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
    ...(input.entitlement ? entitlementColumns(input.entitlement) : {}),
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
export async function updateService(
  trx: Transaction<Database>,
  serviceId: string,
  input: ServiceInput,
  context: WriteContext,
): Promise<string[]> {
  const existing = await getService(trx, serviceId, 'lv');
  await assertLocationsBelongTo(trx, existing.organizationId, input.locationIds);
  // A caller that does not speak of translations keeps the stored ones.
  input = { ...input, translations: input.translations ?? existing.translations };
  const changes = changeRows(
    { id: serviceId, type: 'service' },
    'update',
    serviceSnapshot(serviceToInput(existing)),
    serviceSnapshot(input),
    context,
  );
  if (changes.length === 0) return [];
  const now = context.now ?? new Date();
  await updateServiceRow(trx, serviceId, { ...serviceColumns(input), last_modified: now, updated_at: now });
  await writeServiceParts(
    trx,
    serviceId,
    input,
    context.newId ?? randomUUID,
    (field) => changes.some((change) => change.field_name === field),
    false,
    changes.some((change) => isTranslationField(change.field_name ?? '')),
  );
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** The address row's state_province: the municipality (novads or state city) the territory belongs to. */
async function municipalityNameOf(trx: Transaction<Database>, territoryCode: string): Promise<string> {
  const territory = await findTerritory(trx, territoryCode);
  if (!territory)
    throw new AppError('invalid_input', 'error.invalid_input', [
      { path: 'territory_code', messageKey: 'registry.error.territory_unknown' },
    ]);
  if (territory.level === 1) return territory.name;
  return (await findTerritory(trx, territory.municipalityCode))?.name ?? territory.name;
}

/** Adds a place (with its address and territory) to an institution; returns the location id. */
export async function createLocation(
  trx: Transaction<Database>,
  organizationId: string,
  input: LocationInput,
  context: WriteContext & { id?: string },
): Promise<string> {
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
  await replacePhones(
    trx,
    { column: 'location_id', id },
    phoneRows(input.phones, { location_id: id, organization_id: organizationId }, newId),
    true,
  );
  await recordChanges(trx, [
    ...changeRows({ id, type: 'location' }, 'create', {}, locationSnapshot(input), context),
    ...changeRows({ id: addressId, type: 'address' }, 'create', {}, addressSnapshot(address), context),
  ]);
  return id;
}

/** Changes a location, its address and phones; records and returns what changed ('address.city' for the address). */
export async function updateLocation(
  trx: Transaction<Database>,
  organizationId: string,
  locationId: string,
  input: LocationInput,
  context: WriteContext,
): Promise<string[]> {
  const existing = await getLocationOf(trx, organizationId, locationId);
  const newId = context.newId ?? randomUUID;
  const stateProvince = await municipalityNameOf(trx, input.territoryCode);
  const locationChanges = changeRows(
    { id: locationId, type: 'location' },
    'update',
    locationSnapshot(locationToInput(existing)),
    locationSnapshot(input),
    context,
  );
  const address = { ...input.address, stateProvince };
  let addressChanges: Insertable<MetadataTable>[];
  if (existing.address) {
    addressChanges = changeRows(
      { id: existing.address.id, type: 'address' },
      'update',
      addressSnapshot(existing.address),
      addressSnapshot(address),
      context,
    );
    if (addressChanges.length > 0) {
      await updateAddressRow(trx, existing.address.id, {
        address_1: address.address1,
        address_2: address.address2,
        city: address.city,
        postal_code: address.postalCode,
        state_province: stateProvince,
      });
    }
  } else {
    const addressId = newId();
    await insertAddress(trx, {
      id: addressId,
      location_id: locationId,
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
      await replacePhones(
        trx,
        { column: 'location_id', id: locationId },
        phoneRows(input.phones, { location_id: locationId, organization_id: organizationId }, newId),
      );
    }
  }
  await recordChanges(trx, [...locationChanges, ...addressChanges]);
  return [...changedFields(locationChanges), ...changedFields(addressChanges).map((field) => `address.${field}`)];
}

/** Removes a location (its address and phones go with it); services simply stop being offered there. */
export async function deleteLocation(
  trx: Transaction<Database>,
  organizationId: string,
  locationId: string,
  context: WriteContext,
): Promise<void> {
  const existing = await getLocationOf(trx, organizationId, locationId);
  await deleteLocationRow(trx, locationId);
  await recordChanges(trx, [
    ...changeRows(
      { id: locationId, type: 'location' },
      'delete',
      locationSnapshot(locationToInput(existing)),
      {},
      context,
    ),
    ...(existing.address
      ? changeRows(
          { id: existing.address.id, type: 'address' },
          'delete',
          addressSnapshot(existing.address),
          {},
          context,
        )
      : []),
  ]);
}

/** Checks that a contact's service, when given, belongs to the same institution. */
async function assertServiceBelongsTo(
  trx: Transaction<Database>,
  organizationId: string,
  serviceId: string | null,
): Promise<void> {
  if (serviceId === null) return;
  const service = await selectService(trx, serviceId);
  if (!service || service.organization_id !== organizationId) {
    throw new AppError('invalid_input', 'error.invalid_input', [
      { path: 'service_id', messageKey: 'registry.error.service_elsewhere' },
    ]);
  }
}

/** Adds a contact person or desk to an institution (optionally for one of its services); returns its id. */
export async function createContact(
  trx: Transaction<Database>,
  organizationId: string,
  input: ContactInput,
  context: WriteContext & { id?: string },
): Promise<string> {
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
  await replacePhones(
    trx,
    { column: 'contact_id', id },
    phoneRows(input.phones, { contact_id: id, organization_id: organizationId }, newId),
    true,
  );
  await recordChanges(trx, changeRows({ id, type: 'contact' }, 'create', {}, contactSnapshot(input), context));
  return id;
}

/** Changes a contact and its phones; records and returns the names of the fields that changed. */
export async function updateContact(
  trx: Transaction<Database>,
  organizationId: string,
  contactId: string,
  input: ContactInput,
  context: WriteContext,
): Promise<string[]> {
  const existing = await getContactOf(trx, organizationId, contactId);
  await assertServiceBelongsTo(trx, organizationId, input.serviceId);
  const changes = changeRows(
    { id: contactId, type: 'contact' },
    'update',
    contactSnapshot(contactToInput(existing)),
    contactSnapshot(input),
    context,
  );
  if (changes.length === 0) return [];
  await updateContactRow(trx, contactId, {
    name: input.name,
    title: input.title,
    department: input.department,
    email: input.email,
    service_id: input.serviceId,
  });
  if (changes.some((change) => change.field_name === 'phones')) {
    await replacePhones(
      trx,
      { column: 'contact_id', id: contactId },
      phoneRows(input.phones, { contact_id: contactId, organization_id: organizationId }, context.newId ?? randomUUID),
    );
  }
  await recordChanges(trx, changes);
  return changedFields(changes);
}

/** Removes a contact and its phones. */
export async function deleteContact(
  trx: Transaction<Database>,
  organizationId: string,
  contactId: string,
  context: WriteContext,
): Promise<void> {
  const existing = await getContactOf(trx, organizationId, contactId);
  await deleteContactRow(trx, contactId);
  await recordChanges(
    trx,
    changeRows({ id: contactId, type: 'contact' }, 'delete', contactSnapshot(contactToInput(existing)), {}, context),
  );
}

/** Deletes institutions with their services, places, contacts and phones; records one delete per institution. */
export async function deleteInstitutions(
  trx: Transaction<Database>,
  ids: string[],
  context: WriteContext,
): Promise<number> {
  const deleted = await deleteOrganizationRows(trx, ids);
  await recordChanges(
    trx,
    deleted.flatMap((organization) =>
      changeRows({ id: organization.id, type: 'organization' }, 'delete', { name: organization.name }, {}, context),
    ),
  );
  return deleted.length;
}
