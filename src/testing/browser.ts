import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sparticuzChromium from '@sparticuz/chromium';
import type { Hono } from 'hono';
import { serveApp } from '../http/server.js';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
} from 'playwright-core';

// Never a browser download; the flags keep Chromium off the network this machine does not have. The same flags for
// both Chromiums: @sparticuz/chromium's own `args` are for AWS Lambda, and two of them harm tests (`--single-process`
// kills the browser when a context closes; `--disable-web-security` hides what same-origin rules would stop).
const chromiumArguments = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// A launch that hangs fails the run after this long instead of Playwright's three minutes.
const launchTimeoutMs = 60_000;

/**
 * The Chromium the browser tests use: CHROMIUM_PATH when set, otherwise the build that @sparticuz/chromium carries
 * in node_modules, unpacked to the system temp folder on first use (~2–4 s). scripts/test.ts calls this once before
 * the test files start, so parallel test files never race to unpack it.
 */
export async function chromiumLaunchOptions(): Promise<LaunchOptions & { executablePath: string }> {
  const systemPath = process.env.CHROMIUM_PATH;
  if (systemPath) return { executablePath: systemPath, args: chromiumArguments, timeout: launchTimeoutMs };
  return {
    executablePath: await sparticuzChromium.executablePath(),
    args: chromiumArguments,
    // Only the fonts unpacked beside it (Open Sans: Latin with Latvian letters, and Cyrillic), so pages measure the
    // same on every machine, and a bare one with no fonts installed still draws text.
    env: { ...process.env, FONTCONFIG_PATH: join(tmpdir(), 'fonts') },
    timeout: launchTimeoutMs,
  };
}

export type BrowserSession = {
  baseUrl: string;
  browser: Browser;
  /** A 360 × 740 phone with JavaScript off, as most of our users meet the pages; options add to or override that. */
  newPhone: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  close: () => Promise<void>;
};

/**
 * Serves the real app on a free loopback port and starts Chromium, for browser tests of whole pages. When Chromium
 * cannot start, the server is closed again and the error says which Chromium failed, so the test file ends at once.
 */
export async function startBrowserSession(app: Hono<any>): Promise<BrowserSession> {
  const { server, url: baseUrl } = await serveApp(app, { port: 0, hostname: '127.0.0.1' });
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let browser: Browser;
  try {
    const options = await chromiumLaunchOptions();
    browser = await chromium.launch(options).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const source = process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${options.executablePath}`
        : `@sparticuz/chromium (${options.executablePath})`;
      throw new Error(`Chromium did not start from ${source}: ${reason}`, { cause: error });
    });
  } catch (error) {
    await closeServer();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    newPhone: async (options = {}) => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 360, height: 740 },
        ...options,
      });
      contexts.push(context);
      return context;
    },
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await closeServer();
    },
  };
}
