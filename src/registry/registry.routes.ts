// Staff pages of the registry. Every page needs a signed-in staff member (anonymous GETs go to the login page,
// anonymous POSTs get 401); administrators edit everything, an institution editor only their own institution,
// analysts only read. Each form: GET shows it, POST checks it with the schema, re-renders it with field errors
// (400, nothing typed lost) or writes in one transaction and redirects (303).
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Transaction } from 'kysely';
import { assertCanEditOrganization, canEditOrganization, signedInAccount } from '../accounts/access.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks } from '../http/layout.js';
import { listMunicipalities, listTerritories } from '../territories/territory.service.js';
import {
  renderContactFormPage,
  renderInstitutionFormPage,
  renderInstitutionListPage,
  renderInstitutionPage,
  renderLocationFormPage,
  renderServiceFormPage,
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
import type { InstitutionSearch } from './institution.model.js';
import { loadUpkeepPanel } from './upkeep.routes.js';
import {
  assertServiceOf,
  getContactOf,
  getInstitution,
  getInstitutionWithServices,
  getLocationOf,
  getService,
  listChangeEvents,
  listHelpTypes,
  searchInstitutions,
} from './institution-read.service.js';
import { contactToInput, institutionToInput, locationToInput, serviceToInput } from './institution-form.js';
import {
  createContact,
  createInstitution,
  createLocation,
  createService,
  deleteContact,
  deleteLocation,
  updateContact,
  updateInstitution,
  updateLocation,
  updateService,
} from './institution-write.service.js';

type C = Context<AppEnvironment>;

/** Anonymous visitors: a GET goes to the login page (and comes back), anything else is refused with 401. */
function requireStaff(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (c.get('account')) return next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD')
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    throw new AppError('unauthenticated', 'error.unauthenticated');
  };
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
  return Object.fromEntries(error.details.map((detail) => [detail.path, t(detail.messageKey, detail.parameters)]));
}

const institutionPath = (id: string) => `/staff/institutions/${id}`;

/** The staff audit trail entry of a registry change: ids and changed field names only, never values. */
function auditRegistryChange(
  trx: Transaction<Database>,
  account: SignedInAccount,
  action: string,
  entity: { type: string; id: string; organizationId: string },
  fields?: string[],
) {
  return recordAuditEvent(trx, {
    accountId: account.id,
    action: `registry.${entity.type}.${action}`,
    entityType: entity.type,
    entityId: entity.id,
    details: { organization_id: entity.organizationId, ...(fields ? { fields } : {}) },
  });
}

// ---- institutions ------------------------------------------------------------------------------------------

function showInstitutionForm(
  c: C,
  options: { id: string | null; values: InstitutionFormValues; errors?: FieldErrors; status?: 200 | 400 },
) {
  const t = c.get('t');
  const title = options.id
    ? t('registry.form.edit_institution', { name: options.values.name })
    : t('registry.form.new_institution');
  return renderInstitutionFormPage(c, title, {
    action: options.id ? `${institutionPath(options.id)}/edit` : '/staff/institutions/new',
    cancelHref: options.id ? institutionPath(options.id) : '/staff/institutions',
    values: options.values,
    errors: options.errors ?? {},
    isNew: options.id === null,
    status: options.status,
  });
}

// ---- services ----------------------------------------------------------------------------------------------

async function showServiceForm(
  c: C,
  options: {
    organizationId: string;
    serviceId: string | null;
    values: ServiceFormValues;
    errors?: FieldErrors;
    status?: 200 | 400;
  },
) {
  const t = c.get('t');
  const db = c.get('db');
  const [institution, helpTypes, municipalities] = await Promise.all([
    getInstitution(db, options.organizationId),
    listHelpTypes(db, c.get('language')),
    listMunicipalities(db),
  ]);
  const base = institutionPath(options.organizationId);
  const title = options.serviceId
    ? t('registry.form.edit_service', { name: options.values.name })
    : t('registry.form.new_service', { institution: institution.name });
  return renderServiceFormPage(c, title, {
    action: options.serviceId ? `${base}/services/${options.serviceId}/edit` : `${base}/services/new`,
    cancelHref: base,
    institutionName: institution.name,
    values: options.values,
    errors: options.errors ?? {},
    isNew: options.serviceId === null,
    helpTypes,
    municipalities: municipalities.map((territory) => ({ code: territory.code, name: territory.name })),
    locations: institution.locations,
    status: options.status,
  });
}

