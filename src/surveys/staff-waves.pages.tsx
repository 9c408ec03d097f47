// Staff pages of the survey engine: the list of waves, the new-wave form, one wave (facts, actions, CSV import,
// history, dispositions, its cases) and one case. Views only: the routes load the data and pass it in.
import type { Context } from 'hono';
import { formatCalendarDate, formatMoment } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import {
  problemsOf,
  StaffFormPage,
  StaffTable,
  type StaffPaging,
  type StaffTableColumn,
} from '../http/staff-components.js';
import type { DispositionChange, SurveyCase } from './case.service.js';
import { AnswersSummary } from './questionnaire-form.pages.js';
import { localize, type Questionnaire } from './questionnaire.service.js';
import { dispositions, type Answers, type Disposition } from './survey.table.js';
import { registryInstitutionTypes } from './surveys.schema.js';
import type { Wave, WaveEvent, WaveSummary } from './wave.service.js';
import { DemoBadge } from '../registry/demo-badge.js';
import { isDemonstrationWave } from './lv2004/demo-wave.js';

type AppContext = Context<AppEnvironment>;

export const waveHref = (wave: { key: string }) => `/staff/waves/${encodeURIComponent(wave.key)}`;
export const caseHref = (wave: { key: string }, surveyCase: { caseCode: string }) =>
  `${waveHref(wave)}/cases/${encodeURIComponent(surveyCase.caseCode)}`;

function StatusBadge(props: { c: AppContext; status: Wave['status'] }) {
  return <span class={`badge wave-${props.status}`}>{props.c.get('t')(`survey.status.${props.status}`)}</span>;
}

function moment(c: AppContext, value: Date | null): string {
  return value ? formatMoment(value, c.get('language'), 'medium') : '—';
}

function calendarDate(c: AppContext, value: string | null): string {
  return value ? formatCalendarDate(value, c.get('language')) : '—';
}

/** The name of whoever made a change, or the start of their id when the account is gone. */
function who(names: Map<string, string>, accountId: string): string {
  return names.get(accountId) ?? accountId.slice(0, 8);
}

/** ATVK code → name for cases whose territory was recorded as a code (a 2004-era region stays as typed). */
function territoryLabel(territory: string | null, names: Map<string, string>): string {
  if (!territory) return '—';
  return names.get(territory) ?? territory;
}

// ---- the list of waves -------------------------------------------------------------------------------------

export function renderWaveListPage(c: AppContext, waves: WaveSummary[]) {
  const t = c.get('t');
  const columns: Array<StaffTableColumn<WaveSummary>> = [
    {
      header: t('survey.staff.name'),
      cell: (wave) => (
        <>
          <a href={waveHref(wave)}>{wave.name}</a>{' '}
          {isDemonstrationWave(wave) && <DemoBadge t={t} explanation={t('survey.staff.demo_wave')} />}
        </>
      ),
    },
    { header: t('survey.staff.key'), cell: (wave) => <code>{wave.key}</code> },
    { header: t('survey.staff.status'), cell: (wave) => <StatusBadge c={c} status={wave.status} /> },
    { header: t('survey.staff.questionnaire'), cell: (wave) => wave.questionnaireKey },
    { header: t('survey.staff.cases'), cell: (wave) => wave.cases, numeric: true },
    { header: t('survey.staff.completes'), cell: (wave) => wave.completes, numeric: true },
    { header: t('survey.staff.responses'), cell: (wave) => wave.responses, numeric: true },
  ];
  return renderPage(
    c,
    t('survey.staff.waves_title'),
    <>
      <h1 id="waves-title">{t('survey.staff.waves_title')}</h1>
      <p>{t('survey.staff.waves_intro')}</p>
      <p>
        <a class="button" href="/staff/waves/new">
          {t('survey.staff.new_wave')}
        </a>
      </p>
      <StaffTable columns={columns} rows={waves} empty={t('survey.staff.no_waves')} labelledBy="waves-title" />
    </>,
    { wide: true },
  );
}

// ---- a new wave --------------------------------------------------------------------------------------------

export type WaveFormValues = {
  name?: string;
  questionnaireKey?: string;
  institutionTypes?: string[];
  territoryCodes?: string[];
  opensOn?: string;
  closesOn?: string;
};

