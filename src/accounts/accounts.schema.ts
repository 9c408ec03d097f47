import { z } from 'zod';
import { minimumPasswordLength } from './password.js';
import { accountRoles, rolesWithOrganization } from '../core/account.js';
import { languages } from '../core/language.js';
import { notificationModes } from './account.table.js';

// What crosses the edge into accounts/: the sign-in, account and password forms, and the audit filter.
// Messages are translation keys; the routes translate them for the field errors.

// Any UUID shape: imported HSDS ids need not be RFC 4122 version 4.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const email = z
  .string()
  .trim()
  .min(1, 'accounts.field.required')
  .max(254, 'accounts.email_invalid')
  .email('accounts.email_invalid');
const newPassword = z
  .string()
  .min(minimumPasswordLength, 'accounts.password_too_short')
  .max(1024, 'accounts.password_too_long');

export const loginFormSchema = z.object({
  email,
  // No length rule here: a sign-in only checks, and must not reveal the rules through different errors.
  password: z.string().min(1, 'accounts.field.required').max(1024, 'accounts.password_too_long'),
  next: z.string().optional(),
});

export const inviteFormSchema = z
  .object({
    email,
    display_name: z.string().trim().min(1, 'accounts.field.required').max(200, 'accounts.field.too_long'),
    role: z.enum(accountRoles, { message: 'accounts.field.required' }),
    organization_id: z.string().trim().optional(),
    // Optional: without it, the e-mail is in the administrator's page language.
    language: z.enum(languages, { message: 'accounts.field.required' }).optional(),
  })
  .superRefine((form, context) => {
    if (rolesWithOrganization.includes(form.role) && !uuidPattern.test(form.organization_id ?? '')) {
      context.addIssue({ code: 'custom', path: ['organization_id'], message: 'accounts.organization_required' });
    }
  });

/** What the invitation page preselects from its query string (`?role=…&organization=…`), ignoring anything else. */
export const invitePreselectSchema = z.object({
  role: z.enum(accountRoles).optional().catch(undefined),
  organization: z.string().regex(uuidPattern).optional().catch(undefined),
});

/** The invitee's own new password, from the e-mailed link's page. */
export const acceptInvitationFormSchema = z
  .object({
    token: z.string().max(200),
    new_password: newPassword,
    repeat_password: z.string(),
  })
  .refine((form) => form.new_password === form.repeat_password, {
    path: ['repeat_password'],
    message: 'accounts.password_mismatch',
  });

export const notificationFormSchema = z.object({
  notification_mode: z.enum(notificationModes, { message: 'accounts.field.required' }),
});

export const changePasswordFormSchema = z
  .object({
    current_password: z.string().min(1, 'accounts.field.required').max(1024, 'accounts.password_too_long'),
    new_password: newPassword,
    repeat_password: z.string(),
  })
  .refine((form) => form.new_password === form.repeat_password, {
    path: ['repeat_password'],
    message: 'accounts.password_mismatch',
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)))
  .optional()
  .catch(undefined);

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  entity_type: z.string().trim().max(100).optional().catch(undefined),
  entity_id: z.string().trim().max(100).optional().catch(undefined),
  from: isoDate,
  to: isoDate,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** Zod issues → { field: messageKey }, the first problem per field. */
export function fieldErrorKeys(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message.startsWith('accounts.') ? issue.message : 'accounts.field.invalid';
  }
  return errors;
}
