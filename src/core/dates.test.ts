import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, formatCalendarDate, formatMoment, isIsoDate, latvianToday } from './dates.js';

test("today is Latvia's today, also in the hours when UTC is still on yesterday", () => {
  assert.equal(latvianToday(new Date('2026-12-06T22:30:00Z')), '2026-12-07');
  assert.equal(latvianToday(new Date('2026-12-06T21:30:00Z')), '2026-12-06');
  assert.equal(latvianToday(new Date('2026-06-06T21:30:00Z')), '2026-06-07'); // summer time: UTC+3
});

test('a calendar date is formatted as written, never shifted by a time zone', () => {
  assert.match(formatCalendarDate('2026-12-06', 'lv'), /6\. decembris/);
  assert.match(formatCalendarDate('2026-12-06', 'ru'), /6 декабря 2026/);
  assert.equal(formatCalendarDate('2026-12-06', 'en'), '6 December 2026');
  assert.equal(formatCalendarDate('not a date', 'en'), 'not a date');
});

test('a moment is shown in Latvian time', () => {
  assert.match(formatMoment('2026-12-06T16:10:00Z', 'lv'), /18:10/);
  assert.match(formatMoment(new Date('2026-07-01T16:10:00Z'), 'en'), /19:10/);
});

test('ISO dates are checked for real days, and days are added across month ends', () => {
  assert.equal(isIsoDate('2026-02-30'), false);
  assert.equal(isIsoDate('2028-02-29'), true);
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
});
