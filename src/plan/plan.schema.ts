// What crosses the plan's edge: the form (POST /plan), the plan link (GET /plan/result, /plan.pdf) and the review
// form (POST /plan/result, POST /plan.pdf). The link holds territory codes, need codes and the language — nothing
// else, never a name, a date, a sex or an age; those travel only in POST bodies and a short-lived cookie
// (docs/decisions/007-plan-links-and-map.md, docs/decisions/018-plan-choices-and-print.md).
import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { helpTypeCodes, type HelpTypeCode } from '../registry/help-types.js';

const atvkCode = z.string().regex(/^\d{7}$/);
const emptyAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A calendar date as a date input sends it (YYYY-MM-DD), checked to exist (no 31 February). */
export const releaseDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => isIsoDate(text) && text >= '2000-01-01' && text <= '2100-12-31');

/** Sex, if the person wants to say: 'any' (or nothing) means not said. */
export const planSexSchema = z.preprocess(
  (value) => (value === 'any' ? undefined : emptyAsAbsent(value)),
  z.enum(['female', 'male']).optional(),
);
/** Age in whole years, if the person wants to say. */
export const planAgeSchema = z.preprocess(
  emptyAsAbsent,
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(14).max(120))
    .optional(),
);

const needsSchema = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(helpTypeCodes)).max(helpTypeCodes.length),
);

/** The plan form: release date, sex and age (all optional), place typed or chosen, last declared residence, needs. */
export const planFormSchema = z.object({
  release_date: z.preprocess(emptyAsAbsent, releaseDateSchema.optional()),
  sex: planSexSchema,
  age: planAgeSchema,
  place: z.preprocess(emptyAsAbsent, z.string().trim().max(100).optional()),
  territory: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  residence: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  needs: needsSchema,
});
export type PlanFormInput = z.infer<typeof planFormSchema>;

/** The plan link: `territory` (required), `residence` (optional), `needs` comma-separated or repeated. */
export const planLinkSchema = z.object({
  territory: atvkCode,
  residence: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  needs: z.array(z.enum(helpTypeCodes)).max(helpTypeCodes.length),
});
export type PlanLink = z.infer<typeof planLinkSchema>;

/**
 * The review form (POST /plan/result and POST /plan.pdf): the plan link's codes, the person's own answers (kept
 * out of every URL), the places chosen by key (a service id, or an institution id for a social service without
 * one) and the print size. Without `chosen`, every place offered goes in.
 */
export const planChoiceSchema = z.object({
  territory: atvkCode,
  residence: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  needs: needsSchema,
  release_date: z.preprocess(emptyAsAbsent, releaseDateSchema.optional()),
  sex: planSexSchema,
  age: planAgeSchema,
  chosen: z.preprocess(emptyAsAbsent, z.literal('1').optional()),
  places: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).max(200),
  ),
  print: z.preprocess(emptyAsAbsent, z.enum(['standard', 'large']).optional()),
});
export type PlanChoice = z.infer<typeof planChoiceSchema>;

/** Reads a plan link's query: needs may come as `needs=a,b` or `needs=a&needs=b`; other parameters are ignored. */
export function collectPlanLinkParameters(queries: Record<string, string[]>): Record<string, unknown> {
  const needs = (queries.needs ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return { territory: queries.territory?.[0]?.trim(), residence: queries.residence?.[0], needs: [...new Set(needs)] };
}

/** The query string of a plan link: territory, residence and need codes (in help-type order), and the language. */
export function planLinkQuery(
  link: { territory: string; residence?: string | undefined; needs: readonly HelpTypeCode[] },
  language: string,
): string {
  const search = new URLSearchParams();
  search.set('territory', link.territory);
  if (link.residence) search.set('residence', link.residence);
  const needs = helpTypeCodes.filter((code) => link.needs.includes(code));
  if (needs.length > 0) search.set('needs', needs.join(','));
  search.set('lang', language);
  return search.toString().replace(/%2C/g, ',');
}
