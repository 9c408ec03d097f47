// Domain objects back to inputs: the edit forms start from these, and the change history compares them.
import type {
  Contact,
  ContactInput,
  Institution,
  InstitutionInput,
  Location,
  LocationInput,
  Service,
  ServiceInput,
} from './institution.model.js';

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
    translations: institution.translations,
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
    entitlement: service.entitlement,
    phones: service.phones.map((phone) => ({ number: phone.number, description: phone.description })),
    locationIds: service.locationIds,
    lastVerifiedOn: service.lastVerifiedOn,
    translations: service.translations,
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
