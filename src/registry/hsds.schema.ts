// What the HSDS API accepts: query parameters of openapi.json's paged listings, checked at the edge. Each error is
// a message key (hsds.reason.*), so the reason reads in the caller's language.
import { z } from 'zod';

const identifier = z.guid({ error: 'hsds.reason.uuid' });
const pageNumber = z.coerce
  .number({ error: 'hsds.reason.whole_number' })
  .int({ error: 'hsds.reason.whole_number' })
  .min(1, { error: 'hsds.reason.at_least_one' })
  .max(1_000_000, { error: 'hsds.reason.too_large' })
  .default(1);
// 100 full services are ~1 MB of JSON: enough for any page a client shows, small enough to answer quickly.
const perPage = z.coerce
  .number({ error: 'hsds.reason.whole_number' })
  .int({ error: 'hsds.reason.whole_number' })
  .min(1, { error: 'hsds.reason.at_least_one' })
  .max(100, { error: 'hsds.reason.at_most_100' })
  .default(25);
const flag = z
  .enum(['true', 'false'], { error: 'hsds.reason.true_false' })
  .transform((value) => value === 'true')
  .default(false);
const search = z.string().trim().max(200, { error: 'hsds.reason.too_long' }).optional();
// "Records modified after": an ISO 8601 date or date-time; a date alone means its first moment (UTC).
const modifiedAfter = z
  .string()
  .trim()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    {
      error: 'hsds.reason.date_time',
    },
  )
  .transform((value) => new Date(value))
  .optional();

export const serviceListQuerySchema = z.object({
  search,
  taxonomy_term_id: identifier.optional(),
  taxonomy_id: identifier.optional(),
  organization_id: identifier.optional(),
  modified_after: modifiedAfter,
  page: pageNumber,
  per_page: perPage,
  full: flag,
});
export const organizationListQuerySchema = z.object({
  search,
  page: pageNumber,
  per_page: perPage,
  full_service: flag,
});
export const organizationQuerySchema = z.object({ full_service: flag });
export const taxonomyTermListQuerySchema = z.object({
  search,
  top_only: flag,
  taxonomy_id: identifier.optional(),
  parent_id: identifier.optional(),
  page: pageNumber,
  per_page: perPage,
});

export const taxonomyListQuerySchema = z.object({ search, page: pageNumber, per_page: perPage });
export const serviceAtLocationListQuerySchema = z.object({
  search,
  taxonomy_term_id: identifier.optional(),
  taxonomy_id: identifier.optional(),
  organization_id: identifier.optional(),
  modified_after: modifiedAfter,
  page: pageNumber,
  per_page: perPage,
  full: flag,
});

export type ServiceListQuery = z.infer<typeof serviceListQuerySchema>;
