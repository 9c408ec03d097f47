import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { openTestDatabase } from '../testing/test-database.js';
import { allHelpTypeTerms, helpTypeCodes, helpTypes, helpTypeTaxonomy } from './help-types.js';
import { selectRegistryRevision } from './registry.repository.js';
import type { InstitutionInput, ServiceInput } from './institution.model.js';
import {
  getInstitutionWithServices,
  helpTypeIdsForCodes,
  listChanges,
  listHelpTypes,
  searchInstitutions,
} from './institution-read.service.js';
import { serviceToInput } from './institution-form.js';
import {
  createContact,
  createInstitution,
  createLocation,
  createService,
  updateInstitution,
  updateLocation,
  updateService,
} from './institution-write.service.js';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

const editor = { updatedBy: '11111111-1111-4111-8111-111111111111' };

const institution = (name: string, overrides: Partial<InstitutionInput> = {}): InstitutionInput => ({
  name,
  alternateName: null,
  description: 'Palīdz pēc atbrīvošanas.',
  type: 'municipal_social_service',
  email: null,
  website: null,
  lastVerifiedOn: '2026-11-01',
  phones: [{ number: '+371 60000001', description: null }],
  ...overrides,
});

const shelterService = (overrides: Partial<ServiceInput> = {}): ServiceInput => ({
  name: 'Naktsmājas',
  alternateName: null,
  description: 'Gulta šai naktij.',
  status: 'active',
  url: null,
  email: null,
  helpTypeIds: helpTypeIdsForCodes(['shelter.night_shelter']),
  eligibility: {
    residencyRule: 'last_declared_residence',
    residencyTerritoryCodes: ['0006000'],
    sex: 'male',
    minimumAge: 18,
    maximumAge: null,
    description: null,
  },
  capacityBeds: 30,
  isStatewide: false,
  serviceAreaCodes: ['0006000'],
  openingHours: [
    { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opensAt: '00:00', closesAt: '24:00', description: null },
  ],
  languages: ['lv', 'ru'],
  requiredDocuments: ['Pase vai ID karte'],
  applicationProcess: null,
  feesDescription: 'Bez maksas',
  phones: [],
  locationIds: [],
  lastVerifiedOn: null,
  ...overrides,
});

test('the help-type taxonomy has the 11 questionnaire help types with lv/ru/en names and finer terms', async () => {
  const db = database.db;
  const taxonomy = await db
    .selectFrom('taxonomy')
    .selectAll()
    .where('id', '=', helpTypeTaxonomy.id)
    .executeTakeFirstOrThrow();
  assert.equal(taxonomy.name, 'Reentry Atlas help types');
  const top = await db
    .selectFrom('taxonomy_term')
    .select(['code', 'name', 'language'])
    .where('taxonomy_id', '=', helpTypeTaxonomy.id)
    .where('parent_id', 'is', null)
    .execute();
  assert.deepEqual(top.map((term) => term.code).sort(), [...helpTypeCodes].sort());
  assert.ok(top.every((term) => term.language === 'lv'));
  const finerCount = await db
    .selectFrom('taxonomy_term')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('taxonomy_id', '=', helpTypeTaxonomy.id)
    .where('parent_id', 'is not', null)
    .executeTakeFirstOrThrow();
  assert.ok(Number(finerCount.count) >= helpTypeCodes.length * 3, 'at least three finer terms per help type');
  for (const language of ['lv', 'ru', 'en'] as const) {
    const options = await listHelpTypes(db, language);
    assert.equal(options.length, 11);
    const shelter = options.find((option) => option.code === 'shelter')!;
    assert.equal(
      shelter.finer.find((term) => term.code === 'shelter.night_shelter')?.name,
      { lv: 'Naktsmājas', ru: 'Ночлежный дом', en: 'A place to sleep tonight' }[language],
    );
    assert.ok(options.every((option) => option.description.length > 0));
  }
  const translations = await db
    .selectFrom('taxonomy_term_translation')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'taxonomy_term_translation.taxonomy_term_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('taxonomy_term.taxonomy_id', '=', helpTypeTaxonomy.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(translations.count), allHelpTypeTerms().length * 3);
  // Fixed ids: the same on every installation.
  assert.equal(helpTypes[0]!.id, '7a1a5000-2004-4e00-8000-000000000100');
});

test('creating an institution bumps the registry revision and records one metadata row per field', async () => {
  const db = database.db;
  const revisionBefore = await selectRegistryRevision(db);
  const id = await db
    .transaction()
    .execute((trx) => createInstitution(trx, institution('Rēzeknes sociālais dienests'), editor));
  assert.equal(await selectRegistryRevision(db), revisionBefore + 1);
  const changes = await listChanges(db, [id]);
  assert.ok(
    changes.every(
      (change) =>
        change.action === 'create' && change.updatedBy === editor.updatedBy && change.resourceType === 'organization',
    ),
  );
  assert.deepEqual(changes.map((change) => change.field).sort(), [
    'description',
    'institution_type',
    'last_verified_on',
    'name',
    'phones',
  ]);
  assert.equal(changes.find((change) => change.field === 'name')?.newValue, 'Rēzeknes sociālais dienests');
  assert.match(changes[0]!.date, /^\d{4}-\d{2}-\d{2}T/);
});

