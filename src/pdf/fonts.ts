import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// DejaVu Sans has every Latvian and Cyrillic letter; pdfkit's built-in Helvetica has neither ā nor ж. The fonts
// come from the npm package dejavu-fonts-ttf, so `npm install` alone gives working PDFs on any machine.
const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * Paths of the TrueType files every PDF embeds. Name fonts by these paths in pdfkit, never by registerFont()
 * aliases: pdfkit 0.20 caches a font under the key it was first opened with, and an alias re-reads the file.
 */
export const pdfFontFiles = {
  regular: join(fontDirectory, 'DejaVuSans.ttf'),
  bold: join(fontDirectory, 'DejaVuSans-Bold.ttf'),
  mono: join(fontDirectory, 'DejaVuSansMono.ttf'),
};
