import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.middleware.js';
import { listAccounts } from '../accounts/account.service.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import type { AppEnvironment } from '../http/context.js';
import { navigationLinks } from '../http/layout.js';
import { streamDownload } from '../http/streamed-download.js';
import { listMunicipalities, listTerritories } from '../territories/territory.service.js';
import {
  changeDisposition,
  countDispositions,
  getCaseByCode,
  issueInvitationToken,
  isDisposition,
  listCasesPage,
  listDispositionHistory,
} from './case.service.js';
import { getQuestionnaireById, listQuestionnaires, localize, type Questionnaire } from './questionnaire.service.js';
import { describeCsvProblem, exportResponses, tryImportResponses } from './response-csv.service.js';
import { findResponseOfCase } from './response.service.js';
import {
  caseHref,
  renderCasePage,
  renderWaveFormPage,
  renderWaveListPage,
  renderWavePage,
  waveHref,
  type WaveFormValues,
  type WavePageProblems,
} from './staff-waves.pages.js';
import {
  dispositionFormSchema,
  isoDate,
  registryInstitutionTypes,
  reopenFormSchema,
  waveFromRegistryFormSchema,
} from './surveys.schema.js';
import {
  closeWave,
  createWaveFromRegistry,
  getWaveByKey,
  listWaveEvents,
  listWaves,
  openWave,
  reopenWave,
  type Wave,
} from './wave.service.js';

// Staff routes of the survey engine: waves, their cases and dispositions, opening and closing, CSV in and out.
// The pages themselves are staff-waves.pages.tsx.

type AppContext = Context<AppEnvironment>;

export { waveHref };

/** Who runs surveys: administrators and analysts. */
export const surveyStaffRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && surveyStaffRoles.includes(account.role)
    ? { href: '/staff/waves', label: c.get('t')('survey.nav') }
    : null;
});
staffHomeLinks.push((account, t) =>
  surveyStaffRoles.includes(account.role)
    ? { href: '/staff/waves', label: t('survey.staff.waves_title'), description: t('survey.staff.waves_intro') }
    : null,
);

const casesPerPage = 100;
/** Large enough for tens of thousands of respondents; bigger files belong to the CLI. */
const maximumUploadBytes = 20 * 1024 * 1024;

const wavePageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  disposition: z.string().optional(),
  imported: z.coerce.number().int().min(0).optional().catch(undefined),
});

async function accountNames(c: AppContext): Promise<Map<string, string>> {
  return new Map((await listAccounts(c.get('db'))).map((account) => [account.id, account.displayName]));
}

/** ATVK code → name, for cases whose territory was recorded as a code. */
async function namesOfTerritories(db: AppContext['var']['db']): Promise<Map<string, string>> {
  return new Map(
    (await listTerritories(db, { includeHistorical: true })).map((territory) => [territory.code, territory.name]),
  );
}

/**
 * The questionnaire a new wave starts from: the newest version no other version replaces (lv-2026 replaces
 * lv-2004, which stays available for re-running the 2004 study as it was).
 */
export function currentQuestionnaire(questionnaires: Questionnaire[]): Questionnaire | undefined {
  const replaced = new Set(questionnaires.map((questionnaire) => questionnaire.replacesId).filter((id) => id !== null));
  const current = questionnaires.filter((questionnaire) => !replaced.has(questionnaire.id));
  // Oldest first from the service; among equal versions the later one is the newer.
  return current.reduce<Questionnaire | undefined>(
    (newest, item) => (newest && newest.version > item.version ? newest : item),
    undefined,
  );
}

async function showWaveForm(
  c: AppContext,
  values: WaveFormValues,
  errors: Record<string, string>,
  status: 200 | 400 = 200,
) {
  const db = c.get('db');
  const language = c.get('language');
  const [questionnaires, municipalities] = await Promise.all([listQuestionnaires(db), listMunicipalities(db)]);
  const choices = {
    questionnaires: questionnaires.map((questionnaire) => ({
      key: questionnaire.key,
      title: localize(questionnaire.title, language),
    })),
    municipalities: municipalities.map((territory) => ({ code: territory.code, name: territory.name })),
  };
  const preselected = {
    ...values,
    questionnaireKey: values.questionnaireKey || currentQuestionnaire(questionnaires)?.key,
  };
  return renderWaveFormPage(c, { choices, values: preselected, errors }, status);
}

