import type { ColumnType } from 'kysely';

// Row type of "no suitable service found" records (db/migrations/20261206_0720_unmet_need.sql). Only planning/
// writes them: need × territory × day, with where the record came from, and nothing about the person.

export interface UnmetNeedRecordTable {
  id: string;
  help_type: string;
  territory_code: string;
  recorded_on: ColumnType<string, string, string>;
  source: string;
}
