import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ReferralState } from './referral-machine.js';
import type { ReferralEventTable, ReferralMessageTable, ReferralTable } from './referral.table.js';

// SQL for referrals and their events. Takes `db` or a transaction; a command's update and its event commit together.

export async function insertReferral(db: Kysely<Database>, values: Insertable<ReferralTable>) {
  await db.insertInto('referral').values(values).execute();
}

export async function selectReferral(db: Kysely<Database>, id: string) {
  return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The referral locked until the transaction ends: two commands on one referral take turns. */
export async function selectReferralForUpdate(db: Kysely<Database>, id: string) {
  return db.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateReferralState(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  values: { state: ReferralState; version: number; dueAt?: Date | null; outcome?: ReferralTable['outcome'] },
): Promise<boolean> {
  const result = await db
    .updateTable('referral')
    .set({
      state: values.state,
      version: values.version,
      updated_at: new Date(),
      ...(values.dueAt !== undefined ? { due_at: values.dueAt } : {}),
      ...(values.outcome !== undefined ? { outcome: values.outcome } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markReferralViewed(db: Kysely<Database>, id: string, at: Date) {
  await db.updateTable('referral').set({ viewed_at: at }).where('id', '=', id).where('viewed_at', 'is', null).execute();
}

export async function insertReferralEvent(db: Kysely<Database>, values: Insertable<ReferralEventTable>) {
  await db.insertInto('referral_event').values(values).execute();
}

export async function selectEventByIdempotencyKey(db: Kysely<Database>, referralId: string, key: string) {
  return db
    .selectFrom('referral_event')
    .select(['to_state', 'version', 'command'])
    .where('referral_id', '=', referralId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function selectReferralEvents(db: Kysely<Database>, referralId: string) {
  return db.selectFrom('referral_event').selectAll().where('referral_id', '=', referralId).orderBy('version').execute();
}

export type ReferralListFilter = {
  organizationId?: string;
  teamOrganizationId?: string;
  states?: readonly ReferralState[];
  excludeDrafts?: boolean;
  limit: number;
};

/** An inbox (by receiving institution) or a team's list, due first; an indexed read, no personal columns. */
export async function selectReferralList(db: Kysely<Database>, filter: ReferralListFilter) {
  let query = db
    .selectFrom('referral')
    .select([
      'id',
      'person_id',
      'service_id',
      'organization_id',
      'team_organization_id',
      'needs',
      'urgency',
      'needed_by',
      'state',
      'version',
      'due_at',
      'viewed_at',
      'created_at',
      'updated_at',
      'outcome',
      'assigned_account_id',
      'continues_referral_id',
    ]);
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.teamOrganizationId) query = query.where('team_organization_id', '=', filter.teamOrganizationId);
  if (filter.states && filter.states.length > 0) query = query.where('state', 'in', [...filter.states]);
  if (filter.excludeDrafts) query = query.where('state', '<>', 'draft');
  return query
    .orderBy('due_at', (order) => order.asc().nullsLast())
    .orderBy('created_at', 'desc')
    .limit(filter.limit)
    .execute();
}

/** Referrals whose answer time has passed, oldest first, locked for the one process that expires them. */
export async function selectOverdueReferrals(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('referral')
    .select(['id', 'version', 'state', 'service_id', 'organization_id'])
    .where('state', 'in', ['sent', 'info_requested'])
    .where('due_at', '<', now)
    .orderBy('due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function selectReferralsOfPerson(db: Kysely<Database>, personId: string) {
  return db.selectFrom('referral').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function selectMessagesOfReferrals(db: Kysely<Database>, referralIds: readonly string[]) {
  if (referralIds.length === 0) return [];
  return db
    .selectFrom('referral_message')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('created_at')
    .execute();
}

export async function insertReferralMessage(db: Kysely<Database>, values: Insertable<ReferralMessageTable>) {
  await db.insertInto('referral_message').values(values).execute();
}

export async function updateReferralAssignee(db: Kysely<Database>, id: string, accountId: string | null) {
  await db
    .updateTable('referral')
    .set({ assigned_account_id: accountId, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Retention: referrals in one of `states` last changed before `before` that still hold sealed content. */
export async function selectEndedReferralsWithContent(
  db: Kysely<Database>,
  states: readonly ReferralState[],
  before: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('referral.id')
    .where('referral.state', 'in', [...states])
    .where('referral.updated_at', '<', before)
    .where((eb) =>
      eb.or([
        eb('referral.note_sealed', 'is not', null),
        eb('referral.risk_note_sealed', 'is not', null),
        eb.exists(
          eb
            .selectFrom('referral_event')
            .select('referral_event.id')
            .whereRef('referral_event.referral_id', '=', 'referral.id')
            .where('referral_event.note_sealed', 'is not', null),
        ),
        eb.exists(
          eb
            .selectFrom('referral_message')
            .select('referral_message.id')
            .whereRef('referral_message.referral_id', '=', 'referral.id'),
        ),
        eb.exists(
          eb
            .selectFrom('break_glass_grant')
            .select('break_glass_grant.id')
            .whereRef('break_glass_grant.referral_id', '=', 'referral.id'),
        ),
      ]),
    )
    .orderBy('referral.id')
    .execute();
  return rows.map((row) => row.id);
}

/** Retention: empties the sealed notes of referrals and their events, deletes their messages and break-glass grants. */
export async function eraseReferralContent(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('referral')
    .set({ note_sealed: null, risk_note_sealed: null })
    .where('id', 'in', [...ids])
    .execute();
  await trx
    .updateTable('referral_event')
    .set({ note_sealed: null })
    .where('referral_id', 'in', [...ids])
    .execute();
  await trx
    .deleteFrom('referral_message')
    .where('referral_id', 'in', [...ids])
    .execute();
  await trx
    .deleteFrom('break_glass_grant')
    .where('referral_id', 'in', [...ids])
    .execute();
}

/** Retention: drafts never sent and untouched since before `before`. */
export async function selectDraftsUntouchedSince(db: Kysely<Database>, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('state', '=', 'draft')
    .where('updated_at', '<', before)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Referrals that continue this one (onward referrals), oldest first. */
export async function selectOnwardReferralIds(db: Kysely<Database>, referralId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('continues_referral_id', '=', referralId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.id);
}

/** Retention: deletes referrals with everything hanging from them (drafts: never sent, so in no count). */
export async function deleteReferrals(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await eraseReferralContent(trx, ids);
  await trx
    .deleteFrom('referral_event')
    .where('referral_id', 'in', [...ids])
    .execute();
  await trx
    .deleteFrom('referral')
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Retention: of these people, those with a referral still kept: changed on or after `quietSince`, not yet ended
 * (drafts aside), or ended within its own period (`endedSince`, per group of states).
 */
export async function selectPeopleWithReferralsKept(
  db: Kysely<Database>,
  personIds: readonly string[],
  options: {
    quietSince: Date;
    openStates: readonly ReferralState[];
    endedSince: { states: readonly ReferralState[]; since: Date }[];
  },
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('referral')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', [...personIds])
    .where((eb) =>
      eb.or([
        eb('updated_at', '>=', options.quietSince),
        eb('state', 'in', [...options.openStates]),
        ...options.endedSince.map((group) =>
          eb.and([eb('state', 'in', [...group.states]), eb('updated_at', '>=', group.since)]),
        ),
      ]),
    )
    .execute();
  return rows.map((row) => row.person_id);
}

/** Referral events of some commands in a time window, counted per service and command, with the earliest due time
 * of their referrals: what a daily digest says (no person, no note, no reason). */
export async function selectEventCountsByService(
  db: Kysely<Database>,
  filter: { organizationId?: string; teamOrganizationId?: string; commands: string[]; from: Date; to: Date },
) {
  let query = db
    .selectFrom('referral_event')
    .innerJoin('referral', 'referral.id', 'referral_event.referral_id')
    .select([
      'referral.service_id',
      'referral_event.command',
      sql<number>`count(*)`.as('count'),
      sql<Date | null>`min(referral.due_at)`.as('first_due'),
    ])
    .where('referral_event.command', 'in', filter.commands)
    .where('referral_event.occurred_at', '>=', filter.from)
    .where('referral_event.occurred_at', '<', filter.to);
  if (filter.organizationId) query = query.where('referral.organization_id', '=', filter.organizationId);
  if (filter.teamOrganizationId) query = query.where('referral.team_organization_id', '=', filter.teamOrganizationId);
  return query.groupBy(['referral.service_id', 'referral_event.command']).orderBy('referral.service_id').execute();
}
