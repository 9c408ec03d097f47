// Registry rows for the plan, institution and coverage tests, written through the registry's own service
// (the real write path, revision bump included), so the tests see what a staff member's edits would produce.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { EligibleSex, InstitutionType } from '../registry/registry.enums.js';
import type { OpeningHours } from '../registry/institution.model.js';
import type { Entitlement } from '../registry/entitlement.js';
import { helpTypeIdsForCodes } from '../registry/institution-read.service.js';
import { createInstitution, createLocation, createService } from '../registry/institution-write.service.js';

export type TestServiceSpecification = {
  name: string;
  helpTypes: string[];
  territoryCode: string;
  institutionName?: string;
  institutionType?: InstitutionType;
  organizationId?: string;
  isDemo?: boolean;
  residencyTerritoryCodes?: string[];
  isStatewide?: boolean;
  serviceAreaCodes?: string[];
  openingHours?: OpeningHours[];
  requiredDocuments?: string[];
  phone?: string;
  address?: string;
  status?: 'active' | 'inactive';
  eligibleSex?: EligibleSex;
  minimumAge?: number;
  maximumAge?: number;
  entitlement?: Entitlement;
  /** A service with no place of its own (a phone line, a service by post): its institution's place is not linked. */
  placeless?: boolean;
};

/** Adds one institution (unless `organizationId` is given), one place and one service; returns their ids. */
export async function addTestService(
  db: Kysely<Database>,
  specification: TestServiceSpecification,
): Promise<{ organizationId: string; locationId: string; serviceId: string }> {
  return db.transaction().execute(async (trx) => {
    const context = { updatedBy: 'system:test' };
    const organizationId =
      specification.organizationId ??
      (await createInstitution(
        trx,
        {
          name: specification.institutionName ?? `${specification.name} (iestāde)`,
          alternateName: null,
          description: '',
          type: specification.institutionType ?? 'ngo',
          email: null,
          website: null,
          lastVerifiedOn: '2026-11-01',
          phones: [],
        },
        { ...context, isDemo: specification.isDemo ?? false },
      ));
    const locationId = await createLocation(
      trx,
      organizationId,
      {
        name: null,
        description: null,
        transportation: null,
        latitude: null,
        longitude: null,
        territoryCode: specification.territoryCode,
        address: {
          address1: specification.address ?? 'Brīvības iela 1',
          address2: null,
          city: 'Testa pilsēta',
          postalCode: 'LV-1001',
        },
        phones: [],
      },
      context,
    );
    const serviceId = await createService(
      trx,
      organizationId,
      {
        name: specification.name,
        alternateName: null,
        description: `${specification.name}: apraksts`,
        status: specification.status ?? 'active',
        url: null,
        email: null,
        helpTypeIds: helpTypeIdsForCodes(specification.helpTypes),
        eligibility: {
          residencyRule: specification.residencyTerritoryCodes?.length ? 'last_declared_residence' : 'none',
          residencyTerritoryCodes: specification.residencyTerritoryCodes ?? [],
          sex: specification.eligibleSex ?? 'any',
          minimumAge: specification.minimumAge ?? null,
          maximumAge: specification.maximumAge ?? null,
          description: null,
        },
        capacityBeds: null,
        isStatewide: specification.isStatewide ?? false,
        serviceAreaCodes: specification.serviceAreaCodes ?? [],
        openingHours: specification.openingHours ?? [
          { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '17:00', description: null },
        ],
        languages: ['lv', 'ru'],
        requiredDocuments: specification.requiredDocuments ?? [],
        applicationProcess: null,
        feesDescription: null,
        ...(specification.entitlement ? { entitlement: specification.entitlement } : {}),
        phones: specification.phone ? [{ number: specification.phone, description: null }] : [],
        locationIds: specification.placeless ? [] : [locationId],
        lastVerifiedOn: '2026-11-01',
      },
      context,
    );
    return { organizationId, locationId, serviceId };
  });
}
