import type { CapacityFigureRow } from './beds.repository.js';

// A place's beds as the public reads them, worked out from its capacity row and what moves it at a moment. Pure:
// the database path (findBedFigures) and the in-memory capacity (bed-capacity-snapshot.ts) both use it.

/** Who the places are for, as the public reads it ("3 free beds for men"). */
export type PlacesFor = 'men' | 'women' | 'anyone';

/** A service's beds now. `free` never goes below zero; `stale` figures are shown as "call to check". */
export type BedFigure = {
  serviceId: string;
  maximum: number;
  /** Places empty now: the last figure moved by stays since, within 0..maximum. */
  empty: number;
  /** Places held for accepted referrals and still in force. */
  held: number;
  /** Places blocked now (repairs, illness …). */
  blocked: number;
  /** Free for someone new now: empty, capped by the places not blocked, minus holds; never below zero. */
  free: number;
  placesFor: PlacesFor;
  accessible: number;
  updatedAt: Date;
  stale: boolean;
};

/** The public shape of a figure: HSDS 3.1 service_capacity's numbers and the finder API's `capacity`. */
export type PublicCapacity = { available: number; maximum: number; updated: string };

export const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

export function toBedFigure(row: CapacityFigureRow, now: Date, staleAfterSeconds: number): BedFigure {
  const empty = clamp(row.available - row.arrivals + row.departures, 0, row.maximum);
  const usable = Math.max(0, row.maximum - row.blocked);
  const free = Math.max(0, Math.min(empty, usable) - row.holds);
  const placesFor: PlacesFor =
    row.maximum > 0 && row.places_men === row.maximum
      ? 'men'
      : row.maximum > 0 && row.places_women === row.maximum
        ? 'women'
        : 'anyone';
  return {
    serviceId: row.service_id,
    maximum: row.maximum,
    empty,
    held: row.holds,
    blocked: row.blocked,
    free,
    placesFor,
    accessible: row.places_accessible,
    updatedAt: row.updated_at,
    stale: now.getTime() - row.updated_at.getTime() > staleAfterSeconds * 1000,
  };
}

/** The public capacity of a figure: free places (holds taken away), the maximum and when it last changed. */
export function toPublicCapacity(figure: BedFigure): PublicCapacity {
  return { available: figure.free, maximum: figure.maximum, updated: figure.updatedAt.toISOString() };
}

/** Whether a figure says a place is free now (a stale figure says nothing for sure). */
export function hasFreeBedNow(figure: BedFigure | undefined): boolean {
  return figure !== undefined && !figure.stale && figure.free > 0;
}