test('updating records only the fields that changed, with old and new values; an unchanged save writes nothing', async () => {
  const db = database.db;
  const id = await db
    .transaction()
    .execute((trx) => createInstitution(trx, institution('Daugavpils patversme', { type: 'municipal_other' }), editor));
  const revision = await selectRegistryRevision(db);
  await db
    .transaction()
    .execute((trx) =>
      updateInstitution(
        trx,
        id,
        institution('Daugavpils patversme', { type: 'municipal_other', email: 'info@example.lv' }),
        editor,
      ),
    );
  assert.equal(await selectRegistryRevision(db), revision + 1);
  const updates = (await listChanges(db, [id])).filter((change) => change.action === 'update');
  assert.deepEqual(
    updates.map(({ field, previousValue, newValue }) => ({ field, previousValue, newValue })),
    [{ field: 'email', previousValue: '', newValue: 'info@example.lv' }],
  );
  await db
    .transaction()
    .execute((trx) =>
      updateInstitution(
        trx,
        id,
        institution('Daugavpils patversme', { type: 'municipal_other', email: 'info@example.lv' }),
        editor,
      ),
    );
  assert.equal(await selectRegistryRevision(db), revision + 1, 'nothing changed, nothing bumped');
  assert.equal((await listChanges(db, [id])).filter((change) => change.action === 'update').length, 1);
});

test('a service keeps help types, eligibility, capacity, hours, languages, documents, areas and places', async () => {
  const db = database.db;
  const id = await db.transaction().execute((trx) => createInstitution(trx, institution('Rēzeknes patversme'), editor));
  const locationId = await db.transaction().execute((trx) =>
    createLocation(
      trx,
      id,
      {
        name: 'Patversme',
        description: null,
        transportation: null,
        latitude: 56.51,
        longitude: 27.33,
        territoryCode: '0006000',
        address: { address1: 'Atbrīvošanas aleja 1', address2: null, city: 'Rēzekne', postalCode: 'LV-4601' },
        phones: [],
      },
      editor,
    ),
  );
  const serviceId = await db
    .transaction()
    .execute((trx) => createService(trx, id, shelterService({ locationIds: [locationId] }), editor));
  await db.transaction().execute((trx) =>
    createContact(
      trx,
      id,
      {
        name: null,
        title: null,
        department: 'Dežurants',
        email: null,
        serviceId,
        phones: [{ number: '+371 60000002', description: 'naktī' }],
      },
      editor,
    ),
  );

  const loaded = await getInstitutionWithServices(db, id, 'en');
  assert.equal(loaded.locations[0]?.address?.stateProvince, 'Rēzekne');
  assert.equal(loaded.locations[0]?.territoryName, 'Rēzekne');
  const service = loaded.services[0]!;
  assert.equal(service.id, serviceId);
  assert.deepEqual(
    service.helpTypes.map((type) => [type.code, type.name]),
    [['shelter.night_shelter', 'A place to sleep tonight']],
  );
  assert.deepEqual(service.eligibility, {
    residencyRule: 'last_declared_residence',
    residencyTerritories: [{ code: '0006000', name: 'Rēzekne' }],
    sex: 'male',
    minimumAge: 18,
    maximumAge: null,
    description: null,
  });
  assert.equal(service.capacityBeds, 30);
  assert.deepEqual(service.openingHours, [
    { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opensAt: '00:00', closesAt: '24:00', description: null },
  ]);
  assert.deepEqual(service.languages.sort(), ['lv', 'ru']);
  assert.deepEqual(service.requiredDocuments, ['Pase vai ID karte']);
  assert.deepEqual(service.serviceAreas, [{ code: '0006000', name: 'Rēzekne' }]);
  assert.deepEqual(service.locationIds, [locationId]);
  assert.equal(service.contacts[0]?.phones[0]?.number, '+371 60000002');
  assert.equal(loaded.contacts.length, 0, 'a service contact is not also an institution contact');

  // Changing hours and help types: the parts are replaced, the history says what changed.
  const input = serviceToInput(service);
  await db.transaction().execute((trx) =>
    updateService(
      trx,
      serviceId,
      {
        ...input,
        helpTypeIds: helpTypeIdsForCodes(['shelter', 'material.food']),
        openingHours: [{ days: ['MO', 'TU'], opensAt: '18:00', closesAt: '24:00', description: null }],
      },
      editor,
    ),
  );
  const updated = (await getInstitutionWithServices(db, id, 'lv')).services[0]!;
  assert.deepEqual(
    updated.helpTypes.map((type) => type.code),
    ['material.food', 'shelter'],
  );
  assert.deepEqual(updated.openingHours, [
    { days: ['MO', 'TU'], opensAt: '18:00', closesAt: '24:00', description: null },
  ]);
  const updates = (await listChanges(db, [serviceId])).filter((change) => change.action === 'update');
  assert.deepEqual(updates.map((change) => change.field).sort(), ['help_types', 'schedules']);
  assert.equal(updates.find((change) => change.field === 'help_types')?.previousValue, 'shelter.night_shelter');
});

