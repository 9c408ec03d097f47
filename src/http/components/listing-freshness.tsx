// What the public pages say about a listing's upkeep: a listing not verified for over a year warns the reader to
// call before going (registry/verification.service.ts runs the verification cycle), and every institution page
// offers "Report a mistake" (registry/mistake-report.service.ts). Each is rendered with one line by the pages that
// show listings.
import { addDays, latvianToday } from '../../core/dates.js';
import type { Translate } from '../../core/i18n.js';

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

/** Under an institution's public page: the stale warning when due, and the "Report a mistake" link. */
export function ListingUpkeepNotice(props: { institutionId: string; lastVerifiedOn: string | null; t: Translate }) {
  return (
    <section aria-labelledby="listing-upkeep" class="listing-upkeep">
      <h2 id="listing-upkeep">{props.t('upkeep.public.heading')}</h2>
      <StaleListingNotice lastVerifiedOn={props.lastVerifiedOn} t={props.t} />
      <p>
        <a href={`/institutions/${props.institutionId}/report-mistake`}>{props.t('upkeep.public.report_link')}</a>
      </p>
    </section>
  );
}
