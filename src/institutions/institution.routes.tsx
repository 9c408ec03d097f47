import { Hono } from 'hono';
import { LocatorMap } from '../geo/map-svg.js';
import type { AppEnvironment } from '../http/context.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { renderPage } from '../http/layout.js';
import { helpTypes as helpTypeDefinitions } from '../registry/help-types.js';
import type { HelpTypeTag, Location, Phone, Service } from '../registry/registry.service.js';
import { describeWeeklyHours } from '../finder/finder-hours.js';
import { languageName } from '../finder/finder.output.js';
import { getPublicInstitution, type PublicInstitution, type PublicService } from './institution.service.js';

/** `/institutions/<id>`: one institution, public — its services, places, hours and a small map. */
export const institutionRoutes = new Hono<AppEnvironment>().get('/institutions/:id', async (c) => {
  const t = c.get('t');
  const language = c.get('language');
  const page = await getPublicInstitution(c.get('db'), c.req.param('id'), language);
  return renderPage(c, page.institution.name, <InstitutionPage page={page} t={t} language={language} />);
});

/** Who may use a service, in the finder's words: statewide or residency rule, sex, age, then the registry's note. */
export function describeServiceEligibility(service: Service, t: Translate): string {
  const eligibility = service.eligibility;
  const parts: string[] = [];
  if (service.isStatewide) parts.push(t('finder.who.statewide'));
  else if (eligibility.residencyRule === 'last_declared_residence' && eligibility.residencyTerritories.length > 0) {
    parts.push(t('finder.who.residency', { places: eligibility.residencyTerritories.map((territory) => territory.name).join(t('finder.or')) }));
  }
  if (eligibility.sex !== 'any') parts.push(t(eligibility.sex === 'female' ? 'finder.who.women' : 'finder.who.men'));
  const { minimumAge: min, maximumAge: max } = eligibility;
  if (min !== null && max !== null) parts.push(t('finder.who.age_range', { min, max }));
  else if (min !== null) parts.push(t('finder.who.age_minimum', { min }));
  else if (max !== null) parts.push(t('finder.who.age_maximum', { max }));
  if (parts.length === 0) parts.push(t('finder.who.everyone'));
  const note = eligibility.description?.trim();
  if (note) parts.push(note);
  return parts.join(' ');
}

/** '2026-11-01' as people write dates in the language ("2026. gada 1. novembris"). */
function formatDate(date: string, language: Language): string {
  const parsed = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed);
}

function formatAddress(location: Location): string | null {
  const address = location.address;
  if (!address) return null;
  return [address.address1, address.address2, address.city, address.postalCode].filter((part) => part && part.trim() !== '').join(', ');
}

function PhoneLinks(props: { phones: Phone[] }) {
  return (
    <>
      {props.phones.map((phone, position) => (
        <>
          {position > 0 && ', '}
          <a href={`tel:${phone.number.replace(/[^\d+]/g, '')}`}>{phone.number}</a>
          {phone.description ? ` (${phone.description})` : ''}
        </>
      ))}
    </>
  );
}

