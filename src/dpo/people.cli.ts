import { writeFileSync } from 'node:fs';
import { readArguments } from '../cli/arguments.js';
import type { Command, CommandContext } from '../cli/commands.js';
import { erasePersonData, exportPersonData } from './subject-access.service.js';

/** The keys for personal data; a context without them (a test) cannot open people. */
async function openContextKeyring(context: CommandContext) {
  if (!context.keyring) throw new Error('This command needs the keys for personal data.');
  return context.keyring();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `npx atlas people export|erase <person-id>`: the data subject's access and erasure, for the DPO. */
export const peopleCommands: Command[] = [
  {
    name: 'people',
    subcommand: 'export',
    usage: '<person-id> [--out <file.json>]: everything held on a person and who read or received it, as JSON',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas people export <person-id> [--out <file.json>]',
        options: { out: { type: 'string' } },
        positionals: ['<person-id>'],
      });
      if (!parsed) return 2;
      const personId = parsed.positionals[0]!;
      const data = uuidPattern.test(personId)
        ? await exportPersonData(context.db, await openContextKeyring(context), personId, { accountId: null })
        : undefined;
      if (!data) {
        context.progress('No person has this id.');
        return 1;
      }
      const json = `${JSON.stringify(data, null, 2)}\n`;
      // Personal data: to a file the operator names (mode 0600), or to stdout for a pipe; never into a log.
      if (parsed.values.out) {
        writeFileSync(parsed.values.out, json, { mode: 0o600 });
        context.progress(`Written to ${parsed.values.out}.`);
      } else context.print(json.trimEnd());
      return 0;
    },
  },
  {
    name: 'people',
    subcommand: 'erase',
    usage: '<person-id> [--reason <text>]: erase a person for good (their data key is destroyed; counts stay)',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas people erase <person-id> [--reason <text>]',
        options: { reason: { type: 'string' } },
        positionals: ['<person-id>'],
      });
      if (!parsed) return 2;
      const personId = parsed.positionals[0]!;
      const erased =
        uuidPattern.test(personId) &&
        (await erasePersonData(context.db, personId, { accountId: null, reason: parsed.values.reason ?? 'request' }));
      if (!erased) {
        context.progress('No person has this id.');
        return 1;
      }
      context.print('Erased.');
      return 0;
    },
  },
];
