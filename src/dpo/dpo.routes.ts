import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount } from '../accounts/access.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { navigationLinks } from '../http/layout.js';
import type { FieldProblem } from '../http/staff-components.js';
import { renderDataSubjectRightsPage } from './dpo.pages.js';
import { erasePersonData, exportPersonData } from './subject-access.service.js';

// The data protection officer's pages (/staff/dpo): a person's data exported, or erased. Both are audited by the
// service; answers carry no-store, since an export is a person's whole file.

type AppContext = Context<AppEnvironment>;

navigationLinks.push((c) =>
  c.get('account')?.role === 'dpo' ? { href: '/staff/dpo', label: c.get('t')('dpo.nav') } : null,
);
staffHomeLinks.push((account, t) =>
  account.role === 'dpo' ? { href: '/staff/dpo', label: t('dpo.title'), description: t('dpo.intro') } : null,
);

const personId = z.string().trim().uuid();
const eraseFormSchema = z.object({
  person_id: personId,
  reason: z.string().trim().min(1).max(200),
  confirm: z.literal('yes'),
});

function showPage(
  c: AppContext,
  options: { values?: { person_id: string; reason: string }; problems?: FieldProblem[] } = {},
) {
  c.header('Cache-Control', 'no-store');
  return renderDataSubjectRightsPage(c, {
    values: options.values ?? { person_id: '', reason: '' },
    problems: options.problems ?? [],
    erased: c.req.query('erased') === '1',
  });
}

export const dpoRoutes = new Hono<AppEnvironment>()
  .use('/staff/dpo', requireRole('dpo'))
  .use('/staff/dpo/*', requireRole('dpo'))
  .get('/staff/dpo', (c) => showPage(c))
  .get('/staff/dpo/export.json', async (c) => {
    const parsed = personId.safeParse(c.req.query('person') ?? '');
    if (!parsed.success) throw new AppError('not_found', 'dpo.error.unknown_person');
    const data = await exportPersonData(c.get('db'), c.get('keyring'), parsed.data, {
      accountId: signedInAccount(c).id,
    });
    if (!data) throw new AppError('not_found', 'dpo.error.unknown_person');
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="person-${parsed.data}.json"`);
    return c.json(data);
  })
  .post('/staff/dpo/erase', async (c) => {
    const body = await c.req.parseBody();
    const values = { person_id: String(body.person_id ?? ''), reason: String(body.reason ?? '') };
    const parsed = eraseFormSchema.safeParse({ ...values, confirm: body.confirm });
    const t = c.get('t');
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
      const problems: FieldProblem[] = [];
      if (fields.has('person_id')) problems.push({ fieldId: 'person_id', message: t('dpo.error.unknown_person') });
      if (fields.has('reason')) problems.push({ fieldId: 'reason', message: t('dpo.error.reason') });
      if (fields.has('confirm')) problems.push({ fieldId: 'confirm', message: t('dpo.error.confirm') });
      return showPage(c, { values, problems });
    }
    const erased = await erasePersonData(c.get('db'), parsed.data.person_id, {
      accountId: signedInAccount(c).id,
      reason: parsed.data.reason,
    });
    if (!erased)
      return showPage(c, { values, problems: [{ fieldId: 'person_id', message: t('dpo.error.unknown_person') }] });
    return c.redirect('/staff/dpo?erased=1', 303);
  });
