import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { createTestApp } from '../testing/test-database.js';
import { helpTypeTermId } from './help-types.js';
import { selectRegistryRevision } from './registry.repository.js';
import { getInstitutionWithServices, helpTypeIdsForCodes } from './institution-read.service.js';
import { createContact, createInstitution, createLocation, createService } from './institution-write.service.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;
let analyst: TestSession;
let editor: TestSession;
let editorOrganizationId: string;
let other: { organizationId: string; serviceId: string; locationId: string; contactId: string };

const system = { updatedBy: 'system:test' };

before(async () => {
  context = await createTestApp();
  const { db, app } = context;
  admin = await signInForTest(app, db, await createAccountForTest(db, { role: 'administrator' }));
  analyst = await signInForTest(app, db, await createAccountForTest(db, { role: 'analyst' }));
  const editorAccount = await createAccountForTest(db, { role: 'institution_editor' });
  editorOrganizationId = editorAccount.organizationId!;
  editor = await signInForTest(app, db, editorAccount);
  other = await db.transaction().execute(async (trx) => {
    const organizationId = await createInstitution(
      trx,
      {
        name: 'Citas pilsētas sociālais dienests',
        alternateName: null,
        description: '',
        type: 'municipal_social_service',
        email: null,
        website: null,
        lastVerifiedOn: null,
        phones: [],
      },
      system,
    );
    const locationId = await createLocation(
      trx,
      organizationId,
      {
        name: null,
        description: null,
        transportation: null,
        latitude: null,
        longitude: null,
        territoryCode: '0005000',
        address: { address1: 'Graudu iela 1', address2: null, city: 'Liepāja', postalCode: 'LV-3401' },
        phones: [],
      },
      system,
    );
    const serviceId = await createService(
      trx,
      organizationId,
      {
        name: 'Pabalsts',
        alternateName: null,
        description: null,
        status: 'active',
        url: null,
        email: null,
        helpTypeIds: helpTypeIdsForCodes(['material']),
        eligibility: {
          residencyRule: 'none',
          residencyTerritoryCodes: [],
          sex: 'any',
          minimumAge: null,
          maximumAge: null,
          description: null,
        },
        capacityBeds: null,
        isStatewide: false,
        serviceAreaCodes: [],
        openingHours: [],
        languages: [],
        requiredDocuments: [],
        applicationProcess: null,
        feesDescription: null,
        phones: [],
        locationIds: [],
        lastVerifiedOn: null,
      },
      system,
    );
    const contactId = await createContact(
      trx,
      organizationId,
      { name: 'Dežurants', title: null, department: null, email: null, serviceId: null, phones: [] },
      system,
    );
    return { organizationId, serviceId, locationId, contactId };
  });
});
after(async () => {
  await context.close();
});

/** Row counts of every registry table a staff form writes, and the revision: "the database is unchanged". */
async function registrySnapshot() {
  const db = context.db;
  const count = async (
    table:
      'organization' | 'service' | 'location' | 'address' | 'contact' | 'phone' | 'schedule' | 'attribute' | 'metadata',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );
  const names = await db.selectFrom('organization').select(['id', 'name', 'email']).orderBy('id').execute();
  return {
    organization: await count('organization'),
    service: await count('service'),
    location: await count('location'),
    address: await count('address'),
    contact: await count('contact'),
    phone: await count('phone'),
    schedule: await count('schedule'),
    attribute: await count('attribute'),
    metadata: await count('metadata'),
    revision: await selectRegistryRevision(db),
    names,
  };
}

const validInstitution = {
  name: 'Uzlauzēju biedrība',
  institution_type: 'ngo',
  description: 'x',
  email: 'a@example.lv',
};
const validService = {
  name: 'Ielauzts pakalpojums',
  status: 'active',
  help_type: [helpTypeTermId('legal')],
  residency_rule: 'none',
  eligible_sex: 'any',
};
const validLocation = { address_1: 'Iela 1', city: 'Rīga', postal_code: 'LV-1001', territory_code: '0001000' };
const validContact = { name: 'Kāds', email: 'k@example.lv' };

/** Every staff form that changes something, aimed at `other`'s institution. */
function everyStaffPost(organizationId: string) {
  const base = `/staff/institutions/${organizationId}`;
  return [
    { path: '/staff/institutions/new', fields: validInstitution },
    { path: `${base}/edit`, fields: validInstitution },
    { path: `${base}/services/new`, fields: validService },
    { path: `${base}/services/${other.serviceId}/edit`, fields: validService },
    { path: `${base}/locations/new`, fields: validLocation },
    { path: `${base}/locations/${other.locationId}/edit`, fields: validLocation },
    { path: `${base}/locations/${other.locationId}/delete`, fields: {} },
    { path: `${base}/contacts/new`, fields: validContact },
    { path: `${base}/contacts/${other.contactId}/edit`, fields: validContact },
    { path: `${base}/contacts/${other.contactId}/delete`, fields: {} },
  ];
}

