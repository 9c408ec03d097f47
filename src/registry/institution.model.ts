// The registry's domain objects (institutions, services, places, contacts) and the inputs that write them.
import type { InstitutionTranslations, ServiceTranslations } from './listing-text.js';
import type { EligibleSex, InstitutionType, ResidencyRule, ServiceStatus, Weekday } from './registry.enums.js';
import type { Entitlement } from './entitlement.js';

export type Phone = {
  id: string;
  number: string;
  extension: number | null;
  type: string | null;
  description: string | null;
};
export type PhoneInput = { number: string; description: string | null };

export type Address = {
  id: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  stateProvince: string;
  postalCode: string;
  country: string;
};

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

export type Contact = {
  id: string;
  serviceId: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
  phones: Phone[];
};

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
  /** Name and description in Russian and English, where someone wrote them (listing-text.ts picks). */
  translations: InstitutionTranslations;
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
  /** The person's right to it: legal basis, and amount and limits where it is a benefit (entitlement.ts). */
  entitlement: Entitlement;
  phones: Phone[];
  contacts: Contact[];
  locationIds: string[];
  lastVerifiedOn: string | null;
  updatedAt: Date;
  /** Its texts in Russian and English, where someone wrote them (listing-text.ts picks). */
  translations: ServiceTranslations;
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

export type InstitutionPage = {
  items: InstitutionSummary[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
};

export type HelpTypeOption = {
  id: string;
  code: string;
  name: string;
  description: string;
  finer: Array<{ id: string; code: string; name: string; description: string }>;
};

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
  /** Russian and English texts; left out (undefined), an update keeps the stored ones. */
  translations?: InstitutionTranslations;
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
  /** Left out (an import, a loader that does not know it): the service keeps what it has; new ones get none. */
  entitlement?: Entitlement;
  phones: PhoneInput[];
  locationIds: string[];
  lastVerifiedOn: string | null;
  /** Russian and English texts; left out (undefined), an update keeps the stored ones. */
  translations?: ServiceTranslations;
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

export type ContactInput = {
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
  serviceId: string | null;
  phones: PhoneInput[];
};

/**
 * Who writes and how: `updatedBy` is an account id (or a `system:` label for loaders), never a person's name,
 * because metadata is exported with the registry. `newId` lets the demo loader make the same ids every time.
 */
export type WriteContext = { updatedBy: string; now?: Date; newId?: () => string };

/** An institution as a survey samples it: where it is and how to reach it by e-mail or letter. */
export type SampledInstitution = {
  id: string;
  name: string;
  type: string | null;
  /** The organization's e-mail, else its first contact's. */
  email: string | null;
  /** The territory of its first non-virtual location. */
  territoryCode: string | null;
  /** That location's postal (else physical) address. */
  address: {
    address1: string;
    address2: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
  } | null;
};

export type ChangeEvent = { date: string; action: string; resourceType: string; resourceId: string; fields: string[] };
