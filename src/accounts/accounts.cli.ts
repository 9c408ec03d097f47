import { readArguments } from '../cli/arguments.js';
import type { Command, CommandContext } from '../cli/commands.js';
import { AppError } from '../core/errors.js';
import { accountRoles, rolesWithOrganization } from '../core/account.js';
import { createAccount, listAccounts } from './account.service.js';
import type { AccountRole } from './account.table.js';
import { generatePassword } from './password.js';

/** Where create-admin may take a password from; the real command passes the process's own. */
export type PasswordSources = {
  environment: NodeJS.ProcessEnv;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
};

/** Reads one line from the terminal without echoing it (raw mode), for a password typed by hand. */
function readHiddenLine(prompt: string, sources: PasswordSources): Promise<string> {
  const { input, output } = sources;
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003') return finish(new Error('cancelled'));
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
        else if (character >= ' ') typed += character;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The first administrator's password: ATLAS_ADMIN_PASSWORD if set; else typed twice on a terminal; else (no
 * terminal, e.g. a script) a generated one that the command prints once.
 */
async function choosePassword(
  context: CommandContext,
  sources: PasswordSources,
  variable = 'ATLAS_ADMIN_PASSWORD',
): Promise<{ password: string; generated: boolean } | null> {
  const fromEnvironment = sources.environment[variable];
  if (fromEnvironment) return { password: fromEnvironment, generated: false };
  if (sources.input.isTTY) {
    const first = await readHiddenLine('Password (at least 12 characters): ', sources);
    const second = await readHiddenLine('Password again: ', sources);
    if (first !== second) {
      context.progress('The two passwords differ. Nothing was created.');
      return null;
    }
    return { password: first, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

/** `atlas users create-admin --email <e> --name <n>`: prints the new account's id on stdout. */
export async function runCreateAdmin(context: CommandContext, sources: PasswordSources): Promise<number> {
  const parsed = readArguments(context, {
    usage: 'npx atlas users create-admin --email <e-mail> --name "<name>"',
    options: { email: { type: 'string' }, name: { type: 'string' } },
    required: ['email', 'name'],
  });
  if (!parsed) return 2;
  const { email, name } = parsed.values as { email: string; name: string };
  const chosen = await choosePassword(context, sources);
  if (!chosen) return 1;
  return createAndReport(context, { email, displayName: name, role: 'administrator', organizationId: null }, chosen);
}

/** `atlas users list`: one line per account, tab-separated, for people and scripts. */
export async function runListUsers(context: CommandContext): Promise<number> {
  if (!readArguments(context, { usage: 'npx atlas users list', options: {} })) return 2;
  for (const account of await listAccounts(context.db)) {
    context.print(
      [
        account.id,
        account.email,
        account.role,
        account.isActive ? 'active' : 'inactive',
        account.organizationName ?? '',
        account.displayName,
      ].join('\t'),
    );
  }
  return 0;
}

/**
 * `atlas users create --email <e> --name <n> --role <role> [--institution <organization-id>]`, for scripted set-up:
 * the password comes from ATLAS_USER_PASSWORD, the terminal, or is generated and shown once. Prints the new id.
 */
export async function runCreateUser(context: CommandContext, sources: PasswordSources): Promise<number> {
  const usage = `npx atlas users create --email <e-mail> --name "<name>" --role <${accountRoles.join('|')}> [--institution <organization-id>]`;
  const parsed = readArguments(context, {
    usage,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      institution: { type: 'string' },
    },
    required: ['email', 'name', 'role'],
  });
  if (!parsed) return 2;
  const { email, name, role, institution } = parsed.values as {
    email: string;
    name: string;
    role: string;
    institution?: string;
  };
  if (!accountRoles.includes(role as AccountRole)) {
    context.progress(`Unknown role "${role}". Roles: ${accountRoles.join(', ')}.`);
    return 2;
  }
  if (rolesWithOrganization.includes(role as AccountRole) !== Boolean(institution)) {
    context.progress(
      rolesWithOrganization.includes(role as AccountRole)
        ? `A ${role} acts for one organization: add --institution <organization-id>.`
        : `A ${role} belongs to no institution: leave out --institution.`,
    );
    return 2;
  }
  const chosen = await choosePassword(context, sources, 'ATLAS_USER_PASSWORD');
  if (!chosen) return 1;
  return createAndReport(
    context,
    { email, displayName: name, role: role as AccountRole, organizationId: institution ?? null },
    chosen,
  );
}

/** Creates the account and prints its id; a generated password once, on stderr. Exit 1 when the e-mail is taken. */
async function createAndReport(
  context: CommandContext,
  input: { email: string; displayName: string; role: AccountRole; organizationId: string | null },
  chosen: { password: string; generated: boolean },
): Promise<number> {
  try {
    const account = await context.db
      .transaction()
      .execute((trx) => createAccount(trx, { ...input, password: chosen.password }, null));
    context.print(account.id);
    // Printed once, on stderr (not with the id a script may capture); it is stored only as a scrypt hash.
    if (chosen.generated) context.progress(`Generated password (shown only now): ${chosen.password}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      // Not the address itself: terminal output ends up in logs and screen recordings.
      context.progress('An account with this e-mail already exists. Nothing was created.');
      return 1;
    }
    throw error;
  }
}

export const usersCommands: Command[] = [
  {
    name: 'users',
    subcommand: 'create',
    usage:
      '--email <e-mail> --name <name> --role <role> [--institution <organization-id>]: create an account (password from ATLAS_USER_PASSWORD, the terminal, or generated)',
    run: (context) =>
      runCreateUser(context, { environment: process.env, input: process.stdin, output: process.stderr }),
  },
  {
    name: 'users',
    subcommand: 'create-admin',
    usage:
      '--email <e-mail> --name <name>: create an administrator (password from ATLAS_ADMIN_PASSWORD, the terminal, or generated)',
    run: (context) =>
      runCreateAdmin(context, { environment: process.env, input: process.stdin, output: process.stderr }),
  },
  {
    name: 'users',
    subcommand: 'list',
    usage: 'list staff accounts: id, e-mail, role, status, institution, name',
    run: runListUsers,
  },
];
