// Institutions for other domains' tests, written through the registry's own service functions (so tests never
// write registry tables directly, and every write bumps the revision and records history as in the app).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { createInstitution, createLocation } from './institution-write.service.js';
import type { InstitutionType } from './registry.enums.js';

export type TestInstitution = {
  id?: string;
  name: string;
  type?: InstitutionType | null;
  email?: string | null;
  isDemo?: boolean;
  /** One place with an address, in this territory (an ATVK code). */
  location?: { territoryCode: string; address1?: string; city?: string; postalCode?: string };
};

/** Adds an institution (and its one place, when given) in its own transaction; returns the institution's id. */
export async function addTestInstitution(db: Kysely<Database>, institution: TestInstitution): Promise<string> {
  if (db.isTransaction) return writeTestInstitution(db as Transaction<Database>, institution);
  return db.transaction().execute((trx) => writeTestInstitution(trx, institution));
}

async function writeTestInstitution(trx: Transaction<Database>, institution: TestInstitution): Promise<string> {
  const context = { updatedBy: 'system:test' };
  const input = {
    name: institution.name,
    alternateName: null,
    description: '',
    type: institution.type ?? null,
    email: institution.email ?? null,
    website: null,
    lastVerifiedOn: null,
    phones: [],
  };
  const id = await createInstitution(trx, input, {
    ...context,
    isDemo: institution.isDemo ?? false,
    ...(institution.id ? { id: institution.id } : {}),
  });
  const place = institution.location;
  if (place) {
    const address = {
      address1: place.address1 ?? 'Brīvības iela 1',
      address2: null,
      city: place.city ?? 'Rīga',
      postalCode: place.postalCode ?? 'LV-1001',
    };
    const location = {
      name: null,
      description: null,
      transportation: null,
      latitude: null,
      longitude: null,
      territoryCode: place.territoryCode,
      address,
      phones: [],
    };
    await createLocation(trx, id, location, context);
  }
  return id;
}
