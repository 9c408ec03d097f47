import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { findAccountByEmail } from './account.service.js';
import { createApiToken, revokeApiToken } from './api-token.service.js';

/** `npx atlas tokens create|revoke`: bearer tokens for the JSON API, acting as an account with its role and scope. */
export const tokenCommands: Command[] = [
  {
    name: 'tokens',
    subcommand: 'create',
    usage: '--email <e-mail> [--label <text>]: a new API token for the account; printed once, on the last line',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas tokens create --email <e-mail> [--label <text>]',
        options: { email: { type: 'string' }, label: { type: 'string' } },
        required: ['email'],
      });
      if (!parsed) return 2;
      const account = await findAccountByEmail(context.db, parsed.values.email!);
      if (!account || !account.isActive) {
        context.progress('No active account has this e-mail. No token was made.');
        return 1;
      }
      const { id, token } = await createApiToken(context.db, account.id, parsed.values.label ?? 'cli', null);
      context.progress(`Token ${id} for a ${account.role} account; it is shown only now and stored only as a hash.`);
      context.print(token);
      return 0;
    },
  },
  {
    name: 'tokens',
    subcommand: 'revoke',
    usage: '--id <token id> | --email <e-mail>: revoke one token, or every token of an account',
    run: async (context) => {
      const parsed = readArguments(context, {
        usage: 'npx atlas tokens revoke --id <token id> | --email <e-mail>',
        options: { id: { type: 'string' }, email: { type: 'string' } },
      });
      if (!parsed) return 2;
      const { id, email } = parsed.values;
      if (!id === !email) {
        context.progress('Give either --id or --email.');
        return 2;
      }
      const account = email ? await findAccountByEmail(context.db, email) : undefined;
      if (email && !account) {
        context.progress('No account has this e-mail.');
        return 1;
      }
      const count = await revokeApiToken(context.db, id ? { id } : { accountId: account!.id }, null);
      context.print(`${count} token${count === 1 ? '' : 's'} revoked.`);
      return 0;
    },
  },
];
