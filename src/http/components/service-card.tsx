// One service as a card: the same card in the finder's results and on an institution's page. Callers turn their
// own data into a ServiceCardModel (words already in the reader's language); the card decides order and markup.
import type { Child } from 'hono/jsx';
import { formatCalendarDate } from '../../core/dates.js';
import type { Translate } from '../../core/i18n.js';
import type { Language } from '../../core/language.js';
import type { ListingText, ShownText } from '../../registry/listing-text.js';
import { ListingTextView } from './listing-text.js';
import { MapLinks, type MapPlace } from './map-links.js';
import { PhoneLinks, type PhoneNumber } from './phone-links.js';
import { StaleListingNotice } from './listing-freshness.js';
import { EntitlementFact } from './entitlement-note.js';
import type { Entitlement } from '../../registry/entitlement.js';
import { BedsTonight, type BedWords } from '../../beds/beds.components.js';

// Listing texts (name, description, what to bring, how to apply, fees, the eligibility note) are ShownText: a
// string already in the reader's language, or a picked ListingText, which the card marks when it is Latvian shown
// to a Russian or English reader (ListingTextView: lang="lv" and "(по-латышски)").
export type ServiceCardModel = {
  name: ShownText;
  /** Set where several cards share a page section, so the card is a named region (aria-labelledby). */
  headingId?: string;
  temporarilyClosed: boolean;
  /** The institution, linked to its page; left out on the institution's own page. */
  organization: { id: string | null; name: ShownText; isDemo: boolean } | null;
  /** Why this person may not use it (the finder's "not for you" list). */
  reason: string | null;
  description: ShownText | null;
  helpTypes: string;
  whoMayCome: string;
  /** The registry's own note on who may come, shown after whoMayCome (which then holds the rules only). */
  whoMayComeNote?: ShownText | null;
  where: string;
  serviceArea: string | null;
  phones: readonly PhoneNumber[];
  email: string | null;
  hours: string;
  openNow: boolean | null;
  /** What to bring: items in the reader's language, or a picked text of them joined by "; ". */
  documents: readonly string[] | ListingText;
  applicationProcess: ShownText | null;
  fees: ShownText | null;
  languages: readonly string[];
  capacityBeds: number | null;
  /** The person's right to it, when the registry names one ("this is your right under …"). */
  entitlement?: Entitlement | null;
  /** beds/: free beds tonight in words ("3 free beds for men, updated 40 minutes ago"), where the place gives them. */
  bedsTonight?: BedWords | null;
  /** YYYY-MM-DD (a timestamp's date part is used). */
  lastVerifiedOn: string | null;
  /** How far from the place searched, in words ("Daugavpils, about 25 km"); the finder's cards only. */
  distance?: string | null;
  /** Where the "open in maps" links point; none when left out. */
  mapPlace?: MapPlace | null;
  /** The public "Report a mistake" form for this service (registry/upkeep.routes.ts); left out in the finder's cards. */
  reportMistakeHref?: string | null;
};

// Raw, because JSX escaping would turn a child combinator `>` into `&gt;`; the shared site.css has .card itself.
const serviceCardStyle = `
.card .organization{margin:0 0 .4rem;color:var(--muted)}
.card dl{display:grid;grid-template-columns:minmax(6.5rem,max-content) 1fr;gap:.2rem .75rem;margin:.5rem 0 0}
.card dt{font-weight:600}
.card dd{margin:0;overflow-wrap:anywhere}
.open-now{color:var(--ok);font-weight:700}
.closed-now{color:var(--muted);font-weight:700}
.in-latvian{color:var(--muted);font-style:italic}
.reason{border-left:5px solid var(--danger);padding-left:.6rem;font-weight:600}
.card[data-short]{padding:.6rem .8rem;margin-bottom:.75rem}
.card[data-short] .description{margin:.3rem 0}
.card .distance{margin:0;font-weight:600}
.card[data-short] dl{margin-top:.3rem}
.card[data-short] .organization{margin-bottom:.2rem}
/* A phone: label and value on one line, so a card is about half as tall. */
@media (max-width:30rem){.card dl{display:block}.card dt{display:inline}.card dt::after{content:": "}.card dd{display:inline}.card dd::after{content:"";display:block;margin-bottom:.3rem}}
@media print{.card{border-color:#888}}
`;

/** The card's CSS, once per page that shows cards. */
export function ServiceCardStyles() {
  return <style dangerouslySetInnerHTML={{ __html: serviceCardStyle }} />;
}

