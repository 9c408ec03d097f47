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

/**
 * Where unmet bed-nights come from (beds/, issue 13): a public finder search for a bed that found no free bed in its
 * municipality, and a referral declined (or expired) for lack of a free bed. Kept apart from "no suitable service".
 */
export const bedNightSources = ['finder_no_free_bed', 'referral_no_free_bed'] as const;
export type BedNightSource = (typeof bedNightSources)[number];
