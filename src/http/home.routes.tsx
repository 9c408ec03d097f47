import { Hono } from 'hono';
import type { AppEnvironment } from './context.js';
import { renderPage } from './layout.js';

/** The front page: what the service is and where to start. Domains link themselves in through navigation. */
export const homeRoutes = new Hono<AppEnvironment>().get('/', (c) => {
  const t = c.get('t');
  return renderPage(
    c,
    t('app.tagline'),
    <>
      <h1>{t('app.tagline')}</h1>
      <p>{t('home.intro')}</p>
    </>,
  );
});
