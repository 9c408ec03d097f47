// Registry content for the finder's tests, written through the registry's own service functions (as a registry
// editor would) so a test controls every field the finder reads: several locations, sex and age limits, schedules,
// languages. Tests only.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { loadHelpTypeReferenceData } from '../registry/help-types.js';
import { helpTypeIdsForCodes } from '../registry/institution-read.service.js';
import { createInstitution, createLocation, createService } from '../registry/institution-write.service.js';
import type { ServiceInput } from '../registry/institution.model.js';
import type { EligibleSex, InstitutionType, Weekday } from '../registry/registry.enums.js';

export type FinderTestService = {
  name: string;
  description?: string;
  organizationName?: string;
  institutionType?: InstitutionType;
  /** Help-type codes ('shelter') or finer term codes ('shelter.night_shelter'). */
  helpTypes: string[];
  /** One location per code; none means a service with no place (a phone line). */
  territoryCodes: string[];
  residencyTerritoryCodes?: string[];
  isStatewide?: boolean;
  sex?: EligibleSex;
  minimumAge?: number;
  maximumAge?: number;
  eligibilityDescription?: string;
  hours?: { byday: string; opensAt: string; closesAt: string }[];
  phone?: string;
  address?: string;
  languages?: string[];
  documents?: string[];
  lastVerifiedOn?: string;
  capacityBeds?: number;
  status?: 'active' | 'inactive';
  isDemo?: boolean;
};

/** Adds the services (with their organizations and locations) through the registry's own writes; returns their ids. */
export async function insertFinderTestServices(
  db: Kysely<Database>,
  services: readonly FinderTestService[],
): Promise<string[]> {
  await loadHelpTypeReferenceData(db);
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const service of services) ids.push(await addFinderTestService(trx, service));
    return ids;
  });
}

async function addFinderTestService(trx: Transaction<Database>, service: FinderTestService): Promise<string> {
  const context = { updatedBy: 'system:test' };
  const organizationId = await createInstitution(
    trx,
    {
      name: service.organizationName ?? `${service.name} (iestāde)`,
      alternateName: null,
      description: '',
      type: service.institutionType ?? null,
      email: null,
      website: null,
      lastVerifiedOn: '2026-10-01',
      phones: [],
    },
    { ...context, isDemo: service.isDemo ?? false },
  );
  const locationIds: string[] = [];
  for (const territoryCode of service.territoryCodes) {
    const address = {
      address1: service.address ?? 'Brīvības iela 1',
      address2: null,
      city: 'Testa pilsēta',
      postalCode: 'LV-1001',
    };
    const location = {
      name: null,
      description: null,
      transportation: null,
      latitude: null,
      longitude: null,
      territoryCode,
      address,
      phones: [],
    };
    locationIds.push(await createLocation(trx, organizationId, location, context));
  }
  return createService(trx, organizationId, serviceInputOf(service, locationIds), context);
}

function serviceInputOf(service: FinderTestService, locationIds: string[]): ServiceInput {
  const residencyTerritoryCodes = service.residencyTerritoryCodes ?? [];
  return {
    name: service.name,
    alternateName: null,
    description: service.description ?? null,
    status: service.status ?? 'active',
    url: null,
    email: null,
    helpTypeIds: helpTypeIdsForCodes(service.helpTypes),
    eligibility: {
      residencyRule: residencyTerritoryCodes.length > 0 ? 'last_declared_residence' : 'none',
      residencyTerritoryCodes,
      sex: service.sex ?? 'any',
      minimumAge: service.minimumAge ?? null,
      maximumAge: service.maximumAge ?? null,
      description: service.eligibilityDescription ?? null,
    },
    capacityBeds: service.capacityBeds ?? null,
    isStatewide: service.isStatewide ?? false,
    serviceAreaCodes: [],
    openingHours: (service.hours ?? []).map((hours) => ({
      days: hours.byday.split(',') as Weekday[],
      opensAt: hours.opensAt,
      closesAt: hours.closesAt,
      description: null,
    })),
    languages: service.languages ?? [],
    requiredDocuments: service.documents ?? [],
    applicationProcess: null,
    feesDescription: null,
    phones: service.phone ? [{ number: service.phone, description: null }] : [],
    locationIds,
    lastVerifiedOn: service.lastVerifiedOn ?? null,
  };
}

/**
 * What every registry write does: tell each app process that its finder index is stale. Only for the index test,
 * which changes a row without the registry's writes to show that the index waits for the revision.
 */
