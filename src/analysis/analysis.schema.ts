import { z } from 'zod';

// What crosses the edge into the analysis: CLI options, route parameters and the analyst's forms.

export const waveKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a wave key such as lv-2004');
export const reportLanguageSchema = z.enum(['lv', 'ru', 'en']);
export const eligibilityRateSchema = z.coerce.number().min(0).max(1);
export const populationSchema = z.coerce.number().int().positive();

/** Options every analysis entry point accepts. */
export const analysisOptionsSchema = z.object({
  wave: waveKeySchema,
  e: eligibilityRateSchema.optional(),
  population: populationSchema.optional(),
});

export const exportFormats = ['csv', 'sps', 'json'] as const;
export const exportFormatSchema = z.enum(exportFormats);

/** The analyst's settings form: both fields may be left empty (estimate e; no finite population correction). */
export const analysisSettingFormSchema = z.object({
  eligibility_rate: z.union([z.literal(''), eligibilityRateSchema]).transform((value) => (value === '' ? null : value)),
  population: z.union([z.literal(''), populationSchema]).transform((value) => (value === '' ? null : value)),
});

/** The coding form: the categories an analyst chose for one answer, or a reset to the automatic codes. */
export const codingFormSchema = z.object({
  respondent_id: z.string().trim().min(1).max(64),
  question_id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  action: z.enum(['save', 'reset']).default('save'),
  category: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
  page: z.coerce.number().int().min(1).optional(),
});

/** The bulk coding form: one category for every answer ticked (checkboxes `respondent`, linked by form="…"). */
export const bulkCodingFormSchema = z.object({
  question_id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  category: z.string().trim().default(''),
  respondent: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().trim().min(1).max(64)).max(1000)),
  page: z.coerce.number().int().min(1).optional(),
});

/** One decision in the quote review queue: which answer (question and SHA-256 of its words), approve or reject. */
export const quoteDecisionFormSchema = z.object({
  question_id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  decision: z.enum(['approved', 'rejected']),
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  page: z.coerce.number().int().min(1).optional(),
});

export const quoteQueueQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).catch('pending'),
  page: z.coerce.number().int().min(1).catch(1),
  decided: z.enum(['approved', 'rejected']).optional().catch(undefined),
});
