// The finder's pages: the search form (also the home page), the results, and "which place do you mean?".
// Server-rendered, plain GET forms: they work without JavaScript, give shareable result URLs holding only codes,
// fit a 360 px phone and print as a clean list.
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { helpTypeCodes } from '../registry/help-types.js';
import type { FinderIndex, FinderTerritory } from './finder-index.js';
import { describeHours, describeReason, describeWhoMayCome, isOpenNow, languageName } from './finder.output.js';
import type { FinderHit, FinderResult } from './finder.service.js';

/** The needs in the order a person just out of prison meets them: tonight, papers, money, then the longer road. */
export const needsInFormOrder = ['shelter', 'documents', 'material', 'employment', 'legal', 'housing', 'drugs', 'alcohol', 'psychological', 'other', 'programme'] as const;
// Every help type must be offered; a new one added to the registry would otherwise be unreachable.
if (needsInFormOrder.length !== helpTypeCodes.length) throw new Error('finder form must list every help type');

/** What the form shows: the values as typed or chosen (strings, since they may be wrong). */
export type FinderFormValues = { needs: string[]; place: string; territory: string; residence: string; q: string; sex: string; age: string };
export const emptyFormValues: FinderFormValues = { needs: [], place: '', territory: '', residence: '', q: '', sex: '', age: '' };

export type FieldErrors = Map<string, string>;

// Small page-specific styles; the shared site.css carries the rest (fields, cards, print rules).
const finderStyles = `
.needs label{font-weight:400}
.result-group{margin-top:1.5rem}
.result-group>h2{border-bottom:2px solid var(--line);padding-bottom:.2rem}
.card .organization{margin:0 0 .4rem;color:var(--muted)}
.card dl{display:grid;grid-template-columns:minmax(6.5rem,max-content) 1fr;gap:.2rem .75rem;margin:.5rem 0 0}
.card dt{font-weight:600}
.card dd{margin:0;overflow-wrap:anywhere}
.open-now{color:var(--ok);font-weight:700}
.closed-now{color:var(--muted);font-weight:700}
.reason{border-left:5px solid var(--danger);padding-left:.6rem;font-weight:600}
.not-eligible .card{background:#fafafa}
/* A phone: label and value on one line, so a card is about half as tall. */
@media (max-width:30rem){.card dl{display:block}.card dt{display:inline}.card dt::after{content:": "}.card dd{display:inline}.card dd::after{content:"";display:block;margin-bottom:.3rem}}
@media print{.finder-form,.pager{display:none!important}.card{border-color:#888}}
`;

/** The finder's own CSS, inline; raw, because JSX escaping would turn the child combinator `>` into `&gt;`. */
export function FinderStyles() {
  return <style dangerouslySetInnerHTML={{ __html: finderStyles }} />;
}

