// SQL of the registry's upkeep tables (upkeep.table.ts): follows and the change feed, verification links, mistake
// reports and their rate limit, support capabilities. Takes `db` or a `trx` as first argument.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type {
  MistakeReportStatus,
  MistakeReportTable,
  VerificationLinkTable,
  VerificationOutcome,
} from './upkeep.table.js';

export type VerificationLinkRow = Selectable<VerificationLinkTable>;
export type MistakeReportRow = Selectable<MistakeReportTable> & {
  organization_name: string;
  service_name: string | null;
};
export type FeedRow = {
  organization_id: string;
  organization_name: string;
  resource_id: string;
  resource_type: string;
  last_action_date: string;
  last_action_type: string;
  field_name: string;
};

// ---- follows and the change feed ----------------------------------------------------------------------------

export async function insertFollow(db: Kysely<Database>, accountId: string, organizationId: string): Promise<void> {
  await db
    .insertInto('institution_follow')
    .values({ account_id: accountId, organization_id: organizationId })
    .onConflict((conflict) => conflict.columns(['account_id', 'organization_id']).doNothing())
    .execute();
}

export async function deleteFollow(db: Kysely<Database>, accountId: string, organizationId: string): Promise<void> {
  await db
    .deleteFrom('institution_follow')
    .where('account_id', '=', accountId)
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function selectFollowedOrganizations(
  db: Kysely<Database>,
  accountId: string,
): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('institution_follow')
    .innerJoin('organization', 'organization.id', 'institution_follow.organization_id')
    .select(['organization.id', 'organization.name'])
    .where('institution_follow.account_id', '=', accountId)
    .orderBy('organization.name')
    .execute();
}

/** The history rows of every record of the institutions the account follows, newest first. */
export async function selectFeedRows(db: Kysely<Database>, accountId: string, limit: number): Promise<FeedRow[]> {
  const { rows } = await sql<FeedRow>`
    WITH followed AS (
      SELECT organization_id FROM institution_follow WHERE account_id = ${accountId}
    ), records AS (
      SELECT id AS record_id, id AS organization_id FROM organization WHERE id IN (SELECT organization_id FROM followed)
      UNION ALL
      SELECT id, organization_id FROM service WHERE organization_id IN (SELECT organization_id FROM followed)
      UNION ALL
      SELECT id, organization_id FROM location WHERE organization_id IN (SELECT organization_id FROM followed)
      UNION ALL
      SELECT address.id, location.organization_id FROM address
        JOIN location ON location.id = address.location_id
        WHERE location.organization_id IN (SELECT organization_id FROM followed)
      UNION ALL
      SELECT contact.id, coalesce(contact.organization_id, service.organization_id) FROM contact
        LEFT JOIN service ON service.id = contact.service_id
        WHERE coalesce(contact.organization_id, service.organization_id) IN (SELECT organization_id FROM followed)
    )
    SELECT records.organization_id, organization.name AS organization_name, metadata.resource_id,
      metadata.resource_type, metadata.last_action_date, metadata.last_action_type, metadata.field_name
    FROM metadata
    JOIN records ON records.record_id = metadata.resource_id
    JOIN organization ON organization.id = records.organization_id
    ORDER BY metadata.last_action_date DESC, metadata.id
    LIMIT ${limit}
  `.execute(db);
  return rows;
}

// ---- verification links -------------------------------------------------------------------------------------

