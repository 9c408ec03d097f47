// The public institution page: what the institution is, how to reach it, where it is, and its services as the
// same cards the finder shows.
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { LocatorMap } from '../geo/map-svg.js';
import { MapLinks } from '../http/components/map-links.js';
import { PhoneLinks } from '../http/components/phone-links.js';
import { ServiceCard, ServiceCardStyles, type ServiceCardModel } from '../http/components/service-card.js';
import { describeEligibility, describeOpeningHours } from '../http/components/service-words.js';
import { helpTypes as helpTypeDefinitions } from '../registry/help-types.js';
import type { HelpTypeTag, Location } from '../registry/institution.model.js';
import { languageName } from '../finder/finder.output.js';
import type { PublicInstitution, PublicService } from './institution.service.js';
import { ListingUpkeepNotice } from '../http/components/listing-freshness.js';
import type { BedWords } from '../beds/beds.components.js';
import { ListingTextView } from '../http/components/listing-text.js';
import { pickField, pickList, type ServiceTextField } from '../registry/listing-text.js';

function formatAddress(location: Location): string | null {
  const address = location.address;
  if (!address) return null;
  return [address.address1, address.address2, address.city, address.postalCode]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
}

/** An institution's public page: contacts, places with a locator map, then each service as a card. */
export function InstitutionPage(props: {
  page: PublicInstitution;
  t: Translate;
  language: Language;
  bedWords?: ReadonlyMap<string, BedWords>;
}) {
  const { page, t, language } = props;
  const { institution, services, municipalities } = page;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: institutionStyle }} />
      <ServiceCardStyles />
      <h1>
        <ListingTextView
          value={pickField(institution.name, institution.translations, 'name', language) ?? ''}
          t={t}
          mark={false}
        />{' '}
        {institution.isDemo && <span class="badge demo">{t('finder.card.demo')}</span>}
      </h1>
      {institution.alternateName && <p class="hint">{institution.alternateName}</p>}
      {institution.type && <p>{t(`institution.type.${institution.type}`)}</p>}
      {institution.isDemo && <p class="notice warning">{t('institution.demo_notice')}</p>}
      {institution.description && (
        <p>
          <ListingTextView
            value={pickField(institution.description, institution.translations, 'description', language) ?? ''}
            t={t}
          />
        </p>
      )}

      <InstitutionContacts institution={institution} t={t} />
      <InstitutionPlaces
        institution={institution}
        municipalities={municipalities}
        searchedPlace={page.searchedPlace}
        t={t}
      />
      <section aria-labelledby="institution-services">
        <h2 id="institution-services">{t('institution.services')}</h2>
        {services.length === 0 ? (
          <p>{t('institution.no_services')}</p>
        ) : (
          services.map((service) => (
            <ServiceCard
              card={{
                ...institutionServiceCard(service, t, language),
                bedsTonight: props.bedWords?.get(service.id),
                reportMistakeHref: `/institutions/${institution.id}/report-mistake?service=${service.id}`,
              }}
              t={t}
              language={language}
            />
          ))
        )}
      </section>
      <ListingUpkeepNotice institution={institution} t={t} language={language} />

      <p class="actions">
        <a class="button" href="/">
          {t('institution.find_more')}
        </a>
        <a class="button secondary" href="/plan">
          {t('institution.make_plan')}
        </a>
      </p>
    </>
  );
}

/** Phones, e-mail, website and contact people of the institution. */
function InstitutionContacts(props: { institution: PublicInstitution['institution']; t: Translate }) {
  const { institution, t } = props;
  return (
    <section aria-labelledby="institution-contacts">
      <h2 id="institution-contacts">{t('institution.contacts')}</h2>
      {(institution.phones.length > 0 ||
        institution.email ||
        institution.website ||
        institution.contacts.length > 0) && (
        <dl class="facts">
          {institution.phones.length > 0 && (
            <>
              <dt>{t('institution.phone')}</dt>
              <dd>
                <PhoneLinks phones={institution.phones} />
              </dd>
            </>
          )}
          {institution.email && (
            <>
              <dt>{t('institution.email')}</dt>
              <dd>
                <a href={`mailto:${institution.email}`}>{institution.email}</a>
              </dd>
            </>
          )}
          {institution.website && (
            <>
              <dt>{t('institution.website')}</dt>
              <dd>
                <a href={institution.website}>{institution.website}</a>
              </dd>
            </>
          )}
          {institution.contacts.map((contact) => (
            <>
              <dt>{t('institution.contact_person')}</dt>
              <dd>
                {[contact.name, contact.title, contact.department].filter(Boolean).join(', ')}
                {contact.email && (
                  <>
                    {' '}
                    <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                )}
                {contact.phones.length > 0 && (
                  <>
                    {' '}
                    <PhoneLinks phones={contact.phones} />
                  </>
                )}
              </dd>
            </>
          ))}
        </dl>
      )}
      <p class="hint">{t('institution.check_first')}</p>
    </section>
  );
}

/**
 * The institution's places as a person can use them: the address, the town or parish and its municipality, how far
 * from the place searched, how to get there, and "open in maps" links (geo: and OpenStreetMap; map tiles would load
 * from someone else's server). The small outline of Latvia with a dot stays beside them, for where in the country.
 */
