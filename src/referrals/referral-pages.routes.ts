import { randomUUID } from 'node:crypto';
import { latvianDateTime } from '../beds/beds.service.js';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.middleware.js';
import { listAccounts } from '../accounts/account.service.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import type { SignedInAccount } from '../core/account.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { navigationLinks } from '../http/layout.js';
import { getConsent, listConsents, recordConsent, withdrawConsent } from '../people/consent.service.js';
import { createPerson, findPersonTeams, listTeamPeople, readPeople } from '../people/person.service.js';
import {
  findInstitutionNames,
  getInstitutionWithServices,
  getService,
  listInstitutionChoices,
} from '../registry/institution-read.service.js';
import { findTerritory, listMunicipalities } from '../territories/territory.service.js';
import { allowedCommands } from './referral-machine.js';
import { printConsentForPerson, printReferralForPerson, type PrintedDocument } from './referral-print.service.js';
import {
  renderConsentFormPage,
  renderOnwardFormPage,
  renderPeoplePage,
  renderPersonFormPage,
  renderPersonPage,
  renderReferralFormPage,
  renderReferralListPage,
  renderReferralPage,
  type ReferralPageData,
} from './referral.pages.js';
import {
  assignFormSchema,
  commandFormSchema,
  consentFormSchema,
  fieldErrorsOf,
  idSchema,
  messageFormSchema,
  onwardFormSchema,
  personFormSchema,
  referralFormSchema,
} from './referral-pages.schema.js';
import {
  addReferralMessage,
  assignReferralWorker,
  createOnwardReferral,
  createReferralDraft,
  findOnwardReferralIds,
  getReferralForParty,
  listReferralMessages,
  listReferralsFor,
  listReferralsOfPerson,
  personForParty,
  referralActorOf,
  runReferralCommand,
} from './referral.service.js';

// The referral network's staff pages (no JavaScript, phone first): a referring team records people, consents and
// referrals and follows them; a receiving institution answers in its inbox. Every page that shows personal data is
// `Cache-Control: no-store`; people are opened through people/ (audited); URLs carry ids only.

type AppContext = Context<AppEnvironment>;
type Values = Record<string, string | string[] | undefined>;

const referrerRoles: Role[] = ['referrer'];
const providerRoles: Role[] = ['provider_intake', 'provider_worker'];
const partyRoles: Role[] = [...referrerRoles, ...providerRoles];

navigationLinks.push((c) =>
  c.get('account')?.role === 'referrer' ? { href: '/staff/people', label: c.get('t')('network.nav.people') } : null,
);
navigationLinks.push((c) =>
  c.get('account')?.role === 'referrer'
    ? { href: '/staff/referrals', label: c.get('t')('network.nav.referrals') }
    : null,
);
navigationLinks.push((c) => {
  const role = c.get('account')?.role;
  return role && providerRoles.includes(role) ? { href: '/staff/inbox', label: c.get('t')('network.nav.inbox') } : null;
});
staffHomeLinks.push((account, t) =>
  account.role === 'referrer'
    ? { href: '/staff/people', label: t('network.people.title'), description: t('network.people.description') }
    : null,
);
staffHomeLinks.push((account, t) =>
  account.role === 'referrer'
    ? {
        href: '/staff/referrals',
        label: t('network.referrals.title'),
        description: t('network.referrals.description'),
      }
    : null,
);
staffHomeLinks.push((account, t) =>
  providerRoles.includes(account.role)
    ? { href: '/staff/inbox', label: t('network.inbox.title'), description: t('network.inbox.description') }
    : null,
);

/** Personal data must not stay in a browser's or a proxy's cache. */
function noStore(c: AppContext) {
  c.header('Cache-Control', 'no-store');
}

function idParam(c: AppContext, name = 'id'): string {
  const parsed = idSchema.safeParse(c.req.param(name));
  if (!parsed.success) throw new AppError('not_found', 'error.not_found');
  return parsed.data;
}

async function formValues(c: AppContext): Promise<Values> {
  const body = await c.req.parseBody({ all: true });
  const values: Values = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    if (Array.isArray(value)) values[name] = value.filter((item): item is string => typeof item === 'string');
    else if (typeof value === 'string') values[name] = value;
  }
  return values;
}

