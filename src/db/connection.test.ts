import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase, processStartTime } from './connection.js';

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
    assert.equal(
      readFileSync(join(dataDirectory, 'atlas.lock'), 'utf8'),
      `${process.pid} cli ${processStartTime(process.pid)}\n`,
    );
    await database.close();
    assert.equal(existsSync(join(dataDirectory, 'atlas.lock')), false);
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});

test('a live process whose start time is in the lock holds it; a pid reused by another live process does not', async (t) => {
  const parentStart = processStartTime(process.ppid);
  if (parentStart === undefined) return t.skip('no /proc here: the lock falls back to the pid alone');
  const dataDirectory = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
  try {
    // The parent process (the test runner) is alive: with its own start time it is the owner …
    writeFileSync(join(dataDirectory, 'atlas.lock'), `${process.ppid} cli ${parentStart}\n`);
    await assert.rejects(
      openDatabase({ dataDirectory }),
      /Another Reentry Atlas process \(pid \d+\) is using the embedded database/,
    );
    // … with another start time, its pid was only reused after the lock's owner died (a crash, then a reboot).
    writeFileSync(join(dataDirectory, 'atlas.lock'), `${process.ppid} app ${Number(parentStart) + 1}\n`);
    const database = await openDatabase({ dataDirectory });
    assert.match(readFileSync(join(dataDirectory, 'atlas.lock'), 'utf8'), new RegExp(`^${process.pid} cli \\d+\n$`));
    await database.close();
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
