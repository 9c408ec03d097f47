import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { createPerson } from '../people/person.service.js';
import { createTestApp } from '../testing/test-database.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let dpo: TestSession;
let administrator: TestSession;
let personId: string;

before(async () => {
  context = await createTestApp();
  dpo = await signInForTest(context.app, context.db, await createAccountForTest(context.db, { role: 'dpo' }));
  administrator = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'administrator' }),
  );
  const referrer = await createAccountForTest(context.db, { role: 'referrer' });
  personId = await context.db
    .transaction()
    .execute((trx) =>
      createPerson(
        trx,
        context.keyring,
        { givenName: 'Aivars', familyName: 'Dzēšamais', personalCode: '010203-12345', language: 'lv' },
        { accountId: referrer.id, teamOrganizationId: referrer.organizationId! },
      ),
    );
});
after(async () => context.close());

test('only the data protection officer opens the page; it is never cached', async () => {
  const page = await getAs(context.app, '/staff/dpo?lang=en', dpo);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.match(await page.text(), /Data subject rights/);
  assert.equal((await getAs(context.app, '/staff/dpo', administrator)).status, 403);
});

test('the export is a JSON download of the person, audited; an unknown id is a 404', async () => {
  const response = await getAs(context.app, `/staff/dpo/export.json?person=${personId}`, dpo);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
  const data = (await response.json()) as { person: { familyName: string } };
  assert.equal(data.person.familyName, 'Dzēšamais');
  const audited = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', personId)
    .execute();
  assert.ok(audited.some((row) => row.action === 'person.export'));
  assert.equal((await getAs(context.app, '/staff/dpo/export.json?person=not-an-id', dpo)).status, 404);
});

test('erasure needs a reason and a confirmation; afterwards the export says erased and holds no name', async () => {
  const unconfirmed = await formPost(
    context.app,
    '/staff/dpo/erase?lang=en',
    { person_id: personId, reason: 'request' },
    dpo,
  );
  assert.equal(unconfirmed.status, 400);
  assert.match(await unconfirmed.text(), /cannot be undone/);
  const erased = await formPost(
    context.app,
    '/staff/dpo/erase',
    { person_id: personId, reason: 'request', confirm: 'yes' },
    dpo,
  );
  assert.equal(erased.status, 303);
  const after = (await (await getAs(context.app, `/staff/dpo/export.json?person=${personId}`, dpo)).json()) as {
    person: { erased: boolean; familyName: string | null; personalCode: string | null };
  };
  assert.deepEqual([after.person.erased, after.person.familyName, after.person.personalCode], [true, null, null]);
});
