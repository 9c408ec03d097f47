// The finder's pages: the search form (also the home page), the results, and "which place do you mean?".
// Server-rendered, plain GET forms: they work without JavaScript, give shareable result URLs holding only codes,
// fit a 360 px phone and print as a clean list.
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { PhoneLinks } from '../http/components/phone-links.js';
import { ListingTextView } from '../http/components/listing-text.js';
import { ServiceCard, ServiceCardStyles, type ServiceCardModel } from '../http/components/service-card.js';
import { FreeBedCheckbox, type BedWords } from '../beds/beds.components.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { russianPlaceName } from '../territories/place-names.js';
import { nationalEmergencyLines } from './emergency-lines.js';
import type { FinderIndex, FinderTerritory } from './finder-index.js';
import {
  describeHours,
  describeReason,
  describeWhoMayComeRules,
  isOpenNow,
  languageName,
  pickServiceTexts,
} from './finder.output.js';
import type { FinderHit, FinderResult, SocialServiceContact } from './finder.service.js';

type WeekTime = { readonly day: number; readonly minute: number };

/** Beyond this, a place is listed under "further away": a trip there is a day's plan, not tonight's. */
export const NEAR_KILOMETRES = 50;

/**
 * A place's name for a list: in the Russian interface its Russian name with the Latvian one after it, as signs and
 * papers write it ("Даугавпилс (Daugavpils)"); otherwise the Latvian name.
 */
export function placeLabel(territory: Pick<FinderTerritory, 'code' | 'name'>, language: Language): string {
  const russian = language === 'ru' ? russianPlaceName(territory.code) : undefined;
  return russian ? `${russian} (${territory.name})` : territory.name;
}

/** Municipalities for a select list, labelled for the reader and in the reader's alphabetical order. */
export function placeOptions(
  municipalities: readonly FinderTerritory[],
  language: Language,
): { code: string; label: string }[] {
  const options = municipalities.map((territory) => ({ code: territory.code, label: placeLabel(territory, language) }));
  if (language === 'ru') options.sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  return options;
}

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
.needs details{margin-top:.25rem}
.needs summary{min-height:44px;display:flex;align-items:center;font-weight:600;color:var(--accent);cursor:pointer}
.emergency{border:3px solid var(--danger);border-radius:6px;padding:.5rem .8rem;margin:.75rem 0}
.emergency h2{margin:0 0 .25rem;font-size:1.1rem}
.emergency .hint{margin:0 0 .25rem}
.emergency ul{list-style:none;margin:0;padding:0}
.emergency li{margin:.2rem 0}
.emergency a[href^="tel:"]{font-weight:700;font-size:1.1rem;display:inline-block;min-height:44px;line-height:44px}
.change-search{margin:.5rem 0}
.not-eligible summary,.result-group summary{font-weight:600;color:var(--accent);cursor:pointer}
.not-eligible ul{padding-left:1.1rem}
.not-eligible li{margin:.4rem 0}
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
  /** The reader's language: Russian readers see Russian and Latvian names. Latvian names when left out. */
  language?: Language;
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
        {placeOptions(props.municipalities, props.language ?? 'lv').map((option) => (
          <option value={option.code} selected={props.value === option.code}>
            {option.label}
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
  /** Show this many needs (the most common first) and fold the rest under "other kinds of help"; all when left out. */
  foldAfter?: number;
}) {
  const { t, texts, errors } = props;
  const shown = props.foldAfter === undefined ? needsInFormOrder : needsInFormOrder.slice(0, props.foldAfter);
  const folded = needsInFormOrder.slice(shown.length);
  const checkbox = (code: (typeof needsInFormOrder)[number]) => (
    <label>
      <input type="checkbox" name="needs" value={code} checked={props.chosen.includes(code)} />
      <span>{t(`finder.need.${code}`)}</span>
    </label>
  );
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
      {shown.map(checkbox)}
      {folded.length > 0 && (
        // Open when one of them is ticked, so a choice is never hidden.
        <details open={folded.some((code) => props.chosen.includes(code))}>
          <summary>{t('finder.form.more_needs')}</summary>
          {folded.map(checkbox)}
        </details>
      )}
    </fieldset>
  );
}

