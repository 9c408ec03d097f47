import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createApiToken, revokeApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import { verifyAuditChains } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import { openPostgres } from '../db/connection.js';
import type { Database } from '../db/database.js';
import { loadDemoData } from '../demo/demo.service.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { listJobRuns } from '../jobs/job.service.js';
import { isSealed } from '../privacy/envelope.js';
import { addReferralMessage } from '../referrals/referral.service.js';
import { computeReferralStatistics } from '../referrals/referral-statistics.service.js';
import { createTestApp } from '../testing/test-database.js';
import {
  completedReferralStates,
  cutoffOf,
  endedReferralStates,
  retentionSchedule,
  type RetentionKind,
} from './retention-schedule.js';
import { runRetention } from './retention.service.js';

// The schedule applied to data made now, with the clock of the run moved forward: what is past its period at that
// moment is computed here from the rows themselves, and must be exactly what the run removes.

let context: Awaited<ReturnType<typeof createTestApp>>;
let referrer: SignedInAccount;
let provider: SignedInAccount;
let referrerToken: string;
let providerToken: string;
let serviceId: string;
const dayMs = 24 * 60 * 60 * 1000;
const madeAt = new Date();

before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-retention-test-${process.pid}` });
  await loadDemoData(context.db);
  const service = await context.db
    .selectFrom('service')
    .select(['id', 'organization_id'])
    .where('organization_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  serviceId = service.id;
  referrer = await createAccountForTest(context.db, { role: 'referrer' });
  provider = await createAccountForTest(context.db, {
    role: 'provider_intake',
    organizationId: service.organization_id!,
  });
  referrerToken = (await createApiToken(context.db, referrer.id, 'test', null)).token;
  providerToken = (await createApiToken(context.db, provider.id, 'test', null)).token;
  const spare = await createApiToken(context.db, referrer.id, 'to revoke', null);
  await revokeApiToken(context.db, { id: spare.id }, null);
  await buildPeople(service.organization_id!);
});
after(async () => {
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

async function call(token: string, path: string, body: unknown) {
  const response = await context.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(response.status < 300, `${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as { id: string; version: number };
}

async function command(token: string, referralId: string, body: Record<string, unknown>) {
  const current = await context.db
    .selectFrom('referral')
    .select('version')
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  await call(token, `/api/v1/referrals/${referralId}/commands`, { version: current.version, ...body });
}

/** Five people: declined, completed, a draft only, still waiting, and no referral at all. */
async function buildPeople(organizationId: string) {
  const person = (name: string) =>
    call(referrerToken, '/api/v1/people', { given_name: name, family_name: 'Retention', language: 'lv' });
  const consent = (personId: string, expiresOn: string) =>
    call(referrerToken, `/api/v1/people/${personId}/consents`, {
      recipients: [organizationId],
      categories: ['identity', 'needs'],
      purpose: 'referral',
      method: 'signed_paper',
      evidence: 'Form 12',
      expires_on: expiresOn,
    });
  const referral = (personId: string) =>
    call(referrerToken, '/api/v1/referrals', {
      person_id: personId,
      service_id: serviceId,
      needs: ['shelter'],
      urgency: 'routine',
      note: 'Arrives by bus',
      risk_note: 'None known',
    });
  const inHalfAYear = new Date(madeAt.getTime() + 180 * dayMs).toISOString().slice(0, 10);

  const declined = await person('Declined');
  const declinedConsent = await consent(declined.id, '2099-01-01');
  const declinedReferral = await referral(declined.id);
  await command(referrerToken, declinedReferral.id, { command: 'send', note: 'Please call' });
  await context.db
    .transaction()
    .execute((trx) => addReferralMessage(trx, context.keyring, declinedReferral.id, 'Is there a bed?', referrer));
  await command(providerToken, declinedReferral.id, {
    command: 'decline',
    reason_code: 'residence_elsewhere',
    note: 'Not ours',
  });
  await call(referrerToken, `/api/v1/consents/${declinedConsent.id}/withdraw`, {});

  const completed = await person('Completed');
  await consent(completed.id, inHalfAYear);
  const completedReferral = await referral(completed.id);
  await command(referrerToken, completedReferral.id, { command: 'send' });
  await command(providerToken, completedReferral.id, { command: 'accept' });
  await command(providerToken, completedReferral.id, { command: 'start' });
  await command(providerToken, completedReferral.id, { command: 'complete', outcome: 'helped', note: 'Housed' });

  const draftOnly = await person('Draft');
  await consent(draftOnly.id, inHalfAYear);
  await referral(draftOnly.id);

  const waiting = await person('Waiting');
  await consent(waiting.id, inHalfAYear);
  const waitingReferral = await referral(waiting.id);
  await command(referrerToken, waitingReferral.id, { command: 'send' });

  await person('Nothing');
}

