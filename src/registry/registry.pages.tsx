// Server-rendered staff pages of the registry: the list, an institution with its services, places and contacts,
// and the four edit forms. Pure views: routes pass in domain objects and form values, nothing here touches the db.
import { EntitlementDetails, EntitlementFields, entitlementFieldLabels } from './entitlement-fields.js';
import { institutionTextFields, serviceTextFields } from './listing-text.js';
import { flattenTranslationErrors, TranslationFields, translationLabels } from './listing-translation.pages.js';
import type { Context } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { StaffFormPage, StaffTable, type FieldProblem, type StaffTableColumn } from '../http/staff-components.js';
import { formatCalendarDate, formatDayOfWeek, formatMoment } from '../core/dates.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import type { Territory } from '../territories/territory.service.js';
import { DemoBadge } from './demo-badge.js';
import { InstitutionUpkeepPanel } from './upkeep.pages.js';
import type {
  ContactFormValues,
  InstitutionFormValues,
  LocationFormValues,
  PhoneValues,
  ServiceFormValues,
} from './registry.schema.js';
import { withSparePhoneRows } from './registry.schema.js';
import {
  eligibleSexes,
  institutionTypes,
  residencyRules,
  serviceLanguageCodes,
  serviceStatuses,
  weekdays,
} from './registry.enums.js';
import type {
  ChangeEvent,
  Contact,
  HelpTypeOption,
  InstitutionPage,
  InstitutionSearch,
  InstitutionWithServices,
  Location,
  OpeningHours,
  Phone,
  Service,
} from './institution.model.js';

type C = Context<AppEnvironment>;
export type FieldErrors = Record<string, string>;

// ---- small building blocks ---------------------------------------------------------------------------------

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** The error summary's links: each wrong field by the id of its input, named by its label. */
function registryProblems(errors: FieldErrors, labels: Record<string, string>): FieldProblem[] {
  return Object.entries(errors).map(([path, message]) => ({
    fieldId: fieldId(path),
    message: `${labels[path] ?? labels[path.split('.')[0]!] ?? path}: ${message}`,
  }));
}

function FieldError(props: { error: string | undefined }) {
  return props.error ? <p class="field-error">{props.error}</p> : null;
}

function TextField(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'url' | 'tel' | 'date' | 'number' | 'search';
  required?: boolean;
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'url';
  autocomplete?: string;
}) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError error={props.error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete ?? 'off'}
        aria-describedby={hintId}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

function TextArea(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  rows?: number;
}) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError error={props.error} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={hintId}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

type Option = { value: string; label: string };
type OptionGroup = { label: string; options: Option[] };

function Select(props: {
  name: string;
  label: string;
  value: string;
  options: Array<Option | OptionGroup>;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
}) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const renderOption = (option: Option) => (
    <option value={option.value} selected={option.value === props.value}>
      {option.label}
    </option>
  );
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError error={props.error} />
      <select id={id} name={props.name} aria-describedby={hintId} aria-invalid={props.error ? 'true' : undefined}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) =>
          'options' in option ? (
            <optgroup label={option.label}>{option.options.map(renderOption)}</optgroup>
          ) : (
            renderOption(option)
          ),
        )}
      </select>
    </div>
  );
}

// `field` names the value in form errors when it differs from the input's name (help_types vs help_type).
function Checkboxes(props: {
  name: string;
  field?: string;
  legend: string;
  options: Array<Option & { hint?: string }>;
  values: string[];
  error?: string | undefined;
  hint?: string;
  scroll?: boolean;
}) {
  const id = fieldId(props.field ?? props.name);
  const list = props.options.map((option, index) => (
    <label>
      <input
        type="checkbox"
        name={props.name}
        value={option.value}
        checked={props.values.includes(option.value)}
        id={index === 0 ? id : undefined}
      />
      <span>
        {option.label}
        {option.hint && (
          <>
            <br />
            <span class="hint">{option.hint}</span>
          </>
        )}
      </span>
    </label>
  ));
  return (
    <fieldset class={props.error ? 'field has-error' : 'field'}>
      <legend>{props.legend}</legend>
      {props.hint && <p class="hint">{props.hint}</p>}
      <FieldError error={props.error} />
      {props.scroll ? <div style="max-height:16rem;overflow-y:auto">{list}</div> : list}
    </fieldset>
  );
}

function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="field">
      <label style="display:flex;gap:0.5rem;align-items:flex-start;font-weight:400">
        <input type="checkbox" name={props.name} value="on" checked={props.checked} id={fieldId(props.name)} />
        <span>
          {props.label}
          {props.hint && (
            <>
              <br />
              <span class="hint">{props.hint}</span>
            </>
          )}
        </span>
      </label>
    </div>
  );
}

function PhoneRows(props: { t: Translate; phones: PhoneValues[]; errors: FieldErrors }) {
  const { t } = props;
  return (
    <fieldset class="field">
      <legend>{t('registry.field.phones')}</legend>
      <p class="hint">{t('registry.hint.phones')}</p>
      {withSparePhoneRows(props.phones).map((phone, index) => {
        const error = props.errors[`phones.${index}.number`];
        return (
          <div class={error ? 'field has-error' : 'field'}>
            <FieldError error={error} />
            <label for={fieldId(`phones.${index}.number`)}>
              {t('registry.field.phone_number', { number: index + 1 })}
            </label>
            <input
              id={fieldId(`phones.${index}.number`)}
              name="phone_number"
              type="tel"
              value={phone.number}
              autocomplete="off"
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={fieldId(`phones.${index}.description`)}>{t('registry.field.phone_description')}</label>
            <input
              id={fieldId(`phones.${index}.description`)}
              name="phone_description"
              type="text"
              value={phone.description}
              autocomplete="off"
            />
          </div>
        );
      })}
    </fieldset>
  );
}

