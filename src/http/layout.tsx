import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnvironment } from './context.js';
import { CsrfField } from './csrf.js';
import { languages, type Language } from '../core/language.js';

const languageNames: Record<Language, string> = { lv: 'Latviešu', ru: 'Русский', en: 'English' };

// `post`: a button that posts a CSRF-protected form to `href` (sign-out must not be a GET link).
type NavigationLink = { href: string; label: string; post?: boolean };

/** Links other domains add to the top navigation; each entry is visible to everyone who can open it. */
export const navigationLinks: Array<(c: Context<AppEnvironment>) => NavigationLink | null> = [];

/** The frame every page shares: skip link, header with language switch, main, footer. */
export function Layout(props: {
  c: Context<AppEnvironment>;
  title: string;
  children: Child;
  wide?: boolean;
  withoutMenu?: boolean;
  /** What the page is for, in a sentence, for search engines and link previews; the site's own when left out. */
  description?: string;
}) {
  const { c, title } = props;
  const t = c.get('t');
  const language = c.get('language');
  const url = new URL(c.req.url);
  const switchHref = (target: Language) => {
    const params = new URLSearchParams(url.search);
    params.set('lang', target);
    return `${url.pathname}?${params.toString()}`;
  };
  // A survey respondent needs only the language switch: the site's menu would lead them away from their answers.
  const links = props.withoutMenu
    ? []
    : navigationLinks.map((link) => link(c)).filter((link): link is NavigationLink => link !== null);
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <meta name="description" content={props.description ?? t('meta.description')} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <a class="site-name" href="/">
            {t('app.name')}
          </a>
          <nav aria-label={t('nav.language')} class="language-switch">
            <ul>
              {languages.map((target) => (
                <li>
                  {target === language ? (
                    <span aria-current="true" lang={target}>
                      {languageNames[target]}
                    </span>
                  ) : (
                    <a href={switchHref(target)} lang={target} hreflang={target}>
                      {languageNames[target]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {links.length > 0 && (
            <nav aria-label={t('nav.main')} class="main-nav">
              <ul>
                {links.map((link) => (
                  <li>
                    {link.post ? (
                      <form method="post" action={link.href} class="nav-form">
                        <CsrfField c={c} />
                        <button type="submit">{link.label}</button>
                      </form>
                    ) : (
                      <a href={link.href}>{link.label}</a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class={props.wide ? 'wide' : undefined}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{t('footer.data')}</p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a full page with the shared frame; `status` lets a form re-render with 400. */
export async function renderPage(
  c: Context<AppEnvironment>,
  title: string,
  body: Child,
  options: {
    status?: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 429 | 500 | 503;
    wide?: boolean;
    withoutMenu?: boolean;
    description?: string;
  } = {},
) {
  const page = (
    <Layout c={c} title={title} wide={options.wide} withoutMenu={options.withoutMenu} description={options.description}>
      {body}
    </Layout>
  );
  // Hono types a JSX element as a string, yet a tree with an async component renders to a Promise: keep the await.
  // eslint-disable-next-line @typescript-eslint/await-thenable
  return c.html(`<!doctype html>${await page.toString()}`, options.status ?? 200);
}