export type WaveFormChoices = {
  questionnaires: Array<{ key: string; title: string }>;
  municipalities: Array<{ code: string; name: string }>;
};

function FieldError(props: { name: string; errors: Record<string, string> }) {
  const message = props.errors[props.name];
  return message ? (
    <p class="field-error" id={`${props.name}-error`}>
      {message}
    </p>
  ) : null;
}

function SampleFields(props: { c: AppContext; choices: WaveFormChoices; values: WaveFormValues }) {
  const { values } = props;
  const t = props.c.get('t');
  return (
    <>
      <fieldset id="institutionTypes">
        <legend>{t('survey.staff.institution_types')}</legend>
        <p class="hint">{t('survey.staff.institution_types_hint')}</p>
        {registryInstitutionTypes.map((type) => (
          <label for={`type-${type}`}>
            <input
              type="checkbox"
              id={`type-${type}`}
              name="institutionTypes"
              value={type}
              checked={values.institutionTypes?.includes(type)}
            />
            <span>{t(`survey.registry_type.${type}`)}</span>
          </label>
        ))}
      </fieldset>
      <details open={(values.territoryCodes?.length ?? 0) > 0}>
        <summary>{t('survey.staff.territories')}</summary>
        <fieldset>
          <legend>{t('survey.staff.territories')}</legend>
          <p class="hint">{t('survey.staff.territories_hint')}</p>
          {props.choices.municipalities.map((municipality) => (
            <label for={`territory-${municipality.code}`}>
              <input
                type="checkbox"
                id={`territory-${municipality.code}`}
                name="territoryCodes"
                value={municipality.code}
                checked={values.territoryCodes?.includes(municipality.code)}
              />
              <span>{municipality.name}</span>
            </label>
          ))}
        </fieldset>
      </details>
    </>
  );
}

export function renderWaveFormPage(
  c: AppContext,
  form: { choices: WaveFormChoices; values: WaveFormValues; errors: Record<string, string> },
  status: 200 | 400 = 200,
) {
  const t = c.get('t');
  const { values, errors } = form;
  const fieldClass = (name: string) => (errors[name] ? 'field has-error' : 'field');
  return renderPage(
    c,
    t('survey.staff.new_wave'),
    <StaffFormPage
      c={c}
      title={t('survey.staff.new_wave')}
      back={{ href: '/staff/waves', label: t('survey.staff.back_to_waves') }}
      action="/staff/waves"
      submitLabel={t('survey.staff.create')}
      problems={problemsOf(errors)}
    >
      <div class={fieldClass('name')}>
        <label for="name">{t('survey.staff.name')}</label>
        <FieldError name="name" errors={errors} />
        <input
          type="text"
          id="name"
          name="name"
          value={values.name ?? ''}
          required
          aria-describedby={errors.name ? 'name-error' : undefined}
        />
      </div>
      <div class="field">
        <label for="questionnaireKey">{t('survey.staff.questionnaire')}</label>
        <select id="questionnaireKey" name="questionnaireKey">
          {form.choices.questionnaires.map((questionnaire) => (
            <option value={questionnaire.key} selected={values.questionnaireKey === questionnaire.key}>
              {questionnaire.key} — {questionnaire.title}
            </option>
          ))}
        </select>
      </div>
      <SampleFields c={c} choices={form.choices} values={values} />
      {(['opensOn', 'closesOn'] as const).map((name) => (
        <div class={fieldClass(name)}>
          <label for={name}>{t(name === 'opensOn' ? 'survey.staff.opens_on' : 'survey.staff.closes_on')}</label>
          <p class="hint" id={`${name}-hint`}>
            {t('survey.staff.date_hint')}
          </p>
          <FieldError name={name} errors={errors} />
          <input type="date" id={name} name={name} value={values[name] ?? ''} aria-describedby={`${name}-hint`} />
        </div>
      ))}
    </StaffFormPage>,
    { status },
  );
}

// ---- one wave ----------------------------------------------------------------------------------------------

