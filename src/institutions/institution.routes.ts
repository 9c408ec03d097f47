import { Hono } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { InstitutionPage } from './institution.pages.js';
import { getPublicInstitution } from './institution.service.js';
import { describeBedsOfServices } from '../beds/beds.components.js';
import { pickField } from '../registry/listing-text.js';

/** `/institutions/<id>`: one institution, public — its services, places, hours and a small map. */
export const institutionRoutes = new Hono<AppEnvironment>().get('/institutions/:id', async (c) => {
  const t = c.get('t');
  const language = c.get('language');
  // `?from=` is the ATVK code of the place searched (the finder's cards link with it): distances are measured from it.
  const page = await getPublicInstitution(c.get('db'), c.req.param('id'), language, new Date(), c.req.query('from'));
  const { institution } = page;
  const title = pickField(institution.name, institution.translations, 'name', language)?.text ?? institution.name;
  const description =
    pickField(institution.description, institution.translations, 'description', language)?.text ||
    t('meta.description');
  const bedWords = await describeBedsOfServices(
    c.get('db'),
    page.services.map((service) => service.id),
    t,
    language,
    c.get('config').bedsStaleAfterSeconds,
  );
  return renderPage(c, title, InstitutionPage({ page, t, language, bedWords }), { description });
});
