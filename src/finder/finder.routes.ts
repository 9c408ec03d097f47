import { gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { AppError, type AppErrorDetail } from '../core/errors.js';
import { defaultLanguage, isLanguage } from '../core/language.js';
import { logger } from '../core/logger.js';
import type { Config } from '../config.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { offerEarlyAnswers, type EarlyAnswerer } from '../http/early-answers.js';
import type { Translate } from '../core/i18n.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { latvianWeekTime } from '../core/dates.js';
import { keepFinderAnswer, readKeptFinderAnswer } from './finder-answer-cache.js';
import { renderFinderResponseJson } from './finder.output.js';
import { bedsNow, recordBedSearch, type BedFigure } from '../beds/beds.service.js';
import { describeBedFigure, type BedWords } from '../beds/beds.components.js';
import type { Language } from '../core/language.js';
import {
  ChoosePlace,
  emptyFormValues,
  FinderResults,
  FinderStartPage,
  type FieldErrors,
  type FinderFormValues,
} from './finder.pages.js';
import {
  collectFinderParameters,
  describeField,
  finderFormSchema,
  finderQuerySchema,
  parseFinderParameters,
  type FinderFormParameters,
  type FinderQueryParameters,
} from './finder.schema.js';
import {
  findServices,
  findSocialServiceFor,
  listFinderMunicipalities,
  loadFinderIndex,
  matchTerritories,
  openToAnyoneFirst,
  resolveTerritory,
  type FinderHit,
  suggestTerritories,
  type FinderIndex,
  type FinderQuery,
  type FinderTerritory,
} from './finder.service.js';

const PAGE_SIZE = 20;

function toFinderQuery(parameters: FinderQueryParameters, freeBeds?: ReadonlySet<string>): FinderQuery {
  return {
    onlyServiceIds: parameters.free_bed ? freeBeds : undefined,
    needs: parameters.needs,
    territoryCode: parameters.territory,
    residenceCode: parameters.residence,
    keywords: parameters.q,
    sex: parameters.sex === 'any' ? undefined : parameters.sex,
    age: parameters.age,
    limit: parameters.limit,
    offset: parameters.offset,
  };
}

/** Well-formed codes that name no territory are wrong input too: a 400 that says which code. */
function unknownTerritoryDetails(index: FinderIndex, parameters: FinderQueryParameters): AppErrorDetail[] {
  const details: AppErrorDetail[] = [];
  for (const field of ['territory', 'residence'] as const) {
    const code = parameters[field];
    if (code !== undefined && !index.territories.has(code)) details.push(describeField(field, code));
  }
  return details;
}

/** The result URL: only codes (and the words searched), so it can be shared, bookmarked and printed. */
export function finderResultsHref(parameters: Partial<FinderFormParameters>, offset = 0): string {
  const search = new URLSearchParams();
  if (parameters.needs && parameters.needs.length > 0) search.set('needs', parameters.needs.join(','));
  if (parameters.territory) search.set('territory', parameters.territory);
  if (parameters.residence) search.set('residence', parameters.residence);
  if (parameters.q) search.set('q', parameters.q);
  if (parameters.sex && parameters.sex !== 'any') search.set('sex', parameters.sex);
  if (parameters.age !== undefined) search.set('age', String(parameters.age));
  if (parameters.free_bed) search.set('free_bed', 'true');
  if (offset > 0) search.set('offset', String(offset));
  return `/find?${search.toString().replace(/%2C/g, ',')}`;
}

/** The form's values as the person left them, for re-showing the form (after an error or to change the search). */
export function formValuesFrom(queries: Record<string, string[]>): FinderFormValues {
  const first = (name: string) => queries[name]?.[0] ?? '';
  return {
    needs: (queries.needs ?? []).flatMap((value) => value.split(',')),
    place: first('place'),
    territory: first('territory'),
    residence: first('residence'),
    q: first('q'),
    sex: first('sex'),
    age: first('age'),
    freeBed: first('free_bed') !== '' && first('free_bed') !== 'false' && first('free_bed') !== '0',
  };
}

function errorsFrom(error: AppError, t: Translate): FieldErrors {
  return new Map(error.details.map((detail) => [detail.path, t(detail.messageKey, detail.parameters)]));
}

/** The form on its own: the home page and /find without a search. */
export async function renderFinderStart(
  c: Context<AppEnvironment>,
  options: { heading: string; intro: string; values?: FinderFormValues; errors?: FieldErrors; status?: 200 | 400 },
) {
  const index = await loadFinderIndex(c.get('db'));
  const page = FinderStartPage({
    t: c.get('t'),
    language: c.get('language'),
    heading: options.heading,
    intro: options.intro,
    municipalities: listFinderMunicipalities(index),
    values: options.values ?? emptyFormValues,
    errors: options.errors ?? new Map(),
  });
  return renderPage(c, options.heading, page, { status: options.status ?? 200, description: options.intro });
}

// The API's answer headers as a plain object: Hono turns headers set with c.header() into a web Headers object,
// which costs each answer more than the search (decisions/005). A public, read-only API: any web page may read it.
const apiAnswerHeaders = { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' };

function jsonAnswer(bytes: Uint8Array): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { ...apiAnswerHeaders } });
}

