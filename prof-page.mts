import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from './src/db/connection.ts';
import { prepareDatabase } from './src/db/prepare.ts';
import { insertFinderTestServices } from './src/finder/finder.fixtures.ts';
import { listHsdsServices } from './src/registry/hsds.service.ts';
import { countServices, selectServicePage, loadRegistryGraph } from './src/registry/hsds.repository.ts';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const pglite = await PGlite.create(dir);
const h = wrapPglite(pglite);
await prepareDatabase(h.db);
for (let b = 0; b < 10; b++) await insertFinderTestServices(h.db, Array.from({ length: 1000 }, (_, i) => ({ name: `Pakalpojums ${b}-${i}`, helpTypes: ['shelter'], territoryCodes: ['0001000'] })));
console.log('inserted');
const t = async (label: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); console.log(label, (performance.now() - s).toFixed(1), 'ms'); };
await t('count', () => countServices(h.db, {}));
await t('page offset 5000', () => selectServicePage(h.db, {}, 50, { offset: 5000 }));
const rows = await selectServicePage(h.db, {}, 50, { offset: 5000 });
await t('graph', () => loadRegistryGraph(h.db, { serviceIds: rows.map(r => r.id), organizationIds: [] }));
await t('list page 100', () => listHsdsServices(h.db, { page: 100, perPage: 50, full: false }));
await t('list page 101', () => listHsdsServices(h.db, { page: 101, perPage: 50, full: false }));
for (const q of ['SELECT * FROM attribute WHERE link_id = ANY($1::uuid[])', 'SELECT * FROM metadata WHERE resource_id = ANY($1::uuid[])']) {
  const r = await pglite.query('EXPLAIN ANALYZE ' + q, [rows.map(r => r.id)]);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
}
await h.close();
