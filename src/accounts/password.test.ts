import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password.js';

test('a hash verifies its own password and no other, and holds no plain text', async () => {
  const password = 'Ilgā parole ar garumzīmēm 2026';
  const hash = await hashPassword(password);
  assert.match(hash, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.ok(!hash.includes(password) && !hash.includes('parole'));
  assert.equal(await verifyPassword(password, hash), true);
  assert.equal(await verifyPassword('Ilgā parole ar garumzīmēm 2025', hash), false);
  assert.equal(await verifyPassword('', hash), false);
});

test('the same password hashes differently each time (random salt)', async () => {
  const first = await hashPassword('same password twice');
  const second = await hashPassword('same password twice');
  assert.notEqual(first, second);
  assert.equal(await verifyPassword('same password twice', second), true);
});

test('a malformed or foreign hash never verifies', async () => {
  assert.equal(await verifyPassword('anything at all', 'plain text'), false);
  assert.equal(await verifyPassword('anything at all', 'bcrypt$2$1$1$abc$def'), false);
  assert.equal(await verifyPassword('anything at all', 'scrypt$0$8$1$abc$def'), false);
});
