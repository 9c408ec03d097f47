import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createApiToken } from '../accounts/api-token.service.js';
import { createAccountForTest } from '../accounts/testing.js';
import { openPostgres } from '../db/connection.js';
import { createKeyMaterial, keyringFrom } from '../privacy/keyring.js';
import { freePort } from '../testing/free-port.js';
import { createTestApp, testConfig } from '../testing/test-database.js';
import { createApp } from './app.js';

test('while the database cannot be reached, answers are a translated 503 with Retry-After, never a 500', async () => {
  const handle = openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/atlas`);
  after(() => handle.close());
  const app = createApp({ db: handle.db, config: testConfig(), keyring: keyringFrom(createKeyMaterial()) });
  const api = await app.request('/hsds/services?lang=en');
  assert.equal(api.status, 503);
  assert.equal(api.headers.get('retry-after'), '5');
  const body = (await api.json()) as { error: { code: string; message: string } };
  assert.deepEqual(
    [body.error.code, body.error.message],
    ['unavailable', 'The service is briefly unavailable. Please try again in a moment.'],
  );
  const page = await app.request('/login?lang=ru', { headers: { cookie: 'atlas_session=x' } });
  assert.equal(page.status, 503);
  assert.match(await page.text(), /временно недоступен/);
});

test('connections the server drops (a restart) do not crash the process; the next request is answered again', async (t) => {
  if (!process.env.TEST_DATABASE_URL) {
    t.skip('needs PostgreSQL: pg_terminate_backend has no meaning on the embedded database');
    return;
  }
  const context = await createTestApp();
  after(() => context.close());
  assert.equal((await context.app.request('/hsds/services')).status, 200);
  // What a restart or failover does to the pool's idle connections.
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = (SELECT current_database()) AND pid <> pg_backend_pid()`.execute(context.db);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) statuses.push((await context.app.request('/hsds/services')).status);
  assert.ok(
    statuses.every((status) => status === 200 || status === 503),
    statuses.join(','),
  );
  assert.equal(statuses.at(-1), 200, 'answered again once the pool has reconnected');
});

/**
 * A TCP relay between the app and PostgreSQL that the test can cut, as a network fault or a failover does: every
 * open connection is dropped and new ones are refused until `restore()`.
 */
async function startCuttableRelay(target: URL): Promise<{ port: number; cut: () => void; restore: () => void }> {
  const open = new Set<Socket>();
  let refusing = false;
  const relay = createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  after(() => relay.close());
  return {
    port: (relay.address() as { port: number }).port,
    cut: () => {
      refusing = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      refusing = false;
    },
  };
}

test('a read that meets a dropped connection is tried again and answered; a write gets 503', async (t) => {
  if (!process.env.TEST_DATABASE_URL) {
    t.skip('needs PostgreSQL: the embedded database has no network connection to lose');
    return;
  }
  const context = await createTestApp();
  after(() => context.close());
  const direct = new URL(process.env.TEST_DATABASE_URL);
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(context.db);
  direct.pathname = `/${rows[0]!.name}`;
  const relay = await startCuttableRelay(direct);
  const throughRelay = new URL(direct);
  throughRelay.host = `127.0.0.1:${relay.port}`;
  const handle = openPostgres(throughRelay.toString());
  after(() => handle.close());
  const app = createApp({ db: handle.db, config: testConfig(), keyring: keyringFrom(createKeyMaterial()) });
  assert.equal((await app.request('/hsds/services')).status, 200);

  // Cut for less than the retry pause: the first try fails, the second one finds the database again.
  relay.cut();
  setTimeout(relay.restore, 100);
  assert.equal((await app.request('/hsds/services')).status, 200);

  const referrer = await createAccountForTest(context.db, { role: 'referrer' });
  const { token } = await createApiToken(context.db, referrer.id, 'outage test', null);
  relay.cut();
  setTimeout(relay.restore, 100);
  const write = await app.request('/api/v1/people', {
    method: 'POST',
    body: JSON.stringify({ given_name: 'Jānis', family_name: 'Bērziņš', language: 'lv' }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  assert.equal(write.status, 503, 'a write is never repeated behind the caller’s back');
});
