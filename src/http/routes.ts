import type { Hono } from 'hono';
import { homeRoutes } from './home.routes.js';
import { coverageRoutes } from '../coverage/coverage.routes.js';
import { institutionRoutes } from '../institutions/institution.routes.js';
import { planRoutes } from '../plan/plan.routes.js';
import { finderApiRoutes, finderRoutes } from '../finder/finder.routes.js';
import { accountRoutes } from '../accounts/accounts.routes.js';
import { mailRoutes } from '../mail/mail.routes.js';
import { jobsRoutes } from '../jobs/jobs.routes.js';
import { registryRoutes } from '../registry/registry.routes.js';
import { upkeepRoutes } from '../registry/upkeep.routes.js';
import { hsdsRoutes } from '../registry/hsds.routes.js';
import { invitationRoutes } from '../surveys/invitations.routes.js';
import { surveyRoutes } from '../surveys/survey.routes.js';
import { analysisRoutes } from '../analysis/analysis.routes.js';
import { staffReportRoutes } from '../report/staff-report.routes.js';
import { reportRoutes } from '../report/report.routes.js';
import { networkApiRoutes } from '../referrals/network-api.routes.js';
import { dpoRoutes } from '../dpo/dpo.routes.js';
import { planningApiRoutes, planningRoutes } from '../planning/planning.routes.js';
import { referralPageRoutes } from '../referrals/referral-pages.routes.js';
import { bedsApiRoutes, bedsRoutes } from '../beds/beds.routes.js';
import type { AppEnvironment } from './context.js';

/**
 * Mounts the public read-only JSON APIs. They need no session, CSRF token or cookie, so the app mounts them before
 * those middlewares: an API answer skips their work (a session lookup when a staff cookie comes along).
 */
export function mountMachineApiRoutes(app: Hono<AppEnvironment>): void {
  app.route('/', hsdsRoutes);
  app.route('/', finderApiRoutes);
}

/**
 * Mounts the network's JSON API. It authenticates by bearer token only, never by cookie, so it needs no CSRF check;
 * the app mounts it after the body limits and form checks, which it does need, and before the CSRF check.
 */
export function mountNetworkApiRoutes(app: Hono<AppEnvironment>): void {
  app.route('/', networkApiRoutes);
  app.route('/', planningApiRoutes);
  app.route('/', bedsApiRoutes);
}

/** Mounts every domain's pages and staff routes; one line per domain, in the order they should match. */
export function mountDomainRoutes(app: Hono<AppEnvironment>): void {
  app.route('/', homeRoutes);
  app.route('/', accountRoutes);
  app.route('/', registryRoutes);
  app.route('/', upkeepRoutes);
  app.route('/', coverageRoutes);
  app.route('/', institutionRoutes);
  app.route('/', planRoutes);
  app.route('/', finderRoutes);
  app.route('/', mailRoutes);
  app.route('/', jobsRoutes);
  app.route('/', invitationRoutes);
  app.route('/', surveyRoutes);
  app.route('/', analysisRoutes);
  app.route('/', staffReportRoutes);
  app.route('/', reportRoutes);
  app.route('/', dpoRoutes);
  app.route('/', planningRoutes);
  app.route('/', referralPageRoutes);
  app.route('/', bedsRoutes);
}
