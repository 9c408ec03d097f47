import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { CommandContext } from '../cli/commands.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { auditCommands } from './audit.cli.js';
import { recordAuditEvent } from './audit.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
  for (let index = 0; index < 20; index++)
    await recordAuditEvent(database.db, { accountId: null, action: 'test.event', details: { index } });
});
after(async () => database.close());

async function run(subcommand: string, args: string[]) {
  const printed: string[] = [];
  const command: CommandContext = {
    db: database.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: () => {},
  };
  const code = await auditCommands.find((entry) => entry.subcommand === subcommand)!.run(command);
  return { code, printed };
}

test('audit verify passes on an intact trail and fails, naming the place, on a broken one', async () => {
  const intact = await run('verify', []);
  assert.equal(intact.code, 0, intact.printed.join('\n'));
  const victim = await database.db
    .selectFrom('audit_event')
    .select(['id', 'chain_partition', 'chain_sequence'])
    .where('hash', 'is not', null)
    .orderBy('occurred_at')
    .executeTakeFirstOrThrow();
  await database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
    await trx.updateTable('audit_event').set({ action: 'something.else' }).where('id', '=', victim.id).execute();
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(trx);
  });
  const broken = await run('verify', []);
  assert.equal(broken.code, 1);
  assert.ok(
    broken.printed.some(
      (line) =>
        line.includes(`chain ${victim.chain_partition} at ${victim.chain_sequence}`) && line.includes(victim.id),
    ),
    broken.printed.join('\n'),
  );
});
