import { raw } from 'hono/html';
import { renderChartSvg } from './chart.js';
import type { ReportContent, ReportModel, ReportSection } from './report.model.js';

function Content(props: { item: ReportContent }) {
  const { item } = props;
  switch (item.kind) {
    case 'paragraph':
      return <p>{item.text}</p>;
    case 'notice':
      return (
        <p class="notice" role="status">
          {item.text}
        </p>
      );
    case 'heading':
      return <h3>{item.text}</h3>;
    case 'list':
      return item.ordered ? (
        <ol>
          {item.items.map((text) => (
            <li>{text}</li>
          ))}
        </ol>
      ) : (
        <ul>
          {item.items.map((text) => (
            <li>{text}</li>
          ))}
        </ul>
      );
    case 'quotes':
      return (
        <div class="report-quotes">
          <h3>{item.heading}</h3>
          <ul>
            {item.items.map((quote) => (
              <li>
                <q>{quote.text}</q>
                {quote.count > 1 && <span class="quote-count"> ×{quote.count}</span>}
              </li>
            ))}
          </ul>
          {item.more && <p class="hint">{item.more}</p>}
        </div>
      );
    case 'chart':
      return <figure class="report-chart">{raw(renderChartSvg(item.chart))}</figure>;
    case 'table':
      // A table wider than a phone scrolls inside its own box; the box is a named region a keyboard can focus
      // (tabindex 0), so its hidden columns can be reached with the arrow keys (axe: scrollable-region-focusable).
      return (
        <>
          <div class="table-scroll" tabindex={0} role="region" aria-labelledby={`table-${item.id}-caption`}>
            <table id={`table-${item.id}`}>
              <caption id={`table-${item.id}-caption`}>{item.caption}</caption>
              <thead>
                <tr>
                  {item.columns.map((column) => (
                    <th scope="col" class={column.numeric ? 'number' : undefined}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {item.rows.map((row) => (
                  <tr>
                    {row.map((cell, index) =>
                      index === 0 ? (
                        <th scope="row" class={item.columns[0]?.numeric ? 'number' : undefined}>
                          {cell}
                        </th>
                      ) : (
                        <td
                          class={
                            item.columns[index]?.numeric
                              ? 'number'
                              : item.columns[index]?.wide
                                ? 'text-wide'
                                : undefined
                          }
                        >
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {item.note && <p class="hint table-note">{item.note}</p>}
        </>
      );
  }
}

function Section(props: { section: ReportSection }) {
  return (
    <section id={props.section.id} aria-labelledby={`${props.section.id}-heading`}>
      <h2 id={`${props.section.id}-heading`}>{props.section.heading}</h2>
      {props.section.content.map((item) => (
        <Content item={item} />
      ))}
    </section>
  );
}

/** The report's body: title, notes, contents and sections; used by the app page and the standalone HTML file. */
export function ReportBody(props: { model: ReportModel; contentsLabel: string }) {
  const { model } = props;
  return (
    <article class="report">
      <h1>{model.title}</h1>
      <p class="report-subtitle">{model.subtitle}</p>
      {model.notes.map((note) => (
        <p class="hint">{note}</p>
      ))}
      <nav aria-label={props.contentsLabel} class="report-contents">
        <h2>{props.contentsLabel}</h2>
        <ol>
          {model.sections.map((section) => (
            <li>
              <a href={`#${section.id}`}>{section.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {model.sections.map((section) => (
        <Section section={section} />
      ))}
    </article>
  );
}

/** Styles the report needs beyond the app's site.css; also inlined into the standalone HTML file. */
export const reportStyles = `
.report table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; font-size: 0.95rem; }
.report caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
.report th, .report td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.6rem; vertical-align: top; text-align: left; }
.report .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report-chart { margin: 0.5rem 0 1.5rem; max-width: 100%; }
.report-chart svg { display: block; width: 100%; max-width: 100%; height: auto; }
.report td.text-wide { min-width: 12rem; }
.report .table-note { margin-top: -0.75rem; }
.report-quotes q { font-style: italic; }
.report-subtitle { font-size: 1.1rem; }
`;

/** A complete, self-contained HTML document of the report (inline styles, inline SVG, no scripts). */
export async function renderReportHtml(model: ReportModel, contentsLabel: string): Promise<string> {
  const page = (
    <html lang={model.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${model.title} — ${model.subtitle}`}</title>
        <style>
          {raw(
            `body{font-family:'DejaVu Sans',Verdana,sans-serif;line-height:1.5;margin:0 auto;max-width:52rem;padding:1rem;color:#1a1a1a}.table-scroll{overflow-x:auto}.notice{border-left:4px solid #0072B2;padding:0.5rem 0.75rem;background:#eef5fb}.hint{color:#555}${reportStyles}`,
          )}
        </style>
      </head>
      <body>
        <main>
          <ReportBody model={model} contentsLabel={contentsLabel} />
        </main>
      </body>
    </html>
  );
  // Hono types a JSX element as a string, yet a tree with an async component renders to a Promise: keep the await.
  // eslint-disable-next-line @typescript-eslint/await-thenable
  return `<!doctype html>${await page.toString()}`;
}
