import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Language } from '../core/language.js';
import type { Keyring } from '../privacy/keyring.js';
import { blindIndex } from '../privacy/envelope.js';
import {
  createSubjectKey,
  eraseSubjectKey,
  isErased,
  openOptional,
  openSubjectKeys,
  sealOptional,
  type DataKey,
} from '../privacy/sealing.service.js';
import {
  clearConsentEvidence,
  clearPersonFields,
  insertPerson,
  selectPeople,
  selectPeopleByDataKeys,
  selectPeopleWithConsentSince,
  selectUnerasedPeopleCreatedBefore,
  selectPeopleByCodeIndex,
  selectPersonIdsOfTeam,
} from './person.repository.js';

// People leaving prison, with the least data a referral needs (issue: the network). Everything about the person is
// sealed with their own data key; coded facts (language, territories, the team) stay in clear for counts. Every
// read of a person's fields is audited with who read it and why.

export type PersonInput = {
  givenName: string;
  familyName: string;
  personalCode?: string | undefined;
  birthDate?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  language: Language;
  lastResidence?: string | undefined;
  plannedStay?: string | undefined;
  expectedRelease?: string | undefined;
  prisonOrganizationId?: string | undefined;
};

/** A person as a permitted reader sees them; after erasure every personal field is null and `erased` is true. */
export type Person = {
  id: string;
  teamOrganizationId: string;
  erased: boolean;
  givenName: string | null;
  familyName: string | null;
  personalCode: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  expectedRelease: string | null;
  language: Language;
  lastResidence: string | null;
  plannedStay: string | null;
  prisonOrganizationId: string | null;
};

/** Who reads, and why: every opening of a person's fields is an audit event. */
export type PersonReader = { accountId: string | null; purpose: string; referralId?: string };

const sealedColumns = {
  givenName: 'given_name_sealed',
  familyName: 'family_name_sealed',
  personalCode: 'personal_code_sealed',
  birthDate: 'birth_date_sealed',
  phone: 'phone_sealed',
  email: 'email_sealed',
  expectedRelease: 'expected_release_sealed',
} as const;
type SealedField = keyof typeof sealedColumns;

const personalCodePurpose = 'person.personal_code';

function sealPerson(
  dataKey: DataKey,
  id: string,
  input: PersonInput,
): Record<(typeof sealedColumns)[SealedField], string | null> {
  const seal = (field: SealedField) =>
    sealOptional(dataKey, { table: 'person', column: sealedColumns[field], rowId: id }, input[field]);
  return {
    given_name_sealed: seal('givenName'),
    family_name_sealed: seal('familyName'),
    personal_code_sealed: seal('personalCode'),
    birth_date_sealed: seal('birthDate'),
    phone_sealed: seal('phone'),
    email_sealed: seal('email'),
    expected_release_sealed: seal('expectedRelease'),
  };
}

/** Creates a person's record and data key, sealed, in the caller's transaction; audited with field names only. */
export async function createPerson(
  trx: Kysely<Database>,
  keyring: Keyring,
  input: PersonInput,
  by: { accountId: string; teamOrganizationId: string },
): Promise<string> {
  const id = randomUUID();
  const dataKey = await createSubjectKey(trx, keyring);
  await insertPerson(trx, {
    id,
    data_key_id: dataKey.id,
    team_organization_id: by.teamOrganizationId,
    ...sealPerson(dataKey, id, input),
    personal_code_index: input.personalCode ? blindIndex(keyring, personalCodePurpose, input.personalCode) : null,
    language: input.language,
    prison_organization_id: input.prisonOrganizationId ?? null,
    planned_stay_territory_code: input.plannedStay ?? null,
    last_residence_territory_code: input.lastResidence ?? null,
    created_by: by.accountId,
    erased_at: null,
  });
  const fields = (Object.keys(sealedColumns) as SealedField[]).filter((field) => input[field]);
  await recordAuditEvent(trx, {
    accountId: by.accountId,
    action: 'person.create',
    entityType: 'person',
    entityId: id,
    details: { fields },
  });
  return id;
}

/** The team that keeps each person's record, without opening anything (for permission checks). */
export async function findPersonTeams(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await selectPeople(db, ids);
  return new Map(rows.map((row) => [row.id, row.team_organization_id]));
}