test('anonymous visitors are sent to the login page and cannot change anything', async () => {
  const page = await getAs(context.app, '/staff/institutions');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=%2Fstaff%2Finstitutions');
  const before = await registrySnapshot();
  for (const { path, fields } of everyStaffPost(other.organizationId)) {
    const response = await formPost(context.app, path, fields);
    assert.ok(response.status === 401 || response.status === 403, `${path}: ${response.status}`);
  }
  // Even with a valid CSRF token of an anonymous visitor, the registry refuses (401).
  const { anonymousVisitorForTest } = await import('../accounts/testing.js');
  const visitor = await anonymousVisitorForTest(context.db);
  for (const { path, fields } of everyStaffPost(other.organizationId)) {
    const response = await formPost(context.app, path, fields, visitor);
    assert.equal(response.status, 401, path);
  }
  assert.deepEqual(await registrySnapshot(), before);
});

test('an institution editor cannot change another institution, nor create one', async () => {
  const before = await registrySnapshot();
  for (const { path, fields } of everyStaffPost(other.organizationId)) {
    const response = await formPost(context.app, path, fields, editor);
    assert.equal(response.status, 403, path);
  }
  for (const path of [
    `/staff/institutions/${other.organizationId}/edit`,
    `/staff/institutions/${other.organizationId}/services/new`,
    '/staff/institutions/new',
  ]) {
    assert.equal((await getAs(context.app, path, editor)).status, 403, path);
  }
  // Reaching another institution's service through one's own institution's address does not work either.
  const sneaky = await formPost(
    context.app,
    `/staff/institutions/${editorOrganizationId}/services/${other.serviceId}/edit`,
    validService,
    editor,
  );
  assert.equal(sneaky.status, 404);
  const sneakyContact = await formPost(
    context.app,
    `/staff/institutions/${editorOrganizationId}/contacts/${other.contactId}/delete`,
    {},
    editor,
  );
  assert.equal(sneakyContact.status, 404);
  assert.deepEqual(await registrySnapshot(), before);
});

test('an analyst reads the registry but cannot change it', async () => {
  assert.equal((await getAs(context.app, '/staff/institutions', analyst)).status, 200);
  const view = await getAs(context.app, `/staff/institutions/${other.organizationId}?lang=en`, analyst);
  assert.equal(view.status, 200);
  assert.doesNotMatch(await view.text(), /Edit the institution/);
  const before = await registrySnapshot();
  for (const { path, fields } of everyStaffPost(other.organizationId)) {
    assert.equal((await formPost(context.app, path, fields, analyst)).status, 403, path);
  }
  assert.deepEqual(await registrySnapshot(), before);
});

test('a form post without a valid CSRF token is refused and changes nothing', async () => {
  const before = await registrySnapshot();
  const withoutToken = await formPost(
    context.app,
    '/staff/institutions/new',
    { ...validInstitution, _csrf: '' },
    admin,
  );
  assert.equal(withoutToken.status, 403);
  const forged = await formPost(
    context.app,
    `/staff/institutions/${other.organizationId}/edit`,
    { ...validInstitution, _csrf: 'f'.repeat(64) },
    admin,
  );
  assert.equal(forged.status, 403);
  // Another signed-in session's token does not fit this session.
  const borrowed = await formPost(
    context.app,
    `/staff/institutions/${other.organizationId}/edit`,
    { ...validInstitution, _csrf: analyst.csrfToken },
    admin,
  );
  assert.equal(borrowed.status, 403);
  assert.deepEqual(await registrySnapshot(), before);
});

test('an institution editor edits their own institution; the change history names their account', async () => {
  const response = await formPost(
    context.app,
    `/staff/institutions/${editorOrganizationId}/edit`,
    {
      name: 'Mūsu biedrība',
      institution_type: 'ngo',
      description: 'Palīdzam.',
      phone_number: ['+371 20000000', ''],
      phone_description: ['', ''],
    },
    editor,
  );
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), `/staff/institutions/${editorOrganizationId}?saved=1`);
  const institution = await getInstitutionWithServices(context.db, editorOrganizationId, 'lv');
  assert.equal(institution.name, 'Mūsu biedrība');
  assert.deepEqual(
    institution.phones.map((phone) => phone.number),
    ['+371 20000000'],
  );
  // The test set-up created the institution through the registry too (history by 'system:test'): read the update.
  const nameChange = await context.db
    .selectFrom('metadata')
    .select('updated_by')
    .where('resource_id', '=', editorOrganizationId)
    .where('field_name', '=', 'name')
    .where('last_action_type', '=', 'update')
    .executeTakeFirstOrThrow();
  const accountId = nameChange.updated_by;
  assert.match(accountId, /^[0-9a-f-]{36}$/, 'an account id, never a name');
  const audit = await context.db
    .selectFrom('audit_event')
    .select(['action', 'account_id', 'details'])
    .where('entity_id', '=', editorOrganizationId)
    .where('action', '=', 'registry.organization.update')
    .executeTakeFirstOrThrow();
  assert.equal(audit.account_id, accountId);
  assert.deepEqual((audit.details as { fields: string[] }).fields.sort(), [
    'description',
    'institution_type',
    'name',
    'phones',
  ]);
  assert.doesNotMatch(
    JSON.stringify(audit.details),
    /Mūsu biedrība|20000000/,
    'the audit trail holds field names, not values',
  );
});