function parseForm<T extends z.ZodTypeAny>(schema: T, values: Values) {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { data: parsed.data as z.infer<T>, errors: {} as Record<string, string> }
    : { data: undefined, errors: fieldErrorsOf(parsed.error) };
}

function team(account: SignedInAccount): string {
  if (account.role !== 'referrer' || !account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  return account.organizationId;
}

/** The person's id from the path, when the person is on the signed-in referrer's team. */
async function personOfTeam(c: AppContext): Promise<string> {
  const personId = idParam(c);
  const owner = (await findPersonTeams(c.get('db'), [personId])).get(personId);
  if (!owner) throw new AppError('not_found', 'error.not_found');
  if (owner !== team(signedInAccount(c))) throw new AppError('forbidden', 'error.forbidden');
  return personId;
}

async function municipalityChoices(c: AppContext) {
  return (await listMunicipalities(c.get('db'))).map((territory) => ({ code: territory.code, name: territory.name }));
}

async function institutionChoices(c: AppContext) {
  return listInstitutionChoices(c.get('db'), 1000);
}

async function loadReferralPage(
  c: AppContext,
  referralId: string,
  extra: Pick<ReferralPageData, 'message' | 'errors' | 'status'> = {},
): Promise<ReferralPageData> {
  const db = c.get('db');
  const keyring = c.get('keyring');
  const account = signedInAccount(c);
  const detail = await getReferralForParty(db, keyring, referralId, account);
  const person = await personForParty(db, keyring, detail.referral, account);
  const messages = await listReferralMessages(db, keyring, referralId, account);
  const actor = referralActorOf(account);
  const commands = actor ? allowedCommands(detail.referral.state, actor).filter((command) => command !== 'expire') : [];
  const service = await getService(db, detail.referral.serviceId, c.get('language')).catch(() => undefined);
  const institutionName =
    (await findInstitutionNames(db, [detail.referral.organizationId])).get(detail.referral.organizationId) ?? '';
  const parties = new Set([detail.referral.organizationId, detail.referral.teamOrganizationId]);
  const accounts = (await listAccounts(db)).filter(
    (other) => other.organizationId !== null && parties.has(other.organizationId),
  );
  const workers =
    account.role === 'provider_intake'
      ? accounts
          .filter(
            (other) =>
              other.isActive &&
              other.organizationId === detail.referral.organizationId &&
              providerRoles.includes(other.role),
          )
          .map((other) => ({ id: other.id, name: other.displayName }))
      : null;
  // Links between a referral and its onward referrals are the referring team's: the institutions see only theirs.
  const isReferringTeam = account.role === 'referrer' && account.organizationId === detail.referral.teamOrganizationId;
  return {
    ...detail,
    person,
    messages,
    commands,
    continuesReferralId: isReferringTeam ? detail.referral.continuesReferralId : null,
    continuedBy: isReferringTeam ? await findOnwardReferralIds(db, referralId) : [],
    isReferringTeam,
    institutionName,
    serviceName: service?.name ?? institutionName,
    workers,
    accountNames: new Map(accounts.map((other) => [other.id, other.displayName])),
    accountId: account.id,
    formToken: randomUUID(),
    now: new Date(),
    ...extra,
  };
}

/** A printed copy for the person: a PDF, never cached, named by ids only. */
function pdfResponse(c: AppContext, printed: PrintedDocument, name: string) {
  noStore(c);
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `inline; filename="${name}.pdf"`);
  c.header('Content-Language', printed.language);
  return c.body(new Uint8Array(printed.pdf));
}

async function onwardPage(
  c: AppContext,
  referralId: string,
  state: { values: Values; errors: Record<string, string>; message?: string; status?: 200 | 400 | 409 },
) {
  const chosen = idSchema.safeParse(state.values.institution ?? c.req.query('institution'));
  const institution = chosen.success
    ? await getInstitutionWithServices(c.get('db'), chosen.data, c.get('language')).catch(() => undefined)
    : undefined;
  noStore(c);
  return renderOnwardFormPage(c, {
    referralId,
    institutions: await institutionChoices(c),
    institutionId: institution?.id,
    services: institution?.services.map((service) => ({ id: service.id, name: service.name })) ?? [],
    ...state,
  });
}

