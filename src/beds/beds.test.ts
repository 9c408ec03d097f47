import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../http/app.js';
import { createApiToken } from '../accounts/api-token.service.js';
import { anonymousVisitorForTest, createAccountForTest, formPost, getAs, signInForTest } from '../accounts/testing.js';
import { loadDemoData } from '../demo/demo.service.js';
import { addDays, latvianToday } from '../core/dates.js';
import { buildUnmetNeedReport } from '../planning/planning.service.js';
import { createTestApp } from '../testing/test-database.js';
import { listMunicipalities } from '../territories/territory.service.js';
import { validateHsds, validateHsdsPage } from '../registry/hsds-validate.js';
import { millisecondsSinceLocalBedsWrite } from './beds-changes.js';
import {
  findBedFigures,
  flushUnmetBedNights,
  holdBed,
  issueReminderToken,
  lapseBedHolds,
  latvianMoment,
  sendBedReminders,
} from './beds.service.js';

// Issue 13's "Done when", through the real app on the real database: the capacity API, the finder's capacity and
// free_bed filter, holds from accepted referrals (lowering, running out, confirmed on arrival, the last bed once),
// stale figures, the reminder's one-use link, and unmet bed-nights on the planners' page.

let context: Awaited<ReturnType<typeof createTestApp>>;
type FinderService = {
  id: string;
  organization: { id: string };
  capacity: unknown;
  territory: { municipality: { code: string } } | null;
};
let shelters: FinderService[];
let shelter: FinderService;
let otherShelter: FinderService;
const tokens: Record<string, string> = {};
const staleHours = 12;

before(async () => {
  context = await createTestApp({ BEDS_STALE_AFTER_HOURS: String(staleHours), BEDS_REMINDER_AT: '00:00' });
  await loadDemoData(context.db);
  const found = await context.app.request('/api/v1/finder/services?needs=shelter&limit=100');
  shelters = ((await found.json()) as { eligible: FinderService[] }).eligible.filter(
    (service) => service.organization.id !== null && service.territory !== null,
  );
  shelter = shelters[0]!;
  otherShelter = shelters.find((service) => service.organization.id !== shelter.organization.id)!;
  assert.ok(otherShelter, 'the demo data has shelters of two institutions');
  const accounts = {
    intake: await createAccountForTest(context.db, {
      role: 'provider_intake',
      organizationId: shelter.organization.id,
    }),
    worker: await createAccountForTest(context.db, {
      role: 'provider_worker',
      organizationId: shelter.organization.id,
    }),
    editor: await createAccountForTest(context.db, {
      role: 'institution_editor',
      organizationId: shelter.organization.id,
    }),
    otherIntake: await createAccountForTest(context.db, {
      role: 'provider_intake',
      organizationId: otherShelter.organization.id,
    }),
    referrer: await createAccountForTest(context.db, { role: 'referrer' }),
    analyst: await createAccountForTest(context.db, { role: 'analyst' }),
    administrator: await createAccountForTest(context.db, { role: 'administrator' }),
  };
  for (const [name, account] of Object.entries(accounts))
    tokens[name] = (await createApiToken(context.db, account.id, 'test', null)).token;
});
after(async () => context.close());

