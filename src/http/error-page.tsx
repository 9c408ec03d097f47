import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnvironment } from './context.js';
import { Layout } from './layout.js';

/** The HTML page for an error: what happened in plain words, the details, the next step if there is one, and a way back. */
export async function renderErrorPage(
  c: Context<AppEnvironment>,
  status: ContentfulStatusCode,
  message: string,
  details: { path: string; message: string }[],
  nextStep?: { href: string; label: string },
) {
  const t = c.get('t');
  const page = (
    <Layout c={c} title={t('error.title')}>
      <h1>{t('error.title')}</h1>
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li>
              {detail.path ? <strong>{detail.path}: </strong> : null}
              {detail.message}
            </li>
          ))}
        </ul>
      )}
      {nextStep && (
        <p>
          <a class="button" href={nextStep.href}>
            {nextStep.label}
          </a>
        </p>
      )}
      <p>
        <a href="/">{t('error.back_home')}</a>
      </p>
    </Layout>
  );
  // Hono types a JSX element as a string, yet a tree with an async component renders to a Promise: keep the await.
  // eslint-disable-next-line @typescript-eslint/await-thenable
  return c.html(`<!doctype html>${await page.toString()}`, status);
}