const finderApiPath = '/api/v1/finder/services';

/** The kept answer's key: the language, the query string as sent, and the beds' fingerprint. */
const answerKey = (language: Language, query: string, bedsFingerprint: string) =>
  `${language}${query}#${bedsFingerprint}`;

/**
 * Kept answers straight from Node, before the app parses the request (http/server.ts): a repeated question costs a
 * lookup instead of the router, the app-wide middleware and a web Request and Response. Only what the app would
 * answer with the same content: GET of exactly this path, no cookie (it may choose the language), and either no
 * Accept-Encoding or one that takes gzip — then the kept answer's gzip, made once (the app's compression picks gzip
 * first too); the language comes from `lang` as the app chooses it for machine APIs. Anything else, and every
 * question not kept, goes through the app as before.
 */
function earlyFinderAnswers(db: Kysely<Database>, config: Config): EarlyAnswerer {
  return (url, request) => {
    if (!url.startsWith(finderApiPath)) return undefined;
    if (url.length > finderApiPath.length && url.charCodeAt(finderApiPath.length) !== 63 /* ? */) return undefined;
    if (request.headers.cookie !== undefined) return undefined;
    const accepted = request.headers['accept-encoding'];
    if (accepted === undefined) return keptAnswerOf(db, config, url, false);
    return accepted.includes('gzip') ? keptAnswerOf(db, config, url, true) : undefined;
  };
}

// Each kept answer's gzip, made the first time a client that takes gzip asks (dies with the answer's bytes).
const gzippedAnswers = new WeakMap<Uint8Array, Uint8Array>();
const gzippedAnswerHeaders = { ...apiAnswerHeaders, 'Content-Encoding': 'gzip' };

function gzippedAnswer(answer: Uint8Array): Uint8Array {
  let gzipped = gzippedAnswers.get(answer);
  if (gzipped === undefined) {
    gzipped = gzipSync(answer);
    gzippedAnswers.set(answer, gzipped);
  }
  return gzipped;
}

async function keptAnswerOf(db: Kysely<Database>, config: Config, url: string, gzip: boolean) {
  const started = performance.now();
  const queryStart = url.indexOf('?');
  const query = queryStart < 0 ? '' : url.slice(queryStart);
  const requested = query.includes('lang=') ? new URLSearchParams(query).get('lang') : null;
  const language = isLanguage(requested) ? requested : defaultLanguage;
  const index = await loadFinderIndex(db);
  const now = latvianWeekTime(new Date());
  const beds = await bedsNow(db, config.bedsStaleAfterSeconds);
  const kept = readKeptFinderAnswer(index, `${now.day}:${now.minute}`, answerKey(language, query, beds.fingerprint));
  if (kept === undefined) return undefined;
  // The line the app's request log writes: only the route pattern and status.
  logger.info('request', {
    method: 'GET',
    route: finderApiPath,
    status: 200,
    ms: Math.round(performance.now() - started),
  });
  return gzip
    ? { body: gzippedAnswer(kept), headers: gzippedAnswerHeaders }
    : { body: kept, headers: apiAnswerHeaders };
}

// First in the menu: what most visitors came for.
navigationLinks.unshift((c) => ({ href: '/', label: c.get('t')('finder.title') }));

/**
 * Every place's beds now, from memory (beds/bed-capacity-snapshot.ts, kept fresh by a one-row poll): the API's
 * `capacity`, the set with a free bed now, and a fingerprint for the answer cache's key.
 */
