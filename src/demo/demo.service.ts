// Loads the invented demo institutions through the registry's own service functions, so demo data looks exactly
// like data staff typed in (change history included). Ids come from the institution's key, so every load on every
// machine gives the same ids, and adding an institution to the list does not change the others'.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { lockUntilCommit } from '../db/advisory-lock.js';
import type { Database } from '../db/database.js';
import type { ServiceInput, WriteContext } from '../registry/institution.model.js';
import {
  countInstitutions,
  findExistingInstitutionIds,
  helpTypeIdsForCodes,
} from '../registry/institution-read.service.js';
import {
  createContact,
  createInstitution,
  createLocation,
  createService,
  deleteInstitutions,
} from '../registry/institution-write.service.js';
import { loadLv2004DemoWave, removeLv2004DemoWave } from '../surveys/lv2004/demo-wave.js';
import { listWaves } from '../surveys/wave.service.js';
import { listTerritories, type Territory } from '../territories/territory.service.js';
import { demoInstitutions, type DemoInstitution, type DemoService } from './demo-data.js';
import { demoTranslations } from './demo-translations.js';
import type { InstitutionTranslations, ServiceTranslations } from '../registry/listing-text.js';

/** A demo text in Russian or English; a Latvian text with no translation is a mistake demo.test.ts catches. */
function translated(latvian: string | null | undefined, language: 'ru' | 'en'): string | undefined {
  if (!latvian) return undefined;
  return demoTranslations.get(latvian)?.[language];
}

function institutionTranslations(institution: DemoInstitution): InstitutionTranslations {
  const texts = (language: 'ru' | 'en') => ({
    name: translated(institution.name, language),
    description: translated(institution.description, language),
  });
  return { ru: withoutGaps(texts('ru')), en: withoutGaps(texts('en')) };
}

function serviceTranslations(service: DemoService): ServiceTranslations {
  const texts = (language: 'ru' | 'en') => {
    const documents = (service.documents ?? []).map((document) => translated(document, language));
    return {
      name: translated(service.name, language),
      description: translated(service.description, language),
      eligibility_description: translated(service.eligibility, language),
      required_documents: documents.every((document) => document !== undefined) ? documents.join('\n') : undefined,
      application_process: translated(service.applicationProcess, language),
      fees_description: translated(service.fees, language),
    };
  };
  return { ru: withoutGaps(texts('ru')), en: withoutGaps(texts('en')) };
}

function withoutGaps<Field extends string>(texts: Record<Field, string | undefined>): Partial<Record<Field, string>> {
  return Object.fromEntries(Object.entries(texts).filter(([, text]) => text)) as Partial<Record<Field, string>>;
}

/** What change-history rows name as the author of demo data: a system label, not an account. */
export const demoAuthor = 'system:demo';

/** What a load wrote: institutions and services of the registry, and the reconstructed 2004 survey wave. */
export type DemoLoadResult = { loaded: boolean; institutions: number; services: number; waveResponses: number };
/** What a removal took away. */
export type DemoRemoveResult = { institutions: number; waves: number };