async function call(who: string | null, method: string, path: string, body?: unknown) {
  const response = await context.app.request(path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const putCapacity = (who: string | null, serviceId: string, body: unknown) =>
  call(who, 'PUT', `/api/v1/services/${serviceId}/capacity`, body);

async function finderCapacity(serviceId: string, extra = '') {
  const response = await context.app.request(`/api/v1/finder/services?needs=shelter&limit=100${extra}`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { eligible: Array<{ id: string; capacity: any }> };
  return { found: body.eligible.find((service) => service.id === serviceId), ids: body.eligible.map((s) => s.id) };
}

test('PUT capacity: 200 with the stored figure and its time for the service’s own staff and administrators', async () => {
  for (const who of ['intake', 'worker', 'editor', 'administrator']) {
    const before = Date.now();
    const result = await putCapacity(who, shelter.id, { available: 3, maximum: 10 });
    assert.equal(result.status, 200, `${who}: ${JSON.stringify(result.json)}`);
    assert.equal(result.json.service_id, shelter.id);
    assert.equal(result.json.available, 3);
    assert.equal(result.json.maximum, 10);
    const updated = Date.parse(result.json.updated);
    assert.ok(updated >= before - 1000 && updated <= Date.now() + 1000, 'the figure’s time is now');
  }
  const history = await context.db
    .selectFrom('bed_capacity_update')
    .select(['recorded_by', 'channel'])
    .where('service_id', '=', shelter.id)
    .execute();
  assert.equal(history.length, 4, 'every update is recorded');
  assert.ok(
    history.every((row) => row.recorded_by !== null && row.channel === 'api'),
    'with who gave it',
  );
  const audited = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('action', '=', 'beds.figure')
    .where('entity_id', '=', shelter.id)
    .execute();
  assert.equal(audited.length, 4);
});

test('PUT capacity: out of range 400, another institution’s service 403, unknown 404, no token 401', async () => {
  for (const body of [
    { available: -1, maximum: 10 },
    { available: 11, maximum: 10 },
    { available: 2.5, maximum: 10 },
    { available: 3, maximum: 10.5 },
    { available: 3, maximum: 1e9 },
    { available: '3', maximum: 10 },
    { available: 3 },
    {},
  ]) {
    const result = await putCapacity('intake', shelter.id, body);
    assert.equal(result.status, 400, JSON.stringify(body));
  }
  assert.equal((await putCapacity('intake', shelter.id, 'not json')).status, 400);
  assert.equal((await putCapacity('otherIntake', shelter.id, { available: 1, maximum: 2 })).status, 403);
  assert.equal((await putCapacity('referrer', shelter.id, { available: 1, maximum: 2 })).status, 403);
  assert.equal((await putCapacity('analyst', shelter.id, { available: 1, maximum: 2 })).status, 403);
  const unknown = '00000000-0000-4000-8000-000000000000';
  assert.equal((await putCapacity('intake', unknown, { available: 1, maximum: 2 })).status, 404);
  assert.equal((await putCapacity(null, shelter.id, { available: 1, maximum: 2 })).status, 401);
  const stored = (await findBedFigures(context.db, [shelter.id], { staleAfterSeconds: 3600 })).get(shelter.id)!;
  assert.deepEqual([stored.free, stored.maximum], [3, 10], 'no refused figure was stored');
});

test('the finder carries capacity (null without beds), shows a new figure at once, and filters free_bed=true', async () => {
  await putCapacity('intake', shelter.id, { available: 4, maximum: 9 });
  let { found } = await finderCapacity(shelter.id);
  assert.equal(found?.capacity.available, 4);
  assert.equal(found?.capacity.maximum, 9);
  assert.ok(Date.now() - Date.parse(found?.capacity.updated) < 60_000);
  const withoutBeds = shelters.find((service) => service.id !== shelter.id && service.id !== otherShelter.id)!;
  assert.equal((await finderCapacity(withoutBeds.id)).found?.capacity, null);

  // The same request again in the same minute: the answer cache must not hide the new figure.
  await putCapacity('intake', shelter.id, { available: 2, maximum: 9 });
  ({ found } = await finderCapacity(shelter.id));
  assert.equal(found?.capacity.available, 2);
  // A second app instance on the same database sees it too: nothing about beds is kept in a process.
  const second = createApp({ db: context.db, config: context.config, keyring: context.keyring });
  const answer = (await (await second.request('/api/v1/finder/services?needs=shelter&limit=100')).json()) as {
    eligible: Array<{ id: string; capacity: any }>;
  };
  assert.equal(answer.eligible.find((service) => service.id === shelter.id)?.capacity.available, 2);

  await putCapacity('otherIntake', otherShelter.id, { available: 0, maximum: 5 });
  const filtered = await finderCapacity(shelter.id, '&free_bed=true');
  assert.deepEqual(filtered.ids, [shelter.id], 'only the service with a free place now');
  await putCapacity('intake', shelter.id, { available: 0, maximum: 9 });
  assert.deepEqual((await finderCapacity(shelter.id, '&free_bed=true')).ids, []);
  assert.equal((await context.app.request('/api/v1/finder/services?needs=shelter&free_bed=maybe')).status, 400);
});

const sleep = (milliseconds: number) => new Promise((wait) => setTimeout(wait, milliseconds));

test('a figure changed by another process reaches this one’s finder within a second; stale on time by itself', async () => {
  await putCapacity('intake', shelter.id, { available: 4, maximum: 9 });
  await context.db.deleteFrom('bed_hold').where('service_id', '=', shelter.id).execute();
  // Its own Kysely instance keeps its own beds in memory, as a second app process does.
  const elsewhere = context.db.withoutPlugins();
  const second = createApp({ db: elsewhere, config: context.config, keyring: context.keyring });
  const seenBySecond = async (extra = '') => {
    const response = await second.request(`/api/v1/finder/services?needs=shelter&limit=100${extra}`);
    const body = (await response.json()) as { eligible: Array<{ id: string; capacity: any }> };
    return body.eligible.find((service) => service.id === shelter.id);
  };
  assert.equal((await seenBySecond())?.capacity.available, 4);
  // No write of this process's own for a while: the second instance learns of the change only by its poll.
  while (millisecondsSinceLocalBedsWrite() < 2100) await sleep(100);
  const changedAt = new Date();
  // Another process's write: straight to the database, past this process's repository. It turns stale 1.5 s on.
  const staleSoon = new Date(changedAt.getTime() - staleHours * 3600_000 + 1500);
  await context.db
    .updateTable('bed_capacity')
    .set({ available: 7, figure_at: staleSoon, updated_at: staleSoon })
    .where('service_id', '=', shelter.id)
    .execute();
  const committed = performance.now();
  let seenAfter = Infinity;
  while (performance.now() - committed < 5_000) {
    if ((await seenBySecond())?.capacity.available === 7) {
      seenAfter = performance.now() - committed;
      break;
    }
    await sleep(25);
  }
  assert.ok(seenAfter <= 1000, `seen after ${Math.round(seenAfter)} ms`);
  const free = async () => (await seenBySecond('&free_bed=true')) !== undefined;
  if (Date.now() < staleSoon.getTime() + staleHours * 3600_000 - 100) assert.equal(await free(), true);
  // Nothing changes in the database; the clock alone makes the figure stale, and it stops being a free bed.
  await sleep(Math.max(0, staleSoon.getTime() + staleHours * 3600_000 - Date.now()) + 50);
  assert.equal(await free(), false, 'stale: no longer a free bed tonight');
  assert.equal((await seenBySecond())?.capacity.available, 7, 'the last known figure stays in the answer');
});

// ---- holds from referrals -----------------------------------------------------------------------------------

const person = { given_name: 'Pēteris', family_name: 'Kalniņš', personal_code: '010190-12345', language: 'lv' };

async function sentReferral(serviceId: string, organizationId: string): Promise<{ id: string; version: number }> {
  const created = await call('referrer', 'POST', '/api/v1/people', person);
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const consent = await call('referrer', 'POST', `/api/v1/people/${created.json.id}/consents`, {
    recipients: [organizationId],
    categories: ['identity', 'needs', 'contact'],
    purpose: 'A bed after release',
    method: 'signed_paper',
    expires_on: '2099-01-01',
  });
  assert.equal(consent.status, 201, JSON.stringify(consent.json));
  const referral = await call('referrer', 'POST', '/api/v1/referrals', {
    person_id: created.json.id,
    service_id: serviceId,
    needs: ['shelter'],
    urgency: 'urgent',
  });
  assert.equal(referral.status, 201, JSON.stringify(referral.json));
  const sent = await call('referrer', 'POST', `/api/v1/referrals/${referral.json.id}/commands`, {
    command: 'send',
    version: 1,
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  return { id: referral.json.id as string, version: sent.json.version as number };
}

const command = (who: string, referral: { id: string }, body: Record<string, unknown>) =>
  call(who, 'POST', `/api/v1/referrals/${referral.id}/commands?lang=en`, body);

test('an accepted referral’s hold lowers available; running out gives the bed back; arrival confirms it', async () => {
  await putCapacity('intake', shelter.id, { available: 3, maximum: 9 });
  const referral = await sentReferral(shelter.id, shelter.organization.id);
  const until = new Date(Date.now() + 3 * 3600_000).toISOString();
  const accepted = await command('intake', referral, {
    command: 'accept',
    version: referral.version,
    hold_bed_until: until,
  });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 2, 'the hold takes one place');

  // Arrival: the hold is confirmed and the person now takes the place as a stay.
  const started = await command('worker', referral, { command: 'start', version: accepted.json.version });
  assert.equal(started.status, 200, JSON.stringify(started.json));
  const hold = await context.db
    .selectFrom('bed_hold')
    .select('state')
    .where('referral_id', '=', referral.id)
    .executeTakeFirstOrThrow();
  assert.equal(hold.state, 'confirmed');
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 2, 'the place stays taken');
  // The stay ends: the place is free again.
  const completed = await command('worker', referral, {
    command: 'complete',
    version: started.json.version,
    outcome: 'helped',
  });
  assert.equal(completed.status, 200, JSON.stringify(completed.json));
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 3);

  // A hold that runs out: held for two seconds, then the bed is back without anyone doing anything.
  const second = await sentReferral(shelter.id, shelter.organization.id);
  const soon = new Date(Date.now() + 2000);
  const held = await command('intake', second, {
    command: 'accept',
    version: second.version,
    hold_bed_until: soon.toISOString(),
  });
  assert.equal(held.status, 200, JSON.stringify(held.json));
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 2);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.getTime() - Date.now()) + 300));
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 3, 'the hold ran out by itself');
  assert.equal(await lapseBedHolds(context.db), 1, 'the job marks it lapsed');
  const lapsed = await context.db
    .selectFrom('bed_hold')
    .select('state')
    .where('referral_id', '=', second.id)
    .executeTakeFirstOrThrow();
  assert.equal(lapsed.state, 'lapsed');
});