function readFinderBeds(c: Context<AppEnvironment>) {
  return bedsNow(c.get('db'), c.get('config').bedsStaleAfterSeconds);
}

/** The beds of the services on a page, in words. */
function describeBedsOf(
  figures: ReadonlyMap<string, BedFigure>,
  hits: readonly FinderHit[],
  t: Translate,
  language: Language,
): Map<string, BedWords> {
  const words = new Map<string, BedWords>();
  for (const hit of hits) {
    const figure = figures.get(hit.service.id);
    if (figure) words.set(hit.service.id, describeBedFigure(figure, t, language));
  }
  return words;
}

/**
 * A search for a bed: counts an unmet bed-night (need × municipality × night, nothing else) when no place in the
 * searched municipality has a free bed now.
 */
async function recordBedSearchOf(
  c: Context<AppEnvironment>,
  index: FinderIndex,
  municipalityCode: string,
  parameters: FinderFormParameters,
): Promise<void> {
  const inPlace = findServices(index, {
    needs: ['shelter'],
    territoryCode: parameters.territory,
    limit: 100,
    offset: 0,
  });
  const serviceIds = [...inPlace.eligible, ...inPlace.notEligible]
    .filter((hit) => hit.municipality?.code === municipalityCode)
    .map((hit) => hit.service.id);
  await recordBedSearch(c.get('db'), {
    municipalityCode,
    serviceIdsInMunicipality: serviceIds,
    staleAfterSeconds: c.get('config').bedsStaleAfterSeconds,
  });
}

/** The finder's JSON API: public and read-only, mounted before the session middleware (http/routes.ts). */
export const finderApiRoutes = new Hono<AppEnvironment>().get(finderApiPath, async (c) => {
  const t = c.get('t');
  const language = c.get('language');
  const index = await loadFinderIndex(c.get('db'));
  const now = latvianWeekTime(new Date());
  const minute = `${now.day}:${now.minute}`;
  // Beds change by the minute: every place's figures from memory, a new fingerprint whenever one may have changed.
  const beds = await readFinderBeds(c);
  // The same request asked again this minute, with the same beds, gets the same bytes, without parsing it again.
  const url = c.req.url;
  const queryStart = url.indexOf('?');
  const key = answerKey(language, queryStart < 0 ? '' : url.slice(queryStart), beds.fingerprint);
  const config = c.get('config');
  const keepBytes = config.finderAnswerCacheBytes;
  // Served through Node (serveApp): repeated questions may be answered before the app from now on.
  if (keepBytes > 0)
    offerEarlyAnswers((c.env as { incoming?: unknown } | undefined)?.incoming, () =>
      earlyFinderAnswers(c.get('db'), config),
    );
  const kept = keepBytes > 0 ? readKeptFinderAnswer(index, minute, key) : undefined;
  if (kept) return jsonAnswer(kept);

  const parameters = parseFinderParameters(finderQuerySchema, collectFinderParameters(c.req.queries()));
  // Pages fall back to Latvian for a language they do not know; a program asking the API is told instead.
  const requestedLanguage = c.req.query('lang');
  if (requestedLanguage !== undefined && !isLanguage(requestedLanguage)) {
    const detail = { path: 'lang', messageKey: 'finder.error.lang', parameters: { value: requestedLanguage } };
    throw new AppError('invalid_input', 'finder.error.invalid_query', [detail]);
  }
  const unknown = unknownTerritoryDetails(index, parameters);
  if (unknown.length > 0) throw new AppError('invalid_input', 'finder.error.invalid_query', unknown);
  const json = renderFinderResponseJson(
    findServices(index, toFinderQuery(parameters, beds.freeNow)),
    parameters,
    index,
    language,
    t,
    now,
    beds.capacities,
  );
  const answer = new Uint8Array(json.buffer as ArrayBuffer, json.byteOffset, json.byteLength);
  keepFinderAnswer(index, minute, key, answer, keepBytes);
  return jsonAnswer(answer);
});

