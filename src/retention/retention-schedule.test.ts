import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { retentionSchedule, scheduleWith } from './retention-schedule.js';

const document = readFileSync(resolve(import.meta.dirname, '../../docs/privacy/retention.md'), 'utf8');

test('docs/privacy/retention.md lists every kind of the schedule with its period, and nothing else', () => {
  const rows = document
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  assert.deepEqual(
    rows.map((cells) => cells[1]),
    retentionSchedule.map((rule) => `\`${rule.kind}\``),
  );
  for (const rule of retentionSchedule) {
    const cells = rows.find((entry) => entry[1] === `\`${rule.kind}\``)!;
    assert.match(cells[3]!, new RegExp(`^${rule.days} days?\\b`), `${rule.kind}: ${cells[3]}`);
  }
});

test('RETENTION_DAYS changes a period; an unknown kind is refused', () => {
  const changed = scheduleWith({ audit_events: 2555 });
  assert.equal(changed.find((rule) => rule.kind === 'audit_events')?.days, 2555);
  assert.equal(
    changed.find((rule) => rule.kind === 'people')?.days,
    retentionSchedule.find((rule) => rule.kind === 'people')?.days,
  );
  assert.throws(() => scheduleWith({ audits: 1 }), /not one of/);
});
