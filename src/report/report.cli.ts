import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { analysisOptionsSchema, reportLanguageSchema } from '../analysis/analysis.schema.js';
import { readArguments, usageError, validateOptions } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { buildWaveReport, renderReport, reportFormats } from './report.service.js';

const usage =
  'npx atlas report --wave <key> --lang lv|en|ru --format html|pdf|json --out <file> [--e <0–1>] [--population <N>] [--all-quotes]';

const reportOptionsSchema = analysisOptionsSchema.extend({
  lang: reportLanguageSchema.default('lv'),
  format: z.enum(reportFormats).default('html'),
  out: z.string().min(1).optional(),
  // Without it the report is the public one: respondents' words only where an analyst approved them.
  'all-quotes': z.boolean().default(false),
});

/** `npx atlas report`: the wave's report as a standalone HTML file, a PDF, or JSON. */
export const reportCommands: Command[] = [
  {
    name: 'report',
    usage: 'the report of a wave as HTML, PDF or JSON, in Latvian, English or Russian',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage,
        options: {
          wave: { type: 'string' },
          lang: { type: 'string' },
          format: { type: 'string' },
          out: { type: 'string' },
          e: { type: 'string' },
          population: { type: 'string' },
          'all-quotes': { type: 'boolean' },
        },
      });
      const options = parsed && validateOptions(context, usage, reportOptionsSchema, parsed.values);
      if (!options) return 2;
      if (options.format === 'pdf' && !options.out) {
        usageError(context, usage, 'A PDF needs --out <file>.');
        return 2;
      }
      const { analysis, model } = await buildWaveReport(
        context.db,
        options.wave,
        options.lang,
        { eligibilityRate: options.e, population: options.population },
        options['all-quotes'] ? 'staff' : 'public',
      );
      const rendered = await renderReport(analysis, model, options.format);
      if (options.out) {
        writeFileSync(options.out, rendered.body);
        context.progress(`Written ${options.out} (${Buffer.byteLength(rendered.body)} bytes)`);
      } else {
        context.print(String(rendered.body).replace(/\n$/, ''));
      }
      return 0;
    },
  },
];
