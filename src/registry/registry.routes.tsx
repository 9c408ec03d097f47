// Staff pages of the registry. Every page needs a signed-in staff member (anonymous GETs go to the login page,
// anonymous POSTs get 401); administrators edit everything, an institution editor only their own institution,
// analysts only read. Each form: GET shows it, POST checks it with the schema, re-renders it with field errors
// (400, nothing typed lost) or writes in one transaction and redirects (303).
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Transaction } from 'kysely';
import { canEditOrganization } from '../accounts/access.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { listMunicipalities, listTerritories } from '../territories/territory.service.js';
import {
  ContactFormPage,
  InstitutionFormPage,
  InstitutionListPage,
  InstitutionPageView,
  LocationFormPage,
  ServiceFormPage,
  type FieldErrors,
} from './registry.pages.js';
import {
  contactFormSchema,
  contactInputFromValues,
  contactValuesFromForm,
  contactValuesFromInput,
  institutionFormSchema,
  institutionInputFromValues,
  institutionListQuerySchema,
  institutionValuesFromForm,
  institutionValuesFromInput,
  locationFormSchema,
  locationInputFromValues,
  locationValuesFromForm,
  locationValuesFromInput,
  serviceFormSchema,
  serviceInputFromValues,
  serviceValuesFromForm,
  serviceValuesFromInput,
  translateFieldErrors,
  type ContactFormValues,
  type InstitutionFormValues,
  type LocationFormValues,
  type RawForm,
  type ServiceFormValues,
} from './registry.schema.js';
import {
  assertServiceOf,
  contactToInput,
  createContact,
  createInstitution,
  createLocation,
  createService,
  deleteContact,
  deleteLocation,
  getContactOf,
  getInstitution,
  getInstitutionWithServices,
  getLocationOf,
  getService,
  institutionToInput,
  listChangeEvents,
  listHelpTypes,
  locationToInput,
  searchInstitutions,
  serviceToInput,
  updateContact,
  updateInstitution,
  updateLocation,
  updateService,
  type InstitutionSearch,
} from './registry.service.js';

type C = Context<AppEnvironment>;

/** Anonymous visitors: a GET goes to the login page (and comes back), anything else is refused with 401. */
function requireStaff(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (c.get('account')) return next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    throw new AppError('unauthenticated', 'error.unauthenticated');
  };
}

function signedIn(c: C): SignedInAccount {
  const account = c.get('account');
  if (!account) throw new AppError('unauthenticated', 'error.unauthenticated');
  return account;
}

/** Only administrators and the institution's own editors may change it; analysts and others get 403. */
function assertMayEdit(c: C, organizationId: string): SignedInAccount {
  const account = signedIn(c);
  if (!canEditOrganization(account, organizationId)) throw new AppError('forbidden', 'error.forbidden');
  return account;
}

async function readForm(c: C): Promise<RawForm> {
  const body = await c.req.parseBody({ all: true });
  const form: RawForm = {};
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) form[name] = value.filter((item): item is string => typeof item === 'string');
    else if (typeof value === 'string') form[name] = value;
  }
  return form;
}

/** Turns a domain refusal with field details (e.g. a location of another institution) into form errors. */
function fieldErrorsOf(c: C, error: unknown): FieldErrors | null {
  if (!(error instanceof AppError) || error.code !== 'invalid_input' || error.details.length === 0) return null;
  const t = c.get('t');
  return Object.fromEntries(error.details.map((detail) => [detail.path, t(detail.message)]));
}

const institutionPath = (id: string) => `/staff/institutions/${id}`;

/** The staff audit trail entry of a registry change: ids and changed field names only, never values. */
function auditRegistryChange(trx: Transaction<Database>, account: SignedInAccount, action: string, entity: { type: string; id: string; organizationId: string }, fields?: string[]) {
  return recordAuditEvent(trx, {
    accountId: account.id,
    action: `registry.${entity.type}.${action}`,
    entityType: entity.type,
    entityId: entity.id,
    details: { organization_id: entity.organizationId, ...(fields ? { fields } : {}) },
  });
}

// ---- institutions ------------------------------------------------------------------------------------------

async function renderInstitutionForm(c: C, options: { id: string | null; values: InstitutionFormValues; errors?: FieldErrors; status?: 200 | 400 }) {
  const t = c.get('t');
  const title = options.id ? t('registry.form.edit_institution', { name: options.values.name }) : t('registry.form.new_institution');
  return renderPage(
    c,
    title,
    <InstitutionFormPage
      c={c}
      action={options.id ? `${institutionPath(options.id)}/edit` : '/staff/institutions/new'}
      cancelHref={options.id ? institutionPath(options.id) : '/staff/institutions'}
      values={options.values}
      errors={options.errors ?? {}}
      isNew={options.id === null}
    />,
    { status: options.status ?? 200 },
  );
}

