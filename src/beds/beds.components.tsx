// The public words for a place's beds, one component for the finder's cards, the institution pages and the plan:
// "3 free beds for men, updated 40 minutes ago", or, past the set age, "Call to check (last known: 3, yesterday
// 18:10)". Never a negative figure, never an old one as fact.
import { addDays, formatMoment, latvianToday } from '../core/dates.js';
import type { Translate } from '../core/i18n.js';
import type { Language } from '../core/language.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { findBedFigures, type BedFigure } from './beds.service.js';

/** A figure in words, with whether it is too old to be taken as fact. */
export type BedWords = { text: string; stale: boolean };

function timeOfDay(moment: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    timeZone: 'Europe/Riga',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(moment);
}

/** "today 09:10", "yesterday 18:10" or a date and time, in Latvian time. */
export function describeWhen(moment: Date, t: Translate, language: Language, now: Date = new Date()): string {
  const day = latvianToday(moment);
  const today = latvianToday(now);
  if (day === today) return t('beds.when.today', { time: timeOfDay(moment, language) });
  if (day === addDays(today, -1)) return t('beds.when.yesterday', { time: timeOfDay(moment, language) });
  return formatMoment(moment, language, 'medium');
}

/** "just now", "40 minutes ago", "3 hours ago". */
export function describeAgo(moment: Date, t: Translate, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - moment.getTime()) / 60_000));
  if (minutes < 1) return t('beds.ago.now');
  if (minutes < 120) return t('beds.ago.minutes', { count: minutes });
  return t('beds.ago.hours', { count: Math.floor(minutes / 60) });
}

/** The figure in the reader's words. */
export function describeBedFigure(
  figure: BedFigure,
  t: Translate,
  language: Language,
  now: Date = new Date(),
): BedWords {
  const free = Math.max(0, figure.free);
  if (figure.stale)
    return {
      text: t('beds.stale', { count: free, when: describeWhen(figure.updatedAt, t, language, now) }),
      stale: true,
    };
  const count = t(`beds.free.${figure.placesFor}`, { count: free });
  return { text: `${count}, ${t('beds.updated', { ago: describeAgo(figure.updatedAt, t, now) })}`, stale: false };
}

/** One line about beds tonight; nothing when the place gives no figure. */
export function BedsTonight(props: { words: BedWords | null | undefined }) {
  if (!props.words) return null;
  return (
    <p class={props.words.stale ? 'beds-tonight beds-stale' : 'beds-tonight'}>
      <strong>{props.words.text}</strong>
    </p>
  );
}

/** The finder form's "a free bed tonight" checkbox (the API's free_bed=true). */
export function FreeBedCheckbox(props: { t: Translate; checked: boolean }) {
  return (
    <div class="field">
      <label>
        <input type="checkbox" name="free_bed" value="true" checked={props.checked} /> {props.t('beds.filter.free_bed')}
      </label>
    </div>
  );
}

/** The accept form's optional "hold a bed until" field (a date and time in Latvian time). */
export function HoldBedField(props: { id: string; t: Translate }) {
  return (
    <div class="field">
      <label for={props.id}>{props.t('beds.hold.label')}</label>
      <p class="hint" id={`${props.id}-hint`}>
        {props.t('beds.hold.hint')}
      </p>
      <input type="datetime-local" id={props.id} name="hold_bed_until" aria-describedby={`${props.id}-hint`} />
    </div>
  );
}

/** The beds of some services in words, read from the database now (institution pages, the plan). */
export async function describeBedsOfServices(
  db: Kysely<Database>,
  serviceIds: readonly string[],
  t: Translate,
  language: Language,
  staleAfterSeconds: number,
): Promise<Map<string, BedWords>> {
  const figures = await findBedFigures(db, serviceIds, { staleAfterSeconds });
  return new Map([...figures].map(([serviceId, figure]) => [serviceId, describeBedFigure(figure, t, language)]));
}
