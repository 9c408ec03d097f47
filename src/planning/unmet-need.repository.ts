import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { UnmetNeedRecordTable } from './unmet-need.table.js';

// SQL for "no suitable service found" records; planning/ owns the table.

export async function insertUnmetNeedRecord(db: Kysely<Database>, values: Insertable<UnmetNeedRecordTable>) {
  await db.insertInto('unmet_need_record').values(values).execute();
}

/** Records of days from..to (inclusive), optionally of one help type: only the coded columns. */
export async function selectUnmetNeedRecords(
  db: Kysely<Database>,
  filter: { from: string; to: string; helpType?: string | undefined },
) {
  let query = db
    .selectFrom('unmet_need_record')
    .select(['help_type', 'territory_code', 'recorded_on', 'source'])
    .where('recorded_on', '>=', filter.from)
    .where('recorded_on', '<=', filter.to);
  if (filter.helpType) query = query.where('help_type', '=', filter.helpType);
  return query.execute();
}
