import PDFDocument from 'pdfkit';
import { pdfFontFiles } from '../pdf/fonts.js';
import { layoutChart, type BarChart } from './chart.js';
import type { ReportContent, ReportModel, ReportTable } from './report.model.js';

// The report as a PDF, drawn without a browser: pdfkit with DejaVu Sans embedded (every Latvian and Russian letter,
// searchable text), charts drawn as vectors from the same layout the SVG uses.

// Two faces only (each embedded font is subset for every document; quotes read well in “marks”), named by path
// as pdf/fonts.ts asks, so pdfkit opens each file once.
const fonts = { regular: pdfFontFiles.regular, bold: pdfFontFiles.bold } as const;
type FontFace = keyof typeof fonts;

const MARGIN = 50;
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#bbbbbb';
const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;
const CELL_PADDING = 3;

type Document = InstanceType<typeof PDFDocument>;

/** Renders the report model to PDF bytes. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: model.language,
    displayTitle: true,
    info: { Title: `${model.title} — ${model.subtitle}`, Creator: 'Reentry Atlas' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.font(fonts.bold).fontSize(20).fillColor(TEXT).text(model.title);
  doc.moveDown(0.3);
  doc.font(fonts.regular).fontSize(12).text(model.subtitle);
  doc.moveDown(0.3);
  for (const note of model.notes) doc.font(fonts.regular).fontSize(9).fillColor(MUTED).text(note).fillColor(TEXT);
  doc.moveDown(1);

  for (const section of model.sections) {
    ensureSpace(doc, 80);
    doc.outline.addItem(section.heading);
    doc.font(fonts.bold).fontSize(15).fillColor(TEXT).text(section.heading, MARGIN, doc.y);
    doc.moveDown(0.4);
    for (const item of section.content) drawContent(doc, item);
    doc.moveDown(0.6);
  }

  // Page numbers last, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(fonts.regular)
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${index + 1} / ${range.count}`, MARGIN, doc.page.height - 30, {
        width: contentWidth(doc),
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function contentWidth(doc: Document): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function pageBottom(doc: Document): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Document, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function drawContent(doc: Document, item: ReportContent): void {
  const width = contentWidth(doc);
  switch (item.kind) {
    case 'paragraph':
      doc.font(fonts.regular).fontSize(BODY_SIZE).fillColor(TEXT);
      ensureSpace(doc, doc.heightOfString(item.text, { width }) > 40 ? 30 : doc.heightOfString(item.text, { width }));
      doc.text(item.text, MARGIN, doc.y, { width });
      doc.moveDown(0.5);
      return;
    case 'notice': {
      doc.font(fonts.bold).fontSize(BODY_SIZE);
      const height = doc.heightOfString(item.text, { width: width - 12 });
      ensureSpace(doc, height + 8);
      const top = doc.y;
      doc.rect(MARGIN, top - 2, 3, height + 4).fill('#0072B2');
      doc.fillColor(TEXT).text(item.text, MARGIN + 10, top, { width: width - 12 });
      doc.moveDown(0.6);
      return;
    }
    case 'heading':
      ensureSpace(doc, 60);
      doc.font(fonts.bold).fontSize(12).fillColor(TEXT).text(item.text, MARGIN, doc.y, { width });
      doc.moveDown(0.3);
      return;
    case 'list':
      item.items.forEach((text, index) => {
        doc.font(fonts.regular).fontSize(BODY_SIZE).fillColor(TEXT);
        const marker = item.ordered ? `${index + 1}.` : '•';
        ensureSpace(doc, Math.min(40, doc.heightOfString(text, { width: width - 18 })));
        const top = doc.y;
        doc.text(marker, MARGIN, top, { width: 16, lineBreak: false });
        doc.text(text, MARGIN + 18, top, { width: width - 18 });
        doc.moveDown(0.25);
      });
      doc.moveDown(0.3);
      return;
    case 'quotes':
      ensureSpace(doc, 50);
      doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor(TEXT).text(item.heading, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
      for (const quote of item.items) {
        const text = `“${quote.text}”${quote.count > 1 ? ` ×${quote.count}` : ''}`;
        doc.font(fonts.regular).fontSize(9);
        ensureSpace(doc, Math.min(30, doc.heightOfString(text, { width: width - 14 })));
        const top = doc.y;
        doc.font(fonts.regular).text('–', MARGIN + 2, top, { width: 10, lineBreak: false });
        doc.text(text, MARGIN + 14, top, { width: width - 14 });
        doc.moveDown(0.15);
      }
      if (item.more)
        doc
          .font(fonts.regular)
          .fontSize(9)
          .fillColor(MUTED)
          .text(item.more, MARGIN + 14, doc.y)
          .fillColor(TEXT);
      doc.moveDown(0.5);
      return;
    case 'chart':
      drawChart(doc, item.chart);
      return;
    case 'table':
      drawTable(doc, item);
      return;
  }
}

/** Draws a chart from the same primitives as its SVG, scaled to the text width. */
export function drawChart(doc: Document, chart: BarChart): void {
  const layout = layoutChart(chart);
  const scale = Math.min(1, contentWidth(doc) / layout.width);
  const height = layout.height * scale;
  ensureSpace(doc, height + 10);
  const left = MARGIN;
  const top = doc.y + 4;
  for (const primitive of layout.primitives) {
    if (primitive.kind === 'rect') {
      if (primitive.width <= 0 || primitive.height <= 0) continue;
      doc
        .rect(left + primitive.x * scale, top + primitive.y * scale, primitive.width * scale, primitive.height * scale)
        .fill(primitive.fill);
    } else if (primitive.kind === 'line') {
      doc
        .save()
        .moveTo(left + primitive.x1 * scale, top + primitive.y1 * scale)
        .lineTo(left + primitive.x2 * scale, top + primitive.y2 * scale)
        .lineWidth(primitive.strokeWidth * scale)
        .strokeColor(primitive.stroke)
        .stroke()
        .restore();
    } else {
      doc
        .font(primitive.bold ? fonts.bold : fonts.regular)
        .fontSize(primitive.size * scale)
        .fillColor(primitive.fill);
      const textWidth = doc.widthOfString(primitive.text);
      const x =
        left +
        primitive.x * scale -
        (primitive.anchor === 'end' ? textWidth : primitive.anchor === 'middle' ? textWidth / 2 : 0);
      doc.text(primitive.text, x, top + primitive.y * scale, { lineBreak: false, baseline: 'alphabetic' });
    }
  }
  doc.fillColor(TEXT);
  doc.x = MARGIN;
  doc.y = top + height + 8;
}

