// The rights a person has (issue 15, item 7): a service may name the law or the municipality's binding regulation
// that gives a person the right to it, the article, a link to the text, and — where it is a benefit — how much
// and within what limits. Staff type it; HSDS carries it as profile attributes (docs/hsds-profile.md); the finder,
// the institution pages and the plan say "this is your right under …".

/** A service's legal basis and, for a benefit, its amount and limits; every field may be unknown (null). */
export type Entitlement = {
  /** The law or binding regulation, by its name: "Sociālo pakalpojumu un sociālās palīdzības likums". */
  law: string | null;
  /** Where in it: "35. panta otrā daļa", "3. punkts". */
  article: string | null;
  /** A link to the text: http or https only. */
  url: string | null;
  /** For a benefit: how much ("līdz 150 EUR"). */
  amount: string | null;
  /** For a benefit: the limits ("vienu reizi, 1 mēneša laikā pēc atbrīvošanas"). */
  limits: string | null;
};

export const noEntitlement: Entitlement = { law: null, article: null, url: null, amount: null, limits: null };

/** How long each text may be (the staff form and the HSDS import check it). */
export const entitlementLimits = { law: 300, article: 200, url: 500, amount: 200, limits: 1000 } as const;

/** The entitlement of a service row's columns. */
export function entitlementFromColumns(row: {
  legal_basis_act: string | null;
  legal_basis_article: string | null;
  legal_basis_url: string | null;
  benefit_amount: string | null;
  benefit_limits: string | null;
}): Entitlement {
  return {
    law: row.legal_basis_act,
    article: row.legal_basis_article,
    url: row.legal_basis_url,
    amount: row.benefit_amount,
    limits: row.benefit_limits,
  };
}

/** The service row's columns of an entitlement. */
export function entitlementColumns(entitlement: Entitlement) {
  return {
    legal_basis_act: entitlement.law,
    legal_basis_article: entitlement.article,
    legal_basis_url: entitlement.url,
    benefit_amount: entitlement.amount,
    benefit_limits: entitlement.limits,
  };
}

/** True when something is known of the right: a law, or an amount or limits of a benefit. */
export function hasEntitlement(entitlement: Entitlement | null | undefined): entitlement is Entitlement {
  return (
    entitlement !== null &&
    entitlement !== undefined &&
    (entitlement.law !== null || entitlement.amount !== null || entitlement.limits !== null)
  );
}

/**
 * True for an absolute http or https link with a host: the only links to a legal text we show. Any other scheme
 * (javascript:, data:, mailto:, tel:) or a relative link is refused (src/core/url.ts allows more for websites).
 */
export function isLegalTextUrl(value: string): boolean {
  if (/[\u0000-\u0020]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
