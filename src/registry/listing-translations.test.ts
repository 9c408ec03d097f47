// Listings in the reader's language (issue 14 item 1): translations stored and shown per language, Latvian
// fallbacks marked in HTML, the finder API and the plan PDF, the staff form saving three languages, HSDS round trip.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import type { Database } from '../db/database.js';
import { loadDemoData } from '../demo/demo.service.js';
import { demoInstitutions } from '../demo/demo-data.js';
import { demoTranslations } from '../demo/demo-translations.js';
import { finderResponseSchema, type FinderServiceOutput } from '../finder/finder.schema.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp, openTestDatabase } from '../testing/test-database.js';
import { exportHsds } from './hsds-export.js';
import { importHsds } from './hsds-import.js';
import { getService, helpTypeIdsForCodes } from './institution-read.service.js';
import { createInstitution, createLocation, createService } from './institution-write.service.js';
import { helpTypeTermId } from './help-types.js';
import { findProfileTerm, profileTermAsHsds, profileTermId } from './hsds-profile.js';
import { pickText } from './listing-text.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let admin: TestSession;
let latvianOnly: { organizationId: string; serviceId: string };
const aluksnesNovads = '0021000';
const latvianTexts = {
  name: 'Naktsmājas Alūksnē (tikai latviski)',
  description: 'Gulta šai naktij; apraksts ir tikai latviski.',
  eligibility: 'Piezīme tikai latviski.',
  document: 'Dokuments tikai latviski',
};
const temporaryDirectories: string[] = [];

