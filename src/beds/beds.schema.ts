// What crosses the beds' edge: the capacity API's body and answer, the duty worker's form.
import { z } from 'zod';
import { blockReasons } from './beds.table.js';

const places = z.number().int().min(0).max(10_000);

/** PUT /api/v1/services/{id}/capacity: free now and all places, whole numbers; optional places by kind. */
export const capacityBodySchema = z
  .object({
    available: places,
    maximum: places,
    places_men: places.optional(),
    places_women: places.optional(),
    places_accessible: places.optional(),
  })
  .refine((body) => body.available <= body.maximum, { path: ['available'], message: 'available > maximum' });

/** The API's answer: the stored figure and its time. */
export const capacityResponseSchema = z.object({
  service_id: z.string(),
  available: z.number(),
  maximum: z.number(),
  updated: z.string(),
});

const formNumber = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/)
  .transform(Number);

/** The duty worker's form: which button, and the numbers some buttons carry. */
export const staffBedsFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('minus') }),
  z.object({ action: z.literal('plus') }),
  z.object({ action: z.literal('same') }),
  z.object({ action: z.literal('walk_in') }),
  z.object({ action: z.literal('walk_out') }),
  z.object({ action: z.literal('set'), available: formNumber }),
  z.object({
    action: z.literal('setup'),
    maximum: formNumber,
    available: formNumber,
    men: formNumber.optional(),
    women: formNumber.optional(),
    accessible: formNumber.optional(),
  }),
  z.object({
    action: z.literal('block'),
    places: formNumber,
    reason: z.enum(blockReasons),
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
]);
export type StaffBedsForm = z.infer<typeof staffBedsFormSchema>;

/** The reminder page's form. */
export const reminderFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('same') }),
  z.object({ action: z.literal('set'), available: formNumber }),
]);
