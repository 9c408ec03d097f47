// The staff table, its pager and the form shell, rendered by a real Hono app with the real translator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { translatorFor } from '../core/i18n.js';
import type { AppEnvironment } from './context.js';
import { pageHref, StaffFormPage, StaffTable, type StaffPaging, type StaffTableColumn } from './staff-components.js';

/** The HTML a page body renders to, with `t` in English and a CSRF token as the app's middleware sets them. */
async function render(body: (c: Context<AppEnvironment>) => Child): Promise<string> {
  const app = new Hono<AppEnvironment>().get('/', async (c) => {
    c.set('t', translatorFor('en'));
    c.set('csrfToken', 'token-123');
    // Hono types a JSX element as a string, yet a tree with an async component renders to a Promise: keep the await.
    // eslint-disable-next-line @typescript-eslint/await-thenable
    return c.html(`${await (<div>{body(c)}</div>).toString()}`);
  });
  return (await app.request('/')).text();
}

type Row = { name: string; count: number };
const columns: Array<StaffTableColumn<Row>> = [
  { header: 'Name', cell: (row) => row.name, rowHeader: true },
  { header: 'Count', cell: (row) => row.count, numeric: true },
];
const labels = { navigation: 'Pages', previous: 'Previous', next: 'Next', position: 'Page 2 of 3' };

test('a page link keeps the other query parameters, drops empty ones and leaves page 1 without page=', () => {
  const paging = {
    path: '/staff/outbox',
    query: { status: 'failed', q: 'Rīga', empty: '', missing: undefined, page: '7' },
  };
  assert.equal(pageHref(paging, 3), '/staff/outbox?status=failed&q=R%C4%ABga&page=3');
  assert.equal(pageHref(paging, 1), '/staff/outbox?status=failed&q=R%C4%ABga');
  assert.equal(pageHref({ path: '/staff/waves/a%20b', anchor: 'cases' }, 2), '/staff/waves/a%20b?page=2#cases');
});

test('the table shows a caption, headers, one row per item and the pager links', async () => {
  const paging: StaffPaging = { page: 2, pageCount: 3, path: '/staff/list', query: { type: 'ngo' }, labels };
  const html = await render(() => (
    <StaffTable
      columns={columns}
      rows={[
        { name: 'A & B', count: 3 },
        { name: 'C', count: 0 },
      ]}
      caption="Things"
      empty="None"
      paging={paging}
    />
  ));
  assert.match(html, /<caption>Things<\/caption>/);
  assert.match(html, /<th scope="col" class="number">Count<\/th>/);
  assert.match(html, /<th scope="row">A &amp; B<\/th><td class="number">3<\/td>/);
  assert.equal(html.match(/<tr>/g)?.length, 3, 'a header row and two rows');
  assert.match(html, /<nav class="actions" aria-label="Pages">/);
  assert.match(html, /href="\/staff\/list\?type=ngo" rel="prev">Previous</);
  assert.match(html, /href="\/staff\/list\?type=ngo&amp;page=3" rel="next">Next</);
  assert.ok(!html.includes('None'), 'no empty state when there are rows');
});

test('an empty table says so instead of drawing headers, and one page needs no pager', async () => {
  const paging: StaffPaging = { page: 1, pageCount: 1, path: '/staff/list', labels };
  const html = await render(() => <StaffTable columns={columns} rows={[]} empty="Nothing found" paging={paging} />);
  assert.match(html, /<p class="notice">Nothing found<\/p>/);
  assert.ok(!html.includes('<table'));
  assert.ok(!html.includes('<nav'));
});

test('the form page: title, a summary that links each wrong field, a POST form with the CSRF field, the button', async () => {
  const html = await render((c) => (
    <StaffFormPage
      c={c}
      title="New thing"
      back={{ href: '/staff/things', label: 'Back' }}
      action="/staff/things"
      submitLabel="Create"
      problems={[
        { fieldId: 'name', message: 'Name: required' },
        { fieldId: 'field-phones-0', message: 'Phone: not a number' },
      ]}
      secondary={<a href="/staff/things">Cancel</a>}
    >
      <input id="name" name="name" />
    </StaffFormPage>
  ));
  assert.match(html, /<a href="\/staff\/things">Back<\/a>[\s\S]*<h1>New thing<\/h1>/);
  assert.match(
    html,
    /<div class="error-summary" role="alert" tabindex="-1"><h2>Please correct the marked fields.<\/h2>/,
  );
  assert.match(
    html,
    /<li><a href="#name">Name: required<\/a><\/li><li><a href="#field-phones-0">Phone: not a number<\/a><\/li>/,
  );
  assert.match(
    html,
    /<form method="post" action="\/staff\/things" novalidate=""><input type="hidden" name="_csrf" value="token-123"\/>/,
  );
  assert.match(html, /<button type="submit">Create<\/button><a href="\/staff\/things">Cancel<\/a><\/div><\/form>/);
});

test('the form page without problems has no summary; a refusal of the whole form is its heading', async () => {
  const clean = await render((c) => <StaffFormPage c={c} title="Sign in" action="/login" submitLabel="Sign in" />);
  assert.ok(!clean.includes('error-summary'));
  const refused = await render((c) => (
    <StaffFormPage c={c} title="Sign in" action="/login" submitLabel="Sign in" message="Wrong e-mail or password." />
  ));
  assert.match(refused, /<div class="error-summary"[^>]*><h2>Wrong e-mail or password.<\/h2><\/div>/);
});