/** The finder's pages: the search form and its results. */
export const finderRoutes = new Hono<AppEnvironment>().get('/find', async (c) => {
  const t = c.get('t');
  const queries = c.req.queries();
  const values = formValuesFrom(queries);
  const start = { heading: t('finder.title'), intro: t('finder.intro'), values };
  const raw = collectFinderParameters(queries);
  // /find itself shows the form; the form sent back empty goes on to the checks below, which say what is missing.
  const submitted = Object.keys(queries).some((name) => name !== 'lang');
  if (Object.keys(raw).length === 0 && !submitted) return renderFinderStart(c, start);

  let parameters: FinderFormParameters;
  try {
    parameters = parseFinderParameters(finderFormSchema, raw);
  } catch (error) {
    if (error instanceof AppError) return renderFinderStart(c, { ...start, errors: errorsFrom(error, t), status: 400 });
    throw error;
  }
  const index = await loadFinderIndex(c.get('db'));
  const unknown = unknownTerritoryDetails(index, parameters);
  const errors: FieldErrors = new Map(unknown.map((detail) => [detail.path, t(detail.messageKey, detail.parameters)]));
  if (parameters.needs.length === 0 && !parameters.q) errors.set('needs', t('finder.error.needs_missing'));

  if (parameters.place && errors.size === 0) {
    // A typed place becomes a code: straight to the results when it is clear, else a page to choose.
    const resolved = resolveTerritory(index, parameters.place);
    if (resolved) return c.redirect(finderResultsHref({ ...parameters, territory: resolved.code }), 303);
    const candidates = matchTerritories(index, parameters.place);
    // Nothing by that name: the places a letter or two away ("Daugavpls" → Daugavpils), to tap instead of retyping.
    const suggestions = candidates.length > 0 ? [] : suggestTerritories(index, parameters.place);
    if (candidates.length > 0 || suggestions.length > 0) {
      const hrefFor = (territory: FinderTerritory) => finderResultsHref({ ...parameters, territory: territory.code });
      const didYouMean = candidates.length === 0;
      return renderPage(
        c,
        t(didYouMean ? 'finder.choose.did_you_mean' : 'finder.choose.title'),
        ChoosePlace({
          t,
          language: c.get('language'),
          typed: parameters.place,
          territories: didYouMean ? suggestions : candidates,
          didYouMean,
          hrefFor,
          changeSearchHref: finderResultsHref(parameters).replace('/find?', '/?'),
        }),
      );
    }
    errors.set('place', t('finder.error.place_not_found', { text: parameters.place }));
  }
  // No place at all is a search of all of Latvia: someone who does not yet know where they will go still learns
  // what exists, and the page says how to see the nearest first.
  if (errors.size > 0) return renderFinderStart(c, { ...start, errors, status: 400 });

  const beds = await readFinderBeds(c);
  const query = toFinderQuery({ ...parameters, limit: PAGE_SIZE, offset: parameters.offset }, beds.freeNow);
  const found = findServices(index, query);
  if (parameters.needs.includes('shelter') && found.origin && parameters.offset === 0)
    await recordBedSearchOf(c, index, found.origin.municipalityCode, parameters);
  // The page (not the API, which keeps its plain nearest-first order) puts places open to anyone first within a place.
  const result = query.sex === undefined ? { ...found, eligible: openToAnyoneFirst(found.eligible) } : found;
  const shown = Math.max(result.eligible.length, result.notEligible.length);
  const hasMore = parameters.offset + PAGE_SIZE < Math.max(result.totalEligible, result.totalNotEligible);
  const changeSearch = finderResultsHref(parameters).replace('/find?', '/?');
  const askedForShelter = parameters.needs.includes('shelter');
  const page = FinderResults({
    askedForShelter,
    socialService:
      askedForShelter && parameters.territory ? findSocialServiceFor(index, parameters.territory) : undefined,
    result,
    index,
    t,
    language: c.get('language'),
    now: latvianWeekTime(new Date()),
    changeSearchHref: changeSearch,
    previousHref:
      parameters.offset > 0 ? finderResultsHref(parameters, Math.max(0, parameters.offset - PAGE_SIZE)) : null,
    nextHref: hasMore && shown > 0 ? finderResultsHref(parameters, parameters.offset + PAGE_SIZE) : null,
    bedWords: describeBedsOf(beds.figures, [...result.eligible, ...result.notEligible], t, c.get('language')),
  });
  const description = t('meta.description.results', {
    count: t('finder.results.count', { count: result.totalEligible }),
  });
  return renderPage(c, t('finder.results.title'), page, { description });
});
