// Staff follow institutions (issue 15, item 1): every change to a followed institution's listing (its own record,
// services, places, addresses, contacts) appears in the follower's change feed at /staff/registry/feed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import {
  deleteFollow,
  insertFollow,
  selectFeedRows,
  selectFollowedOrganizations,
  type FeedRow,
} from './upkeep.repository.js';

/** One save of one record of a followed institution: when, what, which fields. */
export type FeedEvent = {
  organizationId: string;
  organizationName: string;
  date: string;
  action: string;
  resourceType: string;
  resourceId: string;
  fields: string[];
};

/** Starts (or stops) following an institution's changes; audited. */
export async function setFollowing(
  db: Kysely<Database>,
  accountId: string,
  organizationId: string,
  follow: boolean,
): Promise<void> {
  if (follow) await insertFollow(db, accountId, organizationId);
  else await deleteFollow(db, accountId, organizationId);
  await recordAuditEvent(db, {
    accountId,
    action: follow ? 'registry.follow.start' : 'registry.follow.stop',
    entityType: 'organization',
    entityId: organizationId,
    details: { organization_id: organizationId },
  });
}

/** The institutions an account follows, by name. */
export async function listFollowedInstitutions(db: Kysely<Database>, accountId: string) {
  return selectFollowedOrganizations(db, accountId);
}

/** Whether the account follows the institution. */
export async function isFollowing(db: Kysely<Database>, accountId: string, organizationId: string): Promise<boolean> {
  return (await selectFollowedOrganizations(db, accountId)).some((organization) => organization.id === organizationId);
}

function groupIntoEvents(rows: FeedRow[]): FeedEvent[] {
  const events = new Map<string, FeedEvent>();
  for (const row of rows) {
    const key = `${row.last_action_date}|${row.resource_id}|${row.last_action_type}`;
    const event = events.get(key);
    if (event) event.fields.push(row.field_name);
    else
      events.set(key, {
        organizationId: row.organization_id,
        organizationName: row.organization_name,
        date: row.last_action_date,
        action: row.last_action_type,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        fields: [row.field_name],
      });
  }
  return [...events.values()];
}

/** The newest changes to the institutions the account follows, as events (one save of one record each). */
export async function listChangeFeed(db: Kysely<Database>, accountId: string, limit = 50): Promise<FeedEvent[]> {
  return groupIntoEvents(await selectFeedRows(db, accountId, limit * 10)).slice(0, limit);
}
