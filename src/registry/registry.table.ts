import type { Generated } from 'kysely';
import type { Language } from '../core/language.js';
import type { TranslatedLanguage } from './listing-text.js';
import type {
  AddressType,
  EligibleSex,
  InstitutionType,
  LocationType,
  ResidencyRule,
  ScheduleFrequency,
  ServiceStatus,
  Weekday,
} from './registry.enums.js';

// Row types of the registry tables (db/migrations/20261125_0002_registry.sql). Only registry/ writes them.

export interface OrganizationTable {
  id: string;
  name: string;
  alternate_name: string | null;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  tax_status: string | null;
  tax_id: string | null;
  year_incorporated: number | null;
  legal_status: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  institution_type: InstitutionType | null;
  is_demo: Generated<boolean>;
  last_verified_on: string | null;
  search_name: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganizationIdentifierTable {
  id: string;
  organization_id: string;
  identifier_scheme: string | null;
  identifier_type: string;
  identifier: string;
}

export interface ProgramTable {
  id: string;
  organization_id: string | null;
  name: string;
  alternate_name: string | null;
  description: Generated<string>;
}

export interface ServiceTable {
  id: string;
  organization_id: string | null;
  program_id: string | null;
  name: string;
  alternate_name: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  wait_time: string | null;
  fees: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: string | null;
  assurer_email: string | null;
  licenses: string | null;
  alert: string | null;
  last_modified: Date | null;
  residency_rule: Generated<ResidencyRule>;
  eligible_sex: Generated<EligibleSex>;
  capacity_beds: number | null;
  /** The person's right to the service (migration 20261207_0600): legal basis and, for a benefit, amount and limits. */
  legal_basis_act: string | null;
  legal_basis_article: string | null;
  legal_basis_url: string | null;
  benefit_amount: string | null;
  benefit_limits: string | null;
  is_statewide: Generated<boolean>;
  last_verified_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServiceResidencyTerritoryTable {
  service_id: string;
  territory_code: string;
}

export interface LocationTable {
  id: string;
  location_type: LocationType;
  url: string | null;
  organization_id: string | null;
  name: string | null;
  alternate_name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
  territory_code: string | null;
}

export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

export interface AddressTable {
  id: string;
  location_id: string | null;
  attention: string | null;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: AddressType;
}

export interface ContactTable {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  service_at_location_id: string | null;
  location_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

export interface PhoneTable {
  id: string;
  location_id: string | null;
  service_id: string | null;
  organization_id: string | null;
  contact_id: string | null;
  service_at_location_id: string | null;
  number: string;
  extension: number | null;
  type: string | null;
  description: string | null;
}

export interface ScheduleTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  timezone: number | null;
  until: string | null;
  count: number | null;
  wkst: Weekday | null;
  freq: ScheduleFrequency | null;
  interval: number | null;
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}

export interface ServiceAreaTable {
  id: string;
  service_id: string | null;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  territory_code: string | null;
}

export interface LanguageTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
}

export interface RequiredDocumentTable {
  id: string;
  service_id: string | null;
  document: string | null;
  uri: string | null;
}

export interface CostOptionTable {
  id: string;
  service_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  option: string | null;
  currency: string | null;
  amount: number | null;
  amount_description: string | null;
}

export interface FundingTable {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  source: string | null;
}

export interface AccessibilityTable {
  id: string;
  location_id: string | null;
  description: string | null;
  details: string | null;
  url: string | null;
}

export interface TaxonomyTable {
  id: string;
  name: string;
  description: Generated<string>;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable {
  id: string;
  code: string | null;
  name: string;
  description: Generated<string>;
  parent_id: string | null;
  taxonomy: string | null;
  taxonomy_id: string | null;
  language: string | null;
  term_uri: string | null;
}

export interface TaxonomyTermTranslationTable {
  taxonomy_term_id: string;
  language: Language;
  name: string;
  description: Generated<string>;
}

/** Russian and English texts of an organization (db/migrations/20261207_0400_listing_translations.sql). */
export interface OrganizationTranslationTable {
  organization_id: string;
  language: TranslatedLanguage;
  name: string | null;
  description: string | null;
}

/** Russian and English texts of a service; lists (documents, hours notes) one entry a line. */
export interface ServiceTranslationTable {
  service_id: string;
  language: TranslatedLanguage;
  name: string | null;
  description: string | null;
  eligibility_description: string | null;
  required_documents: string | null;
  application_process: string | null;
  fees_description: string | null;
  hours_note: string | null;
}

export interface AttributeTable {
  id: string;
  link_id: string;
  taxonomy_term_id: string | null;
  link_type: string | null;
  link_entity: string;
  value: string | null;
}

export interface MetadataTable {
  id: string;
  resource_id: string;
  resource_type: string;
  last_action_date: string;
  last_action_type: string;
  field_name: Generated<string>;
  previous_value: Generated<string>;
  replacement_value: Generated<string>;
  updated_by: Generated<string>;
}

export interface RegistryRevisionTable {
  id: number;
  revision: number;
  changed_at: Generated<Date>;
}