export async function bumpRegistryRevision(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('registry_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1), changed_at: new Date() }))
    .where('id', '=', 1)
    .execute();
}

/** Territory codes the finder tests use (ATVK 2021). */
export const testTerritories = {
  riga: '0001000',
  daugavpils: '0002000',
  liepaja: '0005000',
  rezekne: '0006000',
  rezeknesNovads: '0043000',
  audrinuPagasts: '0043400',
  ludzasNovads: '0037000',
  kraslavasNovads: '0032000',
} as const;

/** A small registry around Rēzekne and elsewhere, with one service for each rule the finder must apply. */
export const finderTestRegistry: FinderTestService[] = [
  {
    name: 'Rēzeknes novada patversme',
    description: 'Patversme bezpajumtniekiem: gulta, duša un vakariņas.',
    organizationName: 'Rēzeknes novada sociālais dienests',
    helpTypes: ['shelter'],
    territoryCodes: [testTerritories.audrinuPagasts],
    residencyTerritoryCodes: [testTerritories.rezeknesNovads],
    hours: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '19:00', closesAt: '08:00' }],
    phone: '+371 64 600 000',
    languages: ['lv', 'ru'],
    documents: ['Pase vai ID karte'],
    lastVerifiedOn: '2026-10-15',
    capacityBeds: 20,
  },
  {
    name: 'Rēzeknes pilsētas naktsmājas',
    description: 'Naktsmājas jebkuram, kam nav kur palikt.',
    helpTypes: ['shelter.night_shelter'],
    territoryCodes: [testTerritories.rezekne],
    hours: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '24:00' }],
    phone: '+371 64 611 111',
  },
  {
    name: 'Pasu un ID karšu noformēšana Rēzeknē',
    description: 'Pilsonības un migrācijas lietu pārvalde noformē pasi vai personas apliecību.',
    organizationName: 'Pilsonības un migrācijas lietu pārvalde',
    helpTypes: ['documents'],
    territoryCodes: [testTerritories.rezekne],
    isStatewide: true,
    // A state-wide service takes everyone, whatever a stray residency row says.
    residencyTerritoryCodes: [testTerritories.riga],
    hours: [{ byday: 'MO,TU,WE,TH,FR', opensAt: '08:30', closesAt: '16:30' }],
  },
  {
    name: 'Juridiskā palīdzība Daugavpilī',
    description: 'Bezmaksas juridiskās konsultācijas pēc atbrīvošanas.',
    helpTypes: ['legal'],
    territoryCodes: [testTerritories.daugavpils],
  },
  {
    name: 'Juridiskā palīdzība Rīgā',
    description: 'Juristu konsultācijas par pabalstiem un parādiem.',
    helpTypes: ['legal'],
    territoryCodes: [testTerritories.riga],
  },
  {
    name: 'Rīgas sieviešu krīzes centrs',
    description: 'Droša vieta sievietēm grūtā brīdī.',
    helpTypes: ['shelter'],
    territoryCodes: [testTerritories.riga],
    sex: 'female',
  },
  {
    name: 'Ludzas novada sociālais dienests',
    description: 'Pabalsti un pārtikas pakas.',
    helpTypes: ['material'],
    territoryCodes: [testTerritories.ludzasNovads],
    residencyTerritoryCodes: [testTerritories.ludzasNovads],
  },
  {
    name: 'Uzticības tālrunis',
    description: 'Saruna ar psihologu pa tālruni, bez maksas.',
    helpTypes: ['psychological'],
    territoryCodes: [],
    isStatewide: true,
    phone: '116 123',
  },
  {
    name: 'Liepājas jauniešu darba centrs',
    description: 'Darba meklēšana un kursi jauniešiem.',
    helpTypes: ['employment'],
    territoryCodes: [testTerritories.liepaja],
    minimumAge: 18,
    maximumAge: 25,
  },
  {
    name: 'Cietuma atkarību programma',
    description: 'Tikai šīs ieslodzījuma vietas ieslodzītajiem.',
    institutionType: 'prison',
    helpTypes: ['alcohol', 'programme'],
    territoryCodes: [testTerritories.rezekne],
  },
  {
    name: 'Slēgta patversme',
    description: 'Vairs nedarbojas.',
    helpTypes: ['shelter'],
    territoryCodes: [testTerritories.rezekne],
    status: 'inactive',
  },
  {
    name: 'Krāslavas un Rēzeknes atbalsta grupa',
    description: 'Anonīmo alkoholiķu sanāksmes.',
    helpTypes: ['alcohol', 'psychological'],
    territoryCodes: [testTerritories.kraslavasNovads, testTerritories.rezekne],
  },
];
