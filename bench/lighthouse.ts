// Lighthouse mobile scores of the public pages (issue 14): the app with demo data on a loopback port, Lighthouse
// 12.8 over the Chromium the browser tests use (@sparticuz/chromium, or CHROMIUM_PATH), its default mobile
// emulation (Moto G Power, slow 4G, 4× CPU slowdown) and all four categories, beside the target of 100.
//
//   npx tsx bench/lighthouse.ts
//
// Performance moves with the machine's load (two shared cores); the other three categories do not.
import { PGlite } from '@electric-sql/pglite';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { loadConfig } from '../src/config.js';
import { wrapPglite } from '../src/db/connection.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { loadDemoData } from '../src/demo/demo.service.js';
import { createApp } from '../src/http/app.js';
import { serveApp } from '../src/http/server.js';
import { chromiumLaunchOptions } from '../src/testing/browser.js';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const pages = [
  { name: 'home', path: '/?lang=lv' },
  { name: 'results', path: '/find?needs=shelter&territory=0002000&residence=0006000&lang=ru' },
  { name: 'plan', path: '/plan?lang=en' },
];

const pglite = await PGlite.create();
const database = wrapPglite(pglite);
await prepareDatabase(database.db);
await loadDemoData(database.db);
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: `/tmp/atlas-lighthouse-${process.pid}`,
  PUBLIC_URL: 'http://127.0.0.1',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'error',
});
const { server, url } = await serveApp(createApp({ db: database.db, config }), { port: 0, hostname: '127.0.0.1' });

const chromium = await chromiumLaunchOptions();
const chrome = await chromeLauncher.launch({
  chromePath: chromium.executablePath,
  chromeFlags: [...(chromium.args ?? []).filter((flag) => flag !== '--headless'), '--headless=new'],
  envVars: Object.fromEntries(
    Object.entries(chromium.env ?? process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ),
});

const rows: string[] = [];
try {
  for (const page of pages) {
    const result = await lighthouse(`${url}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse gave no result for ${page.path}`);
    const scores = categories.map((category) => Math.round((lhr.categories[category]?.score ?? 0) * 100));
    const failing = Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
      .map((audit) => audit.id);
    rows.push(
      `  ${page.name.padEnd(8)} ${scores.map((score) => String(score).padStart(3)).join('  ')}   (target 100 each)` +
        (failing.length > 0 ? `  failing: ${failing.join(', ')}` : ''),
    );
  }
} finally {
  chrome.kill();
  server.close();
  await database.close();
}
process.stdout.write('Lighthouse 12.8, mobile: performance, accessibility, best practices, SEO\n');
process.stdout.write(`${rows.join('\n')}\n`);