/** The form on its own, under a heading and an introduction: the home page and /find without a search. */
export function FinderStartPage(props: {
  t: Translate;
  language: Language;
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
      <FinderForm
        t={props.t}
        language={props.language}
        municipalities={props.municipalities}
        values={props.values}
        errors={props.errors}
      />
    </>
  );
}

/** How many needs the finder form shows before "other kinds of help": the four a person meets on the first days. */
const NEEDS_SHOWN_FIRST = 4;

/**
 * The search form: the commonest needs (the rest folded), the place, the optional residence and words, sex and age
 * folded; one search button, within a phone's first two screens (one button: tests and screen readers find it by name).
 */
export function FinderForm(props: {
  t: Translate;
  language: Language;
  municipalities: readonly FinderTerritory[];
  values: FinderFormValues;
  errors: FieldErrors;
}) {
  const { t, values, errors } = props;
  // Words to search for, sex and age are asked less often: folded, so the search button stays near the top on a phone.
  const moreIsOpen =
    values.q !== '' || values.sex !== '' || values.age !== '' || ['q', 'sex', 'age'].some((name) => errors.has(name));
  const options = placeOptions(props.municipalities, props.language);
  return (
    <form method="get" action="/find" class="finder-form" novalidate>
      <ErrorSummary t={t} errors={errors} />
      <NeedsField t={t} texts="finder" chosen={values.needs} errors={errors} foldAfter={NEEDS_SHOWN_FIRST} />
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
          {options.map((option) => (
            <option value={option.code} selected={values.territory === option.code}>
              {option.label}
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
        language={props.language}
      />
      <details open={moreIsOpen}>
        <summary>{t('finder.form.more')}</summary>
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

/** How far a hit is from the place searched, in words: "Daugavpils, where you are" or "Rēzekne, about 80 km". */
function describeDistance(
  hit: FinderHit,
  origin: FinderTerritory | null,
  t: Translate,
  language: Language,
): string | null {
  if (!hit.municipality) return null;
  const place = placeLabel(hit.municipality, language);
  if (!origin || hit.distanceKilometres === null) return place;
  if (hit.municipality.code === origin.municipalityCode) return t('finder.card.distance_here', { place });
  return t('finder.card.distance_km', { place, km: Math.max(1, Math.round(hit.distanceKilometres)) });
}

/** A search result as the shared service card: the listing's place, phones and hours, the service's words. */
function finderServiceCard(
  hit: FinderHit,
  index: FinderIndex,
  t: Translate,
  language: Language,
  now: WeekTime,
  showReason: boolean,
  origin: FinderTerritory | null = null,
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
    distance: describeDistance(hit, origin, t, language),
    mapPlace: listing.address
      ? { latitude: listing.latitude, longitude: listing.longitude, address: listing.address }
      : null,
  };
}

/** The usable places in three groups: near the place searched, by phone or anywhere in Latvia, and further away. */
function groupByDistance(hits: readonly FinderHit[], origin: FinderTerritory | null) {
  const near: FinderHit[] = [];
  const anywhere: FinderHit[] = [];
  const far: FinderHit[] = [];
  for (const hit of hits) {
    if (!hit.municipality) anywhere.push(hit);
    else if (
      origin &&
      hit.municipality.code !== origin.municipalityCode &&
      (hit.distanceKilometres ?? Infinity) > NEAR_KILOMETRES
    )
      far.push(hit);
    else near.push(hit);
  }
  return { near, anywhere, far };
}

/**
 * One group of short cards under its heading; nothing when the group is empty. A `folded` group is one line (its
 * heading as a <summary>) that opens without JavaScript: far places when there are near ones.
 */
function ResultGroup(props: {
  id: string;
  heading: string;
  hits: readonly FinderHit[];
  index: FinderIndex;
  t: Translate;
  language: Language;
  now: WeekTime;
  origin: FinderTerritory | null;
  bedWords?: ReadonlyMap<string, BedWords> | undefined;
  folded?: boolean;
}) {
  if (props.hits.length === 0) return null;
  const cards = props.hits.map((hit) => (
    <ServiceCard
      card={finderServiceCard(
        hit,
        props.index,
        props.t,
        props.language,
        props.now,
        false,
        props.origin,
        props.bedWords,
      )}
      t={props.t}
      language={props.language}
      short
    />
  ));
  return (
    <section class="result-group" aria-labelledby={props.id}>
      {props.folded ? (
        <details>
          <summary id={props.id}>{props.heading}</summary>
          {cards}
        </details>
      ) : (
        <>
          <h2 id={props.id}>{props.heading}</h2>
          {cards}
        </>
      )}
    </section>
  );
}

/**
 * Numbers to tap before anything else, at the top of every shelter search: 112, the national crisis line, and the
 * social service of the municipality where the person is (with its after-hours number when the registry has one).
 */
export function EmergencyStrip(props: {
  t: Translate;
  origin: FinderTerritory | null;
  socialService: SocialServiceContact | undefined;
  language: Language;
}) {
  const { t, origin, socialService } = props;
  return (
    <section class="emergency" aria-labelledby="emergency-title">
      <h2 id="emergency-title">{t('finder.emergency.title')}</h2>
      <p class="hint">{t('finder.results.shelter_tonight')}</p>
      <ul>
        {nationalEmergencyLines.map((line) => (
          <li>
            <PhoneLinks phones={[{ number: line.number }]} /> {t(line.labelKey)}
            {line.operator && ` (${line.operator})`}
          </li>
        ))}
        {socialService ? (
          <li>
            <PhoneLinks phones={socialService.phones.slice(0, 1).map((number) => ({ number }))} />{' '}
            {t('finder.emergency.social', { name: socialService.organizationName })}
            {socialService.afterHoursPhones.length > 0 && (
              <>
                {'; '}
                {t('finder.emergency.after_hours')}:{' '}
                <PhoneLinks phones={socialService.afterHoursPhones.map((number) => ({ number }))} />
              </>
            )}
          </li>
        ) : (
          <li>
            {origin
              ? t('finder.emergency.social_unknown', { place: placeLabel(origin, props.language) })
              : t('finder.emergency.social_choose_place')}
          </li>
        )}
      </ul>
    </section>
  );
}

/** The places that will not help this person: one line with a count, their names and reasons a tap away. */
function NotEligibleList(props: { hits: readonly FinderHit[]; total: number; t: Translate; language: Language }) {
  const { t } = props;
  if (props.hits.length === 0) return null;
  return (
    <section class="not-eligible" aria-labelledby="not-eligible-title">
      <details>
        <summary id="not-eligible-title">{t('finder.results.not_eligible_summary', { count: props.total })}</summary>
        <p>{t('finder.results.not_eligible_intro')}</p>
        <ul>
          {props.hits.map((hit) => {
            // The name in the reader's language; a Latvian one is marked lang="lv" for screen readers.
            const name = (
              <ListingTextView value={pickServiceTexts(hit.service, props.language).name} t={t} mark={false} />
            );
            return (
              <li>
                <strong>
                  {hit.service.organizationId ? (
                    <a href={`/institutions/${hit.service.organizationId}`}>{name}</a>
                  ) : (
                    name
                  )}
                </strong>
                {hit.municipality && ` (${hit.municipality.name})`}: {t('finder.card.reason')}:{' '}
                {hit.reasons.map((reason) => describeReason(reason, t)).join(' ')}
              </li>
            );
          })}
        </ul>
      </details>
    </section>
  );
}

/**
 * The results page body, sized for a phone: "change search" and (for a bed) the emergency numbers at the top, the
 * places that can help as short cards nearest first, those further than 50 km after them, and the places that will
 * not help folded into one line.
 */
export function FinderResults(props: {
  result: FinderResult;
  index: FinderIndex;
  t: Translate;
  language: Language;
  now: WeekTime;
  changeSearchHref: string;
  previousHref: string | null;
  nextHref: string | null;
  /** The person asked for a bed tonight: show the emergency strip. */
  askedForShelter: boolean;
  /** beds/: each service's beds tonight in words. */
  bedWords?: ReadonlyMap<string, BedWords>;
  /** The social service where the person is, for the emergency strip. */
  socialService?: SocialServiceContact | undefined;
}) {
  const { result, t, language } = props;
  const origin = result.origin;
  const groups = groupByDistance(result.eligible, origin);
  const originName = origin ? placeLabel(origin, language) : '';
  const group = (id: string, heading: string, hits: readonly FinderHit[], folded = false) => (
    <ResultGroup
      folded={folded}
      id={id}
      heading={heading}
      hits={hits}
      index={props.index}
      t={t}
      language={language}
      now={props.now}
      origin={origin}
      bedWords={props.bedWords}
    />
  );
  return (
    <>
      <FinderStyles />
      <ServiceCardStyles />
      <h1>{t('finder.results.title')}</h1>
      <p class="change-search no-print">
        <a class="button secondary" href={props.changeSearchHref}>
          {t('finder.results.change')}
        </a>
      </p>
      {props.askedForShelter && (
        <EmergencyStrip t={t} origin={origin} socialService={props.socialService} language={language} />
      )}
      <p>
        {t('finder.results.count', { count: result.totalEligible })}{' '}
        {origin && result.totalEligible > 0 && t('finder.results.near', { place: originName })}
        {!origin && result.totalEligible > 0 && t('finder.results.everywhere')}
      </p>
      {result.totalEligible === 0 && <p class="notice warning">{t('finder.results.none')}</p>}
      {result.totalEligible > 0 && result.matchInTerritory === false && origin && (
        <p class="notice warning">
          {t('finder.results.none_in_place', {
            place: origin.level === 2 ? `${origin.name} (${origin.municipalityName})` : originName,
          })}
        </p>
      )}
      {group('results-near', origin ? t('finder.results.near_title') : t('finder.results.places_title'), groups.near)}
      {group('results-anywhere', t('finder.results.no_place_group'), groups.anywhere)}
      {groups.near.length + groups.anywhere.length > 0
        ? group(
            'results-far',
            t('finder.results.far_summary', { count: groups.far.length, km: NEAR_KILOMETRES }),
            groups.far,
            true,
          )
        : group('results-far', t('finder.results.far_title', { km: NEAR_KILOMETRES }), groups.far)}
      <NotEligibleList hits={result.notEligible} total={result.totalNotEligible} t={t} language={language} />
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
      <p class="hint no-print">{t('finder.results.print_hint')}</p>
    </>
  );
}

/**
 * "Which place do you mean?" (several places fit) or "Did you mean …?" (none fits, these are a letter or two away):
 * one link per territory, each a result URL holding only codes.
 */
export function ChoosePlace(props: {
  t: Translate;
  language: Language;
  typed: string;
  territories: readonly FinderTerritory[];
  hrefFor: (territory: FinderTerritory) => string;
  didYouMean?: boolean;
  changeSearchHref?: string;
}) {
  const { t, language } = props;
  return (
    <>
      <h1>{t(props.didYouMean ? 'finder.choose.did_you_mean' : 'finder.choose.title')}</h1>
      <p>{t(props.didYouMean ? 'finder.choose.did_you_mean_intro' : 'finder.choose.intro', { text: props.typed })}</p>
      <ul class="place-choices">
        {props.territories.map((territory) => (
          <li>
            <a href={props.hrefFor(territory)}>
              {territory.level === 2
                ? `${placeLabel(territory, language)} (${territory.municipalityName})`
                : placeLabel(territory, language)}
            </a>
          </li>
        ))}
      </ul>
      {props.changeSearchHref && (
        <p>
          <a class="button secondary" href={props.changeSearchHref}>
            {t('finder.results.change')}
          </a>
        </p>
      )}
    </>
  );
}
