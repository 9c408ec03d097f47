import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { shouldUseSecureCookies } from '../accounts/session.middleware.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderErrorPage } from '../http/error-page.js';
import type { Translate } from '../core/i18n.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import type { HelpTypeCode } from '../registry/help-types.js';
import { describedBy, FieldError, NeedsField, needsInFormOrder, ResidenceField } from '../finder/finder.pages.js';
import { listFinderMunicipalities, loadFinderIndex, matchTerritories, resolveTerritory, type FinderTerritory } from '../finder/finder.service.js';
import { describePlan, type PlanDocument, type PlanDocumentPlace } from './plan.document.js';
import { renderPlanPdf } from './plan.pdf.js';
import { collectPlanLinkParameters, planFormSchema, planLinkQuery, planLinkSchema, releaseDateSchema, type PlanLink } from './plan.schema.js';
import { makePlan } from './plan.service.js';

navigationLinks.push((c) => ({ href: '/plan', label: c.get('t')('nav.plan') }));

// The release date never enters a URL, a log or the database: it lives for two hours in a cookie of the browser
// that typed it, so this browser's page, printout and PDF can show it (docs/decisions/007-plan-links-and-map.md).
const releaseDateCookie = 'atlas_plan_release';
const releaseDateLifetimeSeconds = 2 * 60 * 60;

type PlanFormValues = { release_date: string; place: string; territory: string; residence: string; needs: string[] };
type FieldErrors = Map<string, string>;
const emptyValues: PlanFormValues = { release_date: '', place: '', territory: '', residence: '', needs: [] };

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
    }
    return renderPlanForm(c, { values, errors: new Map(), choices: [] });
  })
  .post('/plan', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const values: PlanFormValues = {
      release_date: text(body.release_date),
      place: text(body.place),
      territory: text(body.territory),
      residence: text(body.residence),
      needs: (Array.isArray(body.needs) ? body.needs : body.needs === undefined ? [] : [body.needs]).filter((value): value is string => typeof value === 'string'),
    };
    const parsed = planFormSchema.safeParse(values);
    const errors: FieldErrors = new Map();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (errors.has(field)) continue;
        if (field === 'release_date') errors.set(field, t('plan.error.release_date'));
        else if (field === 'place' || field === 'territory') errors.set('place', t('plan.error.place_not_found', { text: values.place }));
        else if (field === 'residence') errors.set(field, t('finder.error.residence_unknown', { value: values.residence }));
        else errors.set('needs', t('finder.error.needs_unknown', { value: values.needs.join(', '), allowed: needsInFormOrder.join(', ') }));
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
        errors.set('place', choices.length > 0 ? t('plan.error.choose_place') : t('plan.error.place_not_found', { text: input.place }));
      }
    } else {
      errors.set('place', t('plan.error.place_missing'));
    }
    if (input.residence && !index.territories.get(input.residence)?.isCurrent) errors.set('residence', t('finder.error.residence_unknown', { value: input.residence }));
    if (errors.size > 0 || !destination) return renderPlanForm(c, { values, errors, choices }, 400);

    if (input.release_date) {
      setCookie(c, releaseDateCookie, input.release_date, { path: '/', httpOnly: true, sameSite: 'Lax', secure: shouldUseSecureCookies(c), maxAge: releaseDateLifetimeSeconds });
    } else {
      deleteCookie(c, releaseDateCookie, { path: '/', secure: shouldUseSecureCookies(c) });
    }
    const query = planLinkQuery({ territory: destination.code, residence: input.residence, needs: input.needs }, c.get('language'));
    return c.redirect(`/plan/result?${query}`, 303);
  })
  .get('/plan/result', async (c) => {
    const t = c.get('t');
    const link = parsePlanLink(c);
    if (!link) return renderBrokenLink(c);
    const releaseDate = readReleaseDate(c);
    const document = await planDocumentFor(c, link, releaseDate);
    const query = planLinkQuery(link, c.get('language'));
    const shareUrl = `${c.get('config').publicUrl}/plan/result?${query}`;
    return renderPage(
      c,
      document.title,
      <>
        <style dangerouslySetInnerHTML={{ __html: planStyle }} />
        <PlanView document={document} />
        {/* On paper, the way back to the site: the link itself holds nothing personal. */}
        <p class="print-only made-on">{t('plan.print_footer', { url: c.get('config').publicUrl })}</p>
        {releaseDate && <p class="hint no-print">{t('plan.date_note')}</p>}
        <div class="actions no-print">
          <a class="button" href={`/plan.pdf?${query}`} download>
            {t('plan.actions.pdf')}
          </a>
          <a class="button secondary" href={`/plan?${query}`}>
            {t('plan.actions.change')}
          </a>
        </div>
        <p class="hint no-print">{t('plan.actions.print_hint')}</p>
        <section class="no-print share" aria-labelledby="share-title">
          <h2 id="share-title">{t('plan.share.title')}</h2>
          <div class="field">
            <label for="share-link">{t('plan.share.label')}</label>
            <p class="hint" id="share-link-hint">
              {t('plan.share.hint')}
            </p>
            <input type="text" id="share-link" readonly value={shareUrl} aria-describedby="share-link-hint" />
          </div>
          {/* The phone's own messaging and mail apps send it: nothing goes through us, nothing is stored. */}
          <p class="actions">
            <a class="button secondary" href={`sms:?body=${encodeURIComponent(`${document.title}: ${shareUrl}`)}`}>
              {t('plan.share.sms')}
            </a>
            <a class="button secondary" href={`mailto:?subject=${encodeURIComponent(document.title)}&body=${encodeURIComponent(shareUrl)}`}>
              {t('plan.share.email')}
            </a>
          </p>
        </section>
      </>,
    );
  })
  .get('/plan.pdf', async (c) => {
    const t = c.get('t');
    const link = parsePlanLink(c);
    if (!link) return renderBrokenLink(c);
    const document = await planDocumentFor(c, link, readReleaseDate(c));
    const pdf = await renderPlanPdf(document, { pageLabel: (page, pages) => t('plan.pdf.page', { page, pages }), footerUrl: c.get('config').publicUrl, language: c.get('language') });
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${t('plan.pdf.file_name')}"`,
      // A plan describes one person's situation: no shared cache should keep it.
      'Cache-Control': 'private, no-store',
    });
  });

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

