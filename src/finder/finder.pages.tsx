// The finder's pages: the search form (also the home page), the results, and "which place do you mean?".
// Server-rendered, plain GET forms: they work without JavaScript, give shareable result URLs holding only codes,
// fit a 360 px phone and print as a clean list.
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { ServiceCard, ServiceCardStyles, type ServiceCardModel } from '../http/components/service-card.js';
import { FreeBedCheckbox, type BedWords } from '../beds/beds.components.js';
import { helpTypeCodes } from '../registry/help-types.js';
import type { FinderIndex, FinderTerritory } from './finder-index.js';
import {
  describeHours,
  describeReason,
  describeWhoMayComeRules,
  isOpenNow,
  languageName,
  pickServiceTexts,
} from './finder.output.js';
import type { FinderHit, FinderResult } from './finder.service.js';

type WeekTime = { readonly day: number; readonly minute: number };

/** The needs in the order a person just out of prison meets them: tonight, papers, money, then the longer road. */
export const needsInFormOrder = [
  'shelter',
  'documents',
  'material',
  'employment',
  'legal',
  'housing',
  'drugs',
  'alcohol',
  'psychological',
  'other',
  'programme',
] as const;
// Every help type must be offered; a new one added to the registry would otherwise be unreachable.
if (needsInFormOrder.length !== helpTypeCodes.length) throw new Error('finder form must list every help type');

/** What the form shows: the values as typed or chosen (strings, since they may be wrong). */
export type FinderFormValues = {
  needs: string[];
  place: string;
  territory: string;
  residence: string;
  q: string;
  sex: string;
  age: string;
  /** beds/: "a free bed tonight" ticked. */
  freeBed?: boolean;
};
export const emptyFormValues: FinderFormValues = {
  needs: [],
  place: '',
  territory: '',
  residence: '',
  q: '',
  sex: '',
  age: '',
};

export type FieldErrors = Map<string, string>;

