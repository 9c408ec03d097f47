import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { findReasonCode, type ReasonGroup } from './referral-reasons.js';
import { selectEndingEventsBetween, selectReferralsSentBetween } from './referral-statistics.repository.js';

// The referral network's figures for planners, with no personal data: counts by help type, receiving service and
// reason, and how long providers take to look and to accept. Exact counts leave this module; suppressing the small
// ones is the presentation's job (planning/), which knows which tables are shown together.

export type ReferralStatisticsFilter = {
  /** The period, as moments: [from, to). */
  from: Date;
  to: Date;
  /** A top-level help type code; referrals with any need of that type count. */
  helpType?: string | undefined;
};

/** Median and quartiles of a duration in hours, over `count` referrals (null when there are none). */
export type DurationSummary = {
  count: number;
  quartiles: { lower: number; median: number; upper: number } | null;
};

export type ReferralStatistics = {
  /** Referrals first sent in the period. */
  sentCount: number;
  /** Sent referrals by the top-level help types of their needs (a referral with two types counts under both). */
  byHelpType: Map<string, number>;
  /** Sent referrals by receiving service, with its institution (planning/ maps them to municipalities). */
  byService: Array<{ serviceId: string; organizationId: string; count: number }>;
  declineCount: number;
  declinesByReason: Array<{ code: string; group: ReasonGroup | null; count: number }>;
  expiryCount: number;
  timeToFirstView: DurationSummary;
  timeToAccept: DurationSummary;
};

/** The top-level help type of a need code ('documents.passport' → 'documents'). */
export function topHelpType(need: string): string {
  return need.split('.')[0] ?? need;
}

const helpTypesOf = (needs: readonly string[]) => [...new Set(needs.map(topHelpType))];

/** The value at quantile `q` of sorted values, by linear interpolation between the closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

function summarise(hours: number[]): DurationSummary {
  const sorted = [...hours].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, quartiles: null };
  return {
    count: sorted.length,
    quartiles: { lower: quantile(sorted, 0.25), median: quantile(sorted, 0.5), upper: quantile(sorted, 0.75) },
  };
}

const hoursBetween = (start: Date, end: Date) => (end.getTime() - start.getTime()) / 3_600_000;

/** Counts and durations of the referrals sent, declined and expired in a period, optionally for one help type. */
export async function computeReferralStatistics(
  db: Kysely<Database>,
  filter: ReferralStatisticsFilter,
): Promise<ReferralStatistics> {
  const matches = (needs: readonly string[]) => !filter.helpType || helpTypesOf(needs).includes(filter.helpType);
  const sent = (await selectReferralsSentBetween(db, filter.from, filter.to)).filter((row) => matches(row.needs));
  const byHelpType = new Map<string, number>();
  const byService = new Map<string, { serviceId: string; organizationId: string; count: number }>();
  const viewHours: number[] = [];
  const acceptHours: number[] = [];
  for (const row of sent) {
    for (const type of helpTypesOf(row.needs)) byHelpType.set(type, (byHelpType.get(type) ?? 0) + 1);
    const service = byService.get(row.service_id) ?? {
      serviceId: row.service_id,
      organizationId: row.organization_id,
      count: 0,
    };
    service.count += 1;
    byService.set(row.service_id, service);
    const sentAt = new Date(row.sent_at);
    if (row.viewed_at) viewHours.push(Math.max(0, hoursBetween(sentAt, new Date(row.viewed_at))));
    if (row.accepted_at) acceptHours.push(Math.max(0, hoursBetween(sentAt, new Date(row.accepted_at))));
  }
  const ending = (await selectEndingEventsBetween(db, filter.from, filter.to)).filter((row) => matches(row.needs));
  const reasons = new Map<string, number>();
  let declineCount = 0;
  let expiryCount = 0;
  for (const row of ending) {
    if (row.command === 'expire') {
      expiryCount += 1;
      continue;
    }
    declineCount += 1;
    const code = row.reason_code ?? 'unknown';
    reasons.set(code, (reasons.get(code) ?? 0) + 1);
  }
  return {
    sentCount: sent.length,
    byHelpType,
    byService: [...byService.values()],
    declineCount,
    declinesByReason: [...reasons].map(([code, count]) => ({
      code,
      group: findReasonCode(code)?.group ?? null,
      count,
    })),
    expiryCount,
    timeToFirstView: summarise(viewHours),
    timeToAccept: summarise(acceptHours),
  };
}
