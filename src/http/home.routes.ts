import { Hono } from 'hono';
import { formValuesFrom, renderFinderStart } from '../finder/finder.routes.js';
import type { AppEnvironment } from './context.js';

/**
 * The front page is the finder's entry: the needs in plain words and a place, nothing to read first. A search
 * URL opened here ("Change the search") comes back with its choices ticked.
 */
export const homeRoutes = new Hono<AppEnvironment>().get('/', (c) => {
  const t = c.get('t');
  return renderFinderStart(c, {
    heading: t('app.tagline'),
    intro: t('home.intro'),
    values: formValuesFrom(c.req.queries()),
  });
});
