import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  endOfLatvianDay,
  formatCalendarDate,
  formatDayOfWeek,
  formatMoment,
  formatMomentDate,
  formatWeekday,
  isIsoDate,
  latvianToday,
  latvianWeekTime,
  weekdayOf,
} from './dates.js';

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

test('a calendar date with its weekday, and the English the app uses is British (day before month)', () => {
  assert.equal(formatCalendarDate('2026-12-12', 'lv', { weekday: true }), 'sestdiena, 2026. gada 12. decembris');
  assert.match(formatCalendarDate('2026-12-12', 'ru', { weekday: true }), /^суббота, 12 декабря 2026/);
  assert.match(formatCalendarDate('2026-12-12', 'en', { weekday: true }), /^Saturday,? 12 December 2026$/);
});

test('the date of a moment is the date in Riga, not in UTC', () => {
  assert.equal(formatMomentDate('2026-12-06T22:30:00Z', 'en'), '7 December 2026');
  assert.match(formatMoment('2026-12-06T22:30:00Z', 'en', 'medium'), /^7 Dec 2026, 00:30$/);
});

test('weekdays: by date and by number, Monday first, in each language', () => {
  assert.equal(weekdayOf('2026-12-07'), 0); // a Monday
  assert.equal(weekdayOf('2026-12-13'), 6);
  assert.equal(formatWeekday('2026-12-07', 'lv'), 'Pirmdiena');
  assert.equal(formatDayOfWeek(0, 'en', 'short'), 'Mon');
  assert.equal(formatDayOfWeek(4, 'lv', 'short'), 'Piektd.');
  assert.equal(formatDayOfWeek(6, 'ru'), 'воскресенье');
});

test('the end of a day in Latvia follows summer time', () => {
  assert.equal(endOfLatvianDay('2026-12-06').toISOString(), '2026-12-06T21:59:59.999Z');
  assert.equal(endOfLatvianDay('2026-07-01').toISOString(), '2026-07-01T20:59:59.999Z');
});

test("Latvia's weekday and minute, whatever the server clock zone", () => {
  // 2026-07-01 21:30 UTC is Thursday 00:30 in Riga (summer time, UTC+3).
  assert.deepEqual(latvianWeekTime(new Date('2026-07-01T21:30:00Z')), { day: 3, minute: 30 });
  // 2026-01-05 07:00 UTC is Monday 09:00 in Riga (winter time, UTC+2).
  assert.deepEqual(latvianWeekTime(new Date('2026-01-05T07:00:00Z')), { day: 0, minute: 540 });
});
