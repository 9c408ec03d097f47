// The HSDS 3.0 API: read-only and public, as hsds-schema/openapi.json describes it (/, /services, /services/{id},
// /organizations, /organizations/{id}, /taxonomy_terms), plus the OpenAPI document and the profile it follows.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import {
  getHsdsOrganization,
  getHsdsService,
  getHsdsServiceAtLocation,
  getHsdsTaxonomy,
  getHsdsTaxonomyTerm,
  listHsdsOrganizations,
  listHsdsServiceAtLocations,
  listHsdsServices,
  listHsdsTaxonomies,
  listHsdsTaxonomyTerms,
} from './hsds.service.js';
import { addServiceCapacities } from '../beds/beds.service.js';
import {
  organizationListQuerySchema,
  organizationQuerySchema,
  serviceAtLocationListQuerySchema,
  serviceListQuerySchema,
  taxonomyListQuerySchema,
  taxonomyTermListQuerySchema,
} from './hsds.schema.js';
import { hsdsOpenApiText } from './hsds-validate.js';
import { millisecondsSinceRequestOutsideHsds } from '../http/early-answers.js';

const profilePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'hsds-profile.md');

function parseQuery<Schema extends z.ZodType>(c: Context<AppEnvironment>, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(c.req.query());
  if (result.success) return result.data;
  const t = c.get('t');
  const details = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    messageKey: 'hsds.error.bad_parameter',
    parameters: { name: issue.path.join('.'), reason: t(issue.message) },
  }));
  throw new AppError('invalid_input', 'hsds.error.bad_parameter', details, {
    name: details[0]?.path ?? '',
    reason: t(result.error.issues[0]?.message ?? ''),
  });
}

