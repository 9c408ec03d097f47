import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { requireRole, signedInAccount, type Role } from '../accounts/access.js';
import { listAccounts } from '../accounts/account.service.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { formatCalendarDate, formatMoment, latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { navigationLinks, renderPage } from '../http/layout.js';
import { DemoBadge } from '../registry/demo-badge.js';
import { listMunicipalities, listTerritories } from '../territories/territory.service.js';
import { isDemonstrationWave } from './lv2004/demo-wave.js';
import {
  changeDisposition,
  countDispositions,
  getCaseByCode,
  issueInvitationToken,
  isDisposition,
  listCasesPage,
  listDispositionHistory,
  type SurveyCase,
} from './case.service.js';
import { AnswersSummary } from './questionnaire-form.js';
import { getQuestionnaireById, listQuestionnaires, localize } from './questionnaire.service.js';
import { describeCsvProblem, exportResponses, tryImportResponses } from './response-csv.service.js';
import { findResponseOfCase } from './response.service.js';
import { dispositions, type Disposition } from './survey.table.js';
import { dispositionFormSchema, isoDate, registryInstitutionTypes, reopenFormSchema, waveFromRegistryFormSchema } from './surveys.schema.js';
import { closeWave, createWaveFromRegistry, getWaveByKey, listWaveEvents, listWaves, openWave, reopenWave, type Wave } from './wave.service.js';

// Staff pages of the survey engine: waves, their cases and dispositions, opening and closing, CSV download.

type AppContext = Context<AppEnvironment>;

/** Who runs surveys: administrators and analysts. */
export const surveyStaffRoles: Role[] = ['administrator', 'analyst'];

navigationLinks.push((c) => {
  const account = c.get('account');
  return account && surveyStaffRoles.includes(account.role) ? { href: '/staff/waves', label: c.get('t')('survey.nav') } : null;
});
staffHomeLinks.push((account, t) =>
  surveyStaffRoles.includes(account.role) ? { href: '/staff/waves', label: t('survey.staff.waves_title'), description: t('survey.staff.waves_intro') } : null,
);

const casesPerPage = 100;
/** Large enough for tens of thousands of respondents; bigger files belong to the CLI. */
const maximumUploadBytes = 20 * 1024 * 1024;

export const waveHref = (wave: { key: string }) => `/staff/waves/${encodeURIComponent(wave.key)}`;
const caseHref = (wave: { key: string }, surveyCase: { caseCode: string }) => `${waveHref(wave)}/cases/${encodeURIComponent(surveyCase.caseCode)}`;

function StatusBadge(props: { c: AppContext; status: Wave['status'] }) {
  return <span class={`badge wave-${props.status}`}>{props.c.get('t')(`survey.status.${props.status}`)}</span>;
}

function moment(c: AppContext, value: Date | null): string {
  return value ? formatMoment(value, c.get('language'), 'medium') : '—';
}

async function accountNames(c: AppContext): Promise<Map<string, string>> {
  return new Map((await listAccounts(c.get('db'))).map((account) => [account.id, account.displayName]));
}

