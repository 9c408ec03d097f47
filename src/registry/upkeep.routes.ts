// Routes that keep the registry true (issue 15, items 1-4). Public: "Report a mistake" on every institution
// (/institutions/<id>/report-mistake) and the verification link's "Is this still right?" (/verify/<id>/<token>).
// Staff: follow an institution and its change feed, stale listings, the reports queue, survey differences.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireAccount, requireRole, signedInAccount } from '../accounts/access.middleware.js';
import { clientAddress } from '../accounts/session.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { isFollowing, listChangeFeed, listFollowedInstitutions, setFollowing } from './follow.service.js';
import { getInstitution, getInstitutionWithServices } from './institution-read.service.js';
import {
  closeMistakeReport,
  listMistakeReports,
  reportMaxLength,
  reportQueueScope,
  signFormTime,
  submitMistakeReport,
  type ReportRefusal,
} from './mistake-report.service.js';
import {
  acceptSurveyDifference,
  listSurveyDifferences,
  listWavesForDifferences,
} from './survey-differences.service.js';
import {
  renderDifferencesPage,
  renderFeedPage,
  renderReportMistakePage,
  renderReportsPage,
  renderStalePage,
  renderVerifyPage,
  type ReportFormModel,
  type VerifyPageModel,
} from './upkeep.pages.js';
import { mistakeReportStatuses } from './upkeep.table.js';
import {
  listStaleListings,
  openVerificationLink,
  useVerificationLink,
  verificationPath,
} from './verification.service.js';

type C = Context<AppEnvironment>;

const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const token = '[A-Za-z0-9_-]{20,100}';
const perPage = 25;

const pageSchema = z.coerce.number().int().min(1).max(100000).catch(1);

async function readFields(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
  );
}

// ---- public: report a mistake -------------------------------------------------------------------------------

const publicStatuses = new Set(['active', 'temporarily closed']);

async function reportFormModel(
  c: C,
  organizationId: string,
  action = `/institutions/${organizationId}/report-mistake`,
): Promise<Omit<ReportFormModel, 'values' | 'errors'>> {
  const institution = await getInstitutionWithServices(c.get('db'), organizationId, c.get('language'));
  return {
    action,
    institution: { id: institution.id, name: institution.name },
    services: institution.services
      .filter((service) => publicStatuses.has(service.status))
      .map((service) => ({ id: service.id, name: service.name })),
    formTime: await signFormTime(c.get('db'), organizationId),
    message: null,
    sent: false,
  };
}

const refusalStatus: Record<ReportRefusal, 400 | 429> = {
  spam: 400,
  too_fast: 400,
  form_expired: 400,
  too_many_from_sender: 429,
  too_many: 429,
};

const reportBodySchema = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'upkeep.report.body_required').max(reportMaxLength, 'upkeep.report.body_too_long'));

// ---- staff helpers ------------------------------------------------------------------------------------------

function pagingFor(c: C, path: string, page: number, total: number, query: Record<string, string | undefined> = {}) {
  const t = c.get('t');
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return {
    page,
    pageCount,
    path,
    query,
    labels: {
      navigation: t('upkeep.paging.navigation'),
      previous: t('upkeep.paging.previous'),
      next: t('upkeep.paging.next'),
      position: t('upkeep.paging.position', { page, pages: pageCount }),
    },
  };
}

