/** The signed-in staff member, as routes may see them (never the password hash or the session token). */
export type SignedInAccount = {
  id: string;
  email: string;
  displayName: string;
  role: 'administrator' | 'analyst' | 'institution_editor' | 'referrer' | 'provider_intake' | 'provider_worker' | 'dpo';
  organizationId: string | null;
};
