import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { currentErasureLedger, isListedAsErased } from './erasure-ledger.js';
import {
  countKeysByVersion,
  destroyDataKey,
  insertDataKey,
  selectErasedDataKeyIds,
  selectDataKeys,
  selectKeysToRewrap,
  updateWrappedKey,
} from './data-key.repository.js';
import {
  createDataKey,
  openField,
  sealField,
  unwrapDataKey,
  wrapDataKey,
  type DataKey,
  type SealBinding,
} from './envelope.js';
import {
  keyringFrom,
  keyringFromFile,
  KeyringError,
  loadKeyMaterial,
  missingKeyring,
  type Keyring,
} from './keyring.js';

// The data keys behind sealed personal fields: made with a person's record, opened for a reader, re-wrapped when the
// key-encryption key rotates, destroyed on erasure. Callers seal and open fields with `sealOptional`/`openOptional`.

/** A person's data key as a reader gets it: the key, or the fact that it was erased. */
export type OpenedKey = DataKey | { id: string; erased: true };

/** Makes and stores (wrapped) a new data key; call it in the transaction that creates the person. */
export async function createSubjectKey(trx: Kysely<Database>, keyring: Keyring): Promise<DataKey> {
  const dataKey = createDataKey(randomUUID());
  const wrapped = wrapDataKey(keyring, dataKey);
  await insertDataKey(trx, { id: dataKey.id, wrappedKey: wrapped, kekVersion: keyring.current().version });
  return dataKey;
}

/** Unwraps the data keys with these ids; an erased key comes back as `{ erased: true }`, never an error. */
export async function openSubjectKeys(
  db: Kysely<Database>,
  keyring: Keyring,
  ids: readonly string[],
): Promise<Map<string, OpenedKey>> {
  const rows = await selectDataKeys(db, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      row.wrapped_key === null || isListedAsErased(row.id)
        ? { id: row.id, erased: true as const }
        : unwrapDataKey(keyring, row.id, row.wrapped_key),
    ]),
  );
}

/** True when the key was erased (crypto-shredded). */
export function isErased(key: OpenedKey | undefined): key is { id: string; erased: true } | undefined {
  return key === undefined || 'erased' in key;
}

/** Seals a value that may be absent. */
export function sealOptional(dataKey: DataKey, binding: SealBinding, value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : sealField(dataKey, binding, value);
}

/** Opens a value that may be absent; null for an erased key (the caller says "erased"). */
export function openOptional(key: OpenedKey | undefined, binding: SealBinding, sealed: string | null): string | null {
  if (sealed === null || isErased(key)) return null;
  return openField(key, binding, sealed);
}

/** Erases a person's data key. Every field sealed with it, in the database and in every backup, stays unreadable. */
export async function eraseSubjectKey(trx: Kysely<Database>, id: string): Promise<void> {
  // Listed first, and flushed: should the transaction then fail, the key is refused all the same (the person reads
  // as erased; erasing again finishes the job). Listed last, a crash in between would let an old backup open it.
  currentErasureLedger()?.append([id]);
  await destroyDataKey(trx, id, new Date());
}

/**
 * Brings the erasure ledger up to date with the database: every key erased in the database is listed (an erasure
 * made by a process with another ledger file, or before the ledger existed). Returns how many were added.
 */
export async function listErasedKeysInLedger(db: Kysely<Database>): Promise<number> {
  const ledger = currentErasureLedger();
  if (!ledger) return 0;
  const erased = await selectErasedDataKeyIds(db);
  const before = ledger.ids().length;
  ledger.append(erased);
  return ledger.ids().length - before;
}

/** The data keys the erasure ledger lists that this database still holds wrapped (after restoring an old backup). */
export async function findLedgerKeysStillWrapped(db: Kysely<Database>): Promise<string[]> {
  const ledger = currentErasureLedger();
  if (!ledger) return [];
  const ids = ledger.ids();
  const found: string[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await selectDataKeys(db, ids.slice(start, start + 1000));
    found.push(...rows.filter((row) => row.wrapped_key !== null).map((row) => row.id));
  }
  return found;
}

/**
 * Re-wraps data keys wrapped by an older key-encryption key with the current one, a batch per transaction, while
 * the app runs: readers keep working throughout because the keyring still holds the old version.
 */
export async function rewrapSubjectKeys(
  db: Kysely<Database>,
  keyring: Keyring,
  batchSize = 500,
): Promise<{ rewrapped: number }> {
  const current = keyring.current().version;
  let rewrapped = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await selectKeysToRewrap(trx, current, batchSize);
      for (const row of rows) {
        // A listed key still wrapped (an old backup restored without its ledger applied): erase it, never re-wrap.
        if (isListedAsErased(row.id)) {
          await destroyDataKey(trx, row.id, new Date());
          continue;
        }
        const dataKey = unwrapDataKey(keyring, row.id, row.wrapped_key!);
        await updateWrappedKey(trx, row.id, wrapDataKey(keyring, dataKey), current);
      }
      return rows.length;
    });
    rewrapped += done;
    if (done < batchSize) return { rewrapped };
  }
}

/** How many live data keys each key-encryption key version wraps (rotation is over when only the current has any). */
export async function countSubjectKeysByVersion(db: Kysely<Database>): Promise<{ version: number; count: number }[]> {
  return countKeysByVersion(db);
}

export { openField, sealField, type DataKey, type SealBinding };

/**
 * The keyring the app runs with. On the embedded default a key file is made on first start. Without keys, the app
 * refuses to start on a database that already holds sealed data (it could neither read nor keep it); on one that
 * holds none it starts, and only what would seal personal data answers "keys not set up".
 */
export async function openKeyring(
  db: Kysely<Database>,
  options: { environmentKeys: string | undefined; keyFilePath: string; embedded: boolean },
): Promise<Keyring> {
  const material = loadKeyMaterial({ ...options, createIfMissing: options.embedded });
  if (material && options.environmentKeys) return keyringFrom(material);
  if (material) return keyringFromFile(options.keyFilePath);
  const sealed = await countKeysByVersion(db);
  if (sealed.some((entry) => entry.count > 0)) {
    throw new KeyringError(
      `This database holds sealed personal data, but no key is configured: set ATLAS_KEYS or put the key file at ${options.keyFilePath}.`,
    );
  }
  return missingKeyring();
}
