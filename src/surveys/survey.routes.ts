import { Hono } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { answeringRoutes } from './answering.routes.js';
import { paperEntryRoutes } from './paper-entry.routes.js';
import { staffWaveRoutes } from './staff-waves.routes.js';

/** Every route of the survey engine: the public questionnaire (/survey/<token>) and the staff pages (/staff/waves). */
export const surveyRoutes = new Hono<AppEnvironment>()
  .route('/', answeringRoutes)
  .route('/', paperEntryRoutes)
  .route('/', staffWaveRoutes);
