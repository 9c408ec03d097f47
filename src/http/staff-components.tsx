// The building blocks every staff page shares: the data table with its pager, and the form page (title, error
// summary, a CSRF-protected POST form, the submit button). Staff needs only; the public pages have their own kit.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnvironment } from './context.js';
import { CsrfField } from './csrf.js';

type AppContext = Context<AppEnvironment>;

// ---- the data table and its pager --------------------------------------------------------------------------

/** One column: its header and what each row shows in it; `rowHeader` makes the cell a `<th scope="row">`. */
export type StaffTableColumn<Row> = {
  header: Child;
  cell: (row: Row) => Child;
  numeric?: boolean;
  rowHeader?: boolean;
};

/** Which page is shown, how many there are, and the list's address with the query parameters a page link keeps. */
export type StaffPaging = {
  page: number;
  pageCount: number;
  path: string;
  /** The list's other query parameters (a filter, a search); empty values are left out of the links. */
  query?: Record<string, string | undefined>;
  /** Where a page link lands on the page, e.g. 'cases'. */
  anchor?: string;
  labels: { navigation: string; previous: string; next: string; position: string };
};

/** The address of page `page` of a list: the other query parameters kept, page 1 without `page=`. */
export function pageHref(paging: Pick<StaffPaging, 'path' | 'query' | 'anchor'>, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(paging.query ?? {})) if (value && name !== 'page') params.set(name, value);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `${paging.path}${search ? `?${search}` : ''}${paging.anchor ? `#${paging.anchor}` : ''}`;
}

/** Previous and next links around "page of pages"; nothing when everything fits on one page. */
export function StaffPager(props: { paging: StaffPaging }) {
  const { page, pageCount, labels } = props.paging;
  if (pageCount <= 1) return null;
  return (
    <nav class="actions" aria-label={labels.navigation}>
      {page > 1 && (
        <a class="button secondary" href={pageHref(props.paging, page - 1)} rel="prev">
          {labels.previous}
        </a>
      )}
      <span>{labels.position}</span>
      {page < pageCount && (
        <a class="button secondary" href={pageHref(props.paging, page + 1)} rel="next">
          {labels.next}
        </a>
      )}
    </nav>
  );
}

/**
 * A staff data table: a caption (shown, or named by a heading through `labelledBy`), the columns, the rows, what
 * to say when there are none, and the pager when the list has more than one page.
 */
export function StaffTable<Row>(props: {
  columns: Array<StaffTableColumn<Row>>;
  rows: Row[];
  /** What to say when there are no rows; leave out where a count beside the table already says 0. */
  empty?: Child;
  caption?: Child;
  labelledBy?: string;
  paging?: StaffPaging;
}) {
  return (
    <>
      {props.rows.length === 0 ? (
        props.empty !== undefined && <p class="notice">{props.empty}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby={props.labelledBy}>
            {props.caption !== undefined && <caption>{props.caption}</caption>}
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th scope="col" class={column.numeric ? 'number' : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  {props.columns.map((column) =>
                    column.rowHeader ? (
                      <th scope="row" class={column.numeric ? 'number' : undefined}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td class={column.numeric ? 'number' : undefined}>{column.cell(row)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.paging && <StaffPager paging={props.paging} />}
    </>
  );
}

// ---- forms -------------------------------------------------------------------------------------------------

/** A wrong field: the id of its input (the summary links there) and what is wrong, in the reader's language. */
export type FieldProblem = { fieldId: string; message: string };

/** Field errors keyed by input id, as the summary lists them. */
export function problemsOf(errors: Record<string, string>): FieldProblem[] {
  return Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message }));
}

/**
 * The box at the top of a form that failed: a heading (`message` when the form as a whole was refused), then
 * one link per wrong field. Nothing when there is nothing to say.
 */
export function ErrorSummary(props: { c: AppContext; problems: FieldProblem[]; heading?: string; message?: string }) {
  if (props.problems.length === 0 && !props.message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{props.message ?? props.heading ?? props.c.get('t')('error.invalid_input')}</h2>
      {props.problems.length > 0 && (
        <ul>
          {props.problems.map((problem) => (
            <li>
              <a href={`#${problem.fieldId}`}>{problem.message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type StaffFormProps = {
  c: AppContext;
  action: string;
  submitLabel: string;
  problems?: FieldProblem[];
  /** The summary's heading when fields are wrong; "Please correct the marked fields" unless given. */
  errorHeading?: string;
  /** A refusal of the whole form (wrong password, a conflict): the summary's heading. */
  message?: string;
  enctype?: 'multipart/form-data';
  class?: string;
  /** Beside the submit button, e.g. a cancel link. */
  secondary?: Child;
  children?: Child;
};

/** The error summary, then `<form method="post">` with its CSRF field, the fields and the submit button. */
export function StaffForm(props: StaffFormProps) {
  return (
    <>
      <ErrorSummary c={props.c} problems={props.problems ?? []} heading={props.errorHeading} message={props.message} />
      <form method="post" action={props.action} enctype={props.enctype} class={props.class} novalidate>
        <CsrfField c={props.c} />
        {props.children}
        <div class="actions">
          <button type="submit">{props.submitLabel}</button>
          {props.secondary}
        </div>
      </form>
    </>
  );
}

/** A staff page that is one form: a link back, the title, an introduction, the form, then whatever follows it. */
export function StaffFormPage(
  props: StaffFormProps & { title: Child; back?: { href: string; label: string }; intro?: Child; after?: Child },
) {
  const { title, back, intro, after, ...form } = props;
  return (
    <>
      {back && (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      )}
      <h1>{title}</h1>
      {intro}
      <StaffForm {...form} />
      {after}
    </>
  );
}
