import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { prepareDatabase } from '../db/prepare.js';
import { AppError } from '../core/errors.js';
import { translate } from '../core/i18n.js';
import { logger } from '../core/logger.js';
import { commands, type CommandContext } from './commands.js';

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

/** `npx atlas <command> [subcommand] [options]`: thin commands over the same services the web app uses. */
async function runCli(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const command = commands.find((candidate) => candidate.name === first && (candidate.subcommand === undefined || candidate.subcommand === second));
  if (!command || first === 'help' || first === '--help') {
    printUsage();
    return first === undefined || first === 'help' || first === '--help' ? 0 : 2;
  }
  const args = command.subcommand === undefined ? [second, ...rest].filter((value): value is string => value !== undefined) : rest;
  const config = loadConfig();
  logger.setLevel(config.logLevel ?? 'warn');
  const database = await openDatabase(config);
  try {
    await prepareDatabase(database.db);
    const context: CommandContext = { db: database.db, config, args, print: printLine, progress: (line) => process.stderr.write(`${line}\n`) };
    return await command.run(context);
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${translate('en', error.messageKey, error.messageParameters)}\n`);
      for (const detail of error.details) process.stderr.write(`  ${detail.path ? `${detail.path}: ` : ''}${detail.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

function printUsage(): void {
  process.stdout.write('Usage: npx atlas <command>\n\nCommands:\n');
  for (const command of commands) {
    process.stdout.write(`  ${[command.name, command.subcommand].filter(Boolean).join(' ').padEnd(24)} ${command.usage}\n`);
  }
}

process.exitCode = await runCli(process.argv.slice(2));
