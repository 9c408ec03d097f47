import { z } from 'zod';
import { addDays, isIsoDate, latvianToday } from '../core/dates.js';
import { helpTypeCodes } from '../registry/help-types.js';

// What crosses the edge of planning/: the report's filter (query string) and the unmet-need endpoint's body.

const isoDate = z.string().refine(isIsoDate);
const blankAsMissing = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `?from=&to=&help=`; empty values mean the default: the last 365 days, every help type. */
export const unmetNeedQuerySchema = z
  .object({
    from: blankAsMissing(isoDate),
    to: blankAsMissing(isoDate),
    help: blankAsMissing(z.enum(helpTypeCodes)),
  })
  .transform((query) => {
    const to = query.to ?? latvianToday();
    return { from: query.from ?? addDays(to, -364), to, helpType: query.help };
  })
  .refine((filter) => filter.from <= filter.to);

/** POST /api/v1/unmet-need: a need and a place only, nothing about the person. */
export const unmetNeedBodySchema = z
  .object({
    help_type: z.string().min(1).max(100),
    territory_code: z.string().regex(/^\d{7}$/),
  })
  .strict();

export const unmetNeedResponseSchema = z.object({ id: z.string().uuid() });