async function showWavePage(c: AppContext, wave: Wave, problems: WavePageProblems = {}, status: 200 | 400 = 200) {
  const db = c.get('db');
  const query = wavePageQuerySchema.parse(c.req.query());
  const disposition = isDisposition(query.disposition) ? query.disposition : undefined;
  const [questionnaire, events, counts, page, names, territoryNames] = await Promise.all([
    getQuestionnaireById(db, wave.questionnaireId),
    listWaveEvents(db, wave.id),
    countDispositions(db, wave.id),
    listCasesPage(db, wave.id, { disposition, page: query.page, perPage: casesPerPage }),
    accountNames(c),
    namesOfTerritories(db),
  ]);
  const pageCount = Math.max(1, Math.ceil(page.total / casesPerPage));
  const cases = { rows: page.cases, total: page.total, page: query.page, pageCount, disposition };
  const data = {
    wave,
    questionnaire,
    events,
    counts,
    cases,
    accountNames: names,
    territoryNames,
    imported: query.imported,
  };
  return renderWavePage(c, data, problems, status);
}

async function showCasePage(c: AppContext, wave: Wave, caseCode: string, options: { newLink?: string } = {}) {
  const db = c.get('db');
  const surveyCase = await getCaseByCode(db, wave.id, caseCode);
  const [history, response, questionnaire, names, territoryNames] = await Promise.all([
    listDispositionHistory(db, surveyCase.id),
    findResponseOfCase(db, surveyCase.id),
    getQuestionnaireById(db, wave.questionnaireId),
    accountNames(c),
    namesOfTerritories(db),
  ]);
  return renderCasePage(c, {
    wave,
    surveyCase,
    history,
    answers: response?.answers ?? null,
    questionnaire,
    accountNames: names,
    territoryNames,
    changed: c.req.query('changed') === '1',
    ...options,
  });
}

function dateProblem(value: string | undefined): 'survey.staff.date_invalid' | null {
  return value && !isoDate.safeParse(value).success ? 'survey.staff.date_invalid' : null;
}

