import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { listAuditEventsForRecords, recordAuditEvent } from '../audit/audit.service.js';
import { listConsentsOfPerson } from '../people/consent.service.js';
import { erasePerson, readPeople } from '../people/person.service.js';
import type { Keyring } from '../privacy/keyring.js';
import { exportReferralsOfPerson } from '../referrals/referral.service.js';

// The data subject's rights, run by the data protection officer (GDPR Art. 15 and 17): an export of everything held
// about a person with who read or received it, and erasure. Both are audited.

/** Everything held about a person, opened, and every audited read or share of it; audited as an export. */
export async function exportPersonData(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  by: { accountId: string | null },
) {
  const person = (
    await readPeople(db, keyring, [personId], { accountId: by.accountId, purpose: 'subject_access' })
  ).get(personId);
  if (!person) return undefined;
  const consents = await listConsentsOfPerson(db, keyring, personId);
  const referrals = await exportReferralsOfPerson(db, keyring, personId);
  const recordIds = [personId, ...consents.map((consent) => consent.id), ...referrals.map((referral) => referral.id)];
  const accessLog = await listAuditEventsForRecords(db, recordIds);
  await recordAuditEvent(db, {
    accountId: by.accountId,
    action: 'person.export',
    entityType: 'person',
    entityId: personId,
    details: { referrals: referrals.length, consents: consents.length },
  });
  return { exportedAt: new Date().toISOString(), person, consents, referrals, accessLog };
}

/** Erases a person (crypto-shredding, people/person.service.ts) in one transaction; false when there is no such person. */
export async function erasePersonData(
  db: Kysely<Database>,
  personId: string,
  by: { accountId: string | null; reason: string },
): Promise<boolean> {
  return db.transaction().execute((trx) => erasePerson(trx, personId, by));
}
