import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { requireBearer } from '../accounts/bearer.middleware.js';
import type { SignedInAccount } from '../core/account.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { getConsent, recordConsent, withdrawConsent } from '../people/consent.service.js';
import { createPerson, findPersonTeams } from '../people/person.service.js';
import { findTerritory } from '../territories/territory.service.js';
import { reasonCodes } from './referral-reasons.js';
import {
  createOnwardReferral,
  createReferralDraft,
  getReferralForParty,
  listReferralsFor,
  personForParty,
  runReferralCommand,
} from './referral.service.js';
import {
  breakGlassBodySchema,
  commandBodySchema,
  consentBodySchema,
  idempotencyKeySchema,
  onwardBodySchema,
  personBodySchema,
  referralBodySchema,
  referralListQuerySchema,
} from './network-api.schema.js';
import { toPersonJson, toReferralJson } from './network-api.output.js';
import { networkOpenApiDocument } from './network-openapi.js';
import { breakGlass } from './break-glass.service.js';

// The network's JSON API (/api/v1), for the probation service's own case system: people, consents, referrals and
// their commands. Callers authenticate with a bearer token (`npx atlas tokens create`); the token acts as its
// account, with that account's role and scope. No cookie is read, so no CSRF check is needed.

type ApiContext = Context<AppEnvironment>;

const caller = (c: ApiContext): SignedInAccount => c.get('account')!;

async function readJson<T extends z.ZodTypeAny>(c: ApiContext, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('invalid_input', 'api.error.json');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fieldOf = (issue: z.core.$ZodIssue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(body)';
    const details = parsed.error.issues.map((issue) => ({
      path: fieldOf(issue),
      messageKey: 'api.error.field',
      parameters: { field: fieldOf(issue) },
    }));
    throw new AppError('invalid_input', 'api.error.fields', details, {
      fields: details.map((detail) => detail.path).join(', '),
    });
  }
  return parsed.data;
}

async function assertTerritories(c: ApiContext, codes: (string | undefined)[]) {
  for (const code of codes) {
    if (code && !(await findTerritory(c.get('db'), code)))
      throw new AppError('invalid_input', 'api.error.territory', [], { code });
  }
}

