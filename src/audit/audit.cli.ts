import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { anchorAuditChains, verifyAuditChains } from './audit.service.js';

/** `npx atlas audit verify|anchor`: check the hash chains of the audit trail, or tie them together now. */
export const auditCommands: Command[] = [
  {
    name: 'audit',
    subcommand: 'verify',
    usage: 'check every hash chain of the audit trail; exits 1 and names each break',
    run: async (context) => {
      if (!readArguments(context, { usage: 'npx atlas audit verify', options: {} })) return 2;
      const result = await verifyAuditChains(context.db);
      for (const entry of result.breaks) {
        context.print(
          `BREAK chain ${entry.chain} at ${entry.sequence}${entry.eventId ? ` (event ${entry.eventId})` : ''}: ${entry.problem}`,
        );
      }
      context.print(`${result.checked} events checked, ${result.breaks.length} breaks.`);
      return result.breaks.length === 0 ? 0 : 1;
    },
  },
  {
    name: 'audit',
    subcommand: 'anchor',
    usage: "record every chain's head in an anchor event (a scheduled job does this too)",
    run: async (context) => {
      if (!readArguments(context, { usage: 'npx atlas audit anchor', options: {} })) return 2;
      await anchorAuditChains(context.db);
      context.print('Anchored.');
      return 0;
    },
  },
];