// ---- services ----------------------------------------------------------------------------------------------

async function renderServiceForm(c: C, options: { organizationId: string; serviceId: string | null; values: ServiceFormValues; errors?: FieldErrors; status?: 200 | 400 }) {
  const t = c.get('t');
  const db = c.get('db');
  const [institution, helpTypes, municipalities] = await Promise.all([getInstitution(db, options.organizationId), listHelpTypes(db, c.get('language')), listMunicipalities(db)]);
  const base = institutionPath(options.organizationId);
  const title = options.serviceId ? t('registry.form.edit_service', { name: options.values.name }) : t('registry.form.new_service', { institution: institution.name });
  return renderPage(
    c,
    title,
    <ServiceFormPage
      c={c}
      action={options.serviceId ? `${base}/services/${options.serviceId}/edit` : `${base}/services/new`}
      cancelHref={base}
      institutionName={institution.name}
      values={options.values}
      errors={options.errors ?? {}}
      isNew={options.serviceId === null}
      helpTypes={helpTypes}
      municipalities={municipalities.map((territory) => ({ code: territory.code, name: territory.name }))}
      locations={institution.locations}
    />,
    { status: options.status ?? 200 },
  );
}

async function serviceReferences(c: C, organizationId: string) {
  const db = c.get('db');
  const [helpTypes, territories, institution] = await Promise.all([listHelpTypes(db, 'lv'), listTerritories(db), getInstitution(db, organizationId)]);
  return {
    helpTypeIds: new Set(helpTypes.flatMap((type) => [type.id, ...type.finer.map((term) => term.id)])),
    territoryCodes: new Set(territories.map((territory) => territory.code)),
    locationIds: new Set(institution.locations.map((location) => location.id)),
  };
}

async function saveService(c: C, organizationId: string, serviceId: string | null) {
  const account = assertMayEdit(c, organizationId);
  if (serviceId) await assertServiceOf(c.get('db'), organizationId, serviceId);
  else await getInstitution(c.get('db'), organizationId);
  const values = serviceValuesFromForm(await readForm(c));
  const parsed = serviceFormSchema(await serviceReferences(c, organizationId)).safeParse(values);
  if (!parsed.success) return renderServiceForm(c, { organizationId, serviceId, values, errors: translateFieldErrors(parsed.error, c.get('t')), status: 400 });
  const input = serviceInputFromValues(values);
  try {
    await c.get('db').transaction().execute(async (trx) => {
      if (serviceId) {
        const fields = await updateService(trx, serviceId, input, { updatedBy: account.id });
        if (fields.length > 0) await auditRegistryChange(trx, account, 'update', { type: 'service', id: serviceId, organizationId }, fields);
      } else {
        const id = await createService(trx, organizationId, input, { updatedBy: account.id });
        await auditRegistryChange(trx, account, 'create', { type: 'service', id, organizationId });
      }
    });
  } catch (error) {
    const errors = fieldErrorsOf(c, error);
    if (errors) return renderServiceForm(c, { organizationId, serviceId, values, errors, status: 400 });
    throw error;
  }
  return c.redirect(`${institutionPath(organizationId)}?saved=1`, 303);
}

// ---- locations ---------------------------------------------------------------------------------------------

async function renderLocationForm(c: C, options: { organizationId: string; locationId: string | null; values: LocationFormValues; errors?: FieldErrors; status?: 200 | 400 }) {
  const t = c.get('t');
  const db = c.get('db');
  const [institution, territories] = await Promise.all([getInstitution(db, options.organizationId), listTerritories(db)]);
  const base = institutionPath(options.organizationId);
  const title = options.locationId ? t('registry.form.edit_location', { institution: institution.name }) : t('registry.form.new_location', { institution: institution.name });
  return renderPage(
    c,
    title,
    <LocationFormPage
      c={c}
      action={options.locationId ? `${base}/locations/${options.locationId}/edit` : `${base}/locations/new`}
      deleteAction={options.locationId ? `${base}/locations/${options.locationId}/delete` : null}
      cancelHref={base}
      institutionName={institution.name}
      values={options.values}
      errors={options.errors ?? {}}
      territories={territories}
    />,
    { status: options.status ?? 200 },
  );
}

