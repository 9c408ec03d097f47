// The registry's daily upkeep, run once per cluster as the job `registry.upkeep` (jobs/job-runner.ts): completed
// questionnaires count as verifications, institutions due for verification get their e-mail, and the mistake-report
// rate limit forgets yesterday.
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { pruneReportAttempts } from './mistake-report.service.js';
import { recordSurveyVerifications } from './survey-differences.service.js';
import { sendDueVerificationRequests } from './verification.service.js';

/** The job's name on the jobs table. */
export const registryUpkeepJob = 'registry.upkeep';

/** Runs the daily upkeep; returns counts only (kept with the job run). */
export async function runRegistryUpkeep(db: Kysely<Database>, config: Config, now: Date = new Date()): Promise<string> {
  const verifiedBySurvey = await recordSurveyVerifications(db);
  const asked = await sendDueVerificationRequests(db, config, now);
  const pruned = await pruneReportAttempts(db, now);
  return `verified by survey ${verifiedBySurvey}, asked ${asked}, pruned ${pruned}`;
}
