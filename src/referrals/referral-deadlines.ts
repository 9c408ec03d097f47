import { addDays } from '../core/dates.js';

// When an unanswered referral expires. A bed is needed tonight, so a shelter referral waits hours; the rest wait
// working days, which skip weekends and Latvia's public holidays (Law on Public Holidays, Memorial Days and
// Celebration Days, Art. 1: a holiday on a Saturday or Sunday moves May 4 and November 18 to the next Monday).

const hoursFor: Record<string, number> = { shelter: 4 };
const workingDaysDefault = 3;

function easterSunday(year: number): string {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const weekday = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay();

/** Latvia's public holidays (days off) of a year, as ISO dates. */
export function latvianPublicHolidays(year: number): Set<string> {
  const fixed = ['01-01', '05-01', '05-04', '06-23', '06-24', '11-18', '12-24', '12-25', '12-26', '12-31'];
  const holidays = new Set(fixed.map((monthDay) => `${year}-${monthDay}`));
  const easter = easterSunday(year);
  for (const offset of [-2, 0, 1]) holidays.add(addDays(easter, offset));
  for (const movable of [`${year}-05-04`, `${year}-11-18`]) {
    const day = weekday(movable);
    if (day === 6) holidays.add(addDays(movable, 2));
    if (day === 0) holidays.add(addDays(movable, 1));
  }
  return holidays;
}

/** True on a Monday-to-Friday that is not a public holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const day = weekday(isoDate);
  if (day === 0 || day === 6) return false;
  return !latvianPublicHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** The calendar date `count` working days after `isoDate`. */
export function addWorkingDays(isoDate: string, count: number): string {
  let date = isoDate;
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/**
 * The moment a referral sent at `sentAt` expires if nobody answers: the shortest wait among its needs. Working-day
 * deadlines end at the end of that day in Latvia (taken as 23:59 UTC+2, which errs an hour late in summer).
 */
export function answerDeadline(needs: readonly string[], sentAt: Date, latvianDate: string): Date {
  const hours = needs.map((need) => hoursFor[need]).filter((value): value is number => value !== undefined);
  if (hours.length > 0) return new Date(sentAt.getTime() + Math.min(...hours) * 3_600_000);
  return new Date(`${addWorkingDays(latvianDate, workingDaysDefault)}T21:59:00Z`);
}