function InstitutionPage(props: { page: PublicInstitution; t: Translate; language: Language }) {
  const { page, t, language } = props;
  const { institution, services, municipalities } = page;
  const mapped = municipalities.filter((municipality) => municipality.isoCode !== null);
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: institutionStyle }} />
      <h1>
        {institution.name} {institution.isDemo && <span class="badge demo">{t('finder.card.demo')}</span>}
      </h1>
      {institution.alternateName && <p class="hint">{institution.alternateName}</p>}
      {institution.type && <p>{t(`institution.type.${institution.type}`)}</p>}
      {institution.isDemo && <p class="notice warning">{t('institution.demo_notice')}</p>}
      {institution.description && <p>{institution.description}</p>}

      <section aria-labelledby="institution-contacts">
        <h2 id="institution-contacts">{t('institution.contacts')}</h2>
        {(institution.phones.length > 0 || institution.email || institution.website || institution.contacts.length > 0) && (
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

      <section aria-labelledby="institution-places">
        <h2 id="institution-places">{t('institution.places')}</h2>
        {institution.locations.length === 0 ? (
          <p>{t('institution.no_places')}</p>
        ) : (
          <div class="places">
            <ul class="place-list">
              {institution.locations.map((location) => (
                <li>
                  {location.name && <strong>{location.name}: </strong>}
                  {formatAddress(location) ?? location.territoryName}
                  {location.territoryName && formatAddress(location) && <span class="hint"> ({location.territoryName})</span>}
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
              ))}
            </ul>
            {mapped.length > 0 && (
              <LocatorMap
                label={t('institution.map_label', { name: institution.name })}
                isoCodes={mapped.map((municipality) => municipality.isoCode!)}
                points={mapped.filter((municipality) => municipality.latitude !== null && municipality.longitude !== null).map((municipality) => ({ latitude: municipality.latitude!, longitude: municipality.longitude! }))}
                attributionLabel={t('map.attribution')}
              />
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="institution-services">
        <h2 id="institution-services">{t('institution.services')}</h2>
        {services.length === 0 ? <p>{t('institution.no_services')}</p> : services.map((service) => <ServiceCard service={service} t={t} language={language} />)}
      </section>

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

function ServiceCard(props: { service: PublicService; t: Translate; language: Language }) {
  const { service, t, language } = props;
  const hoursText = describeWeeklyHours(service.weeklyHours, language, t('finder.hours.always'));
  const helpTypes = service.helpTypes.filter((tag) => tag.parentId === null || !service.helpTypes.some((other) => other.id === tag.parentId));
  return (
    <article class="card" aria-labelledby={`service-${service.id}`}>
      <h3 id={`service-${service.id}`}>
        {service.name} {service.status === 'temporarily closed' && <span class="badge">{t('institution.temporarily_closed')}</span>}
      </h3>
      {service.description && <p>{service.description}</p>}
      <dl class="facts">
        {helpTypes.length > 0 && (
          <>
            <dt>{t('institution.help_types')}</dt>
            <dd>{helpTypes.map((tag) => helpTypeLabel(tag, language)).join(', ')}</dd>
          </>
        )}
        <dt>{t('finder.card.who')}</dt>
        <dd>{describeServiceEligibility(service, t)}</dd>
        <dt>{t('institution.where')}</dt>
        <dd>
          {service.places.length > 0
            ? service.places.map((place) => formatAddress(place) ?? place.territoryName ?? '').join('; ')
            : service.isStatewide
              ? t('institution.where_statewide')
              : t('institution.no_places')}
        </dd>
        {service.serviceAreas.length > 0 && (
          <>
            <dt>{t('institution.service_area')}</dt>
            <dd>{service.serviceAreas.map((area) => area.name).join(', ')}</dd>
          </>
        )}
        {hoursText && (
          <>
            <dt>{t('finder.card.hours')}</dt>
            <dd>
              {hoursText}
              {service.openNow !== null && (
                <>
                  {' '}
                  <strong class={service.openNow ? 'open-now' : 'closed-now'}>{service.openNow ? t('finder.card.open_now') : t('finder.card.closed_now')}</strong>
                </>
              )}
            </dd>
          </>
        )}
        {service.phones.length > 0 && (
          <>
            <dt>{t('finder.card.phone')}</dt>
            <dd>
              <PhoneLinks phones={service.phones} />
            </dd>
          </>
        )}
        {service.email && (
          <>
            <dt>{t('institution.email')}</dt>
            <dd>
              <a href={`mailto:${service.email}`}>{service.email}</a>
            </dd>
          </>
        )}
        {service.requiredDocuments.length > 0 && (
          <>
            <dt>{t('finder.card.documents')}</dt>
            <dd>
              <ul class="compact">
                {service.requiredDocuments.map((document) => (
                  <li>{document}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {service.applicationProcess && (
          <>
            <dt>{t('institution.how_to_apply')}</dt>
            <dd>{service.applicationProcess}</dd>
          </>
        )}
        {service.feesDescription && (
          <>
            <dt>{t('institution.fees')}</dt>
            <dd>{service.feesDescription}</dd>
          </>
        )}
        {service.languages.length > 0 && (
          <>
            <dt>{t('finder.card.languages')}</dt>
            <dd>{service.languages.map((code) => languageName({ code, name: null }, language)).join(', ')}</dd>
          </>
        )}
        {service.capacityBeds !== null && (
          <>
            <dt>{t('finder.card.beds')}</dt>
            <dd>{service.capacityBeds}</dd>
          </>
        )}
        <dt>{t('finder.card.verified')}</dt>
        <dd>{service.lastVerifiedOn ? formatDate(service.lastVerifiedOn, language) : t('finder.card.not_verified')}</dd>
      </dl>
    </article>
  );
}

const institutionStyle = `
.facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: 0.2rem 0.75rem; margin: 0.5rem 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.facts ul.compact { margin: 0; padding-left: 1.1rem; }
@media (max-width: 30rem) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 0.35rem; } }
.place-list { padding-left: 1.1rem; }
.places .locator-map { max-width: 20rem; margin: 0.5rem 0; }
.latvia-map svg { display: block; width: 100%; height: auto; }
.map-attribution { font-size: 0.8rem; color: var(--muted); }
.open-now { color: var(--ok); }
.closed-now { color: var(--danger); }
@media print { .places .locator-map { max-width: 7cm; } }
`;

/** A finer term with its help type in front ("Alcohol treatment — Rehabilitation"): alone, two finer terms can read the same. */
function helpTypeLabel(tag: HelpTypeTag, language: Language): string {
  const parent = tag.parentId === null ? undefined : helpTypeDefinitions.find((type) => type.id === tag.parentId);
  return parent ? `${parent.words[language].name} — ${tag.name}` : tag.name;
}
