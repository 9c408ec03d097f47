import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.js';
import { readArguments, validateOptions } from '../cli/arguments.js';
import type { Database } from '../db/database.js';
import type { Command, CommandContext } from '../cli/commands.js';
import { importCases } from './case-csv.service.js';
import { exportResponses, importResponses } from './response-csv.service.js';
import { cliWaveCreateSchema } from './surveys.schema.js';
import { closeWave, createWave, getWaveByKey, listWaves, openWave } from './wave.service.js';

// Thin commands over the survey services. Results go to stdout, diagnostics to stderr; exit codes: 0 done,
// 1 rejected input (the CLI prints the problems), 2 wrong usage.

const fileOptions = { wave: { type: 'string' } } as const;

/** An import from the terminal is audited in its own transaction: what came in, into which wave, and how many. */
async function recordCliImport(
  trx: Kysely<Database>,
  action: string,
  waveKey: string,
  counts: Record<string, number>,
): Promise<void> {
  await recordAuditEvent(trx, {
    accountId: null,
    action,
    entityType: 'wave',
    entityId: waveKey,
    details: { ...counts, via: 'cli' },
  });
}

/** `atlas responses import --wave <key> <file.csv> [--replace]` */
export async function runImportResponses(context: CommandContext): Promise<number> {
  const parsed = readArguments(context, {
    usage: 'npx atlas responses import --wave <key> <file.csv> [--replace]',
    options: { ...fileOptions, replace: { type: 'boolean' } },
    required: ['wave'],
    positionals: ['<file.csv>'],
  });
  if (!parsed) return 2;
  const waveKey = parsed.values.wave!;
  const text = readFileSync(parsed.positionals[0]!, 'utf8');
  const result = await context.db.transaction().execute(async (trx) => {
    const wave = await getWaveByKey(trx, waveKey);
    const imported = await importResponses(trx, wave, text, { replace: parsed.values.replace === true });
    await recordCliImport(trx, 'survey.responses.import', wave.key, { ...imported });
    return imported;
  });
  const replaced = result.replaced ? ` (${result.replaced} replaced)` : '';
  context.progress(`Imported ${result.imported} respondents into wave ${waveKey}${replaced}.`);
  context.print(String(result.imported));
  return 0;
}