// Text widths at the table size, memoised per font: tables repeat the same words many times, and measuring a
// string means laying it out glyph by glyph.
const tableWidthCache = new Map<string, number>();
function tableTextWidth(doc: Document, font: FontFace, text: string): number {
  const key = `${font}\u0000${text}`;
  let width = tableWidthCache.get(key);
  if (width === undefined) {
    width = doc.font(fonts[font]).fontSize(TABLE_SIZE).widthOfString(text);
    if (tableWidthCache.size > 50_000) tableWidthCache.clear();
    tableWidthCache.set(key, width);
  }
  return width;
}

function columnWidths(doc: Document, table: ReportTable, width: number): number[] {
  const padding = 2 * CELL_PADDING + 1;
  const natural: number[] = [];
  const minimum: number[] = [];
  const longestWord = (font: FontFace, text: string) =>
    Math.max(0, ...text.split(/\s+/).map((word) => tableTextWidth(doc, font, word)));
  table.columns.forEach((column, index) => {
    const cells = table.rows.map((row) => row[index] ?? '');
    natural.push(
      Math.max(
        tableTextWidth(doc, 'bold', column.label),
        ...cells.map((cell) => tableTextWidth(doc, 'regular', cell)),
      ) + padding,
    );
    // A text column is never narrower than its longest word (up to a limit), so words do not break mid-way.
    minimum.push(
      Math.min(
        Math.max(longestWord('bold', column.label), ...cells.map((cell) => longestWord('regular', cell))) + padding,
        140,
      ),
    );
  });
  const total = natural.reduce((sum, value) => sum + value, 0);
  if (total <= width) return natural;
  // Numbers keep their width; text columns get their minimum and share what is left by how much more they hold.
  const widths = table.columns.map((column, index) => (column.numeric ? natural[index]! : minimum[index]!));
  const used = widths.reduce((sum, value) => sum + value, 0);
  const extra = table.columns.map((column, index) => (column.numeric ? 0 : natural[index]! - minimum[index]!));
  const extraTotal = extra.reduce((sum, value) => sum + value, 0);
  const room = Math.max(0, width - used);
  return widths.map((value, index) => value + (extraTotal > 0 ? (extra[index]! / extraTotal) * room : 0));
}

/**
 * Starts a table at the current position with its head row, drawn by pdfkit's table(): the report's padding, a rule
 * under each row (heavier under the head) and no other borders, numbers aligned right.
 */
function startTable(doc: Document, table: ReportTable, widths: number[]): PDFKit.Mixins.PDFTableObject {
  return doc
    .table({
      position: { x: MARGIN, y: doc.y },
      columnStyles: widths.map((width, index) => ({
        width,
        align: { x: table.columns[index]?.numeric ? 'right' : 'left', y: 'top' },
      })),
      rowStyles: (row) => ({
        font: { src: row === 0 ? fonts.bold : fonts.regular, size: TABLE_SIZE },
        border: [0, 0, row === 0 ? 0.8 : 0.4, 0],
      }),
      defaultStyle: { padding: CELL_PADDING, borderColor: RULE, textColor: TEXT },
    })
    .row(table.columns.map((column) => column.label));
}

/** Height of a body row as the table will lay it out, to move it to the next page whole, under the head again. */
function rowHeight(doc: Document, cells: readonly string[], widths: number[]): number {
  doc.font(fonts.regular).fontSize(TABLE_SIZE);
  const heights = cells.map((cell, index) =>
    doc.heightOfString(cell || ' ', { width: widths[index]! - 2 * CELL_PADDING }),
  );
  return Math.max(...heights) + 2 * CELL_PADDING;
}

function drawTable(doc: Document, table: ReportTable): void {
  const width = contentWidth(doc);
  const widths = columnWidths(doc, table, width);
  ensureSpace(doc, 60);
  doc.font(fonts.bold).fontSize(9.5).fillColor(TEXT).text(table.caption, MARGIN, doc.y, { width });
  doc.moveDown(0.2);
  // pdfkit carries a table over to the next page without its head: the report starts it again there, head first.
  let part = startTable(doc, table, widths);
  for (const row of table.rows) {
    if (doc.y + rowHeight(doc, row, widths) >= pageBottom(doc)) {
      part.end();
      doc.addPage();
      part = startTable(doc, table, widths);
    }
    part.row(row);
  }
  part.end();
  doc.x = MARGIN;
  if (table.note) {
    doc.moveDown(0.2);
    doc.font(fonts.regular).fontSize(8.5).fillColor(TEXT).text(table.note, MARGIN, doc.y, { width });
  }
  doc.moveDown(0.8);
}
