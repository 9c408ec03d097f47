// What the HSDS API accepts: query parameters of openapi.json's paged listings, checked at the edge.
import { z } from 'zod';

const identifier = z.guid({ error: 'must be a UUID' });
const pageNumber = z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }).max(1_000_000, { error: 'is too large' }).default(1);
// 100 full services are ~1 MB of JSON: enough for any page a client shows, small enough to answer quickly.
const perPage = z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }).max(100, { error: 'must be 100 or less' }).default(25);
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true').default(false);
const search = z.string().trim().max(200, { error: 'must be 200 characters or less' }).optional();

export const serviceListQuerySchema = z.object({ search, taxonomy_term_id: identifier.optional(), organization_id: identifier.optional(), page: pageNumber, per_page: perPage, full: flag });
export const organizationListQuerySchema = z.object({ search, page: pageNumber, per_page: perPage, full_service: flag });
export const organizationQuerySchema = z.object({ full_service: flag });
export const taxonomyTermListQuerySchema = z.object({ taxonomy_id: identifier.optional(), parent_id: identifier.optional(), page: pageNumber, per_page: perPage });

export type ServiceListQuery = z.infer<typeof serviceListQuerySchema>;
