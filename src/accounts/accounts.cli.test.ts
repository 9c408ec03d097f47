import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import type { CommandContext } from '../cli/commands.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { runCreateAdmin, runListUsers } from './accounts.cli.js';
import { verifyPassword } from './password.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

function cliContext(args: string[]) {
  const printed: string[] = [];
  const diagnostics: string[] = [];
  const context: CommandContext = {
    db: database.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: (line) => diagnostics.push(line),
  };
  return { context, printed, diagnostics };
}

// No terminal: stdin is a pipe, as when the command runs from a script.
const noTerminal = () => ({
  input: new PassThrough() as unknown as NodeJS.ReadStream,
  output: new PassThrough() as unknown as NodeJS.WriteStream,
});

test('create-admin takes the password from ATLAS_ADMIN_PASSWORD and prints the new id', async () => {
  const { context, printed } = cliContext(['--email', 'Admin@Example.lv', '--name', 'Ilze Kalniņa']);
  const code = await runCreateAdmin(context, {
    environment: { ATLAS_ADMIN_PASSWORD: 'a very long admin password' },
    ...noTerminal(),
  });
  assert.equal(code, 0);
  assert.equal(printed.length, 1);
  const row = await database.db
    .selectFrom('account')
    .selectAll()
    .where('id', '=', printed[0] ?? '')
    .executeTakeFirstOrThrow();
  assert.equal(row.email, 'admin@example.lv');
  assert.equal(row.role, 'administrator');
  assert.equal(row.display_name, 'Ilze Kalniņa');
  assert.equal(await verifyPassword('a very long admin password', row.password_hash), true);
});

test('create-admin refuses an e-mail that already has an account, with exit code 1', async () => {
  const { context, printed, diagnostics } = cliContext(['--email', 'admin@example.lv', '--name', 'Someone Else']);
  const code = await runCreateAdmin(context, {
    environment: { ATLAS_ADMIN_PASSWORD: 'another long password' },
    ...noTerminal(),
  });
  assert.equal(code, 1);
  assert.equal(printed.length, 0);
  assert.match(diagnostics.join('\n'), /already exists/);
  const count = await database.db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('email', '=', 'admin@example.lv')
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.count), 1);
});

test('without a password and without a terminal, create-admin generates one and shows it once', async () => {
  const { context, printed, diagnostics } = cliContext(['--email', 'second@example.lv', '--name', 'Second Admin']);
  const code = await runCreateAdmin(context, { environment: {}, ...noTerminal() });
  assert.equal(code, 0);
  const password = /Generated password \(shown only now\): (\S+)/.exec(diagnostics.join('\n'))?.[1];
  assert.ok(password && password.length >= 12);
  const row = await database.db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', printed[0] ?? '')
    .executeTakeFirstOrThrow();
  assert.equal(await verifyPassword(password, row.password_hash), true);
});

test('create-admin without --email or --name is a usage error; users list shows the accounts', async () => {
  const { context } = cliContext(['--email', 'x@example.lv']);
  assert.equal(
    await runCreateAdmin(context, {
      environment: { ATLAS_ADMIN_PASSWORD: 'a very long admin password' },
      ...noTerminal(),
    }),
    2,
  );
  const listing = cliContext([]);
  assert.equal(await runListUsers(listing.context), 0);
  const lines = listing.printed.filter((line) => line.includes('@example.lv'));
  assert.deepEqual(lines.map((line) => line.split('\t')[1]).sort(), ['admin@example.lv', 'second@example.lv']);
  assert.ok(lines.every((line) => line.split('\t')[2] === 'administrator'));
});
