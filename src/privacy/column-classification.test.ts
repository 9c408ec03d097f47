import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp } from '../testing/test-database.js';
import { columnClassification } from './column-classification.js';
import { isSealed } from './envelope.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
});
after(async () => context.close());

test('every column of every table is classified, and the classification names no column that does not exist', async () => {
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`.execute(context.db);
  const inDatabase = new Set(rows.rows.map((row) => `${row.table_name}.${row.column_name}`));
  const classified = new Set(
    Object.entries(columnClassification).flatMap(([table, entry]) =>
      Object.keys(entry.columns).map((column) => `${table}.${column}`),
    ),
  );
  assert.deepEqual(
    [...inDatabase].filter((column) => !classified.has(column)).sort(),
    [],
    'columns without a classification',
  );
  assert.deepEqual(
    [...classified].filter((column) => !inDatabase.has(column)).sort(),
    [],
    'classified columns that do not exist',
  );
  for (const [table, entry] of Object.entries(columnClassification)) {
    for (const column of Object.keys(entry.unsealed ?? {})) {
      assert.notEqual(
        entry.columns[column],
        'non_personal',
        `${table}.${column} is non-personal: it needs no reason to be in clear`,
      );
    }
  }
});

test('every personal column not marked as kept in clear holds only sealed values, after a real referral', async () => {
  await loadDemoData(context.db);
  const service = await context.db
    .selectFrom('service')
    .select(['id', 'organization_id'])
    .where('organization_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const referrer = await createAccountForTest(context.db, { role: 'referrer' });
  const { token } = await createApiToken(context.db, referrer.id, 'test', null);
  const post = async (path: string, body: unknown) => {
    const response = await context.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(response.status < 300, `${path}: ${response.status} ${await response.clone().text()}`);
    return (await response.json()) as { id: string; version: number };
  };
  const person = await post('/api/v1/people', {
    given_name: 'Ilgvars',
    family_name: 'Bērziņš',
    personal_code: '120385-10234',
    birth_date: '1985-03-12',
    phone: '+371 20000000',
    email: 'ilgvars@example.lv',
    language: 'lv',
    expected_release: '2027-01-10',
  });
  await post(`/api/v1/people/${person.id}/consents`, {
    recipients: [service.organization_id],
    categories: ['identity', 'needs', 'risk'],
    purpose: 'referral',
    method: 'verbal_witnessed',
    evidence: 'Witnessed by the duty officer',
    expires_on: '2099-01-01',
  });
  const referral = await post('/api/v1/referrals', {
    person_id: person.id,
    service_id: service.id,
    needs: ['shelter'],
    urgency: 'urgent',
    needed_by: '2027-01-10',
    note: 'Arrives by the evening bus',
    risk_note: 'None known',
  });
  await post(`/api/v1/referrals/${referral.id}/commands`, {
    command: 'send',
    version: 1,
    note: 'Please confirm by phone',
  });

  let checked = 0;
  for (const [table, entry] of Object.entries(columnClassification)) {
    for (const [column, kind] of Object.entries(entry.columns)) {
      if (kind === 'non_personal' || entry.unsealed?.[column]) continue;
      const values = await sql<{
        value: unknown;
      }>`SELECT ${sql.ref(column)}::text AS value FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL`.execute(
        context.db,
      );
      for (const row of values.rows) {
        assert.ok(isSealed(row.value), `${table}.${column} holds a value that is not sealed`);
        checked += 1;
      }
    }
  }
  assert.ok(checked >= 10, `sealed values checked: ${checked}`);
});
