import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { isListedAsErased } from './erasure-ledger.js';
import type { Keyring } from './keyring.js';

// Envelope encryption of personal data, in the application (never pgcrypto: it sends key and data to the server in
// clear, where statement logs can catch them). docs/privacy/key-management.md explains the scheme:
// - each person has one random 256-bit data key; it seals every personal field about that person;
// - the data key is stored only wrapped (AES-256-GCM) by a versioned key-encryption key from the keyring;
//   rotating the key-encryption key re-wraps data keys and touches no field;
// - every ciphertext names its data key and is bound (GCM additional data) to its table, column and row, so a
//   ciphertext copied to another row or column does not open, and a changed byte does not open either;
// - destroying a data key (erasure) makes every copy of that person's fields unreadable, backups included.

const algorithm = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;
const sealedPrefix = 's1';
const wrappedPrefix = 'w1';

/** Why a sealed value could not be opened; callers show "erased" or refuse, never crash. */
export type SealFailure = 'malformed' | 'tampered' | 'unknown_key' | 'erased';

export class SealError extends Error {
  constructor(readonly reason: SealFailure) {
    super(`sealed value could not be opened: ${reason}`);
    this.name = 'SealError';
  }
}

/** Where a sealed value lives: it opens only there. */
export type SealBinding = { table: string; column: string; rowId: string };

/** A data key in clear, in memory only, with the id that ciphertexts name. */
export type DataKey = { id: string; key: Buffer };

const encode = (bytes: Buffer) => bytes.toString('base64url');
const decode = (text: string) => Buffer.from(text, 'base64url');

function encrypt(key: Buffer, plaintext: Buffer, additionalData: string): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, sealed };
}

function decrypt(key: Buffer, iv: Buffer, sealed: Buffer, additionalData: string): Buffer {
  if (iv.length !== ivLength || sealed.length < tagLength) throw new SealError('malformed');
  const decipher = createDecipheriv(algorithm, key, iv, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagLength)), decipher.final()]);
  } catch {
    // GCM says only "does not authenticate": a changed byte, another row's ciphertext or the wrong key.
    throw new SealError('tampered');
  }
}

const fieldAdditionalData = (dataKeyId: string, binding: SealBinding) =>
  `atlas-field|${binding.table}|${binding.column}|${binding.rowId}|${dataKeyId}`;
const wrapAdditionalData = (dataKeyId: string) => `atlas-data-key|${dataKeyId}`;

/** A new random data key for one person. */
export function createDataKey(id: string): DataKey {
  return { id, key: randomBytes(32) };
}

/** Seals one field's text with a person's data key, bound to its table, column and row. */
export function sealField(dataKey: DataKey, binding: SealBinding, plaintext: string): string {
  const { iv, sealed } = encrypt(dataKey.key, Buffer.from(plaintext, 'utf8'), fieldAdditionalData(dataKey.id, binding));
  return [sealedPrefix, dataKey.id, encode(iv), encode(sealed)].join('.');
}

/** The id of the data key a sealed value names, so the caller can fetch and unwrap that key. */
export function dataKeyIdOf(sealedValue: string): string {
  const parts = sealedValue.split('.');
  if (parts.length !== 4 || parts[0] !== sealedPrefix || !parts[1]) throw new SealError('malformed');
  return parts[1];
}

/** Opens a sealed field; fails when the value was changed, moved to another row or sealed with another key. */
export function openField(dataKey: DataKey, binding: SealBinding, sealedValue: string): string {
  const parts = sealedValue.split('.');
  if (parts.length !== 4 || parts[0] !== sealedPrefix) throw new SealError('malformed');
  const [, keyId, iv, sealed] = parts as [string, string, string, string];
  if (keyId !== dataKey.id) throw new SealError('unknown_key');
  return decrypt(dataKey.key, decode(iv), decode(sealed), fieldAdditionalData(keyId, binding)).toString('utf8');
}

/** True when a stored text is a sealed value (the classification test uses this to find plaintext). */
export function isSealed(value: unknown): boolean {
  return typeof value === 'string' && /^s1\.[^.]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/.test(value);
}

/** Wraps a data key with the keyring's current key-encryption key; the result names that key's version. */
export function wrapDataKey(keyring: Keyring, dataKey: DataKey): string {
  const current = keyring.current();
  const { iv, sealed } = encrypt(current.key, dataKey.key, wrapAdditionalData(dataKey.id));
  return [wrappedPrefix, String(current.version), encode(iv), encode(sealed)].join('.');
}

/** The key-encryption key version a wrapped data key names (rotation re-wraps those below the current one). */
export function wrappingVersionOf(wrapped: string): number {
  const parts = wrapped.split('.');
  const version = Number(parts[1]);
  if (parts.length !== 4 || parts[0] !== wrappedPrefix || !Number.isInteger(version)) throw new SealError('malformed');
  return version;
}

/** Unwraps a stored data key; a key-encryption key version the keyring lacks is `unknown_key`, a listed one `erased`. */
export function unwrapDataKey(keyring: Keyring, dataKeyId: string, wrapped: string): DataKey {
  // A key in the erasure ledger was erased after this copy was made (an old backup restored): it stays shut.
  if (isListedAsErased(dataKeyId)) throw new SealError('erased');
  const version = wrappingVersionOf(wrapped);
  const kek = keyring.version(version);
  if (!kek) throw new SealError('unknown_key');
  const [, , iv, sealed] = wrapped.split('.') as [string, string, string, string];
  return { id: dataKeyId, key: decrypt(kek.key, decode(iv), decode(sealed), wrapAdditionalData(dataKeyId)) };
}

/**
 * A keyed hash for finding a person by personal code, and for duplicate detection, without storing the code:
 * HMAC-SHA-256 under a key of its own (not a key-encryption key), over the code with spaces and dashes removed.
 */
export function blindIndex(keyring: Keyring, purpose: string, value: string): string {
  const normalised = value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return createHmac('sha256', keyring.blindIndexKey).update(`${purpose}|${normalised}`).digest('base64url');
}
