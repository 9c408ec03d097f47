// The whole schema as Kysely sees it: each domain declares the tables it owns in its *.table.ts.
import type { Region2004Table, TerritoryTable } from '../territories/territory.table.js';

export interface Database {
  territory: TerritoryTable;
  region_2004: Region2004Table;
}