/** A term and its description, only when there is something to say. */
function Fact(props: { label: string; children: Child; when: boolean }) {
  if (!props.when) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/**
 * One service as a card; an undefined headingId leaves the article without aria-labelledby. `short` is the finder's
 * phone-sized card: name, distance, what it gives, who may come, where (with map links), a phone to tap, whether it
 * is open now and when it was checked; documents, languages, fees and the rest are on the institution's page.
 */
export function ServiceCard(props: { card: ServiceCardModel; t: Translate; language: Language; short?: boolean }) {
  const { card, t } = props;
  const full = props.short !== true;
  const organization = card.organization;
  const documents: ShownText = Array.isArray(card.documents)
    ? card.documents.join('; ')
    : (card.documents as ListingText);
  const shown = (value: ShownText, mark = true) => <ListingTextView value={value} t={t} mark={mark} />;
  return (
    <article class="card" data-short={full ? undefined : ''} aria-labelledby={card.headingId}>
      <h3 id={card.headingId}>
        {shown(card.name, false)}
        {card.temporarilyClosed && (
          <>
            {' '}
            <span class="badge">{t('institution.temporarily_closed')}</span>
          </>
        )}
      </h3>
      {organization && (
        <p class="organization">
          {organization.id ? (
            <a href={`/institutions/${organization.id}`}>{shown(organization.name, false)}</a>
          ) : (
            shown(organization.name, false)
          )}
          {organization.isDemo && (
            <>
              {' '}
              <span class="badge demo">{t('finder.card.demo')}</span>
            </>
          )}
        </p>
      )}
      {card.distance && <p class="distance">{card.distance}</p>}
      {card.reason && (
        <p class="reason">
          {t('finder.card.reason')}: {card.reason}
        </p>
      )}
      {card.description && <p class="description">{shown(card.description)}</p>}
      <dl>
        <Fact label={t('finder.card.offers')} when={card.helpTypes !== ''}>
          {card.helpTypes}
        </Fact>
        <dt>{t('finder.card.who')}</dt>
        <dd>
          {card.whoMayCome}
          {card.whoMayComeNote && <> {shown(card.whoMayComeNote)}</>}
        </dd>
        <Fact label={t('institution.where')} when={card.where !== ''}>
          {card.where}
          {card.mapPlace && (
            <>
              {' · '}
              <MapLinks place={card.mapPlace} t={t} name={typeof card.name === 'string' ? card.name : card.name.text} />
            </>
          )}
        </Fact>
        <Fact label={t('institution.service_area')} when={full && card.serviceArea !== null}>
          {card.serviceArea}
        </Fact>
        <Fact label={t('finder.card.phone')} when={card.phones.length > 0}>
          <PhoneLinks phones={card.phones} />
        </Fact>
        <Fact label={t('institution.email')} when={full && card.email !== null}>
          <a href={`mailto:${card.email}`}>{card.email}</a>
        </Fact>
        <Fact label={t('finder.card.hours')} when={card.hours !== '' || card.openNow !== null}>
          {card.hours}
          {card.openNow !== null && (
            // On paper "open now" would be wrong by the time anyone reads it.
            <span class="no-print">
              {card.hours !== '' && ' · '}
              <span class={card.openNow ? 'open-now' : 'closed-now'}>
                {t(card.openNow ? 'finder.card.open_now' : 'finder.card.closed_now')}
              </span>
            </span>
          )}
        </Fact>
        <Fact
          label={t('finder.card.documents')}
          when={full && (typeof documents === 'string' ? documents : documents.text) !== ''}
        >
          {shown(documents)}
        </Fact>
        <Fact label={t('institution.how_to_apply')} when={full && card.applicationProcess !== null}>
          {card.applicationProcess !== null && shown(card.applicationProcess)}
        </Fact>
        <Fact label={t('institution.fees')} when={full && card.fees !== null}>
          {card.fees !== null && shown(card.fees)}
        </Fact>
        <EntitlementFact entitlement={card.entitlement} t={t} />
        <Fact label={t('finder.card.languages')} when={full && card.languages.length > 0}>
          {card.languages.join(', ')}
        </Fact>
        <Fact label={t('finder.card.beds')} when={full && card.capacityBeds !== null}>
          {card.capacityBeds}
        </Fact>
        <Fact label={t('beds.label')} when={Boolean(card.bedsTonight)}>
          <BedsTonight words={card.bedsTonight} />
        </Fact>
        <dt>{t('finder.card.verified')}</dt>
        <dd>
          {card.lastVerifiedOn
            ? formatCalendarDate(card.lastVerifiedOn.slice(0, 10), props.language)
            : t('finder.card.not_verified')}
        </dd>
      </dl>
      <StaleListingNotice lastVerifiedOn={card.lastVerifiedOn} t={t} />
      {card.reportMistakeHref && (
        <p class="report-mistake no-print">
          <a href={card.reportMistakeHref}>{t('upkeep.public.report_link')}</a>
        </p>
      )}
    </article>
  );
}