/** Opens people's records for a reader; each opened record is one audit event naming the reader and purpose. */
export async function readPeople(
  db: Kysely<Database>,
  keyring: Keyring,
  ids: readonly string[],
  reader: PersonReader,
): Promise<Map<string, Person>> {
  const rows = await selectPeople(db, ids);
  const keys = await openSubjectKeys(
    db,
    keyring,
    rows.map((row) => row.data_key_id),
  );
  const people = new Map<string, Person>();
  for (const row of rows) {
    const key = keys.get(row.data_key_id);
    const open = (field: SealedField) =>
      openOptional(key, { table: 'person', column: sealedColumns[field], rowId: row.id }, row[sealedColumns[field]]);
    people.set(row.id, {
      id: row.id,
      teamOrganizationId: row.team_organization_id,
      erased: isErased(key) || row.erased_at !== null,
      givenName: open('givenName'),
      familyName: open('familyName'),
      personalCode: open('personalCode'),
      birthDate: open('birthDate'),
      phone: open('phone'),
      email: open('email'),
      expectedRelease: open('expectedRelease'),
      language: row.language,
      lastResidence: row.last_residence_territory_code,
      plannedStay: row.planned_stay_territory_code,
      prisonOrganizationId: row.prison_organization_id,
    });
  }
  // One audit event per person opened, all in one transaction: a page of 25 names is one commit, not 25.
  const details = { purpose: reader.purpose, ...(reader.referralId ? { referral: reader.referralId } : {}) };
  const audit = async (trx: Kysely<Database>) => {
    for (const row of rows) {
      await recordAuditEvent(trx, {
        accountId: reader.accountId,
        action: 'person.read',
        entityType: 'person',
        entityId: row.id,
        details,
      });
    }
  };
  if (rows.length > 0) await (db.isTransaction ? audit(db) : db.transaction().execute(audit));
  return people;
}

/** Finds a team's people by personal code through the blind index (no code is stored); the search is audited. */
export async function findPeopleByPersonalCode(
  db: Kysely<Database>,
  keyring: Keyring,
  teamOrganizationId: string,
  personalCode: string,
  reader: PersonReader,
): Promise<string[]> {
  const rows = await selectPeopleByCodeIndex(
    db,
    teamOrganizationId,
    blindIndex(keyring, personalCodePurpose, personalCode),
  );
  await recordAuditEvent(db, {
    accountId: reader.accountId,
    action: 'person.search',
    entityType: 'person',
    entityId: null,
    details: { by: 'personal_code', matches: rows.length, purpose: reader.purpose },
  });
  return rows.map((row) => row.id);
}

/**
 * Erases a person: destroys their data key (every sealed field, in the database and in backups, stays sealed
 * for good), empties the sealed columns and the blind index. Coded facts stay, so the planners' counts stay right.
 */
export async function erasePerson(
  trx: Kysely<Database>,
  id: string,
  by: { accountId: string | null; reason: string },
): Promise<boolean> {
  const [row] = await selectPeople(trx, [id]);
  if (!row) return false;
  await eraseSubjectKey(trx, row.data_key_id);
  await clearPersonFields(trx, id, new Date());
  await clearConsentEvidence(trx, id);
  await recordAuditEvent(trx, {
    accountId: by.accountId,
    action: 'person.erase',
    entityType: 'person',
    entityId: id,
    details: { reason: by.reason },
  });
  return true;
}

/** The data key of a person, opened, for sealing things that belong to them (referral notes, messages). */
export async function openPersonKey(db: Kysely<Database>, keyring: Keyring, personId: string) {
  const [row] = await selectPeople(db, [personId]);
  if (!row) return undefined;
  const keys = await openSubjectKeys(db, keyring, [row.data_key_id]);
  return keys.get(row.data_key_id);
}

/** A team's newest people, opened for a team member; each opening is audited like any read. */
export async function listTeamPeople(
  db: Kysely<Database>,
  keyring: Keyring,
  teamOrganizationId: string,
  reader: PersonReader,
  limit = 100,
): Promise<Person[]> {
  const ids = await selectPersonIdsOfTeam(db, teamOrganizationId, limit);
  const people = await readPeople(db, keyring, ids, reader);
  return ids.map((id) => people.get(id)).filter((person): person is Person => person !== undefined);
}

/** Retention (retention/): ids of people not yet erased whose record was made before `before`. */
export async function listUnerasedPeopleCreatedBefore(db: Kysely<Database>, before: Date): Promise<string[]> {
  return selectUnerasedPeopleCreatedBefore(db, before);
}

/** Retention (retention/): of these people, those with a consent in force or ended on or after `since`. */
export async function findPeopleWithConsentSince(
  db: Kysely<Database>,
  ids: readonly string[],
  since: Date,
): Promise<Set<string>> {
  return new Set(await selectPeopleWithConsentSince(db, ids, since));
}

/** Erasure reaching backups (backup/): the people whose data keys an erasure ledger lists. */
export async function findPeopleByDataKeys(db: Kysely<Database>, dataKeyIds: readonly string[]): Promise<string[]> {
  return selectPeopleByDataKeys(db, dataKeyIds);
}
