import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestApp } from '../testing/test-database.js';
import { helpTypeTermId } from './help-types.js';
import { importHsds } from './hsds-import.js';
import { hsdsProfileTaxonomy, profileTerms } from './hsds-profile.js';
import { fixtureIds, hsdsExamplesDirectory, profileFixture } from './hsds.fixtures.js';
import { validateHsds, validateHsdsApiRoot, validateHsdsPage } from './hsds-validate.js';

let context: Awaited<ReturnType<typeof createTestApp>>;

before(async () => {
  context = await createTestApp();
  const directory = mkdtempSync(join(tmpdir(), 'atlas-hsds-api-'));
  writeFileSync(join(directory, 'registry.json'), JSON.stringify(profileFixture()));
  await importHsds(context.db, join(directory, 'registry.json'));
  rmSync(directory, { recursive: true, force: true });
  await importHsds(context.db, join(hsdsExamplesDirectory, 'organization_full.json'));
});

after(async () => {
  await context.close();
});

async function getJson(path: string, status = 200): Promise<Record<string, unknown>> {
  const response = await context.app.request(path);
  assert.equal(response.status, status, `${path} answers ${status}`);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Array<Record<string, unknown>>;
};

test('GET /hsds/ names the HSDS version, the profile and the OpenAPI document, which is served', async () => {
  const root = await getJson('/hsds/');
  assert.deepEqual(validateHsdsApiRoot(root), []);
  assert.deepEqual(
    validateHsdsApiRoot({ ...root, profile: 'not a url' }).map((problem) => problem.key),
    ['hsds.problem.uri'],
  );
  assert.equal(root.version, '3.0');
  assert.match(String(root.profile), /^http:\/\/localhost:3000\/hsds\/profile$/);
  assert.equal(root.openapi_url, 'http://localhost:3000/hsds/openapi.json');
  const openapi = await getJson('/hsds/openapi.json');
  assert.equal(openapi.openapi, '3.1.0');
  assert.ok((openapi.paths as Record<string, unknown>)['/services/{id}']);
  const profile = await context.app.request('/hsds/profile');
  assert.equal(profile.status, 200);
  assert.match(await profile.text(), /Reentry Atlas profile/);
});

test('GET /hsds/services pages services in the Page wrapper, and every item validates', async () => {
  const first = (await getJson('/hsds/services?per_page=2')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(first, 'service.json'), []);
  assert.equal(first.total_items, 3);
  assert.equal(first.total_pages, 2);
  assert.equal(first.size, 2);
  assert.equal(first.first_page, true);
  assert.equal(first.last_page, false);
  const second = (await getJson('/hsds/services?per_page=2&page=2')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(second, 'service.json'), []);
  assert.equal(second.size, 1);
  assert.equal(second.last_page, true);
  const names = [...first.contents, ...second.contents].map((service) => service.name);
  assert.deepEqual(names, ['Community Counselling', 'Juridiskā konsultācija', 'Naktspatversme vīriešiem']);
  const beyond = (await getJson('/hsds/services?page=9')) as unknown as Page;
  assert.equal(beyond.empty, true);
  assert.deepEqual(validateHsdsPage(beyond, 'service.json'), []);
  const full = (await getJson('/hsds/services?full=true')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(full, 'service.json'), []);
  assert.ok(full.contents.some((service) => Array.isArray(service.attributes)));
});

test('GET /hsds/services searches without regard to diacritics, and filters by taxonomy term and organization', async () => {
  const search = async (query: string) =>
    ((await getJson(`/hsds/services?${query}`)) as unknown as Page).contents.map((service) => service.id);
  assert.deepEqual(await search('search=juridiska'), [fixtureIds.legalAdvice]);
  assert.deepEqual(await search('search=NAKTSPATVERSME'), [fixtureIds.shelter]);
  assert.deepEqual(await search(`search=${encodeURIComponent('Rēzeknes sociālais')}`), [fixtureIds.shelter]);
  assert.deepEqual(await search(`taxonomy_term_id=${helpTypeTermId('shelter')}`), [fixtureIds.shelter]);
  assert.deepEqual(await search(`organization_id=${fixtureIds.otherOrganization}`), [fixtureIds.legalAdvice]);
  assert.deepEqual(await search('search=nothing-like-this'), []);
});

