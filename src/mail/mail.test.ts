import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createAccountForTest, getAs, signInForTest } from '../accounts/testing.js';
import type { Config } from '../config.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import { decodeQuotedPrintable, startSmtpServer } from './testing.js';
import { deliverDueMessages, mailQueueDirectory, maskedSecret, outboxDirectory, queueMessage } from './mail.service.js';

const secret = 'Sx3cr3t-t0ken-value-0123456789abcdefghijk';
const draft = (to: string) => ({
  purpose: 'test',
  subjectType: 'survey_case',
  subjectId: 'case-1',
  to,
  subject: 'Ielūgums: anketa par palīdzību',
  text: `Labdien!\n\nJūsu saite: http://localhost:3000/survey/${secret}\n\nAr cieņu,\nReentry Atlas — šī vēstule ir garumzīmēm bagāta: āčēģīķļņšūž.`,
  language: 'lv' as const,
  secrets: [secret],
});

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp({ DATA_DIR: `/tmp/atlas-mail-test-${process.pid}` });
});
after(async () => {
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

test('without SMTP a message is held: the whole message in an .eml file, the row with the secret masked', async () => {
  const { db, config } = context;
  const queued = await db
    .transaction()
    .execute((trx) => queueMessage(trx, config, draft('socialais.dienests@example.lv')));
  assert.equal(queued.status, 'held');
  const row = await db.selectFrom('outbound_message').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'held');
  assert.equal(row.recipient, 'socialais.dienests@example.lv');
  assert.ok(row.body_text.includes(`/survey/${maskedSecret}`), row.body_text);
  assert.ok(!row.body_text.includes(secret));
  const file = join(outboxDirectory(config), `${queued.id}.eml`);
  const raw = readFileSync(file, 'utf8');
  assert.match(raw, /^Content-Type: text\/plain; charset=utf-8$/m);
  assert.match(raw, new RegExp(`^Message-ID: ${row.message_id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const body = decodeQuotedPrintable(raw.slice(raw.indexOf('\r\n\r\n') + 4));
  assert.ok(body.includes(`http://localhost:3000/survey/${secret}`), body);
  assert.ok(body.includes('āčēģīķļņšūž'));
  // Nothing to deliver without SMTP.
  assert.deepEqual(await deliverDueMessages(db, config), { sent: 0, failed: 0 });
});

test('a rolled-back transaction leaves no row', async () => {
  const { db, config } = context;
  let id = '';
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      id = (await queueMessage(trx, config, draft('x@example.lv'))).id;
      throw new Error('the caller failed after queueing');
    }),
  );
  assert.equal(await db.selectFrom('outbound_message').select('id').where('id', '=', id).executeTakeFirst(), undefined);
});

