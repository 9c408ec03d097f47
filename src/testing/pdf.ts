// Reading PDFs in tests with Mozilla's PDF.js (the legacy build is the one for Node): the text a reader can search
// and copy, and pages drawn as pictures (on @napi-rs/canvas, which PDF.js loads itself in Node).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

// PDF.js looks for the standard 14 fonts' data here when a PDF uses one without embedding it.
const pdfjsFolder = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const standardFontDataUrl = `${join(pdfjsFolder, 'standard_fonts')}/`;

async function withPdf<T>(pdf: Uint8Array, use: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // PDF.js forgives bytes before the header; a file we serve as a PDF must start with it.
  const header = Buffer.from(pdf.subarray(0, 5)).toString('latin1');
  if (header !== '%PDF-') throw new Error(`not a PDF: it starts with ${JSON.stringify(header)}`);
  // PDF.js takes the buffer over (detaches it): give it a copy so the caller's bytes stay readable.
  const loading = getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, isEvalSupported: false, verbosity: 0 });
  const document = await loading.promise;
  try {
    return await use(document);
  } finally {
    await loading.destroy();
  }
}

/** The text of each page, lines ending in "\n", as a reader copying from the PDF gets it. */
export async function readPdfPages(pdf: Uint8Array): Promise<string[]> {
  return withPdf(pdf, async (document) => {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      const items = content.items.filter((item): item is TextItem => 'str' in item);
      pages.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
    }
    return pages;
  });
}

/** The text of the whole PDF with every run of white space as one space, so a phrase broken over lines is found. */
export async function readPdfText(pdf: Uint8Array): Promise<string> {
  return (await readPdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
}

type NodeCanvas = { width: number; height: number };
type NodeCanvasContext = {
  getImageData(
    x: number,
    y: number,
    width: number,
    height: number,
  ): { width: number; height: number; data: Uint8ClampedArray };
};

export type PdfPicture = { width: number; height: number; pixels: Uint8ClampedArray };

/** One page (counted from 1) drawn on a white background at `dotsPerInch`: its size and RGBA bytes. */
export async function drawPdfPage(pdf: Uint8Array, pageNumber: number, dotsPerInch = 50): Promise<PdfPicture> {
  return withPdf(pdf, async (document) => {
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dotsPerInch / 72 });
    // PDF.js's own factory makes an @napi-rs/canvas canvas in Node; its type is the browser's, which we do not load.
    const factory = document.canvasFactory as {
      create(width: number, height: number): { canvas: NodeCanvas; context: NodeCanvasContext };
    };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas, canvasContext: context, viewport, background: 'white' }).promise;
    const { width, height, data } = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width, height, pixels: data };
  });
}

/** How many pixels of a picture pass a test of their colour. */
export function countPixels(
  picture: PdfPicture,
  isWanted: (red: number, green: number, blue: number) => boolean,
): number {
  let count = 0;
  for (let offset = 0; offset + 3 < picture.pixels.length; offset += 4) {
    if (isWanted(picture.pixels[offset]!, picture.pixels[offset + 1]!, picture.pixels[offset + 2]!)) count++;
  }
  return count;
}

/** Each page's text runs with their font size in points (from the text matrix), for checking type sizes. */
export async function readPdfTextSizes(pdf: Uint8Array): Promise<Array<Array<{ text: string; size: number }>>> {
  return withPdf(pdf, async (document) => {
    const pages: Array<Array<{ text: string; size: number }>> = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(
        content.items
          .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
          .map((item) => ({
            text: item.str,
            size: Math.round(Math.hypot(item.transform[0] as number, item.transform[1] as number) * 10) / 10,
          })),
      );
    }
    return pages;
  });
}