test('GET /hsds/services/{id} answers the full service, which validates; unknown ids answer 404 JSON', async () => {
  const service = await getJson(`/hsds/services/${fixtureIds.shelter}`);
  assert.deepEqual(validateHsds('service.json', service), []);
  assert.equal(service.name, 'Naktspatversme vīriešiem');
  assert.equal((service.organization as Record<string, unknown>).id, fixtureIds.organization);
  const codes = (service.attributes as Array<{ taxonomy_term: { code: string; taxonomy_id?: string } }>).map(
    (attribute) => attribute.taxonomy_term.code,
  );
  assert.ok(codes.includes('residency_rule') && codes.includes('shelter'));
  const missing = await getJson('/hsds/services/22222222-0000-4000-8000-00000000ffff', 404);
  assert.equal((missing.error as Record<string, unknown>).code, 'not_found');
  await getJson('/hsds/services/not-an-id', 404);
});

test('GET /hsds/organizations pages and searches organizations; /organizations/{id} answers the full one', async () => {
  const page = (await getJson('/hsds/organizations?search=rezeknes')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(page, 'organization.json'), []);
  assert.deepEqual(
    page.contents.map((organization) => organization.id),
    [fixtureIds.organization],
  );
  const all = (await getJson('/hsds/organizations?full_service=true')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(all, 'organization.json'), []);
  assert.equal(all.total_items, 3);
  const organization = await getJson(`/hsds/organizations/${fixtureIds.organization}`);
  assert.deepEqual(validateHsds('organization.json', organization), []);
  const services = organization.services as Array<Record<string, unknown>>;
  assert.deepEqual(
    services.map((service) => service.id),
    [fixtureIds.shelter],
  );
  assert.equal(services[0]!.schedules, undefined, 'services are brief unless full_service=true');
  for (const service of services) assert.deepEqual(validateHsds('service.json', service), []);
  const full = await getJson(`/hsds/organizations/${fixtureIds.organization}?full_service=true`);
  assert.ok(Array.isArray((full.services as Array<Record<string, unknown>>)[0]!.schedules));
  await getJson('/hsds/organizations/11111111-0000-4000-8000-00000000ffff', 404);
});

test('GET /hsds/taxonomy_terms pages the terms with their taxonomies', async () => {
  const page = (await getJson(
    `/hsds/taxonomy_terms?taxonomy_id=${hsdsProfileTaxonomy.id}&per_page=100`,
  )) as unknown as Page;
  assert.deepEqual(validateHsdsPage(page, 'taxonomy_term.json'), []);
  assert.equal(page.total_items, profileTerms.length);
  assert.ok(
    page.contents.every((term) => (term.taxonomy_detail as Record<string, unknown>).id === hsdsProfileTaxonomy.id),
  );
  const all = (await getJson('/hsds/taxonomy_terms')) as unknown as Page;
  assert.deepEqual(validateHsdsPage(all, 'taxonomy_term.json'), []);
  assert.ok(all.total_items > page.total_items);
});

test('bad parameters answer 400 with a JSON error naming the parameter', async () => {
  for (const query of [
    '/hsds/services?page=0',
    '/hsds/services?per_page=1000',
    '/hsds/services?taxonomy_term_id=shelter',
    '/hsds/organizations?page=x',
    '/hsds/services?full=maybe',
    '/hsds/taxonomy_terms?parent_id=1',
  ]) {
    const body = await getJson(query, 400);
    const error = body.error as { code: string; message: string; details: Array<{ path: string; message: string }> };
    assert.equal(error.code, 'invalid_input', query);
    assert.ok(error.details.length > 0, query);
    assert.ok(query.includes(`${error.details[0]!.path}=`), `${query}: ${error.details[0]!.path}`);
  }
  // The reason is in the caller's language too, not only the sentence around it.
  const latvian = (await getJson('/hsds/services?per_page=abc&lang=lv', 400)).error as { message: string };
  assert.equal(latvian.message, 'Parametrs per_page nav derīgs: jābūt veselam skaitlim.');
  const russian = (await getJson('/hsds/services?taxonomy_term_id=shelter&lang=ru', 400)).error as { message: string };
  assert.match(russian.message, /^Параметр taxonomy_term_id недопустим: нужен UUID/);
});