export const upkeepRoutes = new Hono<AppEnvironment>()
  // ---- public ----
  .get(`/institutions/:id{${uuid}}/report-mistake`, async (c) => {
    const id = c.req.param('id');
    const model = await reportFormModel(c, id);
    const service = c.req.query('service') ?? '';
    return renderReportMistakePage(c, {
      ...model,
      values: { service: model.services.some((candidate) => candidate.id === service) ? service : '', body: '' },
      errors: {},
      sent: c.req.query('sent') === '1',
    });
  })
  .post(`/institutions/:id{${uuid}}/report-mistake`, (c) => receiveReport(c, c.req.param('id'), null))
  // ---- public: the verification link ----
  .get(`/verify/:id{${uuid}}/:token{${token}}`, async (c) => {
    const { id, token: rawToken } = c.req.param();
    const db = c.get('db');
    const state = await openVerificationLink(db, id, rawToken);
    return showVerifyPage(c, id, state.state, verificationPath(id, rawToken));
  })
  .post(`/verify/:id{${uuid}}/:token{${token}}`, async (c) => {
    const { id, token: rawToken } = c.req.param();
    try {
      await c
        .get('db')
        .transaction()
        .execute((trx) => useVerificationLink(trx, id, rawToken, 'confirmed'));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        const state = error.messageKey.endsWith('expired') ? 'expired' : 'used';
        return showVerifyPage(c, id, state, verificationPath(id, rawToken), 409);
      }
      throw error;
    }
    return c.redirect(`/verify/${id}/confirmed`, 303);
  })
  .get(`/verify/:id{${uuid}}/:token{${token}}/correct`, async (c) => {
    const { id, token: rawToken } = c.req.param();
    const state = await openVerificationLink(c.get('db'), id, rawToken);
    if (state.state !== 'open') return showVerifyPage(c, id, state.state, verificationPath(id, rawToken));
    const model = await reportFormModel(c, id, `${verificationPath(id, rawToken)}/correct`);
    return renderReportMistakePage(c, { ...model, values: { service: '', body: '' }, errors: {} });
  })
  .post(`/verify/:id{${uuid}}/:token{${token}}/correct`, (c) =>
    receiveReport(c, c.req.param('id'), c.req.param('token')),
  )
  .get(`/verify/:id{${uuid}}/confirmed`, (c) => showVerifyPage(c, c.req.param('id'), 'confirmed', ''))
  .get(`/verify/:id{${uuid}}/corrected`, (c) => showVerifyPage(c, c.req.param('id'), 'corrected', ''))
  // ---- staff: follow and the change feed ----
  .post(`/staff/institutions/:id{${uuid}}/follow`, requireAccount(), async (c) => {
    const id = c.req.param('id');
    const account = signedInAccount(c);
    await getInstitution(c.get('db'), id);
    const fields = await readFields(c);
    await c
      .get('db')
      .transaction()
      .execute((trx) => setFollowing(trx, account.id, id, fields.follow !== '0'));
    return c.redirect(`/staff/institutions/${id}`, 303);
  })
  .get('/staff/registry/feed', requireAccount(), async (c) => {
    const account = signedInAccount(c);
    const db = c.get('db');
    const [events, followed] = await Promise.all([
      listChangeFeed(db, account.id),
      listFollowedInstitutions(db, account.id),
    ]);
    return renderFeedPage(c, { events, followed });
  })
  // ---- staff: stale listings ----
  .get('/staff/registry/stale', requireRole('administrator', 'analyst'), async (c) => {
    const page = pageSchema.parse(c.req.query('page'));
    const result = await listStaleListings(c.get('db'), c.get('config'), page, perPage);
    return renderStalePage(c, {
      ...result,
      paging: pagingFor(c, '/staff/registry/stale', page, result.total),
    });
  })
  // ---- staff: the reports queue ----
  .get('/staff/registry/reports', requireRole('administrator', 'institution_editor'), async (c) => {
    const account = signedInAccount(c);
    const status = z.enum(mistakeReportStatuses).catch('open').parse(c.req.query('status'));
    const page = pageSchema.parse(c.req.query('page'));
    const requested = z.string().uuid().safeParse(c.req.query('institution'));
    const institutionId = reportQueueScope(account).organizationId ?? (requested.success ? requested.data : null);
    const { reports, total } = await listMistakeReports(c.get('db'), account, status, page, perPage, institutionId);
    return renderReportsPage(c, {
      status,
      institutionId,
      reports,
      total,
      closed: c.req.query('closed') === '1',
      paging: pagingFor(c, '/staff/registry/reports', page, total, { status, institution: institutionId ?? undefined }),
    });
  })
  .post(`/staff/registry/reports/:id{${uuid}}/close`, requireRole('administrator', 'institution_editor'), async (c) => {
    const account = signedInAccount(c);
    const fields = await readFields(c);
    const outcome = z.enum(['fixed', 'rejected']).safeParse(fields.outcome);
    if (!outcome.success)
      throw new AppError('invalid_input', 'upkeep.reports.outcome_required', [
        { path: 'outcome', messageKey: 'upkeep.reports.outcome_required' },
      ]);
    await c
      .get('db')
      .transaction()
      .execute((trx) => closeMistakeReport(trx, account, c.req.param('id'), outcome.data));
    return c.redirect('/staff/registry/reports?closed=1', 303);
  })
  // ---- staff: survey differences ----
  .get('/staff/registry/differences', requireRole('administrator'), async (c) => {
    const db = c.get('db');
    const waves = await listWavesForDifferences(db);
    const requested = c.req.query('wave');
    const waveKey = waves.some((wave) => wave.key === requested) ? requested! : (waves[0]?.key ?? null);
    const institutions = waveKey ? await listSurveyDifferences(db, waveKey) : [];
    return renderDifferencesPage(c, {
      waves: waves.map((wave) => ({ key: wave.key, name: wave.name })),
      waveKey,
      institutions,
      accepted: c.req.query('accepted') === '1',
    });
  })
  .post('/staff/registry/differences/accept', requireRole('administrator'), async (c) => {
    const account = signedInAccount(c);
    const fields = await readFields(c);
    const parsed = z
      .object({
        wave: z.string().min(1).max(200),
        organization: z.string().uuid(),
        difference: z.string().regex(/^[a-z_]+(:[a-z_]+)?$/),
      })
      .safeParse(fields);
    if (!parsed.success) throw new AppError('invalid_input', 'upkeep.differences.bad_request');
    const { wave, organization, difference } = parsed.data;
    await c
      .get('db')
      .transaction()
      .execute((trx) => acceptSurveyDifference(trx, account, wave, organization, difference));
    return c.redirect(`/staff/registry/differences?wave=${encodeURIComponent(wave)}&accepted=1`, 303);
  });

