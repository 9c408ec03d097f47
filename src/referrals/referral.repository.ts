import type { Insertable, Kysely } from 'kysely';
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
