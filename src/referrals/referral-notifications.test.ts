import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAccountForTest, type TestAccount } from '../accounts/testing.js';
import { formatMoment } from '../core/dates.js';
import { logger } from '../core/logger.js';
import { loadDemoData } from '../demo/demo.service.js';
import { jobDefinitions } from '../jobs/job-runner.js';
import { runDueJobs } from '../jobs/job.service.js';
import { outboxDirectory, setCorrespondenceLanguage } from '../mail/mail.service.js';
import { decodeQuotedPrintable } from '../mail/testing.js';
import { getService } from '../registry/institution-read.service.js';
import { createTestApp } from '../testing/test-database.js';
import { expireOverdueReferrals } from './referral-expiry.service.js';
import { sendReferralNotification } from './referral-notifications.js';
import {
  apiTokensFor,
  networkApiCaller,
  sendTestReferral,
  servicesOfDistinctInstitutions,
  testPerson,
  type ApiCall,
  type ReferralTestService,
} from './referral.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let service: ReferralTestService;
let intake: TestAccount;
let referrer: TestAccount;
let call: ApiCall;
// Everything the app logs while these tests run.
const logLines: string[] = [];
const writeToStdout = process.stdout.write.bind(process.stdout);

before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-notify-test-${process.pid}` });
  await loadDemoData(context.db);
  [service] = (await servicesOfDistinctInstitutions(context.db)) as [ReferralTestService];
  referrer = await createAccountForTest(context.db, { role: 'referrer' });
  intake = await createAccountForTest(context.db, { role: 'provider_intake', organizationId: service.organization_id });
  call = networkApiCaller(context.app, await apiTokensFor(context.db, { referrer, intake }));
  logger.setLevel('debug');
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logLines.push(String(chunk));
    return writeToStdout(chunk, ...rest);
  }) as typeof process.stdout.write;
});
after(async () => {
  process.stdout.write = writeToStdout;
  logger.setLevel('warn');
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

const person = testPerson;
const personal = [person.given_name, person.family_name, person.personal_code, '010190'];

/** A referral sent to the demo service, with consent; returns its id. */
async function sentReferral(): Promise<string> {
  const { referralId } = await sendTestReferral(call, 'referrer', {
    person,
    consent: {
      recipients: [service.organization_id],
      categories: ['identity', 'needs', 'contact'],
      purpose: 'Referral for a bed after release',
    },
    draft: {
      service_id: service.id,
      needs: ['shelter'],
      urgency: 'urgent',
      needed_by: '2026-12-31',
      note: `${person.given_name} ${person.family_name} needs a lower bunk`,
    },
  });
  return referralId;
}

const runJobs = () =>
  runDueJobs({ db: context.db, config: context.config }, jobDefinitions, { processId: crypto.randomUUID() });

function notificationsAbout(referralId: string) {
  return context.db
    .selectFrom('outbound_message')
    .selectAll()
    .where('purpose', '=', 'referral_notification')
    .where('subject_id', 'like', `${referralId}:%`)
    .orderBy('created_at')
    .execute();
}

function assertNamesNoOne(text: string, where: string) {
  for (const word of personal) assert.ok(!text.includes(word), `${where} contains “${word}”`);
}

test('a send queues "1 new referral for <service>, answer by <time>" in the institution’s language, naming no one', async () => {
  await setCorrespondenceLanguage(context.db, service.organization_id, 'ru');
  const referralId = await sentReferral();
  // Nothing is composed inside the command: only the job (ids only) was queued with the event.
  assert.deepEqual(await notificationsAbout(referralId), []);
  const job = await context.db
    .selectFrom('job')
    .select(['payload'])
    .where('unique_key', '=', `referrals.notify:${referralId}:2`)
    .executeTakeFirstOrThrow();
  assert.deepEqual(job.payload, { referralId, command: 'send', version: 2 });

  await runJobs();
  const [message, ...more] = await notificationsAbout(referralId);
  assert.equal(more.length, 0);
  assert.ok(message);
  assert.equal(message.recipient, intake.email);
  assert.equal(message.language, 'ru');
  const referral = await context.db
    .selectFrom('referral')
    .select(['due_at'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  const serviceName = (await getService(context.db, service.id, 'ru')).name;
  const due = formatMoment(referral.due_at!, 'ru', 'long');
  assert.equal(message.subject, `1 новое направление в службу «${serviceName}», ответьте до ${due}`);
  assert.ok(message.body_text.includes(serviceName) && message.body_text.includes(due), message.body_text);
  assert.ok(message.body_text.includes(`http://localhost:3000/staff/referrals/${referralId}`), message.body_text);
  assertNamesNoOne(message.subject, 'the subject');
  assertNamesNoOne(message.body_text, 'the body');
  assertNamesNoOne(message.recipient, 'the recipient');
  const raw = readFileSync(join(outboxDirectory(context.config), `${message.id}.eml`), 'utf8');
  assertNamesNoOne(decodeQuotedPrintable(raw), 'the .eml file');

  // A second run of the same job (after a crash before the run was recorded, say) queues nothing more.
  assert.equal(
    await sendReferralNotification(context.db, context.config, { referralId, command: 'send', version: 2 }),
    'already queued',
  );
  assert.equal((await notificationsAbout(referralId)).length, 1);
  await setCorrespondenceLanguage(context.db, service.organization_id, 'lv');
});

