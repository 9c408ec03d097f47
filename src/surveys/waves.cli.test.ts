import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CommandContext } from '../cli/commands.js';
import { AppError } from '../core/errors.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { surveyCommands } from './surveys.cli.js';
import { createWave, getWaveByKey } from './wave.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
});
after(async () => database.close());

const run = async (subcommand: string, args: string[]) => {
  const printed: string[] = [];
  const context: CommandContext = {
    db: database.db,
    config: testConfig(),
    args,
    print: (line) => printed.push(line),
    progress: () => {},
  };
  const code = await surveyCommands
    .find((command) => command.name === 'waves' && command.subcommand === subcommand)!
    .run(context);
  return { code, printed };
};

test('atlas waves open and close do what the wave page does, and refuse what it refuses', async () => {
  const wave = await database.db
    .transaction()
    .execute((trx) =>
      createWave(trx, { questionnaireKey: 'lv-2026', name: 'CLI kārta', sample: { source: 'import' } }),
    );
  const opened = await run('open', ['--wave', wave.key]);
  assert.deepEqual(opened, { code: 0, printed: [`${wave.key}\topen`] });
  assert.equal((await getWaveByKey(database.db, wave.key)).status, 'open');
  await assert.rejects(
    run('open', ['--wave', wave.key]),
    (error) => error instanceof AppError && error.code === 'conflict',
  );
  const closed = await run('close', ['--wave', wave.key]);
  assert.deepEqual(closed, { code: 0, printed: [`${wave.key}\tclosed`] });
  await assert.rejects(
    run('close', ['--wave', 'no-such-wave']),
    (error) => error instanceof AppError && error.code === 'not_found',
  );
  assert.equal((await run('close', [])).code, 2, 'without --wave: usage');
});
