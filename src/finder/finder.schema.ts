// What crosses the finder's edge: the search parameters (JSON API and the GET form share them) and the JSON answer.
import { z } from 'zod';
import { AppError, type AppErrorDetail } from '../core/errors.js';
import { helpTypeCodes } from '../registry/help-types.js';

const atvkCode = z.string().regex(/^\d{7}$/);
const wholeNumber = (minimum: number, maximum: number) => z.coerce.number().int().min(minimum).max(maximum);

/** Search parameters: need codes (the 11 help-type keys), ATVK codes, words, paging, optional sex and age. */
export const finderQuerySchema = z.object({
  needs: z.array(z.enum(helpTypeCodes)).max(helpTypeCodes.length).default([]),
  territory: atvkCode.optional(),
  residence: atvkCode.optional(),
  q: z.string().trim().max(200).optional(),
  limit: wholeNumber(1, 100).default(20),
  offset: wholeNumber(0, 10_000).default(0),
  sex: z.enum(['any', 'female', 'male']).optional(),
  age: wholeNumber(0, 120).optional(),
  // beds/: only places with a free bed now ("a free bed tonight"); the form's checkbox sends "on".
  free_bed: z
    .enum(['true', 'false', 'on', '1', '0'])
    .transform((value) => value === 'true' || value === 'on' || value === '1')
    .optional(),
});
export type FinderQueryParameters = z.infer<typeof finderQuerySchema>;

/** The page form adds the typed place name, which the page turns into a territory code. */
export const finderFormSchema = finderQuerySchema.extend({ place: z.string().trim().max(100).optional() });
export type FinderFormParameters = z.infer<typeof finderFormSchema>;

const scalarNames = ['territory', 'residence', 'q', 'limit', 'offset', 'sex', 'age', 'place', 'free_bed'] as const;

/**
 * Collects parameters from a query string: `needs` may come comma-separated (`needs=shelter,documents`, the API
 * form) or repeated (`needs=shelter&needs=documents`, what checkboxes send); empty fields count as absent.
 */
export function collectFinderParameters(queries: Record<string, string[]>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const needs = (queries.needs ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (needs.length > 0) raw.needs = needs;
  for (const name of scalarNames) {
    const value = queries[name]?.[0]?.trim();
    if (value !== undefined && value !== '') raw[name] = value;
  }
  return raw;
}

/** Parses collected parameters; on failure an invalid_input AppError whose details say, per field, what is wrong. */
export function parseFinderParameters<Schema extends typeof finderQuerySchema | typeof finderFormSchema>(
  schema: Schema,
  raw: Record<string, unknown>,
): z.infer<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as z.infer<Schema>;
  throw new AppError('invalid_input', 'finder.error.invalid_query', describeIssues(parsed.error.issues, raw));
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: Record<string, unknown>): AppErrorDetail[] {
  const details = new Map<string, AppErrorDetail>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (details.has(field)) continue;
    const value =
      field === 'needs' && typeof issue.path[1] === 'number'
        ? String((raw.needs as string[])[issue.path[1]])
        : String(raw[field] ?? '');
    details.set(field, describeField(field, value));
  }
  return [...details.values()];
}

/** What is wrong with one parameter's value, as a message key for the reader's language. */
export function describeField(field: string, value: string): AppErrorDetail {
  switch (field) {
    case 'needs':
      return {
        path: field,
        messageKey: 'finder.error.needs_unknown',
        parameters: { value, allowed: helpTypeCodes.join(', ') },
      };
    case 'territory':
      return { path: field, messageKey: 'finder.error.territory_unknown', parameters: { value } };
    case 'residence':
      return { path: field, messageKey: 'finder.error.residence_unknown', parameters: { value } };
    case 'q':
    case 'place':
      return { path: field, messageKey: 'finder.error.q' };
    case 'limit':
    case 'offset':
    case 'sex':
    case 'age':
      return { path: field, messageKey: `finder.error.${field}` };
    case 'free_bed':
      return { path: field, messageKey: 'finder.error.free_bed' };
    default:
      return { path: field, messageKey: 'finder.error.unknown_parameter', parameters: { value: field } };
  }
}

// ---- the JSON answer ------------------------------------------------------------------------------------------

const territoryOutput = z.object({ code: z.string(), name: z.string() });
const textLanguage = z.enum(['lv', 'ru', 'en']).nullable();

export const finderServiceOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  organization: z.object({ id: z.string().nullable(), name: z.string() }),
  is_demo: z.boolean(),
  help_types: z.array(z.object({ code: z.enum(helpTypeCodes), label: z.string() })),
  territory: territoryOutput.extend({ municipality: territoryOutput }).nullable(),
  distance_km: z.number().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  phones: z.array(z.string()),
  hours: z.object({
    text: z.string(),
    intervals: z.array(
      z.object({ day: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), opens: z.string(), closes: z.string() }),
    ),
    notes: z.array(z.string()),
  }),
  open_now: z.boolean().nullable(),
  documents: z.array(z.string()),
  languages: z.array(z.object({ code: z.string().nullable(), name: z.string() })),
  eligibility: z.object({
    text: z.string(),
    residency_rule: z.enum(['none', 'last_declared_residence']),
    residency_territories: z.array(territoryOutput),
    is_statewide: z.boolean(),
    sex: z.enum(['any', 'female', 'male']),
    minimum_age: z.number().nullable(),
    maximum_age: z.number().nullable(),
    description: z.string().nullable(),
  }),
  last_verified_on: z.string().nullable(),
  capacity_beds: z.number().nullable(),
  /** The person's right to it, when the registry names one (issue 15 item 7). */
  right: z
    .object({
      text: z.string(),
      law: z.string().nullable(),
      article: z.string().nullable(),
      url: z.string().nullable(),
      amount: z.string().nullable(),
      limits: z.string().nullable(),
    })
    .nullable(),
  /** beds/: free places now (holds in force taken away), all places, and when the figure changed; null: no beds. */
  capacity: z.object({ available: z.number(), maximum: z.number(), updated: z.string() }).nullable(),
  /**
   * The language each listing text above is actually in: the reader's (`lang`) where the registry has it, else
   * "lv" (the Latvian text, shown instead); null where there is no such text.
   */
  text_language: z
    .object({
      name: textLanguage,
      description: textLanguage,
      organization_name: textLanguage,
      eligibility_note: textLanguage,
      documents: textLanguage,
      hours_notes: textLanguage,
    })
    .describe(
      'The language each listing text is actually in: the reader\'s (lang) where the registry has it, else "lv" (Latvian shown instead, so a client can mark it); null where there is no such text.',
    ),
});

export const finderNotEligibleOutputSchema = finderServiceOutputSchema.extend({
  reason: z.string(),
  reasons: z.array(z.object({ kind: z.enum(['residency', 'sex', 'age']), text: z.string() })),
});

/** The JSON answer of GET /api/v1/finder/services. */
export const finderResponseSchema = z.object({
  query: z.object({
    needs: z.array(z.enum(helpTypeCodes)),
    territory: z.string().nullable(),
    residence: z.string().nullable(),
    q: z.string().nullable(),
    lang: z.enum(['lv', 'ru', 'en']),
    limit: z.number(),
    offset: z.number(),
  }),
  total_eligible: z.number(),
  total_not_eligible: z.number(),
  match_in_territory: z.boolean().nullable(),
  eligible: z.array(finderServiceOutputSchema),
  not_eligible: z.array(finderNotEligibleOutputSchema),
});
export type FinderResponse = z.infer<typeof finderResponseSchema>;
export type FinderServiceOutput = z.infer<typeof finderServiceOutputSchema>;