test('an administrator adds an institution with a place, a service and a contact through the forms', async () => {
  const { app, db } = context;
  const created = await formPost(
    app,
    '/staff/institutions/new',
    {
      name: 'Valmieras atbalsta centrs',
      institution_type: 'ngo',
      description: 'Atbalsts pēc atbrīvošanas.',
      website: 'www.example.lv',
      last_verified_on: '2026-11-20',
    },
    admin,
  );
  assert.equal(created.status, 303);
  const id = /\/staff\/institutions\/([0-9a-f-]{36})\?saved=1$/.exec(created.headers.get('location') ?? '')?.[1];
  assert.ok(id, created.headers.get('location') ?? 'no location');

  const place = await formPost(
    app,
    `/staff/institutions/${id}/locations/new`,
    {
      address_1: 'Rīgas iela 10',
      city: 'Valmiera',
      postal_code: '4201',
      territory_code: '0054010',
      latitude: '57.54',
      longitude: '25.42',
    },
    admin,
  );
  assert.equal(place.status, 303);
  const locationId = (
    await db.selectFrom('location').select('id').where('organization_id', '=', id).executeTakeFirstOrThrow()
  ).id;

  const service = await formPost(
    app,
    `/staff/institutions/${id}/services/new`,
    {
      name: 'Naktsmājas vīriešiem',
      status: 'active',
      help_type: [helpTypeTermId('shelter'), helpTypeIdsForCodes(['shelter.night_shelter'])[0]!],
      residency_rule: 'last_declared_residence',
      residency_territory: ['0054000'],
      eligible_sex: 'male',
      minimum_age: '18',
      maximum_age: '',
      capacity_beds: '20',
      hours_MO_opens: '18:00',
      hours_MO_closes: '24:00',
      hours_TU_opens: '18.00',
      hours_TU_closes: '24:00',
      hours_SU_opens: '19:00',
      hours_SU_closes: '8:00',
      language: ['lv', 'ru'],
      required_documents: 'Pase vai ID karte\nIzziņa par atbrīvošanu\n',
      location_id: [locationId],
      phone_number: ['+371 64200000', ''],
      phone_description: ['dežurants', ''],
    },
    admin,
  );
  assert.equal(service.status, 303);
  const contact = await formPost(
    app,
    `/staff/institutions/${id}/contacts/new`,
    { name: 'Anna Paraugs', title: 'Sociālā darbiniece', email: 'anna@example.lv', phone_number: ['+371 20000001'] },
    admin,
  );
  assert.equal(contact.status, 303);

  const institution = await getInstitutionWithServices(db, id, 'lv');
  assert.equal(institution.website, 'https://www.example.lv');
  assert.equal(institution.locations[0]?.address?.postalCode, 'LV-4201');
  assert.equal(institution.locations[0]?.address?.stateProvince, 'Valmieras novads');
  const saved = institution.services[0]!;
  assert.deepEqual(
    saved.helpTypes.map((type) => type.code),
    ['shelter', 'shelter.night_shelter'],
  );
  assert.deepEqual(
    saved.eligibility.residencyTerritories.map((territory) => territory.code),
    ['0054000'],
  );
  assert.equal(saved.eligibility.sex, 'male');
  assert.equal(saved.eligibility.minimumAge, 18);
  assert.equal(saved.capacityBeds, 20);
  assert.deepEqual(saved.openingHours, [
    { days: ['MO', 'TU'], opensAt: '18:00', closesAt: '24:00', description: null },
    { days: ['SU'], opensAt: '19:00', closesAt: '08:00', description: null },
  ]);
  assert.deepEqual(saved.requiredDocuments, ['Pase vai ID karte', 'Izziņa par atbrīvošanu']);
  assert.deepEqual(saved.locationIds, [locationId]);
  assert.equal(saved.phones[0]?.description, 'dežurants');
  assert.equal(institution.contacts[0]?.name, 'Anna Paraugs');

  const page = await getAs(app, `/staff/institutions/${id}?lang=en`, admin);
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /Naktsmājas vīriešiem/);
  assert.match(html, /20 beds/);
  assert.match(html, /Only people whose last declared residence was in: Valmieras novads/);
  assert.match(html, /Recent changes/);

  // The edit form starts from what was saved.
  const form = await (await getAs(app, `/staff/institutions/${id}/services/${saved.id}/edit`, admin)).text();
  assert.match(form, /name="hours_MO_opens"[^>]*value="18:00"/);
  assert.match(form, /value="0054000" checked/);
});

