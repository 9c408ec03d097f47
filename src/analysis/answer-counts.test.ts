// The arithmetic over a frequency table of answers, against values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianOfCounts, parseAnswerNumber, summariseAnswerCounts } from './answer-counts.js';

test('the median of a frequency table: odd and even totals, order of entries irrelevant', () => {
  // 50, 50, 50, 60, 60, 100 → the 3rd and 4th values are 50 and 60.
  assert.equal(
    medianOfCounts([
      { value: 100, count: 1 },
      { value: 50, count: 3 },
      { value: 60, count: 2 },
    ]),
    55,
  );
  // 10, 20, 20, 30, 40 → the 3rd value.
  assert.equal(
    medianOfCounts([
      { value: 40, count: 1 },
      { value: 20, count: 2 },
      { value: 10, count: 1 },
      { value: 30, count: 1 },
    ]),
    20,
  );
  assert.equal(medianOfCounts([]), null);
});

test('numbers as respondents write them', () => {
  assert.equal(parseAnswerNumber('0,5'), 0.5);
  assert.equal(parseAnswerNumber(' 1500 '), 1500);
  assert.equal(parseAnswerNumber('1 500'), null);
  assert.equal(parseAnswerNumber('daudz'), null);
});

test('a small wave from its counts: the 3 × 3 table, staff, sums by currency and basis, closing blocks', () => {
  const summary = summariseAnswerCounts([
    { item: 'respondents', value: '', count: 10 },
    { item: 'without_help', value: '', count: 2 },
    { item: 'documents_cell', value: 'yes|yes', count: 3 },
    { item: 'documents_cell', value: 'yes|', count: 2 },
    { item: 'documents_cell', value: 'no|yes', count: 1 },
    { item: 'documents_cell', value: 'no|', count: 3 },
    { item: 'documents_cell', value: '|', count: 1 },
    { item: 'documents_needs_staff', value: '0,5', count: 2 },
    { item: 'documents_needs_staff', value: '2', count: 1 },
    { item: 'documents_needs_staff', value: '0', count: 4 },
    { item: 'documents_funding', value: '50|LVL|per_person', count: 2 },
    { item: 'documents_funding', value: '70|LVL|per_person', count: 1 },
    { item: 'documents_funding', value: '4600|LVL|per_year', count: 1 },
    { item: 'documents_funding', value: 'daudz|LVL|per_year', count: 1 },
    { item: 'documents_needs_law_change', value: 'yes', count: 4 },
    { item: 'documents_needs_law_change', value: 'no', count: 5 },
    { item: 'other_provides', value: 'yes', count: 1 },
    { item: 'other_provides', value: 'no', count: 6 },
  ]);
  assert.equal(summary.respondents, 10);
  assert.equal(summary.respondentsWithoutHelp, 2);
  const documents = summary.helpBlocks.documents;
  assert.deepEqual(documents.provides, { yes: 5, no: 4, not_answered: 1 });
  assert.deepEqual(documents.couldWithSupportByProvides.yes, { yes: 3, no: 0, not_answered: 2 });
  assert.deepEqual(documents.staff, { count: 3, total: 3, min: 0.5, max: 2 }, 'an explicit 0 is not a need');
  assert.equal(documents.fundingCount, 4, 'a sum that is not a number is not counted');
  assert.deepEqual(
    summary.funding.filter((group) => group.block === 'documents'),
    [
      { block: 'documents', currency: 'LVL', basis: 'per_person', count: 3, min: 50, median: 50, max: 70, sum: 170 },
      {
        block: 'documents',
        currency: 'LVL',
        basis: 'per_year',
        count: 1,
        min: 4600,
        median: 4600,
        max: 4600,
        sum: 4600,
      },
    ],
  );
  assert.equal(documents.lawChangeCount, 4);
  assert.deepEqual(summary.closingBlocks.other.provides, { yes: 1, no: 6, not_answered: 3 });
  assert.deepEqual(
    summary.helpBlocks.legal.provides,
    { yes: 0, no: 0, not_answered: 0 },
    'a block with no counts is empty, not missing',
  );
});
