// The plan as a PDF: the same words as the page (plan.document.ts), laid out for A4 with pdfkit. DejaVu Sans
// (src/pdf/fonts.ts) carries every Latvian and Cyrillic letter, and pdfkit embeds it with a Unicode
// map, so the text stays searchable and copyable; pdfkit's built-in Helvetica cannot show ā, č, ļ or Cyrillic.
//
// A plan a referring team prints for a person (/staff/people/<id>/plan.pdf) opens with "Your referrals": each
// open referral's summary (referrals/referral-print.ts); the public plan never has that section.
//
// Body text is 11 pt (16 pt in large print), a step's heading is kept with its first place, the plan ends with a
// lined notes area to write on by hand, and the last page never holds a single item (a step or the notes): if it
// would, the item before it moves over too (docs/decisions/018-plan-choices-and-print.md).
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { pdfFontFiles } from '../pdf/fonts.js';
import type { PlanDocument, PlanDocumentPlace, PlanDocumentReferral, PlanDocumentStep } from './plan.document.js';

const ink = '#1b1b1b';
const muted = '#4a4a4a';
const accent = '#0b5394';
const danger = '#a4000f';

/** Type sizes in points: the standard plan and the large-print one. */
type Sizes = {
  margin: number;
  title: number;
  stage: number;
  step: number;
  body: number;
  footer: number;
  /** Distance between the notes area's lines: room for handwriting. */
  noteLineSpacing: number;
  /** The notes area has at least this many lines, and fills the rest of its page. */
  noteLines: number;
};
export const standardPrint: Sizes = {
  margin: 40,
  title: 18,
  stage: 14,
  step: 12.5,
  body: 11,
  footer: 9,
  noteLineSpacing: 26,
  noteLines: 6,
};
export const largePrint: Sizes = {
  margin: 40,
  title: 24,
  stage: 20,
  step: 18,
  body: 16,
  footer: 12,
  noteLineSpacing: 34,
  noteLines: 5,
};

// Read once per process: pdfkit parses the font for every document, but need not read 1 MB from disk each time.
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fontFiles) {
    fontFiles = { regular: readFileSync(pdfFontFiles.regular), bold: readFileSync(pdfFontFiles.bold) };
  }
  return fontFiles;
}

/** Options that depend on the request: page numbering words, the site address in the footer, large print. */
export type PlanPdfOptions = {
  pageLabel: (page: number, pages: number) => string;
  footerUrl: string;
  language?: string;
  largePrint?: boolean;
};

/** Where each item (the steps in order, then the notes area) starts and ends, as page indexes from 0. */
type ItemPages = Array<{ start: number; end: number }>;

/** Renders the plan document as A4 PDF bytes. */
export async function renderPlanPdf(plan: PlanDocument, options: PlanPdfOptions): Promise<Buffer> {
  const sizes = options.largePrint ? largePrint : standardPrint;
  const breakBefore = new Set<number>();
  let drawn = drawPlan(plan, options, sizes, breakBefore);
  // A last page with one item looks like the plan was cut off: move the item before it over too. Each pass moves
  // one item; three passes settle any plan we have seen (a step longer than a page is left where it falls).
  for (let pass = 0; pass < 3; pass++) {
    const moved = itemToMove(drawn.items);
    if (moved === null || breakBefore.has(moved)) break;
    breakBefore.add(moved);
    drawn = drawPlan(plan, options, sizes, breakBefore);
  }
  return finish(drawn.pdf, plan, options, sizes);
}

/** The item to start on a new page so that the last page holds two items or more; null when it already does. */
export function itemToMove(items: ItemPages): number | null {
  if (items.length < 2) return null;
  const last = Math.max(...items.map((item) => item.end));
  const onLast = items.filter((item) => item.start <= last && item.end >= last).length;
  if (onLast >= 2) return null;
  for (let position = items.length - 1; position >= 0; position--) {
    if (items[position]!.start < last) return position;
  }
  return null;
}

