import { loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { prepareDatabase } from './db/prepare.js';
import { createApp } from './http/app.js';
import { logger } from './core/logger.js';
import { serveApp } from './http/server.js';
import { useErasureLedger } from './privacy/erasure-ledger.js';
import { openKeyring } from './privacy/sealing.service.js';
import { startBackgroundWork } from './startup.js';
import { flushUnmetBedNights } from './beds/beds.service.js';

const config = loadConfig();
logger.setLevel(config.logLevel ?? 'info');
// Every erasure lists the erased data key here, with the keys; the keyring refuses listed keys (docs/privacy/).
useErasureLedger(config.erasureLedgerFile);
// 'app': the embedded database is also served to `npx atlas` on a socket in DATA_DIR (docs/decisions/008).
const database = await openDatabase(config, 'app');
logger.info('database opened', { kind: database.kind });
await prepareDatabase(database.db);
// Keys first: without them the app must not start on sealed data, not even its background jobs.
const keyring = await openKeyring(database.db, {
  environmentKeys: config.keys,
  keyFilePath: config.keyFile,
  embedded: database.kind === 'pglite',
});
const background = await startBackgroundWork(database.db, config);
const app = createApp({ db: database.db, config, keyring });
const { server, url } = await serveApp(app, { port: config.port });
logger.info(`Reentry Atlas is listening on ${url}`, { port: config.port, database: database.kind });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  await background.stopJobs();
  // Finder searches' unmet bed-nights wait a moment in memory before they are written (beds/unmet-bed-nights.ts).
  await flushUnmetBedNights().catch(() => undefined);
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
