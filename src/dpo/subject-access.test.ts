import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import type { SignedInAccount } from '../core/account.js';
import { wrapPglite } from '../db/connection.js';
import { prepareDatabase } from '../db/prepare.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createPerson } from '../people/person.service.js';
import { createKeyMaterial, keyringFrom } from '../privacy/keyring.js';
import { createTestApp } from '../testing/test-database.js';
import { erasePersonData, exportPersonData } from './subject-access.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let referrer: SignedInAccount;
let token: string;
let serviceId: string;
let organizationId: string;
before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  const service = await context.db
    .selectFrom('service')
    .select(['id', 'organization_id'])
    .where('organization_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  serviceId = service.id;
  organizationId = service.organization_id!;
  referrer = await createAccountForTest(context.db, { role: 'referrer' });
  token = (await createApiToken(context.db, referrer.id, 'test', null)).token;
});
after(async () => context.close());

const post = async (path: string, body: unknown) => {
  const response = await context.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(response.status < 300, `${path}: ${response.status}`);
  return (await response.json()) as { id: string };
};

test('the export holds the person, their consents and referrals, and who read them; after erasure nothing readable remains', async () => {
  const person = await post('/api/v1/people', {
    given_name: 'Vladimirs',
    family_name: 'Kuzņecovs',
    personal_code: '050577-11111',
    phone: '+371 29999999',
    language: 'ru',
  });
  await post(`/api/v1/people/${person.id}/consents`, {
    recipients: [organizationId],
    categories: ['identity', 'needs'],
    purpose: 'referral',
    method: 'signed_paper',
    evidence: 'Form 12, signed',
    expires_on: '2099-01-01',
  });
  const referral = await post('/api/v1/referrals', {
    person_id: person.id,
    service_id: serviceId,
    needs: ['documents'],
    urgency: 'routine',
    needed_by: '2027-02-01',
    note: 'Lost his passport',
  });
  await context.app.request(`/api/v1/referrals/${referral.id}`, { headers: { authorization: `Bearer ${token}` } });

  const exported = await exportPersonData(context.db, context.keyring, person.id, { accountId: null });
  assert.ok(exported);
  assert.equal(exported.person.familyName, 'Kuzņecovs');
  assert.equal(exported.consents[0]?.evidence, 'Form 12, signed');
  assert.equal(exported.referrals[0]?.note, 'Lost his passport');
  const reads = exported.accessLog.filter((entry) => entry.action === 'person.read' && entry.accountId === referrer.id);
  assert.ok(reads.length >= 1, 'the export names who read the person');

  assert.equal(await erasePersonData(context.db, person.id, { accountId: null, reason: 'test' }), true);
  const after = await exportPersonData(context.db, context.keyring, person.id, { accountId: null });
  assert.ok(after);
  assert.equal(after.person.erased, true);
  assert.deepEqual(
    [after.person.givenName, after.person.familyName, after.person.personalCode, after.person.phone],
    [null, null, null, null],
  );
  assert.equal(after.referrals[0]?.note, null);
  assert.equal(after.consents[0]?.evidence, null);
  // The coded facts stay for the planners' counts.
  assert.deepEqual(after.referrals[0]?.needs, ['documents']);
  const reading = await context.app.request(`/api/v1/referrals/${referral.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(reading.status, 200, 'reading after erasure says "erased", never a crash');
  const json = (await reading.json()) as { person: { erased: boolean; given_name: string | null } };
  assert.deepEqual([json.person.erased, json.person.given_name], [true, null]);
  const text = JSON.stringify(await sql`SELECT * FROM person WHERE id = ${person.id}`.execute(context.db));
  assert.ok(!text.includes('Kuzņecovs') && !text.includes('050577'));
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test("the embedded database's files, its dump and a text dump of every table hold neither the name nor the personal code", async () => {
  const directory = mkdtempSync(join(tmpdir(), 'atlas-plaintext-'));
  try {
    const pglite = await PGlite.create(join(directory, 'pglite'));
    const handle = wrapPglite(pglite);
    await prepareDatabase(handle.db);
    await loadDemoData(handle.db);
    const team = await handle.db
      .selectFrom('organization')
      .select(['id', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const keyring = keyringFrom(createKeyMaterial());
    const name = 'Zeltīte Plaintextova';
    const code = '311299-98765';
    await handle.db
      .transaction()
      .execute((trx) =>
        createPerson(
          trx,
          keyring,
          { givenName: 'Zeltīte', familyName: 'Plaintextova', personalCode: code, language: 'lv' },
          { accountId: referrer.id, teamOrganizationId: team.id },
        ),
      );
    const tables = await sql<{
      table_name: string;
    }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(handle.db);
    let textDump = '';
    for (const { table_name } of tables.rows)
      textDump += JSON.stringify((await sql`SELECT * FROM ${sql.table(table_name)}`.execute(handle.db)).rows);
    const tarball = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
    await handle.close();

    const needles = ['Plaintextova', code, code.replace('-', '')].map((needle) => Buffer.from(needle, 'utf8'));
    // The search can find text: a demo institution's name, stored in clear, is in the files.
    const visible = Buffer.from(team.name, 'utf8');
    assert.ok(
      filesUnder(directory).some((file) => readFileSync(file).indexOf(visible) !== -1),
      'the file search finds clear text',
    );
    for (const file of filesUnder(directory)) {
      const bytes = readFileSync(file);
      for (const needle of needles) assert.equal(bytes.indexOf(needle), -1, `${file} holds "${needle.toString()}"`);
    }
    for (const needle of needles)
      assert.equal(tarball.indexOf(needle), -1, `the data-dir dump holds "${needle.toString()}"`);
    assert.ok(!textDump.includes('Plaintextova') && !textDump.includes(code) && !textDump.includes(name));
    assert.ok(textDump.includes('"language":"lv"'), 'the text dump did read the person row');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
