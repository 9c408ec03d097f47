// AAPOR outcome rates against worked examples done by hand (fractions written out, not recomputed by the code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeOutcomeRates, countOutcomes, estimateEligibility, type OutcomeCounts } from './response-rates.js';

function assertClose(actual: number | null, expected: number, label: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${label}: ${actual} ≠ ${expected}`);
}

// I=40 P=10 R=20 NC=15 O=5 unknown=30 NE=20.
// e = (40+10+20+15+5) / (90+20) = 90/110 = 9/11; e·U = 270/11, so the "estimated" base is 90 + 270/11 = 1260/11.
const worked: OutcomeCounts = { I: 40, P: 10, R: 20, NC: 15, O: 5, U: 30, NE: 20 };

test('e is estimated as the eligible share of the cases whose eligibility is known', () => {
  assertClose(estimateEligibility(worked), 9 / 11, 'e');
  assert.equal(
    estimateEligibility({ I: 0, P: 0, R: 0, NC: 0, O: 0, U: 12, NE: 0 }),
    1,
    'nothing known: all unknowns counted eligible',
  );
});

test('RR1–RR6, COOP1–4, REF1–3, CON1–3 on a hand-worked example', () => {
  const { rates, eligibility } = computeOutcomeRates(worked);
  assert.equal(eligibility.source, 'estimated');
  assertClose(rates.RR1, 40 / 120, 'RR1 = I / (I+P+R+NC+O+U)');
  assertClose(rates.RR2, 50 / 120, 'RR2 = (I+P) / (I+P+R+NC+O+U)');
  assertClose(rates.RR3, 440 / 1260, 'RR3 = I / (I+P+R+NC+O+eU) = 40·11/1260');
  assertClose(rates.RR4, 550 / 1260, 'RR4');
  assertClose(rates.RR5, 40 / 90, 'RR5 = I / (I+P+R+NC+O)');
  assertClose(rates.RR6, 50 / 90, 'RR6');
  assertClose(rates.COOP1, 40 / 75, 'COOP1 = I / (I+P+R+O)');
  assertClose(rates.COOP2, 50 / 75, 'COOP2');
  assertClose(rates.COOP3, 40 / 70, 'COOP3 = I / (I+P+R)');
  assertClose(rates.COOP4, 50 / 70, 'COOP4');
  assertClose(rates.REF1, 20 / 120, 'REF1');
  assertClose(rates.REF2, 220 / 1260, 'REF2');
  assertClose(rates.REF3, 20 / 90, 'REF3');
  assertClose(rates.CON1, 75 / 120, 'CON1 = (I+P+R+O) / (I+P+R+NC+O+U)');
  assertClose(rates.CON2, 825 / 1260, 'CON2');
  assertClose(rates.CON3, 75 / 90, 'CON3');
});

test('an analyst-set e replaces the estimate', () => {
  const { rates, eligibility } = computeOutcomeRates(worked, { e: 0.5 });
  assert.deepEqual(eligibility, { e: 0.5, source: 'set' });
  assertClose(rates.RR3, 40 / 105, 'RR3 with e = 0.5: 40 / (90 + 15)');
  assertClose(rates.RR1, 40 / 120, 'RR1 does not use e');
});

test('the 2004 mailing: 111 complete, 9 refusals, 480 never returned → RR1 0.185, COOP1 0.925', () => {
  const counts = countOutcomes({ complete: 111, refusal: 9, unknown_eligibility: 480 });
  const { rates } = computeOutcomeRates(counts);
  assertClose(rates.RR1, 0.185, 'RR1 = 111/600');
  assertClose(rates.RR3, 0.185, 'no ineligible case known: e = 1');
  assertClose(rates.COOP1, 111 / 120, 'COOP1');
  assertClose(rates.REF1, 0.015, 'REF1 = 9/600');
  assertClose(rates.CON1, 0.2, 'CON1 = 120/600');
});

test('undeliverable questionnaires count as unknown eligibility, not as ineligible', () => {
  const counts = countOutcomes({ complete: 10, undeliverable: 5, unknown_eligibility: 5, not_eligible: 2 });
  assert.deepEqual(counts, { I: 10, P: 0, R: 0, NC: 0, O: 0, U: 10, NE: 2 });
});

test('a wave with no cases gives null rates, never NaN', () => {
  const { rates } = computeOutcomeRates(countOutcomes({}));
  for (const [name, value] of Object.entries(rates)) assert.equal(value, null, name);
});