function requireReferrerTeam(account: SignedInAccount): string {
  if (account.role !== 'referrer' || !account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  return account.organizationId;
}

async function assertPersonOfTeam(c: ApiContext, personId: string): Promise<void> {
  const team = requireReferrerTeam(caller(c));
  const owner = (await findPersonTeams(c.get('db'), [personId])).get(personId);
  if (!owner) throw new AppError('not_found', 'error.not_found');
  if (owner !== team) throw new AppError('forbidden', 'error.forbidden');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `:id` of the path; anything that is not a UUID cannot name a record, so it is a 404. */
function idParam(c: ApiContext): string {
  const id = c.req.param('id') ?? '';
  if (!uuidPattern.test(id)) throw new AppError('not_found', 'error.not_found');
  return id;
}

export const networkApiRoutes = new Hono<AppEnvironment>()
  .get('/api/v1/openapi.json', (c) => c.json(networkOpenApiDocument))
  .get('/api/v1/reason-codes', (c) => {
    const language = c.get('language');
    return c.json({
      reason_codes: reasonCodes.map((entry) => ({
        code: entry.code,
        group: entry.group,
        side: entry.side,
        commands: entry.commands,
        retired: entry.retired,
        label: entry.label[language],
      })),
    });
  })
  .use('/api/v1/people', requireBearer())
  .use('/api/v1/people/*', requireBearer())
  .use('/api/v1/consents/*', requireBearer())
  .use('/api/v1/referrals', requireBearer())
  .use('/api/v1/referrals/*', requireBearer())
  .post('/api/v1/people', async (c) => {
    const team = requireReferrerTeam(caller(c));
    const body = await readJson(c, personBodySchema);
    await assertTerritories(c, [body.last_residence, body.planned_stay]);
    const id = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        createPerson(
          trx,
          c.get('keyring'),
          {
            givenName: body.given_name,
            familyName: body.family_name,
            personalCode: body.personal_code,
            birthDate: body.birth_date,
            phone: body.phone,
            email: body.email,
            language: body.language,
            lastResidence: body.last_residence,
            plannedStay: body.planned_stay,
            expectedRelease: body.expected_release,
            prisonOrganizationId: body.prison_id,
          },
          { accountId: caller(c).id, teamOrganizationId: team },
        ),
      );
    return c.json({ id }, 201);
  })
  .post(`/api/v1/people/:id/consents`, async (c) => {
    const personId = idParam(c);
    await assertPersonOfTeam(c, personId);
    const body = await readJson(c, consentBodySchema);
    const givenOn = body.given_on ?? latvianToday();
    const id = await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        const person = (await findPersonTeams(trx, [personId])).get(personId);
        if (!person) throw new AppError('not_found', 'error.not_found');
        return recordConsent(
          trx,
          c.get('keyring'),
          personId,
          {
            recipientOrganizationIds: body.recipients,
            recipientHelpTypes: body.help_types,
            categories: body.categories,
            purpose: body.purpose,
            method: body.method,
            evidence: body.evidence,
            noticeVersion: body.notice_version,
            noticeLanguage: body.notice_language ?? c.get('language'),
            givenOn,
            expiresOn: body.expires_on,
          },
          caller(c).id,
        );
      });
    return c.json({ id }, 201);
  })
  .post(`/api/v1/consents/:id/withdraw`, async (c) => {
    const consent = await getConsent(c.get('db'), idParam(c));
    if (!consent) throw new AppError('not_found', 'error.not_found');
    await assertPersonOfTeam(c, consent.personId);
    await c
      .get('db')
      .transaction()
      .execute((trx) => withdrawConsent(trx, consent.id, caller(c).id));
    return c.json({ id: consent.id, withdrawn: true });
  })
  .post('/api/v1/referrals', async (c) => {
    requireReferrerTeam(caller(c));
    const body = await readJson(c, referralBodySchema);
    const created = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        createReferralDraft(
          trx,
          c.get('keyring'),
          {
            personId: body.person_id,
            serviceId: body.service_id,
            needs: body.needs,
            urgency: body.urgency,
            neededBy: body.needed_by ?? undefined,
            note: body.note,
            riskNote: body.risk_note,
          },
          caller(c),
        ),
      );
    return c.json(created, 201);
  })
  .get('/api/v1/referrals', async (c) => {
    const parsed = referralListQuerySchema.safeParse({ state: c.req.query('state') });
    if (!parsed.success) throw new AppError('invalid_input', 'api.error.parameter', [], { name: 'state' });
    const referrals = await listReferralsFor(c.get('db'), caller(c), parsed.data.state);
    return c.json({ referrals: referrals.map((referral) => toReferralJson(referral)) });
  })
  .get(`/api/v1/referrals/:id`, async (c) => {
    const detail = await getReferralForParty(c.get('db'), c.get('keyring'), idParam(c), caller(c));
    const person = await personForParty(c.get('db'), c.get('keyring'), detail.referral, caller(c));
    return c.json({ ...toReferralJson(detail.referral, detail), person: person ? toPersonJson(person) : null });
  })
  .post('/api/v1/referrals/:id/break-glass', async (c) => {
    const body = await readJson(c, breakGlassBodySchema);
    const granted = await breakGlass(c.get('db'), c.get('keyring'), idParam(c), caller(c), body.reason);
    return c.json({ expires_at: granted.expiresAt.toISOString() }, 201);
  })
  .post('/api/v1/referrals/:id/onward', async (c) => {
    const body = await readJson(c, onwardBodySchema);
    const referralId = idParam(c);
    const created = await c
      .get('db')
      .transaction()
      .execute((trx) => createOnwardReferral(trx, c.get('keyring'), referralId, body.service_id, caller(c)));
    return c.json(created, 201);
  })
  .post(`/api/v1/referrals/:id/commands`, async (c) => {
    const body = await readJson(c, commandBodySchema);
    const header = c.req.header('idempotency-key');
    const key = header === undefined ? undefined : idempotencyKeySchema.safeParse(header);
    if (key && !key.success)
      throw new AppError('invalid_input', 'api.error.parameter', [], { name: 'Idempotency-Key' });
    const result = await runReferralCommand(
      c.get('db'),
      c.get('keyring'),
      idParam(c),
      {
        command: body.command as Exclude<typeof body.command, 'expire'>,
        version: body.version,
        reasonCode: body.reason_code,
        note: body.note,
        outcome: body.outcome,
        idempotencyKey: key?.data,
        holdBedUntil:
          (body.hold_bed_until ?? body.hold_until) ? new Date(body.hold_bed_until ?? body.hold_until!) : undefined,
      },
      caller(c),
    );
    return c.json(result);
  });
