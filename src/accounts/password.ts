import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and ships with Node: no native dependency to compile. N = 2^15, r = 8 needs 32 MiB per
// hash (128·N·r bytes) and ~100 ms on these cores — OWASP's minimum for scrypt.
const defaultCost = { N: 2 ** 15, r: 8, p: 1 };
const saltBytes = 16;
const keyBytes = 32;

/** The shortest password an account may have (long passphrases beat complex short ones). */
export const minimumPasswordLength = 12;

function deriveKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly 128·N·r at N = 2^15, which it rejects; allow twice the need.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password into a self-describing `scrypt$N$r$p$salt$hash` string (salt and hash in base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(password, salt, defaultCost);
  return [
    'scrypt',
    defaultCost.N,
    defaultCost.r,
    defaultCost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when the password matches the stored hash; compares in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parts = storedHash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const key = await deriveKey(password, salt, { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// A real hash of a random password, checked when the e-mail is unknown so that both failures take the same time.
let decoyHash: Promise<string> | undefined;

/** Spends the same time as a real check, for an e-mail that has no account. Always false. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await decoyHash);
  return false;
}

/** A random password for a new account when nobody typed one (printed once by the CLI). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
