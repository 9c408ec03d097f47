// The rights a person has (issue 15, item 7): a service's legal basis and a benefit's amount and limits, typed by
// staff, carried by HSDS, shown by the finder and the institution pages in lv, ru and en, and in the demo data.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { AppError } from '../core/errors.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp, openTestDatabase } from '../testing/test-database.js';
import { helpTypeTermId } from './help-types.js';
import { exportHsds } from './hsds-export.js';
import { importHsds } from './hsds-import.js';
import { countRegistryRows } from './hsds-import.repository.js';
import { profileTermId } from './hsds-profile.js';
import { fixtureIds, profileFixture } from './hsds.fixtures.js';
import { validateHsds } from './hsds-validate.js';
import { isLegalTextUrl } from './entitlement.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;
const directories: string[] = [];
const right = {
  legal_basis_act: 'Liepājas pašvaldības saistošie noteikumi Nr. 12 (tests)',
  legal_basis_article: '4. punkts',
  legal_basis_url: 'https://example.org/tests/liepaja-12',
  benefit_amount: '120 EUR',
  benefit_limits: 'vienu reizi gadā',
};

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
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'atlas-rights-'));
  directories.push(directory);
  return directory;
}

test('staff record a service’s legal basis and benefit; a link that is not http(s) is refused', async () => {
  const { app, db } = context;
  const created = await formPost(
    app,
    '/staff/institutions/new',
    { name: 'Liepājas Sociālais dienests', institution_type: 'municipal_social_service' },
    admin,
  );
  assert.equal(created.status, 303);
  const organizationId = new URL(created.headers.get('location')!, 'http://localhost').pathname.split('/')[3]!;
  const place = await formPost(
    app,
    `/staff/institutions/${organizationId}/locations/new`,
    { territory_code: '0005000', address_1: 'Graudu iela 1', city: 'Liepāja', postal_code: 'LV-3401' },
    admin,
  );
  assert.equal(place.status, 303, await place.text());
  const locationId = (
    await db.selectFrom('location').select('id').where('organization_id', '=', organizationId).executeTakeFirstOrThrow()
  ).id;
  const service = {
    name: 'Pabalsts pēc atbrīvošanas',
    status: 'active',
    help_type: [helpTypeTermId('material')],
    residency_rule: 'none',
    eligible_sex: 'any',
    location_id: [locationId],
  };

  for (const [language, url, message] of [
    ['en', 'javascript:alert(1)', /Write a link that starts with https:\/\/ or http:\/\/\./],
    ['lv', 'mailto:dienests@example.lv', /Ierakstiet saiti, kas sākas ar https:\/\/ vai http:\/\/\./],
    ['ru', '/relative/link', /Напишите ссылку, которая начинается с https:\/\/ или http:\/\/\./],
  ] as const) {
    const refused = await formPost(
      app,
      `/staff/institutions/${organizationId}/services/new?lang=${language}`,
      { ...service, ...right, legal_basis_url: url },
      admin,
    );
    assert.equal(refused.status, 400, url);
    const html = await refused.text();
    assert.match(html, message);
    assert.ok(html.includes(right.legal_basis_act), 'what was typed is kept');
  }
  const articleAlone = await formPost(
    app,
    `/staff/institutions/${organizationId}/services/new?lang=en`,
    { ...service, legal_basis_article: '4. punkts' },
    admin,
  );
  assert.equal(articleAlone.status, 400);
  assert.match(await articleAlone.text(), /Write the law or regulation this article belongs to as well\./);

  const saved = await formPost(
    app,
    `/staff/institutions/${organizationId}/services/new`,
    { ...service, ...right },
    admin,
  );
  assert.equal(saved.status, 303);
  const row = await db
    .selectFrom('service')
    .select(['id', 'legal_basis_act', 'legal_basis_article', 'legal_basis_url', 'benefit_amount', 'benefit_limits'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  const { id: serviceId, ...columns } = row;
  assert.deepEqual(columns, right);
  // The change history records the new fields like any other.
  const history = await db
    .selectFrom('metadata')
    .select('field_name')
    .where('resource_id', '=', serviceId)
    .where('field_name', 'in', Object.keys(right))
    .execute();
  assert.equal(new Set(history.map((entry) => entry.field_name)).size, 5);

  const form = await (
    await getAs(app, `/staff/institutions/${organizationId}/services/${serviceId}/edit`, admin)
  ).text();
  for (const value of Object.values(right)) assert.ok(form.includes(value), `the edit form shows ${value}`);
  const staffView = await (await getAs(app, `/staff/institutions/${organizationId}?lang=en`, admin)).text();
  assert.ok(staffView.includes(right.legal_basis_url));

  // The public side: the institution page and the finder's results say it is a right, in each language.
  const phrases = {
    lv: `Tās ir jūsu tiesības saskaņā ar: ${right.legal_basis_act}, ${right.legal_basis_article}.`,
    ru: `Это ваше право по: ${right.legal_basis_act}, ${right.legal_basis_article}.`,
    en: `This is your right under ${right.legal_basis_act}, ${right.legal_basis_article}.`,
  };
  const amounts = { lv: 'Apmērs: 120 EUR.', ru: 'Размер: 120 EUR.', en: 'Amount: 120 EUR.' };
  for (const language of ['lv', 'ru', 'en'] as const) {
    const institution = await (await app.request(`/institutions/${organizationId}?lang=${language}`)).text();
    assert.ok(institution.includes(phrases[language]), `institution page, ${language}`);
    assert.ok(institution.includes(amounts[language]));
    assert.ok(institution.includes(`href="${right.legal_basis_url}"`));
  }
  // The finder's index follows the registry within a second or so (decision 005).
  let results = '';
  for (let attempt = 0; attempt < 50 && !results.includes(phrases.ru); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    results = await (await app.request('/find?needs=material&territory=0005000&lang=ru')).text();
  }
  assert.ok(results.includes(phrases.ru), 'the finder’s results say it is a right');
  assert.ok(results.includes('Условия: vienu reizi gadā.'));
  const api = (await (
    await app.request('/api/v1/finder/services?needs=material&territory=0005000&lang=en')
  ).json()) as {
    eligible: Array<{ id: string; right: Record<string, string | null> | null }>;
  };
  const listed = api.eligible.find((result) => result.id === serviceId);
  assert.ok(listed, 'the finder API lists the service');
  assert.deepEqual(listed.right, {
    text: `${phrases.en} Amount: 120 EUR. Limits: vienu reizi gadā.`,
    law: right.legal_basis_act,
    article: right.legal_basis_article,
    url: right.legal_basis_url,
    amount: right.benefit_amount,
    limits: right.benefit_limits,
  });
});

test('HSDS carries the right as profile attributes, both ways; a javascript: link is refused', async () => {
  const database = await openTestDatabase();
  try {
    const { db } = database;
    const fixture = profileFixture();
    const organization = fixture[0]!;
    const shelter = (organization.services as Array<Record<string, unknown>>).find(
      (service) => service.id === fixtureIds.shelter,
    )!;
    const rightAttributes = Object.entries(right).map(([code, value], index) => ({
      id: `aaaaaaaa-0000-4000-8000-0000000000${String(index + 10)}`,
      taxonomy_term_id: profileTermId(code as keyof typeof right),
      value,
    }));
    shelter.attributes = [...((shelter.attributes as unknown[]) ?? []), ...rightAttributes];
    const directory = temporaryDirectory();
    writeFileSync(join(directory, 'registry.json'), JSON.stringify(fixture));
    await importHsds(db, join(directory, 'registry.json')).catch((caught: unknown) => {
      throw new Error(JSON.stringify((caught as AppError).details));
    });
    const row = await db
      .selectFrom('service')
      .select(['legal_basis_act', 'legal_basis_article', 'legal_basis_url', 'benefit_amount', 'benefit_limits'])
      .where('id', '=', fixtureIds.shelter)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, right);
    // Profile attributes become columns, not attribute rows.
    const kept = await db
      .selectFrom('attribute')
      .select('id')
      .where(
        'taxonomy_term_id',
        'in',
        Object.keys(right).map((code) => profileTermId(code as keyof typeof right)),
      )
      .execute();
    assert.equal(kept.length, 0);

    const out = temporaryDirectory();
    await exportHsds(db, out);
    const services = JSON.parse(readFileSync(join(out, 'services.json'), 'utf8')) as Array<Record<string, unknown>>;
    const exported = services.find((service) => service.id === fixtureIds.shelter)!;
    assert.deepEqual(validateHsds('service.json', exported), []);
    const attributes = exported.attributes as Array<{ value: string; taxonomy_term: { code: string } }>;
    for (const [code, value] of Object.entries(right))
      assert.ok(
        attributes.some((attribute) => attribute.taxonomy_term.code === code && attribute.value === value),
        `the export carries ${code}`,
      );
    // A service without a right exports no such attribute.
    const other = services.find((service) => service.id === fixtureIds.legalAdvice)!;
    assert.ok(
      !(other.attributes as Array<{ taxonomy_term: { code: string } }>).some((attribute) =>
        attribute.taxonomy_term.code.startsWith('legal_basis'),
      ),
    );

    // A javascript: link to the law is refused with the profile's message, and nothing changes.
    const bad = profileFixture();
    const badShelter = (bad[0]!.services as Array<Record<string, unknown>>).find(
      (service) => service.id === fixtureIds.shelter,
    )!;
    badShelter.attributes = [
      ...((badShelter.attributes as unknown[]) ?? []),
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000099',
        taxonomy_term_id: profileTermId('legal_basis_url'),
        value: 'javascript:alert(1)',
      },
    ];
    writeFileSync(join(directory, 'bad.json'), JSON.stringify(bad));
    const before = await countRegistryRows(db);
    const error = await importHsds(db, join(directory, 'bad.json')).then(
      () => assert.fail('the import should be rejected'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AppError);
    assert.match(JSON.stringify(error.details), /an http:\/\/ or https:\/\/ link/);
    assert.deepEqual(await countRegistryRows(db), before);
  } finally {
    await database.close();
  }
});

test('the demo data has invented rights, each marked as demonstration data, with links on example.org', async () => {
  const database = await openTestDatabase();
  try {
    const { db } = database;
    await loadDemoData(db);
    const rows = await db
      .selectFrom('service')
      .innerJoin('organization', 'organization.id', 'service.organization_id')
      .select(['service.legal_basis_act', 'service.legal_basis_url', 'service.benefit_amount', 'organization.is_demo'])
      .where('service.legal_basis_act', 'is not', null)
      .execute();
    assert.ok(rows.length >= 20, `${rows.length} demo services name a right`);
    for (const row of rows) {
      assert.equal(row.is_demo, true);
      assert.match(row.legal_basis_act!, /^Demo: .*\((izdomāts piemērs|izdomāta atsauce)\)$/);
      assert.ok(row.legal_basis_url!.startsWith('https://example.org/demo/') && isLegalTextUrl(row.legal_basis_url!));
    }
    assert.ok(rows.some((row) => row.benefit_amount !== null));
  } finally {
    await database.close();
  }
});

test('only absolute http and https links count as links to a legal text', () => {
  for (const good of ['https://likumi.lv/ta/id/68488', 'http://example.org/a?b=c'])
    assert.equal(isLegalTextUrl(good), true, good);
  for (const bad of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'mailto:a@b.lv',
    '/x',
    ' https://a.lv',
    'https://',
  ])
    assert.equal(isLegalTextUrl(bad), false, bad);
});
