import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { languages } from '../core/language.js';
import { consentCategories, consentMethods } from '../people/consent.service.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { referralCommands, referralOutcomes, referralStates } from './referral-machine.js';
import { urgencies } from './referral.service.js';

// What the network's JSON API accepts (docs: GET /api/v1/openapi.json). Unknown keys are refused, so a typo in a
// field name is a 400 that names it, not a value silently dropped. Texts refuse NUL bytes and control characters.

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value), { message: 'control characters' });
const isoDate = z.string().refine(isIsoDate, { message: 'a date as YYYY-MM-DD' });
// Latvian personal codes: DDMMYY-NNNNN (old) or 32NNNN-NNNNN (new, since 2017); the dash may be left out.
const personalCode = z
  .string()
  .trim()
  .regex(/^\d{6}-?\d{5}$/, { message: 'a personal code: 11 digits' });
const atvkCode = z.string().regex(/^\d{7}$/, { message: 'an ATVK code: 7 digits' });
const uuid = z.string().uuid();

export const personBodySchema = z
  .object({
    given_name: text(100),
    family_name: text(100),
    personal_code: personalCode.optional(),
    birth_date: isoDate.optional(),
    phone: text(40).optional(),
    email: z.string().trim().email().max(200).optional(),
    language: z.enum(languages),
    last_residence: atvkCode.optional(),
    planned_stay: atvkCode.optional(),
    expected_release: isoDate.optional(),
    prison_id: uuid.optional(),
  })
  .strict();

// People say "paper" or "verbal"; the record keeps the two methods the law cares about.
const methodAliases: Record<string, string> = {
  paper: 'signed_paper',
  signed: 'signed_paper',
  written: 'signed_paper',
  verbal: 'verbal_witnessed',
  oral: 'verbal_witnessed',
};

export const consentBodySchema = z
  .object({
    recipients: z.array(uuid).max(200).default([]),
    help_types: z.array(z.enum(helpTypeCodes)).max(20).default([]),
    categories: z.array(z.enum(consentCategories)).min(1).max(consentCategories.length),
    purpose: text(300),
    method: z.preprocess(
      (value) => (typeof value === 'string' ? (methodAliases[value] ?? value) : value),
      z.enum(consentMethods),
    ),
    evidence: text(2000).optional(),
    notice_version: text(40).default('2026-12'),
    notice_language: z.enum(languages).optional(),
    given_on: isoDate.optional(),
    expires_on: isoDate,
  })
  .strict();

export const referralBodySchema = z
  .object({
    person_id: uuid,
    service_id: uuid,
    needs: z.array(z.enum(helpTypeCodes)).min(1).max(helpTypeCodes.length),
    urgency: z.enum(urgencies as [string, ...string[]]).transform((value) => value as (typeof urgencies)[number]),
    needed_by: isoDate.nullish(),
    note: text(4000).optional(),
    risk_note: text(4000).optional(),
  })
  .strict();

export const commandBodySchema = z
  .object({
    command: z
      .enum(referralCommands)
      .refine((command) => command !== 'expire', { message: 'only the clock expires a referral' }),
    version: z.number().int().min(1),
    reason_code: z.string().max(60).optional(),
    note: text(4000).optional(),
    outcome: z.enum(referralOutcomes).optional(),
    // accept: hold one bed until this moment (beds/, issue 13)
    hold_bed_until: z.iso.datetime({ offset: true }).optional(),
    hold_until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const referralListQuerySchema = z.object({
  state: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : []))
    .pipe(z.array(z.enum(referralStates))),
});

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

/** A break-glass read: an administrator states why (sealed, audited). */
export const breakGlassBodySchema = z.object({ reason: text(500) }).strict();

/** An onward referral: the declined or expired referral goes on to another service (HSDS service id). */
export const onwardBodySchema = z.object({ service_id: uuid }).strict();