test('a hold beyond capacity is refused with a clear message (409); concurrent holds on the last bed: one wins', async () => {
  await putCapacity('intake', shelter.id, { available: 1, maximum: 9 });
  const referrals = [];
  for (let index = 0; index < 4; index += 1) referrals.push(await sentReferral(shelter.id, shelter.organization.id));
  const until = new Date(Date.now() + 3600_000).toISOString();
  const answers = await Promise.all(
    referrals.map((referral) =>
      // `hold_until` is the field's short alias
      command('intake', referral, { command: 'accept', version: referral.version, hold_until: until }),
    ),
  );
  const statuses = answers.map((answer) => answer.status).sort();
  assert.deepEqual(statuses, [200, 409, 409, 409], JSON.stringify(answers.map((answer) => answer.json)));
  const refusal = answers.find((answer) => answer.status === 409)!;
  assert.match(refusal.json.error.message, /No free bed to hold/);
  assert.equal((await finderCapacity(shelter.id)).found?.capacity.available, 0, 'never below zero');
  const states = await context.db
    .selectFrom('referral')
    .select('state')
    .where(
      'id',
      'in',
      referrals.map((referral) => referral.id),
    )
    .execute();
  assert.equal(
    states.filter((row) => row.state === 'accepted').length,
    1,
    'a refused hold leaves the referral as it was',
  );

  // The service function itself, many at once in separate transactions.
  assert.equal((await putCapacity('otherIntake', otherShelter.id, { available: 1, maximum: 5 })).status, 200);
  const results = await Promise.allSettled(
    Array.from({ length: 5 }, () =>
      context.db.transaction().execute((trx) =>
        holdBed(trx, {
          serviceId: otherShelter.id,
          referralId: null,
          until: new Date(Date.now() + 60_000),
          accountId: null,
        }),
      ),
    ),
  );
  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
});