test('moving a location records location and address changes', async () => {
  const db = database.db;
  const id = await db
    .transaction()
    .execute((trx) => createInstitution(trx, institution('Jelgavas biedrība', { type: 'ngo' }), editor));
  const place = {
    name: null,
    description: null,
    transportation: null,
    latitude: null,
    longitude: null,
    territoryCode: '0003000',
    address: { address1: 'Lielā iela 1', address2: null, city: 'Jelgava', postalCode: 'LV-3001' },
    phones: [],
  };
  const locationId = await db.transaction().execute((trx) => createLocation(trx, id, place, editor));
  await db
    .transaction()
    .execute((trx) =>
      updateLocation(
        trx,
        id,
        locationId,
        { ...place, territoryCode: '0030440', address: { ...place.address, city: 'Kalnciems' } },
        editor,
      ),
    );
  const loaded = await getInstitutionWithServices(db, id, 'lv');
  assert.equal(loaded.locations[0]?.territoryCode, '0030440');
  assert.equal(loaded.locations[0]?.municipalityCode, '0030000');
  assert.equal(loaded.locations[0]?.address?.stateProvince, 'Jelgavas novads');
  const updates = (await listChanges(db, [locationId, loaded.locations[0]!.address!.id])).filter(
    (change) => change.action === 'update',
  );
  assert.deepEqual(updates.map((change) => `${change.resourceType}.${change.field}`).sort(), [
    'address.city',
    'address.state_province',
    'location.territory_code',
  ]);
});

test('search ignores case and diacritics and filters by type, municipality and help type', async () => {
  const db = database.db;
  const rezekne = await db
    .transaction()
    .execute((trx) =>
      createInstitution(trx, institution('Ļoti Īpašā Rēzeknes Žēlsirdības Māja', { type: 'religious' }), editor),
    );
  await db.transaction().execute((trx) =>
    createLocation(
      trx,
      rezekne,
      {
        name: null,
        description: null,
        transportation: null,
        latitude: null,
        longitude: null,
        territoryCode: '0006000',
        address: { address1: 'Dārza iela 2', address2: null, city: 'Rēzekne', postalCode: 'LV-4601' },
        phones: [],
      },
      editor,
    ),
  );
  await db
    .transaction()
    .execute((trx) =>
      createService(trx, rezekne, shelterService({ helpTypeIds: helpTypeIdsForCodes(['material.food']) }), editor),
    );

  for (const query of ['loti ipasa rezeknes', 'ĻOTI ĪPAŠĀ', 'zelsirdibas maja', 'Žēlsirdības']) {
    const found = await searchInstitutions(db, { query });
    assert.deepEqual(
      found.items.map((item) => item.id),
      [rezekne],
      query,
    );
  }
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', type: 'ngo' })).total, 0);
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', type: 'religious' })).total, 1);
  // Help type: a service tagged with a finer term (food) counts for its top help type (material).
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', helpTypeCode: 'material' })).total, 1);
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', helpTypeCode: 'legal' })).total, 0);
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', territoryCode: '0006000' })).total, 1);
  assert.equal((await searchInstitutions(db, { query: 'zelsirdibas', territoryCode: '0001000' })).total, 0);
  const found = await searchInstitutions(db, { query: 'zelsirdibas' });
  assert.deepEqual(found.items[0]?.municipalities, [{ code: '0006000', name: 'Rēzekne' }]);
  assert.equal(found.items[0]?.serviceCount, 1);
});

test('paging returns each institution once, in name order', async () => {
  const db = database.db;
  await db.transaction().execute(async (trx) => {
    for (let index = 0; index < 7; index++)
      await createInstitution(trx, institution(`Lapošanas iestāde ${index}`), editor);
  });
  const pages = [];
  for (let page = 1; page <= 3; page++)
    pages.push(await searchInstitutions(db, { query: 'laposanas', page, perPage: 3 }));
  assert.deepEqual(
    pages.map((page) => page.items.length),
    [3, 3, 1],
  );
  assert.equal(pages[0]!.pageCount, 3);
  assert.deepEqual(
    pages.flatMap((page) => page.items.map((item) => item.name)),
    Array.from({ length: 7 }, (_, index) => `Lapošanas iestāde ${index}`),
  );
});