/** Everything the wave page shows, loaded by the route. */
export type WavePageData = {
  wave: Wave;
  questionnaire: Questionnaire;
  events: WaveEvent[];
  counts: Record<Disposition, number>;
  cases: { rows: SurveyCase[]; total: number; page: number; pageCount: number; disposition: Disposition | undefined };
  accountNames: Map<string, string>;
  territoryNames: Map<string, string>;
  /** How many responses the CSV import just brought in (the redirect after an import says it). */
  imported: number | undefined;
};

/** What a failed reopen or CSV import shows on the wave page it re-renders. */
export type WavePageProblems = { reopenError?: string; importError?: string; importProblems?: string[] };

/** The wave's own page, cases filtered by disposition: the address of one page of that list. */
function caseListHref(wave: Wave, target: { disposition?: Disposition }): string {
  return `${waveHref(wave)}${target.disposition ? `?disposition=${target.disposition}` : ''}#cases`;
}

function WaveFacts(props: { c: AppContext; data: WavePageData }) {
  const { c, data } = props;
  const { wave } = data;
  const t = c.get('t');
  return (
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
        {data.questionnaire.key} — {localize(data.questionnaire.title, c.get('language'))}
      </dd>
      <dt>{t('survey.staff.opens_on')}</dt>
      <dd>{calendarDate(c, wave.opensOn)}</dd>
      <dt>{t('survey.staff.closes_on')}</dt>
      <dd>{calendarDate(c, wave.closesOn)}</dd>
    </dl>
  );
}

