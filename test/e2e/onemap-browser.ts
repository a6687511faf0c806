import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `npx playwright install` cannot download here. */
export const CHROMIUM = process.env['PLANTWATCH_CHROMIUM'] ?? '/usr/bin/chromium';
/** Where the test run leaves its screenshots. */
export const SCREENSHOTS = resolve(fileURLToPath(import.meta.url), '../../../test-output/onemap');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--metrics-recording-only', '--no-default-browser-check'];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The few browser globals tests touch inside the page (the node tsconfig has no DOM lib). */
export interface PageGlobals {
  readonly document: {
    querySelector(selector: string): { getAttribute(name: string): string | null; readonly textContent: string | null; readonly hidden?: boolean } | null;
    readonly documentElement: { readonly scrollWidth: number };
  };
  readonly innerWidth: number;
}

/** `globalThis` inside `page.evaluate` callbacks, typed. */
export function pageGlobals(): PageGlobals {
  return globalThis as unknown as PageGlobals;
}

/** Whether a URL stays on this machine (data:/blob:/about: never leave it). */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

/** A headless Chromium context with a fresh profile that records (and blocks) every non-local request. */
export interface GuardedBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests that would have left the machine — the tests fail on any. */
  readonly nonLocal: string[];
  /** Uncaught page errors and console errors. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(options: { viewport?: { width: number; height: number }; mobile?: boolean } = {}): Promise<GuardedBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (Debian's package), or set PLANTWATCH_CHROMIUM`);
  const profile = await mkdtemp(join(tmpdir(), 'pw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const nonLocal: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    nonLocal.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('websocket', (ws) => {
    if (!isLocal(ws.url())) nonLocal.push(ws.url());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    // HTTP error answers are asserted by the tests themselves; script errors are not allowed.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of')) pageErrors.push(message.text());
  });
  return {
    context,
    page,
    nonLocal,
    pageErrors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the page's form. */
export async function loginInPage(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-submit');
  await page.waitForSelector('.topbar');
}

/** Saves a screenshot under test-output/onemap/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
