import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import type { CommandContext } from '../cli/commands.js';
import { createApp } from '../http/app.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { loadKeyMaterial, readKeyFile } from './keyring.js';
import { keyCommands } from './keys.cli.js';
import { countSubjectKeysByVersion, openKeyring } from './sealing.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const keyFile = join(mkdtempSync(join(tmpdir(), 'atlas-rotate-')), 'keys.json');
before(async () => {
  database = await openTestDatabase();
});
after(async () => database.close());

const rotate = async (args: string[]) => {
  const printed: string[] = [];
  const context: CommandContext = {
    db: database.db,
    config: testConfig({ ATLAS_KEY_FILE: keyFile }),
    args,
    print: (line) => printed.push(line),
    progress: () => {},
  };
  const code = await keyCommands[0]!.run(context);
  return { code, printed };
};

test('the key-encryption key rotates while the app runs: people made before and during it still open, and the old key can go', async () => {
  loadKeyMaterial({ environmentKeys: undefined, keyFilePath: keyFile, createIfMissing: true });
  const keyring = await openKeyring(database.db, { environmentKeys: undefined, keyFilePath: keyFile, embedded: true });
  const app = createApp({ db: database.db, config: testConfig(), keyring });
  const referrer = await createAccountForTest(database.db, { role: 'referrer' });
  const { token } = await createApiToken(database.db, referrer.id, 'test', null);
  const createPerson = async (name: string) => {
    const response = await app.request('/api/v1/people', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ given_name: name, family_name: 'Rotācija', language: 'lv' }),
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  };
  const before = await createPerson('Pirms');
  assert.deepEqual(await countSubjectKeysByVersion(database.db), [{ version: 1, count: 1 }]);

  const rotated = await rotate([]);
  assert.equal(rotated.code, 0, rotated.printed.join('\n'));
  assert.deepEqual(await countSubjectKeysByVersion(database.db), [{ version: 2, count: 1 }]);
  const during = await createPerson('Pēc');

  const retired = await rotate(['--retire']);
  assert.equal(retired.code, 0, retired.printed.join('\n'));
  assert.deepEqual(
    readKeyFile(keyFile).keyEncryptionKeys.map((entry) => entry.version),
    [2],
  );
  assert.deepEqual(await countSubjectKeysByVersion(database.db), [{ version: 2, count: 2 }]);

  // The running app (the same keyring object) opens both people: it followed the key file.
  const { readPeople } = await import('../people/person.service.js');
  const people = await readPeople(database.db, keyring, [before, during], { accountId: null, purpose: 'test' });
  assert.deepEqual([people.get(before)?.givenName, people.get(during)?.givenName], ['Pirms', 'Pēc']);
});