function ErrorSummary(props: { t: Translate; errors: FieldErrors }) {
  if (props.errors.size === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{props.t('finder.error.title')}</h2>
      <ul>
        {[...props.errors].map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's error message, linked to the field by its id. */
export function FieldError(props: { id: string; errors: FieldErrors }) {
  const message = props.errors.get(props.id);
  return message ? (
    <p class="field-error" id={`${props.id}-error`}>
      {message}
    </p>
  ) : null;
}

/** The ids a field's aria-describedby names: its hint, and its error when it has one. */
export function describedBy(id: string, errors: FieldErrors): string {
  return errors.has(id) ? `${id}-hint ${id}-error` : `${id}-hint`;
}

/** "Where was your last declared address?": a municipality or "I don't know", in the finder and the plan form. */
export function ResidenceField(props: { t: Translate; texts: 'finder' | 'plan'; municipalities: readonly FinderTerritory[]; value: string; errors: FieldErrors }) {
  const { t, texts, errors } = props;
  return (
    <div class={`field${errors.has('residence') ? ' has-error' : ''}`}>
      <label for="residence">{t(`${texts}.form.residence`)}</label>
      <p class="hint" id="residence-hint">
        {t(`${texts}.form.residence_hint`)}
      </p>
      <FieldError id="residence" errors={errors} />
      <select id="residence" name="residence" aria-describedby={describedBy('residence', errors)}>
        <option value="">{t(`${texts}.form.residence_unknown`)}</option>
        {props.municipalities.map((territory) => (
          <option value={territory.code} selected={props.value === territory.code}>
            {territory.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The needs as checkboxes, in plain words, with the form's own question and hint. */
export function NeedsField(props: { t: Translate; texts: 'finder' | 'plan'; chosen: readonly string[]; errors: FieldErrors }) {
  const { t, texts, errors } = props;
  return (
    <fieldset id="needs" class={`needs${errors.has('needs') ? ' has-error' : ''}`} aria-describedby={describedBy('needs', errors)}>
      <legend>{t(`${texts}.form.needs`)}</legend>
      <p class="hint" id="needs-hint">
        {t(`${texts}.form.needs_hint`)}
      </p>
      <FieldError id="needs" errors={errors} />
      {needsInFormOrder.map((code) => (
        <label>
          <input type="checkbox" name="needs" value={code} checked={props.chosen.includes(code)} />
          <span>{t(`finder.need.${code}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The search form: needs as checkboxes, a place typed or chosen, the optional residence, words, sex and age. */
export function FinderForm(props: { t: Translate; municipalities: readonly FinderTerritory[]; values: FinderFormValues; errors: FieldErrors }) {
  const { t, values, errors } = props;
  const moreIsOpen = values.sex !== '' || values.age !== '' || errors.has('sex') || errors.has('age');
  return (
    <form method="get" action="/find" class="finder-form" novalidate>
      <ErrorSummary t={t} errors={errors} />
      <NeedsField t={t} texts="finder" chosen={values.needs} errors={errors} />
      <div class={`field${errors.has('place') ? ' has-error' : ''}`}>
        <label for="place">{t('finder.form.place')}</label>
        <p class="hint" id="place-hint">
          {t('finder.form.place_hint')}
        </p>
        <FieldError id="place" errors={errors} />
        <input type="text" id="place" name="place" value={values.place} autocomplete="address-level2" aria-describedby={describedBy('place', errors)} />
      </div>
      <div class={`field${errors.has('territory') ? ' has-error' : ''}`}>
        <label for="territory">{t('finder.form.place_select')}</label>
        <FieldError id="territory" errors={errors} />
        <select id="territory" name="territory">
          <option value="">{t('finder.form.choose')}</option>
          {props.municipalities.map((territory) => (
            <option value={territory.code} selected={values.territory === territory.code}>
              {territory.name}
            </option>
          ))}
        </select>
      </div>
      <ResidenceField t={t} texts="finder" municipalities={props.municipalities} value={values.residence} errors={errors} />
      <div class={`field${errors.has('q') ? ' has-error' : ''}`}>
        <label for="q">{t('finder.form.keywords')}</label>
        <p class="hint" id="q-hint">
          {t('finder.form.keywords_hint')}
        </p>
        <FieldError id="q" errors={errors} />
        <input type="search" id="q" name="q" value={values.q} maxlength={200} aria-describedby={describedBy('q', errors)} />
      </div>
      <details open={moreIsOpen}>
        <summary>{t('finder.form.more')}</summary>
        <div class={`field${errors.has('sex') ? ' has-error' : ''}`}>
          <label for="sex">{t('finder.form.sex')}</label>
          <FieldError id="sex" errors={errors} />
          <select id="sex" name="sex">
            <option value="">{t('finder.form.sex_any')}</option>
            <option value="female" selected={values.sex === 'female'}>
              {t('finder.form.sex_female')}
            </option>
            <option value="male" selected={values.sex === 'male'}>
              {t('finder.form.sex_male')}
            </option>
          </select>
        </div>
        <div class={`field${errors.has('age') ? ' has-error' : ''}`}>
          <label for="age">{t('finder.form.age')}</label>
          <FieldError id="age" errors={errors} />
          <input type="number" id="age" name="age" min={0} max={120} inputmode="numeric" value={values.age} />
        </div>
      </details>
      <div class="actions">
        <button type="submit">{t('finder.form.submit')}</button>
      </div>
    </form>
  );
}

/** The tel: link target: digits and a leading plus only. */
function telephoneHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}

function ServiceCard(props: { hit: FinderHit; index: FinderIndex; t: Translate; language: Language; now: { day: number; minute: number }; showReason: boolean }) {
  const { hit, index, t, language } = props;
  const { service, listing } = hit;
  const open = isOpenNow(hit, props.now);
  const hours = describeHours(hit, language, t);
  const helpTypeLabels = service.helpTypes.map((code) => index.helpTypeLabels.get(code)?.[language] ?? code).join(', ');
  const offers = [helpTypeLabels, service.description].filter((part) => part !== '').join('. ');
  const place = [listing.address, hit.territory && !listing.address?.includes(hit.territory.name) ? hit.territory.name : null].filter(Boolean).join(', ');
  return (
    <article class="card">
      <h3>{service.name}</h3>
      <p class="organization">
        {service.organizationId ? <a href={`/institutions/${service.organizationId}`}>{service.organizationName}</a> : service.organizationName}
        {service.isDemo && (
          <>
            {' '}
            <span class="badge demo">{t('finder.card.demo')}</span>
          </>
        )}
      </p>
      {props.showReason && (
        <p class="reason">
          {t('finder.card.reason')}: {hit.reasons.map((reason) => describeReason(reason, t)).join(' ')}
        </p>
      )}
      <dl>
        <dt>{t('finder.card.offers')}</dt>
        <dd>{offers}</dd>
        <dt>{t('finder.card.who')}</dt>
        <dd>{describeWhoMayCome(hit, index, language, t)}</dd>
        {place !== '' && (
          <>
            <dt>{t('finder.card.address')}</dt>
            <dd>{place}</dd>
          </>
        )}
        {listing.phones.length > 0 && (
          <>
            <dt>{t('finder.card.phone')}</dt>
            <dd>
              {listing.phones.map((number, position) => (
                <>
                  {position > 0 && ', '}
                  <a href={telephoneHref(number)}>{number}</a>
                </>
              ))}
            </dd>
          </>
        )}
        {(hours !== '' || open !== null) && (
          <>
            <dt>{t('finder.card.hours')}</dt>
            <dd>
              {hours}
              {open !== null && (
                // On paper "open now" would be wrong by the time anyone reads it.
                <span class="no-print">
                  {' · '}
                  <span class={open ? 'open-now' : 'closed-now'}>{t(open ? 'finder.card.open_now' : 'finder.card.closed_now')}</span>
                </span>
              )}
            </dd>
          </>
        )}
        {service.documents.length > 0 && (
          <>
            <dt>{t('finder.card.documents')}</dt>
            <dd>{service.documents.join(', ')}</dd>
          </>
        )}
        {service.languages.length > 0 && (
          <>
            <dt>{t('finder.card.languages')}</dt>
            <dd>{service.languages.map((spoken) => languageName(spoken, language)).join(', ')}</dd>
          </>
        )}
        {service.capacityBeds !== null && (
          <>
            <dt>{t('finder.card.beds')}</dt>
            <dd>{service.capacityBeds}</dd>
          </>
        )}
        <dt>{t('finder.card.verified')}</dt>
        <dd>{service.lastVerifiedOn ?? t('finder.card.not_verified')}</dd>
      </dl>
    </article>
  );
}

/** Results grouped by municipality, in the order the search gave (nearest first). */
function ResultGroups(props: { hits: FinderHit[]; index: FinderIndex; t: Translate; language: Language; now: { day: number; minute: number }; showReason: boolean; origin: FinderTerritory | null }) {
  const groups: { key: string; heading: string; hits: FinderHit[] }[] = [];
  for (const hit of props.hits) {
    const key = hit.municipality?.code ?? '';
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const distance = hit.distanceKilometres === null ? 0 : Math.round(hit.distanceKilometres);
      const heading = hit.municipality
        ? distance > 0
          ? `${hit.municipality.name} · ${props.t('finder.results.distance', { km: distance })}`
          : hit.municipality.name
        : props.t('finder.results.no_place_group');
      group = { key, heading, hits: [] };
      groups.push(group);
    }
    group.hits.push(hit);
  }
  return (
    <>
      {groups.map((group) => (
        <section class="result-group">
          <h2>{group.heading}</h2>
          {group.hits.map((hit) => (
            <ServiceCard hit={hit} index={props.index} t={props.t} language={props.language} now={props.now} showReason={props.showReason} />
          ))}
        </section>
      ))}
    </>
  );
}

/** The results page body: what was found near the place, the not-eligible list apart, paging and a way back. */
export function FinderResults(props: {
  result: FinderResult;
  index: FinderIndex;
  t: Translate;
  language: Language;
  now: { day: number; minute: number };
  changeSearchHref: string;
  previousHref: string | null;
  nextHref: string | null;
  /** The person asked for a bed tonight: say what to do if none of these works out. */
  askedForShelter: boolean;
}) {
  const { result, t } = props;
  const origin = result.origin;
  return (
    <>
      <h1>{t('finder.results.title')}</h1>
      <p>{t('finder.results.count', { count: result.totalEligible })}</p>
      {origin && result.totalEligible > 0 && <p>{t('finder.results.near', { place: origin.name })}</p>}
      {!origin && result.totalEligible > 0 && <p>{t('finder.results.everywhere')}</p>}
      {result.totalEligible === 0 && <p class="notice warning">{t('finder.results.none')}</p>}
      {result.totalEligible > 0 && result.matchInTerritory === false && origin && (
        <p class="notice warning">{t('finder.results.none_in_place', { place: origin.level === 2 ? `${origin.name} (${origin.municipalityName})` : origin.name })}</p>
      )}
      {props.askedForShelter && props.previousHref === null && <p class="notice">{t('finder.results.shelter_tonight')}</p>}
      <ResultGroups hits={result.eligible} index={props.index} t={t} language={props.language} now={props.now} showReason={false} origin={origin} />
      {result.notEligible.length > 0 && (
        <section class="not-eligible" aria-labelledby="not-eligible-title">
          <h2 id="not-eligible-title">{t('finder.results.not_eligible_title')}</h2>
          <p>{t('finder.results.not_eligible_intro')}</p>
          {result.notEligible.map((hit) => (
            <ServiceCard hit={hit} index={props.index} t={t} language={props.language} now={props.now} showReason={true} />
          ))}
        </section>
      )}
      {(props.previousHref || props.nextHref) && (
        <p class="actions pager">
          {props.previousHref && (
            <a class="button secondary" href={props.previousHref}>
              {t('finder.results.previous')}
            </a>
          )}
          {props.nextHref && (
            <a class="button secondary" href={props.nextHref}>
              {t('finder.results.next')}
            </a>
          )}
        </p>
      )}
      <p class="actions">
        <a class="button secondary" href={props.changeSearchHref}>
          {t('finder.results.change')}
        </a>
      </p>
      <p class="hint no-print">{t('finder.results.print_hint')}</p>
    </>
  );
}

/** "Which place do you mean?": one link per matching territory, each a result URL holding only codes. */
export function ChoosePlace(props: { t: Translate; typed: string; territories: readonly FinderTerritory[]; hrefFor: (territory: FinderTerritory) => string }) {
  return (
    <>
      <h1>{props.t('finder.choose.title')}</h1>
      <p>{props.t('finder.choose.intro', { text: props.typed })}</p>
      <ul class="place-choices">
        {props.territories.map((territory) => (
          <li>
            <a href={props.hrefFor(territory)}>{territory.level === 2 ? `${territory.name} (${territory.municipalityName})` : territory.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
