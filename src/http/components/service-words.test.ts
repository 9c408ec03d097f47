import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translatorFor } from '../../core/i18n.js';
import { toWeeklyHours } from '../../finder/finder-hours.js';
import { telephoneHref } from './phone-links.js';
import { describeEligibility, describeOpeningHours, describePersonLimits } from './service-words.js';

const english = translatorFor('en');
const anyone = {
  isStatewide: false,
  residencyRule: 'none' as const,
  residencyPlaces: [],
  sex: 'any' as const,
  minimumAge: null,
  maximumAge: null,
  description: null,
};

test('who may come: residency, sex and age in that order, then the registry note; "anyone" when nothing limits', () => {
  assert.equal(describeEligibility(anyone, english), 'Anyone.');
  const limited = describeEligibility(
    {
      ...anyone,
      residencyRule: 'last_declared_residence',
      residencyPlaces: ['Rēzeknes novads', 'Rēzekne'],
      sex: 'female',
      minimumAge: 18,
      maximumAge: 25,
      description: ' Call first. ',
    },
    english,
  );
  assert.equal(
    limited,
    [
      english('finder.who.residency', { places: `Rēzeknes novads${english('finder.or')}Rēzekne` }),
      english('finder.who.women'),
      english('finder.who.age_range', { min: 18, max: 25 }),
      'Call first.',
    ].join(' '),
  );
  // Statewide wins over a residency rule: anyone in Latvia may come.
  assert.match(
    describeEligibility(
      { ...anyone, isStatewide: true, residencyRule: 'last_declared_residence', residencyPlaces: ['Rīga'] },
      english,
    ),
    new RegExp(`^${english('finder.who.statewide')}`),
  );
  assert.equal(
    describePersonLimits({ sex: 'any', minimumAge: null, maximumAge: 30 }, english),
    english('finder.who.age_maximum', { max: 30 }),
  );
  assert.equal(describePersonLimits({ sex: 'any', minimumAge: null, maximumAge: null }, english), null);
});

test('opening hours: grouped days, and "day and night" in the reader\'s words', () => {
  const office = toWeeklyHours([
    { freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', description: null },
  ]);
  assert.equal(describeOpeningHours(office, 'en', english), 'Mon–Fri 09:00–17:00');
  const always = toWeeklyHours([
    { freq: 'WEEKLY', byday: null, opens_at: '00:00', closes_at: '24:00', description: null },
  ]);
  assert.equal(describeOpeningHours(always, 'en', english), 'Day and night, every day');
});

test('a phone number is dialled as digits with its plus, whatever the spaces and brackets', () => {
  assert.equal(telephoneHref('+371 (646) 00-000'), 'tel:+37164600000');
  assert.equal(telephoneHref('67 000 000'), 'tel:67000000');
});