/** `atlas responses export --wave <key> [--out <file.csv>]` */
export async function runExportResponses(context: CommandContext): Promise<number> {
  const parsed = readArguments(context, {
    usage: 'npx atlas responses export --wave <key> [--out <file.csv>]',
    options: { ...fileOptions, out: { type: 'string' } },
    required: ['wave'],
  });
  if (!parsed) return 2;
  const waveKey = parsed.values.wave!;
  const wave = await getWaveByKey(context.db, waveKey);
  const out = parsed.values.out;
  // Every respondent's answers leave the app: the export is recorded as the web's is (no account at a terminal).
  await recordAuditEvent(context.db, {
    accountId: null,
    action: 'survey.responses.export',
    entityType: 'wave',
    entityId: wave.key,
    details: { format: 'csv', via: 'cli' },
  });
  if (!out) {
    // print() ends each chunk with "\n"; the chunk's own last "\n" is dropped so records keep their CRLF.
    const count = await exportResponses(context.db, wave, (chunk) =>
      context.print(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk),
    );
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
  const parsed = readArguments(context, {
    usage: 'npx atlas cases import --wave <key> <file.csv>',
    options: fileOptions,
    required: ['wave'],
    positionals: ['<file.csv>'],
  });
  if (!parsed) return 2;
  const waveKey = parsed.values.wave!;
  const text = readFileSync(parsed.positionals[0]!, 'utf8');
  const count = await context.db.transaction().execute(async (trx) => {
    const imported = await importCases(trx, await getWaveByKey(trx, waveKey), text);
    await recordCliImport(trx, 'survey.cases.import', waveKey, { imported });
    return imported;
  });
  context.progress(`Imported ${count} cases into wave ${waveKey}.`);
  context.print(String(count));
  return 0;
}

/** `atlas waves create --questionnaire <key> --name <name> [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--key <key>]`: the new key on the last line. */
export async function runCreateWave(context: CommandContext): Promise<number> {
  const usage =
    'npx atlas waves create --questionnaire <key> --name <name> [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--key <key>]';
  const parsed = readArguments(context, {
    usage,
    options: {
      questionnaire: { type: 'string' },
      name: { type: 'string' },
      opens: { type: 'string' },
      closes: { type: 'string' },
      key: { type: 'string' },
    },
    required: ['questionnaire', 'name'],
  });
  if (!parsed) return 2;
  const { questionnaire, name, opens, closes, key } = parsed.values;
  const fields = { questionnaireKey: questionnaire, name, opensOn: opens, closesOn: closes, key };
  const input = validateOptions(context, usage, cliWaveCreateSchema, fields);
  if (!input) return 2;
  const wave = await context.db
    .transaction()
    .execute((trx) => createWave(trx, { ...input, sample: { source: 'import' } }));
  context.progress(`Created wave "${wave.name}" (draft) on questionnaire ${wave.questionnaireKey}.`);
  context.print(wave.key);
  return 0;
}

/** `atlas waves list`: one tab-separated line per wave. */
export async function runListWaves(context: CommandContext): Promise<number> {
  if (!readArguments(context, { usage: 'npx atlas waves list', options: {} })) return 2;
  context.print(
    ['key', 'status', 'questionnaire', 'opens_on', 'closes_on', 'cases', 'completes', 'responses', 'name'].join('\t'),
  );
  for (const wave of await listWaves(context.db)) {
    context.print(
      [
        wave.key,
        wave.status,
        wave.questionnaireKey,
        wave.opensOn ?? '',
        wave.closesOn ?? '',
        wave.cases,
        wave.completes,
        wave.responses,
        wave.name,
      ].join('\t'),
    );
  }
  return 0;
}

/** `atlas waves open|close --wave <key>`: what the wave page's buttons do, for scripts and schedules. */
function waveStatusCommand(action: 'open' | 'close'): (context: CommandContext) => Promise<number> {
  return async (context) => {
    const parsed = readArguments(context, {
      usage: `npx atlas waves ${action} --wave <key>`,
      options: fileOptions,
      required: ['wave'],
    });
    if (!parsed) return 2;
    const change = action === 'open' ? openWave : closeWave;
    const wave = await context.db
      .transaction()
      .execute(async (trx) => change(trx, (await getWaveByKey(trx, parsed.values.wave!)).id, { accountId: null }));
    context.print(`${wave.key}\t${wave.status}`);
    return 0;
  };
}

export const surveyCommands: Command[] = [
  {
    name: 'waves',
    subcommand: 'open',
    usage: '--wave <key>: open a draft wave for answers, as the wave page does',
    run: waveStatusCommand('open'),
  },
  {
    name: 'waves',
    subcommand: 'close',
    usage: '--wave <key>: close an open wave, as the wave page does',
    run: waveStatusCommand('close'),
  },
  {
    name: 'waves',
    subcommand: 'create',
    usage: '--questionnaire <key> --name <name> [--opens/--closes YYYY-MM-DD]: new draft wave; prints its key last',
    run: runCreateWave,
  },
  {
    name: 'waves',
    subcommand: 'list',
    usage: 'list survey waves: key, status, questionnaire, dates, counts, name',
    run: runListWaves,
  },
  {
    name: 'responses',
    subcommand: 'import',
    usage: '--wave <key> <file.csv> [--replace]: import answers, all rows or none',
    run: runImportResponses,
  },
  {
    name: 'responses',
    subcommand: 'export',
    usage: '--wave <key> [--out <file.csv>]: answers as CSV, one row per respondent',
    run: runExportResponses,
  },
  {
    name: 'cases',
    subcommand: 'import',
    usage: '--wave <key> <file.csv>: import a wave sample (case_id, respondent_id, …, disposition)',
    run: runImportCases,
  },
];
