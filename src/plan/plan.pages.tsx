// The plan's pages: the form (also after an error, with the place to choose) and the plan with its ways to print,
// download and share. The plan's words come from plan.document.ts, which the PDF draws too.
import type { Context } from 'hono';
import type { Translate } from '../core/i18n.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { describedBy, FieldError, NeedsField, ResidenceField } from '../finder/finder.pages.js';
import type { FinderTerritory } from '../finder/finder.service.js';
import type { PlanDocument, PlanDocumentPlace } from './plan.document.js';

export type PlanFormValues = {
  release_date: string;
  sex: string;
  age: string;
  place: string;
  territory: string;
  residence: string;
  needs: string[];
};
export type FieldErrors = Map<string, string>;
/** The form as it is shown: what was typed, what is wrong, and the places to choose from when the typed one is unclear. */
export type PlanFormState = { values: PlanFormValues; errors: FieldErrors; choices: FinderTerritory[] };

/** The plan form under its heading and introduction. */
export function PlanFormPage(
  props: PlanFormState & { c: Context<AppEnvironment>; t: Translate; municipalities: readonly FinderTerritory[] },
) {
  const { t } = props;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: planStyle }} />
      <h1>{t('plan.title')}</h1>
      <p>{t('plan.intro')}</p>
      <PlanForm {...props} />
    </>
  );
}

/** The fields the review form carries: the link's codes and the person's own answers, never in a URL. */
export type PlanHiddenFields = Array<[name: string, value: string]>;

/**
 * The plan page. `review` (GET /plan/result): the plan with a checkbox by every place, and buttons that send the
 * choice by POST — the plan with the chosen places, its PDF, large print. `chosen` (POST /plan/result): the plan
 * with only those places, and the same buttons again. Sharing offers the link of codes only.
 */
export function PlanResultPage(props: {
  c: Context<AppEnvironment>;
  t: Translate;
  document: PlanDocument;
  query: string;
  shareUrl: string;
  publicUrl: string;
  hasReleaseDate: boolean;
  mode: 'review' | 'chosen';
  hidden: PlanHiddenFields;
  largePrint: boolean;
}) {
  const { t, document } = props;
  const review = props.mode === 'review';
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: planStyle }} />
      <form method="post" action="/plan/result" class="plan-choice">
        <CsrfField c={props.c} />
        {props.hidden.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="chosen" value="1" />
        {review ? (
          <div class="no-print review-intro">
            <p class="review-title">
              <strong>{t('plan.review.title')}</strong>
            </p>
            <p class="hint">{t('plan.review.hint')}</p>
          </div>
        ) : (
          <>
            {document.stages
              .flatMap((stage) => stage.steps.flatMap((step) => step.places))
              .flatMap((place) => (place.key ? [<input type="hidden" name="places" value={place.key} />] : []))}
            <p class="hint no-print">{t('plan.chosen.note')}</p>
          </>
        )}
        <PlanView document={document} choose={review} t={t} largePrint={props.largePrint} />
        {/* On paper, the way back to the site: the link itself holds nothing personal. */}
        <p class="print-only made-on">{t('plan.print_footer', { url: props.publicUrl })}</p>
        {props.hasReleaseDate && <p class="hint no-print">{t('plan.date_note')}</p>}
        <div class="actions no-print">
          {review && <button type="submit">{t('plan.actions.show_chosen')}</button>}
          <button type="submit" formaction="/plan.pdf" class={review ? 'secondary' : undefined}>
            {t('plan.actions.pdf')}
          </button>
          <button type="submit" formaction="/plan.pdf" name="print" value="large" class="secondary">
            {t('plan.actions.pdf_large')}
          </button>
          {!props.largePrint && (
            <button type="submit" name="print" value="large" class="secondary">
              {t('plan.actions.page_large')}
            </button>
          )}
        </div>
      </form>
      <div class="actions no-print">
        {!review && (
          <a class="button secondary" href={`/plan/result?${props.query}`}>
            {t('plan.actions.choose_again')}
          </a>
        )}
        <a class="button secondary" href={`/plan?${props.query}`}>
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
          <input type="text" id="share-link" readonly value={props.shareUrl} aria-describedby="share-link-hint" />
        </div>
        {/* The phone's own messaging and mail apps send it: nothing goes through us, nothing is stored. */}
        <p class="actions">
          <a class="button secondary" href={`sms:?body=${encodeURIComponent(`${document.title}: ${props.shareUrl}`)}`}>
            {t('plan.share.sms')}
          </a>
          <a
            class="button secondary"
            href={`mailto:?subject=${encodeURIComponent(document.title)}&body=${encodeURIComponent(props.shareUrl)}`}
          >
            {t('plan.share.email')}
          </a>
        </p>
      </section>
    </>
  );
}

