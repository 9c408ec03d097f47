import PDFDocument from 'pdfkit';
import { pdfFontFiles } from '../pdf/fonts.js';

// Printed invitation letters: a pure rendering step from a plain model (every text already translated) to PDF
// bytes. One letter per institution, each followed by a paper copy of the questionnaire that carries the case
// code on every page, so a returned form can be keyed in even when its pages come apart.

/** One letter: the address block, the text, the personal link. */
export type LetterPage = {
  caseCode: string;
  /** The address block, one line each: the institution's name first, then its postal address. */
  recipient: string[];
  date: string;
  heading: string;
  /** Paragraphs before the link. */
  opening: string[];
  linkLabel: string;
  link: string;
  linkNote: string;
  /** Paragraphs after the link. */
  closing: string[];
  signature: string[];
  /** Short lines in other languages, printed small at the end. */
  otherLanguages: string[];
};

/** How a question is answered on paper. */
export type PaperAnswer =
  { kind: 'yes_no' } | { kind: 'choice'; options: string[] } | { kind: 'text'; lines: number } | { kind: 'number' };

export type PaperQuestion = {
  number: number;
  heading?: string;
  label: string;
  hint?: string;
  condition?: string;
  answer: PaperAnswer;
};

/** The paper questionnaire: the same for every letter but for the code, which `codeLabel` is filled with. */
export type PaperForm = {
  title: string;
  /** 'Anketas kods: {code}' — `{code}` is replaced by each letter's case code. */
  codeLabel: string;
  instructions: string;
  yes: string;
  no: string;
  blocks: Array<{ title: string; intro?: string; questions: PaperQuestion[] }>;
  closing: string;
};

export type LetterDocument = {
  title: string;
  /** The sender's return line above the address window. */
  sender: string;
  letters: LetterPage[];
  paperForm: PaperForm | null;
};

const fontFiles = pdfFontFiles;

const millimetre = 72 / 25.4;
const mm = (value: number) => value * millimetre;
const grey = '#444444';

// A4 with the address where a DL/C5 window envelope shows it (DIN 5008 form B: 20 mm from the left, 45 mm down).
const page = { width: mm(210), height: mm(297), left: mm(25), right: mm(20), top: mm(20), bottom: mm(20) };
const contentWidth = page.width - page.left - page.right;