async function serviceReferences(c: C, organizationId: string) {
  const db = c.get('db');
  const [helpTypes, territories, institution] = await Promise.all([
    listHelpTypes(db, 'lv'),
    listTerritories(db),
    getInstitution(db, organizationId),
  ]);
  return {
    helpTypeIds: new Set(helpTypes.flatMap((type) => [type.id, ...type.finer.map((term) => term.id)])),
    territoryCodes: new Set(territories.map((territory) => territory.code)),
    locationIds: new Set(institution.locations.map((location) => location.id)),
  };
}

async function saveService(c: C, organizationId: string, serviceId: string | null) {
  const account = assertCanEditOrganization(c.get('account'), organizationId);
  if (serviceId) await assertServiceOf(c.get('db'), organizationId, serviceId);
  else await getInstitution(c.get('db'), organizationId);
  const values = serviceValuesFromForm(await readForm(c));
  const parsed = serviceFormSchema(await serviceReferences(c, organizationId)).safeParse(values);
  if (!parsed.success)
    return showServiceForm(c, {
      organizationId,
      serviceId,
      values,
      errors: translateFieldErrors(parsed.error, c.get('t')),
      status: 400,
    });
  const input = serviceInputFromValues(values);
  try {
    await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        if (serviceId) {
          const fields = await updateService(trx, serviceId, input, { updatedBy: account.id });
          if (fields.length > 0)
            await auditRegistryChange(
              trx,
              account,
              'update',
              { type: 'service', id: serviceId, organizationId },
              fields,
            );
        } else {
          const id = await createService(trx, organizationId, input, { updatedBy: account.id });
          await auditRegistryChange(trx, account, 'create', { type: 'service', id, organizationId });
        }
      });
  } catch (error) {
    const errors = fieldErrorsOf(c, error);
    if (errors) return showServiceForm(c, { organizationId, serviceId, values, errors, status: 400 });
    throw error;
  }
  return c.redirect(`${institutionPath(organizationId)}?saved=1`, 303);
}

// ---- locations ---------------------------------------------------------------------------------------------

async function showLocationForm(
  c: C,
  options: {
    organizationId: string;
    locationId: string | null;
    values: LocationFormValues;
    errors?: FieldErrors;
    status?: 200 | 400;
  },
) {
  const t = c.get('t');
  const db = c.get('db');
  const [institution, territories] = await Promise.all([
    getInstitution(db, options.organizationId),
    listTerritories(db),
  ]);
  const base = institutionPath(options.organizationId);
  const title = options.locationId
    ? t('registry.form.edit_location', { institution: institution.name })
    : t('registry.form.new_location', { institution: institution.name });
  return renderLocationFormPage(c, title, {
    action: options.locationId ? `${base}/locations/${options.locationId}/edit` : `${base}/locations/new`,
    deleteAction: options.locationId ? `${base}/locations/${options.locationId}/delete` : null,
    cancelHref: base,
    institutionName: institution.name,
    values: options.values,
    errors: options.errors ?? {},
    territories: territories,
    status: options.status,
  });
}

async function saveLocation(c: C, organizationId: string, locationId: string | null) {
  const account = assertCanEditOrganization(c.get('account'), organizationId);
  const db = c.get('db');
  if (locationId) await getLocationOf(db, organizationId, locationId);
  else await getInstitution(db, organizationId);
  const values = locationValuesFromForm(await readForm(c));
  const territoryCodes = new Set((await listTerritories(db)).map((territory) => territory.code));
  const parsed = locationFormSchema({ territoryCodes }).safeParse(values);
  if (!parsed.success)
    return showLocationForm(c, {
      organizationId,
      locationId,
      values,
      errors: translateFieldErrors(parsed.error, c.get('t')),
      status: 400,
    });
  const input = locationInputFromValues(values);
  await db.transaction().execute(async (trx) => {
    if (locationId) {
      const fields = await updateLocation(trx, organizationId, locationId, input, { updatedBy: account.id });
      if (fields.length > 0)
        await auditRegistryChange(trx, account, 'update', { type: 'location', id: locationId, organizationId }, fields);
    } else {
      const id = await createLocation(trx, organizationId, input, { updatedBy: account.id });
      await auditRegistryChange(trx, account, 'create', { type: 'location', id, organizationId });
    }
  });
  return c.redirect(`${institutionPath(organizationId)}?saved=1`, 303);
}

