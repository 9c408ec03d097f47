// The registry's change history: every write compares a before and an after snapshot (fields as text) and records
// one HSDS `metadata` row per changed field, then bumps registry_revision so every process sees the change.
import { entitlementColumns } from './entitlement.js';
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { allHelpTypeTerms } from './help-types.js';
import { weekdayOrder } from './institution.mapping.js';
import type {
  ContactInput,
  InstitutionInput,
  LocationInput,
  OpeningHours,
  PhoneInput,
  ServiceInput,
  WriteContext,
} from './institution.model.js';
import { institutionTextFields, serviceTextFields } from './listing-text.js';
import { translationSnapshot } from './listing-translation.mapping.js';
import { bumpRegistryRevision, insertMetadata } from './registry.repository.js';
import type { MetadataTable } from './registry.table.js';

export type Snapshot = Record<string, string>;
export type Resource = { id: string; type: 'organization' | 'service' | 'location' | 'address' | 'contact' };

const text = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? '' : String(value);
const phonesText = (phones: PhoneInput[]) =>
  phones.map((phone) => (phone.description ? `${phone.number} (${phone.description})` : phone.number)).join('; ');
const listText = (values: string[]) => [...values].sort().join(', ');
const hoursText = (hours: OpeningHours[]) =>
  [...hours]
    .sort((a, b) => weekdayOrder.get(a.days[0] ?? 'MO')! - weekdayOrder.get(b.days[0] ?? 'MO')!)
    .map((entry) => `${entry.days.join(',')} ${entry.opensAt}-${entry.closesAt}`)
    .join('; ');
const helpTypeCodeById = new Map(allHelpTypeTerms().map((term) => [term.id, term.code]));

/** The history fields of an institution, each as text. */
export function institutionSnapshot(input: InstitutionInput): Snapshot {
  return {
    name: input.name,
    alternate_name: text(input.alternateName),
    description: input.description,
    institution_type: text(input.type),
    email: text(input.email),
    website: text(input.website),
    last_verified_on: text(input.lastVerifiedOn),
    phones: phonesText(input.phones),
    ...translationSnapshot(input.translations, institutionTextFields),
  };
}

/** The history fields of a service, each as text. */
export function serviceSnapshot(input: ServiceInput): Snapshot {
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
    ...(input.entitlement
      ? Object.fromEntries(
          Object.entries(entitlementColumns(input.entitlement)).map(([field, value]) => [field, text(value)]),
        )
      : {}),
    phones: phonesText(input.phones),
    locations: listText(input.locationIds),
    last_verified_on: text(input.lastVerifiedOn),
    ...translationSnapshot(input.translations, serviceTextFields),
  };
}

/** The history fields of a location, each as text. */
export function locationSnapshot(input: LocationInput): Snapshot {
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

/** The history fields of an address, each as text. */
export function addressSnapshot(address: {
  address1: string;
  address2: string | null;
  city: string;
  postalCode: string;
  stateProvince: string;
}): Snapshot {
  return {
    address_1: address.address1,
    address_2: text(address.address2),
    city: address.city,
    postal_code: address.postalCode,
    state_province: address.stateProvince,
  };
}

/** The history fields of a contact, each as text. */
export function contactSnapshot(input: ContactInput): Snapshot {
  return {
    name: text(input.name),
    title: text(input.title),
    department: text(input.department),
    email: text(input.email),
    service_id: text(input.serviceId),
    phones: phonesText(input.phones),
  };
}

/** The metadata rows for the fields that differ between two snapshots (one per field; creates skip empty fields). */
export function changeRows(
  resource: Resource,
  action: 'create' | 'update' | 'delete',
  before: Snapshot,
  after: Snapshot,
  context: WriteContext,
): Insertable<MetadataTable>[] {
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

/** The field names of change rows, as the update functions return them. */
export const changedFields = (rows: Insertable<MetadataTable>[]) => rows.map((row) => row.field_name ?? '');

// One bump per transaction is enough to mark the registry stale, and saves a write per record on bulk loads.
const transactionsThatBumped = new WeakSet<Transaction<Database>>();

/** Records the changes and, when there are any, tells every process the registry changed. */
export async function recordChanges(trx: Transaction<Database>, rows: Insertable<MetadataTable>[]): Promise<boolean> {
  if (rows.length === 0) return false;
  await insertMetadata(trx, rows);
  if (!transactionsThatBumped.has(trx)) {
    await bumpRegistryRevision(trx);
    transactionsThatBumped.add(trx);
  }
  return true;
}
