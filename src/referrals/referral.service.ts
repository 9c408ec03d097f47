import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { applyReferralCommandToBeds } from '../beds/beds.service.js';
import type { SignedInAccount } from '../core/account.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { findConsentInForce } from '../people/consent.service.js';
import { findPersonTeams, openPersonKey, readPeople, type Person } from '../people/person.service.js';
import type { Keyring } from '../privacy/keyring.js';
import { isErased, openOptional, sealOptional } from '../privacy/sealing.service.js';
import { getService } from '../registry/institution-read.service.js';
import { answerDeadline } from './referral-deadlines.js';
import { hasBreakGlass } from './break-glass.service.js';
import {
  decideTransition,
  finalReferralStates,
  referralStates,
  type ReferralActor,
  type ReferralCommand,
  type ReferralOutcome,
  type ReferralState,
  type TransitionRefusal,
} from './referral-machine.js';
import { isReasonAllowed } from './referral-reasons.js';
import { notifyReferralParties } from './referral-notifications.js';
import {
  insertReferral,
  insertReferralEvent,
  selectEventByIdempotencyKey,
  selectReferral,
  selectReferralEvents,
  selectReferralForUpdate,
  selectReferralList,
  selectReferralsOfPerson,
  selectMessagesOfReferrals,
  insertReferralMessage,
  updateReferralAssignee,
  markReferralViewed,
  updateReferralState,
  deleteReferrals,
  eraseReferralContent,
  selectDraftsUntouchedSince,
  selectEndedReferralsWithContent,
  selectPeopleWithReferralsKept,
  selectOnwardReferralIds,
} from './referral.repository.js';

// Referrals from a referring team (probation, prison) to a service of another institution, moved only by the state
// machine of referral-machine.ts. Each command runs in one transaction: lock the referral, check the version, the
// actor's scope and (for send) a consent in force, update, append the event, audit. Notes are sealed with the
// person's data key, so erasing the person makes them unreadable too.

export type Urgency = 'routine' | 'urgent' | 'asap' | 'stat';
export const urgencies: readonly Urgency[] = ['routine', 'urgent', 'asap', 'stat'];

export type ReferralDraftInput = {
  personId: string;
  serviceId: string;
  needs: string[];
  urgency: Urgency;
  neededBy?: string | undefined;
  note?: string | undefined;
  riskNote?: string | undefined;
  /** Set for an onward referral: the declined or expired referral it continues. */
  continuesReferralId?: string | undefined;
};

export type ReferralCommandRequest = {
  command: Exclude<ReferralCommand, 'expire'>;
  version: number;
  reasonCode?: string | undefined;
  note?: string | undefined;
  outcome?: ReferralOutcome | undefined;
  idempotencyKey?: string | undefined;
  /** accept: hold one bed of the service until then (beds/). */
  holdBedUntil?: Date | undefined;
};

/** The network roles an account can act in; other roles (administrator, analyst, dpo) send no commands. */
export function referralActorOf(account: SignedInAccount): ReferralActor | null {
  if (account.role === 'referrer' || account.role === 'provider_intake' || account.role === 'provider_worker')
    return account.role;
  return null;
}

type ReferralRow = NonNullable<Awaited<ReturnType<typeof selectReferral>>>;

const isProvider = (account: SignedInAccount) =>
  account.role === 'provider_intake' || account.role === 'provider_worker';

/** Whether the account's team or institution is a party to this referral (drafts are the referrer's alone). */
function isParty(
  account: SignedInAccount,
  referral: Pick<ReferralRow, 'team_organization_id' | 'organization_id' | 'state'>,
) {
  if (!account.organizationId) return false;
  if (account.role === 'referrer') return referral.team_organization_id === account.organizationId;
  if (account.role === 'provider_intake' || account.role === 'provider_worker') {
    return referral.organization_id === account.organizationId && referral.state !== 'draft';
  }
  return false;
}

const sealedNote = (
  key: Awaited<ReturnType<typeof openPersonKey>>,
  table: string,
  column: string,
  rowId: string,
  text?: string,
) => {
  if (!key || isErased(key)) return null;
  return sealOptional(key, { table, column, rowId }, text);
};