function drawPlan(
  plan: PlanDocument,
  options: PlanPdfOptions,
  sizes: Sizes,
  breakBefore: ReadonlySet<number>,
): { pdf: PDFKit.PDFDocument; items: ItemPages } {
  const fonts = loadFonts();
  const margin = sizes.margin;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + sizes.footer + 8, left: margin, right: margin },
    bufferPages: true,
    lang: options.language,
    info: { Title: plan.title, Creator: 'Reentry Atlas' },
    // Page content compressed, fonts subset: a two-page plan stays around 40 KB.
    compress: true,
  });
  let page = 0;
  pdf.on('pageAdded', () => {
    page++;
  });
  pdf.registerFont('Regular', fonts.regular);
  pdf.registerFont('Bold', fonts.bold);
  const width = pdf.page.width - 2 * margin;
  const lineGap = sizes.body * 0.15;
  const bottomOf = () => pdf.page.height - pdf.page.margins.bottom;
  const atTop = () => pdf.y <= pdf.page.margins.top + 1;
  const ensureSpace = (height: number) => {
    if (pdf.y + height > bottomOf() && !atTop()) pdf.addPage();
  };
  const heightOf = (text: string, font: 'Regular' | 'Bold', size: number, indent = 0) =>
    pdf
      .font(font)
      .fontSize(size)
      .heightOfString(text, { width: width - indent, lineGap });

  pdf.font('Bold').fontSize(sizes.title).fillColor(ink).text(plan.title, { width });
  pdf.moveDown(0.3);
  pdf.font('Regular').fontSize(sizes.body);
  for (const fact of plan.facts) pdf.text(fact, { width, lineGap });
  if (!plan.hasReleaseDate) {
    // No date given: a line to write it on.
    pdf.text(`${plan.releaseLabel} `, { width, lineGap, continued: true }).text(' ');
    const y = pdf.y - lineGap - 3;
    const x = margin + pdf.widthOfString(`${plan.releaseLabel} `) + 4;
    pdf
      .moveTo(x, y)
      .lineTo(Math.min(x + 170, margin + width), y)
      .lineWidth(0.7)
      .strokeColor(muted)
      .stroke();
  }
  if (plan.warning)
    pdf.moveDown(0.3).font('Bold').fillColor(danger).text(plan.warning, { width, lineGap }).fillColor(ink);
  pdf.moveDown(0.3).font('Bold').fontSize(sizes.body).text(plan.advice, { width, lineGap });
  if (plan.referrals) writeReferrals(plan.referrals);

  const items: ItemPages = [];
  let itemNumber = 0;
  for (const stage of plan.stages) {
    const first = stage.steps[0];
    const stageHeading = `${stage.number}. ${stage.heading}`;
    const stageHeight =
      heightOf(stageHeading, 'Bold', sizes.stage) +
      (stage.note ? heightOf(stage.note, 'Regular', sizes.body) : 0) +
      sizes.body * 1.5;
    // The stage heading goes with its first step's heading and first place (keep with next).
    if (breakBefore.has(itemNumber) && !atTop()) pdf.addPage();
    else ensureSpace(stageHeight + (first ? leadHeight(first) : 0));
    if (!atTop()) pdf.moveDown(0.6);
    const top = pdf.y;
    pdf
      .moveTo(margin, top)
      .lineTo(margin + width, top)
      .lineWidth(1.5)
      .strokeColor(accent)
      .stroke();
    pdf.y = top + 5;
    pdf.font('Bold').fontSize(sizes.stage).fillColor(accent).text(stageHeading, margin, pdf.y, { width });
    pdf.fillColor(ink);
    if (stage.note)
      pdf.font('Regular').fontSize(sizes.body).fillColor(muted).text(stage.note, { width, lineGap }).fillColor(ink);
    stage.steps.forEach((step, position) => {
      if (position > 0) {
        if (breakBefore.has(itemNumber) && !atTop()) pdf.addPage();
        else ensureSpace(leadHeight(step));
      }
      const start = page;
      writeStep(step);
      items.push({ start, end: page });
      itemNumber++;
    });
  }

  // The notes area: a heading and lines to write on, at least `noteLines`, then to the foot of its page.
  if (breakBefore.has(itemNumber) && !atTop()) pdf.addPage();
  else ensureSpace(heightOf(plan.notesTitle, 'Bold', sizes.step) + sizes.noteLineSpacing * (sizes.noteLines + 0.5));
  const notesStart = page;
  if (!atTop()) pdf.moveDown(0.8);
  pdf.font('Bold').fontSize(sizes.step).fillColor(ink).text(plan.notesTitle, margin, pdf.y, { width });
  let lineY = pdf.y + sizes.noteLineSpacing;
  let lines = 0;
  while (lineY <= bottomOf() || lines < sizes.noteLines) {
    pdf
      .moveTo(margin, lineY)
      .lineTo(margin + width, lineY)
      .lineWidth(0.6)
      .strokeColor('#8a8a8a')
      .stroke();
    lines++;
    lineY += sizes.noteLineSpacing;
  }
  pdf.y = lineY - sizes.noteLineSpacing + 4;
  items.push({ start: notesStart, end: page });
  return { pdf, items };

  /** "Your referrals": a stage-like heading, then each referral's summary, kept on one page where it fits. */
  function writeReferrals(referrals: NonNullable<PlanDocument['referrals']>) {
    const lineText = (line: PlanDocumentReferral['lines'][number]) =>
      line.label ? `${line.label}: ${line.text}` : line.text;
    const summaryHeight = (summary: PlanDocumentReferral) =>
      heightOf(summary.heading, 'Bold', sizes.step) +
      summary.lines.reduce((total, line) => total + heightOf(lineText(line), 'Regular', sizes.body, 12), 0) +
      sizes.body;
    const first = referrals.summaries[0];
    ensureSpace(heightOf(referrals.title, 'Bold', sizes.stage) + sizes.body * 1.5 + (first ? summaryHeight(first) : 0));
    if (!atTop()) pdf.moveDown(0.6);
    const top = pdf.y;
    pdf
      .moveTo(margin, top)
      .lineTo(margin + width, top)
      .lineWidth(1.5)
      .strokeColor(accent)
      .stroke();
    pdf.y = top + 5;
    pdf.font('Bold').fontSize(sizes.stage).fillColor(accent).text(referrals.title, margin, pdf.y, { width });
    pdf.fillColor(ink);
    for (const summary of referrals.summaries) {
      ensureSpace(summaryHeight(summary));
      pdf.moveDown(0.4);
      pdf.font('Bold').fontSize(sizes.step).fillColor(ink).text(summary.heading, margin, pdf.y, { width });
      for (const line of summary.lines) {
        const x = margin + 12;
        if (line.label)
          pdf
            .font('Bold')
            .fontSize(sizes.body)
            .text(`${line.label}: `, x, pdf.y, { width: width - 12, lineGap, continued: true })
            .font('Regular')
            .text(line.text);
        else
          pdf
            .font('Regular')
            .fontSize(sizes.body)
            .text(line.text, x, pdf.y, { width: width - 12, lineGap });
      }
    }
  }

  /** A step's heading, what to do, and its first place: the part kept together on one page. */
  function leadHeight(step: PlanDocumentStep): number {
    const firstPlace = step.places[0];
    const placeHeight = firstPlace
      ? placeHeights(firstPlace)
      : step.placesNote
        ? heightOf(step.placesNote, 'Regular', sizes.body, 8)
        : 0;
    return (
      heightOf(step.title, 'Bold', sizes.step) +
      heightOf(`${step.todo} ${plan.bringLabel}: ${step.bring}`, 'Regular', sizes.body) +
      placeHeight +
      sizes.body
    );
  }

  function placeTexts(place: PlanDocumentPlace): { heading: string; details: string } {
    // Address, phone, hours and papers run on as one paragraph: a place takes a few lines, not one per fact.
    // A listing text shown in Latvian to a Russian or English reader carries its note: "… (по-латышски)".
    const details = place.lines
      .map((line) => {
        const text = line.note ? `${line.text} ${line.note}` : line.text;
        return line.label ? `${line.label}: ${text}` : text;
      })
      .join('  ·  ');
    const heading = `${place.name}${place.detail ? ` — ${place.detail}` : ''}${place.isDemo ? ` [${plan.demoBadge}]` : ''}`;
    return { heading, details };
  }

  function placeHeights(place: PlanDocumentPlace): number {
    const { heading, details } = placeTexts(place);
    const indent = 12;
    return (
      heightOf(heading, 'Bold', sizes.body, indent) +
      (details ? heightOf(details, 'Regular', sizes.body, indent) : 0) +
      6
    );
  }

  function writeStep(step: PlanDocumentStep) {
    pdf.moveDown(0.4);
    pdf.font('Bold').fontSize(sizes.step).fillColor(ink).text(step.title, margin, pdf.y, { width });
    // What to do and what to bring in one paragraph: a line saved on every step.
    pdf
      .font('Regular')
      .fontSize(sizes.body)
      .text(`${step.todo} `, { width, lineGap, continued: true })
      .font('Bold')
      .text(`${plan.bringLabel}: `, { continued: true })
      .font('Regular')
      .text(step.bring);
    for (const place of step.places) writePlace(place);
    if (step.placesNote)
      pdf
        .font('Regular')
        .fontSize(sizes.body)
        .fillColor(muted)
        .text(step.placesNote, margin + 8, pdf.y + 2, { width: width - 8, lineGap })
        .fillColor(ink);
    if (step.notForYou.length > 0) {
      ensureSpace(heightOf(plan.notForYouLabel, 'Bold', sizes.body, 8) * 2);
      pdf
        .font('Bold')
        .fontSize(sizes.body)
        .fillColor(danger)
        .text(plan.notForYouLabel, margin + 8, pdf.y + 3, { width: width - 8, lineGap })
        .fillColor(ink);
      for (const place of step.notForYou) {
        const line = `${place.name}${place.detail ? ` — ${place.detail}` : ''}${place.reason ? `: ${place.reason}` : ''}`;
        ensureSpace(heightOf(line, 'Regular', sizes.body, 16));
        pdf
          .font('Regular')
          .fontSize(sizes.body)
          .text(`• ${line}`, margin + 12, pdf.y, { width: width - 16, lineGap });
      }
    }
  }

  function writePlace(place: PlanDocumentPlace) {
    const indent = 12;
    const { heading, details } = placeTexts(place);
    ensureSpace(placeHeights(place));
    const top = pdf.y + 4;
    pdf
      .font('Bold')
      .fontSize(sizes.body)
      .fillColor(ink)
      .text(heading, margin + indent, top, {
        width: width - indent,
        lineGap,
        ...(place.href ? { link: `${options.footerUrl}${place.href}` } : {}),
      });
    if (details)
      pdf
        .font('Regular')
        .fontSize(sizes.body)
        .text(details, margin + indent, pdf.y, { width: width - indent, lineGap });
    pdf
      .moveTo(margin + 3, top)
      .lineTo(margin + 3, pdf.y)
      .lineWidth(2)
      .strokeColor(accent)
      .stroke();
  }
}

/** Page numbers, the site address and the date the plan was made at the foot of every page; then the bytes. */
async function finish(pdf: PDFKit.PDFDocument, plan: PlanDocument, options: PlanPdfOptions, sizes: Sizes) {
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const margin = sizes.margin;
  const width = pdf.page.width - 2 * margin;
  const range = pdf.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    pdf.switchToPage(page);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    const y = pdf.page.height - margin;
    const pageLabel = options.pageLabel(page - range.start + 1, range.count);
    const footer = `Reentry Atlas · ${options.footerUrl} · ${plan.madeOn}`;
    // A long site address must not run into the page number: the footer's type shrinks to fit, never below 7 pt.
    let size = sizes.footer;
    pdf.font('Regular').fontSize(size).fillColor(muted);
    while (size > 7 && pdf.widthOfString(footer) + pdf.widthOfString(pageLabel) + 12 > width) {
      size -= 0.5;
      pdf.fontSize(size);
    }
    pdf.text(footer, margin, y, { width, align: 'left', lineBreak: false });
    pdf.text(pageLabel, margin, y, { width, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return finished;
}