export const staffWaveRoutes = new Hono<AppEnvironment>()
  .use('/staff/waves', requireRole(...surveyStaffRoles))
  .use('/staff/waves/*', requireRole(...surveyStaffRoles))
  .get('/staff/waves', async (c) => renderWaveListPage(c, await listWaves(c.get('db'))))
  .get('/staff/waves/new', (c) => showWaveForm(c, {}, {}))
  .post('/staff/waves', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const asList = (value: unknown) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
        (item): item is string => typeof item === 'string',
      );
    const raw = {
      name: typeof body.name === 'string' ? body.name : '',
      questionnaireKey: typeof body.questionnaireKey === 'string' ? body.questionnaireKey : '',
      institutionTypes: asList(body.institutionTypes),
      territoryCodes: asList(body.territoryCodes),
      opensOn: typeof body.opensOn === 'string' ? body.opensOn : '',
      closesOn: typeof body.closesOn === 'string' ? body.closesOn : '',
    };
    const parsed = waveFromRegistryFormSchema.safeParse(raw);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors[String(issue.path[0])] ??= issue.message.startsWith('survey.')
          ? t(issue.message)
          : t('error.invalid_input');
    }
    for (const name of ['opensOn', 'closesOn'] as const) {
      const problem = dateProblem(raw[name] || undefined);
      if (problem) errors[name] = t(problem);
    }
    if (!errors.opensOn && !errors.closesOn && raw.opensOn && raw.closesOn && raw.closesOn < raw.opensOn)
      errors.closesOn = t('survey.staff.closes_before_opens');
    if (!parsed.success || Object.keys(errors).length > 0) return showWaveForm(c, raw, errors, 400);
    const account = signedInAccount(c);
    const types = parsed.data.institutionTypes.filter((type) =>
      (registryInstitutionTypes as readonly string[]).includes(type),
    );
    try {
      const { wave } = await c
        .get('db')
        .transaction()
        .execute((trx) =>
          createWaveFromRegistry(trx, {
            questionnaireKey: parsed.data.questionnaireKey,
            name: parsed.data.name,
            institutionTypes: types,
            territoryCodes: parsed.data.territoryCodes,
            opensOn: parsed.data.opensOn ?? null,
            closesOn: parsed.data.closesOn ?? null,
            accountId: account.id,
          }),
        );
      return c.redirect(waveHref(wave), 303);
    } catch (error) {
      if (error instanceof AppError && error.messageKey === 'survey.error.empty_sample')
        return showWaveForm(c, raw, { institutionTypes: t(error.messageKey) }, 400);
      throw error;
    }
  })
  .get('/staff/waves/:key', async (c) => showWavePage(c, await getWaveByKey(c.get('db'), c.req.param('key'))))
  .post('/staff/waves/:key/open', async (c) => {
    const account = signedInAccount(c);
    const wave = await c
      .get('db')
      .transaction()
      .execute(async (trx) =>
        openWave(trx, (await getWaveByKey(trx, c.req.param('key'))).id, { accountId: account.id }),
      );
    return c.redirect(waveHref(wave), 303);
  })
  .post('/staff/waves/:key/close', async (c) => {
    const account = signedInAccount(c);
    const wave = await c
      .get('db')
      .transaction()
      .execute(async (trx) =>
        closeWave(trx, (await getWaveByKey(trx, c.req.param('key'))).id, { accountId: account.id }),
      );
    return c.redirect(waveHref(wave), 303);
  })
  .post('/staff/waves/:key/reopen', async (c) => {
    const t = c.get('t');
    const account = signedInAccount(c);
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const raw = await c.req.parseBody();
    const closesOn = typeof raw.closesOn === 'string' ? raw.closesOn : '';
    const parsed = reopenFormSchema.safeParse({ closesOn });
    if (!parsed.success) return showWavePage(c, wave, { reopenError: t('survey.staff.date_invalid') }, 400);
    if (parsed.data.closesOn && parsed.data.closesOn < latvianToday()) {
      return showWavePage(c, wave, { reopenError: t('survey.staff.closes_in_past') }, 400);
    }
    const reopened = await db.transaction().execute((trx) =>
      reopenWave(trx, wave.id, {
        accountId: account.id,
        ...(parsed.data.closesOn ? { closesOn: parsed.data.closesOn } : {}),
      }),
    );
    return c.redirect(waveHref(reopened), 303);
  })
  .get('/staff/waves/:key/responses.csv', async (c) => {
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const file = { contentType: 'text/csv; charset=utf-8', filename: `responses-${wave.key}.csv` };
    await recordAuditEvent(db, {
      accountId: signedInAccount(c).id,
      action: 'survey.responses.export',
      entityType: 'wave',
      entityId: wave.key,
      details: { format: 'csv' },
    });
    return streamDownload(c, file, (write) => exportResponses(db, wave, write));
  })
  .post('/staff/waves/:key/responses', async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      return showWavePage(c, wave, { importError: t('survey.staff.import_no_file') }, 400);
    if (file.size > maximumUploadBytes)
      return showWavePage(c, wave, { importError: t('survey.staff.import_too_big') }, 400);
    const account = signedInAccount(c);
    const text = await file.text();
    const outcome = await db.transaction().execute((trx) =>
      tryImportResponses(trx, wave, text, {
        replace: body.replace === '1',
        accountId: account.id,
        note: 'imported from CSV (staff page)',
      }),
    );
    if (!outcome.ok) {
      const problems = outcome.problems.map((problem) => {
        const where = problem.column
          ? t('survey.csv.where', { row: problem.row, column: problem.column })
          : t('survey.csv.where_row', { row: problem.row });
        return `${where}: ${describeCsvProblem(problem, t)}`;
      });
      return showWavePage(c, wave, { importProblems: problems }, 400);
    }
    return c.redirect(`${waveHref(wave)}?imported=${outcome.imported}`, 303);
  })
  .get('/staff/waves/:key/cases/:code', async (c) =>
    showCasePage(c, await getWaveByKey(c.get('db'), c.req.param('key')), c.req.param('code')),
  )
  .post('/staff/waves/:key/cases/:code/disposition', async (c) => {
    const account = signedInAccount(c);
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const surveyCase = await getCaseByCode(db, wave.id, c.req.param('code'));
    const parsed = dispositionFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    await db.transaction().execute((trx) =>
      changeDisposition(trx, surveyCase.id, parsed.data.disposition, {
        accountId: account.id,
        note: parsed.data.note || null,
      }),
    );
    return c.redirect(`${caseHref(wave, surveyCase)}?changed=1`, 303);
  })
  .post('/staff/waves/:key/cases/:code/link', async (c) => {
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const surveyCase = await getCaseByCode(db, wave.id, c.req.param('code'));
    const token = await db.transaction().execute(async (trx) => {
      const issued = await issueInvitationToken(trx, surveyCase.id);
      // The link opens the case's questionnaire: who made a new one, and for which case, is recorded (never the token).
      await recordAuditEvent(trx, {
        accountId: signedInAccount(c).id,
        action: 'survey.link.issue',
        entityType: 'survey_case',
        entityId: surveyCase.id,
        details: { wave: wave.key },
      });
      return issued;
    });
    // Shown once in this response (never in a URL we redirect to, never stored): the page is not cached.
    c.header('Cache-Control', 'no-store');
    return showCasePage(c, wave, surveyCase.caseCode, { newLink: `${c.get('config').publicUrl}/survey/${token}` });
  });
