/** What a staff account may do; account.role holds one of these (its CHECK constraint is tested against this list). */
export const accountRoles = [
  'administrator',
  'analyst',
  'institution_editor',
  'referrer',
  'provider_intake',
  'provider_worker',
  'dpo',
] as const;
export type AccountRole = (typeof accountRoles)[number];

/** Roles that act for one organization of the registry: an institution, a probation unit or a prison. */
export const rolesWithOrganization: readonly AccountRole[] = [
  'institution_editor',
  'referrer',
  'provider_intake',
  'provider_worker',
];

/** The signed-in staff member, as routes may see them (never the password hash or the session token). */
export type SignedInAccount = {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  organizationId: string | null;
};
