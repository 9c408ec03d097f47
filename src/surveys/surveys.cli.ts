import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Command, CommandContext } from '../cli/commands.js';
import { importCases } from './case-csv.service.js';
import { exportResponses, importResponses } from './response-csv.service.js';
import { cliWaveCreateSchema } from './surveys.schema.js';
import { createWave, getWaveByKey, listWaves } from './wave.service.js';

// Thin commands over the survey services. Results go to stdout, diagnostics to stderr; exit codes: 0 done,
// 1 rejected input (the CLI prints the problems), 2 wrong usage.

function readOption(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The words that are neither options nor option values: e.g. the file of `responses import`. */
function positionalArguments(args: string[], optionsWithValues: string[]): string[] {
  const positional: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (optionsWithValues.includes(arg)) index++;
    else if (!arg.startsWith('--')) positional.push(arg);
  }
  return positional;
}

function readFileArgument(context: CommandContext, usage: string): { waveKey: string; file: string } | null {
  const waveKey = readOption(context.args, '--wave');
  const [file] = positionalArguments(context.args, ['--wave']);
  if (!waveKey || !file) {
    context.progress(`Usage: ${usage}`);
    return null;
  }
  return { waveKey, file };
}

/** `atlas responses import --wave <key> <file.csv> [--replace]` */
export async function runImportResponses(context: CommandContext): Promise<number> {
  const parsed = readFileArgument(context, 'npx atlas responses import --wave <key> <file.csv> [--replace]');
  if (!parsed) return 2;
  const text = readFileSync(parsed.file, 'utf8');
  const result = await context.db.transaction().execute(async (trx) => {
    const wave = await getWaveByKey(trx, parsed.waveKey);
    return importResponses(trx, wave, text, { replace: context.args.includes('--replace') });
  });
  context.progress(`Imported ${result.imported} respondents into wave ${parsed.waveKey}${result.replaced ? ` (${result.replaced} replaced)` : ''}.`);
  context.print(String(result.imported));
  return 0;
}

/** `atlas responses export --wave <key> [--out <file.csv>]` */
export async function runExportResponses(context: CommandContext): Promise<number> {
  const waveKey = readOption(context.args, '--wave');
  if (!waveKey) {
    context.progress('Usage: npx atlas responses export --wave <key> [--out <file.csv>]');
    return 2;
  }
  const wave = await getWaveByKey(context.db, waveKey);
  const out = readOption(context.args, '--out');
  if (!out) {
    // print() ends each chunk with "\n"; the chunk's own last "\n" is dropped so records keep their CRLF.
    const count = await exportResponses(context.db, wave, (chunk) => context.print(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk));
    context.progress(`Exported ${count} respondents of wave ${waveKey}.`);
    return 0;
  }
  const stream = createWriteStream(out, { encoding: 'utf8' });
  const count = await exportResponses(context.db, wave, async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  });
  stream.end();
  await once(stream, 'finish');
  context.progress(`Exported ${count} respondents of wave ${waveKey} to ${out}.`);
  return 0;
}

/** `atlas cases import --wave <key> <file.csv>`: a wave's sample with dispositions (case_id, respondent_id, …). */
export async function runImportCases(context: CommandContext): Promise<number> {
  const parsed = readFileArgument(context, 'npx atlas cases import --wave <key> <file.csv>');
  if (!parsed) return 2;
  const text = readFileSync(parsed.file, 'utf8');
  const count = await context.db.transaction().execute(async (trx) => importCases(trx, await getWaveByKey(trx, parsed.waveKey), text));
  context.progress(`Imported ${count} cases into wave ${parsed.waveKey}.`);
  context.print(String(count));
  return 0;
}

/** `atlas waves create --questionnaire <key> --name <name> [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--key <key>]`: the new key on the last line. */
export async function runCreateWave(context: CommandContext): Promise<number> {
  const parsed = cliWaveCreateSchema.safeParse({
    questionnaireKey: readOption(context.args, '--questionnaire'),
    name: readOption(context.args, '--name'),
    opensOn: readOption(context.args, '--opens'),
    closesOn: readOption(context.args, '--closes'),
    key: readOption(context.args, '--key'),
  });
  if (!parsed.success) {
    context.progress('Usage: npx atlas waves create --questionnaire <key> --name <name> [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--key <key>]');
    for (const issue of parsed.error.issues) context.progress(`  ${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const wave = await context.db.transaction().execute((trx) => createWave(trx, { ...parsed.data, sample: { source: 'import' } }));
  context.progress(`Created wave "${wave.name}" (draft) on questionnaire ${wave.questionnaireKey}.`);
  context.print(wave.key);
  return 0;
}

/** `atlas waves list`: one tab-separated line per wave. */
export async function runListWaves(context: CommandContext): Promise<number> {
  context.print(['key', 'status', 'questionnaire', 'opens_on', 'closes_on', 'cases', 'completes', 'responses', 'name'].join('\t'));
  for (const wave of await listWaves(context.db)) {
    context.print([wave.key, wave.status, wave.questionnaireKey, wave.opensOn ?? '', wave.closesOn ?? '', wave.cases, wave.completes, wave.responses, wave.name].join('\t'));
  }
  return 0;
}

export const surveyCommands: Command[] = [
  { name: 'waves', subcommand: 'create', usage: '--questionnaire <key> --name <name> [--opens/--closes YYYY-MM-DD]: new draft wave; prints its key last', run: runCreateWave },
  { name: 'waves', subcommand: 'list', usage: 'list survey waves: key, status, questionnaire, dates, counts, name', run: runListWaves },
  { name: 'responses', subcommand: 'import', usage: '--wave <key> <file.csv> [--replace]: import answers, all rows or none', run: runImportResponses },
  { name: 'responses', subcommand: 'export', usage: '--wave <key> [--out <file.csv>]: answers as CSV, one row per respondent', run: runExportResponses },
  { name: 'cases', subcommand: 'import', usage: '--wave <key> <file.csv>: import a wave sample (case_id, respondent_id, …, disposition)', run: runImportCases },
];