function WaveForm(props: {
  c: AppContext;
  questionnaires: Array<{ key: string; title: string }>;
  municipalities: Array<{ code: string; name: string }>;
  values: { name?: string; questionnaireKey?: string; institutionTypes?: string[]; territoryCodes?: string[]; opensOn?: string; closesOn?: string };
  errors: Record<string, string>;
}) {
  const { c, values, errors } = props;
  const t = c.get('t');
  const field = (name: string) => (errors[name] ? 'field has-error' : 'field');
  const error = (name: string) =>
    errors[name] ? (
      <p class="field-error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  return (
    <form method="post" action="/staff/waves" novalidate>
      <CsrfField c={c} />
      <div class={field('name')}>
        <label for="name">{t('survey.staff.name')}</label>
        {error('name')}
        <input type="text" id="name" name="name" value={values.name ?? ''} required aria-describedby={errors.name ? 'name-error' : undefined} />
      </div>
      <div class="field">
        <label for="questionnaireKey">{t('survey.staff.questionnaire')}</label>
        <select id="questionnaireKey" name="questionnaireKey">
          {props.questionnaires.map((questionnaire) => (
            <option value={questionnaire.key} selected={values.questionnaireKey === questionnaire.key}>
              {questionnaire.key} — {questionnaire.title}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('survey.staff.institution_types')}</legend>
        <p class="hint">{t('survey.staff.institution_types_hint')}</p>
        {registryInstitutionTypes.map((type) => (
          <label for={`type-${type}`}>
            <input type="checkbox" id={`type-${type}`} name="institutionTypes" value={type} checked={values.institutionTypes?.includes(type)} />
            <span>{t(`survey.registry_type.${type}`)}</span>
          </label>
        ))}
      </fieldset>
      <details open={(values.territoryCodes?.length ?? 0) > 0}>
        <summary>{t('survey.staff.territories')}</summary>
        <fieldset>
          <legend>{t('survey.staff.territories')}</legend>
          <p class="hint">{t('survey.staff.territories_hint')}</p>
          {props.municipalities.map((municipality) => (
            <label for={`territory-${municipality.code}`}>
              <input type="checkbox" id={`territory-${municipality.code}`} name="territoryCodes" value={municipality.code} checked={values.territoryCodes?.includes(municipality.code)} />
              <span>{municipality.name}</span>
            </label>
          ))}
        </fieldset>
      </details>
      {(['opensOn', 'closesOn'] as const).map((name) => (
        <div class={field(name)}>
          <label for={name}>{t(name === 'opensOn' ? 'survey.staff.opens_on' : 'survey.staff.closes_on')}</label>
          <p class="hint" id={`${name}-hint`}>
            {t('survey.staff.date_hint')}
          </p>
          {error(name)}
          <input type="date" id={name} name={name} value={values[name] ?? ''} aria-describedby={`${name}-hint`} />
        </div>
      ))}
      <div class="actions">
        <button type="submit">{t('survey.staff.create')}</button>
      </div>
    </form>
  );
}

async function renderWaveForm(c: AppContext, values: Parameters<typeof WaveForm>[0]['values'], errors: Record<string, string>, status: 200 | 400 = 200) {
  const t = c.get('t');
  const language = c.get('language');
  const db = c.get('db');
  const questionnaires = (await listQuestionnaires(db)).map((questionnaire) => ({ key: questionnaire.key, title: localize(questionnaire.title, language) }));
  const municipalities = (await listMunicipalities(db)).map((territory) => ({ code: territory.code, name: territory.name }));
  return renderPage(
    c,
    t('survey.staff.new_wave'),
    <>
      <p>
        <a href="/staff/waves">{t('survey.staff.back_to_waves')}</a>
      </p>
      <h1>{t('survey.staff.new_wave')}</h1>
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert">
          <h2>{t('error.invalid_input')}</h2>
          <ul>
            {Object.entries(errors).map(([name, message]) => (
              <li>
                <a href={`#${name}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* A new wave starts from the newest questionnaire; the 2004 one stays available for re-running the study as it was. */}
      <WaveForm c={c} questionnaires={questionnaires} municipalities={municipalities} values={{ ...values, questionnaireKey: values.questionnaireKey ?? questionnaires.at(-1)?.key }} errors={errors} />
    </>,
    { status },
  );
}

/** ATVK code → name, for cases whose territory was recorded as a code (a 2004-era region stays as typed). */
async function namesOfTerritories(db: AppContext['var']['db']): Promise<Map<string, string>> {
  return new Map((await listTerritories(db, { includeHistorical: true })).map((territory) => [territory.code, territory.name]));
}

function territoryLabel(territory: string | null, names: Map<string, string>): string {
  if (!territory) return '—';
  return names.get(territory) ?? territory;
}

function CaseRows(props: { c: AppContext; wave: Wave; cases: SurveyCase[]; territoryNames: Map<string, string> }) {
  const { c, wave } = props;
  const t = c.get('t');
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('survey.staff.case')}</th>
            <th scope="col">{t('survey.staff.institution')}</th>
            <th scope="col">{t('survey.staff.type')}</th>
            <th scope="col">{t('survey.staff.territory')}</th>
            <th scope="col">{t('survey.staff.disposition')}</th>
            <th scope="col">{t('survey.staff.invited')}</th>
            <th scope="col">{t('survey.staff.reminded')}</th>
            <th scope="col">{t('survey.staff.completed')}</th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((surveyCase) => (
            <tr>
              <td>
                <a href={caseHref(wave, surveyCase)}>{surveyCase.caseCode}</a>
              </td>
              <td>{surveyCase.organizationName ?? surveyCase.respondentId ?? '—'}</td>
              <td>{surveyCase.institutionType ? t(`survey.institution_type.${surveyCase.institutionType}`) : '—'}</td>
              <td>{territoryLabel(surveyCase.territory, props.territoryNames)}</td>
              <td>{t(`survey.disposition.${surveyCase.disposition}`)}</td>
              <td>{moment(c, surveyCase.invitedAt)}</td>
              <td>{moment(c, surveyCase.remindedAt)}</td>
              <td>{moment(c, surveyCase.completedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function renderWavePage(c: AppContext, wave: Wave, options: { reopenError?: string; importError?: string; importProblems?: string[]; status?: 200 | 400 } = {}) {
  const t = c.get('t');
  const language = c.get('language');
  const db = c.get('db');
  const query = z
    .object({ page: z.coerce.number().int().min(1).catch(1), disposition: z.string().optional() })
    .parse({ page: c.req.query('page'), disposition: c.req.query('disposition') });
  const disposition = isDisposition(query.disposition) ? query.disposition : undefined;
  const [questionnaire, events, counts, page, names, territoryNames] = await Promise.all([
    getQuestionnaireById(db, wave.questionnaireId),
    listWaveEvents(db, wave.id),
    countDispositions(db, wave.id),
    listCasesPage(db, wave.id, { disposition, page: query.page, perPage: casesPerPage }),
    accountNames(c),
    namesOfTerritories(db),
  ]);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const importedParameter = Number(c.req.query('imported'));
  const imported = Number.isInteger(importedParameter) && importedParameter >= 0 && c.req.query('imported') !== undefined ? importedParameter : undefined;
  const pageCount = Math.max(1, Math.ceil(page.total / casesPerPage));
  const listHref = (target: { page?: number; disposition?: Disposition }) => {
    const params = new URLSearchParams();
    if (target.disposition) params.set('disposition', target.disposition);
    if (target.page && target.page > 1) params.set('page', String(target.page));
    const search = params.toString();
    return `${waveHref(wave)}${search ? `?${search}` : ''}#cases`;
  };
  return renderPage(
    c,
    wave.name,
    <>
      <p>
        <a href="/staff/waves">{t('survey.staff.back_to_waves')}</a>
      </p>
      <h1>
        {wave.name} {isDemonstrationWave(wave) && <DemoBadge t={t} explanation={t('survey.staff.demo_wave')} />}
      </h1>
      <dl class="facts">
        <dt>{t('survey.staff.key')}</dt>
        <dd>
          <code>{wave.key}</code>
        </dd>
        <dt>{t('survey.staff.status')}</dt>
        <dd>
          <StatusBadge c={c} status={wave.status} />
        </dd>
        <dt>{t('survey.staff.questionnaire')}</dt>
        <dd>
          {questionnaire.key} — {localize(questionnaire.title, language)}
        </dd>
        <dt>{t('survey.staff.opens_on')}</dt>
        <dd>{wave.opensOn ? formatCalendarDate(wave.opensOn, language) : '—'}</dd>
        <dt>{t('survey.staff.closes_on')}</dt>
        <dd>{wave.closesOn ? formatCalendarDate(wave.closesOn, language) : '—'}</dd>
      </dl>
      <div class="actions">
        {wave.status === 'draft' && (
          <form method="post" action={`${waveHref(wave)}/open`}>
            <CsrfField c={c} />
            <button type="submit">{t('survey.staff.open')}</button>
          </form>
        )}
        {wave.status === 'open' && (
          <a class="button" href={`${waveHref(wave)}/invitations`}>
            {t('invitations.title')}
          </a>
        )}
        {wave.status === 'open' && (
          <form method="post" action={`${waveHref(wave)}/close`}>
            <CsrfField c={c} />
            <button type="submit" class="secondary">
              {t('survey.staff.close')}
            </button>
          </form>
        )}
        <a class="button secondary" href={`${waveHref(wave)}/responses.csv`} download>
          {t('survey.staff.export')}
        </a>
        {wave.status !== 'closed' && (
          <a class="button secondary" href={`${waveHref(wave)}/paper`}>
            {t('survey.staff.paper')}
          </a>
        )}
      </div>
      {imported !== undefined && (
        <p class="notice" role="status">
          {t('survey.staff.imported', { count: imported })}
        </p>
      )}
      {wave.status === 'closed' && (
        <form method="post" action={`${waveHref(wave)}/reopen`} class="card" novalidate>
          <CsrfField c={c} />
          <div class={options.reopenError ? 'field has-error' : 'field'}>
            <label for="closesOn">{t('survey.staff.reopen_closes_on')}</label>
            <p class="hint" id="closesOn-hint">
              {t('survey.staff.date_hint')}
            </p>
            {options.reopenError && <p class="field-error">{options.reopenError}</p>}
            <input type="date" id="closesOn" name="closesOn" aria-describedby="closesOn-hint" />
          </div>
          <button type="submit">{t('survey.staff.reopen')}</button>
        </form>
      )}
      <details class="card" open={options.importError !== undefined || options.importProblems !== undefined}>
        <summary>{t('survey.staff.import_title')}</summary>
        <form method="post" action={`${waveHref(wave)}/responses`} enctype="multipart/form-data" novalidate>
          <CsrfField c={c} />
          <p class="hint">{t('survey.staff.import_hint')}</p>
          {options.importProblems && (
            <div class="error-summary" role="alert">
              <h2>{t('survey.csv.rejected', { count: options.importProblems.length })}</h2>
              <ul>
                {options.importProblems.slice(0, 200).map((problem) => (
                  <li>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          <div class={options.importError ? 'field has-error' : 'field'}>
            <label for="responses-file">{t('survey.staff.import_file')}</label>
            {options.importError && <p class="field-error">{options.importError}</p>}
            <input type="file" id="responses-file" name="file" accept=".csv,text/csv" />
          </div>
          <label for="responses-replace">
            <input type="checkbox" id="responses-replace" name="replace" value="1" />
            <span>{t('survey.staff.import_replace')}</span>
          </label>
          <div class="actions">
            <button type="submit">{t('survey.staff.import_button')}</button>
          </div>
        </form>
      </details>
      <h2>{t('survey.staff.history')}</h2>
      {events.length === 0 ? (
        <p>{t('survey.staff.no_events')}</p>
      ) : (
        <ul>
          {events.map((event) => (
            <li>
              {moment(c, event.occurredAt)}: {t(`survey.event.${event.event}`)}
              {event.accountId ? ` (${names.get(event.accountId) ?? event.accountId.slice(0, 8)})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('survey.staff.dispositions')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('survey.staff.disposition')}</th>
              <th scope="col" class="number">
                {t('survey.staff.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dispositions.map((item) => (
              <tr>
                <td>{counts[item] > 0 ? <a href={listHref({ disposition: item })}>{t(`survey.disposition.${item}`)}</a> : t(`survey.disposition.${item}`)}</td>
                <td class="number">{counts[item]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <a href={listHref({})}>{t('survey.staff.cases')}</a>
              </th>
              <td class="number">{total}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2 id="cases">
        {t('survey.staff.cases')}
        {disposition ? `: ${t(`survey.disposition.${disposition}`)}` : ''} ({page.total})
      </h2>
      <CaseRows c={c} wave={wave} cases={page.cases} territoryNames={territoryNames} />
      {pageCount > 1 && (
        <nav class="actions" aria-label={t('survey.staff.cases')}>
          {query.page > 1 && (
            <a class="button secondary" href={listHref({ page: query.page - 1, disposition })}>
              ← {query.page - 1}
            </a>
          )}
          <span>
            {query.page} / {pageCount}
          </span>
          {query.page < pageCount && (
            <a class="button secondary" href={listHref({ page: query.page + 1, disposition })}>
              {query.page + 1} →
            </a>
          )}
        </nav>
      )}
    </>,
    { wide: true, status: options.status ?? 200 },
  );
}

async function renderCasePage(c: AppContext, wave: Wave, caseCode: string, options: { newLink?: string } = {}) {
  const t = c.get('t');
  const db = c.get('db');
  const surveyCase = await getCaseByCode(db, wave.id, caseCode);
  const [history, response, questionnaire, names, territoryNames] = await Promise.all([
    listDispositionHistory(db, surveyCase.id),
    findResponseOfCase(db, surveyCase.id),
    getQuestionnaireById(db, wave.questionnaireId),
    accountNames(c),
    namesOfTerritories(db),
  ]);
  const flash = c.req.query('changed') === '1';
  return renderPage(
    c,
    t('survey.staff.case_title', { code: surveyCase.caseCode }),
    <>
      <p>
        <a href={waveHref(wave)}>{t('survey.staff.back_to_wave')}</a>
      </p>
      <h1>{t('survey.staff.case_title', { code: surveyCase.caseCode })}</h1>
      {flash && (
        <p class="notice" role="status">
          {t('survey.staff.disposition_changed')}
        </p>
      )}
      {options.newLink && (
        <div class="notice" role="status">
          <p>{t('survey.staff.link_once')}</p>
          <p>
            <code class="survey-link">{options.newLink}</code>
          </p>
        </div>
      )}
      <dl class="facts">
        <dt>{t('survey.staff.institution')}</dt>
        <dd>{surveyCase.organizationName ?? '—'}</dd>
        <dt>{t('survey.staff.respondent')}</dt>
        <dd>{surveyCase.respondentId ?? '—'}</dd>
        <dt>{t('survey.staff.type')}</dt>
        <dd>{surveyCase.institutionType ? t(`survey.institution_type.${surveyCase.institutionType}`) : '—'}</dd>
        <dt>{t('survey.staff.territory')}</dt>
        <dd>{territoryLabel(surveyCase.territory, territoryNames)}</dd>
        <dt>{t('survey.staff.email')}</dt>
        <dd>{surveyCase.contactEmail ?? '—'}</dd>
        <dt>{t('survey.staff.address')}</dt>
        <dd class="address" style="white-space: pre-line">{surveyCase.postalAddress ?? '—'}</dd>
        <dt>{t('survey.staff.disposition')}</dt>
        <dd>{t(`survey.disposition.${surveyCase.disposition}`)}</dd>
        <dt>{t('survey.staff.invited')}</dt>
        <dd>{moment(c, surveyCase.invitedAt)}</dd>
        <dt>{t('survey.staff.reminded')}</dt>
        <dd>{moment(c, surveyCase.remindedAt)}</dd>
      </dl>
      <h2>{t('survey.staff.change_disposition')}</h2>
      <form method="post" action={`${caseHref(wave, surveyCase)}/disposition`} class="card">
        <CsrfField c={c} />
        <div class="field">
          <label for="disposition">{t('survey.staff.disposition')}</label>
          <select id="disposition" name="disposition">
            {dispositions.map((item) => (
              <option value={item} selected={item === surveyCase.disposition}>
                {t(`survey.disposition.${item}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="note">{t('survey.staff.note')}</label>
          <p class="hint" id="note-hint">
            {t('survey.staff.note_hint')}
          </p>
          <input type="text" id="note" name="note" maxlength={500} aria-describedby="note-hint" />
        </div>
        <button type="submit">{t('survey.staff.save')}</button>
      </form>
      <h2>{t('survey.staff.history')}</h2>
      {history.length === 0 ? (
        <p>{t('survey.staff.no_history')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('survey.staff.when')}</th>
                <th scope="col">{t('survey.staff.from')}</th>
                <th scope="col">{t('survey.staff.to')}</th>
                <th scope="col">{t('survey.staff.who')}</th>
                <th scope="col">{t('survey.staff.note')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((change) => (
                <tr>
                  <td>{moment(c, change.occurredAt)}</td>
                  <td>{t(`survey.disposition.${change.from}`)}</td>
                  <td>{t(`survey.disposition.${change.to}`)}</td>
                  <td>{change.accountId ? (names.get(change.accountId) ?? change.accountId.slice(0, 8)) : t('survey.staff.system')}</td>
                  <td>{change.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {wave.status !== 'closed' && (
        <form method="post" action={`${caseHref(wave, surveyCase)}/link`}>
          <CsrfField c={c} />
          <p class="hint">{t('survey.staff.new_link_hint')}</p>
          <button type="submit" class="secondary">
            {t('survey.staff.new_link')}
          </button>
        </form>
      )}
      <h2>{t('survey.staff.answers')}</h2>
      {response ? <AnswersSummary c={c} definition={questionnaire.definition} answers={response.answers} audience="staff" /> : <p>{t('survey.staff.no_answers')}</p>}
    </>,
  );
}

function dateProblem(value: string | undefined): 'survey.staff.date_invalid' | null {
  return value && !isoDate.safeParse(value).success ? 'survey.staff.date_invalid' : null;
}

export const staffWaveRoutes = new Hono<AppEnvironment>()
  .use('/staff/waves', requireRole(...surveyStaffRoles))
  .use('/staff/waves/*', requireRole(...surveyStaffRoles))
  .get('/staff/waves', async (c) => {
    const t = c.get('t');
    const waves = await listWaves(c.get('db'));
    return renderPage(
      c,
      t('survey.staff.waves_title'),
      <>
        <h1>{t('survey.staff.waves_title')}</h1>
        <p>{t('survey.staff.waves_intro')}</p>
        <p>
          <a class="button" href="/staff/waves/new">
            {t('survey.staff.new_wave')}
          </a>
        </p>
        {waves.length === 0 ? (
          <p>{t('survey.staff.no_waves')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('survey.staff.name')}</th>
                  <th scope="col">{t('survey.staff.key')}</th>
                  <th scope="col">{t('survey.staff.status')}</th>
                  <th scope="col">{t('survey.staff.questionnaire')}</th>
                  <th scope="col" class="number">
                    {t('survey.staff.cases')}
                  </th>
                  <th scope="col" class="number">
                    {t('survey.staff.completes')}
                  </th>
                  <th scope="col" class="number">
                    {t('survey.staff.responses')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {waves.map((wave) => (
                  <tr>
                    <td>
                      <a href={waveHref(wave)}>{wave.name}</a>{' '}
                      {isDemonstrationWave(wave) && <DemoBadge t={t} explanation={t('survey.staff.demo_wave')} />}
                    </td>
                    <td>
                      <code>{wave.key}</code>
                    </td>
                    <td>
                      <StatusBadge c={c} status={wave.status} />
                    </td>
                    <td>{wave.questionnaireKey}</td>
                    <td class="number">{wave.cases}</td>
                    <td class="number">{wave.completes}</td>
                    <td class="number">{wave.responses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
      { wide: true },
    );
  })
  .get('/staff/waves/new', (c) => renderWaveForm(c, { questionnaireKey: 'lv-2004' }, {}))
  .post('/staff/waves', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const asList = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
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
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith('survey.') ? t(issue.message) : t('error.invalid_input');
    }
    for (const name of ['opensOn', 'closesOn'] as const) {
      const problem = dateProblem(raw[name] || undefined);
      if (problem) errors[name] = t(problem);
    }
    if (!errors.opensOn && !errors.closesOn && raw.opensOn && raw.closesOn && raw.closesOn < raw.opensOn) errors.closesOn = t('survey.staff.closes_before_opens');
    if (!parsed.success || Object.keys(errors).length > 0) return renderWaveForm(c, raw, errors, 400);
    const account = signedInAccount(c);
    const types = parsed.data.institutionTypes.filter((type) => (registryInstitutionTypes as readonly string[]).includes(type));
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
      if (error instanceof AppError && error.messageKey === 'survey.error.empty_sample') return renderWaveForm(c, raw, { institutionTypes: t(error.messageKey) }, 400);
      throw error;
    }
  })
  .get('/staff/waves/:key', async (c) => renderWavePage(c, await getWaveByKey(c.get('db'), c.req.param('key'))))
  .post('/staff/waves/:key/open', async (c) => {
    const account = signedInAccount(c);
    const wave = await c
      .get('db')
      .transaction()
      .execute(async (trx) => openWave(trx, (await getWaveByKey(trx, c.req.param('key'))).id, { accountId: account.id }));
    return c.redirect(waveHref(wave), 303);
  })
  .post('/staff/waves/:key/close', async (c) => {
    const account = signedInAccount(c);
    const wave = await c
      .get('db')
      .transaction()
      .execute(async (trx) => closeWave(trx, (await getWaveByKey(trx, c.req.param('key'))).id, { accountId: account.id }));
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
    if (!parsed.success) return renderWavePage(c, wave, { reopenError: t('survey.staff.date_invalid'), status: 400 });
    if (parsed.data.closesOn && parsed.data.closesOn < latvianToday()) {
      return renderWavePage(c, wave, { reopenError: t('survey.staff.closes_in_past'), status: 400 });
    }
    const reopened = await db.transaction().execute((trx) => reopenWave(trx, wave.id, { accountId: account.id, ...(parsed.data.closesOn ? { closesOn: parsed.data.closesOn } : {}) }));
    return c.redirect(waveHref(reopened), 303);
  })
  .get('/staff/waves/:key/responses.csv', async (c) => {
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="responses-${wave.key}.csv"`);
    c.header('Cache-Control', 'no-store');
    return stream(c, async (output) => {
      await exportResponses(db, wave, (chunk) => output.write(chunk).then(() => undefined));
    });
  })
  .post('/staff/waves/:key/responses', async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return renderWavePage(c, wave, { importError: t('survey.staff.import_no_file'), status: 400 });
    if (file.size > maximumUploadBytes) return renderWavePage(c, wave, { importError: t('survey.staff.import_too_big'), status: 400 });
    const account = signedInAccount(c);
    const text = await file.text();
    const outcome = await db.transaction().execute((trx) => tryImportResponses(trx, wave, text, { replace: body.replace === '1', accountId: account.id, note: 'imported from CSV (staff page)' }));
    if (!outcome.ok) {
      const problems = outcome.problems.map((problem) => {
        const where = problem.column ? t('survey.csv.where', { row: problem.row, column: problem.column }) : t('survey.csv.where_row', { row: problem.row });
        return `${where}: ${describeCsvProblem(problem, t)}`;
      });
      return renderWavePage(c, wave, { importProblems: problems, status: 400 });
    }
    return c.redirect(`${waveHref(wave)}?imported=${outcome.imported}`, 303);
  })
  .get('/staff/waves/:key/cases/:code', async (c) => renderCasePage(c, await getWaveByKey(c.get('db'), c.req.param('key')), c.req.param('code')))
  .post('/staff/waves/:key/cases/:code/disposition', async (c) => {
    const account = signedInAccount(c);
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const surveyCase = await getCaseByCode(db, wave.id, c.req.param('code'));
    const parsed = dispositionFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new AppError('invalid_input', 'error.invalid_input');
    await db.transaction().execute((trx) => changeDisposition(trx, surveyCase.id, parsed.data.disposition, { accountId: account.id, note: parsed.data.note || null }));
    return c.redirect(`${caseHref(wave, surveyCase)}?changed=1`, 303);
  })
  .post('/staff/waves/:key/cases/:code/link', async (c) => {
    const db = c.get('db');
    const wave = await getWaveByKey(db, c.req.param('key'));
    const surveyCase = await getCaseByCode(db, wave.id, c.req.param('code'));
    const token = await db.transaction().execute((trx) => issueInvitationToken(trx, surveyCase.id));
    // Shown once in this response (never in a URL we redirect to, never stored): the page is not cached.
    c.header('Cache-Control', 'no-store');
    return renderCasePage(c, wave, surveyCase.caseCode, { newLink: `${c.get('config').publicUrl}/survey/${token}` });
  });
