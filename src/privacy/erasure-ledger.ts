import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

// The erasure ledger: the ids of every data key ever erased, one a line, in a file kept with the keys (not in the
// database, so not in any backup). Erasure destroys a person's wrapped data key in the database; a backup made
// before the erasure still holds that wrapped key, and today's key-encryption keys would unwrap it. So every
// erasure also lists the key's id here, `atlas restore` erases every listed key again after loading a backup, and
// the keyring refuses to unwrap a listed key (envelope.ts). A data-key id is a random UUID: it names no one.
// docs/privacy/key-management.md says where the file lives and how to keep it.

const header = '# Reentry Atlas erasure ledger: ids of erased data keys. Keep it with the keys; never shorten it.\n';
const reloadEveryMilliseconds = 1000;

/** The ledger file of this process, once configured (main.ts and the CLI do it from ATLAS_ERASURE_LEDGER). */
export type ErasureLedger = {
  path: string;
  /** True when the key was erased here or by another process (the file is re-read when it changes). */
  has: (dataKeyId: string) => boolean;
  /** Every listed id. */
  ids: () => string[];
  /** Lists ids (those not yet listed), flushed to disk before it returns. */
  append: (dataKeyIds: readonly string[]) => void;
};

/** Opens (without creating) the ledger at `path`; the file is made, owner-only, on the first erasure. */
export function openErasureLedger(path: string): ErasureLedger {
  let listed = new Set<string>();
  let loadedModified = -1;
  let lastCheck = 0;
  const reload = (force: boolean) => {
    if (!force && Date.now() - lastCheck < reloadEveryMilliseconds) return;
    lastCheck = Date.now();
    if (!existsSync(path)) return;
    const modified = statSync(path).mtimeMs;
    if (modified === loadedModified) return;
    listed = new Set(
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[0]!.trim())
        .filter((id) => id !== '' && !id.startsWith('#')),
    );
    loadedModified = modified;
  };
  reload(true);
  return {
    path,
    has: (dataKeyId) => {
      reload(false);
      return listed.has(dataKeyId);
    },
    ids: () => {
      reload(true);
      return [...listed];
    },
    append: (dataKeyIds) => {
      reload(true);
      const fresh = [...new Set(dataKeyIds)].filter((id) => !listed.has(id));
      if (fresh.length === 0) return;
      const at = new Date().toISOString();
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const text = `${existsSync(path) ? '' : header}${fresh.map((id) => `${id} ${at}\n`).join('')}`;
      appendFileSync(path, text, { mode: 0o600 });
      const descriptor = openSync(path, 'r');
      try {
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      for (const id of fresh) listed.add(id);
    },
  };
}

let processLedger: ErasureLedger | undefined;

/** Sets the ledger this process appends to and checks (main.ts and cli/main.ts, from the configuration). */
export function useErasureLedger(path: string | undefined): ErasureLedger | undefined {
  processLedger = path ? openErasureLedger(path) : undefined;
  return processLedger;
}

/** The ledger this process uses, if one is configured (tests without one erase in the database only). */
export function currentErasureLedger(): ErasureLedger | undefined {
  return processLedger;
}

/** True when the data key is listed as erased: the keyring then refuses to unwrap it. */
export function isListedAsErased(dataKeyId: string): boolean {
  return processLedger?.has(dataKeyId) ?? false;
}
