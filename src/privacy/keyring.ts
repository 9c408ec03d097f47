import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

// The keys that protect personal data: versioned key-encryption keys (KEKs) and one blind-index key.
// They come from the environment (ATLAS_KEYS, for servers whose secrets are injected) or from a key file. On the
// embedded default a key file is made on first start in DATA_DIR with owner-only permissions. What that protects
// against and what it does not is written in docs/privacy/key-management.md.

const keyBytes = 32;
const base64Key = z
  .string()
  .refine((text) => Buffer.from(text, 'base64').length === keyBytes, { message: 'must be 32 bytes in base64' });

const keyFileSchema = z.object({
  keyEncryptionKeys: z
    .array(z.object({ version: z.number().int().positive(), key: base64Key, createdAt: z.string() }))
    .min(1),
  blindIndexKey: base64Key,
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export type KeyEncryptionKey = { version: number; key: Buffer };

/** The keys in memory: the current KEK wraps new data keys; older versions still unwrap until rotation ends. */
export type Keyring = {
  current(): KeyEncryptionKey;
  version(version: number): KeyEncryptionKey | undefined;
  versions(): number[];
  blindIndexKey: Buffer;
};

/** Thrown when keys are missing or unreadable: the app must not start without them on sealed data. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}

/** A keyring from the parsed key material. */
export function keyringFrom(material: KeyFile): Keyring {
  const keys = new Map(material.keyEncryptionKeys.map((entry) => [entry.version, Buffer.from(entry.key, 'base64')]));
  const newest = Math.max(...keys.keys());
  return {
    current: () => ({ version: newest, key: keys.get(newest)! }),
    version: (version) => (keys.has(version) ? { version, key: keys.get(version)! } : undefined),
    versions: () => [...keys.keys()].sort((a, b) => a - b),
    blindIndexKey: Buffer.from(material.blindIndexKey, 'base64'),
  };
}

/** Parses key material given as JSON (the ATLAS_KEYS variable or a key file's text). */
export function parseKeyMaterial(text: string, source: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringError(`${source} is not valid JSON.`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new KeyringError(`${source} is not a valid key file (${problems}).`);
  }
  return parsed.data;
}

/** New key material: one KEK (version 1) and a blind-index key, from the operating system's random source. */
export function createKeyMaterial(now: Date = new Date()): KeyFile {
  return {
    keyEncryptionKeys: [{ version: 1, key: randomBytes(keyBytes).toString('base64'), createdAt: now.toISOString() }],
    blindIndexKey: randomBytes(keyBytes).toString('base64'),
  };
}

/** Adds a new KEK version; the old ones stay so that data keys they wrap can still be re-wrapped. */
export function addKeyEncryptionKey(material: KeyFile, now: Date = new Date()): KeyFile {
  const version = Math.max(...material.keyEncryptionKeys.map((entry) => entry.version)) + 1;
  const entry = { version, key: randomBytes(keyBytes).toString('base64'), createdAt: now.toISOString() };
  return { ...material, keyEncryptionKeys: [...material.keyEncryptionKeys, entry] };
}

/** Drops KEK versions below `keepFrom` once no data key is wrapped by them any more. */
export function retireKeyEncryptionKeys(material: KeyFile, keepFrom: number): KeyFile {
  return { ...material, keyEncryptionKeys: material.keyEncryptionKeys.filter((entry) => entry.version >= keepFrom) };
}

/** Writes a key file atomically with owner-only permissions (0600). */
export function writeKeyFile(path: string, material: KeyFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(material, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Reads a key file, refusing one that others may read (its keys would be as good as public on a shared machine). */
export function readKeyFile(path: string): KeyFile {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyringError(
      `The key file ${path} can be read by others (mode ${mode.toString(8)}); run chmod 600 on it.`,
    );
  }
  return parseKeyMaterial(readFileSync(path, 'utf8'), `The key file ${path}`);
}

/**
 * The key material the app runs with: ATLAS_KEYS if set, else the key file. `createIfMissing` is for the embedded
 * default's first start only; on PostgreSQL keys are the operator's to provide.
 */
export function loadKeyMaterial(options: {
  environmentKeys: string | undefined;
  keyFilePath: string;
  createIfMissing: boolean;
}): KeyFile | null {
  if (options.environmentKeys) return parseKeyMaterial(options.environmentKeys, 'ATLAS_KEYS');
  if (existsSync(options.keyFilePath)) return readKeyFile(options.keyFilePath);
  if (!options.createIfMissing) return null;
  const material = createKeyMaterial();
  writeKeyFile(options.keyFilePath, material);
  return material;
}

/**
 * The keyring of an app started without keys (PostgreSQL with no ATLAS_KEYS and no key file, and no sealed data
 * yet): everything else works; whatever would seal or open personal data answers 503 with a clear message.
 */
export function missingKeyring(): Keyring {
  const refuse = (): never => {
    throw new AppError('unavailable', 'privacy.error.no_keys');
  };
  return {
    current: refuse,
    version: refuse,
    versions: refuse,
    get blindIndexKey(): Buffer {
      return refuse();
    },
  };
}

// How often a running app looks at its key file for a new version (a rotation started by `atlas keys rotate`).
const keyFileCheckMilliseconds = 1000;

/**
 * A keyring read from a key file that follows the file: `atlas keys rotate` adds a version while the app runs, and
 * the app picks it up within a second, or at once when it meets a data key wrapped by a version it does not know.
 */
export function keyringFromFile(path: string): Keyring {
  let loaded = keyringFrom(readKeyFile(path));
  let loadedModified = statSync(path).mtimeMs;
  let lastCheck = Date.now();
  const reload = (force: boolean) => {
    const modified = statSync(path).mtimeMs;
    if (!force && modified === loadedModified) return;
    loaded = keyringFrom(readKeyFile(path));
    loadedModified = modified;
  };
  const checkNow = () => {
    if (Date.now() - lastCheck < keyFileCheckMilliseconds) return;
    lastCheck = Date.now();
    reload(false);
  };
  return {
    current: () => {
      checkNow();
      return loaded.current();
    },
    version: (version) => {
      checkNow();
      if (!loaded.version(version)) reload(true);
      return loaded.version(version);
    },
    versions: () => {
      checkNow();
      return loaded.versions();
    },
    get blindIndexKey() {
      return loaded.blindIndexKey;
    },
  };
}
