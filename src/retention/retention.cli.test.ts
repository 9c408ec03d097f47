import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CommandContext } from '../cli/commands.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { retentionCommands } from './retention.cli.js';
import { retentionKinds } from './retention-schedule.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
});
after(async () => database.close());

async function run(args: string[]) {
  const printed: string[] = [];
  const problems: string[] = [];
  const context: CommandContext = {
    db: database.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: (line) => problems.push(line),
  };
  const code = await retentionCommands[0]!.run(context);
  return { code, printed, problems };
}

const retentionRuns = async () =>
  (await database.db.selectFrom('audit_event').select('id').where('action', '=', 'retention.run').execute()).length;

test('`atlas retention run --dry-run` lists every kind with its count and records nothing; a run records itself', async () => {
  const dry = await run(['--dry-run']);
  assert.equal(dry.code, 0, dry.problems.join('\n'));
  for (const kind of retentionKinds)
    assert.ok(
      dry.printed.some((line) => line.startsWith(kind)),
      kind,
    );
  assert.match(dry.printed.at(-1)!, /^Dry run: \d+ would be removed; nothing was changed\.$/);
  assert.equal(await retentionRuns(), 0);
  const real = await run([]);
  assert.equal(real.code, 0);
  assert.match(real.printed.at(-1)!, /^Done: \d+ removed\.$/);
  assert.equal(await retentionRuns(), 1);
});

test('a wrong option is a usage error', async () => {
  const wrong = await run(['--dryrun']);
  assert.equal(wrong.code, 2);
  assert.deepEqual(wrong.problems, ['Unknown option --dryrun.', 'Usage: npx atlas retention run [--dry-run]']);
});