async function referralPage(c: AppContext, referralId: string, extra: Parameters<typeof loadReferralPage>[2] = {}) {
  noStore(c);
  return renderReferralPage(c, await loadReferralPage(c, referralId, extra));
}

export const referralPageRoutes = new Hono<AppEnvironment>()
  .get('/staff/people', requireRole(...referrerRoles), async (c) => {
    const account = signedInAccount(c);
    const people = await listTeamPeople(c.get('db'), c.get('keyring'), team(account), {
      accountId: account.id,
      purpose: 'team_list',
    });
    noStore(c);
    return renderPeoplePage(c, people);
  })
  .get('/staff/people/new', requireRole(...referrerRoles), async (c) => {
    team(signedInAccount(c));
    return renderPersonFormPage(c, { values: {}, errors: {}, municipalities: await municipalityChoices(c) });
  })
  .post('/staff/people/new', requireRole(...referrerRoles), async (c) => {
    const account = signedInAccount(c);
    const teamId = team(account);
    const values = await formValues(c);
    const { data, errors } = parseForm(personFormSchema, values);
    if (data?.last_residence && !(await findTerritory(c.get('db'), data.last_residence)))
      errors.last_residence = 'network.error.invalid';
    if (!data || Object.keys(errors).length > 0) {
      noStore(c);
      return renderPersonFormPage(c, { values, errors, municipalities: await municipalityChoices(c) });
    }
    const id = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        createPerson(
          trx,
          c.get('keyring'),
          {
            givenName: data.given_name,
            familyName: data.family_name,
            personalCode: data.personal_code,
            birthDate: data.birth_date,
            phone: data.phone,
            email: data.email,
            language: data.language,
            lastResidence: data.last_residence,
            expectedRelease: data.expected_release,
          },
          { accountId: account.id, teamOrganizationId: teamId },
        ),
      );
    return c.redirect(`/staff/people/${id}`, 303);
  })
  .get('/staff/people/:id', requireRole(...referrerRoles), async (c) => {
    const personId = await personOfTeam(c);
    const db = c.get('db');
    const account = signedInAccount(c);
    const person = (await readPeople(db, c.get('keyring'), [personId], { accountId: account.id, purpose: 'case' })).get(
      personId,
    );
    if (!person) throw new AppError('not_found', 'error.not_found');
    const consents = await listConsents(db, personId);
    const referrals = await listReferralsOfPerson(db, personId, account);
    const institutionNames = await findInstitutionNames(db, [
      ...consents.flatMap((consent) => consent.recipientOrganizationIds),
      ...referrals.map((referral) => referral.organizationId),
    ]);
    const residence = person.lastResidence ? await findTerritory(db, person.lastResidence) : undefined;
    noStore(c);
    return renderPersonPage(c, {
      person,
      consents,
      referrals,
      institutionNames,
      residenceName: residence?.name ?? null,
      today: latvianToday(),
      now: new Date(),
    });
  })
  .get('/staff/people/:id/consents/new', requireRole(...referrerRoles), async (c) => {
    const personId = await personOfTeam(c);
    return renderConsentFormPage(c, {
      personId,
      institutions: await institutionChoices(c),
      values: { notice_version: '1', purpose: '' },
      errors: {},
    });
  })
  .post('/staff/people/:id/consents/new', requireRole(...referrerRoles), async (c) => {
    const personId = await personOfTeam(c);
    const values = await formValues(c);
    const { data, errors } = parseForm(consentFormSchema, values);
    const today = latvianToday();
    if (data && data.expires_on < today) errors.expires_on = 'network.error.invalid';
    if (!data || Object.keys(errors).length > 0) {
      noStore(c);
      return renderConsentFormPage(c, { personId, institutions: await institutionChoices(c), values, errors });
    }
    await c
      .get('db')
      .transaction()
      .execute((trx) =>
        recordConsent(
          trx,
          c.get('keyring'),
          personId,
          {
            recipientOrganizationIds: data.recipients,
            recipientHelpTypes: [],
            categories: data.categories,
            purpose: data.purpose,
            method: data.method,
            evidence: data.evidence,
            noticeVersion: data.notice_version,
            noticeLanguage: data.notice_language,
            givenOn: today,
            expiresOn: data.expires_on,
          },
          signedInAccount(c).id,
        ),
      );
    return c.redirect(`/staff/people/${personId}`, 303);
  })
  .post('/staff/consents/:id/withdraw', requireRole(...referrerRoles), async (c) => {
    const consent = await getConsent(c.get('db'), idParam(c));
    if (!consent) throw new AppError('not_found', 'error.not_found');
    const owner = (await findPersonTeams(c.get('db'), [consent.personId])).get(consent.personId);
    if (owner !== team(signedInAccount(c))) throw new AppError('forbidden', 'error.forbidden');
    await c
      .get('db')
      .transaction()
      .execute((trx) => withdrawConsent(trx, consent.id, signedInAccount(c).id));
    return c.redirect(`/staff/people/${consent.personId}`, 303);
  })
  .get('/staff/people/:id/referrals/new', requireRole(...referrerRoles), async (c) => {
    const personId = await personOfTeam(c);
    const chosen = idSchema.safeParse(c.req.query('institution'));
    const institution = chosen.success
      ? await getInstitutionWithServices(c.get('db'), chosen.data, c.get('language')).catch(() => undefined)
      : undefined;
    return renderReferralFormPage(c, {
      personId,
      institutions: await institutionChoices(c),
      institutionId: institution?.id,
      services: institution?.services.map((service) => ({ id: service.id, name: service.name })) ?? [],
      values: {},
      errors: {},
    });
  })
  .post('/staff/people/:id/referrals/new', requireRole(...referrerRoles), async (c) => {
    const personId = await personOfTeam(c);
    const values = await formValues(c);
    const { data, errors } = parseForm(referralFormSchema, values);
    const institutionId = idSchema.safeParse(values.institution);
    const institution = institutionId.success
      ? await getInstitutionWithServices(c.get('db'), institutionId.data, c.get('language')).catch(() => undefined)
      : undefined;
    const services = institution?.services.map((service) => ({ id: service.id, name: service.name })) ?? [];
    if (data && !services.some((service) => service.id === data.service)) errors.service = 'network.error.invalid';
    if (!data || Object.keys(errors).length > 0) {
      noStore(c);
      return renderReferralFormPage(c, {
        personId,
        institutions: await institutionChoices(c),
        institutionId: institution?.id,
        services,
        values,
        errors,
      });
    }
    const created = await c
      .get('db')
      .transaction()
      .execute((trx) =>
        createReferralDraft(
          trx,
          c.get('keyring'),
          {
            personId,
            serviceId: data.service,
            needs: data.needs,
            urgency: data.urgency,
            neededBy: data.needed_by,
            note: data.note,
            riskNote: data.risk_note,
          },
          signedInAccount(c),
        ),
      );
    return c.redirect(`/staff/referrals/${created.id}`, 303);
  })
  .get('/staff/referrals', requireRole(...referrerRoles), async (c) => {
    const referrals = await listReferralsFor(c.get('db'), signedInAccount(c), []);
    const institutionNames = await findInstitutionNames(
      c.get('db'),
      referrals.map((referral) => referral.organizationId),
    );
    return renderReferralListPage(c, { kind: 'team', referrals, institutionNames, now: new Date() });
  })
  .get('/staff/inbox', requireRole(...providerRoles), async (c) => {
    const referrals = await listReferralsFor(c.get('db'), signedInAccount(c), []);
    const institutionNames = await findInstitutionNames(
      c.get('db'),
      referrals.map((referral) => referral.organizationId),
    );
    return renderReferralListPage(c, { kind: 'inbox', referrals, institutionNames, now: new Date() });
  })
  .get('/staff/referrals/:id', requireRole(...partyRoles), async (c) => referralPage(c, idParam(c)))
  .post('/staff/referrals/:id/commands', requireRole(...partyRoles), async (c) => {
    const referralId = idParam(c);
    const { data, errors } = parseForm(commandFormSchema, await formValues(c));
    if (!data) return referralPage(c, referralId, { errors, status: 400 });
    try {
      await runReferralCommand(
        c.get('db'),
        c.get('keyring'),
        referralId,
        {
          command: data.command,
          version: data.version,
          reasonCode: data.reason_code,
          note: data.note,
          outcome: data.outcome,
          idempotencyKey: data.form_token,
          holdBedUntil: data.hold_bed_until ? latvianDateTime(data.hold_bed_until) : undefined,
        },
        signedInAccount(c),
      );
    } catch (error) {
      // A page that someone else changed meanwhile, or a missing reason: the same page, saying what happened.
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'invalid_input')) {
        return referralPage(c, referralId, {
          message: c.get('t')(error.messageKey, error.messageParameters),
          status: error.code === 'conflict' ? 409 : 400,
        });
      }
      throw error;
    }
    return c.redirect(`/staff/referrals/${referralId}`, 303);
  })
  .get('/staff/referrals/:id/print.pdf', requireRole(...referrerRoles), async (c) => {
    const referralId = idParam(c);
    const printed = await c
      .get('db')
      .transaction()
      .execute((trx) => printReferralForPerson(trx, c.get('keyring'), referralId, signedInAccount(c)));
    return pdfResponse(c, printed, `referral-${referralId}`);
  })
  .get('/staff/consents/:id/print.pdf', requireRole(...referrerRoles), async (c) => {
    const consentId = idParam(c);
    const printed = await c
      .get('db')
      .transaction()
      .execute((trx) => printConsentForPerson(trx, c.get('keyring'), consentId, signedInAccount(c)));
    return pdfResponse(c, printed, `consent-${consentId}`);
  })
  .get('/staff/referrals/:id/onward', requireRole(...referrerRoles), async (c) => {
    const referralId = idParam(c);
    // Only a party may see the form; the service refuses the rest when the form is sent.
    await getReferralForParty(c.get('db'), c.get('keyring'), referralId, signedInAccount(c));
    return onwardPage(c, referralId, { values: {}, errors: {} });
  })
  .post('/staff/referrals/:id/onward', requireRole(...referrerRoles), async (c) => {
    const referralId = idParam(c);
    const values = await formValues(c);
    const { data, errors } = parseForm(onwardFormSchema, values);
    if (!data) return onwardPage(c, referralId, { values, errors, status: 400 });
    const institution = await getInstitutionWithServices(c.get('db'), data.institution, c.get('language')).catch(
      () => undefined,
    );
    if (!institution?.services.some((service) => service.id === data.service))
      return onwardPage(c, referralId, { values, errors: { service: 'network.error.invalid' }, status: 400 });
    try {
      const created = await c
        .get('db')
        .transaction()
        .execute((trx) => createOnwardReferral(trx, c.get('keyring'), referralId, data.service, signedInAccount(c)));
      return c.redirect(`/staff/referrals/${created.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'invalid_input'))
        return onwardPage(c, referralId, {
          values,
          errors: {},
          message: c.get('t')(error.messageKey),
          status: error.code === 'conflict' ? 409 : 400,
        });
      throw error;
    }
  })
  .post('/staff/referrals/:id/messages', requireRole(...partyRoles), async (c) => {
    const referralId = idParam(c);
    const { data, errors } = parseForm(messageFormSchema, await formValues(c));
    if (!data) return referralPage(c, referralId, { errors, status: 400 });
    await c
      .get('db')
      .transaction()
      .execute((trx) => addReferralMessage(trx, c.get('keyring'), referralId, data.body, signedInAccount(c)));
    return c.redirect(`/staff/referrals/${referralId}#messages-title`, 303);
  })
  .post('/staff/referrals/:id/assign', requireRole('provider_intake'), async (c) => {
    const referralId = idParam(c);
    const { data, errors } = parseForm(assignFormSchema, await formValues(c));
    if (!data) return referralPage(c, referralId, { errors, status: 400 });
    const worker = data.worker ? (await listAccounts(c.get('db'))).find((other) => other.id === data.worker) : null;
    if (data.worker && !worker) throw new AppError('not_found', 'error.not_found');
    await c
      .get('db')
      .transaction()
      .execute((trx) =>
        assignReferralWorker(
          trx,
          referralId,
          worker ? { id: worker.id, organizationId: worker.organizationId } : null,
          signedInAccount(c),
        ),
      );
    return c.redirect(`/staff/referrals/${referralId}`, 303);
  });
