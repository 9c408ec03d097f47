import { existsSync } from 'node:fs';
import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { RestoreRefused, restoreBackup, writeBackup } from './backup.service.js';

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** `npx atlas backup <file>` and `npx atlas restore <file>` (docs/privacy/backups.md). */
export const backupCommands: Command[] = [
  {
    name: 'backup',
    usage: '<file>: a consistent backup of every table while the app runs (gzip; keys are not in it)',
    run: async (context) => {
      const parsed = readArguments(context, { usage: 'npx atlas backup <file>', options: {}, positionals: ['<file>'] });
      if (!parsed) return 2;
      const file = parsed.positionals[0]!;
      context.progress(`Backing up to ${file}…`);
      const summary = await writeBackup(context.db, file, context.progress);
      context.print(
        `Backup written: ${file}, ${summary.tables} tables, ${summary.rows} rows, ${megabytes(summary.bytes)} MB in ${(summary.milliseconds / 1000).toFixed(1)} s.`,
      );
      context.print(
        'The keys are not in it: keep the key file (or ATLAS_KEYS) and the erasure ledger apart from backups.',
      );
      return 0;
    },
  },
  {
    name: 'restore',
    usage: '<file>: restore a backup into an empty data folder or empty database, then verify it',
    prepare: false,
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas restore <file>',
        options: {},
        positionals: ['<file>'],
      });
      if (!parsed) return 2;
      const file = parsed.positionals[0]!;
      if (!existsSync(file)) {
        context.progress(`No such file: ${file}`);
        return 1;
      }
      try {
        const summary = await restoreBackup(context.db, file, context.progress);
        context.print(
          `Restored the backup of ${summary.createdAt}: ${summary.tables} tables, ${summary.rows} rows (counts checked), audit trail verified (${summary.auditEventsChecked} events) in ${(summary.milliseconds / 1000).toFixed(1)} s.`,
        );
        if (summary.erasedAgain > 0)
          context.print(`${summary.erasedAgain} people erased since the backup were erased again.`);
        if (!context.config.keys && !existsSync(context.config.keyFile)) {
          context.print(
            `No keys at ${context.config.keyFile}: put the key file there (or set ATLAS_KEYS) before starting the app, or the sealed data cannot be read.`,
          );
        }
        return 0;
      } catch (error) {
        if (!(error instanceof RestoreRefused)) throw error;
        context.progress(error.message);
        return 1;
      }
    },
  },
];
