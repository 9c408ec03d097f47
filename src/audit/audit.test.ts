import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DatabaseHandle } from '../db/connection.js';
import { openTestDatabase } from '../testing/test-database.js';
import { anchorAuditChains, pruneAuditEvents, recordAuditEvent, verifyAuditChains } from './audit.service.js';

let handle: DatabaseHandle;
let db: Kysely<Database>;
before(async () => {
  handle = await openTestDatabase();
  db = handle.db;
});
after(async () => handle.close());

const refusal = (error: unknown) => error instanceof Error && /append-only/.test(error.message);

test('events join hash chains that verify, also when written concurrently', async () => {
  await Promise.all(
    Array.from({ length: 40 }, (_, index) =>
      recordAuditEvent(db, {
        accountId: null,
        action: 'test.concurrent',
        entityType: 'thing',
        entityId: String(index),
        details: { index, nested: { b: 1, a: [1, 2] } },
      }),
    ),
  );
  await anchorAuditChains(db);
  await recordAuditEvent(db, { accountId: null, action: 'test.after_anchor' });
  const result = await verifyAuditChains(db);
  assert.deepEqual(result.breaks, []);
  assert.ok(result.checked >= 42, `checked ${result.checked}`);
  const chains = await db
    .selectFrom('audit_event')
    .select('chain_partition')
    .distinct()
    .where('action', '=', 'test.concurrent')
    .execute();
  assert.ok(chains.length > 1, 'writers spread over several chains');
});

test('the database refuses to change, delete or truncate audit events', async () => {
  const id = await recordAuditEvent(db, { accountId: null, action: 'test.immutable' });
  await assert.rejects(
    db.updateTable('audit_event').set({ action: 'test.changed' }).where('id', '=', id).execute(),
    refusal,
  );
  await assert.rejects(db.deleteFrom('audit_event').where('id', '=', id).execute(), refusal);
  await assert.rejects(sql`TRUNCATE audit_event`.execute(db), refusal);
  const row = await db.selectFrom('audit_event').select('action').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.action, 'test.immutable');
});

test('a changed event and a removed event break the chain, and verify names where', async () => {
  const id = await recordAuditEvent(db, { accountId: null, action: 'test.to_tamper', details: { count: 1 } });
  await recordAuditEvent(db, { accountId: null, action: 'test.after' });
  // Someone with the database owner's rights turns the guard off: the chain still tells.
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
    await trx
      .updateTable('audit_event')
      .set({ details: JSON.stringify({ count: 2 }) })
      .where('id', '=', id)
      .execute();
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(trx);
  });
  const changed = await verifyAuditChains(db);
  const tampered = await db
    .selectFrom('audit_event')
    .select(['chain_partition', 'chain_sequence'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.ok(
    changed.breaks.some(
      (entry) => entry.eventId === id && entry.chain === tampered.chain_partition && /changed/.test(entry.problem),
    ),
    JSON.stringify(changed.breaks),
  );

  const victim = await db
    .selectFrom('audit_event')
    .select(['id'])
    .where('action', '=', 'test.concurrent')
    .orderBy('chain_sequence')
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL atlas.audit_retention = 'on'`.execute(trx);
    await trx.deleteFrom('audit_event').where('id', '=', victim.id).execute();
  });
  const removed = await verifyAuditChains(db);
  assert.ok(
    removed.breaks.some((entry) => /missing|previous hash/.test(entry.problem)),
    JSON.stringify(removed.breaks),
  );
});

test('retention deletes a prefix of each chain; the chains verify from their checkpoints, a forged one is a break', async () => {
  // Start from an intact trail (the test above broke it on purpose): everything so far goes, and is checkpointed.
  await anchorAuditChains(db);
  const everything = new Date(Date.now() + 1000);
  const counted = await pruneAuditEvents(db, { before: everything, apply: false });
  const total = await db.selectFrom('audit_event').select('id').execute();
  assert.equal(counted.deleted, total.length);
  const pruned = await pruneAuditEvents(db, { before: everything, apply: true });
  assert.equal(pruned.deleted, total.length);
  const left = await db.selectFrom('audit_event').select('action').execute();
  assert.deepEqual(
    left.map((row) => row.action),
    ['audit.prune'],
  );
  await recordAuditEvent(db, { accountId: null, action: 'test.after_prune' });
  await anchorAuditChains(db);
  assert.deepEqual((await verifyAuditChains(db)).breaks, []);

  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL atlas.audit_retention = 'on'`.execute(trx);
    await trx.updateTable('audit_chain_checkpoint').set({ hash: 'forged' }).where('chain_partition', '=', 0).execute();
  });
  const forged = await verifyAuditChains(db);
  assert.ok(
    forged.breaks.some((entry) => entry.chain === 0 && /checkpoint/.test(entry.problem)),
    JSON.stringify(forged.breaks),
  );
  await assert.rejects(db.deleteFrom('audit_chain_checkpoint').execute(), (error: Error) =>
    /atlas.audit_retention/.test(error.message),
  );
});