async function saveLocation(c: C, organizationId: string, locationId: string | null) {
  const account = assertMayEdit(c, organizationId);
  const db = c.get('db');
  if (locationId) await getLocationOf(db, organizationId, locationId);
  else await getInstitution(db, organizationId);
  const values = locationValuesFromForm(await readForm(c));
  const territoryCodes = new Set((await listTerritories(db)).map((territory) => territory.code));
  const parsed = locationFormSchema({ territoryCodes }).safeParse(values);
  if (!parsed.success) return renderLocationForm(c, { organizationId, locationId, values, errors: translateFieldErrors(parsed.error, c.get('t')), status: 400 });
  const input = locationInputFromValues(values);
  await db.transaction().execute(async (trx) => {
    if (locationId) {
      const fields = await updateLocation(trx, organizationId, locationId, input, { updatedBy: account.id });
      if (fields.length > 0) await auditRegistryChange(trx, account, 'update', { type: 'location', id: locationId, organizationId }, fields);
    } else {
      const id = await createLocation(trx, organizationId, input, { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'create', { type: 'location', id, organizationId });
    }
  });
  return c.redirect(`${institutionPath(organizationId)}?saved=1`, 303);
}

// ---- contacts ----------------------------------------------------------------------------------------------

async function renderContactForm(c: C, options: { organizationId: string; contactId: string | null; values: ContactFormValues; errors?: FieldErrors; status?: 200 | 400 }) {
  const t = c.get('t');
  const institution = await getInstitutionWithServices(c.get('db'), options.organizationId, c.get('language'));
  const base = institutionPath(options.organizationId);
  const title = options.contactId ? t('registry.form.edit_contact', { institution: institution.name }) : t('registry.form.new_contact', { institution: institution.name });
  return renderPage(
    c,
    title,
    <ContactFormPage
      c={c}
      action={options.contactId ? `${base}/contacts/${options.contactId}/edit` : `${base}/contacts/new`}
      deleteAction={options.contactId ? `${base}/contacts/${options.contactId}/delete` : null}
      cancelHref={base}
      institutionName={institution.name}
      values={options.values}
      errors={options.errors ?? {}}
      services={institution.services}
    />,
    { status: options.status ?? 200 },
  );
}

async function saveContact(c: C, organizationId: string, contactId: string | null) {
  const account = assertMayEdit(c, organizationId);
  const db = c.get('db');
  if (contactId) await getContactOf(db, organizationId, contactId);
  const institution = await getInstitutionWithServices(db, organizationId, 'lv');
  const values = contactValuesFromForm(await readForm(c));
  const parsed = contactFormSchema({ serviceIds: new Set(institution.services.map((service) => service.id)) }).safeParse(values);
  if (!parsed.success) return renderContactForm(c, { organizationId, contactId, values, errors: translateFieldErrors(parsed.error, c.get('t')), status: 400 });
  const input = contactInputFromValues(values);
  await db.transaction().execute(async (trx) => {
    if (contactId) {
      const fields = await updateContact(trx, organizationId, contactId, input, { updatedBy: account.id });
      if (fields.length > 0) await auditRegistryChange(trx, account, 'update', { type: 'contact', id: contactId, organizationId }, fields);
    } else {
      const id = await createContact(trx, organizationId, input, { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'create', { type: 'contact', id, organizationId });
    }
  });
  return c.redirect(`${institutionPath(organizationId)}?saved=1`, 303);
}

// ---- the routes --------------------------------------------------------------------------------------------

export const registryRoutes = new Hono<AppEnvironment>()
  .use('/staff/institutions', requireStaff())
  .use('/staff/institutions/*', requireStaff())
  .get('/staff/institutions', async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const query = institutionListQuerySchema.parse(c.req.query());
    const search: InstitutionSearch = { query: query.q, page: query.page, perPage: 25 };
    if (query.type) search.type = query.type;
    if (query.territory) search.territoryCode = query.territory;
    if (query.help_type) search.helpTypeCode = query.help_type;
    const [result, municipalities, helpTypes] = await Promise.all([searchInstitutions(db, search), listMunicipalities(db), listHelpTypes(db, c.get('language'))]);
    const canCreate = signedIn(c).role === 'administrator';
    return renderPage(
      c,
      t('registry.list.title'),
      <InstitutionListPage c={c} search={search} result={result} municipalities={municipalities} helpTypes={helpTypes} canCreate={canCreate} />,
      { wide: true },
    );
  })
  .get('/staff/institutions/new', (c) => {
    if (signedIn(c).role !== 'administrator') throw new AppError('forbidden', 'error.forbidden');
    return renderInstitutionForm(c, { id: null, values: institutionValuesFromInput(null) });
  })
  .post('/staff/institutions/new', async (c) => {
    const account = signedIn(c);
    if (account.role !== 'administrator') throw new AppError('forbidden', 'error.forbidden');
    const values = institutionValuesFromForm(await readForm(c));
    const parsed = institutionFormSchema.safeParse(values);
    if (!parsed.success) return renderInstitutionForm(c, { id: null, values, errors: translateFieldErrors(parsed.error, c.get('t')), status: 400 });
    const id = await c.get('db').transaction().execute(async (trx) => {
      const created = await createInstitution(trx, institutionInputFromValues(values), { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'create', { type: 'organization', id: created, organizationId: created });
      return created;
    });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}', async (c) => {
    const id = c.req.param('id');
    const db = c.get('db');
    const institution = await getInstitutionWithServices(db, id, c.get('language'));
    const resourceIds = [
      id,
      ...institution.services.map((service) => service.id),
      ...institution.locations.flatMap((location) => [location.id, ...(location.address ? [location.address.id] : [])]),
      ...institution.contacts.map((contact) => contact.id),
      ...institution.services.flatMap((service) => service.contacts.map((contact) => contact.id)),
    ];
    const changes = await listChangeEvents(db, resourceIds, 15);
    return renderPage(
      c,
      institution.name,
      <InstitutionPageView c={c} institution={institution} canEdit={canEditOrganization(signedIn(c), id)} changes={changes} saved={c.req.query('saved') === '1'} />,
      { wide: true },
    );
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    assertMayEdit(c, id);
    const institution = await getInstitution(c.get('db'), id);
    return renderInstitutionForm(c, { id, values: institutionValuesFromInput(institutionToInput(institution)) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    const account = assertMayEdit(c, id);
    await getInstitution(c.get('db'), id);
    const values = institutionValuesFromForm(await readForm(c));
    const parsed = institutionFormSchema.safeParse(values);
    if (!parsed.success) return renderInstitutionForm(c, { id, values, errors: translateFieldErrors(parsed.error, c.get('t')), status: 400 });
    await c.get('db').transaction().execute(async (trx) => {
      const fields = await updateInstitution(trx, id, institutionInputFromValues(values), { updatedBy: account.id });
      if (fields.length > 0) await auditRegistryChange(trx, account, 'update', { type: 'organization', id, organizationId: id }, fields);
    });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/new', async (c) => {
    const id = c.req.param('id');
    assertMayEdit(c, id);
    return renderServiceForm(c, { organizationId: id, serviceId: null, values: serviceValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/new', (c) => saveService(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/:serviceId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, serviceId } = c.req.param();
    assertMayEdit(c, id);
    await assertServiceOf(c.get('db'), id, serviceId);
    const service = await getService(c.get('db'), serviceId, c.get('language'));
    return renderServiceForm(c, { organizationId: id, serviceId, values: serviceValuesFromInput(serviceToInput(service)) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/:serviceId{[0-9a-fA-F-]{36}}/edit', (c) => saveService(c, c.req.param('id'), c.req.param('serviceId')))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/new', async (c) => {
    const id = c.req.param('id');
    assertMayEdit(c, id);
    return renderLocationForm(c, { organizationId: id, locationId: null, values: locationValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/new', (c) => saveLocation(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, locationId } = c.req.param();
    assertMayEdit(c, id);
    const location = await getLocationOf(c.get('db'), id, locationId);
    return renderLocationForm(c, { organizationId: id, locationId, values: locationValuesFromInput(locationToInput(location)) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/edit', (c) => saveLocation(c, c.req.param('id'), c.req.param('locationId')))
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/delete', async (c) => {
    const { id, locationId } = c.req.param();
    const account = assertMayEdit(c, id);
    await c.get('db').transaction().execute(async (trx) => {
      await deleteLocation(trx, id, locationId, { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'delete', { type: 'location', id: locationId, organizationId: id });
    });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/new', async (c) => {
    const id = c.req.param('id');
    assertMayEdit(c, id);
    return renderContactForm(c, { organizationId: id, contactId: null, values: contactValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/new', (c) => saveContact(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, contactId } = c.req.param();
    assertMayEdit(c, id);
    const contact = await getContactOf(c.get('db'), id, contactId);
    return renderContactForm(c, { organizationId: id, contactId, values: contactValuesFromInput(contactToInput(contact)) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/edit', (c) => saveContact(c, c.req.param('id'), c.req.param('contactId')))
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/delete', async (c) => {
    const { id, contactId } = c.req.param();
    const account = assertMayEdit(c, id);
    await c.get('db').transaction().execute(async (trx) => {
      await deleteContact(trx, id, contactId, { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'delete', { type: 'contact', id: contactId, organizationId: id });
    });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  });

// Staff see "Institutions" first in the top navigation and on their home page.
navigationLinks.unshift((c) => (c.get('account') ? { href: '/staff/institutions', label: c.get('t')('registry.nav.institutions') } : null));
staffHomeLinks.unshift((account, t) => ({
  href: account.role === 'institution_editor' && account.organizationId ? institutionPath(account.organizationId) : '/staff/institutions',
  label: account.role === 'institution_editor' ? t('registry.nav.own_institution') : t('registry.nav.institutions'),
  description: t('registry.nav.institutions_description'),
}));
