import { Hono, type Context } from 'hono';
import { requireRole, signedInAccount } from '../accounts/access.middleware.js';
import { requireBearer } from '../accounts/bearer.middleware.js';
import type { SignedInAccount } from '../core/account.js';
import { endOfLatvianDay } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { getInstitutionWithServices, getService } from '../registry/institution-read.service.js';
import { describeBedFigure } from './beds.components.js';
import { ReminderDonePage, ReminderPage, StaffBedsPage, type StaffBedService } from './beds.pages.js';
import { capacityBodySchema, reminderFormSchema, staffBedsFormSchema } from './beds.schema.js';
import {
  answerReminder,
  assertCanManageBeds,
  blockPlaces,
  changeEmptyPlaces,
  findBedFigures,
  readReminder,
  recordWalkIn,
  setBedFigure,
  type EmptyPlacesChange,
} from './beds.service.js';

// Beds tonight at the edge: the capacity API (bearer token), the duty worker's page /staff/beds and the evening
// reminder's one-use link /beds/<service>/reminder/<token>.

type AppContext = Context<AppEnvironment>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function serviceIdParam(c: AppContext): string {
  const id = c.req.param('id') ?? '';
  if (!uuidPattern.test(id)) throw new AppError('not_found', 'error.not_found');
  return id;
}

const staleAfter = (c: AppContext) => c.get('config').bedsStaleAfterSeconds;

/** PUT /api/v1/services/{id}/capacity, mounted with the network API (bearer tokens, no CSRF: http/routes.ts). */
export const bedsApiRoutes = new Hono<AppEnvironment>()
  .use('/api/v1/services/:id/capacity', requireBearer())
  .put('/api/v1/services/:id/capacity', async (c) => {
    const serviceId = serviceIdParam(c);
    const account = c.get('account')!;
    await assertCanManageBeds(c.get('db'), account, serviceId);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new AppError('invalid_input', 'api.error.json');
    }
    const parsed = capacityBodySchema.safeParse(body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '(body)')))];
      throw new AppError(
        'invalid_input',
        'beds.error.range',
        fields.map((path) => ({ path, messageKey: 'beds.error.range', parameters: { maximum: 10_000 } })),
        { maximum: 10_000 },
      );
    }
    const stored = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        setBedFigure(trx, {
          serviceId,
          available: parsed.data.available,
          maximum: parsed.data.maximum,
          placesMen: parsed.data.places_men,
          placesWomen: parsed.data.places_women,
          placesAccessible: parsed.data.places_accessible,
          accountId: account.id,
          channel: 'api',
        }),
      );
    return c.json({
      service_id: serviceId,
      available: stored.available,
      maximum: stored.maximum,
      updated: stored.updatedAt.toISOString(),
    });
  });

const bedsRoles = ['administrator', 'provider_intake', 'provider_worker', 'institution_editor'] as const;

navigationLinks.push((c) => {
  const role = c.get('account')?.role;
  return role && (bedsRoles as readonly string[]).includes(role)
    ? { href: '/staff/beds', label: c.get('t')('beds.nav') }
    : null;
});

const bedHelpTypes = ['shelter', 'housing'];

/** The services on the worker's page: their institution's services with beds (shelter or housing, or a figure). */
async function loadStaffServices(c: AppContext, account: SignedInAccount): Promise<StaffBedService[]> {
  const db = c.get('db');
  const language = c.get('language');
  let services: Array<{ id: string; name: string; capacityBeds: number | null; helpCodes: string[] }> = [];
  if (account.organizationId) {
    const institution = await getInstitutionWithServices(db, account.organizationId, language);
    services = institution.services.map((service) => ({
      id: service.id,
      name: service.name,
      capacityBeds: service.capacityBeds,
      helpCodes: service.helpTypes.map((tag) => tag.code.split('.')[0] ?? tag.code),
    }));
  } else {
    // An administrator with no institution sees the places that already give figures.
    const figures = await findBedFigures(db, null, { staleAfterSeconds: staleAfter(c) });
    for (const serviceId of figures.keys()) {
      const service = await getService(db, serviceId, language).catch(() => null);
      if (service)
        services.push({ id: service.id, name: service.name, capacityBeds: service.capacityBeds, helpCodes: [] });
    }
  }
  const figures = await findBedFigures(
    db,
    services.map((service) => service.id),
    { staleAfterSeconds: staleAfter(c) },
  );
  return services
    .filter(
      (service) =>
        figures.has(service.id) ||
        service.capacityBeds !== null ||
        service.helpCodes.some((code) => bedHelpTypes.includes(code)),
    )
    .map((service) => {
      const figure = figures.get(service.id) ?? null;
      return {
        id: service.id,
        name: service.name,
        figure,
        words: figure ? describeBedFigure(figure, c.get('t'), language) : null,
        registryBeds: service.capacityBeds,
      };
    });
}