// Small page-specific styles; the shared site.css carries the rest (fields, cards, print rules), the service card
// brings its own (http/components/service-card.tsx).
const finderStyles = `
.needs label{font-weight:400}
.result-group{margin-top:1.5rem}
.result-group>h2{border-bottom:2px solid var(--line);padding-bottom:.2rem}
.not-eligible .card{background:#fafafa}
@media print{.finder-form,.pager{display:none!important}}
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
export function ResidenceField(props: {
  t: Translate;
  texts: 'finder' | 'plan';
  municipalities: readonly FinderTerritory[];
  value: string;
  errors: FieldErrors;
}) {
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
export function NeedsField(props: {
  t: Translate;
  texts: 'finder' | 'plan';
  chosen: readonly string[];
  errors: FieldErrors;
}) {
  const { t, texts, errors } = props;
  return (
    <fieldset
      id="needs"
      class={`needs${errors.has('needs') ? ' has-error' : ''}`}
      aria-describedby={describedBy('needs', errors)}
    >
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

/** The form on its own, under a heading and an introduction: the home page and /find without a search. */
export function FinderStartPage(props: {
  t: Translate;
  heading: string;
  intro: string;
  municipalities: readonly FinderTerritory[];
  values: FinderFormValues;
  errors: FieldErrors;
}) {
  return (
    <>
      <FinderStyles />
      <h1>{props.heading}</h1>
      <p>{props.intro}</p>
      <FinderForm t={props.t} municipalities={props.municipalities} values={props.values} errors={props.errors} />
    </>
  );
}

/** The search form: needs as checkboxes, a place typed or chosen, the optional residence, words, sex and age. */
export function FinderForm(props: {
  t: Translate;
  municipalities: readonly FinderTerritory[];
  values: FinderFormValues;
  errors: FieldErrors;
}) {
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
        <input
          type="text"
          id="place"
          name="place"
          value={values.place}
          autocomplete="address-level2"
          aria-describedby={describedBy('place', errors)}
        />
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
      <ResidenceField
        t={t}
        texts="finder"
        municipalities={props.municipalities}
        value={values.residence}
        errors={errors}
      />
      <div class={`field${errors.has('q') ? ' has-error' : ''}`}>
        <label for="q">{t('finder.form.keywords')}</label>
        <p class="hint" id="q-hint">
          {t('finder.form.keywords_hint')}
        </p>
        <FieldError id="q" errors={errors} />
        <input
          type="search"
          id="q"
          name="q"
          value={values.q}
          maxlength={200}
          aria-describedby={describedBy('q', errors)}
        />
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
      <FreeBedCheckbox t={t} checked={values.freeBed === true} />
      <div class="actions">
        <button type="submit">{t('finder.form.submit')}</button>
      </div>
    </form>
  );
}

/** A search result as the shared service card: the listing's place, phones and hours, the service's words. */
function finderServiceCard(
  hit: FinderHit,
  index: FinderIndex,
  t: Translate,
  language: Language,
  now: WeekTime,
  showReason: boolean,
  bedWords?: ReadonlyMap<string, BedWords>,
): ServiceCardModel {
  const { service, listing } = hit;
  const helpTypes = service.helpTypes.map((code) => index.helpTypeLabels.get(code)?.[language] ?? code).join(', ');
  const territoryName = hit.territory && !listing.address?.includes(hit.territory.name) ? hit.territory.name : null;
  // The listing's texts in the reader's language, Latvian (marked) where not written in it.
  const texts = pickServiceTexts(service, language);
  return {
    name: texts.name,
    temporarilyClosed: false,
    organization: { id: service.organizationId, name: texts.organizationName ?? '', isDemo: service.isDemo },
    reason: showReason ? hit.reasons.map((reason) => describeReason(reason, t)).join(' ') : null,
    description: texts.description,
    helpTypes,
    whoMayCome: describeWhoMayComeRules(hit, index, language, t),
    whoMayComeNote: texts.eligibilityNote,
    where: [listing.address, territoryName].filter(Boolean).join(', '),
    serviceArea: null,
    phones: listing.phones.map((number) => ({ number })),
    email: null,
    hours: describeHours(hit, language, t),
    openNow: isOpenNow(hit, now),
    documents: {
      text: texts.documents.items.join('; '),
      language: texts.documents.language,
      fallback: texts.documents.fallback,
    },
    applicationProcess: null,
    fees: null,
    languages: service.languages.map((spoken) => languageName(spoken, language)),
    capacityBeds: service.capacityBeds,
    entitlement: service.entitlement,
    bedsTonight: bedWords?.get(service.id) ?? null,
    lastVerifiedOn: service.lastVerifiedOn,
  };
}

/** Results grouped by municipality, in the order the search gave (nearest first). */
function ResultGroups(props: {
  hits: FinderHit[];
  index: FinderIndex;
  t: Translate;
  language: Language;
  now: WeekTime;
  showReason: boolean;
  origin: FinderTerritory | null;
  bedWords?: ReadonlyMap<string, BedWords> | undefined;
}) {
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
            <ServiceCard
              card={finderServiceCard(
                hit,
                props.index,
                props.t,
                props.language,
                props.now,
                props.showReason,
                props.bedWords,
              )}
              t={props.t}
              language={props.language}
            />
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
  now: WeekTime;
  changeSearchHref: string;
  previousHref: string | null;
  nextHref: string | null;
  /** The person asked for a bed tonight: say what to do if none of these works out. */
  askedForShelter: boolean;
  /** beds/: each service's beds tonight in words. */
  bedWords?: ReadonlyMap<string, BedWords>;
}) {
  const { result, t } = props;
  const origin = result.origin;
  return (
    <>
      <FinderStyles />
      <ServiceCardStyles />
      <h1>{t('finder.results.title')}</h1>
      <p>{t('finder.results.count', { count: result.totalEligible })}</p>
      {origin && result.totalEligible > 0 && <p>{t('finder.results.near', { place: origin.name })}</p>}
      {!origin && result.totalEligible > 0 && <p>{t('finder.results.everywhere')}</p>}
      {result.totalEligible === 0 && <p class="notice warning">{t('finder.results.none')}</p>}
      {result.totalEligible > 0 && result.matchInTerritory === false && origin && (
        <p class="notice warning">
          {t('finder.results.none_in_place', {
            place: origin.level === 2 ? `${origin.name} (${origin.municipalityName})` : origin.name,
          })}
        </p>
      )}
      {props.askedForShelter && props.previousHref === null && (
        <p class="notice">{t('finder.results.shelter_tonight')}</p>
      )}
      <ResultGroups
        hits={result.eligible}
        index={props.index}
        t={t}
        language={props.language}
        now={props.now}
        showReason={false}
        origin={origin}
        bedWords={props.bedWords}
      />
      {result.notEligible.length > 0 && (
        <section class="not-eligible" aria-labelledby="not-eligible-title">
          <h2 id="not-eligible-title">{t('finder.results.not_eligible_title')}</h2>
          <p>{t('finder.results.not_eligible_intro')}</p>
          {result.notEligible.map((hit) => (
            <ServiceCard
              card={finderServiceCard(hit, props.index, t, props.language, props.now, true, props.bedWords)}
              t={t}
              language={props.language}
            />
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
export function ChoosePlace(props: {
  t: Translate;
  typed: string;
  territories: readonly FinderTerritory[];
  hrefFor: (territory: FinderTerritory) => string;
}) {
  return (
    <>
      <h1>{props.t('finder.choose.title')}</h1>
      <p>{props.t('finder.choose.intro', { text: props.typed })}</p>
      <ul class="place-choices">
        {props.territories.map((territory) => (
          <li>
            <a href={props.hrefFor(territory)}>
              {territory.level === 2 ? `${territory.name} (${territory.municipalityName})` : territory.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
