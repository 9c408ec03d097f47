import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { languages } from '../core/language.js';
import { consentCategories, consentMethods } from '../people/consent.service.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { referralCommands, referralOutcomes } from './referral-machine.js';
import { urgencies } from './referral.service.js';

// What the staff pages' forms accept. One schema per form; the routes turn its issues into field errors (by the
// input's name) and show the form again with status 400.

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value));
// An empty optional field arrives as ''; it means "not given".
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
const isoDate = z.string().refine(isIsoDate);
const uuid = z.string().uuid();
// A multi-value field arrives as a string when one box is ticked, an array when several, nothing when none.
const many = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(schema));

export const idSchema = uuid;

export const personFormSchema = z.object({
  given_name: text(100),
  family_name: text(100),
  personal_code: optional(
    z
      .string()
      .trim()
      .regex(/^\d{6}-?\d{5}$/),
  ),
  birth_date: optional(isoDate),
  phone: optional(text(40)),
  email: optional(z.string().trim().email().max(200)),
  language: z.enum(languages),
  last_residence: optional(z.string().regex(/^\d{7}$/)),
  expected_release: optional(isoDate),
});

export const consentFormSchema = z.object({
  recipients: many(uuid).pipe(z.array(uuid).min(1)),
  categories: many(z.enum(consentCategories)).pipe(z.array(z.enum(consentCategories)).min(1)),
  purpose: text(300),
  method: z.enum(consentMethods),
  evidence: optional(text(300)),
  notice_version: text(40),
  notice_language: z.enum(languages),
  expires_on: isoDate,
});

/** Sending a declined or expired referral on: the other institution's service. */
export const onwardFormSchema = z.object({ institution: uuid, service: uuid });

export const referralFormSchema = z.object({
  institution: uuid,
  service: uuid,
  needs: many(z.enum(helpTypeCodes)).pipe(z.array(z.enum(helpTypeCodes)).min(1)),
  urgency: z.enum(urgencies),
  needed_by: optional(isoDate),
  note: optional(text(2000)),
  risk_note: optional(text(2000)),
});

export const commandFormSchema = z.object({
  command: z.enum(referralCommands).exclude(['expire']),
  version: z.coerce.number().int().positive(),
  form_token: uuid,
  reason_code: optional(z.string().max(60)),
  note: optional(text(2000)),
  outcome: optional(z.enum(referralOutcomes)),
  // accept: hold a bed until then, Latvian time (beds/)
  hold_bed_until: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/)),
});

export const messageFormSchema = z.object({ body: text(2000) });

export const assignFormSchema = z.object({ worker: optional(uuid) });

/** Field errors by input name: the first issue of each field, as a message key. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    if (errors[field]) continue;
    errors[field] =
      issue.code === 'invalid_type' || issue.code === 'too_small' ? 'network.error.required' : 'network.error.invalid';
  }
  return errors;
}