test('a form with errors answers 400 with translated field errors and keeps what was typed', async () => {
  const before = await registrySnapshot();
  const english = await formPost(
    context.app,
    '/staff/institutions/new?lang=en',
    {
      name: '  ',
      institution_type: 'ngo',
      description: 'Kept description',
      email: 'not-an-email',
      phone_number: ['12ab'],
    },
    admin,
  );
  assert.equal(english.status, 400);
  const html = await english.text();
  assert.match(html, /Please fill in this field\./);
  assert.match(html, /Write the email as name@example\.lv\./);
  assert.match(html, /Write the phone number in digits only/);
  assert.match(html, /3 fields need correcting/);
  assert.match(html, /value="not-an-email"/);
  assert.match(html, /Kept description/);
  assert.match(html, /value="12ab"/);
  assert.match(html, /<option value="ngo" selected/);

  const latvian = await formPost(
    context.app,
    `/staff/institutions/${other.organizationId}/services/new`,
    {
      name: 'Palīdzība',
      status: 'active',
      residency_rule: 'last_declared_residence',
      eligible_sex: 'any',
      hours_WE_opens: '17:00',
      hours_WE_closes: '17.00',
      minimum_age: '30',
      maximum_age: '20',
    },
    admin,
  );
  assert.equal(latvian.status, 400);
  const latvianHtml = await latvian.text();
  assert.match(latvianHtml, /Atzīmējiet vismaz vienu palīdzības veidu\./);
  assert.match(latvianHtml, /Atzīmējiet pašvaldību, kurā jābūt bijušai deklarētajai dzīvesvietai\./);
  assert.match(latvianHtml, /Sākuma un beigu laiks nevar būt vienāds\./);
  assert.match(latvianHtml, /&quot;Vecums līdz&quot; nevar būt mazāks par &quot;Vecums no&quot;\./);
  assert.match(latvianHtml, /href="#field-help_types"/);
  assert.match(latvianHtml, /id="field-help_types"/);
  assert.match(latvianHtml, /Jāizlabo 4 lauki/);
  assert.match(latvianHtml, /name="hours_WE_opens"[^>]*value="17:00"/);

  const russian = await formPost(
    context.app,
    `/staff/institutions/${other.organizationId}/locations/new`,
    { address_1: 'Iela 2', city: '', postal_code: '12', territory_code: '' },
    { ...admin, cookie: `${admin.cookie}; lang=ru` },
  );
  assert.equal(russian.status, 400);
  const russianHtml = await russian.text();
  assert.match(russianHtml, /Выберите самоуправление, город или волость\./);
  assert.match(russianHtml, /Напишите почтовый индекс как LV-1234\./);
  assert.match(russianHtml, /value="Iela 2"/);
  assert.deepEqual(await registrySnapshot(), before);
});

test('a website or service link with a javascript: (or other unsafe) scheme is refused with its own message', async () => {
  const before = await registrySnapshot();
  for (const [language, website, message] of [
    [
      'en',
      'javascript:alert(1)',
      /This link cannot be saved: only http:, https:, mailto: and tel: addresses are allowed\./,
    ],
    ['lv', 'JavaScript:alert(document.cookie)', /Šādu saiti nevar saglabāt/],
    ['ru', 'data:text/html,x', /Такую ссылку сохранить нельзя/],
  ] as const) {
    const response = await formPost(
      context.app,
      `/staff/institutions/new?lang=${language}`,
      { name: 'Saites pārbaude', institution_type: 'ngo', website },
      admin,
    );
    assert.equal(response.status, 400, website);
    assert.match(await response.text(), message);
  }
  const service = await formPost(
    context.app,
    `/staff/institutions/${other.organizationId}/services/new?lang=en`,
    { name: 'Palīdzība', status: 'active', url: 'javascript:alert(1)' },
    admin,
  );
  assert.equal(service.status, 400);
  assert.match(await service.text(), /This link cannot be saved/);
  assert.deepEqual(await registrySnapshot(), before);
});

test('demo institutions carry the demonstration badge on staff pages', async () => {
  const response = await getAs(context.app, `/staff/institutions?lang=en`, admin);
  const html = await response.text();
  // The editor's test institution is marked is_demo by the accounts test helper.
  assert.match(html, /<span class="badge demo"[^>]*>Demonstration data<\/span>/);
});