// ---- contacts ----------------------------------------------------------------------------------------------

async function showContactForm(
  c: C,
  options: {
    organizationId: string;
    contactId: string | null;
    values: ContactFormValues;
    errors?: FieldErrors;
    status?: 200 | 400;
  },
) {
  const t = c.get('t');
  const institution = await getInstitutionWithServices(c.get('db'), options.organizationId, c.get('language'));
  const base = institutionPath(options.organizationId);
  const title = options.contactId
    ? t('registry.form.edit_contact', { institution: institution.name })
    : t('registry.form.new_contact', { institution: institution.name });
  return renderContactFormPage(c, title, {
    action: options.contactId ? `${base}/contacts/${options.contactId}/edit` : `${base}/contacts/new`,
    deleteAction: options.contactId ? `${base}/contacts/${options.contactId}/delete` : null,
    cancelHref: base,
    institutionName: institution.name,
    values: options.values,
    errors: options.errors ?? {},
    services: institution.services,
    status: options.status,
  });
}

async function saveContact(c: C, organizationId: string, contactId: string | null) {
  const account = assertCanEditOrganization(c.get('account'), organizationId);
  const db = c.get('db');
  if (contactId) await getContactOf(db, organizationId, contactId);
  const institution = await getInstitutionWithServices(db, organizationId, 'lv');
  const values = contactValuesFromForm(await readForm(c));
  const parsed = contactFormSchema({
    serviceIds: new Set(institution.services.map((service) => service.id)),
  }).safeParse(values);
  if (!parsed.success)
    return showContactForm(c, {
      organizationId,
      contactId,
      values,
      errors: translateFieldErrors(parsed.error, c.get('t')),
      status: 400,
    });
  const input = contactInputFromValues(values);
  await db.transaction().execute(async (trx) => {
    if (contactId) {
      const fields = await updateContact(trx, organizationId, contactId, input, { updatedBy: account.id });
      if (fields.length > 0)
        await auditRegistryChange(trx, account, 'update', { type: 'contact', id: contactId, organizationId }, fields);
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
    const db = c.get('db');
    const query = institutionListQuerySchema.parse(c.req.query());
    const search: InstitutionSearch = { query: query.q, page: query.page, perPage: 25 };
    if (query.type) search.type = query.type;
    if (query.territory) search.territoryCode = query.territory;
    if (query.help_type) search.helpTypeCode = query.help_type;
    const [result, municipalities, helpTypes] = await Promise.all([
      searchInstitutions(db, search),
      listMunicipalities(db),
      listHelpTypes(db, c.get('language')),
    ]);
    const canCreate = signedInAccount(c).role === 'administrator';
    return renderInstitutionListPage(c, { search, result, municipalities, helpTypes, canCreate });
  })
  .get('/staff/institutions/new', (c) => {
    if (signedInAccount(c).role !== 'administrator') throw new AppError('forbidden', 'error.forbidden');
    return showInstitutionForm(c, { id: null, values: institutionValuesFromInput(null) });
  })
  .post('/staff/institutions/new', async (c) => {
    const account = signedInAccount(c);
    if (account.role !== 'administrator') throw new AppError('forbidden', 'error.forbidden');
    const values = institutionValuesFromForm(await readForm(c));
    const parsed = institutionFormSchema.safeParse(values);
    if (!parsed.success)
      return showInstitutionForm(c, {
        id: null,
        values,
        errors: translateFieldErrors(parsed.error, c.get('t')),
        status: 400,
      });
    const id = await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        const created = await createInstitution(trx, institutionInputFromValues(values), { updatedBy: account.id });
        await auditRegistryChange(trx, account, 'create', {
          type: 'organization',
          id: created,
          organizationId: created,
        });
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
    return renderInstitutionPage(c, {
      institution,
      canEdit: canEditOrganization(signedInAccount(c), id),
      changes,
      saved: c.req.query('saved') === '1',
      upkeep: await loadUpkeepPanel(c, id),
    });
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    assertCanEditOrganization(c.get('account'), id);
    const institution = await getInstitution(c.get('db'), id);
    return showInstitutionForm(c, { id, values: institutionValuesFromInput(institutionToInput(institution)) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    const account = assertCanEditOrganization(c.get('account'), id);
    await getInstitution(c.get('db'), id);
    const values = institutionValuesFromForm(await readForm(c));
    const parsed = institutionFormSchema.safeParse(values);
    if (!parsed.success)
      return showInstitutionForm(c, {
        id,
        values,
        errors: translateFieldErrors(parsed.error, c.get('t')),
        status: 400,
      });
    await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        const fields = await updateInstitution(trx, id, institutionInputFromValues(values), { updatedBy: account.id });
        if (fields.length > 0)
          await auditRegistryChange(trx, account, 'update', { type: 'organization', id, organizationId: id }, fields);
      });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/new', async (c) => {
    const id = c.req.param('id');
    assertCanEditOrganization(c.get('account'), id);
    return showServiceForm(c, { organizationId: id, serviceId: null, values: serviceValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/new', (c) => saveService(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/:serviceId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, serviceId } = c.req.param();
    assertCanEditOrganization(c.get('account'), id);
    await assertServiceOf(c.get('db'), id, serviceId);
    const service = await getService(c.get('db'), serviceId, c.get('language'));
    return showServiceForm(c, {
      organizationId: id,
      serviceId,
      values: serviceValuesFromInput(serviceToInput(service)),
    });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/services/:serviceId{[0-9a-fA-F-]{36}}/edit', (c) =>
    saveService(c, c.req.param('id'), c.req.param('serviceId')),
  )
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/new', async (c) => {
    const id = c.req.param('id');
    assertCanEditOrganization(c.get('account'), id);
    return showLocationForm(c, { organizationId: id, locationId: null, values: locationValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/new', (c) => saveLocation(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, locationId } = c.req.param();
    assertCanEditOrganization(c.get('account'), id);
    const location = await getLocationOf(c.get('db'), id, locationId);
    return showLocationForm(c, {
      organizationId: id,
      locationId,
      values: locationValuesFromInput(locationToInput(location)),
    });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/edit', (c) =>
    saveLocation(c, c.req.param('id'), c.req.param('locationId')),
  )
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/locations/:locationId{[0-9a-fA-F-]{36}}/delete', async (c) => {
    const { id, locationId } = c.req.param();
    const account = assertCanEditOrganization(c.get('account'), id);
    await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        await deleteLocation(trx, id, locationId, { updatedBy: account.id });
        await auditRegistryChange(trx, account, 'delete', { type: 'location', id: locationId, organizationId: id });
      });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  })
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/new', async (c) => {
    const id = c.req.param('id');
    assertCanEditOrganization(c.get('account'), id);
    return showContactForm(c, { organizationId: id, contactId: null, values: contactValuesFromInput(null) });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/new', (c) => saveContact(c, c.req.param('id'), null))
  .get('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/edit', async (c) => {
    const { id, contactId } = c.req.param();
    assertCanEditOrganization(c.get('account'), id);
    const contact = await getContactOf(c.get('db'), id, contactId);
    return showContactForm(c, {
      organizationId: id,
      contactId,
      values: contactValuesFromInput(contactToInput(contact)),
    });
  })
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/edit', (c) =>
    saveContact(c, c.req.param('id'), c.req.param('contactId')),
  )
  .post('/staff/institutions/:id{[0-9a-fA-F-]{36}}/contacts/:contactId{[0-9a-fA-F-]{36}}/delete', async (c) => {
    const { id, contactId } = c.req.param();
    const account = assertCanEditOrganization(c.get('account'), id);
    await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        await deleteContact(trx, id, contactId, { updatedBy: account.id });
        await auditRegistryChange(trx, account, 'delete', { type: 'contact', id: contactId, organizationId: id });
      });
    return c.redirect(`${institutionPath(id)}?saved=1`, 303);
  });

// Staff see "Institutions" first in the top navigation and on their home page.
navigationLinks.unshift((c) =>
  c.get('account') ? { href: '/staff/institutions', label: c.get('t')('registry.nav.institutions') } : null,
);
staffHomeLinks.unshift((account, t) => ({
  href:
    account.role === 'institution_editor' && account.organizationId
      ? institutionPath(account.organizationId)
      : '/staff/institutions',
  label: account.role === 'institution_editor' ? t('registry.nav.own_institution') : t('registry.nav.institutions'),
  description: t('registry.nav.institutions_description'),
}));
