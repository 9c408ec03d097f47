import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { AppEnvironment } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { navigationLinks } from '../http/layout.js';
import { listWaves } from '../surveys/wave.service.js';
import { exportCsv, exportSpss } from './analysis.export.js';
import {
  bulkCodingFormSchema,
  codingFormSchema,
  quoteDecisionFormSchema,
  quoteQueueQuerySchema,
  waveKeySchema,
} from './analysis.schema.js';
import { decideQuote, listQuoteQueue } from './quote-review.service.js';
import {
  renderAnalysisIndexPage,
  renderCodingPage,
  renderQuoteQueuePage,
  waveHref,
  type CodingError,
} from './analysis.pages.js';
import { applyCodeToAnswers, getCodingPage, resetAnswerCoding, saveAnswerCoding } from './coding.service.js';

// Staff pages of the analysis: the list of waves, the coding of free-text answers and the data exports.
// The report of a wave and two waves compared are report/staff-report.routes.tsx. Administrators and analysts only.

type AppContext = Context<AppEnvironment>;

/** Who reads and codes the analysis. */
export const analysisRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && analysisRoles.includes(account.role)
    ? { href: '/staff/analysis', label: c.get('t')('analysis.nav') }
    : null;
});
staffHomeLinks.push((account, t) =>
  analysisRoles.includes(account.role)
    ? { href: '/staff/analysis', label: t('analysis.index.title'), description: t('analysis.index.intro') }
    : null,
);

export { waveHref };

export function waveKeyOf(c: AppContext): string {
  const parsed = waveKeySchema.safeParse(c.req.param('wave'));
  if (!parsed.success) throw new AppError('not_found', 'error.not_found');
  return parsed.data;
}

/** A file download named after the wave; the body is the rendered report or export. */
export function download(c: AppContext, body: string | Buffer, contentType: string, filename: string): Response {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

async function showCodingPage(
  c: AppContext,
  key: string,
  block: string,
  options: { questionId?: string; page?: number; error?: CodingError; coded?: number },
) {
  const page = await getCodingPage(c.get('db'), key, block, { questionId: options.questionId, page: options.page });
  return renderCodingPage(c, page, options.error, options.coded);
}

const codingQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  question: z.string().optional(),
  coded: z.coerce.number().int().min(0).optional().catch(undefined),
});

/** Every respondent's answers leave the app in an export: who took a copy, of which wave, is recorded. */
async function auditAnswerExport(c: Context<AppEnvironment>, waveKey: string, format: 'csv' | 'sps'): Promise<void> {
  await recordAuditEvent(c.get('db'), {
    accountId: signedInAccount(c).id,
    action: 'analysis.answers.export',
    entityType: 'wave',
    entityId: waveKey,
    details: { format },
  });
}

export const analysisRoutes = new Hono<AppEnvironment>()
  .use('/staff/analysis', requireRole(...analysisRoles))
  .use('/staff/analysis/*', requireRole(...analysisRoles))
  .get('/staff/analysis', async (c) => renderAnalysisIndexPage(c, await listWaves(c.get('db'))))
  .get('/staff/analysis/:wave/export.csv', async (c) => {
    const key = waveKeyOf(c);
    await auditAnswerExport(c, key, 'csv');
    return download(
      c,
      await exportCsv(c.get('db'), key, c.get('language')),
      'text/csv; charset=utf-8',
      `responses-${key}.csv`,
    );
  })
  .get('/staff/analysis/:wave/export.sps', async (c) => {
    const key = waveKeyOf(c);
    await auditAnswerExport(c, key, 'sps');
    return download(
      c,
      await exportSpss(c.get('db'), key, c.get('language')),
      'text/plain; charset=utf-8',
      `responses-${key}.sps`,
    );
  })
  .get('/staff/analysis/:wave/coding/:block', (c) => {
    const query = codingQuerySchema.parse(c.req.query());
    return showCodingPage(c, waveKeyOf(c), c.req.param('block'), {
      questionId: query.question,
      page: query.page,
      coded: query.coded,
    });
  })
  .get('/staff/analysis/:wave/quotes', async (c) => {
    const query = quoteQueueQuerySchema.parse(c.req.query());
    const queue = await listQuoteQueue(c.get('db'), waveKeyOf(c), { status: query.status, page: query.page });
    return renderQuoteQueuePage(c, queue, query.decided);
  })
  .post('/staff/analysis/:wave/quotes', async (c) => {
    const key = waveKeyOf(c);
    const parsed = quoteDecisionFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    const form = parsed.data;
    await c
      .get('db')
      .transaction()
      .execute((trx) =>
        decideQuote(
          trx,
          key,
          { questionId: form.question_id, hash: form.hash, decision: form.decision },
          signedInAccount(c).id,
        ),
      );
    const params = new URLSearchParams({ status: form.status, decided: form.decision });
    if (form.page && form.page > 1) params.set('page', String(form.page));
    return c.redirect(`${waveHref(key)}/quotes?${params.toString()}`, 303);
  })
  .post('/staff/analysis/:wave/coding/:block/bulk', async (c) => {
    const key = waveKeyOf(c);
    const block = c.req.param('block');
    const parsed = bulkCodingFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    const form = parsed.data;
    let count: number;
    try {
      count = await c
        .get('db')
        .transaction()
        .execute((trx) =>
          applyCodeToAnswers(
            trx,
            key,
            { block, questionId: form.question_id, respondentIds: form.respondent, category: form.category },
            signedInAccount(c).id,
          ),
        );
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_input') {
        return showCodingPage(c, key, block, {
          questionId: form.question_id,
          page: form.page,
          error: { respondentId: '', fieldId: 'bulk-coding', message: c.get('t')(error.messageKey) },
        });
      }
      throw error;
    }
    const params = new URLSearchParams({ question: form.question_id, coded: String(count) });
    if (form.page && form.page > 1) params.set('page', String(form.page));
    return c.redirect(`${waveHref(key)}/coding/${block}?${params.toString()}#bulk-coding`, 303);
  })
  .post('/staff/analysis/:wave/coding/:block', async (c) => {
    const key = waveKeyOf(c);
    const block = c.req.param('block');
    const parsed = codingFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    const form = parsed.data;
    const target = { block, respondentId: form.respondent_id, questionId: form.question_id };
    try {
      if (form.action === 'reset') await resetAnswerCoding(c.get('db'), key, target);
      else await saveAnswerCoding(c.get('db'), key, { ...target, categories: form.category }, signedInAccount(c).id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_input') {
        return showCodingPage(c, key, block, {
          questionId: form.question_id,
          page: form.page,
          error: { respondentId: form.respondent_id, message: c.get('t')(error.messageKey) },
        });
      }
      throw error;
    }
    const params = new URLSearchParams({ question: form.question_id });
    if (form.page && form.page > 1) params.set('page', String(form.page));
    return c.redirect(
      `${waveHref(key)}/coding/${block}?${params.toString()}#answer-${encodeURIComponent(form.respondent_id)}`,
      303,
    );
  });