function InstitutionPlaces(props: {
  institution: PublicInstitution['institution'];
  municipalities: PublicInstitution['municipalities'];
  searchedPlace: PublicInstitution['searchedPlace'];
  t: Translate;
}) {
  const { institution, t, searchedPlace } = props;
  const municipalityName = (code: string | null) =>
    props.municipalities.find((municipality) => municipality.code === code)?.name ?? null;
  const mapped = props.municipalities.filter((municipality) => municipality.isoCode !== null);
  return (
    <section aria-labelledby="institution-places">
      <h2 id="institution-places">{t('institution.places')}</h2>
      {institution.locations.length === 0 ? (
        <p>{t('institution.no_places')}</p>
      ) : (
        <div class="places">
          <ul class="place-list">
            {institution.locations.map((location) => {
              const address = formatAddress(location);
              const municipality = municipalityName(location.municipalityCode);
              const area = [location.territoryName, municipality !== location.territoryName ? municipality : null]
                .filter(Boolean)
                .join(', ');
              const distance = searchedPlace?.distanceByLocation.get(location.id);
              return (
                <li>
                  {location.name && <strong>{location.name}: </strong>}
                  {address ?? location.territoryName}
                  <br />
                  <MapLinks
                    place={{ latitude: location.latitude, longitude: location.longitude, address }}
                    t={t}
                    name={location.name ?? institution.name}
                  />
                  {area !== '' && (
                    <>
                      <br />
                      {t('institution.area')}: {area}
                    </>
                  )}
                  {searchedPlace && distance !== undefined && (
                    <>
                      <br />
                      {t('institution.distance_from', {
                        km: Math.max(1, Math.round(distance)),
                        place: searchedPlace.name,
                      })}
                    </>
                  )}
                  {location.phones.length > 0 && (
                    <>
                      <br />
                      {t('institution.phone')}: <PhoneLinks phones={location.phones} />
                    </>
                  )}
                  {location.transportation && (
                    <>
                      <br />
                      {t('institution.how_to_get')}: {location.transportation}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          {mapped.length > 0 && (
            <LocatorMap
              label={t('institution.map_label', { name: institution.name })}
              isoCodes={mapped.map((municipality) => municipality.isoCode!)}
              points={mapped
                .filter((municipality) => municipality.latitude !== null && municipality.longitude !== null)
                .map((municipality) => ({ latitude: municipality.latitude!, longitude: municipality.longitude! }))}
              attributionLabel={t('map.attribution')}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** A service of this institution as the shared service card: its own places, hours and rules. */
function institutionServiceCard(service: PublicService, t: Translate, language: Language): ServiceCardModel {
  // A finer term whose parent is listed too says nothing more; the parent alone is shown.
  const helpTypes = service.helpTypes.filter(
    (tag) => tag.parentId === null || !service.helpTypes.some((other) => other.id === tag.parentId),
  );
  const places = service.places.map((place) => formatAddress(place) ?? place.territoryName ?? '').join('; ');
  const where =
    places !== '' ? places : service.isStatewide ? t('institution.where_statewide') : t('institution.no_places');
  const eligibility = service.eligibility;
  // The listing's texts in the reader's language, Latvian (marked) where not written in it.
  const text = (latvian: string | null, field: ServiceTextField) =>
    pickField(latvian, service.translations, field, language);
  const documents = pickList(service.requiredDocuments, service.translations, 'required_documents', language);
  return {
    name: text(service.name, 'name') ?? service.name,
    headingId: `service-${service.id}`,
    temporarilyClosed: service.status === 'temporarily closed',
    organization: null,
    reason: null,
    description: text(service.description, 'description'),
    helpTypes: helpTypes.map((tag) => helpTypeLabel(tag, language)).join(', '),
    whoMayCome: describeEligibility(
      {
        ...eligibility,
        isStatewide: service.isStatewide,
        residencyPlaces: eligibility.residencyTerritories.map((territory) => territory.name),
        description: null,
      },
      t,
    ),
    whoMayComeNote: text(eligibility.description, 'eligibility_description'),
    where,
    serviceArea: service.serviceAreas.length > 0 ? service.serviceAreas.map((area) => area.name).join(', ') : null,
    phones: service.phones,
    email: service.email,
    hours: describeOpeningHours(service.weeklyHours, language, t),
    openNow: service.openNow,
    documents: { text: documents.items.join('; '), language: documents.language, fallback: documents.fallback },
    applicationProcess: text(service.applicationProcess, 'application_process'),
    fees: text(service.feesDescription, 'fees_description'),
    languages: service.languages.map((code) => languageName({ code, name: null }, language)),
    capacityBeds: service.capacityBeds,
    entitlement: service.entitlement,
    lastVerifiedOn: service.lastVerifiedOn,
  };
}

const institutionStyle = `
.facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: 0.2rem 0.75rem; margin: 0.5rem 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.facts ul.compact { margin: 0; padding-left: 1.1rem; }
@media (max-width: 30rem) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 0.35rem; } }
.place-list { padding-left: 1.1rem; }
.place-list li { margin-bottom: 0.75rem; }
.place-list .map-links a { display: inline-block; min-height: 44px; line-height: 44px; }
.places .locator-map { max-width: 14rem; margin: 0.5rem 0; }
.latvia-map svg { display: block; width: 100%; height: auto; }
.map-attribution { font-size: 0.8rem; color: var(--muted); }
@media print { .places .locator-map { max-width: 7cm; } }
`;

/** A finer term with its help type in front ("Alcohol treatment — Rehabilitation"): alone, two finer terms can read the same. */
function helpTypeLabel(tag: HelpTypeTag, language: Language): string {
  const parent = tag.parentId === null ? undefined : helpTypeDefinitions.find((type) => type.id === tag.parentId);
  return parent ? `${parent.words[language].name} — ${tag.name}` : tag.name;
}
