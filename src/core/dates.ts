import type { Language } from './language.js';

// Dates in one place. Two kinds exist and must not be mixed:
// - a calendar date ('2026-12-06': a release date, a wave's closing day, a verification day) has no time zone;
//   it is formatted as written, never shifted;
// - a moment (a timestamp: when a change was saved, when a mail left) is shown in Latvian time, Europe/Riga,
//   whatever the server's own zone, because that is where the people who read it live.
// "Today" is Riga's today: at 01:00 in Riga it is still yesterday in UTC.

export const latvianTimeZone = 'Europe/Riga';

// 'en' alone formats as month-day-year; the app's English readers are in Europe.
const localeOf = (language: Language) => (language === 'en' ? 'en-GB' : language);

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf(language), options);
    formats.set(key, format);
  }
  return format;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written as YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!isoDatePattern.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today's calendar date in Latvia, as YYYY-MM-DD. */
export function latvianToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(
    formatter('en', { timeZone: latvianTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar date `days` after an ISO date (negative: before). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A calendar date in words: '6. decembris, 2026' / '6 декабря 2026 г.' / '6 December 2026'. */
export function formatCalendarDate(
  isoDate: string,
  language: Language,
  options: { style?: 'long' | 'medium' | 'short'; weekday?: boolean } = {},
): string {
  if (!isIsoDate(isoDate)) return isoDate;
  const date = new Date(`${isoDate}T00:00:00Z`);
  const style = options.style ?? 'long';
  const format = options.weekday
    ? formatter(language, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    : formatter(language, { timeZone: 'UTC', dateStyle: style });
  return format.format(date);
}

/** The name of a calendar date's weekday ('pirmdiena'), or its short form ('pirmd.'). */
export function formatWeekday(isoDate: string, language: Language, width: 'long' | 'short' = 'long'): string {
  return formatter(language, { timeZone: 'UTC', weekday: width }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The weekday of a calendar date as a number, 0 = Monday … 6 = Sunday (the order of opening hours). */
export function weekdayOf(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

// 1 January 2024 was a Monday: day n of the week is 2024-01-0(n+1).
const mondayOf2024 = '2024-01-01';

/** The name of a weekday given by number, 0 = Monday ('pirmdiena' / 'Pirmd.'), for weekly hours without a date. */
export function formatDayOfWeek(day: number, language: Language, width: 'long' | 'short' = 'long'): string {
  return formatWeekday(addDays(mondayOf2024, day), language, width);
}

/** The last moment of a calendar date in Latvia (23:59:59.999 Riga time, summer or winter). */
export function endOfLatvianDay(isoDate: string): Date {
  // Riga is UTC+2 in winter and UTC+3 in summer: the later candidate that is still that date in Riga is the one.
  const winter = new Date(`${isoDate}T23:59:59.999+02:00`);
  return latvianToday(winter) === isoDate ? winter : new Date(`${isoDate}T23:59:59.999+03:00`);
}

const latvianClock = formatter('en', {
  timeZone: latvianTimeZone,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const englishWeekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

// Latvia's offset from UTC is whole hours, so its clock turns a minute exactly when UTC does: one answer per UTC
// minute spares the finder's every request the time-zone formatting.
let lastUtcMinute = Number.NaN;
let lastWeekTime: { readonly day: number; readonly minute: number } = { day: 0, minute: 0 };

/** The weekday (0 = Monday) and minute of the day in Latvia at `moment`, whatever the server's time zone. */
export function latvianWeekTime(moment: Date): { readonly day: number; readonly minute: number } {
  const utcMinute = Math.floor(moment.getTime() / 60_000);
  if (utcMinute === lastUtcMinute) return lastWeekTime;
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of latvianClock.formatToParts(moment)) {
    if (part.type === 'weekday') day = englishWeekdays.indexOf(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  lastUtcMinute = utcMinute;
  lastWeekTime = { day, minute: hour * 60 + minute };
  return lastWeekTime;
}

/** A moment in Latvian time: '06.12.26 18:10' (short) or with the date in words (long). */
export function formatMoment(
  moment: Date | string,
  language: Language,
  style: 'short' | 'medium' | 'long' = 'short',
): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return String(moment);
  const dateStyle = style === 'long' ? 'long' : style;
  return formatter(language, { timeZone: latvianTimeZone, dateStyle, timeStyle: 'short' }).format(date);
}

/** The calendar date of a moment in Latvian time, in words. */
export function formatMomentDate(moment: Date | string, language: Language, style: 'long' | 'medium' = 'long'): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return String(moment);
  return formatter(language, { timeZone: latvianTimeZone, dateStyle: style }).format(date);
}
