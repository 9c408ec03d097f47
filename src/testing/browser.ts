import type { Hono } from 'hono';
import { serveApp } from '../http/server.js';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

// Debian's Chromium, never a browser download; the flags keep it off the network this machine does not have.
const chromiumArguments = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type BrowserSession = {
  baseUrl: string;
  browser: Browser;
  /** A 360 × 740 phone with JavaScript off, as most of our users meet the pages; options add to or override that. */
  newPhone: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  close: () => Promise<void>;
};

/** Serves the real app on a free loopback port and starts Chromium, for browser tests of whole pages. */
export async function startBrowserSession(app: Hono<any>): Promise<BrowserSession> {
  const { server, url: baseUrl } = await serveApp(app, { port: 0, hostname: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArguments });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    newPhone: async (options = {}) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, ...options });
      contexts.push(context);
      return context;
    },
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
