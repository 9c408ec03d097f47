import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { dispositions } from './survey.table.js';
import { institutionTypes } from '../registry/registry.enums.js';

// What crosses the edge into the survey engine: CLI options and staff forms. The questionnaire's own answers are
// checked by questionnaire.model.ts, because their rules are data (the questionnaire), not code.

/** A calendar date as YYYY-MM-DD that really exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isIsoDate, 'not a real date');

const optionalDate = z.preprocess((value) => (value === '' ? undefined : value), isoDate.optional());

export const cliWaveCreateSchema = z
  .object({
    questionnaireKey: z.string().min(1),
    name: z.string().trim().min(1).max(200),
    opensOn: isoDate.optional(),
    closesOn: isoDate.optional(),
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and -')
      .optional(),
  })
  .refine((value) => !value.opensOn || !value.closesOn || value.closesOn >= value.opensOn, {
    message: 'survey.staff.closes_before_opens',
    path: ['closesOn'],
  });

/** The staff form that draws a wave's sample from the registry. */
export const waveFromRegistryFormSchema = z.object({
  name: z.string().trim().min(1, 'survey.staff.name_required').max(200),
  questionnaireKey: z.string().min(1),
  institutionTypes: z.array(z.string()).default([]),
  territoryCodes: z.array(z.string().regex(/^\d{7}$/)).default([]),
  opensOn: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  closesOn: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
});

export const reopenFormSchema = z.object({ closesOn: optionalDate });

export const dispositionFormSchema = z.object({
  disposition: z.enum(dispositions),
  note: z.string().trim().max(500).optional(),
});

export const paperStartFormSchema = z.object({
  caseCode: z.string().min(1),
  entryNumber: z
    .enum(['1', '2'])
    .transform(Number)
    .pipe(z.union([z.literal(1), z.literal(2)])),
});

/** The registry's institution types (organization.institution_type), which a wave's sample is drawn by. */
export const registryInstitutionTypes = institutionTypes;
