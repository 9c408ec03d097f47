// "This is your right under …": a service's legal basis, and for a benefit its amount and limits, in the reader's
// language (registry/entitlement.ts). The same words on the finder's cards, the institution pages and the plan.
import type { Translate } from '../../core/i18n.js';
import { hasEntitlement, isLegalTextUrl, type Entitlement } from '../../registry/entitlement.js';

export type EntitlementWords = {
  /** "This is your right under <law>, <article>." — null when no law is named. */
  under: string | null;
  /** "Amount: …. Limits: …." — null when neither is known. */
  benefit: string | null;
  /** The link to the legal text, only if it is http or https. */
  href: string | null;
};

/** The right in words; null when the service names none. */
export function describeEntitlement(
  entitlement: Entitlement | null | undefined,
  t: Translate,
): EntitlementWords | null {
  if (!hasEntitlement(entitlement)) return null;
  const basis = [entitlement.law, entitlement.article].filter(Boolean).join(', ');
  const benefit = [
    entitlement.amount ? t('right.amount', { amount: entitlement.amount.replace(/\.$/, '') }) : null,
    entitlement.limits ? t('right.limits', { limits: entitlement.limits.replace(/\.$/, '') }) : null,
  ].filter((part): part is string => part !== null);
  return {
    under: entitlement.law ? t('right.under', { basis }) : null,
    benefit: benefit.length > 0 ? benefit.join(' ') : null,
    href: entitlement.url && isLegalTextUrl(entitlement.url) ? entitlement.url : null,
  };
}

/** The right as one text line (the plan's place lines, the PDF). */
export function entitlementText(words: EntitlementWords): string {
  return [words.under, words.benefit].filter(Boolean).join(' ');
}

/** A term and description pair for a card's facts list: "Your right: … Read the law". Nothing when none. */
export function EntitlementFact(props: { entitlement: Entitlement | null | undefined; t: Translate }) {
  const words = describeEntitlement(props.entitlement, props.t);
  if (!words) return null;
  return (
    <>
      <dt>{props.t('right.title')}</dt>
      <dd class="entitlement">
        {entitlementText(words)}
        {words.href && (
          <>
            {' '}
            <a href={words.href} rel="noopener noreferrer">
              {props.t('right.read')}
            </a>
          </>
        )}
      </dd>
    </>
  );
}