/** Renders every letter (each followed by its paper questionnaire) into one PDF, ready to print double-sided. */
export async function renderInvitationLetters(document: LetterDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    font: fontFiles.regular,
    margins: { top: page.top, bottom: page.bottom, left: page.left, right: page.right },
    info: { Title: document.title, Author: 'Reentry Atlas', Creator: 'Reentry Atlas' },
    lang: 'lv',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  // Pages added by text flowing over (long answers, long letters) get the form's code header too.
  let pagesOfCurrentLetter = 0;
  let headerText: string | null = null;
  doc.on('pageAdded', () => {
    pagesOfCurrentLetter += 1;
    if (headerText) drawPageHeader(doc, headerText);
  });

  for (const letter of document.letters) {
    pagesOfCurrentLetter = 0;
    headerText = null;
    drawLetter(doc, document.sender, letter);
    if (document.paperForm) {
      headerText = document.paperForm.codeLabel.replace('{code}', letter.caseCode);
      doc.addPage();
      drawPaperForm(doc, document.paperForm, headerText);
    }
    headerText = null;
    // Each institution's set starts on a fresh sheet when printed on both sides.
    if (pagesOfCurrentLetter % 2 === 1 && letter !== document.letters.at(-1)) doc.addPage();
  }
  if (document.letters.length === 0) doc.addPage();
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawPageHeader(doc: PDFKit.PDFDocument, text: string): void {
  const { x, y } = doc;
  doc
    .font(fontFiles.bold)
    .fontSize(9)
    .fillColor('black')
    .text(text, page.left, mm(10), { width: contentWidth, align: 'right', lineBreak: false });
  doc.x = x;
  doc.y = y;
}

function drawLetter(doc: PDFKit.PDFDocument, sender: string, letter: LetterPage): void {
  doc.addPage();
  doc
    .font(fontFiles.regular)
    .fontSize(7.5)
    .fillColor(grey)
    .text(sender, mm(20), mm(45), { width: mm(85), lineBreak: false, ellipsis: true });
  doc.moveTo(mm(20), mm(49)).lineTo(mm(105), mm(49)).lineWidth(0.4).strokeColor(grey).stroke();
  doc.font(fontFiles.regular).fontSize(10.5).fillColor('black');
  doc.text(letter.recipient.join('\n'), mm(20), mm(52), { width: mm(85), height: mm(38), lineGap: 1 });

  doc.font(fontFiles.regular).fontSize(9.5).fillColor(grey);
  doc.text(letter.caseCode, page.left, mm(98), { width: contentWidth / 2, lineBreak: false });
  doc.text(letter.date, page.left + contentWidth / 2, mm(98), {
    width: contentWidth / 2,
    align: 'right',
    lineBreak: false,
  });

  doc
    .font(fontFiles.bold)
    .fontSize(14)
    .fillColor('black')
    .text(letter.heading, page.left, mm(110), { width: contentWidth });
  doc.moveDown(0.6);
  paragraphs(doc, letter.opening);

  // The link in a monospaced face (l, 1 and I look different), as large as fits on one line.
  doc.font(fontFiles.bold).fontSize(10.5).text(letter.linkLabel, page.left, doc.y, { width: contentWidth });
  doc.moveDown(0.2);
  doc.font(fontFiles.mono);
  let size = 12;
  while (size > 7 && doc.fontSize(size).widthOfString(letter.link) > contentWidth - mm(6)) size -= 0.5;
  const boxTop = doc.y;
  const linkHeight = doc.heightOfString(letter.link, { width: contentWidth - mm(6) });
  doc
    .rect(page.left, boxTop, contentWidth, linkHeight + mm(5))
    .lineWidth(0.8)
    .strokeColor('black')
    .stroke();
  doc.fillColor('black').text(letter.link, page.left + mm(3), boxTop + mm(2.5), { width: contentWidth - mm(6) });
  doc.y = boxTop + linkHeight + mm(5) + 4;
  doc
    .font(fontFiles.regular)
    .fontSize(9)
    .fillColor(grey)
    .text(letter.linkNote, page.left, doc.y, { width: contentWidth });
  doc.moveDown(0.8);
  paragraphs(doc, letter.closing);
  doc
    .font(fontFiles.regular)
    .fontSize(10.5)
    .fillColor('black')
    .text(letter.signature.join('\n'), page.left, doc.y, { width: contentWidth });
  if (letter.otherLanguages.length > 0) {
    doc.moveDown(1.2);
    doc
      .font(fontFiles.regular)
      .fontSize(8.5)
      .fillColor(grey)
      .text(letter.otherLanguages.join('\n'), page.left, doc.y, { width: contentWidth });
  }
  doc.fillColor('black');
}

function paragraphs(doc: PDFKit.PDFDocument, texts: string[]): void {
  doc.font(fontFiles.regular).fontSize(10.5).fillColor('black');
  for (const text of texts) {
    doc.text(text, page.left, doc.y, { width: contentWidth, lineGap: 1.5 });
    doc.moveDown(0.6);
  }
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > page.height - page.bottom) {
    doc.addPage();
    doc.y = page.top + mm(4);
  }
}

function checkbox(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc.rect(x, y, mm(3.8), mm(3.8)).lineWidth(0.8).strokeColor('black').stroke();
}

function drawPaperForm(doc: PDFKit.PDFDocument, form: PaperForm, codeLabel: string): void {
  drawPageHeader(doc, codeLabel);
  doc.x = page.left;
  doc.y = page.top + mm(4);
  doc.font(fontFiles.bold).fontSize(14).fillColor('black').text(form.title, { width: contentWidth });
  doc.moveDown(0.3);
  doc.font(fontFiles.bold).fontSize(11).text(codeLabel, { width: contentWidth });
  doc.moveDown(0.3);
  doc.font(fontFiles.regular).fontSize(9.5).fillColor(grey).text(form.instructions, { width: contentWidth });
  doc.fillColor('black');
  doc.moveDown(0.8);
  for (const block of form.blocks) {
    ensureSpace(doc, 90);
    doc.font(fontFiles.bold).fontSize(12).text(block.title, page.left, doc.y, { width: contentWidth });
    doc
      .moveTo(page.left, doc.y + 1)
      .lineTo(page.left + contentWidth, doc.y + 1)
      .lineWidth(0.6)
      .strokeColor(grey)
      .stroke();
    doc.moveDown(0.4);
    if (block.intro) {
      doc
        .font(fontFiles.regular)
        .fontSize(9.5)
        .fillColor(grey)
        .text(block.intro, page.left, doc.y, { width: contentWidth });
      doc.fillColor('black').moveDown(0.3);
    }
    for (const question of block.questions) drawQuestion(doc, form, question);
    doc.moveDown(0.6);
  }
  ensureSpace(doc, 40);
  doc.moveDown(0.5);
  doc
    .font(fontFiles.bold)
    .fontSize(10.5)
    .fillColor('black')
    .text(form.closing, page.left, doc.y, { width: contentWidth });
}

