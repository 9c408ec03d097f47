import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestAccount } from '../accounts/testing.js';
import { latvianToday } from '../core/dates.js';
import { loadDemoData } from '../demo/demo.service.js';
import { jobDefinitions, recurringJobs } from '../jobs/job-runner.js';
import { runDueJobs } from '../jobs/job.service.js';
import { getService } from '../registry/institution-read.service.js';
import { createTestApp } from '../testing/test-database.js';
import { digestWindow, referralDigestJob, sendDailyDigests } from './referral-digest.js';
import {
  apiTokensFor,
  networkApiCaller,
  sendTestReferral,
  servicesOfDistinctInstitutions,
  type ApiCall,
  type ReferralTestService,
} from './referral.fixtures.js';

// The daily digest instead of immediate e-mails (issue 11, item 6).

let context: Awaited<ReturnType<typeof createTestApp>>;
let service: ReferralTestService;
let intake: TestAccount;
let call: ApiCall;

before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-digest-test-${process.pid}` });
  await loadDemoData(context.db);
  [service] = (await servicesOfDistinctInstitutions(context.db)) as [ReferralTestService];
  const referrer = await createAccountForTest(context.db, { role: 'referrer' });
  intake = await createAccountForTest(context.db, { role: 'provider_intake', organizationId: service.organization_id });
  call = networkApiCaller(context.app, await apiTokensFor(context.db, { referrer }));
});
after(async () => {
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

const person = { given_name: 'Marija', family_name: 'Kalniņa', personal_code: '150370-22222', language: 'lv' };

async function sendReferral(): Promise<string> {
  const { referralId } = await sendTestReferral(call, 'referrer', {
    person,
    consent: { recipients: [service.organization_id], categories: ['identity', 'needs'], purpose: 'Pajumte' },
    draft: { service_id: service.id, needs: ['shelter'], urgency: 'urgent' },
  });
  return referralId;
}

const runJobs = () =>
  runDueJobs({ db: context.db, config: context.config }, jobDefinitions, { processId: crypto.randomUUID() });

function mailsTo(email: string, purpose: string) {
  return context.db
    .selectFrom('outbound_message')
    .selectAll()
    .where('recipient', '=', email)
    .where('purpose', '=', purpose)
    .execute();
}

test('the digest window: nothing before 07:00 Riga time, then the 24 hours up to 07:00 of the day', () => {
  // 04:30 UTC in December is 06:30 in Riga (UTC+2): too early.
  assert.equal(digestWindow(new Date('2026-12-08T04:30:00Z')), null);
  const winter = digestWindow(new Date('2026-12-08T05:15:00Z'))!;
  assert.equal(winter.day, '2026-12-08');
  assert.equal(winter.from.toISOString(), '2026-12-07T05:00:00.000Z');
  assert.equal(winter.to.toISOString(), '2026-12-08T05:00:00.000Z');
  // In summer Riga is UTC+3.
  const summer = digestWindow(new Date('2027-07-01T04:00:00Z'))!;
  assert.equal(summer.to.toISOString(), '2027-07-01T04:00:00.000Z');
});

test('with the digest chosen no immediate mail is queued; the digest job queues exactly one, even run twice', async () => {
  // The intake worker chooses the digest on their own account page.
  const session = await signInForTest(context.app, context.db, intake);
  const page = await getAs(context.app, '/staff/account?lang=en', session);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Once a day: one summary in the morning/);
  const saved = await formPost(context.app, '/staff/account', { notification_mode: 'digest' }, session);
  assert.equal(saved.status, 303);
  const stored = await context.db
    .selectFrom('account')
    .select('notification_mode')
    .where('id', '=', intake.id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.notification_mode, 'digest');
  assert.equal((await formPost(context.app, '/staff/account', { notification_mode: 'never' }, session)).status, 400);

  const first = await sendReferral();
  const second = await sendReferral();
  await runJobs();
  assert.deepEqual(await mailsTo(intake.email, 'referral_notification'), [], 'no immediate mail');

  // The digest day whose window holds events made now: today if before 07:00 in Riga, else tomorrow.
  const day = latvianToday(new Date(Date.now() + 17 * 3600_000));
  const eightInRiga = new Date(`${day}T08:00:00+02:00`);
  const morning = digestWindow(eightInRiga) ? eightInRiga : new Date(`${day}T08:00:00+03:00`);
  assert.equal(
    await sendDailyDigests(context.db, context.config, new Date(morning.getTime() - 3 * 3600_000)),
    'before 07:00',
  );
  assert.equal(await sendDailyDigests(context.db, context.config, morning), `1 digests for ${day}`);
  assert.equal(await sendDailyDigests(context.db, context.config, morning), `0 digests for ${day}`);
  assert.equal(
    await sendDailyDigests(context.db, context.config, new Date(morning.getTime() + 3 * 3600_000)),
    `0 digests for ${day}`,
  );
  const digests = await mailsTo(intake.email, 'referral_digest');
  assert.equal(digests.length, 1);
  const digest = digests[0]!;
  const serviceName = (await getService(context.db, service.id, 'lv')).name;
  assert.match(
    digest.body_text,
    new RegExp(`2 jauni nosūtījumi uz pakalpojumu „${serviceName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`),
  );
  assert.ok(digest.body_text.includes('/staff/inbox'));
  for (const word of [person.given_name, person.family_name, person.personal_code, first, second])
    assert.ok(!`${digest.subject}\n${digest.body_text}`.includes(word), `the digest names no one (${word})`);

  // The job is registered and recurring, so the runner (one process at a time) calls it.
  assert.ok(jobDefinitions.has(referralDigestJob));
  assert.ok(recurringJobs.some((job) => job.name === referralDigestJob));
});

test('an account that keeps immediate e-mails gets one per event and no digest', async () => {
  const other = await createAccountForTest(context.db, {
    role: 'provider_intake',
    organizationId: service.organization_id,
  });
  await sendReferral();
  await runJobs();
  assert.equal((await mailsTo(other.email, 'referral_notification')).length, 1);
  const day = latvianToday(new Date(Date.now() + 17 * 3600_000));
  const morning = digestWindow(new Date(`${day}T08:00:00+02:00`))
    ? new Date(`${day}T08:00:00+02:00`)
    : new Date(`${day}T08:00:00+03:00`);
  await sendDailyDigests(context.db, context.config, morning);
  assert.equal((await mailsTo(other.email, 'referral_digest')).length, 0);
});