/** A deterministic id source: name-based UUIDs (SHA-1 of the seed and a counter, RFC 4122 version 5 layout). */
export function seededIds(seed: string): () => string {
  let counter = 0;
  return () => {
    const hash = createHash('sha1').update(`reentry-atlas-demo:${seed}:${counter++}`).digest();
    hash[6] = (hash[6]! & 0x0f) | 0x50;
    hash[8] = (hash[8]! & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  };
}

/** The fixed organization id of each demo institution. */
export function demoInstitutionIds(): string[] {
  return demoInstitutions.map((institution) => seededIds(institution.key)());
}

// +371 6000 xxxx: one block of invented numbers, institution n gets 6000 n0, its services n1, n2 …
const demoPhone = (institutionIndex: number, serviceIndex: number) => {
  const digits = String(institutionIndex * 10 + serviceIndex).padStart(4, '0');
  return `+371 6000 ${digits}`;
};

function serviceInput(
  institution: DemoInstitution,
  service: DemoService,
  phone: string,
  locationId: string,
): ServiceInput {
  const residencyCodes =
    service.residency === 'own' ? [institution.municipality] : service.residency === 'none' ? [] : service.residency;
  // Where people may come from: the whole country, the listed municipalities, or (for a local service) its own.
  const areas = service.statewide
    ? []
    : (service.areas ?? (residencyCodes.length > 0 ? residencyCodes : [institution.municipality]));
  return {
    name: service.name,
    alternateName: null,
    description: service.description,
    status: 'active',
    url: null,
    email: null,
    helpTypeIds: helpTypeIdsForCodes(service.helpTypes),
    eligibility: {
      residencyRule: residencyCodes.length > 0 ? 'last_declared_residence' : 'none',
      residencyTerritoryCodes: residencyCodes,
      sex: service.sex ?? 'any',
      minimumAge: service.ages?.[0] ?? null,
      maximumAge: service.ages?.[1] ?? null,
      description: service.eligibility ?? null,
    },
    capacityBeds: service.capacityBeds ?? null,
    isStatewide: service.statewide ?? false,
    serviceAreaCodes: areas,
    openingHours: service.hours,
    languages: service.languages,
    requiredDocuments: service.documents ?? [],
    applicationProcess: service.applicationProcess ?? null,
    feesDescription: service.fees ?? null,
    ...(service.right ? { entitlement: service.right } : {}),
    phones: service.phone ? [{ number: phone, description: null }] : [],
    locationIds: [locationId],
    lastVerifiedOn: institution.lastVerifiedOn,
    translations: serviceTranslations(service),
  };
}

/** A point near the municipality's centre, spread a little per institution so map pins do not sit on one spot. */
function demoCoordinates(territories: Map<string, Territory>, institution: DemoInstitution, index: number) {
  const centre = territories.get(institution.municipality);
  if (!centre?.latitude || !centre.longitude) return { latitude: null, longitude: null };
  const angle = (index * 137.5 * Math.PI) / 180;
  const distance = 0.004 + (index % 5) * 0.002;
  return {
    latitude: Number((centre.latitude + distance * Math.sin(angle)).toFixed(5)),
    longitude: Number((centre.longitude + distance * 1.8 * Math.cos(angle)).toFixed(5)),
  };
}

/**
 * Loads the demonstration data in one transaction: the demo institutions (marked is_demo) and the reconstructed
 * 2004 survey wave. Each part that is already there is left alone. Returns what it wrote.
 */
export async function loadDemoData(db: Kysely<Database>): Promise<DemoLoadResult> {
  return db.transaction().execute(loadDemoDataInTransaction);
}

async function loadDemoDataInTransaction(trx: Transaction<Database>): Promise<DemoLoadResult> {
  const registry = await loadDemoInstitutions(trx);
  const wave = await loadLv2004DemoWave(trx);
  return { loaded: registry.institutions > 0 || wave.loaded, ...registry, waveResponses: wave.responses };
}

async function loadDemoInstitutions(trx: Transaction<Database>): Promise<{ institutions: number; services: number }> {
  if ((await findExistingInstitutionIds(trx, demoInstitutionIds())).length > 0) return { institutions: 0, services: 0 };
  const territories = new Map((await listTerritories(trx)).map((territory) => [territory.code, territory]));
  let services = 0;
  for (const [index, institution] of demoInstitutions.entries()) {
    const number = index + 1;
    const context: WriteContext = { updatedBy: demoAuthor, newId: seededIds(institution.key) };
    const organizationId = await createInstitution(
      trx,
      {
        name: institution.name,
        alternateName: null,
        description: institution.description,
        type: institution.type,
        email: `demo-${institution.key}@example.org`,
        website: institution.website ? `https://example.org/demo/${institution.key}` : null,
        lastVerifiedOn: institution.lastVerifiedOn,
        phones: [{ number: demoPhone(number, 0), description: null }],
        translations: institutionTranslations(institution),
      },
      { ...context, isDemo: true },
    );
    const locationId = await createLocation(
      trx,
      organizationId,
      {
        name: null,
        description: null,
        transportation: institution.transportation ?? null,
        ...demoCoordinates(territories, institution, index),
        territoryCode: institution.territory ?? institution.municipality,
        address: {
          address1: institution.street,
          address2: null,
          city: institution.city,
          postalCode: institution.postalCode,
        },
        phones: [],
      },
      context,
    );
    for (const [serviceIndex, service] of institution.services.entries()) {
      await createService(
        trx,
        organizationId,
        serviceInput(institution, service, demoPhone(number, serviceIndex + 1), locationId),
        context,
      );
      services++;
    }
    if (institution.contact) {
      await createContact(
        trx,
        organizationId,
        {
          name: institution.contact.name,
          title: institution.contact.title,
          department: institution.contact.department ?? null,
          email: `demo-${institution.key}-contact@example.org`,
          serviceId: null,
          phones: [{ number: demoPhone(number, 9), description: null }],
        },
        context,
      );
    }
  }
  return { institutions: demoInstitutions.length, services };
}

/** What `npm start` does on an empty database (no institutions, no survey waves): loads the demonstration data. */
export async function loadDemoDataIfDatabaseEmpty(db: Kysely<Database>): Promise<DemoLoadResult> {
  // Several app processes may start at once on one empty PostgreSQL: the lock makes the second wait, and then it
  // sees the first one's data (each statement reads what is committed) and loads nothing.
  return db.transaction().execute(async (trx) => {
    await lockUntilCommit(trx, 'atlas:demo-data');
    if ((await countInstitutions(trx)) > 0 || (await listWaves(trx)).length > 0) {
      return { loaded: false, institutions: 0, services: 0, waveResponses: 0 };
    }
    return loadDemoDataInTransaction(trx);
  });
}

/** Removes the demonstration data in one transaction: the demo institutions with all under them, and the 2004 wave. */
export async function removeDemoData(db: Kysely<Database>): Promise<DemoRemoveResult> {
  return db.transaction().execute(async (trx) => {
    const institutions = await deleteInstitutions(trx, demoInstitutionIds(), { updatedBy: demoAuthor });
    const waves = (await removeLv2004DemoWave(trx)) ? 1 : 0;
    return { institutions, waves };
  });
}
