import type { ColumnType } from 'kysely';

// Row types of the beds tables (db/migrations/20261207_0300_beds.sql). Only beds/ writes them.

export const capacityChannels = ['staff', 'api', 'reminder'] as const;
/** How a figure was given: the duty worker's page, the JSON API, the reminder e-mail's link. */
export type CapacityChannel = (typeof capacityChannels)[number];

export const blockReasons = ['repair', 'cleaning', 'health', 'staffing', 'other'] as const;
export type BlockReason = (typeof blockReasons)[number];

export const movementKinds = ['arrival', 'departure'] as const;
export type MovementKind = (typeof movementKinds)[number];

export const holdStates = ['held', 'confirmed', 'released', 'lapsed'] as const;
export type HoldState = (typeof holdStates)[number];

export interface BedCapacityTable {
  service_id: string;
  maximum: number;
  places_men: ColumnType<number, number | undefined, number>;
  places_women: ColumnType<number, number | undefined, number>;
  places_accessible: ColumnType<number, number | undefined, number>;
  available: number;
  figure_at: Date;
  updated_at: Date;
  updated_by: string | null;
  /** Set by the database on every change of the row or of its holds, blocks and stays (a change counter). */
  revision: ColumnType<string, never, never>;
}

export interface BedCapacityUpdateTable {
  id: string;
  service_id: string;
  available: number;
  maximum: number;
  recorded_at: Date;
  recorded_by: string | null;
  channel: CapacityChannel;
}

export interface BedBlockTable {
  id: string;
  service_id: string;
  places: number;
  reason: BlockReason;
  starts_at: Date;
  ends_at: Date;
  created_by: string | null;
  created_at: Date;
}

export interface BedMovementTable {
  id: string;
  service_id: string;
  kind: MovementKind;
  referral_id: string | null;
  occurred_at: Date;
  recorded_by: string | null;
}

export interface BedHoldTable {
  id: string;
  service_id: string;
  referral_id: string | null;
  held_until: Date;
  state: ColumnType<HoldState, HoldState | undefined, HoldState>;
  created_by: string | null;
  created_at: Date;
  closed_at: Date | null;
}

export interface BedReminderTable {
  token_hash: string;
  service_id: string;
  sent_on: ColumnType<string, string, string>;
  expires_at: Date;
  used_at: Date | null;
}
