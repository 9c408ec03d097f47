// Opening hours: HSDS schedule rows (RRULE-like byday + opens_at/closes_at) turned into weekly intervals once,
// at index build, so "open now" is a few comparisons per result. Times are Latvian wall-clock time.
import { formatDayOfWeek } from '../core/dates.js';
import type { Language } from '../core/language.js';

/** HSDS/RRULE day codes in ISO order, Monday first; an interval's `day` is an index into this list. */
export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

/** One opening on one weekday, in minutes after midnight; `closes <= opens` means it runs past midnight. */
export type OpeningInterval = { day: number; opens: number; closes: number };

/** A place's week: structured intervals (may be empty) and free-text notes from the registry. */
export type WeeklyHours = { intervals: OpeningInterval[]; notes: string[] };

export type ScheduleFields = {
  freq: string | null;
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
};

const MINUTES_PER_DAY = 24 * 60;
const TIME = /^(\d{1,2}):(\d{2})/;

/** Minutes after midnight of '09:00', '9:00:00' or '24:00'; undefined for anything else. */
export function parseClockTime(text: string | null): number | undefined {
  const match = TIME.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY && Number(match[2]) < 60 ? minutes : undefined;
}

/** Turns schedule rows into weekly intervals; MONTHLY rules and rows without times become notes only. */
export function toWeeklyHours(schedules: readonly ScheduleFields[]): WeeklyHours {
  const intervals: OpeningInterval[] = [];
  const notes: string[] = [];
  for (const schedule of schedules) {
    const opens = parseClockTime(schedule.opens_at);
    const closes = parseClockTime(schedule.closes_at);
    const isWeekly = schedule.freq === null || schedule.freq === 'WEEKLY';
    if (isWeekly && opens !== undefined && closes !== undefined) {
      for (const day of parseDays(schedule.byday))
        intervals.push({ day, opens, closes: closes === opens ? opens + MINUTES_PER_DAY : closes });
    }
    const note = schedule.description?.trim();
    if (note && !notes.includes(note)) notes.push(note);
  }
  intervals.sort((a, b) => a.day - b.day || a.opens - b.opens);
  return { intervals, notes };
}

/** 'MO,TU' → [0, 1]; RRULE ordinals ('1MO') are dropped to their day; no byday means every day. */
function parseDays(byday: string | null): number[] {
  if (!byday || byday.trim() === '') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of byday.toUpperCase().split(',')) {
    const index = weekdayCodes.indexOf(part.trim().replace(/^[+-]?\d+/, '') as WeekdayCode);
    if (index >= 0) days.add(index);
  }
  return [...days].sort((a, b) => a - b);
}

/** Whether the place is open at that Latvian week time; null when the registry gives no structured hours. */
export function isOpenAt(hours: WeeklyHours, now: { day: number; minute: number }): boolean | null {
  if (hours.intervals.length === 0) return null;
  const yesterday = (now.day + 6) % 7;
  for (const interval of hours.intervals) {
    const closesNextDay = interval.closes <= interval.opens || interval.closes > MINUTES_PER_DAY;
    const closes = interval.closes > MINUTES_PER_DAY ? interval.closes - MINUTES_PER_DAY : interval.closes;
    if (interval.day === now.day && now.minute >= interval.opens && (closesNextDay || now.minute < closes)) return true;
    if (closesNextDay && interval.day === yesterday && now.minute < closes) return true;
  }
  return false;
}

const shortWeekdayNames: Record<Language, string[]> = {
  lv: weekdayNames('lv'),
  ru: weekdayNames('ru'),
  en: weekdayNames('en'),
};

function weekdayNames(language: Language): string[] {
  return weekdayCodes.map((_, day) => formatDayOfWeek(day, language, 'short'));
}

function formatClock(minutes: number): string {
  const wrapped = minutes > MINUTES_PER_DAY ? minutes - MINUTES_PER_DAY : minutes;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/** 'HH:MM' of an interval end, for JSON. */
export function formatIntervalTime(minutes: number): string {
  return formatClock(minutes);
}

/**
 * The week in a few words: days with the same hours grouped ("Pirmd.–Piektd. 09:00–17:00; Sestd. 10:00–14:00").
 * `alwaysOpen` is the language's words for "day and night, every day".
 */
export function describeWeeklyHours(hours: WeeklyHours, language: Language, alwaysOpen: string): string {
  if (hours.intervals.length === 0) return hours.notes.join('; ');
  const perDay = weekdayCodes.map((_, day) =>
    hours.intervals
      .filter((interval) => interval.day === day)
      .map((interval) => `${formatClock(interval.opens)}–${formatClock(interval.closes)}`)
      .join(', '),
  );
  if (perDay.every((text) => text === '00:00–24:00')) return [alwaysOpen, ...hours.notes].join('; ');
  const names = shortWeekdayNames[language];
  const groups: string[] = [];
  let start = 0;
  for (let day = 1; day <= 7; day++) {
    if (day < 7 && perDay[day] === perDay[start]) continue;
    const text = perDay[start];
    if (text) {
      const days = day - 1 === start ? names[start] : `${names[start]}–${names[day - 1]}`;
      groups.push(`${days} ${text}`);
    }
    start = day;
  }
  return [...groups, ...hours.notes].join('; ');
}