function PlanForm(
  props: PlanFormState & { c: Context<AppEnvironment>; t: Translate; municipalities: readonly FinderTerritory[] },
) {
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
        <input
          type="date"
          id="release_date"
          name="release_date"
          value={values.release_date}
          aria-describedby={describedBy('release_date', errors)}
        />
      </div>
      <fieldset id="sex" class={`field sex-choice${errors.has('sex') ? ' has-error' : ''}`} aria-describedby="sex-hint">
        <legend>{t('plan.form.sex')}</legend>
        <p class="hint" id="sex-hint">
          {t('plan.form.sex_hint')}
        </p>
        <FieldError id="sex" errors={errors} />
        {(['any', 'female', 'male'] as const).map((sex) => (
          <label>
            <input
              type="radio"
              name="sex"
              value={sex}
              checked={sex === 'any' ? !['female', 'male'].includes(values.sex) : values.sex === sex}
            />
            <span>{t(`finder.form.sex_${sex}`)}</span>
          </label>
        ))}
      </fieldset>
      <div class={`field${errors.has('age') ? ' has-error' : ''}`}>
        <label for="age">{t('plan.form.age')}</label>
        <p class="hint" id="age-hint">
          {t('plan.form.age_hint')}
        </p>
        <FieldError id="age" errors={errors} />
        <input
          type="text"
          inputmode="numeric"
          id="age"
          name="age"
          size={4}
          maxlength={3}
          value={values.age}
          autocomplete="off"
          aria-describedby={describedBy('age', errors)}
        />
      </div>
      <div class={`field${errors.has('place') ? ' has-error' : ''}`}>
        <label for="place">{t('plan.form.place')}</label>
        <p class="hint" id="place-hint">
          {t('plan.form.place_hint')}
        </p>
        <FieldError id="place" errors={errors} />
        <input
          type="text"
          id="place"
          name="place"
          value={values.place}
          autocomplete="off"
          aria-describedby={describedBy('place', errors)}
        />
      </div>
      {props.choices.length > 0 && (
        <fieldset id="territory" class="place-choices">
          <legend>{t('plan.form.choose_place', { text: values.place })}</legend>
          {props.choices.map((territory, position) => (
            <label>
              <input type="radio" name="territory" value={territory.code} checked={position === 0} />
              <span>
                {territory.level === 2 ? `${territory.name} (${territory.municipalityName})` : territory.name}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <ResidenceField
        t={t}
        texts="plan"
        municipalities={props.municipalities}
        value={values.residence}
        errors={errors}
      />
      <NeedsField t={t} texts="plan" chosen={values.needs} errors={errors} />
      <div class="actions">
        <button type="submit">{t('plan.form.submit')}</button>
      </div>
    </form>
  );
}

/** The plan itself: facts, then stage by stage, step by step; the same words the PDF prints. */
function PlanView(props: { document: PlanDocument; choose: boolean; t: Translate; largePrint: boolean }) {
  const { document } = props;
  return (
    <article class={props.largePrint ? 'plan large-print' : 'plan'}>
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
                    <PlaceItem place={place} demoBadge={document.demoBadge} choose={props.choose} t={props.t} />
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
                        <strong lang={place.nameLanguage}>{place.name}</strong>
                        {place.detail && (
                          <>
                            {' — '}
                            <span lang={place.detailLanguage}>{place.detail}</span>
                          </>
                        )}
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

function PlaceItem(props: { place: PlanDocumentPlace; demoBadge: string; choose: boolean; t: Translate }) {
  const { place } = props;
  return (
    <li class="plan-place">
      {props.choose && place.key && (
        <label class="choose-place no-print">
          <input type="checkbox" name="places" value={place.key} checked />
          <span>{props.t('plan.review.include', { name: place.name })}</span>
        </label>
      )}
      <span class="place-name">
        <strong lang={place.nameLanguage}>{place.href ? <a href={place.href}>{place.name}</a> : place.name}</strong>
        {place.detail && (
          <>
            {' — '}
            <span lang={place.detailLanguage}>{place.detail}</span>
          </>
        )}{' '}
        {place.isDemo && <span class="badge demo">{props.demoBadge}</span>}
      </span>
      {place.lines.map((line) => (
        <span class="place-line">
          {line.label && <span class="line-label">{line.label}: </span>}
          {line.href ? <a href={line.href}>{line.text}</a> : <span lang={line.language}>{line.text}</span>}
          {line.note && <span class="in-latvian"> {line.note}</span>}
        </span>
      ))}
    </li>
  );
}

// Screen: roomy enough for a phone. Print: A4, small type, no navigation, so a typical plan fits 1–2 pages.
const planStyle = `
.plan-form .needs label { font-weight: 400; }
.sex-choice label, .choose-place { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; font-weight: 400; }
.choose-place { font-weight: 600; }
.review-intro { border: 2px solid var(--accent); padding: 0.5rem 0.75rem; margin: 0.5rem 0 1rem; }
.review-intro p { margin: 0.25rem 0; }
.plan.large-print { font-size: 1.4rem; line-height: 1.5; }
.plan.large-print h1 { font-size: 2.1rem; }
.plan.large-print h2 { font-size: 1.8rem; }
.plan.large-print h3 { font-size: 1.6rem; }
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
  :root { font-size: 11pt; line-height: 1.3; }
  .plan.large-print { font-size: 16pt; }
  .site-header { padding: 0 0 2pt; }
  .site-name { font-size: 10pt; }
  main { padding: 0; }
  h1 { font-size: 15pt; margin: 0 0 3pt; }
  .plan-facts { margin-bottom: 4pt; }
  .plan-stage { margin-top: 6pt; border-top-width: 2px; }
  .plan-stage h2 { font-size: 13pt; margin: 3pt 0 1pt; }
  .stage-number { background: none; color: var(--ink); border: 1.5px solid var(--ink); }
  .plan-step { margin: 2pt 0 4pt; }
  .plan-step h3 { font-size: 12pt; margin: 0; break-after: avoid; }
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
