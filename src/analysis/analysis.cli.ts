import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { readArguments, validateOptions } from '../cli/arguments.js';
import type { Command, CommandContext } from '../cli/commands.js';
import { exportCsv, exportSpss } from './analysis.export.js';
import { analysisOptionsSchema, exportFormatSchema, reportLanguageSchema, waveKeySchema } from './analysis.schema.js';
import { analyseWave, compareWaves, recountWave, toAnalysisJson } from './analysis.service.js';
import { buildWaveReport, toReportJson } from '../report/report.service.js';

/** Reads `--name value` options and checks them with the schema; null (after printing why) when they do not fit. */
function readOptions<T extends z.ZodType>(
  context: CommandContext,
  names: string[],
  schema: T,
  usage: string,
): z.infer<T> | null {
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  const parsed = readArguments(context, { usage, options });
  return parsed && validateOptions(context, usage, schema, parsed.values);
}

function output(context: CommandContext, out: string | undefined, body: string | Buffer): void {
  if (out) {
    writeFileSync(out, body);
    context.progress(`Written ${out} (${Buffer.byteLength(body)} bytes)`);
  } else {
    context.print(typeof body === 'string' ? body.replace(/\n$/, '') : body.toString('utf8'));
  }
}

const analysisUsage = 'npx atlas analysis --wave <key> [--format json] [--e <0–1>] [--population <N>]';
const exportUsage = 'npx atlas analysis export --wave <key> --format csv|sps|json [--lang lv|ru|en] [--out <file>]';
const compareUsage = 'npx atlas analysis compare --a <key> --b <key>';

/** `npx atlas analysis …`: the analysis JSON contract, exports for analysts, and two waves compared. */
export const analysisCommands: Command[] = [
  {
    name: 'analysis',
    subcommand: 'export',
    usage: 'data for analysts: CSV with values and labels, SPSS syntax, JSON of every table',
    run: async (context) => {
      const options = readOptions(
        context,
        ['wave', 'format', 'lang', 'out'],
        z.object({
          wave: waveKeySchema,
          format: exportFormatSchema,
          lang: reportLanguageSchema.default('lv'),
          out: z.string().optional(),
        }),
        exportUsage,
      );
      if (!options) return 2;
      const body =
        options.format === 'csv'
          ? await exportCsv(context.db, options.wave, options.lang)
          : options.format === 'sps'
            ? await exportSpss(context.db, options.wave, options.lang)
            : await (async () => {
                const { analysis, model } = await buildWaveReport(context.db, options.wave, options.lang, {}, 'staff');
                return `${JSON.stringify(toReportJson(analysis, model), null, 2)}\n`;
              })();
      output(context, options.out, body);
      return 0;
    },
  },
  {
    name: 'analysis',
    subcommand: 'compare',
    usage: 'two waves side by side: each block’s share with its interval, and the change (JSON)',
    run: async (context) => {
      const options = readOptions(context, ['a', 'b'], z.object({ a: waveKeySchema, b: waveKeySchema }), compareUsage);
      if (!options) return 2;
      const comparison = await compareWaves(context.db, options.a, options.b);
      context.print(
        JSON.stringify(
          {
            a: comparison.a.wave.key,
            b: comparison.b.wave.key,
            blocks: Object.fromEntries(
              comparison.blocks.map((row) => [
                row.block,
                {
                  a: {
                    yes: row.a.yes,
                    base: row.a.share.base,
                    percent_yes: row.a.share.percent,
                    ci95: row.a.share.ci95,
                  },
                  b: {
                    yes: row.b.yes,
                    base: row.b.share.base,
                    percent_yes: row.b.share.percent,
                    ci95: row.b.share.ci95,
                  },
                  change_points: row.change?.points ?? null,
                  change_ci95: row.change?.ci95 ?? null,
                },
              ]),
            ),
          },
          null,
          2,
        ),
      );
      return 0;
    },
  },
  {
    name: 'analysis',
    subcommand: 'recount',
    usage: 'rebuilds a wave’s answer counts from its responses (after a restore without triggers)',
    run: async (context) => {
      const options = readOptions(
        context,
        ['wave'],
        z.object({ wave: waveKeySchema }),
        'npx atlas analysis recount --wave <key>',
      );
      if (!options) return 2;
      await recountWave(context.db, options.wave);
      context.progress(`Answer counts of ${options.wave} rebuilt.`);
      return 0;
    },
  },
  {
    name: 'analysis',
    usage: 'the analysis of a wave as JSON (respondents, AAPOR rates, every block)',
    run: async (context) => {
      const options = readOptions(
        context,
        ['wave', 'format', 'e', 'population'],
        analysisOptionsSchema.extend({ format: z.literal('json').default('json') }),
        analysisUsage,
      );
      if (!options) return 2;
      const analysis = await analyseWave(context.db, options.wave, {
        eligibilityRate: options.e,
        population: options.population,
      });
      context.print(JSON.stringify(toAnalysisJson(analysis), null, 2));
      return 0;
    },
  },
];