before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
  admin = await signInForTest(
    context.app,
    context.db,
    await createAccountForTest(context.db, { role: 'administrator' }),
  );
  // A shelter nobody has translated yet: the only one in Alūksnes novads.
  latvianOnly = await context.db.transaction().execute(async (trx) => {
    const system = { updatedBy: 'system:test' };
    const organizationId = await createInstitution(
      trx,
      {
        name: 'Alūksnes naktsmājas',
        alternateName: null,
        description: 'Iestādes apraksts tikai latviski.',
        type: 'ngo',
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
        territoryCode: aluksnesNovads,
        address: { address1: 'Pils iela 1', address2: null, city: 'Alūksne', postalCode: 'LV-4301' },
        phones: [],
      },
      system,
    );
    const serviceId = await createService(
      trx,
      organizationId,
      {
        name: latvianTexts.name,
        alternateName: null,
        description: latvianTexts.description,
        status: 'active',
        url: null,
        email: null,
        helpTypeIds: helpTypeIdsForCodes(['shelter']),
        eligibility: {
          residencyRule: 'none',
          residencyTerritoryCodes: [],
          sex: 'any',
          minimumAge: null,
          maximumAge: null,
          description: latvianTexts.eligibility,
        },
        capacityBeds: null,
        isStatewide: false,
        serviceAreaCodes: [],
        openingHours: [
          { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opensAt: '00:00', closesAt: '24:00', description: null },
        ],
        languages: ['lv'],
        requiredDocuments: [latvianTexts.document],
        applicationProcess: null,
        feesDescription: null,
        phones: [{ number: '+371 6000 9999', description: null }],
        locationIds: [locationId],
        lastVerifiedOn: null,
      },
      system,
    );
    return { organizationId, serviceId };
  });
});
after(async () => {
  await context.close();
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

/** Every result of a finder search without needs, page by page. */
async function allFinderResults(language: string, extra = ''): Promise<FinderServiceOutput[]> {
  const results = new Map<string, FinderServiceOutput>();
  for (let offset = 0; offset < 2000; offset += 100) {
    const response = await context.app.request(
      `/api/v1/finder/services?lang=${language}&limit=100&offset=${offset}${extra}`,
    );
    assert.equal(response.status, 200);
    const answer = finderResponseSchema.parse(await response.json());
    for (const service of [...answer.eligible, ...answer.not_eligible]) results.set(service.id, service);
    if (offset + 100 >= Math.max(answer.total_eligible, answer.total_not_eligible)) break;
  }
  return [...results.values()];
}

/** The demo services the finder shows (active, not a prison's), with their Latvian texts. */
async function demoServicesInTheFinder(db: Kysely<Database>) {
  return db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .select(['service.id', 'service.name', 'service.description', 'organization.name as organization_name'])
    .where('organization.is_demo', '=', true)
    .where('service.status', '=', 'active')
    .where('organization.institution_type', '!=', 'prison')
    .execute();
}

test('every demo text has a Russian and an English translation, and none is the Latvian text again', () => {
  const texts = new Set<string>();
  for (const institution of demoInstitutions) {
    texts.add(institution.name).add(institution.description);
    for (const service of institution.services) {
      for (const text of [
        service.name,
        service.description,
        service.eligibility,
        service.fees,
        service.applicationProcess,
      ])
        if (text) texts.add(text);
      for (const document of service.documents ?? []) texts.add(document);
    }
  }
  for (const text of texts) {
    const translation = demoTranslations.get(text);
    assert.ok(translation, `no translation of "${text}"`);
    assert.match(translation.ru, /[а-яё]/i, `Russian of "${text}" has Cyrillic letters`);
    assert.notEqual(translation.en, text);
  }
});

test('GET /api/v1/finder/services?lang=ru gives every demo service its Russian texts, marked "ru"', async () => {
  const expected = await demoServicesInTheFinder(context.db);
  const results = new Map((await allFinderResults('ru')).map((service) => [service.id, service]));
  assert.ok(expected.length > 50, `${expected.length} demo services`);
  for (const service of expected) {
    const result = results.get(service.id);
    assert.ok(result, `${service.name} is in the answer`);
    assert.equal(result.description, demoTranslations.get(service.description!)!.ru, service.name);
    assert.equal(result.name, demoTranslations.get(service.name)!.ru);
    assert.equal(result.organization.name, demoTranslations.get(service.organization_name)!.ru);
    assert.equal(result.text_language.description, 'ru');
    assert.equal(result.text_language.name, 'ru');
    if (result.documents.length > 0) assert.equal(result.text_language.documents, 'ru');
  }
  const english = new Map((await allFinderResults('en')).map((service) => [service.id, service]));
  for (const service of expected)
    assert.equal(english.get(service.id)?.description, demoTranslations.get(service.description!)!.en);
});

test('a service with no Russian text is given in Latvian and marked as Latvian in the API', async () => {
  const results = await allFinderResults('ru', `&territory=${aluksnesNovads}&needs=shelter`);
  const result = results.find((service) => service.id === latvianOnly.serviceId);
  assert.ok(result);
  assert.equal(result.description, latvianTexts.description);
  assert.deepEqual(result.documents, [latvianTexts.document]);
  assert.equal(result.eligibility.description, latvianTexts.eligibility);
  assert.deepEqual(result.text_language, {
    name: 'lv',
    description: 'lv',
    organization_name: 'lv',
    eligibility_note: 'lv',
    documents: 'lv',
    hours_notes: null,
  });
  assert.ok(result.eligibility.text.endsWith(`${latvianTexts.eligibility} (по-латышски)`), result.eligibility.text);
  // In Latvian nothing is marked.
  const latvian = (await allFinderResults('lv', `&territory=${aluksnesNovads}&needs=shelter`)).find(
    (service) => service.id === latvianOnly.serviceId,
  );
  assert.equal(latvian?.text_language.description, 'lv');
  assert.ok(!latvian?.eligibility.text.includes('(latviski)'));
});

test('the results and the institution page mark Latvian text with lang="lv" and "(по-латышски)"', async () => {
  const results = await (await context.app.request(`/find?needs=shelter&territory=${aluksnesNovads}&lang=ru`)).text();
  const marked = `<span lang="lv">${latvianTexts.description}</span> <span class="in-latvian">(по-латышски)</span>`;
  assert.ok(results.includes(marked), 'the results mark the Latvian description');
  const page = await (await context.app.request(`/institutions/${latvianOnly.organizationId}?lang=en`)).text();
  assert.ok(
    page.includes(`<span lang="lv">${latvianTexts.description}</span> <span class="in-latvian">(in Latvian)</span>`),
  );
  assert.ok(
    page.includes(`<span lang="lv">${latvianTexts.document}</span> <span class="in-latvian">(in Latvian)</span>`),
  );
  // A demo institution is fully translated: its page in Russian has its Russian description and no marker.
  const demo = demoInstitutions.find((institution) => institution.key === 'daugavpils-night-shelter')!;
  const [organization] = await context.db
    .selectFrom('organization')
    .select('id')
    .where('name', '=', demo.name)
    .execute();
  const demoPage = await (await context.app.request(`/institutions/${organization!.id}?lang=ru`)).text();
  assert.ok(demoPage.includes(demoTranslations.get(demo.description)!.ru));
  assert.ok(demoPage.includes(demoTranslations.get(demo.services[0]!.description)!.ru));
  assert.ok(!demoPage.includes('class="in-latvian"'));
});

test('the plan PDF in Russian has Russian place names and marks Latvian text "(по-латышски)"', async () => {
  const response = await context.app.request(`/plan.pdf?territory=${aluksnesNovads}&needs=shelter&lang=ru`);
  assert.equal(response.status, 200);
  const text = (await readPdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
  assert.ok(text.includes(`${latvianTexts.document} (по-латышски)`), 'what to bring is marked as Latvian');
  const russianNames = [...demoTranslations.values()].map((translation) => translation.ru);
  assert.ok(
    russianNames.some((name) => name.length > 8 && text.includes(name)),
    'some demo place is named in Russian',
  );
});

test('the staff form saves a service in three languages, and each language shows its own', async () => {
  const base = `/staff/institutions/${latvianOnly.organizationId}/services`;
  const form = await getAs(context.app, `${base}/new?lang=en`, admin);
  const html = await form.text();
  for (const name of ['name_ru', 'description_ru', 'required_documents_en', 'fees_description_en'])
    assert.ok(html.includes(`name="${name}"`), name);
  const response = await formPost(
    context.app,
    `${base}/new`,
    {
      name: 'Zupas virtuve',
      name_ru: 'Бесплатная кухня',
      name_en: 'Soup kitchen',
      description: 'Silta zupa katru dienu.',
      description_ru: 'Горячий суп каждый день.',
      description_en: 'Hot soup every day.',
      required_documents: 'Nekas',
      required_documents_ru: 'Ничего',
      fees_description: 'Bez maksas',
      fees_description_en: 'Free',
      status: 'active',
      help_type: [helpTypeTermId('material')],
      residency_rule: 'none',
      eligible_sex: 'any',
    },
    admin,
  );
  assert.equal(response.status, 303);
  const [row] = await context.db
    .selectFrom('service')
    .select('id')
    .where('organization_id', '=', latvianOnly.organizationId)
    .where('name', '=', 'Zupas virtuve')
    .execute();
  const service = await getService(context.db, row!.id, 'lv');
  assert.deepEqual(service.translations, {
    ru: { name: 'Бесплатная кухня', description: 'Горячий суп каждый день.', required_documents: 'Ничего' },
    en: { name: 'Soup kitchen', description: 'Hot soup every day.', fees_description: 'Free' },
  });
  assert.equal(pickText(service.feesDescription, { ru: undefined }, 'ru')?.fallback, true);
  const russian = await (await context.app.request(`/institutions/${latvianOnly.organizationId}?lang=ru`)).text();
  assert.ok(russian.includes('Горячий суп каждый день.'));
  assert.ok(russian.includes('<span lang="lv">Bez maksas</span> <span class="in-latvian">(по-латышски)</span>'));
  const english = await (await context.app.request(`/institutions/${latvianOnly.organizationId}?lang=en`)).text();
  assert.ok(english.includes('Hot soup every day.') && english.includes('Free'));
  // The change history records each translation as its own field.
  const history = await context.db
    .selectFrom('metadata')
    .select('field_name')
    .where('resource_id', '=', row!.id)
    .execute();
  assert.ok(history.some((entry) => entry.field_name === 'description_ru'));
  // The edit form starts with the stored translations.
  const edit = await (await getAs(context.app, `${base}/${row!.id}/edit`, admin)).text();
  assert.ok(edit.includes('Горячий суп каждый день.'));
});

test('HSDS export carries the translations as profile attributes, and an import brings them back', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'atlas-translations-'));
  temporaryDirectories.push(directory);
  await exportHsds(context.db, directory);
  const services = JSON.parse(readFileSync(join(directory, 'services.json'), 'utf8')) as Array<{
    id: string;
    attributes?: Array<{ link_type?: string; value?: string; taxonomy_term?: { code?: string } }>;
  }>;
  const [demoService] = await demoServicesInTheFinder(context.db);
  const exported = services.find((service) => service.id === demoService!.id)!;
  assert.ok(
    exported.attributes?.some(
      (attribute) =>
        attribute.taxonomy_term?.code === 'translation_ru' &&
        attribute.link_type === 'description' &&
        attribute.value === demoTranslations.get(demoService!.description!)!.ru,
    ),
  );
  const translations = async (db: Kysely<Database>) => ({
    organizations: await db
      .selectFrom('organization_translation')
      .selectAll()
      .orderBy('organization_id')
      .orderBy('language')
      .execute(),
    services: await db
      .selectFrom('service_translation')
      .selectAll()
      .orderBy('service_id')
      .orderBy('language')
      .execute(),
  });
  const original = await translations(context.db);
  assert.ok(original.services.length > 100);
  for (const source of [directory, join(directory, 'tabular')]) {
    const second = await openTestDatabase();
    try {
      await importHsds(second.db, source);
      assert.deepEqual(await translations(second.db), original, source);
    } finally {
      await second.close();
    }
  }
});

test('an HSDS translation of a field that cannot be translated is rejected', async () => {
  const database = await openTestDatabase();
  try {
    const directory = mkdtempSync(join(tmpdir(), 'atlas-translations-'));
    temporaryDirectories.push(directory);
    const file = join(directory, 'organization.json');
    const organization = {
      id: '3c1a0000-0000-4000-8000-000000000001',
      name: 'Biedrība',
      description: 'Apraksts.',
      attributes: [
        {
          id: '3c1a0000-0000-4000-8000-000000000002',
          link_entity: 'organization',
          link_type: 'website',
          value: 'https://example.org/ru',
          taxonomy_term: profileTermAsHsds(findProfileTerm(profileTermId('translation_ru'))!),
        },
      ],
    };
    writeFileSync(file, JSON.stringify(organization));
    await assert.rejects(importHsds(database.db, file), (error: Error & { details?: Array<{ messageKey: string }> }) =>
      (error.details ?? []).some((detail) => detail.messageKey === 'hsds.problem.profile_value'),
    );
  } finally {
    await database.close();
  }
});
