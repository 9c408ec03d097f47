import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { describeBedsOfServices } from '../beds/beds.components.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { shouldUseSecureCookies } from '../accounts/session.middleware.js';
import { requireRole, signedInAccount } from '../accounts/access.middleware.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { translatorFor, type Translate } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import { printReleasePlanForPerson } from '../referrals/referral-print.service.js';
import type { AppEnvironment } from '../http/context.js';
import { renderErrorPage } from '../http/error-page.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import type { HelpTypeCode } from '../registry/help-types.js';
import { needsInFormOrder } from '../finder/finder.pages.js';
import {
  listFinderMunicipalities,
  loadFinderIndex,
  matchTerritories,
  resolveTerritory,
  type FinderTerritory,
} from '../finder/finder.service.js';
import { describePlan, type PlanDocument, type PlanDocumentReferral } from './plan.document.js';
import {
  PlanFormPage,
  PlanResultPage,
  type FieldErrors,
  type PlanFormState,
  type PlanFormValues,
  type PlanHiddenFields,
} from './plan.pages.js';
import { renderPlanPdf } from './plan.pdf.js';
import {
  collectPlanLinkParameters,
  planFormSchema,
  planLinkQuery,
  planAgeSchema,
  planChoiceSchema,
  planLinkSchema,
  planSexSchema,
  releaseDateSchema,
  type PlanChoice,
  type PlanLink,
} from './plan.schema.js';
import { keepChosenPlaces, makePlan, type PlanRequest } from './plan.service.js';

navigationLinks.push((c) => ({ href: '/plan', label: c.get('t')('nav.plan') }));

// The release date never enters a URL, a log or the database: it lives for two hours in a cookie of the browser
// that typed it, so this browser's page, printout and PDF can show it (docs/decisions/007-plan-links-and-map.md).
const releaseDateCookie = 'atlas_plan_release';
const releaseDateLifetimeSeconds = 2 * 60 * 60;
// Sex and age, if given, live the same way ("male.34", "female.", ".19"): never in a URL, a log or the database.
const personCookie = 'atlas_plan_person';

const personIdSchema = z.string().uuid();

type Person = { sex: 'female' | 'male' | undefined; age: number | undefined };

const emptyValues: PlanFormValues = {
  release_date: '',
  sex: '',
  age: '',
  place: '',
  territory: '',
  residence: '',
  needs: [],
};

