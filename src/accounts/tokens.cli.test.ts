import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import type { CommandContext } from '../cli/commands.js';
import { loadDemoData } from '../demo/demo.service.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import { runCreateUser } from './accounts.cli.js';
import { tokenCommands } from './tokens.cli.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
before(async () => {
  context = await createTestApp();
  await loadDemoData(context.db);
});
after(async () => context.close());

function cliContext(args: string[]) {
  const printed: string[] = [];
  const diagnostics: string[] = [];
  const command: CommandContext = {
    db: context.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: (line) => diagnostics.push(line),
  };
  return { command, printed, diagnostics };
}
const noTerminal = () => ({
  input: new PassThrough() as unknown as NodeJS.ReadStream,
  output: new PassThrough() as unknown as NodeJS.WriteStream,
});
const run = (commands: typeof tokenCommands, subcommand: string, args: string[]) => {
  const cli = cliContext(args);
  return commands
    .find((entry) => entry.subcommand === subcommand)!
    .run(cli.command)
    .then((code) => ({ code, ...cli }));
};

test('users create makes a referrer of a team; tokens create prints a token that opens the API as that account', async () => {
  const organization = await context.db.selectFrom('organization').select('id').orderBy('id').executeTakeFirstOrThrow();
  const created = cliContext([
    '--email',
    'Referrer@Probacija.lv',
    '--name',
    'Anna Ozola',
    '--role',
    'referrer',
    '--institution',
    organization.id,
  ]);
  assert.equal(
    await runCreateUser(created.command, {
      environment: { ATLAS_USER_PASSWORD: 'a long enough password' },
      ...noTerminal(),
    }),
    0,
  );
  const account = await context.db
    .selectFrom('account')
    .selectAll()
    .where('id', '=', created.printed[0]!)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    [account.role, account.organization_id, account.email],
    ['referrer', organization.id, 'referrer@probacija.lv'],
  );

  const token = await run(tokenCommands, 'create', ['--email', 'referrer@probacija.lv']);
  assert.equal(token.code, 0);
  const printed = token.printed.at(-1)!;
  assert.match(printed, /^atlas_[A-Za-z0-9_-]{40,}$/);
  const stored = await context.db.selectFrom('api_token').select('token_hash').execute();
  assert.ok(
    stored.every((row) => row.token_hash !== printed),
    'only a hash is stored',
  );
  const list = await context.app.request('/api/v1/referrals', { headers: { authorization: `Bearer ${printed}` } });
  assert.equal(list.status, 200);

  const revoked = await run(tokenCommands, 'revoke', ['--email', 'referrer@probacija.lv']);
  assert.deepEqual([revoked.code, revoked.printed[0]], [0, '1 token revoked.']);
  assert.equal(
    (await context.app.request('/api/v1/referrals', { headers: { authorization: `Bearer ${printed}` } })).status,
    401,
  );
});

test('users create refuses an unknown role, and a team role without its institution', async () => {
  const unknown = cliContext(['--email', 'x@y.lv', '--name', 'X', '--role', 'warden']);
  assert.equal(await runCreateUser(unknown.command, { environment: {}, ...noTerminal() }), 2);
  assert.match(unknown.diagnostics.join('\n'), /Unknown role "warden"/);
  const missing = cliContext(['--email', 'x@y.lv', '--name', 'X', '--role', 'provider_intake']);
  assert.equal(await runCreateUser(missing.command, { environment: {}, ...noTerminal() }), 2);
  assert.match(missing.diagnostics.join('\n'), /--institution/);
  const dpo = cliContext(['--email', 'dpo@y.lv', '--name', 'D', '--role', 'dpo']);
  assert.equal(await runCreateUser(dpo.command, { environment: {}, ...noTerminal() }), 0);
  assert.match(dpo.diagnostics.join('\n'), /Generated password/);
});
