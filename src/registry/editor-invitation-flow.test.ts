// Issue 15, "Done when": invite → an editor changes a listing → audit. One walk over the real app: the
// administrator invites from the institution's page, the invitee sets a password from the e-mailed link, edits the
// listing as that new account (the change is stored, in the history and in the audit trail under their id), and may
// not touch another institution.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { findAccountByEmail, listAccounts } from '../accounts/account.service.js';
import {
  anonymousVisitorForTest,
  createAccountForTest,
  formPost,
  getAs,
  signInForTest,
  type TestSession,
} from '../accounts/testing.js';
import { listAuditEvents } from '../audit/audit.service.js';
import { listOutboundMessages, readMessageFile } from '../mail/mail.service.js';
import { decodeQuotedPrintable } from '../mail/testing.js';
import { createTestApp } from '../testing/test-database.js';
import { getInstitutionWithServices, listChanges } from './institution-read.service.js';
import { addTestInstitution } from './registry.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;

before(async () => {
  context = await createTestApp();
  admin = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'administrator' }),
  );
});
after(async () => {
  await context.close();
  rmSync(context.config.dataDirectory, { recursive: true, force: true });
});

/** The value of a `Set-Cookie` the response sets, as `name=value`. */
function cookieSet(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`));
}

/** The hidden CSRF field of the first form on a page, as the browser would submit it. */
function csrfFieldOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries a form with a CSRF field');
  return token;
}

test('invite from the institution page → the invitee sets a password → edits the listing → history and audit', async () => {
  const { app, db, config } = context;
  const institutionId = await addTestInstitution(db, {
    name: 'Valmieras atbalsta centrs',
    type: 'ngo',
    email: 'info@valmiera-atbalsts.lv',
  });
  const otherInstitutionId = await addTestInstitution(db, { name: 'Cēsu patversme', type: 'municipal_social_service' });

  // 1. The administrator's institution page links to the invitation form, which preselects role and institution.
  const institutionPage = await getAs(app, `/staff/institutions/${institutionId}?lang=en`, admin);
  assert.equal(institutionPage.status, 200);
  const invitePath = `/staff/accounts/invite?role=institution_editor&organization=${institutionId}`;
  const link = new RegExp(`<a[^>]*href="([^"]*)"[^>]*>\\s*Invite an editor\\s*</a>`).exec(await institutionPage.text());
  assert.ok(link, 'the page has the "Invite an editor" link');
  assert.equal(link[1]!.replaceAll('&amp;', '&'), invitePath);
  const form = await getAs(app, `${invitePath}&lang=en`, admin);
  assert.equal(form.status, 200);
  const formHtml = await form.text();
  assert.match(formHtml, /<option value="institution_editor" selected="">/);
  assert.match(formHtml, new RegExp(`<option value="${institutionId}" selected="">Valmieras atbalsta centrs</option>`));

  // 2. The administrator sends the invitation; the e-mail waits in the outbox with the link.
  const email = 'redaktore@valmiera-atbalsts.lv';
  const invited = await formPost(
    app,
    '/staff/accounts/invite?lang=en',
    {
      email,
      display_name: 'Inese Redaktore',
      role: 'institution_editor',
      organization_id: institutionId,
      language: 'en',
    },
    admin,
  );
  assert.equal(invited.status, 303);
  assert.equal(invited.headers.get('location'), '/staff/accounts?done=invited');
  assert.equal(await findAccountByEmail(db, email), undefined, 'no account before the invitee answers');
  const { messages } = await listOutboundMessages(db, { page: 1, pageSize: 100 });
  const mails = messages.filter((message) => message.to === email && message.purpose === 'account_invitation');
  assert.equal(mails.length, 1, 'one invitation e-mail');
  const mail = mails[0]!;
  const eml = decodeQuotedPrintable((await readMessageFile(config, mail))!.toString('utf8'));
  const mailedLink = /(http\S+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(eml)?.[1];
  assert.ok(mailedLink, 'the e-mail carries the link');
  const token = new URL(mailedLink).searchParams.get('token')!;
  assert.ok(!mail.bodyText.includes(token), 'the stored copy masks the token');

  // 3. The invitee opens the link, chooses a password and is signed in.
  const visitor = await anonymousVisitorForTest(db);
  const linkPage = await getAs(app, `${new URL(mailedLink).pathname}${new URL(mailedLink).search}&lang=en`, visitor);
  assert.equal(linkPage.status, 200);
  assert.match(await linkPage.text(), /Choose your password/);
  const password = 'valmiera listing keeper 2026';
  const accepted = await formPost(
    app,
    '/invitation?lang=en',
    { token, new_password: password, repeat_password: password },
    visitor,
  );
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), '/staff');
  const sessionCookie = cookieSet(accepted, 'atlas_session');
  assert.ok(sessionCookie, 'signed in by the answer');
  const csrfCookie = visitor.cookie.split('; ').find((pair) => pair.startsWith('atlas_csrf='))!;
  const browserCookie = `${sessionCookie}; ${csrfCookie}`;

  const account = await findAccountByEmail(db, email);
  assert.ok(account, 'the account exists now');
  assert.equal(account.role, 'institution_editor');
  assert.ok(account.isActive);
  const summary = (await listAccounts(db)).find((row) => row.id === account.id);
  assert.equal(summary?.organizationId, institutionId, 'the account belongs to the invited institution');

  // 4. As that editor: open the edit form (its CSRF field belongs to this session) and change the listing.
  const base = `/staff/institutions/${institutionId}`;
  const editForm = await app.request(`${base}/edit?lang=en`, { headers: { cookie: browserCookie } });
  assert.equal(editForm.status, 200);
  const editor: TestSession = { cookie: browserCookie, csrfToken: csrfFieldOf(await editForm.text()) };
  const original = await getInstitutionWithServices(db, institutionId, 'lv');
  const saved = await formPost(
    app,
    `${base}/edit?lang=en`,
    {
      name: 'Valmieras atbalsta centrs Ceļš',
      institution_type: 'ngo',
      description: 'Palīdzam atrast darbu un mājokli pēc atbrīvošanas',
      email: 'info@valmiera-atbalsts.lv',
    },
    editor,
  );
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `${base}?saved=1`);

  const changed = await getInstitutionWithServices(db, institutionId, 'lv');
  assert.equal(changed.name, 'Valmieras atbalsta centrs Ceļš');
  assert.equal(changed.description, 'Palīdzam atrast darbu un mājokli pēc atbrīvošanas');
  assert.equal(changed.email, original.email, 'an unchanged field stays');

  // The change history: one update row per changed field, old and new value, by the editor's account.
  const updates = (await listChanges(db, [institutionId])).filter((change) => change.action === 'update');
  assert.deepEqual(updates.map((change) => change.field).sort(), ['description', 'name']);
  for (const change of updates) assert.equal(change.updatedBy, account.id, `${change.field} by the editor`);
  const nameChange = updates.find((change) => change.field === 'name')!;
  assert.equal(nameChange.previousValue, original.name);
  assert.equal(nameChange.newValue, changed.name);

  // The audit trail names the editor's account and the institution, with the changed field names.
  const { events } = await listAuditEvents(
    db,
    { action: 'registry.organization.update', entityId: institutionId },
    { limit: 10, offset: 0 },
  );
  assert.equal(events.length, 1, 'one audited save');
  const event = events[0]!;
  assert.equal(event.accountId, account.id);
  assert.equal(event.accountEmail, email);
  assert.equal(event.entityType, 'organization');
  assert.equal(event.details.organization_id, institutionId);
  assert.deepEqual([...(event.details.fields as string[])].sort(), ['description', 'name']);
  const acceptance = await listAuditEvents(
    db,
    { action: 'account.invitation_accept', entityId: account.id },
    { limit: 10, offset: 0 },
  );
  assert.equal(acceptance.total, 1, 'the acceptance of the invitation is audited too');

  // The institution page shows the editor the saved change in its history.
  const ownPage = await app.request(`${base}?saved=1&lang=en`, { headers: { cookie: browserCookie } });
  assert.equal(ownPage.status, 200);
  assert.ok((await ownPage.text()).includes('Valmieras atbalsta centrs Ceļš'));

  // 5. Another institution is not theirs: the form and the post are 403, and nothing changes there.
  const otherBase = `/staff/institutions/${otherInstitutionId}`;
  assert.equal((await app.request(`${otherBase}/edit`, { headers: { cookie: browserCookie } })).status, 403);
  const refused = await formPost(app, `${otherBase}/edit`, { name: 'Pārņemts', institution_type: 'ngo' }, editor);
  assert.equal(refused.status, 403);
  assert.equal((await getInstitutionWithServices(db, otherInstitutionId, 'lv')).name, 'Cēsu patversme');
  assert.equal(
    (await listChanges(db, [otherInstitutionId])).filter((change) => change.action === 'update').length,
    0,
    'no history for the refused edit',
  );
  const otherAudit = await listAuditEvents(
    db,
    { action: 'registry.', entityId: otherInstitutionId },
    { limit: 10, offset: 0 },
  );
  assert.equal(
    otherAudit.events.filter((row) => row.accountId === account.id).length,
    0,
    'no audited change by the editor',
  );
});