function CancelLink(props: { t: Translate; href: string }) {
  return (
    <a class="button secondary" href={props.href}>
      {props.t('registry.action.cancel')}
    </a>
  );
}

/** Weekday names in the page's language, Monday first. */
export function weekdayName(language: Language, day: (typeof weekdays)[number]): string {
  const name = formatDayOfWeek(weekdays.indexOf(day), language);
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

function languageName(language: Language, code: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

function formatDate(language: Language, isoDate: string | null): string {
  if (!isoDate) return '';
  return formatCalendarDate(isoDate.slice(0, 10), language);
}

/** "Monday–Friday 09:00–17:00" lines, or "Day and night, every day". */
export function describeOpeningHours(t: Translate, language: Language, hours: OpeningHours[]): string[] {
  const everyDay =
    hours.length > 0 &&
    weekdays.every((day) =>
      hours.some((entry) => entry.days.includes(day) && entry.opensAt === '00:00' && entry.closesAt === '24:00'),
    );
  if (everyDay) return [t('registry.hours.always')];
  return hours.map((entry) => {
    const indexes = entry.days.map((day) => weekdays.indexOf(day));
    const consecutive = indexes.every((value, index) => index === 0 || value === indexes[index - 1]! + 1);
    const days =
      consecutive && entry.days.length > 2
        ? `${weekdayName(language, entry.days[0]!)}–${weekdayName(language, entry.days.at(-1)!)}`
        : entry.days.map((day) => weekdayName(language, day)).join(', ');
    const time =
      entry.opensAt === '00:00' && entry.closesAt === '24:00'
        ? t('registry.hours.all_day')
        : `${entry.opensAt}–${entry.closesAt}`;
    return `${days}: ${time}`;
  });
}

function PhoneList(props: { phones: Phone[] }) {
  if (props.phones.length === 0) return null;
  return (
    <>
      {props.phones.map((phone, index) => (
        <>
          {index > 0 && ', '}
          <a href={`tel:${phone.number.replace(/[^+0-9]/g, '')}`}>{phone.number}</a>
          {phone.description && ` (${phone.description})`}
        </>
      ))}
    </>
  );
}

// ---- list --------------------------------------------------------------------------------------------------

export function InstitutionListPage(props: {
  c: C;
  search: InstitutionSearch;
  result: InstitutionPage;
  municipalities: Territory[];
  helpTypes: HelpTypeOption[];
  canCreate: boolean;
}) {
  const { c, search, result } = props;
  const t = c.get('t');
  const language = c.get('language');
  type Item = InstitutionPage['items'][number];
  const columns: Array<StaffTableColumn<Item>> = [
    {
      header: t('registry.field.name'),
      cell: (item) => (
        <>
          <a href={`/staff/institutions/${item.id}`}>{item.name}</a> {item.isDemo && <DemoBadge t={t} />}
        </>
      ),
    },
    {
      header: t('registry.field.institution_type'),
      cell: (item) => (item.type ? t(`registry.type.${item.type}`) : ''),
    },
    {
      header: t('registry.list.municipality'),
      cell: (item) => item.municipalities.map((municipality) => municipality.name).join(', '),
    },
    { header: t('registry.list.services'), cell: (item) => item.serviceCount, numeric: true },
    {
      header: t('registry.field.last_verified_on'),
      cell: (item) => (item.lastVerifiedOn ? formatDate(language, item.lastVerifiedOn) : t('registry.never_verified')),
    },
  ];
  return (
    <>
      <h1 id="institutions-title">{t('registry.list.title')}</h1>
      {props.canCreate && (
        <p class="actions">
          <a class="button" href="/staff/institutions/new">
            {t('registry.action.add_institution')}
          </a>
        </p>
      )}
      <form method="get" action="/staff/institutions" role="search" class="card">
        <TextField
          name="q"
          label={t('registry.list.search')}
          value={search.query ?? ''}
          type="search"
          hint={t('registry.list.search_hint')}
        />
        <Select
          name="type"
          label={t('registry.field.institution_type')}
          value={search.type ?? ''}
          placeholder={t('registry.list.any')}
          options={institutionTypes.map((type) => ({ value: type, label: t(`registry.type.${type}`) }))}
        />
        <Select
          name="territory"
          label={t('registry.list.municipality')}
          value={search.territoryCode ?? ''}
          placeholder={t('registry.list.any')}
          options={props.municipalities.map((territory) => ({ value: territory.code, label: territory.name }))}
        />
        <Select
          name="help_type"
          label={t('registry.field.help_types')}
          value={search.helpTypeCode ?? ''}
          placeholder={t('registry.list.any')}
          options={props.helpTypes.map((type) => ({ value: type.code, label: type.name }))}
        />
        <div class="actions">
          <button type="submit">{t('registry.action.search')}</button>
          <a class="button secondary" href="/staff/institutions">
            {t('registry.action.clear')}
          </a>
        </div>
      </form>
      <p role="status">{t('registry.list.found', { count: result.total })}</p>
      <StaffTable
        columns={columns}
        rows={result.items}
        labelledBy="institutions-title"
        paging={{
          page: result.page,
          pageCount: result.pageCount,
          path: '/staff/institutions',
          query: {
            q: search.query,
            type: search.type,
            territory: search.territoryCode,
            help_type: search.helpTypeCode,
          },
          labels: {
            navigation: t('registry.list.pages'),
            previous: t('registry.list.previous'),
            next: t('registry.list.next'),
            position: t('registry.list.page_of', { page: result.page, pages: result.pageCount }),
          },
        }}
      />
    </>
  );
}

// ---- one institution ---------------------------------------------------------------------------------------

function ServiceCard(props: { c: C; institution: InstitutionWithServices; service: Service; canEdit: boolean }) {
  const { c, service, institution } = props;
  const t = c.get('t');
  const language = c.get('language');
  const eligibility = service.eligibility;
  const locations = institution.locations.filter((location) => service.locationIds.includes(location.id));
  const hours = describeOpeningHours(t, language, service.openingHours);
  return (
    <section class="card" aria-labelledby={`service-${service.id}`}>
      <h3 id={`service-${service.id}`}>
        {service.name}{' '}
        {service.status !== 'active' && (
          <span class="badge">{t(`registry.status.${service.status.replace(' ', '_')}`)}</span>
        )}
      </h3>
      {service.description && <p>{service.description}</p>}
      <dl>
        <dt>{t('registry.field.help_types')}</dt>
        <dd>{service.helpTypes.map((type) => type.name).join(', ') || '—'}</dd>
        <dt>{t('registry.view.who')}</dt>
        <dd>
          {eligibility.residencyRule === 'last_declared_residence'
            ? t('registry.view.residency_only', {
                places: eligibility.residencyTerritories.map((territory) => territory.name).join(', '),
              })
            : t('registry.view.residency_any')}
          {eligibility.sex !== 'any' && <> · {t(`registry.sex.${eligibility.sex}`)}</>}
          {(eligibility.minimumAge !== null || eligibility.maximumAge !== null) && (
            <> · {t('registry.view.ages', { from: eligibility.minimumAge ?? 0, to: eligibility.maximumAge ?? '…' })}</>
          )}
          {eligibility.description && (
            <>
              <br />
              {eligibility.description}
            </>
          )}
        </dd>
        <dt>{t('registry.view.where_from')}</dt>
        <dd>
          {service.isStatewide
            ? t('registry.view.statewide')
            : service.serviceAreas.map((area) => area.name).join(', ') || '—'}
        </dd>
        {service.capacityBeds !== null && (
          <Detail term={t('registry.field.capacity_beds')}>
            {t('registry.view.beds', { count: service.capacityBeds })}
          </Detail>
        )}
        {hours.length > 0 && (
          <Detail term={t('registry.field.opening_hours')}>
            {hours.map((line, index) => (
              <>
                {index > 0 && <br />}
                {line}
              </>
            ))}
          </Detail>
        )}
        {service.languages.length > 0 && (
          <Detail term={t('registry.field.languages')}>
            {service.languages.map((code) => languageName(language, code)).join(', ')}
          </Detail>
        )}
        {service.requiredDocuments.length > 0 && (
          <Detail term={t('registry.field.required_documents')}>{service.requiredDocuments.join('; ')}</Detail>
        )}
        {service.applicationProcess && (
          <Detail term={t('registry.field.application_process')}>{service.applicationProcess}</Detail>
        )}
        {service.feesDescription && (
          <Detail term={t('registry.field.fees_description')}>{service.feesDescription}</Detail>
        )}
        <EntitlementDetails t={t} entitlement={service.entitlement} />
        {service.phones.length > 0 && (
          <Detail term={t('registry.field.phones')}>
            <PhoneList phones={service.phones} />
          </Detail>
        )}
        {locations.length > 0 && (
          <Detail term={t('registry.view.where')}>
            {locations.map((location) => locationLine(location)).join('; ')}
          </Detail>
        )}
        <dt>{t('registry.field.last_verified_on')}</dt>
        <dd>{service.lastVerifiedOn ? formatDate(language, service.lastVerifiedOn) : t('registry.never_verified')}</dd>
      </dl>
      {props.canEdit && (
        <p>
          <a href={`/staff/institutions/${institution.id}/services/${service.id}/edit`}>
            {t('registry.action.edit_service', { name: service.name })}
          </a>
        </p>
      )}
    </section>
  );
}

/** One optional line of a description list: the caller shows it only when there is something to say. */
function Detail(props: { term: string; children?: unknown }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function locationLine(location: Location): string {
  const address = location.address;
  const parts = address ? [address.address1, address.address2, address.city, address.postalCode] : [location.name];
  return parts.filter(Boolean).join(', ');
}

function InstitutionFacts(props: { c: C; institution: InstitutionWithServices }) {
  const { c, institution } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <dl>
      <dt>{t('registry.field.institution_type')}</dt>
      <dd>{institution.type ? t(`registry.type.${institution.type}`) : '—'}</dd>
      {institution.alternateName && (
        <Detail term={t('registry.field.alternate_name')}>{institution.alternateName}</Detail>
      )}
      {institution.description && <Detail term={t('registry.field.description')}>{institution.description}</Detail>}
      {institution.phones.length > 0 && (
        <Detail term={t('registry.field.phones')}>
          <PhoneList phones={institution.phones} />
        </Detail>
      )}
      {institution.email && (
        <Detail term={t('registry.field.email')}>
          <a href={`mailto:${institution.email}`}>{institution.email}</a>
        </Detail>
      )}
      {institution.website && (
        <Detail term={t('registry.field.website')}>
          <a href={institution.website} rel="noopener noreferrer">
            {institution.website}
          </a>
        </Detail>
      )}
      <dt>{t('registry.field.last_verified_on')}</dt>
      <dd>
        {institution.lastVerifiedOn ? formatDate(language, institution.lastVerifiedOn) : t('registry.never_verified')}
      </dd>
    </dl>
  );
}

function LocationCard(props: { c: C; location: Location; editHref: string | null }) {
  const { location } = props;
  const t = props.c.get('t');
  return (
    <section class="card">
      <h3>{location.name ?? locationLine(location)}</h3>
      <p>
        {locationLine(location)}
        {location.territoryName && (
          <>
            <br />
            {t('registry.field.territory')}: {location.territoryName}
          </>
        )}
      </p>
      {location.transportation && <p>{location.transportation}</p>}
      {location.phones.length > 0 && (
        <p>
          {t('registry.field.phones')}: <PhoneList phones={location.phones} />
        </p>
      )}
      {props.editHref && <a href={props.editHref}>{t('registry.action.edit_location')}</a>}
    </section>
  );
}

function ChangeHistory(props: { c: C; changes: ChangeEvent[] }) {
  const { c } = props;
  const t = c.get('t');
  const action = (change: ChangeEvent) =>
    change.action === 'create' || change.action === 'delete' ? change.action : 'update';
  const columns: Array<StaffTableColumn<ChangeEvent>> = [
    { header: t('registry.history.date'), cell: (change) => formatMoment(change.date, c.get('language')) },
    {
      header: t('registry.history.what'),
      cell: (change) => `${t(`registry.history.${action(change)}`)} · ${t(`registry.resource.${change.resourceType}`)}`,
    },
    { header: t('registry.history.field'), cell: (change) => change.fields.join(', ') },
  ];
  if (props.changes.length === 0) return null;
  return (
    <>
      <h2 id="history">{t('registry.view.history')}</h2>
      <StaffTable columns={columns} rows={props.changes} labelledBy="history" />
    </>
  );
}

export function InstitutionPageView(props: {
  c: C;
  institution: InstitutionWithServices;
  canEdit: boolean;
  changes: ChangeEvent[];
  saved: boolean;
  upkeep?: Omit<Parameters<typeof InstitutionUpkeepPanel>[0], 'c'>;
}) {
  const { c, institution, canEdit } = props;
  const t = c.get('t');
  const base = `/staff/institutions/${institution.id}`;
  return (
    <>
      <p>
        <a href="/staff/institutions">{t('registry.action.back_to_list')}</a>
      </p>
      {props.saved && (
        <p class="notice" role="status">
          {t('registry.saved')}
        </p>
      )}
      <h1>
        {institution.name} {institution.isDemo && <DemoBadge t={t} />}
      </h1>
      {institution.isDemo && <p class="notice warning">{t('registry.demo.explained')}</p>}
      <InstitutionFacts c={c} institution={institution} />
      {canEdit && (
        <p class="actions">
          <a class="button" href={`${base}/edit`}>
            {t('registry.action.edit_institution')}
          </a>
        </p>
      )}
      {props.upkeep && <InstitutionUpkeepPanel c={c} {...props.upkeep} />}

      <h2>{t('registry.view.services', { count: institution.services.length })}</h2>
      {institution.services.map((service) => (
        <ServiceCard c={c} institution={institution} service={service} canEdit={canEdit} />
      ))}
      {canEdit && (
        <p>
          <a class="button secondary" href={`${base}/services/new`}>
            {t('registry.action.add_service')}
          </a>
        </p>
      )}

      <h2>{t('registry.view.locations', { count: institution.locations.length })}</h2>
      {institution.locations.map((location) => (
        <LocationCard c={c} location={location} editHref={canEdit ? `${base}/locations/${location.id}/edit` : null} />
      ))}
      {canEdit && (
        <p>
          <a class="button secondary" href={`${base}/locations/new`}>
            {t('registry.action.add_location')}
          </a>
        </p>
      )}

      <h2>
        {t('registry.view.contacts', {
          count:
            institution.contacts.length +
            institution.services.reduce((sum, service) => sum + service.contacts.length, 0),
        })}
      </h2>
      {[...institution.contacts, ...institution.services.flatMap((service) => service.contacts)].map((contact) => (
        <ContactCard
          c={c}
          contact={contact}
          services={institution.services}
          editHref={canEdit ? `${base}/contacts/${contact.id}/edit` : null}
        />
      ))}
      {canEdit && (
        <p>
          <a class="button secondary" href={`${base}/contacts/new`}>
            {t('registry.action.add_contact')}
          </a>
        </p>
      )}

      <ChangeHistory c={c} changes={props.changes} />
    </>
  );
}

function ContactCard(props: { c: C; contact: Contact; services: Service[]; editHref: string | null }) {
  const t = props.c.get('t');
  const { contact } = props;
  const service = props.services.find((candidate) => candidate.id === contact.serviceId);
  return (
    <section class="card">
      <h3>
        {[contact.name, contact.title].filter(Boolean).join(', ') ||
          contact.department ||
          t('registry.view.contact_unnamed')}
      </h3>
      <p>
        {contact.department && contact.name && (
          <>
            {contact.department}
            <br />
          </>
        )}
        {service && (
          <>
            {t('registry.view.for_service', { name: service.name })}
            <br />
          </>
        )}
        {contact.email && (
          <>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
            <br />
          </>
        )}
        <PhoneList phones={contact.phones} />
      </p>
      {props.editHref && <a href={props.editHref}>{t('registry.action.edit_contact')}</a>}
    </section>
  );
}

// ---- forms -------------------------------------------------------------------------------------------------

export function InstitutionFormPage(props: {
  c: C;
  action: string;
  cancelHref: string;
  values: InstitutionFormValues;
  errors: FieldErrors;
  isNew: boolean;
}) {
  const { c, values } = props;
  const errors = flattenTranslationErrors(props.errors);
  const t = c.get('t');
  const labels = {
    ...translationLabels(institutionTextFields, t),
    name: t('registry.field.name'),
    alternate_name: t('registry.field.alternate_name'),
    description: t('registry.field.description'),
    institution_type: t('registry.field.institution_type'),
    email: t('registry.field.email'),
    website: t('registry.field.website'),
    last_verified_on: t('registry.field.last_verified_on'),
    phones: t('registry.field.phones'),
  };
  return (
    <>
      <StaffFormPage
        c={c}
        title={
          props.isNew ? t('registry.form.new_institution') : t('registry.form.edit_institution', { name: values.name })
        }
        action={props.action}
        submitLabel={t('registry.action.save')}
        problems={registryProblems(errors, labels)}
        errorHeading={t('registry.form.errors_title', { count: Object.keys(errors).length })}
        secondary={<CancelLink t={t} href={props.cancelHref} />}
      >
        <TextField name="name" label={labels.name} value={values.name} error={errors.name} required />
        <TextField
          name="alternate_name"
          label={labels.alternate_name}
          value={values.alternate_name}
          error={errors.alternate_name}
          hint={t('registry.hint.alternate_name')}
        />
        <Select
          name="institution_type"
          label={labels.institution_type}
          value={values.institution_type}
          error={errors.institution_type}
          placeholder={t('registry.form.choose')}
          options={institutionTypes.map((type) => ({ value: type, label: t(`registry.type.${type}`) }))}
        />
        <TextArea
          name="description"
          label={labels.description}
          value={values.description}
          error={errors.description}
          hint={t('registry.hint.description')}
        />
        <TranslationFields fields={institutionTextFields} values={values.translations} errors={errors} t={t} />
        <PhoneRows t={t} phones={values.phones} errors={errors} />
        <TextField
          name="email"
          label={labels.email}
          value={values.email}
          error={errors.email}
          type="email"
          inputmode="email"
        />
        <TextField
          name="website"
          label={labels.website}
          value={values.website}
          error={errors.website}
          inputmode="url"
          hint={t('registry.hint.website')}
        />
        <TextField
          name="last_verified_on"
          label={labels.last_verified_on}
          value={values.last_verified_on}
          error={errors.last_verified_on}
          type="date"
          hint={t('registry.hint.last_verified_on')}
        />
      </StaffFormPage>
    </>
  );
}

type ServiceFormProps = {
  c: C;
  action: string;
  cancelHref: string;
  institutionName: string;
  values: ServiceFormValues;
  errors: FieldErrors;
  isNew: boolean;
  helpTypes: HelpTypeOption[];
  municipalities: Array<{ code: string; name: string }>;
  locations: Location[];
};

/** What each part of the service form needs: the form's props, labels and the municipality choices. */
type ServiceSection = ServiceFormProps & {
  labels: Record<string, string>;
  territoryOptions: (selected: string[]) => Array<{ value: string; label: string }>;
};

/** What the service is: name, description, help types, status. */
function ServiceWhatFields(props: ServiceSection) {
  const { c, values, errors, labels } = props;
  const t = c.get('t');
  return (
    <>
      <TextField
        name="name"
        label={labels.name!}
        value={values.name}
        error={errors.name}
        hint={t('registry.hint.service_name')}
        required
      />
      <TextArea
        name="description"
        label={labels.description!}
        value={values.description}
        error={errors.description}
        hint={t('registry.hint.service_description')}
      />
      <Checkboxes
        name="help_type"
        field="help_types"
        legend={labels.help_types!}
        hint={t('registry.hint.help_types')}
        values={values.help_types}
        error={errors.help_types}
        options={props.helpTypes.flatMap((type) => [
          { value: type.id, label: type.name, hint: type.description },
          ...type.finer.map((term) => ({ value: term.id, label: `${type.name} → ${term.name}` })),
        ])}
        scroll
      />
      <Select
        name="status"
        label={labels.status!}
        value={values.status}
        error={errors.status}
        options={serviceStatuses.map((status) => ({
          value: status,
          label: t(`registry.status.${status.replace(' ', '_')}`),
        }))}
      />
    </>
  );
}

/** Who may use it: residency, sex, age. */
function ServiceWhoFields(props: ServiceSection) {
  const { c, values, errors, labels } = props;
  const t = c.get('t');
  return (
    <>
      <h2>{t('registry.form.who_heading')}</h2>
      <Select
        name="residency_rule"
        label={labels.residency_rule!}
        value={values.residency_rule}
        error={errors.residency_rule}
        hint={t('registry.hint.residency_rule')}
        options={residencyRules.map((rule) => ({ value: rule, label: t(`registry.residency.${rule}`) }))}
      />
      <Checkboxes
        name="residency_territory"
        field="residency_territories"
        legend={labels.residency_territories!}
        hint={t('registry.hint.residency_territories')}
        values={values.residency_territories}
        error={errors.residency_territories}
        options={props.territoryOptions(values.residency_territories)}
        scroll
      />
      <Select
        name="eligible_sex"
        label={labels.eligible_sex!}
        value={values.eligible_sex}
        error={errors.eligible_sex}
        options={eligibleSexes.map((sex) => ({ value: sex, label: t(`registry.sex.${sex}`) }))}
      />
      <TextField
        name="minimum_age"
        label={labels.minimum_age!}
        value={values.minimum_age}
        error={errors.minimum_age}
        inputmode="numeric"
        hint={t('registry.hint.age')}
      />
      <TextField
        name="maximum_age"
        label={labels.maximum_age!}
        value={values.maximum_age}
        error={errors.maximum_age}
        inputmode="numeric"
        hint={t('registry.hint.age')}
      />
      <TextArea
        name="eligibility_description"
        label={labels.eligibility_description!}
        value={values.eligibility_description}
        error={errors.eligibility_description}
        hint={t('registry.hint.eligibility_description')}
      />
    </>
  );
}

/** Where it serves: statewide or which municipalities, at which of the institution's places, beds. */
function ServiceWhereFields(props: ServiceSection) {
  const { c, values, errors, labels } = props;
  const t = c.get('t');
  return (
    <>
      <h2>{t('registry.form.where_heading')}</h2>
      <Checkbox
        name="is_statewide"
        label={t('registry.field.is_statewide')}
        checked={values.is_statewide}
        hint={t('registry.hint.is_statewide')}
      />
      <Checkboxes
        name="service_area"
        field="service_areas"
        legend={labels.service_areas!}
        hint={t('registry.hint.service_areas')}
        values={values.service_areas}
        error={errors.service_areas}
        options={props.territoryOptions(values.service_areas)}
        scroll
      />
      {props.locations.length > 0 && (
        <Checkboxes
          name="location_id"
          field="location_ids"
          legend={labels.location_ids!}
          values={values.location_ids}
          error={errors.location_ids}
          options={props.locations.map((location) => ({
            value: location.id,
            label: location.name ?? locationLine(location),
          }))}
        />
      )}
      <TextField
        name="capacity_beds"
        label={labels.capacity_beds!}
        value={values.capacity_beds}
        error={errors.capacity_beds}
        inputmode="numeric"
        hint={t('registry.hint.capacity_beds')}
      />
    </>
  );
}

/** When it is open, day by day. */
function ServiceHoursFields(props: ServiceSection) {
  const { c, values, errors, labels } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <>
      <h2>{labels.hours}</h2>
      <Checkbox
        name="open_always"
        label={t('registry.field.open_always')}
        checked={values.open_always}
        hint={t('registry.hint.open_always')}
      />
      <fieldset class="field">
        <legend>{t('registry.form.hours_by_day')}</legend>
        <p class="hint">{t('registry.hint.hours')}</p>
        {weekdays.map((day) => {
          const error = errors[`hours.${day}`];
          const name = weekdayName(language, day);
          return (
            <div class={error ? 'field has-error' : 'field'} id={fieldId(`hours.${day}`)}>
              <strong>{name}</strong>
              <FieldError error={error} />
              <div style="display:flex;gap:0.5rem;flex-wrap:wrap">
                <label style="flex:1;min-width:7rem;font-weight:400">
                  {t('registry.field.opens_at')}
                  <input
                    name={`hours_${day}_opens`}
                    type="text"
                    inputmode="numeric"
                    placeholder="09:00"
                    value={values.hours[day].opens}
                    aria-label={`${name}: ${t('registry.field.opens_at')}`}
                  />
                </label>
                <label style="flex:1;min-width:7rem;font-weight:400">
                  {t('registry.field.closes_at')}
                  <input
                    name={`hours_${day}_closes`}
                    type="text"
                    inputmode="numeric"
                    placeholder="17:00"
                    value={values.hours[day].closes}
                    aria-label={`${name}: ${t('registry.field.closes_at')}`}
                  />
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
    </>
  );
}

/** Languages, documents, how to apply, fees, contacts, last verification. */
function ServicePracticalFields(props: ServiceSection) {
  const { c, values, errors, labels } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <>
      <h2>{t('registry.form.practical_heading')}</h2>
      <Checkboxes
        name="language"
        field="languages"
        legend={labels.languages!}
        values={values.languages}
        error={errors.languages}
        options={serviceLanguageCodes.map((code) => ({ value: code, label: languageName(language, code) }))}
      />
      <TextArea
        name="required_documents"
        label={labels.required_documents!}
        value={values.required_documents}
        error={errors.required_documents}
        hint={t('registry.hint.required_documents')}
      />
      <TextArea
        name="application_process"
        label={labels.application_process!}
        value={values.application_process}
        error={errors.application_process}
        hint={t('registry.hint.application_process')}
      />
      <TextField
        name="fees_description"
        label={labels.fees_description!}
        value={values.fees_description}
        error={errors.fees_description}
        hint={t('registry.hint.fees_description')}
      />
      <EntitlementFields t={t} values={values} errors={errors} />
      <PhoneRows t={t} phones={values.phones} errors={errors} />
      <TextField
        name="email"
        label={labels.email!}
        value={values.email}
        error={errors.email}
        type="email"
        inputmode="email"
      />
      <TextField
        name="url"
        label={labels.url!}
        value={values.url}
        error={errors.url}
        inputmode="url"
        hint={t('registry.hint.website')}
      />
      <TextField
        name="last_verified_on"
        label={labels.last_verified_on!}
        value={values.last_verified_on}
        error={errors.last_verified_on}
        type="date"
        hint={t('registry.hint.last_verified_on')}
      />
    </>
  );
}

export function ServiceFormPage(props: ServiceFormProps) {
  const { c, values } = props;
  const errors = flattenTranslationErrors(props.errors);
  const t = c.get('t');
  const language = c.get('language');
  const labels: Record<string, string> = {
    ...translationLabels(serviceTextFields, t),
    name: t('registry.field.service_name'),
    description: t('registry.field.description'),
    status: t('registry.field.status'),
    url: t('registry.field.website'),
    email: t('registry.field.email'),
    help_types: t('registry.field.help_types'),
    residency_rule: t('registry.field.residency_rule'),
    residency_territories: t('registry.field.residency_territories'),
    eligible_sex: t('registry.field.eligible_sex'),
    minimum_age: t('registry.field.minimum_age'),
    maximum_age: t('registry.field.maximum_age'),
    eligibility_description: t('registry.field.eligibility_description'),
    capacity_beds: t('registry.field.capacity_beds'),
    service_areas: t('registry.field.service_areas'),
    hours: t('registry.field.opening_hours'),
    languages: t('registry.field.languages'),
    required_documents: t('registry.field.required_documents'),
    application_process: t('registry.field.application_process'),
    fees_description: t('registry.field.fees_description'),
    ...entitlementFieldLabels(t),
    phones: t('registry.field.phones'),
    location_ids: t('registry.field.locations'),
    last_verified_on: t('registry.field.last_verified_on'),
  };
  for (const day of weekdays) labels[`hours.${day}`] = `${labels.hours}: ${weekdayName(language, day)}`;
  const territoryOptions = (selected: string[]) => {
    const known = new Set(props.municipalities.map((municipality) => municipality.code));
    const extra = selected.filter((code) => !known.has(code)).map((code) => ({ value: code, label: code }));
    return [
      ...props.municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name })),
      ...extra,
    ];
  };
  const section: ServiceSection = { ...props, errors, labels, territoryOptions };
  return (
    <>
      <StaffFormPage
        c={c}
        title={
          props.isNew
            ? t('registry.form.new_service', { institution: props.institutionName })
            : t('registry.form.edit_service', { name: values.name })
        }
        action={props.action}
        submitLabel={t('registry.action.save')}
        problems={registryProblems(errors, labels)}
        errorHeading={t('registry.form.errors_title', { count: Object.keys(errors).length })}
        secondary={<CancelLink t={t} href={props.cancelHref} />}
      >
        <ServiceWhatFields {...section} />
        <ServiceWhoFields {...section} />
        <ServiceWhereFields {...section} />
        <ServiceHoursFields {...section} />
        <ServicePracticalFields {...section} />
        <TranslationFields fields={serviceTextFields} values={values.translations} errors={errors} t={t} />
      </StaffFormPage>
    </>
  );
}

export function LocationFormPage(props: {
  c: C;
  action: string;
  cancelHref: string;
  deleteAction: string | null;
  institutionName: string;
  values: LocationFormValues;
  errors: FieldErrors;
  territories: Territory[];
}) {
  const { c, values, errors } = props;
  const t = c.get('t');
  const labels = {
    name: t('registry.field.location_name'),
    address_1: t('registry.field.address_1'),
    address_2: t('registry.field.address_2'),
    city: t('registry.field.city'),
    postal_code: t('registry.field.postal_code'),
    territory_code: t('registry.field.territory'),
    description: t('registry.field.location_description'),
    transportation: t('registry.field.transportation'),
    latitude: t('registry.field.coordinates'),
    phones: t('registry.field.phones'),
  };
  const municipalities = props.territories.filter((territory) => territory.level === 1);
  const groups: OptionGroup[] = municipalities.map((municipality) => ({
    label: municipality.name,
    options: [
      { value: municipality.code, label: t('registry.form.whole_municipality', { name: municipality.name }) },
      ...props.territories
        .filter((territory) => territory.parentCode === municipality.code)
        .map((territory) => ({ value: territory.code, label: territory.name })),
    ],
  }));
  return (
    <>
      <StaffFormPage
        c={c}
        title={
          props.deleteAction
            ? t('registry.form.edit_location', { institution: props.institutionName })
            : t('registry.form.new_location', { institution: props.institutionName })
        }
        action={props.action}
        submitLabel={t('registry.action.save')}
        problems={registryProblems(errors, labels)}
        errorHeading={t('registry.form.errors_title', { count: Object.keys(errors).length })}
        secondary={<CancelLink t={t} href={props.cancelHref} />}
      >
        <TextField
          name="name"
          label={labels.name}
          value={values.name}
          error={errors.name}
          hint={t('registry.hint.location_name')}
        />
        <TextField
          name="address_1"
          label={labels.address_1}
          value={values.address_1}
          error={errors.address_1}
          hint={t('registry.hint.address_1')}
          required
        />
        <TextField name="address_2" label={labels.address_2} value={values.address_2} error={errors.address_2} />
        <TextField
          name="city"
          label={labels.city}
          value={values.city}
          error={errors.city}
          hint={t('registry.hint.city')}
          required
        />
        <TextField
          name="postal_code"
          label={labels.postal_code}
          value={values.postal_code}
          error={errors.postal_code}
          hint={t('registry.hint.postal_code')}
        />
        <Select
          name="territory_code"
          label={labels.territory_code}
          value={values.territory_code}
          error={errors.territory_code}
          hint={t('registry.hint.territory')}
          placeholder={t('registry.form.choose')}
          options={groups}
        />
        <TextArea
          name="transportation"
          label={labels.transportation}
          value={values.transportation}
          error={errors.transportation}
          hint={t('registry.hint.transportation')}
          rows={3}
        />
        <TextArea
          name="description"
          label={labels.description}
          value={values.description}
          error={errors.description}
          rows={3}
        />
        <PhoneRows t={t} phones={values.phones} errors={errors} />
        <fieldset class="field">
          <legend>{labels.latitude}</legend>
          <p class="hint">{t('registry.hint.coordinates')}</p>
          <FieldError error={errors.latitude} />
          <TextField name="latitude" label={t('registry.field.latitude')} value={values.latitude} inputmode="decimal" />
          <TextField
            name="longitude"
            label={t('registry.field.longitude')}
            value={values.longitude}
            inputmode="decimal"
          />
        </fieldset>
      </StaffFormPage>
      {props.deleteAction && (
        <DeleteForm c={c} action={props.deleteAction} label={t('registry.action.delete_location')} />
      )}
    </>
  );
}

export function ContactFormPage(props: {
  c: C;
  action: string;
  cancelHref: string;
  deleteAction: string | null;
  institutionName: string;
  values: ContactFormValues;
  errors: FieldErrors;
  services: Service[];
}) {
  const { c, values, errors } = props;
  const t = c.get('t');
  const labels = {
    name: t('registry.field.contact_name'),
    title: t('registry.field.contact_title'),
    department: t('registry.field.department'),
    email: t('registry.field.email'),
    service_id: t('registry.field.contact_service'),
    phones: t('registry.field.phones'),
  };
  return (
    <>
      <StaffFormPage
        c={c}
        title={
          props.deleteAction
            ? t('registry.form.edit_contact', { institution: props.institutionName })
            : t('registry.form.new_contact', { institution: props.institutionName })
        }
        action={props.action}
        submitLabel={t('registry.action.save')}
        problems={registryProblems(errors, labels)}
        errorHeading={t('registry.form.errors_title', { count: Object.keys(errors).length })}
        secondary={<CancelLink t={t} href={props.cancelHref} />}
      >
        <TextField
          name="name"
          label={labels.name}
          value={values.name}
          error={errors.name}
          hint={t('registry.hint.contact_name')}
        />
        <TextField
          name="title"
          label={labels.title}
          value={values.title}
          error={errors.title}
          hint={t('registry.hint.contact_title')}
        />
        <TextField name="department" label={labels.department} value={values.department} error={errors.department} />
        <TextField
          name="email"
          label={labels.email}
          value={values.email}
          error={errors.email}
          type="email"
          inputmode="email"
        />
        <PhoneRows t={t} phones={values.phones} errors={errors} />
        {props.services.length > 0 && (
          <Select
            name="service_id"
            label={labels.service_id}
            value={values.service_id}
            error={errors.service_id}
            placeholder={t('registry.form.whole_institution')}
            options={props.services.map((service) => ({ value: service.id, label: service.name }))}
          />
        )}
      </StaffFormPage>
      {props.deleteAction && (
        <DeleteForm c={c} action={props.deleteAction} label={t('registry.action.delete_contact')} />
      )}
    </>
  );
}

function DeleteForm(props: { c: C; action: string; label: string }) {
  return (
    <form method="post" action={props.action} class="actions">
      <CsrfField c={props.c} />
      <button type="submit" class="secondary">
        {props.label}
      </button>
    </form>
  );
}

// ---- whole pages, for the routes ---------------------------------------------------------------------------

type PageStatus = { status?: 200 | 400 };

export function renderInstitutionListPage(c: C, props: Omit<Parameters<typeof InstitutionListPage>[0], 'c'>) {
  return renderPage(c, c.get('t')('registry.list.title'), <InstitutionListPage c={c} {...props} />, { wide: true });
}

export function renderInstitutionPage(c: C, props: Omit<Parameters<typeof InstitutionPageView>[0], 'c'>) {
  return renderPage(c, props.institution.name, <InstitutionPageView c={c} {...props} />, { wide: true });
}

export function renderInstitutionFormPage(
  c: C,
  title: string,
  props: Omit<Parameters<typeof InstitutionFormPage>[0], 'c'> & PageStatus,
) {
  return renderPage(c, title, <InstitutionFormPage c={c} {...props} />, { status: props.status ?? 200 });
}

export function renderServiceFormPage(
  c: C,
  title: string,
  props: Omit<Parameters<typeof ServiceFormPage>[0], 'c'> & PageStatus,
) {
  return renderPage(c, title, <ServiceFormPage c={c} {...props} />, { status: props.status ?? 200 });
}

export function renderLocationFormPage(
  c: C,
  title: string,
  props: Omit<Parameters<typeof LocationFormPage>[0], 'c'> & PageStatus,
) {
  return renderPage(c, title, <LocationFormPage c={c} {...props} />, { status: props.status ?? 200 });
}

export function renderContactFormPage(
  c: C,
  title: string,
  props: Omit<Parameters<typeof ContactFormPage>[0], 'c'> & PageStatus,
) {
  return renderPage(c, title, <ContactFormPage c={c} {...props} />, { status: props.status ?? 200 });
}