function PostButton(props: { c: AppContext; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={props.action}>
      <CsrfField c={props.c} />
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function WaveActions(props: { c: AppContext; wave: Wave }) {
  const { c, wave } = props;
  const t = c.get('t');
  return (
    <div class="actions">
      {wave.status === 'draft' && <PostButton c={c} action={`${waveHref(wave)}/open`} label={t('survey.staff.open')} />}
      {wave.status === 'open' && (
        <a class="button" href={`${waveHref(wave)}/invitations`}>
          {t('invitations.title')}
        </a>
      )}
      {wave.status === 'open' && (
        <PostButton c={c} action={`${waveHref(wave)}/close`} label={t('survey.staff.close')} secondary />
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
  );
}

function ReopenForm(props: { c: AppContext; wave: Wave; error: string | undefined }) {
  const { c, wave, error } = props;
  const t = c.get('t');
  return (
    <form method="post" action={`${waveHref(wave)}/reopen`} class="card" novalidate>
      <CsrfField c={c} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for="closesOn">{t('survey.staff.reopen_closes_on')}</label>
        <p class="hint" id="closesOn-hint">
          {t('survey.staff.date_hint')}
        </p>
        {error && <p class="field-error">{error}</p>}
        <input type="date" id="closesOn" name="closesOn" aria-describedby="closesOn-hint" />
      </div>
      <button type="submit">{t('survey.staff.reopen')}</button>
    </form>
  );
}

function ImportForm(props: { c: AppContext; wave: Wave; problems: WavePageProblems }) {
  const { c, wave, problems } = props;
  const t = c.get('t');
  return (
    <details class="card" open={problems.importError !== undefined || problems.importProblems !== undefined}>
      <summary>{t('survey.staff.import_title')}</summary>
      <form method="post" action={`${waveHref(wave)}/responses`} enctype="multipart/form-data" novalidate>
        <CsrfField c={c} />
        <p class="hint">{t('survey.staff.import_hint')}</p>
        {problems.importProblems && (
          <div class="error-summary" role="alert">
            <h2>{t('survey.csv.rejected', { count: problems.importProblems.length })}</h2>
            <ul>
              {problems.importProblems.slice(0, 200).map((problem) => (
                <li>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <div class={problems.importError ? 'field has-error' : 'field'}>
          <label for="responses-file">{t('survey.staff.import_file')}</label>
          {problems.importError && <p class="field-error">{problems.importError}</p>}
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
  );
}

function WaveHistory(props: { c: AppContext; data: WavePageData }) {
  const { c, data } = props;
  const t = c.get('t');
  return (
    <>
      <h2>{t('survey.staff.history')}</h2>
      {data.events.length === 0 ? (
        <p>{t('survey.staff.no_events')}</p>
      ) : (
        <ul>
          {data.events.map((event) => (
            <li>
              {moment(c, event.occurredAt)}: {t(`survey.event.${event.event}`)}
              {event.accountId ? ` (${who(data.accountNames, event.accountId)})` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function DispositionCounts(props: { c: AppContext; data: WavePageData }) {
  const { c, data } = props;
  const t = c.get('t');
  const total = Object.values(data.counts).reduce((sum, count) => sum + count, 0);
  return (
    <>
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
                <td>
                  {data.counts[item] > 0 ? (
                    <a href={caseListHref(data.wave, { disposition: item })}>{t(`survey.disposition.${item}`)}</a>
                  ) : (
                    t(`survey.disposition.${item}`)
                  )}
                </td>
                <td class="number">{data.counts[item]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <a href={caseListHref(data.wave, {})}>{t('survey.staff.cases')}</a>
              </th>
              <td class="number">{total}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

function WaveCases(props: { c: AppContext; data: WavePageData }) {
  const { c, data } = props;
  const { wave, cases } = data;
  const t = c.get('t');
  const columns: Array<StaffTableColumn<SurveyCase>> = [
    { header: t('survey.staff.case'), cell: (item) => <a href={caseHref(wave, item)}>{item.caseCode}</a> },
    { header: t('survey.staff.institution'), cell: (item) => item.organizationName ?? item.respondentId ?? '—' },
    {
      header: t('survey.staff.type'),
      cell: (item) => (item.institutionType ? t(`survey.institution_type.${item.institutionType}`) : '—'),
    },
    { header: t('survey.staff.territory'), cell: (item) => territoryLabel(item.territory, data.territoryNames) },
    { header: t('survey.staff.disposition'), cell: (item) => t(`survey.disposition.${item.disposition}`) },
    { header: t('survey.staff.invited'), cell: (item) => moment(c, item.invitedAt) },
    { header: t('survey.staff.reminded'), cell: (item) => moment(c, item.remindedAt) },
    { header: t('survey.staff.completed'), cell: (item) => moment(c, item.completedAt) },
  ];
  const paging: StaffPaging = {
    page: cases.page,
    pageCount: cases.pageCount,
    path: waveHref(wave),
    query: { disposition: cases.disposition },
    anchor: 'cases',
    labels: {
      navigation: t('survey.staff.cases'),
      previous: `← ${cases.page - 1}`,
      next: `${cases.page + 1} →`,
      position: `${cases.page} / ${cases.pageCount}`,
    },
  };
  return (
    <>
      <h2 id="cases">
        {t('survey.staff.cases')}
        {cases.disposition ? `: ${t(`survey.disposition.${cases.disposition}`)}` : ''} ({cases.total})
      </h2>
      <StaffTable columns={columns} rows={cases.rows} labelledBy="cases" paging={paging} />
    </>
  );
}

export function renderWavePage(
  c: AppContext,
  data: WavePageData,
  problems: WavePageProblems = {},
  status: 200 | 400 = 200,
) {
  const t = c.get('t');
  const { wave } = data;
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
      <WaveFacts c={c} data={data} />
      <WaveActions c={c} wave={wave} />
      {data.imported !== undefined && (
        <p class="notice" role="status">
          {t('survey.staff.imported', { count: data.imported })}
        </p>
      )}
      {wave.status === 'closed' && <ReopenForm c={c} wave={wave} error={problems.reopenError} />}
      <ImportForm c={c} wave={wave} problems={problems} />
      <WaveHistory c={c} data={data} />
      <DispositionCounts c={c} data={data} />
      <WaveCases c={c} data={data} />
    </>,
    { wide: true, status },
  );
}

// ---- one case ----------------------------------------------------------------------------------------------

/** Everything the case page shows, loaded by the route. */
export type CasePageData = {
  wave: Wave;
  surveyCase: SurveyCase;
  history: DispositionChange[];
  answers: Answers | null;
  questionnaire: Questionnaire;
  accountNames: Map<string, string>;
  territoryNames: Map<string, string>;
  /** The disposition was just changed (the redirect after the change says so). */
  changed: boolean;
  /** A new survey link, shown once on the answer that made it. */
  newLink?: string;
};

function CaseFacts(props: { c: AppContext; data: CasePageData }) {
  const { c, data } = props;
  const { surveyCase } = data;
  const t = c.get('t');
  return (
    <dl class="facts">
      <dt>{t('survey.staff.institution')}</dt>
      <dd>{surveyCase.organizationName ?? '—'}</dd>
      <dt>{t('survey.staff.respondent')}</dt>
      <dd>{surveyCase.respondentId ?? '—'}</dd>
      <dt>{t('survey.staff.type')}</dt>
      <dd>{surveyCase.institutionType ? t(`survey.institution_type.${surveyCase.institutionType}`) : '—'}</dd>
      <dt>{t('survey.staff.territory')}</dt>
      <dd>{territoryLabel(surveyCase.territory, data.territoryNames)}</dd>
      <dt>{t('survey.staff.email')}</dt>
      <dd>{surveyCase.contactEmail ?? '—'}</dd>
      <dt>{t('survey.staff.address')}</dt>
      <dd class="address" style="white-space: pre-line">
        {surveyCase.postalAddress ?? '—'}
      </dd>
      <dt>{t('survey.staff.disposition')}</dt>
      <dd>{t(`survey.disposition.${surveyCase.disposition}`)}</dd>
      <dt>{t('survey.staff.invited')}</dt>
      <dd>{moment(c, surveyCase.invitedAt)}</dd>
      <dt>{t('survey.staff.reminded')}</dt>
      <dd>{moment(c, surveyCase.remindedAt)}</dd>
    </dl>
  );
}

function DispositionForm(props: { c: AppContext; data: CasePageData }) {
  const { c, data } = props;
  const t = c.get('t');
  return (
    <>
      <h2>{t('survey.staff.change_disposition')}</h2>
      <form method="post" action={`${caseHref(data.wave, data.surveyCase)}/disposition`} class="card">
        <CsrfField c={c} />
        <div class="field">
          <label for="disposition">{t('survey.staff.disposition')}</label>
          <select id="disposition" name="disposition">
            {dispositions.map((item) => (
              <option value={item} selected={item === data.surveyCase.disposition}>
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
    </>
  );
}

function DispositionHistory(props: { c: AppContext; data: CasePageData }) {
  const { c, data } = props;
  const t = c.get('t');
  const columns: Array<StaffTableColumn<DispositionChange>> = [
    { header: t('survey.staff.when'), cell: (change) => moment(c, change.occurredAt) },
    { header: t('survey.staff.from'), cell: (change) => t(`survey.disposition.${change.from}`) },
    { header: t('survey.staff.to'), cell: (change) => t(`survey.disposition.${change.to}`) },
    {
      header: t('survey.staff.who'),
      cell: (change) => (change.accountId ? who(data.accountNames, change.accountId) : t('survey.staff.system')),
    },
    { header: t('survey.staff.note'), cell: (change) => change.note ?? '' },
  ];
  return (
    <>
      <h2 id="case-history">{t('survey.staff.history')}</h2>
      <StaffTable
        columns={columns}
        rows={data.history}
        empty={t('survey.staff.no_history')}
        labelledBy="case-history"
      />
    </>
  );
}

export function renderCasePage(c: AppContext, data: CasePageData) {
  const t = c.get('t');
  const { wave, surveyCase } = data;
  const title = t('survey.staff.case_title', { code: surveyCase.caseCode });
  return renderPage(
    c,
    title,
    <>
      <p>
        <a href={waveHref(wave)}>{t('survey.staff.back_to_wave')}</a>
      </p>
      <h1>{title}</h1>
      {data.changed && (
        <p class="notice" role="status">
          {t('survey.staff.disposition_changed')}
        </p>
      )}
      {data.newLink && (
        <div class="notice" role="status">
          <p>{t('survey.staff.link_once')}</p>
          <p>
            <code class="survey-link">{data.newLink}</code>
          </p>
        </div>
      )}
      <CaseFacts c={c} data={data} />
      <DispositionForm c={c} data={data} />
      <DispositionHistory c={c} data={data} />
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
      {data.answers ? (
        <AnswersSummary c={c} definition={data.questionnaire.definition} answers={data.answers} audience="staff" />
      ) : (
        <p>{t('survey.staff.no_answers')}</p>
      )}
    </>,
  );
}