/** The openapi.json of HSDS 3.0 with its placeholders filled in for this installation. */
function openApiDocument(baseUrl: string): Record<string, unknown> {
  const document = JSON.parse(hsdsOpenApiText()) as Record<string, unknown>;
  document.info = {
    title: 'Reentry Atlas HSDS API',
    version: '1.0.0',
    summary: 'Institutions and services that help people released from prison in Latvia (HSDS 3.0, read-only).',
    description:
      'HSDS 3.0 in the Reentry Atlas profile: see the profile document for the attributes that carry residency rules, institution types and more.',
    license: { name: 'HSDS: CC BY-SA 4.0 (Open Referral)', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  };
  document.servers = [{ url: `${baseUrl}/hsds` }];
  return document;
}

// beds/: each service record carries HSDS 3.1 `capacities` (service_capacity), from the figures kept in memory.
const withCapacities = async <T>(c: Context<AppEnvironment>, records: Promise<T>) =>
  addServiceCapacities(c.get('db'), await records, c.get('config').bedsStaleAfterSeconds);

// On the embedded database every query runs on the app's own thread, so a client paging through the registry holds
// it for the page's queries (tens of milliseconds at 30 000 services) and four such clients would leave the public
// finder little of it (issue 16, item 2). There, HSDS requests take turns, one at a time, and while other requests
// are arriving each leaves the thread free for twice as long as it held it before the next one starts: the rest of
// the app keeps about two thirds of the thread. Alone, pagers go at full speed; on PostgreSQL nothing waits.
let hsdsTurn: Promise<void> = Promise.resolve();
const othersActiveWithinMilliseconds = 100;
const pausePerMillisecondHeld = 2;
const longestPause = 500;

// A request the app makes again from its error handler (a read retried after a lost connection) runs inside the
// first one's turn: it must not wait for that turn.
const insideTurn = new AsyncLocalStorage<true>();

async function inHsdsTurn(next: () => Promise<void>): Promise<void> {
  if (insideTurn.getStore()) return next();
  const previous = hsdsTurn;
  let release!: () => void;
  hsdsTurn = new Promise((resolve) => (release = resolve));
  await previous;
  const started = performance.now();
  try {
    await insideTurn.run(true, next);
  } finally {
    const held = performance.now() - started;
    if (millisecondsSinceRequestOutsideHsds() < othersActiveWithinMilliseconds)
      setTimeout(release, Math.min(held * pausePerMillisecondHeld, longestPause));
    else release();
  }
}

export const hsdsRoutes = new Hono<AppEnvironment>()
  .use('/hsds/*', async (c, next) => {
    // A public, read-only API: any web page may read it. Set before the handler, as a prepared header.
    c.header('Access-Control-Allow-Origin', '*');
    if (c.get('config').databaseUrl === undefined) await inHsdsTurn(next);
    else await next();
  })
  .get('/hsds', (c) => c.redirect('/hsds/', 301))
  .get('/hsds/', (c) => {
    const base = c.get('config').publicUrl;
    return c.json({ version: '3.0', profile: `${base}/hsds/profile`, openapi_url: `${base}/hsds/openapi.json` });
  })
  .get('/hsds/openapi.json', (c) => c.json(openApiDocument(c.get('config').publicUrl)))
  .get('/hsds/profile', (c) => {
    if (!existsSync(profilePath)) throw new AppError('not_found', 'error.not_found');
    return c.body(readFileSync(profilePath, 'utf8'), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  })
  .get('/hsds/services', async (c) => {
    const query = parseQuery(c, serviceListQuerySchema);
    return c.json(
      await withCapacities(
        c,
        listHsdsServices(c.get('db'), {
          search: query.search,
          taxonomyTermId: query.taxonomy_term_id,
          taxonomyId: query.taxonomy_id,
          organizationId: query.organization_id,
          modifiedAfter: query.modified_after,
          page: query.page,
          perPage: query.per_page,
          full: query.full,
        }),
      ),
    );
  })
  .get('/hsds/services/:id', async (c) =>
    c.json(await withCapacities(c, getHsdsService(c.get('db'), c.req.param('id')))),
  )
  .get('/hsds/organizations', async (c) => {
    const query = parseQuery(c, organizationListQuerySchema);
    return c.json(
      await listHsdsOrganizations(c.get('db'), {
        search: query.search,
        page: query.page,
        perPage: query.per_page,
        fullService: query.full_service,
      }),
    );
  })
  .get('/hsds/organizations/:id', async (c) => {
    const query = parseQuery(c, organizationQuerySchema);
    return c.json(await getHsdsOrganization(c.get('db'), c.req.param('id'), query.full_service));
  })
  .get('/hsds/taxonomy_terms', async (c) => {
    const query = parseQuery(c, taxonomyTermListQuerySchema);
    return c.json(
      await listHsdsTaxonomyTerms(c.get('db'), {
        taxonomyId: query.taxonomy_id,
        parentId: query.parent_id,
        search: query.search,
        topOnly: query.top_only,
        page: query.page,
        perPage: query.per_page,
      }),
    );
  })
  .get('/hsds/taxonomy_terms/:id', async (c) => c.json(await getHsdsTaxonomyTerm(c.get('db'), c.req.param('id'))))
  .get('/hsds/taxonomies', async (c) => {
    const query = parseQuery(c, taxonomyListQuerySchema);
    return c.json(
      await listHsdsTaxonomies(c.get('db'), { search: query.search, page: query.page, perPage: query.per_page }),
    );
  })
  .get('/hsds/taxonomies/:id', async (c) => c.json(await getHsdsTaxonomy(c.get('db'), c.req.param('id'))))
  .get('/hsds/service_at_locations', async (c) => {
    const query = parseQuery(c, serviceAtLocationListQuerySchema);
    return c.json(
      await listHsdsServiceAtLocations(c.get('db'), {
        search: query.search,
        taxonomyTermId: query.taxonomy_term_id,
        taxonomyId: query.taxonomy_id,
        organizationId: query.organization_id,
        modifiedAfter: query.modified_after,
        page: query.page,
        perPage: query.per_page,
        full: query.full,
      }),
    );
  })
  .get('/hsds/service_at_locations/:id', async (c) =>
    c.json(await getHsdsServiceAtLocation(c.get('db'), c.req.param('id'))),
  );
