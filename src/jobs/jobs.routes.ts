import { Hono } from 'hono';
import { requireRole } from '../accounts/access.middleware.js';
import { staffHomeLinks } from '../accounts/staff-links.js';
import type { AppEnvironment } from '../http/context.js';
import { getJobsOverview } from './job.service.js';
import { renderJobsPage } from './jobs.pages.js';

staffHomeLinks.push((account, t) =>
  account.role === 'administrator'
    ? { href: '/staff/jobs', label: t('jobs.title'), description: t('jobs.description') }
    : null,
);

/** `/staff/jobs`: background jobs and their failed runs, for administrators. */
export const jobsRoutes = new Hono<AppEnvironment>().get('/staff/jobs', requireRole('administrator'), async (c) => {
  c.header('Cache-Control', 'no-store');
  return renderJobsPage(c, await getJobsOverview(c.get('db')));
});
