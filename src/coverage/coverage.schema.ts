import { z } from 'zod';
import { helpTypeCodes } from '../registry/help-types.js';

/** `/coverage?help=<help type>`: no `help` (or an empty one) means all help types together. */
export const coverageQuerySchema = z.object({
  help: z.preprocess((value) => (value === '' ? undefined : value), z.enum(helpTypeCodes).optional()),
});

export type CoverageQuery = z.infer<typeof coverageQuerySchema>;