test('a question goes to the referring team; a rolled-back command notifies no one', async () => {
  const referralId = await sentReferral();
  const asked = await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, {
    command: 'request_info',
    version: 2,
    note: `Is ${person.given_name} able to climb stairs?`,
  });
  assert.equal(asked.status, 200, JSON.stringify(asked.json));
  // A stale version is refused (409): its transaction rolls back with the job it would have queued.
  const stale = await call('intake', 'POST', `/api/v1/referrals/${referralId}/commands`, {
    command: 'accept',
    version: 2,
  });
  assert.equal(stale.status, 409);
  await runJobs();
  const messages = await notificationsAbout(referralId);
  assert.deepEqual(
    messages.map((message) => [message.recipient, message.subject_id]),
    [
      [intake.email, `${referralId}:2`],
      [referrer.email, `${referralId}:3`],
    ],
  );
  const serviceName = (await getService(context.db, service.id, 'lv')).name;
  assert.equal(messages[1]!.subject, `Jautājums par nosūtījumu uz pakalpojumu „${serviceName}”`);
  for (const message of messages) assertNamesNoOne(`${message.subject}\n${message.body_text}`, 'a notification');
});

test('the clock expires an overdue referral through the state machine, once, and tells the referring team', async () => {
  const referralId = await sentReferral();
  await context.db
    .updateTable('referral')
    .set({ due_at: new Date(Date.now() - 60_000) })
    .where('id', '=', referralId)
    .execute();
  const [first, second] = await Promise.all([expireOverdueReferrals(context.db), expireOverdueReferrals(context.db)]);
  assert.equal((first ?? 0) + (second ?? 0), 1, 'expired once');
  const referral = await context.db
    .selectFrom('referral')
    .select(['state', 'version', 'due_at'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(referral, { state: 'expired', version: 3, due_at: null });
  // The event is what the planners' unmet-need page counts.
  const events = await context.db
    .selectFrom('referral_event')
    .select(['command', 'from_state', 'to_state', 'actor', 'actor_account_id', 'reason_code'])
    .where('referral_id', '=', referralId)
    .where('command', '=', 'expire')
    .execute();
  assert.deepEqual(events, [
    {
      command: 'expire',
      from_state: 'sent',
      to_state: 'expired',
      actor: 'system',
      actor_account_id: null,
      reason_code: 'no_answer_in_time',
    },
  ]);
  const audit = await context.db
    .selectFrom('audit_event')
    .select(['account_id'])
    .where('action', '=', 'referral.expire')
    .where('entity_id', '=', referralId)
    .execute();
  assert.deepEqual(audit, [{ account_id: null }]);
  assert.equal(await expireOverdueReferrals(context.db), 0, 'nothing left to expire');

  await runJobs();
  const expiry = (await notificationsAbout(referralId)).find((message) => message.subject_id === `${referralId}:3`);
  assert.equal(expiry?.recipient, referrer.email);
  assertNamesNoOne(`${expiry.subject}\n${expiry.body_text}`, 'the expiry notification');
});

test('no log line the app wrote names the person', () => {
  assert.ok(
    logLines.some((line) => line.includes('referral notification queued')),
    'the notifications were logged',
  );
  for (const line of logLines) assertNamesNoOne(line, `the log line ${line}`);
});
