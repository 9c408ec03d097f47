// The plan as a PDF: the same words as the page (plan.document.ts), laid out for A4 with pdfkit. DejaVu Sans
// (src/pdf/fonts.ts) carries every Latvian and Cyrillic letter, and pdfkit embeds it with a Unicode
// map, so the text stays searchable and copyable; pdfkit's built-in Helvetica cannot show ā, č, ļ or Cyrillic.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { pdfFontFiles } from '../pdf/fonts.js';
import type { PlanDocument, PlanDocumentPlace } from './plan.document.js';

const margin = 34;
const ink = '#1b1b1b';
const muted = '#4a4a4a';
const accent = '#0b5394';
const danger = '#a4000f';

// Read once per process: pdfkit parses the font for every document, but need not read 1 MB from disk each time.
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fontFiles) {
    fontFiles = { regular: readFileSync(pdfFontFiles.regular), bold: readFileSync(pdfFontFiles.bold) };
  }
  return fontFiles;
}

/** Options that depend on the request: page numbering words and the site address printed in the footer. */
export type PlanPdfOptions = {
  pageLabel: (page: number, pages: number) => string;
  footerUrl: string;
  language?: string;
};

/** Renders the plan document as A4 PDF bytes. */
export async function renderPlanPdf(plan: PlanDocument, options: PlanPdfOptions): Promise<Buffer> {
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 14, left: margin, right: margin },
    bufferPages: true,
    lang: options.language,
    info: { Title: plan.title, Creator: 'Reentry Atlas' },
    // Page content compressed, fonts subset: a two-page plan stays around 40 KB.
    compress: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('Regular', fonts.regular);
  pdf.registerFont('Bold', fonts.bold);
  const width = pdf.page.width - 2 * margin;

  const ensureSpace = (height: number) => {
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  const heightOf = (text: string, font: 'Regular' | 'Bold', size: number, indent = 0) =>
    pdf
      .font(font)
      .fontSize(size)
      .heightOfString(text, { width: width - indent });

  pdf.font('Bold').fontSize(15).fillColor(ink).text(plan.title, { width });
  pdf.moveDown(0.3);
  pdf.font('Regular').fontSize(9);
  for (const fact of plan.facts) pdf.text(fact, { width });
  if (plan.warning) pdf.moveDown(0.2).font('Bold').fillColor(danger).text(plan.warning, { width }).fillColor(ink);
  pdf.moveDown(0.2).font('Bold').fontSize(9).text(plan.advice, { width });

  for (const stage of plan.stages) {
    ensureSpace(60);
    pdf.moveDown(0.5);
    const top = pdf.y;
    pdf
      .moveTo(margin, top)
      .lineTo(margin + width, top)
      .lineWidth(1.5)
      .strokeColor(accent)
      .stroke();
    pdf.y = top + 5;
    pdf.font('Bold').fontSize(12).fillColor(accent).text(`${stage.number}. ${stage.heading}`, margin, pdf.y, { width });
    pdf.fillColor(ink);
    if (stage.note) pdf.font('Regular').fontSize(8.5).fillColor(muted).text(stage.note, { width }).fillColor(ink);
    for (const step of stage.steps) {
      // Keep a step's heading with its first lines; a long step may still run over onto the next page.
      ensureSpace(
        heightOf(step.title, 'Bold', 10) +
          heightOf(`${step.todo} ${plan.bringLabel}: ${step.bring}`, 'Regular', 8.5) +
          24,
      );
      pdf.moveDown(0.3);
      pdf.font('Bold').fontSize(10).text(step.title, margin, pdf.y, { width });
      // What to do and what to bring in one paragraph: a line saved on every step.
      pdf
        .font('Regular')
        .fontSize(8.5)
        .text(`${step.todo} `, { width, continued: true })
        .font('Bold')
        .text(`${plan.bringLabel}: `, { continued: true })
        .font('Regular')
        .text(step.bring);
      for (const place of step.places) writePlace(place);
      if (step.placesNote)
        pdf
          .font('Regular')
          .fontSize(8.5)
          .fillColor(muted)
          .text(step.placesNote, margin + 8, pdf.y, { width: width - 8 })
          .fillColor(ink);
      if (step.notForYou.length > 0) {
        ensureSpace(24);
        pdf
          .font('Bold')
          .fontSize(8)
          .fillColor(danger)
          .text(plan.notForYouLabel, margin + 8, pdf.y + 2, { width: width - 8 })
          .fillColor(ink);
        for (const place of step.notForYou) {
          const line = `${place.name}${place.detail ? ` — ${place.detail}` : ''}${place.reason ? `: ${place.reason}` : ''}`;
          ensureSpace(heightOf(line, 'Regular', 8, 16));
          pdf
            .font('Regular')
            .fontSize(8)
            .text(`• ${line}`, margin + 12, pdf.y, { width: width - 16 });
        }
      }
    }
  }

  // Page numbers, the site address and the date the plan was made at the foot of every page, written once all pages exist.
  const range = pdf.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    pdf.switchToPage(page);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    pdf.font('Regular').fontSize(7.5).fillColor(muted);
    pdf.text(`Reentry Atlas · ${options.footerUrl} · ${plan.madeOn}`, margin, pdf.page.height - margin, {
      width,
      align: 'left',
      lineBreak: false,
    });
    pdf.text(options.pageLabel(page - range.start + 1, range.count), margin, pdf.page.height - margin, {
      width,
      align: 'right',
      lineBreak: false,
    });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return finished;

  function writePlace(place: PlanDocumentPlace) {
    const indent = 10;
    // Address, phone, hours and papers run on as one paragraph: a place takes two or three lines, not five.
    const details = place.lines
      .map((line) => {
        const text = line.note ? `${line.text} ${line.note}` : line.text;
        return line.label ? `${line.label}: ${text}` : text;
      })
      .join('  ·  ');
    const heading = `${place.name}${place.detail ? ` — ${place.detail}` : ''}${place.isDemo ? ` [${plan.demoBadge}]` : ''}`;
    ensureSpace(heightOf(heading, 'Bold', 9, indent) + heightOf(details, 'Regular', 8, indent) + 4);
    const top = pdf.y + 2;
    pdf
      .font('Bold')
      .fontSize(9)
      .fillColor(ink)
      .text(heading, margin + indent, top, {
        width: width - indent,
        ...(place.href ? { link: `${options.footerUrl}${place.href}` } : {}),
      });
    if (details)
      pdf
        .font('Regular')
        .fontSize(8)
        .text(details, margin + indent, pdf.y, { width: width - indent });
    pdf
      .moveTo(margin + 3, top)
      .lineTo(margin + 3, pdf.y)
      .lineWidth(2)
      .strokeColor(accent)
      .stroke();
  }
}
