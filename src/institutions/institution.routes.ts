import { Hono } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { InstitutionPage } from './institution.pages.js';
import { getPublicInstitution } from './institution.service.js';

/** `/institutions/<id>`: one institution, public — its services, places, hours and a small map. */
export const institutionRoutes = new Hono<AppEnvironment>().get('/institutions/:id', async (c) => {
  const t = c.get('t');
  const language = c.get('language');
  // `?from=` is the ATVK code of the place searched (the finder's cards link with it): distances are measured from it.
  const page = await getPublicInstitution(c.get('db'), c.req.param('id'), language, new Date(), c.req.query('from'));
  const description = page.institution.description || t('meta.description');
  return renderPage(c, page.institution.name, InstitutionPage({ page, t, language }), { description });
});
