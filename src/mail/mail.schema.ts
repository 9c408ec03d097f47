import { z } from 'zod';
import { outboundMessageStatuses } from './mail.table.js';

/** `/staff/outbox?page=2&status=failed`: a bad value is ignored rather than refused (it is only a view). */
export const outboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(outboundMessageStatuses).optional().catch(undefined),
});

/** An outbound message id in a path. */
export const messageIdSchema = z.string().uuid();
