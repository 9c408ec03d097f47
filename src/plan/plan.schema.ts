// What crosses the plan's edge: the form (POST /plan) and the plan link (GET /plan/result, /plan.pdf).
// The link holds territory codes, need codes and the language — nothing else, never a name or a date
// (docs/decisions/007-plan-links-and-map.md).
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

/** The plan form: release date (optional), place typed or chosen, last declared residence (optional), needs. */
export const planFormSchema = z.object({
  release_date: z.preprocess(emptyAsAbsent, releaseDateSchema.optional()),
  place: z.preprocess(emptyAsAbsent, z.string().trim().max(100).optional()),
  territory: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  residence: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  needs: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(helpTypeCodes)).max(helpTypeCodes.length),
  ),
});
export type PlanFormInput = z.infer<typeof planFormSchema>;

/** The plan link: `territory` (required), `residence` (optional), `needs` comma-separated or repeated. */
export const planLinkSchema = z.object({
  territory: atvkCode,
  residence: z.preprocess(emptyAsAbsent, atvkCode.optional()),
  needs: z.array(z.enum(helpTypeCodes)).max(helpTypeCodes.length),
});
export type PlanLink = z.infer<typeof planLinkSchema>;

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
