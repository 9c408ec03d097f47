// Registry rows for the finder's tests, written straight into the registry tables (as the HSDS import or a
// registry editor would leave them) so a test controls every field the finder reads: several locations,
// sex and age limits, schedules, languages. Tests only; the app never writes the registry from here.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { allHelpTypeTerms, loadHelpTypeReferenceData } from '../registry/help-types.js';

export type FinderTestService = {
  name: string;
  description?: string;
  organizationName?: string;
  institutionType?: 'municipal_social_service' | 'ngo' | 'state' | 'prison';
  /** Help-type codes ('shelter') or finer term codes ('shelter.night_shelter'). */
  helpTypes: string[];
  /** One location per code; none means a service with no place (a phone line). */
  territoryCodes: string[];
  residencyTerritoryCodes?: string[];
  isStatewide?: boolean;
  sex?: 'any' | 'female' | 'male';
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

/** Inserts the services (with their organizations, locations, contacts) and bumps registry_revision; returns their ids. */
export async function insertFinderTestServices(db: Kysely<Database>, services: readonly FinderTestService[]): Promise<string[]> {
  await loadHelpTypeReferenceData(db);
  const termIdByCode = new Map(allHelpTypeTerms().map((term) => [term.code, term.id]));
  const ids: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const service of services) {
      const organizationId = randomUUID();
      const serviceId = randomUUID();
      ids.push(serviceId);
      await trx
        .insertInto('organization')
        .values({
          id: organizationId,
          name: service.organizationName ?? `${service.name} (iestāde)`,
          institution_type: service.institutionType ?? null,
          is_demo: service.isDemo ?? false,
          last_verified_on: '2026-10-01',
        })
        .execute();
      await trx
        .insertInto('service')
        .values({
          id: serviceId,
          organization_id: organizationId,
          name: service.name,
          description: service.description ?? null,
          status: service.status ?? 'active',
          residency_rule: service.residencyTerritoryCodes?.length ? 'last_declared_residence' : 'none',
          eligible_sex: service.sex ?? 'any',
          minimum_age: service.minimumAge ?? null,
          maximum_age: service.maximumAge ?? null,
          eligibility_description: service.eligibilityDescription ?? null,
          capacity_beds: service.capacityBeds ?? null,
          is_statewide: service.isStatewide ?? false,
          last_verified_on: service.lastVerifiedOn ?? null,
        })
        .execute();
      for (const code of service.residencyTerritoryCodes ?? []) {
        await trx.insertInto('service_residency_territory').values({ service_id: serviceId, territory_code: code }).execute();
      }
      for (const code of service.helpTypes) {
        const termId = termIdByCode.get(code);
        if (!termId) throw new Error(`no help-type term ${code}`);
        await trx.insertInto('attribute').values({ id: randomUUID(), link_id: serviceId, link_entity: 'service', taxonomy_term_id: termId }).execute();
      }
      for (const territoryCode of service.territoryCodes) {
        const locationId = randomUUID();
        await trx.insertInto('location').values({ id: locationId, location_type: 'physical', organization_id: organizationId, territory_code: territoryCode }).execute();
        await trx.insertInto('service_at_location').values({ id: randomUUID(), service_id: serviceId, location_id: locationId }).execute();
        await trx
          .insertInto('address')
          .values({
            id: randomUUID(),
            location_id: locationId,
            address_1: service.address ?? 'Brīvības iela 1',
            city: 'Testa pilsēta',
            state_province: '',
            postal_code: 'LV-1001',
            country: 'LV',
            address_type: 'physical',
          })
          .execute();
      }
      if (service.phone) await trx.insertInto('phone').values({ id: randomUUID(), service_id: serviceId, number: service.phone }).execute();
      for (const hours of service.hours ?? []) {
        await trx
          .insertInto('schedule')
          .values({ id: randomUUID(), service_id: serviceId, freq: 'WEEKLY', wkst: 'MO', byday: hours.byday, opens_at: hours.opensAt, closes_at: hours.closesAt })
          .execute();
      }
      for (const code of service.languages ?? []) await trx.insertInto('language').values({ id: randomUUID(), service_id: serviceId, code }).execute();
      for (const document of service.documents ?? []) await trx.insertInto('required_document').values({ id: randomUUID(), service_id: serviceId, document }).execute();
    }
    await bumpRegistryRevision(trx);
  });
  return ids;
}

/** What every registry write does: tell each app process that its finder index is stale. */
export async function bumpRegistryRevision(db: Kysely<Database>): Promise<void> {
  await db.updateTable('registry_revision').set((eb) => ({ revision: eb('revision', '+', 1), changed_at: new Date() })).where('id', '=', 1).execute();
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
