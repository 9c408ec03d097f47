import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  blindIndex,
  createDataKey,
  dataKeyIdOf,
  isSealed,
  openField,
  SealError,
  sealField,
  unwrapDataKey,
  wrapDataKey,
  wrappingVersionOf,
} from './envelope.js';
import {
  addKeyEncryptionKey,
  createKeyMaterial,
  keyringFrom,
  KeyringError,
  loadKeyMaterial,
  retireKeyEncryptionKeys,
} from './keyring.js';

const binding = { table: 'person', column: 'given_name', rowId: 'p-1' };
const failsWith = (reason: string) => (error: unknown) => error instanceof SealError && error.reason === reason;

test('a sealed field opens with its data key at its own table, column and row, and holds no plaintext', () => {
  const dataKey = createDataKey('p-1');
  const sealed = sealField(dataKey, binding, 'Jānis Bērziņš');
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('Jānis') && !sealed.includes('J%C4%81nis'));
  assert.equal(dataKeyIdOf(sealed), 'p-1');
  assert.equal(openField(dataKey, binding, sealed), 'Jānis Bērziņš');
  assert.notEqual(sealField(dataKey, binding, 'Jānis Bērziņš'), sealed, 'a fresh IV each time');
});

test('a changed byte anywhere in a sealed value makes it fail, never open to something else', () => {
  const dataKey = createDataKey('p-1');
  const sealed = sealField(dataKey, binding, '010101-12345');
  const [prefix, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
  const bytes = Buffer.from(body, 'base64url');
  for (const position of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
    const changed = Buffer.from(bytes);
    changed[position] = changed[position]! ^ 0x01;
    const tampered = [prefix, keyId, iv, changed.toString('base64url')].join('.');
    assert.throws(() => openField(dataKey, binding, tampered), failsWith('tampered'));
  }
  const otherIv = Buffer.from(iv, 'base64url');
  otherIv[0] = otherIv[0]! ^ 0x80;
  assert.throws(
    () => openField(dataKey, binding, [prefix, keyId, otherIv.toString('base64url'), body].join('.')),
    failsWith('tampered'),
  );
  assert.throws(() => openField(dataKey, binding, 'plain text'), failsWith('malformed'));
});

test('a ciphertext moved to another row, column or table does not open', () => {
  const dataKey = createDataKey('p-1');
  const sealed = sealField(dataKey, binding, 'Ilze');
  assert.throws(() => openField(dataKey, { ...binding, rowId: 'p-2' }, sealed), failsWith('tampered'));
  assert.throws(() => openField(dataKey, { ...binding, column: 'family_name' }, sealed), failsWith('tampered'));
  assert.throws(() => openField(dataKey, { ...binding, table: 'referral' }, sealed), failsWith('tampered'));
  // Another person's key, even if it claimed the same id, does not open it.
  assert.throws(() => openField({ id: 'p-1', key: createDataKey('x').key }, binding, sealed), failsWith('tampered'));
  assert.throws(() => openField(createDataKey('p-2'), binding, sealed), failsWith('unknown_key'));
});

test('rotating the key-encryption key re-wraps data keys; fields sealed before still open, old KEK can go', () => {
  let material = createKeyMaterial();
  const before = keyringFrom(material);
  const dataKey = createDataKey('p-7');
  const wrapped = wrapDataKey(before, dataKey);
  const sealed = sealField(dataKey, binding, 'Pēteris');
  assert.equal(wrappingVersionOf(wrapped), 1);

  material = addKeyEncryptionKey(material);
  const during = keyringFrom(material);
  assert.equal(during.current().version, 2);
  const rewrapped = wrapDataKey(during, unwrapDataKey(during, 'p-7', wrapped));
  assert.equal(wrappingVersionOf(rewrapped), 2);

  const after = keyringFrom(retireKeyEncryptionKeys(material, 2));
  assert.deepEqual(after.versions(), [2]);
  assert.equal(openField(unwrapDataKey(after, 'p-7', rewrapped), binding, sealed), 'Pēteris');
  assert.throws(() => unwrapDataKey(after, 'p-7', wrapped), failsWith('unknown_key'));
  // A wrapped key is bound to its person: another person's id does not unwrap it.
  assert.throws(() => unwrapDataKey(during, 'p-8', rewrapped), failsWith('tampered'));
});

test('the blind index finds a personal code however it is typed, and depends on its own key', () => {
  const keyring = keyringFrom(createKeyMaterial());
  const other = keyringFrom(createKeyMaterial());
  const code = blindIndex(keyring, 'personal_code', '010190-12345');
  assert.equal(blindIndex(keyring, 'personal_code', '010190 12345'), code);
  assert.equal(blindIndex(keyring, 'personal_code', '01019012345'), code);
  assert.notEqual(blindIndex(keyring, 'personal_code', '010190-12346'), code);
  assert.notEqual(blindIndex(other, 'personal_code', '010190-12345'), code);
  assert.ok(!code.includes('12345'));
});

test('the embedded default makes a key file once, readable by its owner only; a readable-by-all file is refused', () => {
  const directory = mkdtempSync(join(tmpdir(), 'atlas-keys-'));
  const path = join(directory, 'keys.json');
  assert.equal(loadKeyMaterial({ environmentKeys: undefined, keyFilePath: path, createIfMissing: false }), null);
  const made = loadKeyMaterial({ environmentKeys: undefined, keyFilePath: path, createIfMissing: true });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(loadKeyMaterial({ environmentKeys: undefined, keyFilePath: path, createIfMissing: true }), made);
  chmodSync(path, 0o644);
  assert.throws(
    () => loadKeyMaterial({ environmentKeys: undefined, keyFilePath: path, createIfMissing: false }),
    KeyringError,
  );
  writeFileSync(join(directory, 'bad.json'), '{"keyEncryptionKeys": []}', { mode: 0o600 });
  assert.throws(
    () =>
      loadKeyMaterial({ environmentKeys: undefined, keyFilePath: join(directory, 'bad.json'), createIfMissing: false }),
    KeyringError,
  );
  const fromEnvironment = JSON.stringify(createKeyMaterial());
  assert.equal(
    loadKeyMaterial({ environmentKeys: fromEnvironment, keyFilePath: path, createIfMissing: false })?.keyEncryptionKeys
      .length,
    1,
  );
});