export const planRoutes = new Hono<AppEnvironment>()
  .get('/plan', async (c) => {
    // "Change answers" comes back here with the plan's codes: the form starts from them.
    const queries = c.req.queries();
    const link = planLinkSchema.partial().safeParse(collectPlanLinkParameters(queries));
    const values = { ...emptyValues };
    if (link.success) {
      const index = await loadFinderIndex(c.get('db'));
      const territory = link.data.territory ? index.territories.get(link.data.territory) : undefined;
      if (territory) values.place = territory.name;
      values.residence = link.data.residence ?? '';
      values.needs = link.data.needs ?? [];
      values.release_date = readReleaseDate(c) ?? '';
      const person = readPerson(c);
      values.sex = person.sex ?? '';
      values.age = person.age === undefined ? '' : String(person.age);
    }
    return renderPlanForm(c, { values, errors: new Map(), choices: [] });
  })
  .post('/plan', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const values: PlanFormValues = {
      release_date: text(body.release_date),
      sex: text(body.sex),
      age: text(body.age),
      place: text(body.place),
      territory: text(body.territory),
      residence: text(body.residence),
      needs: (Array.isArray(body.needs) ? body.needs : body.needs === undefined ? [] : [body.needs]).filter(
        (value): value is string => typeof value === 'string',
      ),
    };
    const parsed = planFormSchema.safeParse(values);
    const errors: FieldErrors = new Map();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (errors.has(field)) continue;
        if (field === 'release_date') errors.set(field, t('plan.error.release_date'));
        else if (field === 'age') errors.set(field, t('plan.error.age'));
        else if (field === 'sex') errors.set(field, t('plan.error.sex'));
        else if (field === 'place' || field === 'territory')
          errors.set('place', t('plan.error.place_not_found', { text: values.place }));
        else if (field === 'residence')
          errors.set(field, t('finder.error.residence_unknown', { value: values.residence }));
        else
          errors.set(
            'needs',
            t('finder.error.needs_unknown', { value: values.needs.join(', '), allowed: needsInFormOrder.join(', ') }),
          );
      }
      return renderPlanForm(c, { values, errors, choices: [] }, 400);
    }
    const input = parsed.data;
    const index = await loadFinderIndex(c.get('db'));
    let choices: FinderTerritory[] = [];
    let destination: FinderTerritory | undefined;
    if (input.territory) {
      destination = index.territories.get(input.territory);
      if (!destination?.isCurrent) errors.set('place', t('finder.error.territory_unknown', { value: input.territory }));
    } else if (input.place) {
      destination = resolveTerritory(index, input.place);
      if (!destination) {
        choices = matchTerritories(index, input.place);
        errors.set(
          'place',
          choices.length > 0 ? t('plan.error.choose_place') : t('plan.error.place_not_found', { text: input.place }),
        );
      }
    } else {
      errors.set('place', t('plan.error.place_missing'));
    }
    if (input.residence && !index.territories.get(input.residence)?.isCurrent)
      errors.set('residence', t('finder.error.residence_unknown', { value: input.residence }));
    if (errors.size > 0 || !destination) return renderPlanForm(c, { values, errors, choices }, 400);

    if (input.release_date) {
      setCookie(c, releaseDateCookie, input.release_date, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: shouldUseSecureCookies(c),
        maxAge: releaseDateLifetimeSeconds,
      });
    } else {
      deleteCookie(c, releaseDateCookie, { path: '/', secure: shouldUseSecureCookies(c) });
    }
    if (input.sex !== undefined || input.age !== undefined) {
      setCookie(c, personCookie, `${input.sex ?? ''}.${input.age ?? ''}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: shouldUseSecureCookies(c),
        maxAge: releaseDateLifetimeSeconds,
      });
    } else {
      deleteCookie(c, personCookie, { path: '/', secure: shouldUseSecureCookies(c) });
    }
    const query = planLinkQuery(
      { territory: destination.code, residence: input.residence, needs: input.needs },
      c.get('language'),
    );
    return c.redirect(`/plan/result?${query}`, 303);
  })
  .get('/plan/result', async (c) => {
    const link = parsePlanLink(c);
    if (!link) return renderBrokenLink(c);
    const choice: PlanChoice = {
      ...link,
      release_date: readReleaseDate(c) ?? undefined,
      ...readPerson(c),
      chosen: undefined,
      places: [],
      print: undefined,
    };
    return renderPlanPage(c, choice, 'review');
  })
  .post('/plan/result', async (c) => {
    const choice = await parseChoice(c);
    if (!choice) return renderBrokenLink(c);
    return renderPlanPage(c, choice, 'chosen');
  })
  .get('/plan.pdf', async (c) => {
    const link = parsePlanLink(c);
    if (!link) return renderBrokenLink(c);
    const choice: PlanChoice = {
      ...link,
      release_date: readReleaseDate(c) ?? undefined,
      ...readPerson(c),
      chosen: undefined,
      places: [],
      print: c.req.query('print') === 'large' ? 'large' : undefined,
    };
    return sendPlanPdf(c, choice);
  })
  .post('/plan.pdf', async (c) => {
    const choice = await parseChoice(c);
    if (!choice) return renderBrokenLink(c);
    return sendPlanPdf(c, choice);
  })
  .get('/staff/people/:id/plan.pdf', requireRole('referrer'), async (c) => {
    const personId = personIdSchema.safeParse(c.req.param('id'));
    if (!personId.success) throw new AppError('not_found', 'error.not_found');
    return sendPersonPlanPdf(c, personId.data);
  });

/** The review form's body, or null when it is broken (tampered codes, a wrong date): a 400 like a broken link. */
async function parseChoice(c: Context<AppEnvironment>): Promise<PlanChoice | null> {
  const body = await c.req.parseBody({ all: true });
  const parsed = planChoiceSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

async function renderPlanPage(c: Context<AppEnvironment>, choice: PlanChoice, mode: 'review' | 'chosen') {
  const t = c.get('t');
  const document = await planDocumentFor(c, choice);
  const query = planLinkQuery(choice, c.get('language'));
  const publicUrl = c.get('config').publicUrl;
  const page = PlanResultPage({
    c,
    t,
    document,
    query,
    shareUrl: `${publicUrl}/plan/result?${query}`,
    publicUrl,
    hasReleaseDate: choice.release_date !== undefined,
    mode,
    hidden: hiddenFields(choice),
    largePrint: choice.print === 'large',
  });
  return renderPage(c, document.title, page);
}

async function sendPlanPdf(c: Context<AppEnvironment>, choice: PlanChoice) {
  const t = c.get('t');
  const document = await planDocumentFor(c, choice);
  const largePrint = choice.print === 'large';
  const pdf = await renderPlanPdf(document, {
    pageLabel: (page, pages) => t('plan.pdf.page', { page, pages }),
    footerUrl: c.get('config').publicUrl,
    language: c.get('language'),
    largePrint,
  });
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${t(largePrint ? 'plan.pdf.file_name_large' : 'plan.pdf.file_name')}"`,
    // A plan describes one person's situation: no shared cache should keep it.
    'Cache-Control': 'private, no-store',
  });
}

