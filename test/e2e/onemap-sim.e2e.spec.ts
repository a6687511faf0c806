import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEventually, freePort } from '@plantwatch/testing';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/pipeline-kit.js';
import { loginInPage, openBrowser, screenshot, type GuardedBrowser, type PageGlobals } from './onemap-browser.js';

/**
 * The one-map against the real thing, as `npm start` runs it (launcher → broker, ingest, api,
 * plant-sim with its tunnel kiln): log in with the printed admin password, drill into the kiln in
 * Chromium, lower zone 3 by 10 °C and watch the simulated kiln accept the command, ramp the zone
 * and answer `applied` once its temperature has followed (domain.md §3.5; real-time simulation,
 * so this takes a few minutes).
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const launcher = resolve(root, 'apps/stack/dist/main.js');
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startStack(): Promise<{ url: string; password: string }> {
  if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first`);
  const dir = await tempDir('pw-onemap-sim-');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [launcher], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PLANTWATCH_DATA_DIR: dir.path, BROKER_TCP_PORT: String(await freePort()), BROKER_WS_PORT: String(await freePort()), API_PORT: String(port) },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  cleanups.push(async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    await dir.remove();
  });
  const password = await expectEventually(() => {
    const match = /login: +admin \/ (\S+)/.exec(output);
    expect(match?.[1], output.slice(-2000)).toBeDefined();
    return match?.[1] ?? '';
  }, { timeoutMs: 90_000, intervalMs: 200 });
  return { url: `http://127.0.0.1:${port}`, password };
}

function attribute(page: Page, selector: string, name: string): Promise<number> {
  return page.evaluate(([sel, attr]) => Number((globalThis as unknown as PageGlobals).document.querySelector(sel ?? '')?.getAttribute(attr ?? '') ?? NaN), [selector, name]);
}

describe('the one-map with the simulated plant', () => {
  // retry: 1 of 5 CI runs did not see `accepted` within 30 s on the loaded 2-core machine (cause not
  // yet found; the in-process onemap.e2e covers the same lifecycle deterministically).
  it('a zone setpoint sent from the kiln curve reaches applied while the zone temperature follows', { timeout: 600_000, retry: 2 }, async () => {
    const { url, password } = await startStack();
    const b: GuardedBrowser = await openBrowser();
    cleanups.push(() => b.close());
    const { page } = b;
    await loginInPage(page, url, 'admin', password);
    await page.click('[data-site]');
    await page.click('[data-node]');
    await page.click('[data-kiln]');
    await page.waitForSelector('[data-zone="3"][data-sp]', { timeout: 60_000 });
    await page.waitForSelector('[data-zone-pv="3"][data-value]:not([data-value=""])');
    const sp0 = await attribute(page, '[data-zone="3"]', 'data-sp');
    const pv0 = await attribute(page, '[data-zone-pv="3"]', 'data-value');
    await page.click('[data-zone="3"]');
    await page.fill('#sp-value', String(sp0 - 10));
    await page.fill('#sp-ramp', '10');
    await page.fill('#sp-reason', 'e2e: lower zone 3 on the simulated kiln');
    await page.click('#sp-confirm');
    await page.waitForSelector('.command[data-cmd-status="accepted"], .command[data-cmd-status="applied"]', { timeout: 30_000 });
    await page.waitForFunction((sp) => (globalThis as unknown as PageGlobals).document.querySelector('[data-zone="3"]')?.getAttribute('data-sp') === String(sp), sp0 - 10, { timeout: 120_000 });
    await page.waitForSelector('.command[data-cmd-status="applied"]', { timeout: 420_000 });
    await page.waitForFunction((limit) => Number((globalThis as unknown as PageGlobals).document.querySelector('[data-zone-pv="3"]')?.getAttribute('data-value')) < limit, pv0 - 2, { timeout: 120_000 });
    const steps = await page.$$eval('.command[data-cmd-status="applied"] [data-step]', (els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps).toEqual(['pending', 'accepted', 'applied']);
    await screenshot(page, 'kiln-detail-simulated');
    expect(b.nonLocal).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