async function renderStaffBeds(c: AppContext, options: { error?: string; status?: 200 | 400 | 409 } = {}) {
  const account = signedInAccount(c);
  const services = await loadStaffServices(c, account);
  const saved = c.req.query('saved');
  const savedName = saved ? (services.find((service) => service.id === saved)?.name ?? null) : null;
  return renderPage(
    c,
    c.get('t')('beds.staff.title'),
    StaffBedsPage({ c, services, savedName, error: options.error ?? null }),
    { status: options.status ?? 200 },
  );
}

async function readForm(c: AppContext): Promise<Record<string, string>> {
  const form = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

function toChange(
  form: { action: 'minus' | 'plus' | 'same' } | { action: 'set'; available: number },
): EmptyPlacesChange {
  return form.action === 'set' ? { kind: 'set', value: form.available } : { kind: form.action };
}

/** The duty worker's page and its buttons. */
export const bedsRoutes = new Hono<AppEnvironment>()
  .use('/staff/beds', requireRole(...bedsRoles))
  .use('/staff/beds/*', requireRole(...bedsRoles))
  .get('/staff/beds', (c) => renderStaffBeds(c))
  .post('/staff/beds/:id', async (c) => {
    const serviceId = serviceIdParam(c);
    const account = signedInAccount(c);
    const db = c.get('db');
    await assertCanManageBeds(db, account, serviceId);
    const parsed = staffBedsFormSchema.safeParse(await readForm(c));
    const t = c.get('t');
    if (!parsed.success) return renderStaffBeds(c, { error: t('beds.error.range', { maximum: 10_000 }), status: 400 });
    const form = parsed.data;
    try {
      await db.transaction().execute(async (trx) => {
        switch (form.action) {
          case 'setup':
            await setBedFigure(trx, {
              serviceId,
              available: form.available,
              maximum: form.maximum,
              placesMen: form.men,
              placesWomen: form.women,
              placesAccessible: form.accessible,
              accountId: account.id,
              channel: 'staff',
            });
            return;
          case 'walk_in':
          case 'walk_out':
            await recordWalkIn(trx, serviceId, form.action === 'walk_in' ? 'arrival' : 'departure', account.id);
            return;
          case 'block':
            await blockPlaces(trx, {
              serviceId,
              places: form.places,
              reason: form.reason,
              from: new Date(),
              until: endOfLatvianDay(form.until),
              accountId: account.id,
            });
            return;
          default:
            await changeEmptyPlaces(trx, serviceId, toChange(form), account.id, 'staff', staleAfter(c));
        }
      });
    } catch (error) {
      if (error instanceof AppError && (error.code === 'invalid_input' || error.code === 'conflict'))
        return renderStaffBeds(c, {
          error: t(error.messageKey, error.messageParameters),
          status: error.code === 'conflict' ? 409 : 400,
        });
      throw error;
    }
    return c.redirect(`/staff/beds?saved=${serviceId}#service-${serviceId}`, 303);
  })
  .get('/beds/:id/reminder/:token', async (c) => {
    const serviceId = serviceIdParam(c);
    const token = c.req.param('token');
    const db = c.get('db');
    await readReminder(db, serviceId, token);
    const figure = (await findBedFigures(db, [serviceId], { staleAfterSeconds: staleAfter(c) })).get(serviceId);
    if (!figure) throw new AppError('not_found', 'beds.error.link_unknown');
    const service = await getService(db, serviceId, c.get('language'));
    const t = c.get('t');
    return renderPage(
      c,
      t('beds.reminder.title', { count: figure.empty }),
      ReminderPage({ c, serviceName: service.name, figure, action: `/beds/${serviceId}/reminder/${token}` }),
      { withoutMenu: true },
    );
  })
  .post('/beds/:id/reminder/:token', async (c) => {
    const serviceId = serviceIdParam(c);
    const token = c.req.param('token');
    const parsed = reminderFormSchema.safeParse(await readForm(c));
    if (!parsed.success) throw new AppError('invalid_input', 'beds.error.range', [], { maximum: 10_000 });
    const figure = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        answerReminder(trx, { serviceId, token, change: toChange(parsed.data), staleAfterSeconds: staleAfter(c) }),
      );
    const t = c.get('t');
    return renderPage(
      c,
      t('beds.reminder.done', { count: figure.empty }),
      ReminderDonePage({ t, figure, words: describeBedFigure(figure, t, c.get('language')) }),
      { withoutMenu: true },
    );
  });
