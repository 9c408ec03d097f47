import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgres } from '../db/connection.js';
import { testConfig } from '../testing/test-database.js';
import { createApp } from './app.js';

test('GET /healthz answers 503 when the database cannot be reached', async () => {
  // Port 1 on loopback: nothing listens there, so every connection is refused at once.
  const database = openPostgres('postgres://atlas@127.0.0.1:1/atlas');
  const app = createApp({ db: database.db, config: testConfig() });
  const response = await app.request('/healthz');
  assert.equal(response.status, 503);
  assert.equal(((await response.json()) as { database: string }).database, 'unreachable');
  await database.close();
});
