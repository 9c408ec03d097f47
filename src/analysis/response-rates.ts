// AAPOR Standard Definitions (10th edition, 2023): response, cooperation, refusal and contact rates from final
// dispositions. Letters follow the book: I complete, P partial, R refusal and break-off, NC non-contact, O other,
// UH/UO unknown eligibility (household / other), NE not eligible; e is the estimated share of the unknown cases
// that are eligible.
import type { Disposition } from './questions.js';

/** Case counts in AAPOR's terms. */
export type OutcomeCounts = { I: number; P: number; R: number; NC: number; O: number; U: number; NE: number };

export const responseRateNames = ['RR1', 'RR2', 'RR3', 'RR4', 'RR5', 'RR6'] as const;
export const cooperationRateNames = ['COOP1', 'COOP2', 'COOP3', 'COOP4'] as const;
export const refusalRateNames = ['REF1', 'REF2', 'REF3'] as const;
export const contactRateNames = ['CON1', 'CON2', 'CON3'] as const;
export const outcomeRateNames = [
  ...responseRateNames,
  ...cooperationRateNames,
  ...refusalRateNames,
  ...contactRateNames,
] as const;
export type OutcomeRateName = (typeof outcomeRateNames)[number];

/** Every rate as a fraction, or null where its denominator is zero (no cases of that kind). */
export type OutcomeRates = Record<OutcomeRateName, number | null>;

export type EligibilityEstimate = { e: number; source: 'estimated' | 'set' };

/**
 * Maps the survey engine's dispositions to AAPOR's letters. A questionnaire returned undeliverable does not
 * prove the institution ineligible, so it stays among the unknowns (AAPOR's mail codes 3.3x), as does
 * "nothing ever came back".
 */
export function countOutcomes(casesByDisposition: Partial<Record<Disposition, number>>): OutcomeCounts {
  const count = (disposition: Disposition) => casesByDisposition[disposition] ?? 0;
  return {
    I: count('complete'),
    P: count('partial'),
    R: count('refusal'),
    NC: count('non_contact'),
    O: count('other'),
    U: count('unknown_eligibility') + count('undeliverable'),
    NE: count('not_eligible'),
  };
}

/**
 * e by the proportional allocation method: the eligible share among cases whose eligibility is known,
 * (I+P+R+NC+O) / (I+P+R+NC+O+NE). With no case of known eligibility, every unknown case is assumed eligible (e = 1),
 * the conservative choice that makes RR3 = RR1.
 */
export function estimateEligibility(counts: OutcomeCounts): number {
  const eligible = counts.I + counts.P + counts.R + counts.NC + counts.O;
  const known = eligible + counts.NE;
  return known === 0 ? 1 : eligible / known;
}

/** All sixteen AAPOR outcome rates; `e` is estimated from the counts unless the analyst sets it. */
export function computeOutcomeRates(
  counts: OutcomeCounts,
  options: { e?: number } = {},
): { rates: OutcomeRates; eligibility: EligibilityEstimate } {
  const eligibility: EligibilityEstimate =
    options.e === undefined ? { e: estimateEligibility(counts), source: 'estimated' } : { e: options.e, source: 'set' };
  const { I, P, R, NC, O, U } = counts;
  const { e } = eligibility;
  const interviews = I + P;
  const eligibleNonInterviews = R + NC + O;
  const allUnknownBase = interviews + eligibleNonInterviews + U;
  const estimatedBase = interviews + eligibleNonInterviews + e * U;
  const knownBase = interviews + eligibleNonInterviews;
  const contacted = interviews + R + O;
  const rates: OutcomeRates = {
    RR1: divide(I, allUnknownBase),
    RR2: divide(interviews, allUnknownBase),
    RR3: divide(I, estimatedBase),
    RR4: divide(interviews, estimatedBase),
    RR5: divide(I, knownBase),
    RR6: divide(interviews, knownBase),
    COOP1: divide(I, interviews + R + O),
    COOP2: divide(interviews, interviews + R + O),
    COOP3: divide(I, interviews + R),
    COOP4: divide(interviews, interviews + R),
    REF1: divide(R, allUnknownBase),
    REF2: divide(R, estimatedBase),
    REF3: divide(R, knownBase),
    CON1: divide(contacted, allUnknownBase),
    CON2: divide(contacted, estimatedBase),
    CON3: divide(contacted, knownBase),
  };
  return { rates, eligibility };
}

function divide(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