/** Every row of every table as text, to show that a dry run changes nothing. */
async function snapshot(db: Kysely<Database>): Promise<string> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t ORDER BY 1`.execute(db);
    parts.push(`${name}: ${rows.rows.map((row) => row.row).join('\n')}`);
  }
  return parts.join('\n');
}

const config = () => ({ ...context.config, retentionDays: {} });
const cutoff = (kind: RetentionKind, now: Date) => cutoffOf(retentionSchedule, kind, now);

/** What the schedule says should go at `now`, computed from the rows. */
async function expectedAt(now: Date) {
  const db = context.db;
  const referrals = await db.selectFrom('referral').selectAll().execute();
  const events = await db.selectFrom('referral_event').select(['referral_id', 'note_sealed']).execute();
  const messages = await db.selectFrom('referral_message').select('referral_id').execute();
  const consents = await db.selectFrom('consent').selectAll().execute();
  const people = await db.selectFrom('person').selectAll().execute();
  const hasContent = (id: string) => {
    const referral = referrals.find((row) => row.id === id)!;
    return (
      referral.note_sealed !== null ||
      referral.risk_note_sealed !== null ||
      events.some((event) => event.referral_id === id && event.note_sealed !== null) ||
      messages.some((message) => message.referral_id === id)
    );
  };
  const endedBefore = (states: readonly string[], kind: RetentionKind) =>
    referrals
      .filter((row) => states.includes(row.state) && new Date(row.updated_at) < cutoff(kind, now) && hasContent(row.id))
      .map((row) => row.id)
      .sort();
  const quiet = cutoff('people', now);
  const consentEnd = (row: (typeof consents)[number]) =>
    row.withdrawn_at ? new Date(row.withdrawn_at) : new Date(`${row.expires_on}T00:00:00Z`);
  const referralKept = (row: (typeof referrals)[number]) =>
    new Date(row.updated_at) >= quiet ||
    !['draft', ...endedReferralStates, ...completedReferralStates].includes(row.state) ||
    (endedReferralStates.includes(row.state) && new Date(row.updated_at) >= cutoff('ended_referrals', now)) ||
    (completedReferralStates.includes(row.state) && new Date(row.updated_at) >= cutoff('completed_referrals', now));
  return {
    drafts: referrals
      .filter((row) => row.state === 'draft' && new Date(row.updated_at) < cutoff('draft_referrals', now))
      .map((row) => row.id)
      .sort(),
    ended: endedBefore(endedReferralStates, 'ended_referrals'),
    completed: endedBefore(completedReferralStates, 'completed_referrals'),
    consents: consents
      .filter((row) => consentEnd(row) < cutoff('ended_consents', now))
      .map((row) => row.id)
      .sort(),
    people: people
      .filter(
        (row) =>
          row.erased_at === null &&
          new Date(row.created_at) < quiet &&
          !referrals.some((referral) => referral.person_id === row.id && referralKept(referral)) &&
          !consents.some((consent) => consent.person_id === row.id && consentEnd(consent) >= quiet),
      )
      .map((row) => row.id)
      .sort(),
    revokedTokens: (await db.selectFrom('api_token').select('revoked_at').execute()).filter(
      (row) => row.revoked_at !== null && new Date(row.revoked_at) < cutoff('revoked_api_tokens', now),
    ).length,
    auditEvents: (await db.selectFrom('audit_event').select('occurred_at').execute()).filter(
      (row) => new Date(row.occurred_at) < cutoff('audit_events', now),
    ).length,
  };
}

const statistics = () =>
  computeReferralStatistics(context.db, {
    from: new Date(madeAt.getTime() - dayMs),
    to: new Date(madeAt.getTime() + dayMs),
  });

test('a dry run counts what would go and changes nothing, not even the audit trail', async () => {
  const now = new Date(madeAt.getTime() + (5 * 365 + 10) * dayMs);
  const expected = await expectedAt(now);
  const before = await snapshot(context.db);
  const report = await runRetention(context.db, config(), { dryRun: true, now });
  assert.equal(await snapshot(context.db), before);
  assert.equal(report.counts.people, expected.people.length);
  assert.equal(report.counts.completed_referrals, expected.completed.length);
  assert.equal(report.counts.audit_events, expected.auditEvents);
  assert.ok(report.counts.people >= 4 && report.counts.audit_events > 0, JSON.stringify(report.counts));
});

test('a run 400 days on removes exactly what is past its period, and the planners’ counts stay', async () => {
  const now = new Date(madeAt.getTime() + 400 * dayMs);
  const expected = await expectedAt(now);
  // The scenario has something on both sides of each line.
  assert.equal(expected.drafts.length, 1);
  assert.equal(expected.ended.length, 1);
  assert.equal(expected.completed.length, 0);
  assert.equal(expected.people.length, 2, 'the declined person and the person with nothing');
  assert.equal(expected.auditEvents, 0);
  const countsBefore = await statistics();
  const peopleBefore = await context.db.selectFrom('person').selectAll().orderBy('id').execute();
  const dry = await runRetention(context.db, config(), { dryRun: true, now });
  const report = await runRetention(context.db, config(), { dryRun: false, now });
  assert.deepEqual(dry.counts, report.counts);
  assert.deepEqual(report.counts, {
    draft_referrals: expected.drafts.length,
    ended_referrals: expected.ended.length,
    completed_referrals: 0,
    ended_consents: expected.consents.length,
    people: expected.people.length,
    sessions: report.counts.sessions,
    sign_in_attempts: report.counts.sign_in_attempts,
    revoked_api_tokens: expected.revokedTokens,
    sent_mail_bodies: report.counts.sent_mail_bodies,
    audit_events: 0,
  });
  assert.equal(expected.revokedTokens, 1);

  const db = context.db;
  assert.equal((await db.selectFrom('referral').select('id').where('id', 'in', expected.drafts).execute()).length, 0);
  const ended = await db.selectFrom('referral').selectAll().where('id', 'in', expected.ended).execute();
  assert.equal(ended.length, 1, 'an ended referral keeps its coded facts');
  assert.equal(ended[0]!.note_sealed, null);
  assert.equal(ended[0]!.risk_note_sealed, null);
  assert.deepEqual(ended[0]!.needs, ['shelter']);
  const endedEvents = await db
    .selectFrom('referral_event')
    .selectAll()
    .where('referral_id', 'in', expected.ended)
    .execute();
  assert.ok(endedEvents.length >= 2 && endedEvents.every((event) => event.note_sealed === null));
  assert.ok(endedEvents.some((event) => event.command === 'decline' && event.reason_code === 'residence_elsewhere'));
  assert.equal(
    (await db.selectFrom('referral_message').select('id').where('referral_id', 'in', expected.ended).execute()).length,
    0,
  );

  const peopleAfter = await db.selectFrom('person').selectAll().orderBy('id').execute();
  for (const row of peopleAfter) {
    const earlier = peopleBefore.find((entry) => entry.id === row.id)!;
    const key = await db.selectFrom('data_key').selectAll().where('id', '=', row.data_key_id).executeTakeFirstOrThrow();
    if (expected.people.includes(row.id)) {
      assert.notEqual(row.erased_at, null);
      assert.equal(row.given_name_sealed, null);
      assert.equal(key.wrapped_key, null, 'the data key is destroyed');
      assert.equal(row.planned_stay_territory_code, earlier.planned_stay_territory_code);
    } else {
      assert.equal(row.erased_at, null);
      assert.equal(row.given_name_sealed, earlier.given_name_sealed);
      assert.ok(isSealed(row.given_name_sealed));
      assert.notEqual(key.wrapped_key, null);
    }
  }
  assert.deepEqual(await statistics(), countsBefore);

  const audit = await db.selectFrom('audit_event').select('details').where('action', '=', 'retention.run').execute();
  assert.equal(audit.length, 1);
  assert.deepEqual((audit[0]!.details as { counts: unknown }).counts, report.counts);
  assert.doesNotMatch(JSON.stringify(audit[0]!.details), /Declined|Retention/);

  // Run again: nothing more is past its period.
  const again = await runRetention(context.db, config(), { dryRun: false, now });
  assert.ok(
    Object.entries(again.counts).every(([kind, count]) => count === 0 || kind === 'sessions'),
    JSON.stringify(again.counts),
  );
});

test('five years on the audit trail loses its old events and still verifies; counts stay', async () => {
  const now = new Date(madeAt.getTime() + (5 * 365 + 10) * dayMs);
  const expected = await expectedAt(now);
  const countsBefore = await statistics();
  assert.ok(expected.auditEvents > 20, `old events: ${expected.auditEvents}`);
  assert.equal(expected.completed.length, 1);
  const report = await runRetention(context.db, config(), { dryRun: false, now });
  assert.equal(report.counts.audit_events, expected.auditEvents);
  assert.equal(report.counts.completed_referrals, 1);
  assert.equal(report.counts.people, expected.people.length);
  const left = await context.db.selectFrom('audit_event').select('action').execute();
  assert.deepEqual([...new Set(left.map((row) => row.action))].sort(), [
    'audit.prune',
    'person.erase',
    'retention.run',
  ]);
  const verified = await verifyAuditChains(context.db);
  assert.deepEqual(verified.breaks, []);
  assert.deepEqual(await statistics(), countsBefore);
});

test('the daily job runs once when two runners claim it at the same time', async () => {
  const url = process.env.TEST_DATABASE_URL;
  let second: { db: Kysely<Database>; close: () => Promise<void> } = {
    db: context.db,
    close: async () => undefined,
  };
  if (url) {
    const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(context.db)).rows[0]!.name;
    const address = new URL(url);
    address.pathname = `/${name}`;
    second = openPostgres(address.toString());
  }
  try {
    const runsBefore = (await listJobRuns(context.db, 1000)).filter((run) => run.jobName === 'retention.run').length;
    const eventsBefore = await countRetentionEvents();
    const first = await startJobRunner(context.db, context.config, { timer: false });
    const other = await startJobRunner(second.db, context.config, { timer: false });
    await Promise.all([first.runNow(), other.runNow()]);
    await Promise.all([first.runNow(), other.runNow()]);
    await Promise.all([first.stop(), other.stop()]);
    const runs = (await listJobRuns(context.db, 1000)).filter((run) => run.jobName === 'retention.run');
    assert.equal(runs.length - runsBefore, 1);
    assert.equal(runs[0]!.outcome, 'succeeded', runs[0]!.detail ?? '');
    assert.equal((await countRetentionEvents()) - eventsBefore, 1);
  } finally {
    await second.close();
  }
});

async function countRetentionEvents() {
  const rows = await context.db.selectFrom('audit_event').select('id').where('action', '=', 'retention.run').execute();
  return rows.length;
}
