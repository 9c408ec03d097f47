/** What a staff account may do; account.role holds one of these (its CHECK constraint is tested against this list). */
export const accountRoles = ['administrator', 'analyst', 'institution_editor'] as const;
export type AccountRole = (typeof accountRoles)[number];

/** The signed-in staff member, as routes may see them (never the password hash or the session token). */
export type SignedInAccount = {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  organizationId: string | null;
};