async function planDocumentFor(c: Context<AppEnvironment>, link: PlanLink, releaseDate: string | null): Promise<PlanDocument> {
  const plan = await makePlan(c.get('db'), { territoryCode: link.territory, residenceCode: link.residence ?? null, needs: link.needs as HelpTypeCode[] });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
  return describePlan(plan, { t: c.get('t'), language: c.get('language'), releaseDate, today });
}

async function renderPlanForm(c: Context<AppEnvironment>, state: { values: PlanFormValues; errors: FieldErrors; choices: FinderTerritory[] }, status: 200 | 400 = 200) {
  const t = c.get('t');
  const index = await loadFinderIndex(c.get('db'));
  return renderPage(
    c,
    t('plan.title'),
    <>
      <style dangerouslySetInnerHTML={{ __html: planStyle }} />
      <h1>{t('plan.title')}</h1>
      <p>{t('plan.intro')}</p>
      <PlanForm c={c} t={t} municipalities={listFinderMunicipalities(index)} {...state} />
    </>,
    { status },
  );
}

function PlanForm(props: { c: Context<AppEnvironment>; t: Translate; municipalities: readonly FinderTerritory[]; values: PlanFormValues; errors: FieldErrors; choices: FinderTerritory[] }) {
  const { t, values, errors } = props;
  return (
    <form method="post" action="/plan" class="plan-form" novalidate>
      <CsrfField c={props.c} />
      {errors.size > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('plan.error.title')}</h2>
          <ul>
            {[...errors].map(([field, message]) => (
              <li>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class={`field${errors.has('release_date') ? ' has-error' : ''}`}>
        <label for="release_date">{t('plan.form.release_date')}</label>
        <p class="hint" id="release_date-hint">
          {t('plan.form.release_date_hint')}
        </p>
        <FieldError id="release_date" errors={errors} />
        <input type="date" id="release_date" name="release_date" value={values.release_date} aria-describedby={describedBy('release_date', errors)} />
      </div>
      <div class={`field${errors.has('place') ? ' has-error' : ''}`}>
        <label for="place">{t('plan.form.place')}</label>
        <p class="hint" id="place-hint">
          {t('plan.form.place_hint')}
        </p>
        <FieldError id="place" errors={errors} />
        <input type="text" id="place" name="place" value={values.place} autocomplete="off" aria-describedby={describedBy('place', errors)} />
      </div>
      {props.choices.length > 0 && (
        <fieldset id="territory" class="place-choices">
          <legend>{t('plan.form.choose_place', { text: values.place })}</legend>
          {props.choices.map((territory, position) => (
            <label>
              <input type="radio" name="territory" value={territory.code} checked={position === 0} />
              <span>{territory.level === 2 ? `${territory.name} (${territory.municipalityName})` : territory.name}</span>
            </label>
          ))}
        </fieldset>
      )}
      <ResidenceField t={t} texts="plan" municipalities={props.municipalities} value={values.residence} errors={errors} />
      <NeedsField t={t} texts="plan" chosen={values.needs} errors={errors} />
      <div class="actions">
        <button type="submit">{t('plan.form.submit')}</button>
      </div>
    </form>
  );
}

/** The plan itself: facts, then stage by stage, step by step; the same words the PDF prints. */
function PlanView(props: { document: PlanDocument }) {
  const { document } = props;
  return (
    <article class="plan">
      <h1>{document.title}</h1>
      <ul class="plan-facts">
        {document.facts.map((fact) => (
          <li>{fact}</li>
        ))}
        <li class="made-on">{document.madeOn}</li>
      </ul>
      {document.warning && <p class="notice warning">{document.warning}</p>}
      <p class="plan-advice">{document.advice}</p>
      {document.stages.map((stage) => (
        <section class="plan-stage" aria-labelledby={`stage-${stage.number}`}>
          <h2 id={`stage-${stage.number}`}>
            <span class="stage-number" aria-hidden="true">
              {stage.number}
            </span>{' '}
            {stage.heading}
          </h2>
          {stage.note && <p class="stage-note">{stage.note}</p>}
          {stage.steps.map((step) => (
            <section class="plan-step">
              <h3>{step.title}</h3>
              <p class="todo">{step.todo}</p>
              <p class="bring">
                <strong>{document.bringLabel}:</strong> {step.bring}
              </p>
              {step.places.length > 0 && (
                <ul class="plan-places">
                  {step.places.map((place) => (
                    <PlaceItem place={place} demoBadge={document.demoBadge} />
                  ))}
                </ul>
              )}
              {step.placesNote && <p class="places-note">{step.placesNote}</p>}
              {step.more && (
                <p class="more no-print">
                  <a href={step.more.href}>{step.more.text}</a>
                </p>
              )}
              {step.notForYou.length > 0 && (
                <div class="not-for-you">
                  <p>{document.notForYouLabel}</p>
                  <ul>
                    {step.notForYou.map((place) => (
                      <li>
                        <strong>{place.name}</strong>
                        {place.detail && ` — ${place.detail}`}
                        {place.reason && <span class="reason">: {place.reason}</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
          ))}
        </section>
      ))}
    </article>
  );
}

function PlaceItem(props: { place: PlanDocumentPlace; demoBadge: string }) {
  const { place } = props;
  return (
    <li class="plan-place">
      <span class="place-name">
        <strong>{place.href ? <a href={place.href}>{place.name}</a> : place.name}</strong>
        {place.detail && ` — ${place.detail}`} {place.isDemo && <span class="badge demo">{props.demoBadge}</span>}
      </span>
      {place.lines.map((line) => (
        <span class="place-line">
          {line.label && <span class="line-label">{line.label}: </span>}
          {line.href ? <a href={line.href}>{line.text}</a> : line.text}
        </span>
      ))}
    </li>
  );
}

// Screen: roomy enough for a phone. Print: A4, small type, no navigation, so a typical plan fits 1–2 pages.
const planStyle = `
.plan-form .needs label { font-weight: 400; }
.place-choices label { font-weight: 400; }
.plan-facts { list-style: none; padding: 0; margin: 0 0 1rem; }
.plan-facts li { margin: 0.1rem 0; }
.plan-advice { font-weight: 600; }
.plan-stage { border-top: 3px solid var(--accent); margin-top: 1.25rem; }
.plan-stage h2 { margin-top: 0.6rem; }
.stage-number { display: inline-block; min-width: 1.6em; height: 1.6em; line-height: 1.6em; border-radius: 50%; background: var(--accent); color: var(--accent-ink); text-align: center; font-size: 0.9em; }
.stage-note { font-style: italic; }
.plan-step { margin: 0.75rem 0 1rem; }
.plan-step h3 { margin-bottom: 0.2rem; }
.plan-step p { margin: 0.25rem 0; }
.plan-places { list-style: none; padding: 0; margin: 0.4rem 0; }
.plan-place { border-left: 4px solid var(--accent); padding: 0.2rem 0 0.2rem 0.6rem; margin: 0.4rem 0; overflow-wrap: anywhere; }
.place-name, .place-line { display: block; }
.line-label { font-weight: 600; }
.not-for-you { border-left: 4px solid var(--danger); padding-left: 0.6rem; margin: 0.4rem 0; }
.not-for-you p { font-weight: 600; }
.not-for-you ul { margin: 0.2rem 0; padding-left: 1rem; }
.made-on { color: var(--muted); font-size: 0.9rem; }
.share input { font-size: 0.85rem; }
@page { size: A4; margin: 10mm 11mm 12mm; }
.print-only { display: none; }
@media print {
  .print-only { display: block; }
  :root { font-size: 8.8pt; line-height: 1.25; }
  .site-header { padding: 0 0 2pt; }
  .site-name { font-size: 9pt; }
  main { padding: 0; }
  h1 { font-size: 13pt; margin: 0 0 3pt; }
  .plan-facts { margin-bottom: 4pt; }
  .plan-stage { margin-top: 6pt; border-top-width: 2px; }
  .plan-stage h2 { font-size: 11pt; margin: 3pt 0 1pt; }
  .stage-number { background: none; color: var(--ink); border: 1.5px solid var(--ink); }
  .plan-step { margin: 2pt 0 4pt; }
  .plan-step h3 { font-size: 9.8pt; margin: 0; }
  .plan-step p { margin: 1pt 0; }
  .plan-step .todo, .plan-step .bring { display: inline; }
  .plan-step .bring::before { content: " "; }
  .plan-places { clear: both; }
  .notice { padding: 2pt 6pt; margin: 3pt 0; border-left-width: 3px; }
  .plan-advice { margin: 2pt 0; }
  .plan-places { margin: 2pt 0; }
  .plan-place { margin: 2pt 0; padding: 0 0 0 5pt; border-left-width: 2px; break-inside: avoid; }
  .place-line { display: inline; }
  .place-line + .place-line::before { content: " · "; }
  .not-for-you { border-left-width: 2px; padding-left: 5pt; }
  .badge { border: 1px solid var(--ink); }
}
`;
