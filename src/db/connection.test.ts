import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './connection.js';

test('a second process cannot open an embedded database another live process is using', async () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
  try {
    // The parent process (the test runner) stands in for a running `npm start`.
    writeFileSync(join(dataDirectory, 'atlas.lock'), String(process.ppid));
    await assert.rejects(
      openDatabase({ dataDirectory }),
      /Another Reentry Atlas process \(pid \d+\) is using the embedded database/,
    );
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});

test('a lock left by a process that died is taken over, and released on close', async () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
  try {
    // PIDs are below 2^22 on Linux, so this one cannot be alive.
    writeFileSync(join(dataDirectory, 'atlas.lock'), '9999999');
    const database = await openDatabase({ dataDirectory });
    assert.equal(readFileSync(join(dataDirectory, 'atlas.lock'), 'utf8'), `${process.pid} cli\n`);
    await database.close();
    assert.equal(existsSync(join(dataDirectory, 'atlas.lock')), false);
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
