import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createDataKey, SealError, unwrapDataKey, wrapDataKey } from './envelope.js';
import { openErasureLedger, useErasureLedger } from './erasure-ledger.js';
import { createKeyMaterial, keyringFrom } from './keyring.js';

const directory = mkdtempSync(join(tmpdir(), 'atlas-ledger-'));
after(() => {
  useErasureLedger(undefined);
  rmSync(directory, { recursive: true, force: true });
});

test('the ledger lists erased keys once, owner-only, and another process sees them', () => {
  const path = join(directory, 'keys', 'erased-keys.txt');
  const writer = openErasureLedger(path);
  const reader = openErasureLedger(path);
  const first = randomUUID();
  const second = randomUUID();
  assert.equal(writer.has(first), false);
  writer.append([first, second, first]);
  writer.append([first]);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines.filter((line) => line.startsWith(first)).length, 1);
  assert.ok(lines[0]!.startsWith('#'));
  assert.deepEqual(openErasureLedger(path).ids().sort(), [first, second].sort());
  assert.equal(reader.ids().includes(second), true);
});

test('the keyring refuses to unwrap a data key the ledger lists', () => {
  const keyring = keyringFrom(createKeyMaterial());
  const dataKey = createDataKey(randomUUID());
  const wrapped = wrapDataKey(keyring, dataKey);
  const ledger = useErasureLedger(join(directory, 'refuse.txt'))!;
  assert.deepEqual(unwrapDataKey(keyring, dataKey.id, wrapped).key, dataKey.key);
  ledger.append([dataKey.id]);
  assert.throws(
    () => unwrapDataKey(keyring, dataKey.id, wrapped),
    (error: unknown) => error instanceof SealError && error.reason === 'erased',
  );
  useErasureLedger(undefined);
  assert.deepEqual(unwrapDataKey(keyring, dataKey.id, wrapped).key, dataKey.key);
});
