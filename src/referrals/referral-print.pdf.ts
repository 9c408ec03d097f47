// The person's printed copies as an A4 PDF (pdfkit with DejaVu Sans from pdf/fonts.ts, as plan/ and report/ do):
// every Latvian and Cyrillic letter embedded with a Unicode map, so the text stays searchable. One block a page.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { pdfFontFiles } from '../pdf/fonts.js';
import type { PrintBlock } from './referral-print.js';

const margin = 48;
const ink = '#1b1b1b';
const muted = '#4a4a4a';
const accent = '#0b5394';

let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fontFiles ??= { regular: readFileSync(pdfFontFiles.regular), bold: readFileSync(pdfFontFiles.bold) };
  return fontFiles;
}

/** Renders the blocks, one a page, with a note at the foot of each page; returns the PDF's bytes. */
export async function renderPrintPdf(
  blocks: PrintBlock[],
  options: { title: string; footer: string; language: string },
): Promise<Buffer> {
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 20, left: margin, right: margin },
    bufferPages: true,
    lang: options.language,
    info: { Title: options.title, Creator: 'Reentry Atlas' },
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
  blocks.forEach((block, index) => {
    if (index > 0) pdf.addPage();
    pdf.font('Bold').fontSize(18).fillColor(accent).text(block.heading, { width });
    pdf.moveDown(0.8);
    for (const line of block.lines) {
      if (line.label) pdf.font('Bold').fontSize(11).fillColor(muted).text(line.label, { width });
      pdf.font('Regular').fontSize(13).fillColor(ink).text(line.text, { width });
      pdf.moveDown(0.6);
    }
  });
  const range = pdf.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    pdf.switchToPage(page);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('Regular')
      .fontSize(8)
      .fillColor(muted)
      .text(options.footer, margin, pdf.page.height - margin, { width, lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return finished;
}
