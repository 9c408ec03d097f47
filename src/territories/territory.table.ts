import type { Generated } from 'kysely';

export const territoryKinds = ['state_city', 'municipality', 'town', 'parish'] as const;
export type TerritoryKind = (typeof territoryKinds)[number];

export interface TerritoryTable {
  code: string;
  name_lv: string;
  name_en: string | null;
  kind: TerritoryKind;
  level: number;
  parent_code: string | null;
  iso_code: string | null;
  centre_name: string | null;
  centre_latitude: number | null;
  centre_longitude: number | null;
  planning_region: string | null;
  valid_from: string | null;
  valid_to: string | null;
  search_name: string;
}

export interface Region2004Table {
  code: string;
  name_lv: string;
  name_en: string;
  kind: string;
  centre_name: string | null;
  centre_latitude: number | null;
  centre_longitude: number | null;
  successor_names: Generated<string>;
  search_name: string;
}
