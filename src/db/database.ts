// The whole schema as Kysely sees it: each domain declares the tables it owns in its *.table.ts.
// Add your domain's tables here, one import and one block per domain.
import type {
  OrganizationTable,
  OrganizationIdentifierTable,
  ProgramTable,
  ServiceTable,
  ServiceResidencyTerritoryTable,
  LocationTable,
  ServiceAtLocationTable,
  AddressTable,
  ContactTable,
  PhoneTable,
  ScheduleTable,
  ServiceAreaTable,
  LanguageTable,
  RequiredDocumentTable,
  CostOptionTable,
  FundingTable,
  AccessibilityTable,
  TaxonomyTable,
  TaxonomyTermTable,
  TaxonomyTermTranslationTable,
  AttributeTable,
  MetadataTable,
  RegistryRevisionTable,
} from '../registry/registry.table.js';
import type { Region2004Table, TerritoryTable } from '../territories/territory.table.js';

export interface Database {
  // territories/
  territory: TerritoryTable;
  region_2004: Region2004Table;
  // registry/
  organization: OrganizationTable;
  organization_identifier: OrganizationIdentifierTable;
  program: ProgramTable;
  service: ServiceTable;
  service_residency_territory: ServiceResidencyTerritoryTable;
  location: LocationTable;
  service_at_location: ServiceAtLocationTable;
  address: AddressTable;
  contact: ContactTable;
  phone: PhoneTable;
  schedule: ScheduleTable;
  service_area: ServiceAreaTable;
  language: LanguageTable;
  required_document: RequiredDocumentTable;
  cost_option: CostOptionTable;
  funding: FundingTable;
  accessibility: AccessibilityTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  taxonomy_term_translation: TaxonomyTermTranslationTable;
  attribute: AttributeTable;
  metadata: MetadataTable;
  registry_revision: RegistryRevisionTable;
}