/**
 * A report from the public form, or the institution's own corrections through its verification link (which the
 * report then uses up, as "edited"). The same spam rules and limits apply to both.
 */
async function receiveReport(c: C, id: string, verificationToken: string | null) {
  const t = c.get('t');
  const fields = await readFields(c);
  const action = verificationToken ? `${verificationPath(id, verificationToken)}/correct` : undefined;
  const model = await reportFormModel(c, id, action);
  const service = model.services.some((candidate) => candidate.id === fields.service) ? fields.service! : '';
  const values = { service, body: fields.body ?? '' };
  const parsed = reportBodySchema.safeParse(values.body);
  if (!parsed.success) {
    const message = t(parsed.error.issues[0]?.message ?? 'error.invalid_input', { max: reportMaxLength });
    return renderReportMistakePage(c, { ...model, values, errors: { 'report-body': message } }, 400);
  }
  let result: Awaited<ReturnType<typeof submitMistakeReport>>;
  try {
    result = await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        const submitted = await submitMistakeReport(trx, {
          organizationId: id,
          serviceId: service === '' ? null : service,
          body: parsed.data,
          honeypot: fields.website ?? '',
          formTime: fields.form_time ?? '',
          senderAddress: clientAddress(c),
        });
        if (verificationToken && 'id' in submitted) await useVerificationLink(trx, id, verificationToken, 'edited');
        return submitted;
      });
  } catch (error) {
    if (verificationToken && error instanceof AppError && error.code === 'conflict') {
      const state = error.messageKey.endsWith('expired') ? 'expired' : 'used';
      return showVerifyPage(c, id, state, verificationPath(id, verificationToken), 409);
    }
    throw error;
  }
  if ('refused' in result)
    return renderReportMistakePage(
      c,
      { ...model, values, errors: {}, message: t(`upkeep.report.refused.${result.refused}`) },
      refusalStatus[result.refused],
    );
  if (verificationToken) return c.redirect(`/verify/${id}/corrected`, 303);
  return c.redirect(`/institutions/${id}/report-mistake?sent=1`, 303);
}

async function showVerifyPage(
  c: C,
  organizationId: string,
  state: VerifyPageModel['state'],
  action: string,
  status: 200 | 409 = 200,
) {
  const institution = await getInstitutionWithServices(c.get('db'), organizationId, c.get('language'));
  return renderVerifyPage(
    c,
    {
      institution: {
        id: institution.id,
        name: institution.name,
        email: institution.email,
        website: institution.website,
        phones: institution.phones.map((phone) => phone.number),
      },
      services: institution.services
        .filter((service) => publicStatuses.has(service.status))
        .map((service) => ({
          name: service.name,
          helpTypes: service.helpTypes.map((tag) => tag.name).join(', '),
        })),
      state,
      action,
    },
    status,
  );
}

/** Whether the staff institution page's panel should show the follow state: loaded by registry.routes.ts. */
export async function loadUpkeepPanel(c: C, organizationId: string) {
  const account = signedInAccount(c);
  return {
    institutionId: organizationId,
    following: await isFollowing(c.get('db'), account.id, organizationId),
    canInvite: account.role === 'administrator',
    canSeeReports:
      account.role === 'administrator' ||
      (account.role === 'institution_editor' && account.organizationId === organizationId),
  };
}

// The staff home lists the feed for everyone, the queues for those who work on them.
staffHomeLinks.push((account, t) => ({
  href: '/staff/registry/feed',
  label: t('upkeep.feed.title'),
  description: t('upkeep.feed.description'),
}));
staffHomeLinks.push((account, t) =>
  account.role === 'administrator' || account.role === 'institution_editor'
    ? {
        href: '/staff/registry/reports',
        label: t('upkeep.reports.title'),
        description: t('upkeep.reports.description'),
      }
    : null,
);
staffHomeLinks.push((account, t) =>
  account.role === 'administrator' || account.role === 'analyst'
    ? { href: '/staff/registry/stale', label: t('upkeep.stale.title'), description: t('upkeep.stale.description') }
    : null,
);
staffHomeLinks.push((account, t) =>
  account.role === 'administrator'
    ? {
        href: '/staff/registry/differences',
        label: t('upkeep.differences.title'),
        description: t('upkeep.differences.description'),
      }
    : null,
);