/** Creates a draft referral for one of the team's people; nothing is shared until it is sent. */
export async function createReferralDraft(
  trx: Kysely<Database>,
  keyring: Keyring,
  input: ReferralDraftInput,
  account: SignedInAccount,
): Promise<{ id: string; state: ReferralState; version: number }> {
  if (account.role !== 'referrer' || !account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  const team = (await findPersonTeams(trx, [input.personId])).get(input.personId);
  if (!team) throw new AppError('not_found', 'referral.error.person_not_found');
  if (team !== account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  const service = await getService(trx, input.serviceId, 'lv').catch(() => undefined);
  if (!service) throw new AppError('invalid_input', 'referral.error.service_not_found');
  const key = await openPersonKey(trx, keyring, input.personId);
  if (!key || isErased(key)) throw new AppError('not_found', 'referral.error.person_not_found');
  const id = randomUUID();
  await insertReferral(trx, {
    id,
    person_id: input.personId,
    service_id: input.serviceId,
    organization_id: service.organizationId,
    team_organization_id: account.organizationId,
    needs: JSON.stringify(input.needs),
    urgency: input.urgency,
    needed_by: input.neededBy ?? null,
    note_sealed: sealedNote(key, 'referral', 'note_sealed', id, input.note),
    risk_note_sealed: sealedNote(key, 'referral', 'risk_note_sealed', id, input.riskNote),
    state: 'draft',
    version: 1,
    due_at: null,
    viewed_at: null,
    assigned_account_id: null,
    outcome: null,
    territory_code: null,
    created_by: account.id,
    continues_referral_id: input.continuesReferralId ?? null,
  });
  await recordAuditEvent(trx, {
    accountId: account.id,
    action: 'referral.create',
    entityType: 'referral',
    entityId: id,
    details: {
      service: input.serviceId,
      needs: input.needs,
      ...(input.continuesReferralId ? { continues: input.continuesReferralId } : {}),
    },
  });
  return { id, state: 'draft', version: 1 };
}

function refusalError(refusal: TransitionRefusal): AppError {
  switch (refusal.refused) {
    case 'actor':
      return new AppError('forbidden', 'referral.error.actor');
    case 'state':
      return new AppError('conflict', 'referral.error.state');
    case 'version':
      return new AppError('conflict', 'referral.error.version');
    case 'reason_missing':
      return new AppError('invalid_input', 'referral.error.reason_missing', [
        { path: 'reason_code', messageKey: 'referral.error.reason_missing' },
      ]);
    case 'reason_not_allowed':
      return new AppError('invalid_input', 'referral.error.reason_not_allowed', [
        { path: 'reason_code', messageKey: 'referral.error.reason_not_allowed' },
      ]);
    case 'outcome_missing':
      return new AppError('invalid_input', 'referral.error.outcome_missing', [
        { path: 'outcome', messageKey: 'referral.error.outcome_missing' },
      ]);
  }
}

/** Runs one command on a referral; a repeated idempotency key returns the first answer and writes nothing. */
export async function runReferralCommand(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  request: ReferralCommandRequest,
  account: SignedInAccount,
): Promise<{ state: ReferralState; version: number }> {
  return db.transaction().execute(async (trx) => {
    const referral = await selectReferralForUpdate(trx, referralId);
    if (!referral) throw new AppError('not_found', 'error.not_found');
    const actor = referralActorOf(account);
    if (!actor || !isParty(account, referral)) throw new AppError('forbidden', 'error.forbidden');
    if (request.idempotencyKey) {
      const earlier = await selectEventByIdempotencyKey(trx, referralId, request.idempotencyKey);
      if (earlier) return { state: earlier.to_state, version: earlier.version };
    }
    const decision = decideTransition(
      { state: referral.state, version: referral.version },
      {
        command: request.command,
        actor,
        expectedVersion: request.version,
        reasonCode: request.reasonCode,
        outcome: request.outcome,
      },
      isReasonAllowed,
    );
    if ('refused' in decision) throw refusalError(decision);
    const now = new Date();
    let dueAt: Date | null | undefined;
    if (request.command === 'send' || request.command === 'answer_info') {
      await assertConsentInForce(trx, referral);
      dueAt = answerDeadline(referral.needs, now, latvianToday(now));
    }
    if (['accept', 'waitlist', 'decline', 'withdraw'].includes(request.command)) dueAt = null;
    await updateReferralState(trx, referralId, referral.version, {
      state: decision.to,
      version: decision.version,
      dueAt,
      ...(request.command === 'complete' ? { outcome: request.outcome ?? null } : {}),
    });
    const key = request.note ? await openPersonKey(trx, keyring, referral.person_id) : undefined;
    const eventId = randomUUID();
    await insertReferralEvent(trx, {
      id: eventId,
      referral_id: referralId,
      version: decision.version,
      command: request.command,
      from_state: referral.state,
      to_state: decision.to,
      actor_account_id: account.id,
      actor,
      reason_code: request.reasonCode ?? null,
      note_sealed: sealedNote(key, 'referral_event', 'note_sealed', eventId, request.note),
      idempotency_key: request.idempotencyKey ?? null,
    });
    await notifyReferralParties(trx, { id: referralId }, request.command, decision.version);
    await applyReferralCommandToBeds(trx, {
      referralId,
      serviceId: referral.service_id,
      organizationId: referral.organization_id,
      command: request.command,
      reasonCode: request.reasonCode,
      holdUntil: request.command === 'accept' ? request.holdBedUntil : undefined,
      accountId: account.id,
    });
    await recordAuditEvent(trx, {
      accountId: account.id,
      action: `referral.${request.command}`,
      entityType: 'referral',
      entityId: referralId,
      details: {
        from: referral.state,
        to: decision.to,
        version: decision.version,
        ...(request.reasonCode ? { reason: request.reasonCode } : {}),
      },
    });
    return { state: decision.to, version: decision.version };
  });
}

async function assertConsentInForce(trx: Kysely<Database>, referral: ReferralRow): Promise<void> {
  const consent = await findConsentInForce(trx, referral.person_id, {
    organizationId: referral.organization_id,
    needs: referral.needs,
  });
  if (consent) return;
  const service = await getService(trx, referral.service_id, 'lv');
  throw new AppError('conflict', 'referral.error.no_consent', [], { service: service.name });
}

/** A referral's facts without personal fields, for anyone who is a party to it. */
export type ReferralSummary = {
  id: string;
  personId: string;
  serviceId: string;
  organizationId: string;
  teamOrganizationId: string;
  needs: string[];
  urgency: Urgency;
  neededBy: string | null;
  state: ReferralState;
  version: number;
  dueAt: Date | null;
  viewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  outcome: ReferralOutcome | null;
  assignedAccountId: string | null;
  continuesReferralId: string | null;
};

function toSummary(row: Awaited<ReturnType<typeof selectReferralList>>[number]): ReferralSummary {
  return {
    id: row.id,
    personId: row.person_id,
    serviceId: row.service_id,
    organizationId: row.organization_id,
    teamOrganizationId: row.team_organization_id,
    needs: row.needs,
    urgency: row.urgency,
    neededBy: row.needed_by,
    state: row.state,
    version: row.version,
    dueAt: row.due_at,
    viewedAt: row.viewed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    outcome: row.outcome,
    assignedAccountId: row.assigned_account_id,
    continuesReferralId: row.continues_referral_id,
  };
}

/** The caller's list: a provider's inbox (never drafts) or a referring team's referrals. */
export async function listReferralsFor(
  db: Kysely<Database>,
  account: SignedInAccount,
  states: readonly ReferralState[],
  limit = 200,
): Promise<ReferralSummary[]> {
  const actor = referralActorOf(account);
  if (!actor || !account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  const rows = await selectReferralList(db, {
    ...(actor === 'referrer'
      ? { teamOrganizationId: account.organizationId }
      : { organizationId: account.organizationId, excludeDrafts: true }),
    states,
    limit,
  });
  return rows.map(toSummary);
}

export type ReferralEventView = {
  version: number;
  command: string;
  from: ReferralState;
  to: ReferralState;
  actor: string;
  reasonCode: string | null;
  note: string | null;
  occurredAt: Date;
};

/** A referral with its events; notes are opened for parties only (the caller decides on person fields). */
export async function getReferralForParty(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  account: SignedInAccount,
): Promise<{ referral: ReferralSummary; note: string | null; riskNote: string | null; events: ReferralEventView[] }> {
  const row = await selectReferral(db, referralId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  // An administrator sees content only under a break-glass grant in force (break-glass.service.ts).
  const brokeGlass = !isParty(account, row) && (await hasBreakGlass(db, account, referralId));
  if (!isParty(account, row) && !brokeGlass) throw new AppError('forbidden', 'error.forbidden');
  const key = await openPersonKey(db, keyring, row.person_id);
  const events = await selectReferralEvents(db, referralId);
  // The first look by the receiving institution is what "time to first view" counts.
  if (isProvider(account) && row.viewed_at === null) {
    row.viewed_at = new Date();
    await markReferralViewed(db, referralId, row.viewed_at);
  }
  await recordAuditEvent(db, {
    accountId: account.id,
    action: 'referral.read',
    entityType: 'referral',
    entityId: referralId,
    ...(brokeGlass ? { details: { break_glass: true } } : {}),
  });
  const referral = toSummary(row);
  // The risk note is written for the receiving institution and the team that wrote it, and only with consent.
  const riskNoteAllowed = await mayReadRiskNote(db, referral, account);
  return {
    referral,
    note: openOptional(key, { table: 'referral', column: 'note_sealed', rowId: row.id }, row.note_sealed),
    riskNote: riskNoteAllowed
      ? openOptional(key, { table: 'referral', column: 'risk_note_sealed', rowId: row.id }, row.risk_note_sealed)
      : null,
    events: events.map((event) => ({
      version: event.version,
      command: event.command,
      from: event.from_state,
      to: event.to_state,
      actor: event.actor,
      reasonCode: event.reason_code,
      note: openOptional(key, { table: 'referral_event', column: 'note_sealed', rowId: event.id }, event.note_sealed),
      occurredAt: event.occurred_at,
    })),
  };
}

/** The person's fields a party may see: the referring team sees its own record; the receiving institution only
 * what a consent in force lets it see, by category; nobody else. Every opening is audited (people/). */
export async function personForParty(
  db: Kysely<Database>,
  keyring: Keyring,
  referral: ReferralSummary,
  account: SignedInAccount,
): Promise<Partial<Person> | null> {
  const reader = { accountId: account.id, purpose: 'referral', referralId: referral.id };
  if (await hasBreakGlass(db, account, referral.id)) {
    const opened = await readPeople(db, keyring, [referral.personId], { ...reader, purpose: 'break_glass' });
    return opened.get(referral.personId) ?? null;
  }
  if (account.role === 'referrer' && account.organizationId === referral.teamOrganizationId) {
    return (await readPeople(db, keyring, [referral.personId], reader)).get(referral.personId) ?? null;
  }
  const consent = await findConsentInForce(db, referral.personId, {
    organizationId: referral.organizationId,
    needs: referral.needs,
  });
  if (!consent) return null;
  const person = (await readPeople(db, keyring, [referral.personId], reader)).get(referral.personId);
  if (!person) return null;
  const shown: Partial<Person> = { id: person.id, erased: person.erased, language: person.language };
  const has = (category: string) => consent.categories.includes(category as never);
  if (has('identity'))
    Object.assign(shown, {
      givenName: person.givenName,
      familyName: person.familyName,
      personalCode: person.personalCode,
      birthDate: person.birthDate,
    });
  if (has('contact')) Object.assign(shown, { phone: person.phone, email: person.email });
  if (has('release'))
    Object.assign(shown, {
      expectedRelease: person.expectedRelease,
      prisonOrganizationId: person.prisonOrganizationId,
      plannedStay: person.plannedStay,
    });
  if (has('residence')) Object.assign(shown, { lastResidence: person.lastResidence });
  return shown;
}

/** May this party read the risk note? The referring team, or the receiving institution with `risk` consented. */
export async function mayReadRiskNote(
  db: Kysely<Database>,
  referral: ReferralSummary,
  account: SignedInAccount,
): Promise<boolean> {
  if (account.role === 'referrer') return account.organizationId === referral.teamOrganizationId;
  if (await hasBreakGlass(db, account, referral.id)) return true;
  const consent = await findConsentInForce(db, referral.personId, {
    organizationId: referral.organizationId,
    needs: referral.needs,
  });
  return consent?.categories.includes('risk') ?? false;
}

/** Everything held about one person's referrals, opened, for a subject-access export (the caller audits it). */
export async function exportReferralsOfPerson(db: Kysely<Database>, keyring: Keyring, personId: string) {
  const rows = await selectReferralsOfPerson(db, personId);
  const key = await openPersonKey(db, keyring, personId);
  const messages = await selectMessagesOfReferrals(
    db,
    rows.map((row) => row.id),
  );
  const referrals = [];
  for (const row of rows) {
    const events = await selectReferralEvents(db, row.id);
    referrals.push({
      ...toSummary(row),
      note: openOptional(key, { table: 'referral', column: 'note_sealed', rowId: row.id }, row.note_sealed),
      riskNote: openOptional(
        key,
        { table: 'referral', column: 'risk_note_sealed', rowId: row.id },
        row.risk_note_sealed,
      ),
      events: events.map((event) => ({
        version: event.version,
        command: event.command,
        from: event.from_state,
        to: event.to_state,
        actor: event.actor,
        actorAccountId: event.actor_account_id,
        reasonCode: event.reason_code,
        note: openOptional(key, { table: 'referral_event', column: 'note_sealed', rowId: event.id }, event.note_sealed),
        occurredAt: event.occurred_at,
      })),
      messages: messages
        .filter((message) => message.referral_id === row.id)
        .map((message) => ({
          authorAccountId: message.author_account_id,
          body: openOptional(
            key,
            { table: 'referral_message', column: 'body_sealed', rowId: message.id },
            message.body_sealed,
          ),
          createdAt: message.created_at,
        })),
    });
  }
  return referrals;
}

/** A team's referrals for one of its people (no personal fields), newest first. */
export async function listReferralsOfPerson(
  db: Kysely<Database>,
  personId: string,
  account: SignedInAccount,
): Promise<ReferralSummary[]> {
  if (account.role !== 'referrer' || !account.organizationId) throw new AppError('forbidden', 'error.forbidden');
  const rows = await selectReferralsOfPerson(db, personId);
  return rows
    .filter((row) => row.team_organization_id === account.organizationId)
    .map(toSummary)
    .reverse();
}

export type ReferralMessage = { id: string; authorAccountId: string | null; body: string | null; createdAt: Date };

async function partyReferral(db: Kysely<Database>, referralId: string, account: SignedInAccount) {
  const row = await selectReferral(db, referralId);
  if (!row) throw new AppError('not_found', 'error.not_found');
  if (!referralActorOf(account) || !isParty(account, row)) throw new AppError('forbidden', 'error.forbidden');
  return row;
}

/** Adds a message to a referral's thread, sealed with the person's data key like the notes. */
export async function addReferralMessage(
  trx: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  body: string,
  account: SignedInAccount,
): Promise<string> {
  const row = await partyReferral(trx, referralId, account);
  const key = await openPersonKey(trx, keyring, row.person_id);
  const id = randomUUID();
  const sealed = sealedNote(key, 'referral_message', 'body_sealed', id, body);
  if (!sealed) throw new AppError('not_found', 'referral.error.person_not_found');
  await insertReferralMessage(trx, { id, referral_id: referralId, author_account_id: account.id, body_sealed: sealed });
  await recordAuditEvent(trx, {
    accountId: account.id,
    action: 'referral.message',
    entityType: 'referral',
    entityId: referralId,
  });
  return id;
}

/** The thread of a referral, opened for a party; the opening is audited with the referral read. */
export async function listReferralMessages(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  account: SignedInAccount,
): Promise<ReferralMessage[]> {
  const row = await partyReferral(db, referralId, account);
  const key = await openPersonKey(db, keyring, row.person_id);
  const messages = await selectMessagesOfReferrals(db, [referralId]);
  return messages.map((message) => ({
    id: message.id,
    authorAccountId: message.author_account_id,
    body: openOptional(
      key,
      { table: 'referral_message', column: 'body_sealed', rowId: message.id },
      message.body_sealed,
    ),
    createdAt: message.created_at,
  }));
}

/** Assigns a worker of the receiving institution (or nobody); the institution's intake decides. */
export async function assignReferralWorker(
  trx: Kysely<Database>,
  referralId: string,
  worker: { id: string; organizationId: string | null } | null,
  account: SignedInAccount,
): Promise<void> {
  const row = await partyReferral(trx, referralId, account);
  if (account.role !== 'provider_intake') throw new AppError('forbidden', 'error.forbidden');
  if (worker && worker.organizationId !== row.organization_id) throw new AppError('forbidden', 'error.forbidden');
  await updateReferralAssignee(trx, referralId, worker?.id ?? null);
  await recordAuditEvent(trx, {
    accountId: account.id,
    action: 'referral.assign',
    entityType: 'referral',
    entityId: referralId,
    details: { assignee: worker?.id ?? null },
  });
}

// Retention (retention/ runs the schedule; the SQL stays here, with the tables' owner). Batches keep each
// transaction short on the embedded database.
const retentionBatchSize = 200;

async function inBatches(
  db: Kysely<Database>,
  ids: readonly string[],
  work: (trx: Kysely<Database>, batch: string[]) => Promise<void>,
) {
  for (let start = 0; start < ids.length; start += retentionBatchSize) {
    const batch = ids.slice(start, start + retentionBatchSize);
    await db.transaction().execute((trx) => work(trx, batch));
  }
}

/**
 * Retention: referrals in `states` that ended before `before` lose their personal content (sealed notes, messages,
 * break-glass reasons); their coded facts (help types, service, states, events, dates) stay for the planners' counts.
 * Returns how many referrals had content; changes nothing unless `apply`.
 */
export async function eraseEndedReferralContentForRetention(
  db: Kysely<Database>,
  options: { states: readonly ReferralState[]; before: Date; apply: boolean },
): Promise<number> {
  const ids = await selectEndedReferralsWithContent(db, options.states, options.before);
  if (options.apply) await inBatches(db, ids, eraseReferralContent);
  return ids.length;
}

/** Retention: drafts never sent and untouched since `before`, counted, or deleted when `apply` (in no count). */
export async function deleteStaleDraftsForRetention(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<number> {
  const ids = await selectDraftsUntouchedSince(db, options.before);
  if (options.apply) await inBatches(db, ids, deleteReferrals);
  return ids.length;
}

/**
 * Retention: of these people, those who still have a referral that is kept (changed since `quietSince`, still
 * open, or ended within its period): their data key must stay.
 */
export async function findPeopleWithReferralsKept(
  db: Kysely<Database>,
  personIds: readonly string[],
  options: { quietSince: Date; endedSince: { states: readonly ReferralState[]; since: Date }[] },
): Promise<Set<string>> {
  const openStates = referralStates.filter((state) => state !== 'draft' && !finalReferralStates.includes(state));
  return new Set(await selectPeopleWithReferralsKept(db, personIds, { ...options, openStates }));
}

/** States from which a referral can be sent on to another service (issue 11, item 4). */
export const onwardFromStates: readonly ReferralState[] = ['declined', 'expired'];

/**
 * Sends a declined or expired referral on to another service without retyping: a new draft for the same person
 * with the same needs, urgency, date and note, naming the referral it continues. The risk note is not copied: it
 * was written for one named provider. Consent for the new recipient is checked when the draft is sent.
 */
export async function createOnwardReferral(
  trx: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  serviceId: string,
  account: SignedInAccount,
): Promise<{ id: string; state: ReferralState; version: number }> {
  const previous = await selectReferralForUpdate(trx, referralId);
  if (!previous) throw new AppError('not_found', 'error.not_found');
  if (account.role !== 'referrer' || account.organizationId !== previous.team_organization_id)
    throw new AppError('forbidden', 'error.forbidden');
  if (!onwardFromStates.includes(previous.state)) throw new AppError('conflict', 'referral.error.onward_state');
  if (previous.service_id === serviceId)
    throw new AppError('invalid_input', 'referral.error.onward_same_service', [
      { path: 'service_id', messageKey: 'referral.error.onward_same_service' },
    ]);
  const key = await openPersonKey(trx, keyring, previous.person_id);
  const note = openOptional(
    key,
    { table: 'referral', column: 'note_sealed', rowId: previous.id },
    previous.note_sealed,
  );
  return createReferralDraft(
    trx,
    keyring,
    {
      personId: previous.person_id,
      serviceId,
      needs: previous.needs,
      urgency: previous.urgency,
      neededBy: previous.needed_by ?? undefined,
      note: note ?? undefined,
      continuesReferralId: previous.id,
    },
    account,
  );
}

/** The onward referrals that continue this one (ids only), for a party to it. */
export async function findOnwardReferralIds(db: Kysely<Database>, referralId: string): Promise<string[]> {
  return selectOnwardReferralIds(db, referralId);
}
