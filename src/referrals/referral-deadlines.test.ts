import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, answerDeadline, isWorkingDay, latvianPublicHolidays } from './referral-deadlines.js';

test("Latvia's public holidays include Easter and move May 4 and November 18 off a weekend", () => {
  const holidays2026 = latvianPublicHolidays(2026);
  assert.ok(holidays2026.has('2026-04-03') && holidays2026.has('2026-04-05') && holidays2026.has('2026-04-06')); // Easter 5 April
  assert.ok(holidays2026.has('2026-06-24') && holidays2026.has('2026-11-18'));
  // 4 May 2024 was a Saturday: Monday 6 May was off.
  assert.ok(latvianPublicHolidays(2024).has('2024-05-06'));
  // 18 November 2023 was a Saturday: Monday 20 November was off.
  assert.ok(latvianPublicHolidays(2023).has('2023-11-20'));
  assert.equal(isWorkingDay('2026-12-25'), false);
  assert.equal(isWorkingDay('2026-12-05'), false); // Saturday
  assert.equal(isWorkingDay('2026-12-07'), true);
});

test('working days skip weekends and holidays', () => {
  assert.equal(addWorkingDays('2026-12-04', 1), '2026-12-07'); // Friday → Monday
  assert.equal(addWorkingDays('2026-12-23', 3), '2026-12-30'); // 24 and 25 Dec off, then a weekend
  assert.equal(addWorkingDays('2026-12-29', 3), '2027-01-05'); // 31 Dec and 1 Jan off, then a weekend
});

test('a bed waits hours, other help waits working days, and the shortest need wins', () => {
  const sentAt = new Date('2026-12-04T13:00:00Z');
  assert.equal(answerDeadline(['shelter'], sentAt, '2026-12-04').toISOString(), '2026-12-04T17:00:00.000Z');
  assert.equal(
    answerDeadline(['documents', 'shelter'], sentAt, '2026-12-04').toISOString(),
    '2026-12-04T17:00:00.000Z',
  );
  assert.equal(answerDeadline(['documents'], sentAt, '2026-12-04').toISOString(), '2026-12-09T21:59:00.000Z');
});