function answerHeight(answer: PaperAnswer): number {
  switch (answer.kind) {
    case 'yes_no':
      return mm(7);
    case 'choice':
      return Math.min(answer.options.length, 3) * mm(6);
    case 'text':
      return answer.lines * mm(8);
    case 'number':
      return mm(11);
  }
}

function drawQuestion(doc: PDFKit.PDFDocument, form: PaperForm, question: PaperQuestion): void {
  const indent = mm(7);
  const width = contentWidth - indent;
  doc.font(fontFiles.regular).fontSize(10);
  const labelHeight = doc.heightOfString(question.label, { width });
  // Keep a question with its answer space: never a label at the foot of a page and its boxes overleaf.
  ensureSpace(doc, Math.min(labelHeight + answerHeight(question.answer) + 30, 300));
  if (question.heading) {
    doc
      .font(fontFiles.bold)
      .fontSize(10)
      .fillColor('black')
      .text(question.heading, page.left, doc.y, { width: contentWidth });
    doc.moveDown(0.2);
  }
  const top = doc.y;
  doc
    .font(fontFiles.bold)
    .fontSize(10)
    .fillColor('black')
    .text(`${question.number}.`, page.left, top, { width: indent, lineBreak: false });
  doc
    .font(fontFiles.regular)
    .fontSize(10)
    .text(question.label, page.left + indent, top, { width });
  if (question.condition)
    doc
      .font(fontFiles.regular)
      .fontSize(8.5)
      .fillColor(grey)
      .text(question.condition, page.left + indent, doc.y, { width });
  if (question.hint)
    doc
      .font(fontFiles.regular)
      .fontSize(8.5)
      .fillColor(grey)
      .text(question.hint, page.left + indent, doc.y, { width });
  doc.fillColor('black');
  const x = page.left + indent;
  let y = doc.y + mm(1.5);
  doc.font(fontFiles.regular).fontSize(10);
  switch (question.answer.kind) {
    case 'yes_no': {
      checkbox(doc, x, y);
      doc.text(form.yes, x + mm(6), y, { lineBreak: false });
      checkbox(doc, x + mm(30), y);
      doc.text(form.no, x + mm(36), y, { lineBreak: false });
      y += mm(7);
      break;
    }
    case 'choice': {
      // Short options (currency, yes/no-like scales) go on one line; longer ones one per line.
      const optionWidths = question.answer.options.map((option) => mm(6) + doc.widthOfString(option) + mm(8));
      if (optionWidths.reduce((sum, optionWidth) => sum + optionWidth, 0) <= width) {
        let optionX = x;
        question.answer.options.forEach((option, index) => {
          checkbox(doc, optionX, y);
          doc.text(option, optionX + mm(6), y, { lineBreak: false });
          optionX += optionWidths[index]!;
        });
        y += mm(7);
        break;
      }
      for (const option of question.answer.options) {
        checkbox(doc, x, y);
        doc.text(option, x + mm(6), y, { width: width - mm(6) });
        y = Math.max(doc.y, y + mm(5)) + mm(1);
      }
      break;
    }
    case 'text': {
      for (let line = 0; line < question.answer.lines; line++) {
        y += mm(7);
        doc
          .moveTo(x, y)
          .lineTo(page.left + contentWidth, y)
          .lineWidth(0.5)
          .strokeColor('#777777')
          .stroke();
      }
      y += mm(2);
      break;
    }
    case 'number': {
      doc.rect(x, y, mm(40), mm(8)).lineWidth(0.8).strokeColor('black').stroke();
      y += mm(10);
      break;
    }
  }
  doc.x = page.left;
  doc.y = y + mm(2);
}
