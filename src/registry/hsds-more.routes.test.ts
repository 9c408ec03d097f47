// The whole HSDS 3.0 read API beyond the core: /service_at_locations, /taxonomies, /taxonomy_terms/{id}, and the
// filters taxonomy_id and modified_after on /services, search and top_only on /taxonomy_terms. A filter that matches
// nothing gives an empty page, never every record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp } from '../testing/test-database.js';
import { helpTypeTaxonomy, helpTypeTermId } from './help-types.js';
import { validateHsds, validateHsdsPage } from './hsds-validate.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
});
after(async () => context.close());

type Page = { total_items: number; size: number; empty: boolean; contents: Array<Record<string, any>> };

async function getJson<T = Page>(path: string, status = 200): Promise<T> {
  const response = await context.app.request(path);
  assert.equal(response.status, status, path);
  return (await response.json()) as T;
}

const unknownId = '00000000-0000-4000-8000-00000000beef';
const shelter = helpTypeTermId('shelter');

test('/service_at_locations pages, filters and single records follow the official schemas', async () => {
  const all = await getJson('/hsds/service_at_locations?per_page=100');
  assert.deepEqual(validateHsdsPage(all, 'service_at_location.json'), []);
  assert.ok(all.total_items > 20);
  const first = all.contents[0]!;
  assert.ok(first.service?.name && first.location, 'brief: the service and the location nested');

  const one = await getJson<Record<string, any>>(`/hsds/service_at_locations/${first.id}`);
  assert.deepEqual(validateHsds('service_at_location.json', one), []);
  assert.equal(one.service.id, first.service.id);
  await getJson(`/hsds/service_at_locations/${unknownId}`, 404);

  const organizationId = first.service.organization.id as string;
  const ofOrganization = await getJson(`/hsds/service_at_locations?organization_id=${organizationId}&per_page=100`);
  assert.ok(ofOrganization.total_items >= 1 && ofOrganization.total_items < all.total_items);
  assert.ok(ofOrganization.contents.every((entry) => entry.service.organization.id === organizationId));

  const shelters = await getJson(`/hsds/service_at_locations?taxonomy_term_id=${shelter}&per_page=100`);
  assert.ok(shelters.total_items >= 1 && shelters.total_items < all.total_items);
  const byTaxonomy = await getJson(`/hsds/service_at_locations?taxonomy_id=${helpTypeTaxonomy.id}&per_page=1`);
  assert.ok(byTaxonomy.total_items >= shelters.total_items);
  const searched = await getJson(`/hsds/service_at_locations?search=${encodeURIComponent(first.service.name)}`);
  assert.ok(searched.contents.some((entry) => entry.id === first.id));

  for (const filter of [
    `organization_id=${unknownId}`,
    `taxonomy_term_id=${unknownId}`,
    `taxonomy_id=${unknownId}`,
    'search=zzzqqq',
    'modified_after=2999-01-01',
  ]) {
    const empty = await getJson(`/hsds/service_at_locations?${filter}`);
    assert.deepEqual([empty.total_items, empty.empty], [0, true], filter);
  }
});

test('/services filters by taxonomy_id and modified_after; a value that matches nothing gives an empty page', async () => {
  const all = await getJson('/hsds/services?per_page=1');
  const byTaxonomy = await getJson(`/hsds/services?taxonomy_id=${helpTypeTaxonomy.id}&per_page=1`);
  assert.ok(byTaxonomy.total_items > 0 && byTaxonomy.total_items <= all.total_items);
  assert.equal((await getJson(`/hsds/services?taxonomy_id=${unknownId}`)).total_items, 0);
  assert.equal((await getJson('/hsds/services?modified_after=2000-01-01')).total_items, all.total_items);
  assert.equal((await getJson('/hsds/services?modified_after=2999-01-01T00:00:00Z')).total_items, 0);
  const refused = await getJson<{ error: { message: string } }>('/hsds/services?modified_after=yesterday&lang=en', 400);
  assert.match(refused.error.message, /modified_after/);
});

test('/taxonomies and /taxonomy_terms: lists with search, single records, top_only', async () => {
  const taxonomies = await getJson('/hsds/taxonomies');
  assert.deepEqual(validateHsdsPage(taxonomies, 'taxonomy.json'), []);
  assert.ok(taxonomies.contents.some((entry) => entry.id === helpTypeTaxonomy.id));
  const found = await getJson('/hsds/taxonomies?search=reentry');
  assert.ok(found.contents.some((entry) => entry.id === helpTypeTaxonomy.id));
  assert.equal((await getJson('/hsds/taxonomies?search=zzzqqq')).total_items, 0);
  const one = await getJson<Record<string, unknown>>(`/hsds/taxonomies/${helpTypeTaxonomy.id}`);
  assert.deepEqual(validateHsds('taxonomy.json', one), []);
  await getJson(`/hsds/taxonomies/${unknownId}`, 404);

  const term = await getJson<Record<string, unknown>>(`/hsds/taxonomy_terms/${shelter}`);
  assert.deepEqual(validateHsds('taxonomy_term.json', term), []);
  assert.equal(term.code, 'shelter');
  const searched = await getJson('/hsds/taxonomy_terms?search=shelter&per_page=100');
  assert.ok(searched.contents.some((entry) => entry.id === shelter));
  assert.equal((await getJson('/hsds/taxonomy_terms?search=zzzqqq')).total_items, 0);
  const top = await getJson(`/hsds/taxonomy_terms?top_only=true&taxonomy_id=${helpTypeTaxonomy.id}&per_page=100`);
  assert.ok(top.total_items >= 11 && top.contents.every((entry) => !entry.parent_id));
  const everything = await getJson(`/hsds/taxonomy_terms?taxonomy_id=${helpTypeTaxonomy.id}&per_page=1`);
  assert.ok(everything.total_items > top.total_items);
});
