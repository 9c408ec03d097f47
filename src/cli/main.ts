import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { prepareDatabase } from '../db/prepare.js';
import { AppError } from '../core/errors.js';
import { translate } from '../core/i18n.js';
import { logger } from '../core/logger.js';
import { commands, type Command, type CommandContext } from './commands.js';
import { useErasureLedger } from '../privacy/erasure-ledger.js';
import { openKeyring } from '../privacy/sealing.service.js';

// A reader that stops early (`npx atlas responses export … | head`) closes the pipe: the command still finishes,
// writes nothing more and closes the database, instead of dying with EPIPE and a stack trace.
let outputClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  outputClosed = true;
});
function printLine(line: string): void {
  if (!outputClosed) process.stdout.write(`${line}\n`);
}
const printProblem = (line: string) => process.stderr.write(`${line}\n`);

/** `npx atlas <command> [subcommand] [options]`: thin commands over the same services the web app uses. */
async function runCli(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const command = commands.find(
    (candidate) => candidate.name === first && (candidate.subcommand === undefined || candidate.subcommand === second),
  );
  if (!command || first === 'help' || first === '--help') {
    const asked = first === undefined || first === 'help' || first === '--help';
    if (!asked) printProblem(`Unknown command "${[first, second].filter(Boolean).join(' ')}".`);
    printUsage();
    return asked ? 0 : 2;
  }
  const args =
    command.subcommand === undefined ? [second, ...rest].filter((value): value is string => value !== undefined) : rest;
  // Only --help is looked at here (before the database opens); each command reads the rest with readArguments.
  const asked = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (asked.values.help === true) {
    printLine(describe(command));
    return 0;
  }
  let showStack = false;
  try {
    const config = loadConfig();
    showStack = config.logLevel === 'debug';
    logger.setLevel(config.logLevel ?? 'warn');
    useErasureLedger(config.erasureLedgerFile);
    const database = await openDatabase(config, 'cli');
    try {
      if (command.prepare !== false) await prepareDatabase(database.db);
      const keyring = () =>
        openKeyring(database.db, {
          environmentKeys: config.keys,
          keyFilePath: config.keyFile,
          embedded: database.kind !== 'postgres',
        });
      const context: CommandContext = {
        db: database.db,
        config,
        args,
        print: printLine,
        progress: printProblem,
        keyring,
      };
      return await command.run(context);
    } finally {
      await database.close();
    }
  } catch (error) {
    printError(error, showStack);
    return 1;
  }
}

/**
 * One line for the person at the terminal. A rejected input (AppError) says what was wrong in words and lists its
 * problems; anything else gives its message on one line, without the stack unless LOG_LEVEL=debug. No rows and no
 * typed values are added to it, so a person's data stays off the screen and out of terminal logs.
 */
function printError(error: unknown, showStack: boolean): void {
  if (error instanceof AppError) {
    printProblem(translate('en', error.messageKey, error.messageParameters));
    for (const detail of error.details) {
      printProblem(
        `  ${detail.path ? `${detail.path}: ` : ''}${translate('en', detail.messageKey, detail.parameters)}`,
      );
    }
  } else {
    const message = error instanceof Error ? error.message : String(error);
    printProblem(`Error: ${message.replace(/\s*\n\s*/g, ' ')}${showStack ? '' : ' (LOG_LEVEL=debug shows where)'}`);
  }
  if (showStack && error instanceof Error && error.stack) printProblem(error.stack);
}

function describe(command: Command): string {
  return `  ${[command.name, command.subcommand].filter(Boolean).join(' ').padEnd(24)} ${command.usage}`;
}

function printUsage(): void {
  printLine('Usage: npx atlas <command>\n\nCommands:');
  for (const command of commands) printLine(describe(command));
}

process.exitCode = await runCli(process.argv.slice(2));