test('a stale figure is shown as "call to check", never as fact, and is not a free bed', async () => {
  await putCapacity('intake', shelter.id, { available: 3, maximum: 9 });
  await context.db.deleteFrom('bed_hold').where('service_id', '=', shelter.id).execute();
  const page = async () => await (await context.app.request(`/institutions/${shelter.organization.id}?lang=en`)).text();
  assert.match(await page(), /3 free beds, updated just now/);
  const yesterdayEvening = latvianMoment(addDays(latvianToday(), -1), '18:10');
  const old = new Date(Math.min(yesterdayEvening.getTime(), Date.now() - (staleHours + 1) * 3600_000));
  await context.db
    .updateTable('bed_capacity')
    .set({ updated_at: old, figure_at: old })
    .where('service_id', '=', shelter.id)
    .execute();
  const text = await page();
  assert.match(text, /Call to check \(last known: 3, /);
  if (old.getTime() === yesterdayEvening.getTime()) assert.match(text, /last known: 3, yesterday 18:10\)/);
  assert.doesNotMatch(text, /3 free beds, updated/);
  assert.deepEqual((await finderCapacity(shelter.id, '&free_bed=true')).ids, []);
  const finderPage = await (await context.app.request(`/find?needs=shelter&lang=en`)).text();
  assert.match(finderPage, /Call to check \(last known: 3/);
});

test('the reminder e-mail’s link confirms the figure once, and not for another service', async () => {
  await putCapacity('intake', shelter.id, { available: 5, maximum: 9 });
  const old = new Date(Date.now() - 30 * 3600_000);
  await context.db.updateTable('bed_capacity').set({ updated_at: old, figure_at: old }).execute();
  const sent = await sendBedReminders(context.db, context.config);
  const link = sent.links.find((entry) => entry.serviceId === shelter.id);
  assert.ok(link, 'the place that has not updated today gets a reminder');
  assert.equal((await sendBedReminders(context.db, context.config)).sent, 0, 'once a day');
  const mail = await context.db
    .selectFrom('outbound_message')
    .select(['subject', 'body_text'])
    .where('purpose', '=', 'beds.reminder')
    .where('subject_id', '=', shelter.id)
    .executeTakeFirst();
  if (mail) assert.match(mail.subject, /Still 5 free tonight\?/);

  const path = new URL(link.url).pathname;
  const visitor = await anonymousVisitorForTest(context.db);
  const shown = await getAs(context.app, `${path}?lang=en`, visitor);
  assert.equal(shown.status, 200);
  assert.equal(shown.headers.get('cache-control'), 'no-store', 'a page with a token in its address is not cached');
  assert.match(await shown.text(), /Still 5 free tonight\?/);
  const confirmed = await formPost(context.app, `${path}?lang=en`, { action: 'same' }, visitor);
  assert.equal(confirmed.status, 200);
  const row = await context.db
    .selectFrom('bed_capacity')
    .select(['updated_at', 'available'])
    .where('service_id', '=', shelter.id)
    .executeTakeFirstOrThrow();
  assert.ok(Date.now() - row.updated_at.getTime() < 60_000, 'confirmed now');
  assert.equal(row.available, 5);
  const reused = await formPost(context.app, `${path}?lang=en`, { action: 'same' }, visitor);
  assert.equal(reused.status, 409);
  assert.match(await reused.text(), /already been used/);

  // Another service's link on this service's address: refused, and the link still works for its own service.
  const token = await issueReminderToken(context.db, otherShelter.id, addDays(latvianToday(), 1));
  assert.ok(token);
  const elsewhere = await formPost(
    context.app,
    `/beds/${shelter.id}/reminder/${token}?lang=en`,
    { action: 'same' },
    visitor,
  );
  assert.equal(elsewhere.status, 403);
  assert.match(await elsewhere.text(), /belongs to another place/);
  const unknown = await getAs(context.app, `/beds/${shelter.id}/reminder/nothing-like-a-token`, visitor);
  assert.equal(unknown.status, 404);
  const own = await formPost(
    context.app,
    `/beds/${otherShelter.id}/reminder/${token}?lang=en`,
    { action: 'set', available: 1 },
    visitor,
  );
  assert.equal(own.status, 200);
  const other = (await findBedFigures(context.db, [otherShelter.id], { staleAfterSeconds: 3600 })).get(
    otherShelter.id,
  )!;
  assert.equal(other.empty, 1);
});

test('unmet bed-nights reach the planners’ page by municipality and night, counts under 5 suppressed', async () => {
  // No free bed anywhere: every search for a bed in a municipality counts one bed-night there.
  await putCapacity('intake', shelter.id, { available: 0, maximum: 9 });
  await putCapacity('otherIntake', otherShelter.id, { available: 0, maximum: 5 });
  const place = shelter.territory!.municipality.code;
  const searches = async (count: number, territory: string) => {
    for (let index = 0; index < count; index += 1) {
      const response = await context.app.request(`/find?needs=shelter&territory=${territory}`);
      assert.equal(response.status, 200);
    }
  };
  await searches(6, place);
  // Searches queue their bed-nights and a timer writes them a moment later: wait for that, without asking.
  const today = latvianToday();
  const written = Date.now();
  const counted = async () =>
    (await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en')).unmetBedNightsByNight.total ?? 0;
  while ((await counted()) < 6 && Date.now() - written < 5_000) await new Promise((wait) => setTimeout(wait, 50));
  assert.equal(await counted(), 6, 'written by the queue’s timer');
  const report = await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en');
  const row = report.unmetBedNightsByMunicipality.rows.find((entry) => entry.code === place);
  assert.equal(row?.count, 6);
  assert.equal(report.unmetBedNightsByNight.rows.find((entry) => entry.code === today)?.count, 6);

  // A free bed there now: searches count nothing more.
  await putCapacity('intake', shelter.id, { available: 2, maximum: 9 });
  await searches(2, place);
  await flushUnmetBedNights(context.db);
  const again = await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en');
  assert.equal(again.unmetBedNightsByMunicipality.rows.find((entry) => entry.code === place)?.count, 6);

  // A decline for lack of a free bed counts too, and a small count is shown as "<5".
  const referral = await sentReferral(otherShelter.id, otherShelter.organization.id);
  const declined = await command('otherIntake', referral, {
    command: 'decline',
    version: referral.version,
    reason_code: 'no_free_bed',
  });
  assert.equal(declined.status, 200, JSON.stringify(declined.json));
  const analyst = await createAccountForTest(context.db, { role: 'analyst' });
  const session = await signInForTest(context.app, context.db, analyst);
  const html = await (
    await getAs(context.app, `/staff/planning/unmet-need?from=${today}&to=${today}&lang=en`, session)
  ).text();
  assert.match(html, /Nights with no free bed by municipality/);
  const final = await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en');
  assert.equal(final.unmetBedNightsByNight.total, 7, 'six searches and one decline');
  // One search in another municipality: a count of 1 there is shown as "<5".
  const elsewhere = (await listMunicipalities(context.db)).find((municipality) => municipality.code !== place)!;
  await searches(1, elsewhere.code);
  await flushUnmetBedNights(context.db);
  const last = await buildUnmetNeedReport(context.db, { from: today, to: today }, 'en');
  assert.equal(last.unmetBedNightsByNight.total, 8);
  assert.equal(last.unmetBedNightsByMunicipality.rows.find((entry) => entry.code === elsewhere.code)?.count, null);
  const page = await (
    await getAs(context.app, `/staff/planning/unmet-need?from=${today}&to=${today}&lang=en`, session)
  ).text();
  assert.match(page, /&lt;5/);
});

test('HSDS service records carry capacities in the shape of HSDS 3.1 service_capacity', async () => {
  await putCapacity('intake', shelter.id, { available: 6, maximum: 9 });
  await context.db.deleteFrom('bed_hold').where('service_id', '=', shelter.id).execute();
  const record = (await (await context.app.request(`/hsds/services/${shelter.id}`)).json()) as Record<string, any>;
  assert.deepEqual(validateHsds('service.json', record), []);
  assert.equal(record.capacities.length, 1);
  const capacity = record.capacities[0];
  assert.equal(capacity.service_id, shelter.id);
  assert.equal(capacity.available, 6);
  assert.equal(capacity.maximum, 9);
  assert.equal(capacity.unit.name, 'Bed');
  assert.ok(Date.now() - Date.parse(capacity.updated) < 60_000);
  const page = (await (await context.app.request('/hsds/services?per_page=50')).json()) as Record<string, any>;
  assert.deepEqual(validateHsdsPage(page, 'service.json'), []);
  assert.ok(page.contents.every((service: { capacities: unknown[] }) => Array.isArray(service.capacities)));
});

test('the duty worker’s page: walk-ins without names, blocked places, bad input 400, another institution 403', async () => {
  await putCapacity('intake', shelter.id, { available: 8, maximum: 9 });
  await context.db.deleteFrom('bed_hold').where('service_id', '=', shelter.id).execute();
  const figure = async () =>
    (await findBedFigures(context.db, [shelter.id], { staleAfterSeconds: 3600 })).get(shelter.id)!;
  const worker = await createAccountForTest(context.db, {
    role: 'provider_worker',
    organizationId: shelter.organization.id,
  });
  const session = await signInForTest(context.app, context.db, worker);
  const post = (fields: Record<string, string>, as = session) =>
    formPost(context.app, `/staff/beds/${shelter.id}?lang=en`, fields, as);

  assert.equal((await post({ action: 'walk_in' })).status, 303);
  assert.equal((await figure()).empty, 7, 'a counted walk-in takes a place');
  assert.equal((await post({ action: 'walk_out' })).status, 303);
  assert.equal((await figure()).empty, 8);
  const tomorrow = addDays(latvianToday(), 1);
  assert.equal((await post({ action: 'block', places: '3', reason: 'repair', until: tomorrow })).status, 303);
  const blocked = await figure();
  assert.equal(blocked.blocked, 3);
  assert.equal(blocked.free, 9 - 3, 'blocked places cap what is free');

  const bad = await post({ action: 'set', available: '-2' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /whole number from 0 to/);
  const tooMany = await post({ action: 'set', available: '10' });
  assert.equal(tooMany.status, 400);

  const stranger = await createAccountForTest(context.db, {
    role: 'provider_worker',
    organizationId: otherShelter.organization.id,
  });
  const strangerSession = await signInForTest(context.app, context.db, stranger);
  assert.equal((await post({ action: 'minus' }, strangerSession)).status, 403);
  const list = await (await getAs(context.app, '/staff/beds?lang=en', strangerSession)).text();
  assert.doesNotMatch(list, new RegExp(`service-${shelter.id}`), 'another institution’s page lists only its own');
  const anonymous = await context.app.request('/staff/beds');
  assert.equal(anonymous.status, 303, 'sign in first');
});