export async function insertVerificationLink(
  db: Kysely<Database>,
  row: { tokenHash: string; organizationId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('verification_link')
    .values({
      token_hash: row.tokenHash,
      organization_id: row.organizationId,
      expires_at: row.expiresAt,
      created_at: row.createdAt,
      used_at: null,
      outcome: null,
    })
    .execute();
}

export async function selectVerificationLink(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<VerificationLinkRow | undefined> {
  return db.selectFrom('verification_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an unused link used; undefined when it was used already (or by a concurrent request). */
export async function markVerificationLinkUsed(
  db: Kysely<Database>,
  tokenHash: string,
  outcome: VerificationOutcome,
  now: Date,
): Promise<VerificationLinkRow | undefined> {
  return db
    .updateTable('verification_link')
    .set({ used_at: now, outcome })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Institutions (not demonstration ones) with an e-mail address whose listing was last verified before `verifiedBefore`
 * (or never) and that were not sent a link since `notAskedSince`.
 */
export async function selectOrganizationsDueForVerification(
  db: Kysely<Database>,
  verifiedBefore: string,
  notAskedSince: Date,
  limit: number,
): Promise<Array<{ id: string; name: string; email: string }>> {
  const rows = await db
    .selectFrom('organization')
    .select(['organization.id', 'organization.name', 'organization.email'])
    .where('organization.email', 'is not', null)
    .where('organization.email', '<>', '')
    .where('organization.is_demo', '=', false)
    .where((eb) =>
      eb.or([
        eb('organization.last_verified_on', 'is', null),
        eb('organization.last_verified_on', '<', verifiedBefore),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('verification_link')
            .select('verification_link.token_hash')
            .whereRef('verification_link.organization_id', '=', 'organization.id')
            .where('verification_link.created_at', '>=', notAskedSince),
        ),
      ),
    )
    .orderBy('organization.last_verified_on', (order) => order.asc().nullsFirst())
    .orderBy('organization.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email! }));
}

/** Sets the verified date of an institution and all its services, where it is older; returns what changed. */
export async function updateVerifiedDates(
  db: Kysely<Database>,
  organizationId: string,
  date: string,
): Promise<{ organization: string | null | undefined; services: Array<{ id: string; previous: string | null }> }> {
  const organization = await db
    .selectFrom('organization')
    .select('last_verified_on')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  const services = await db
    .selectFrom('service')
    .select(['id', 'last_verified_on'])
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('last_verified_on', 'is', null), eb('last_verified_on', '<', date)]))
    .execute();
  let organizationPrevious: string | null | undefined = undefined;
  if (organization && (organization.last_verified_on === null || organization.last_verified_on < date)) {
    organizationPrevious = organization.last_verified_on;
    await db
      .updateTable('organization')
      .set({ last_verified_on: date, updated_at: new Date() })
      .where('id', '=', organizationId)
      .execute();
  }
  if (services.length > 0)
    await db
      .updateTable('service')
      .set({ last_verified_on: date, updated_at: new Date() })
      .where(
        'id',
        'in',
        services.map((service) => service.id),
      )
      .execute();
  return {
    organization: organizationPrevious,
    services: services.map((service) => ({ id: service.id, previous: service.last_verified_on })),
  };
}

export async function countStaleOrganizations(db: Kysely<Database>, verifiedBefore: string): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.or([eb('last_verified_on', 'is', null), eb('last_verified_on', '<', verifiedBefore)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Institutions not verified since `verifiedBefore`, the longest unverified first, with their last link's date. */
export async function selectStaleOrganizations(
  db: Kysely<Database>,
  verifiedBefore: string,
  offset: number,
  limit: number,
): Promise<
  Array<{ id: string; name: string; email: string | null; last_verified_on: string | null; last_asked_at: Date | null }>
> {
  return db
    .selectFrom('organization')
    .select((eb) => [
      'organization.id',
      'organization.name',
      'organization.email',
      'organization.last_verified_on',
      eb
        .selectFrom('verification_link')
        .select((inner) => inner.fn.max('verification_link.created_at').as('last'))
        .whereRef('verification_link.organization_id', '=', 'organization.id')
        .as('last_asked_at'),
    ])
    .where((eb) =>
      eb.or([
        eb('organization.last_verified_on', 'is', null),
        eb('organization.last_verified_on', '<', verifiedBefore),
      ]),
    )
    .orderBy('organization.last_verified_on', (order) => order.asc().nullsFirst())
    .orderBy('organization.name')
    .orderBy('organization.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

// ---- mistake reports ----------------------------------------------------------------------------------------

export async function insertMistakeReport(
  db: Kysely<Database>,
  row: { id: string; organizationId: string; serviceId: string | null; body: string },
): Promise<void> {
  await db
    .insertInto('mistake_report')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      service_id: row.serviceId,
      body: row.body,
      closed_at: null,
      closed_by: null,
    })
    .execute();
}

export async function insertReportAttempt(db: Kysely<Database>, id: string, senderKey: string): Promise<void> {
  await db.insertInto('mistake_report_attempt').values({ id, sender_key: senderKey }).execute();
}

/** Accepted reports since `since`: from one sender (its key), or from everyone. */
export async function countReportAttempts(db: Kysely<Database>, since: Date, senderKey?: string): Promise<number> {
  let query = db
    .selectFrom('mistake_report_attempt')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('attempted_at', '>=', since);
  if (senderKey !== undefined) query = query.where('sender_key', '=', senderKey);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteReportAttemptsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('mistake_report_attempt').where('attempted_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function reportsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('mistake_report')
    .innerJoin('organization', 'organization.id', 'mistake_report.organization_id')
    .leftJoin('service', 'service.id', 'mistake_report.service_id')
    .selectAll('mistake_report')
    .select(['organization.name as organization_name', 'service.name as service_name']);
}

export async function selectMistakeReports(
  db: Kysely<Database>,
  filter: { status: MistakeReportStatus; organizationId: string | null },
  offset: number,
  limit: number,
): Promise<MistakeReportRow[]> {
  let query = reportsQuery(db).where('mistake_report.status', '=', filter.status);
  if (filter.organizationId) query = query.where('mistake_report.organization_id', '=', filter.organizationId);
  return query
    .orderBy('mistake_report.created_at', filter.status === 'open' ? 'asc' : 'desc')
    .orderBy('mistake_report.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function countMistakeReports(
  db: Kysely<Database>,
  filter: { status: MistakeReportStatus; organizationId: string | null },
): Promise<number> {
  let query = db
    .selectFrom('mistake_report')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', filter.status);
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function selectMistakeReport(db: Kysely<Database>, id: string): Promise<MistakeReportRow | undefined> {
  return reportsQuery(db).where('mistake_report.id', '=', id).executeTakeFirst();
}

/** Closes an open report; false when it was closed already. */
export async function closeMistakeReportRow(
  db: Kysely<Database>,
  id: string,
  status: Exclude<MistakeReportStatus, 'open'>,
  accountId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('mistake_report')
    .set({ status, closed_at: new Date(), closed_by: accountId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- support capabilities -----------------------------------------------------------------------------------

export async function selectSupportCapabilities(
  db: Kysely<Database>,
  organizationIds: string[],
): Promise<Array<{ organization_id: string; help_type: string }>> {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('organization_support_capability')
    .select(['organization_id', 'help_type'])
    .where('organization_id', 'in', organizationIds)
    .execute();
}

export async function insertSupportCapability(
  db: Kysely<Database>,
  organizationId: string,
  helpType: string,
): Promise<void> {
  await db
    .insertInto('organization_support_capability')
    .values({ organization_id: organizationId, help_type: helpType })
    .onConflict((conflict) => conflict.columns(['organization_id', 'help_type']).doNothing())
    .execute();
}

export async function deleteSupportCapability(
  db: Kysely<Database>,
  organizationId: string,
  helpType: string,
): Promise<void> {
  await db
    .deleteFrom('organization_support_capability')
    .where('organization_id', '=', organizationId)
    .where('help_type', '=', helpType)
    .execute();
}
