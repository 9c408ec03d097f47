// The staff page of background jobs: each job with its schedule and state, and the latest failed runs. A view only:
// the route loads the data.
import type { Context } from 'hono';
import { formatMoment } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { StaffTable, type StaffTableColumn } from '../http/staff-components.js';
import type { JobRunView, JobView } from './job.service.js';

type AppContext = Context<AppEnvironment>;

function when(c: AppContext, value: Date | null): string {
  return value ? formatMoment(value, c.get('language')) : '—';
}

function jobLabel(c: AppContext, name: string): string {
  const label = c.get('t')(`jobs.name.${name}`);
  return label === `jobs.name.${name}` ? name : label;
}

function jobState(c: AppContext, job: JobView): string {
  const t = c.get('t');
  if (job.running) return t('jobs.state.running');
  if (job.status === 'waiting' && job.attempts > 0) return t('jobs.state.retrying', { count: job.attempts });
  return t(`jobs.state.${job.status}`);
}

export function renderJobsPage(c: AppContext, data: { jobs: JobView[]; failedRuns: JobRunView[] }) {
  const t = c.get('t');
  const jobColumns: Array<StaffTableColumn<JobView>> = [
    {
      header: t('jobs.column_name'),
      rowHeader: true,
      cell: (job) => (
        <>
          {jobLabel(c, job.name)}
          <br />
          <code>{job.name}</code>
        </>
      ),
    },
    {
      header: t('jobs.column_schedule'),
      cell: (job) => (job.everySeconds ? t('jobs.every_seconds', { seconds: job.everySeconds }) : t('jobs.once')),
    },
    { header: t('jobs.column_last'), cell: (job) => when(c, job.lastRunAt) },
    { header: t('jobs.column_next'), cell: (job) => (job.status === 'waiting' ? when(c, job.runAt) : '—') },
    {
      header: t('jobs.column_state'),
      cell: (job) => (
        <span class={`badge job-state-${job.status}${job.attempts > 0 ? ' job-failing' : ''}`}>{jobState(c, job)}</span>
      ),
    },
    {
      header: t('jobs.column_error'),
      cell: (job) => <span style="overflow-wrap: anywhere">{job.lastError ?? '—'}</span>,
    },
  ];
  const runColumns: Array<StaffTableColumn<JobRunView>> = [
    { header: t('jobs.column_started'), cell: (run) => when(c, run.startedAt) },
    { header: t('jobs.column_name'), rowHeader: true, cell: (run) => jobLabel(c, run.jobName) },
    { header: t('jobs.column_attempt'), numeric: true, cell: (run) => String(run.attempt) },
    { header: t('jobs.column_error'), cell: (run) => <span style="overflow-wrap: anywhere">{run.detail ?? '—'}</span> },
  ];
  return renderPage(
    c,
    t('jobs.title'),
    <>
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      <h2 id="jobs-list">{t('jobs.list')}</h2>
      <StaffTable columns={jobColumns} rows={data.jobs} empty={t('jobs.none')} labelledBy="jobs-list" />
      <h2 id="jobs-failures">{t('jobs.failures')}</h2>
      <StaffTable
        columns={runColumns}
        rows={data.failedRuns}
        empty={t('jobs.failures_none')}
        labelledBy="jobs-failures"
      />
    </>,
    { wide: true },
  );
}
