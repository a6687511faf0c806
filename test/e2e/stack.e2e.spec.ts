import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVE_NAMESPACE, type LiveBatch, type LiveClientToServer, type LiveServerToClient, type JoinAck } from '@plantwatch/contracts';
import type { HierarchyNode } from '@plantwatch/domain';
import { expectEventually, freePort } from '@plantwatch/testing';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { tempDir } from '../support/pipeline-kit.js';

/**
 * Must show 1 and 2 (issue 2): the README's stack (`npm start` runs the same launcher after
 * install + build) comes up as separate processes — broker, ingest, api, simulator — and within
 * seconds the history endpoint returns the kiln's points and a socket.io client joined to the
 * kiln receives live updates; once with real InfluxDB, once with the embedded store.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const launcher = resolve(root, 'apps/stack/dist/main.js');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startStack(env: Record<string, string>): Promise<{ url: string; output: () => string }> {
  if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first (npm test does)`);
  const dir = await tempDir('pw-stack-');
  const apiPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [launcher], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PLANTWATCH_DATA_DIR: dir.path, BROKER_TCP_PORT: String(await freePort()), BROKER_WS_PORT: String(await freePort()), API_PORT: String(apiPort), ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  cleanups.push(async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    await dir.remove();
  });
  await expectEventually(() => expect(output).toContain('one-map:'), { timeoutMs: 60_000, intervalMs: 200 }).catch((error: unknown) => {
    throw new Error(`stack did not come up: ${String(error)}\n--- output ---\n${output}`);
  });
  return { url: `http://127.0.0.1:${apiPort}`, output: () => output };
}

function firstKiln(nodes: HierarchyNode[]): HierarchyNode | undefined {
  for (const node of nodes) {
    if (node.device?.type === 'tunnel-kiln') return node;
    const found = firstKiln(node.children);
    if (found) return found;
  }
  return undefined;
}

/** Logs in as the admin whose one-time password the launcher printed (`login:    admin / …`). */
async function adminToken(url: string, output: () => string): Promise<string> {
  const password = /login: +admin \/ (\S+)/.exec(output())?.[1];
  expect(password, 'the launcher prints the initial admin login').toBeDefined();
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function assertStackServesTheKiln(url: string, output: () => string): Promise<void> {
  expect((await fetch(`${url}/api/plant`)).status).toBe(401);
  const token = await adminToken(url, output);
  const auth = { headers: { authorization: `Bearer ${token}` } };
  const plant = (await (await fetch(`${url}/api/plant`, auth)).json()) as { hierarchy: HierarchyNode[] };
  const kiln = firstKiln(plant.hierarchy);
  expect(kiln?.key).toMatch(/^[a-z0-9-]+(\/[a-z0-9_-]+){5}$/);
  const kilnKey = kiln?.key ?? '';

  const socket: Socket<LiveServerToClient, LiveClientToServer> = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], auth: { token } });
  cleanups.push(async () => socket.close());
  const batches: LiveBatch[] = [];
  socket.on('values', (batch) => batches.push(batch));
  const ack = await new Promise<JoinAck>((r) => socket.emit('join', { node: kilnKey }, r));
  expect(ack).toEqual({ ok: true, node: kilnKey, devices: 1 });
  await expectEventually(() => {
    const combustion = batches.flatMap((b) => b.values).filter((v) => v.series === 'telemetry/combustion');
    expect(combustion.length).toBeGreaterThan(0);
    expect(combustion[0]?.device).toBe(kilnKey);
    expect(combustion[0]?.v['gas']).toBeGreaterThan(50);
    expect(combustion[0]?.ageMs).toBeGreaterThanOrEqual(0);
  }, { timeoutMs: 30_000 });

  const query = new URLSearchParams({ device: kilnKey, series: 'telemetry/combustion', field: 'gas', from: '-10m' });
  await expectEventually(async () => {
    const res = await fetch(`${url}/api/history?${query}`, auth);
    expect(res.status, output().slice(-2000)).toBe(200);
    const body = (await res.json()) as { points: Array<{ ts: number; value: number }> };
    expect(body.points.length).toBeGreaterThan(0);
    expect(body.points[0]?.value).toBeGreaterThan(50);
  }, { timeoutMs: 30_000, intervalMs: 500 });
  const downsampled = await fetch(`${url}/api/history?${query}&every=1m&agg=max`, auth);
  expect(((await downsampled.json()) as { points: unknown[]; everyMs: number }).everyMs).toBe(60_000);

  const bad = await fetch(`${url}/api/history?device=${encodeURIComponent(kilnKey)}&series=telemetry/combustion&field=${encodeURIComponent('gas"; DROP DATABASE x')}`, auth);
  expect(bad.status).toBe(400);
  const page = await fetch(`${url}/`);
  expect(await page.text()).toContain('plantwatch');
}

describe('the whole stack, as `npm start` runs it', () => {
  it.skipIf(!inject('influxUrl'))('with real InfluxDB: history and live updates of the kiln', { timeout: 120_000 }, async () => {
    const database = `e2e_${Date.now()}`;
    const { url, output } = await startStack({ STORE: 'influx', INFLUX_URL: inject('influxUrl'), INFLUX_DB: database });
    await assertStackServesTheKiln(url, output);
    expect(output()).toContain('store: influx');
  });

  it('with the embedded store (no server): history and live updates of the kiln', { timeout: 120_000 }, async () => {
    const { url, output } = await startStack({ STORE: 'embedded' });
    await assertStackServesTheKiln(url, output);
    expect(output()).toContain('store: embedded');
  });
});
