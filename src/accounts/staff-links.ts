import type { SignedInAccount } from '../core/account.js';
import type { Translate } from '../core/i18n.js';

/** One thing a staff member may do, as the staff home page lists it. */
export type StaffLink = { href: string; label: string; description?: string };

/**
 * What the staff home (/staff) offers; each domain adds entries for the roles that may use them, e.g.
 *   staffHomeLinks.push((account, t) => account.role === 'analyst' ? { href: '/staff/surveys', label: t('…') } : null);
 */
export const staffHomeLinks: Array<(account: SignedInAccount, t: Translate) => StaffLink | null> = [];
