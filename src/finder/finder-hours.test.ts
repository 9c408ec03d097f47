import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeWeeklyHours, isOpenAt, parseClockTime, toWeeklyHours } from './finder-hours.js';

const schedule = (byday: string | null, opens: string, closes: string) => ({
  freq: 'WEEKLY',
  byday,
  opens_at: opens,
  closes_at: closes,
  description: null,
});
const at = (day: number, time: string) => ({ day, minute: parseClockTime(time)! });

test('office hours are open inside them and closed outside', () => {
  const hours = toWeeklyHours([schedule('MO,TU,WE,TH,FR', '09:00', '17:00')]);
  assert.equal(isOpenAt(hours, at(0, '09:00')), true);
  assert.equal(isOpenAt(hours, at(4, '16:59')), true);
  assert.equal(isOpenAt(hours, at(4, '17:00')), false);
  assert.equal(isOpenAt(hours, at(5, '12:00')), false);
});

test('a night shelter open past midnight is open early next morning, also from Sunday into Monday', () => {
  const hours = toWeeklyHours([schedule('MO,TU,WE,TH,FR,SA,SU', '19:00', '08:00')]);
  assert.equal(isOpenAt(hours, at(2, '23:30')), true);
  assert.equal(isOpenAt(hours, at(3, '07:59')), true);
  assert.equal(isOpenAt(hours, at(3, '08:00')), false);
  assert.equal(isOpenAt(hours, at(0, '03:00')), true);
  const fridayNightOnly = toWeeklyHours([schedule('FR', '22:00', '06:00')]);
  assert.equal(isOpenAt(fridayNightOnly, at(5, '05:00')), true);
  assert.equal(isOpenAt(fridayNightOnly, at(6, '05:00')), false);
});

test('no structured hours means "open now" is unknown, not closed', () => {
  assert.equal(
    isOpenAt(
      toWeeklyHours([{ freq: null, byday: null, opens_at: null, closes_at: null, description: 'Pēc pieraksta' }]),
      at(0, '10:00'),
    ),
    null,
  );
});

test('hours read as grouped days in each language', () => {
  const hours = toWeeklyHours([schedule('MO,TU,WE,TH,FR', '09:00', '17:00'), schedule('SA', '10:00', '14:00')]);
  assert.equal(describeWeeklyHours(hours, 'en', 'always'), 'Mon–Fri 09:00–17:00; Sat 10:00–14:00');
  assert.equal(describeWeeklyHours(hours, 'lv', 'always'), 'Pirmd.–Piektd. 09:00–17:00; Sestd. 10:00–14:00');
  assert.equal(
    describeWeeklyHours(toWeeklyHours([schedule(null, '00:00', '24:00')]), 'ru', 'круглосуточно'),
    'круглосуточно',
  );
});
