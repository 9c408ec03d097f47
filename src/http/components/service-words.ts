// The words every public page (and the finder's API and the plan's PDF) uses for a service: who may come and
// when it is open. Written once, so the finder, an institution page and a plan never say it differently.
import type { Translate } from '../../core/i18n.js';
import type { Language } from '../../core/language.js';
import { describeWeeklyHours, type WeeklyHours } from '../../finder/finder-hours.js';

/** Limits on who may come that are not about where a person lived. */
export type PersonLimits = { sex: 'any' | 'female' | 'male'; minimumAge: number | null; maximumAge: number | null };

/** A service's eligibility rule with its residency territories already named (nominative, as stored). */
export type EligibilityRule = PersonLimits & {
  isStatewide: boolean;
  residencyRule: 'none' | 'last_declared_residence';
  residencyPlaces: readonly string[];
  description: string | null;
};

/** "Only for people whose last declared residence was: Rēzeknes novads or Rēzekne." */
export function describeResidency(places: readonly string[], t: Translate): string {
  return t('finder.who.residency', { places: places.join(t('finder.or')) });
}

/** "Only for women." / "Only for men." */
export function describeSex(sex: 'female' | 'male', t: Translate): string {
  return t(sex === 'female' ? 'finder.who.women' : 'finder.who.men');
}

/** "Only for people aged 18–25." (or from / up to an age); null without an age limit. */
export function describeAgeLimit(minimum: number | null, maximum: number | null, t: Translate): string | null {
  if (minimum !== null && maximum !== null) return t('finder.who.age_range', { min: minimum, max: maximum });
  if (minimum !== null) return t('finder.who.age_minimum', { min: minimum });
  if (maximum !== null) return t('finder.who.age_maximum', { max: maximum });
  return null;
}

/** Sex and age limits in words ("Only for women. Only for people aged 18–25."); null when there are none. */
export function describePersonLimits(limits: PersonLimits, t: Translate): string | null {
  const parts: string[] = [];
  if (limits.sex !== 'any') parts.push(describeSex(limits.sex, t));
  const age = describeAgeLimit(limits.minimumAge, limits.maximumAge, t);
  if (age) parts.push(age);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Who may use a service: statewide or the residency rule, sex, age ("anyone" when none), then the registry's note. */
export function describeEligibility(rule: EligibilityRule, t: Translate): string {
  const parts: string[] = [];
  if (rule.isStatewide) parts.push(t('finder.who.statewide'));
  else if (rule.residencyRule === 'last_declared_residence' && rule.residencyPlaces.length > 0) {
    parts.push(describeResidency(rule.residencyPlaces, t));
  }
  const limits = describePersonLimits(rule, t);
  if (limits) parts.push(limits);
  if (parts.length === 0) parts.push(t('finder.who.everyone'));
  const note = rule.description?.trim();
  if (note) parts.push(note);
  return parts.join(' ');
}

/** The opening hours in words in the reader's language ("Pirmd.–Piektd. 09:00–17:00"; "day and night" when so). */
export function describeOpeningHours(hours: WeeklyHours, language: Language, t: Translate): string {
  return describeWeeklyHours(hours, language, t('finder.hours.always'));
}