/** What the review form carries from page to page: codes, and the person's answers only as form fields. */
function hiddenFields(choice: PlanChoice): PlanHiddenFields {
  const fields: PlanHiddenFields = [['territory', choice.territory]];
  if (choice.residence) fields.push(['residence', choice.residence]);
  for (const need of choice.needs) fields.push(['needs', need]);
  if (choice.release_date) fields.push(['release_date', choice.release_date]);
  if (choice.sex) fields.push(['sex', choice.sex]);
  if (choice.age !== undefined) fields.push(['age', String(choice.age)]);
  return fields;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The plan link's codes from the query; null when the link is broken (cut short, or a code changed). */
function parsePlanLink(c: Context<AppEnvironment>): PlanLink | null {
  const parsed = planLinkSchema.safeParse(collectPlanLinkParameters(c.req.queries()));
  return parsed.success ? parsed.data : null;
}

/** A broken plan link: one plain sentence and the way to make the plan again, status 400. */
function renderBrokenLink(c: Context<AppEnvironment>) {
  const t = c.get('t');
  return renderErrorPage(c, 400, t('plan.error.link'), [], { href: '/plan', label: t('nav.plan') });
}

function readReleaseDate(c: Context<AppEnvironment>): string | null {
  const value = getCookie(c, releaseDateCookie);
  return value !== undefined && releaseDateSchema.safeParse(value).success ? value : null;
}

function readPerson(c: Context<AppEnvironment>): Person {
  const [sex, age] = (getCookie(c, personCookie) ?? '').split('.');
  const parsedSex = planSexSchema.safeParse(sex);
  const parsedAge = planAgeSchema.safeParse(age);
  return {
    sex: parsedSex.success ? parsedSex.data : undefined,
    age: parsedAge.success ? parsedAge.data : undefined,
  };
}

async function planDocumentFor(c: Context<AppEnvironment>, choice: PlanChoice): Promise<PlanDocument> {
  return buildPlanDocument(
    c,
    {
      territoryCode: choice.territory,
      residenceCode: choice.residence ?? null,
      needs: choice.needs as HelpTypeCode[],
      sex: choice.sex,
      age: choice.age,
    },
    {
      t: c.get('t'),
      language: c.get('language'),
      releaseDate: choice.release_date ?? null,
      chosenPlaces: choice.chosen ? new Set(choice.places) : null,
    },
  );
}

/** Plan → words, in the language asked for (the reader's, or the person's when staff print it for them). */
async function buildPlanDocument(
  c: Context<AppEnvironment>,
  request: PlanRequest,
  words: {
    t: Translate;
    language: Language;
    releaseDate: string | null;
    chosenPlaces: ReadonlySet<string> | null;
    referralSummaries?: readonly PlanDocumentReferral[];
  },
): Promise<PlanDocument> {
  const made = await makePlan(c.get('db'), request);
  const plan = words.chosenPlaces ? keepChosenPlaces(made, words.chosenPlaces) : made;
  const serviceIds = plan.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => step.places.flatMap((place) => (place.serviceId ? [place.serviceId] : []))),
  );
  const bedWords = await describeBedsOfServices(
    c.get('db'),
    serviceIds,
    words.t,
    words.language,
    c.get('config').bedsStaleAfterSeconds,
  );
  return describePlan(plan, {
    t: words.t,
    language: words.language,
    releaseDate: words.releaseDate,
    today: latvianToday(),
    bedWords,
    ...(words.referralSummaries ? { referralSummaries: words.referralSummaries } : {}),
  });
}

/**
 * The release plan a referring team prints for a person (issue 11 item 7): in the person's language, for their
 * planned place of stay (else last declared residence), the needs of their open referrals and their expected
 * release date, opening with "Your referrals". Only the team that may read the person prints it; the print is
 * audited (referrals/referral-print.service.ts). The public plan above never carries any of this.
 */
async function sendPersonPlanPdf(c: Context<AppEnvironment>, personId: string) {
  const printed = await printReleasePlanForPerson(
    c.get('db'),
    c.get('keyring'),
    personId,
    signedInAccount(c),
    async (facts) => {
      if (!facts.territoryCode) throw new AppError('invalid_input', 'plan.error.person_no_place');
      const t = translatorFor(facts.language);
      const document = await buildPlanDocument(
        c,
        {
          territoryCode: facts.territoryCode,
          residenceCode: facts.residenceCode,
          needs: facts.needs,
          sex: undefined,
          age: undefined,
        },
        {
          t,
          language: facts.language,
          releaseDate: facts.releaseDate,
          chosenPlaces: null,
          referralSummaries: facts.summaries,
        },
      );
      return renderPlanPdf(document, {
        pageLabel: (page, pages) => t('plan.pdf.page', { page, pages }),
        footerUrl: c.get('config').publicUrl,
        language: facts.language,
      });
    },
  );
  return c.body(new Uint8Array(printed.pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="plan-${personId}.pdf"`,
    'Content-Language': printed.language,
    'Cache-Control': 'no-store',
  });
}

async function renderPlanForm(c: Context<AppEnvironment>, state: PlanFormState, status: 200 | 400 = 200) {
  const t = c.get('t');
  const index = await loadFinderIndex(c.get('db'));
  return renderPage(
    c,
    t('plan.title'),
    PlanFormPage({ c, t, municipalities: listFinderMunicipalities(index), ...state }),
    { status },
  );
}
