import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { describeRetentionReport, runRetention } from './retention.service.js';

/** `npx atlas retention run [--dry-run]`: apply the retention schedule now (the daily job does it too). */
export const retentionCommands: Command[] = [
  {
    name: 'retention',
    subcommand: 'run',
    usage: '[--dry-run]: apply the retention schedule now; --dry-run lists what would go and changes nothing',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas retention run [--dry-run]',
        options: { 'dry-run': { type: 'boolean' } },
      });
      if (!parsed) return 2;
      const dryRun = parsed.values['dry-run'] === true;
      const report = await runRetention(context.db, context.config, { dryRun });
      for (const line of describeRetentionReport(report)) context.print(line);
      const total = Object.values(report.counts).reduce((sum, count) => sum + count, 0);
      context.print(dryRun ? `Dry run: ${total} would be removed; nothing was changed.` : `Done: ${total} removed.`);
      return 0;
    },
  },
];