test('with SMTP a message is queued, sent, its file removed; refusals are recorded as failed', async () => {
  const { db } = context;
  const smtp = await startSmtpServer({
    'nobody@example.lv': '550 5.1.1 mailbox unavailable',
    'busy@example.lv': '451 4.3.0 try later',
  });
  try {
    const config: Config = {
      ...testConfig({
        DATA_DIR: context.config.dataDirectory,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Reentry Atlas <atlas@example.lv>',
      }),
    };
    const queued = await db
      .transaction()
      .execute(async (trx) => [
        await queueMessage(trx, config, draft('dome@example.lv')),
        await queueMessage(trx, config, draft('nobody@example.lv')),
        await queueMessage(trx, config, draft('busy@example.lv')),
      ]);
    assert.deepEqual(
      queued.map((message) => message.status),
      ['queued', 'queued', 'queued'],
    );
    for (const message of queued) assert.ok(existsSync(join(mailQueueDirectory(config), `${message.id}.eml`)));

    const result = await deliverDueMessages(db, config);
    assert.deepEqual(result, { sent: 1, failed: 2 });
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.deepEqual(mail.to, ['dome@example.lv']);
    assert.equal(mail.from, 'atlas@example.lv');
    assert.ok(decodeQuotedPrintable(mail.data).includes(`/survey/${secret}`));

    const rows = await db
      .selectFrom('outbound_message')
      .selectAll()
      .where(
        'id',
        'in',
        queued.map((message) => message.id),
      )
      .execute();
    const byRecipient = new Map(rows.map((row) => [row.recipient, row]));
    const sent = byRecipient.get('dome@example.lv')!;
    assert.equal(sent.status, 'sent');
    assert.ok(sent.sent_at);
    assert.equal(existsSync(join(mailQueueDirectory(config), `${sent.id}.eml`)), false, 'the sent file is removed');
    const refused = byRecipient.get('nobody@example.lv')!;
    assert.equal(refused.status, 'failed');
    assert.match(refused.error ?? '', /550/);
    assert.equal(refused.next_attempt_at, null, 'a 5xx refusal is final');
    const busy = byRecipient.get('busy@example.lv')!;
    assert.equal(busy.status, 'failed');
    assert.ok(busy.next_attempt_at && busy.next_attempt_at.getTime() > Date.now(), 'a 4xx refusal is retried later');
    assert.ok(existsSync(join(mailQueueDirectory(config), `${busy.id}.eml`)), 'a message to retry keeps its file');

    // A second run finds nothing due: the retry lies in the future, the refusal is final.
    assert.deepEqual(await deliverDueMessages(db, config), { sent: 0, failed: 0 });
    // When the retry is due, it goes out.
    await db
      .updateTable('outbound_message')
      .set({ next_attempt_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', busy.id)
      .execute();
    smtp.server.close();
    const smtpAgain = await startSmtpServer({});
    try {
      const retryConfig = { ...config, smtpUrl: `smtp://127.0.0.1:${smtpAgain.port}` };
      assert.deepEqual(await deliverDueMessages(db, retryConfig), { sent: 1, failed: 0 });
      assert.deepEqual(smtpAgain.received[0]?.to, ['busy@example.lv']);
      const retried = await db
        .selectFrom('outbound_message')
        .select(['status', 'attempts'])
        .where('id', '=', busy.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(retried, { status: 'sent', attempts: 2 });
    } finally {
      smtpAgain.server.close();
    }
  } finally {
    smtp.server.close();
  }
});

test('the outbox pages are for administrators and analysts only', async () => {
  const { app, db, config } = context;
  const queued = await db.transaction().execute((trx) => queueMessage(trx, config, draft('pagasts@example.lv')));

  const anonymous = await app.request('/staff/outbox');
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.headers.get('location') ?? '', /^\/login\?next=/);
  const anonymousFile = await app.request(`/staff/outbox/${queued.id}/message.eml`, {
    headers: { accept: 'application/json' },
  });
  assert.equal(anonymousFile.status, 401);

  const editor = await signInForTest(app, db, await createAccountForTest(db, { role: 'institution_editor' }));
  for (const path of ['/staff/outbox', `/staff/outbox/${queued.id}`, `/staff/outbox/${queued.id}/message.eml`]) {
    assert.equal((await getAs(app, path, editor)).status, 403, path);
  }

  const analystAccount = await createAccountForTest(db, { role: 'analyst' });
  const analyst = await signInForTest(app, db, analystAccount);
  const list = await getAs(app, '/staff/outbox', analyst);
  assert.equal(list.status, 200);
  const listHtml = await list.text();
  assert.ok(listHtml.includes('pagasts@example.lv'));
  assert.ok(listHtml.includes(`/staff/outbox/${queued.id}`));
  assert.ok(listHtml.includes('href="/staff/outbox"'), 'the navigation links to the outbox');

  const page = await getAs(app, `/staff/outbox/${queued.id}`, analyst);
  assert.equal(page.status, 200);
  const pageHtml = await page.text();
  assert.ok(pageHtml.includes(`/survey/${maskedSecret}`));
  assert.ok(!pageHtml.includes(secret), 'the page never shows the secret');

  const file = await getAs(app, `/staff/outbox/${queued.id}/message.eml`, analyst);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'message/rfc822');
  assert.ok(decodeQuotedPrintable(await file.text()).includes(`/survey/${secret}`));
  const audit = await db
    .selectFrom('audit_event')
    .select(['account_id', 'entity_id'])
    .where('action', '=', 'mail.message.download')
    .execute();
  assert.deepEqual(audit, [{ account_id: analystAccount.id, entity_id: queued.id }]);

  assert.equal((await getAs(app, '/staff/outbox/not-a-uuid', analyst)).status, 404);
  assert.equal((await getAs(app, '/staff/outbox/00000000-0000-4000-8000-000000000000', analyst)).status, 404);
});
