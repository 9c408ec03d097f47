// What the public pages say about a listing's upkeep: a listing not verified for over a year warns the reader to
// call before going (registry/verification.service.ts runs the verification cycle), and every institution page
// offers "Report a mistake" (registry/mistake-report.service.ts). Each is rendered with one line by the pages that
// show listings.
import { addDays, formatCalendarDate, latvianToday } from '../../core/dates.js';
import type { Translate } from '../../core/i18n.js';
import type { Language } from '../../core/language.js';

/** A listing not verified for more than this many days tells the public so. */
export const staleAfterDays = 365;

/** True when a listing last verified on `lastVerifiedOn` (YYYY-MM-DD…) was verified more than a year before `today`. */
export function isStaleListing(lastVerifiedOn: string | null, today: string = latvianToday()): boolean {
  if (!lastVerifiedOn) return false;
  return lastVerifiedOn.slice(0, 10) < addDays(today, -staleAfterDays);
}

/** "Checked more than a year ago — call before you go", only for a stale listing. */
export function StaleListingNotice(props: { lastVerifiedOn: string | null; t: Translate }) {
  if (!isStaleListing(props.lastVerifiedOn)) return null;
  return <p class="notice warning stale-listing">{props.t('upkeep.public.stale')}</p>;
}

/** Under an institution's public page: when it was last checked, the stale warning, and "Report a mistake". */
export function ListingUpkeepNotice(props: {
  institution: { id: string; lastVerifiedOn: string | null };
  t: Translate;
  language: Language;
}) {
  const { id, lastVerifiedOn } = props.institution;
  const verified = lastVerifiedOn?.slice(0, 10) ?? null;
  return (
    <section aria-labelledby="listing-upkeep" class="listing-upkeep">
      <h2 id="listing-upkeep">{props.t('upkeep.public.heading')}</h2>
      <p>
        {verified
          ? props.t('upkeep.public.verified', { date: formatCalendarDate(verified, props.language) })
          : props.t('upkeep.public.not_verified')}
      </p>
      <StaleListingNotice lastVerifiedOn={lastVerifiedOn} t={props.t} />
      <p>
        <a href={`/institutions/${id}/report-mistake`}>{props.t('upkeep.public.report_link')}</a>
      </p>
    </section>
  );
}
