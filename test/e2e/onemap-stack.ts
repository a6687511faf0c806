import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAlarms } from '@plantwatch/alarms';
import { createBroker } from '@plantwatch/broker';
import { startApi, type RunningApi } from '@plantwatch/api';
import type { LoginResponse, Role } from '@plantwatch/contracts';
import type { Secrets } from '@plantwatch/platform';
import { tempDir } from '../support/pipeline-kit.js';
import { onemapPlant } from './onemap-plant.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const ONEMAP_DIST = resolve(fileURLToPath(import.meta.url), '../../../apps/onemap/dist');

/** A broker and an api in this process (port 0), with the one-map test plant. */
export interface OnemapStack {
  readonly url: string;
  readonly brokerUrl: string;
  readonly secrets: Secrets;
  readonly dataDir: string;
  readonly api: RunningApi;
  close(): Promise<void>;
}

export interface OnemapStackOptions {
  readonly acceptTimeoutMs?: number;
  readonly coalesceMs?: number;
  readonly rollupMs?: number;
  /** Also run the alarms service (rules, ack/shelve). */
  readonly alarms?: boolean;
}

export async function startOnemapStack(options: OnemapStackOptions = {}): Promise<OnemapStack> {
  const { plant, secrets } = onemapPlant();
  const dir = await tempDir('pw-onemap-');
  const broker = await createBroker({ plant, tcpPort: 0, wsPort: null, host: '127.0.0.1' });
  const brokerUrl = `mqtt://127.0.0.1:${broker.tcpPort}`;
  const api = await startApi({
    plant,
    mqtt: { url: brokerUrl, username: 'svc-api', password: secrets.services['api'] ?? '' },
    dataDir: dir.path,
    port: 0,
    logger: false,
    onemapDir: ONEMAP_DIST,
    initialAdminPassword: ADMIN_PASSWORD,
    coalesceMs: options.coalesceMs ?? 100,
    rollupMs: options.rollupMs ?? 250,
    ...(options.acceptTimeoutMs === undefined ? {} : { acceptTimeoutMs: { lan: options.acceptTimeoutMs, fiveG: options.acceptTimeoutMs } }),
  });
  const alarms = options.alarms ? await startAlarms({ plant, mqtt: { url: brokerUrl, username: 'svc-alarms', password: secrets.services['alarms'] ?? '' }, dataDir: dir.path, logger: false }) : undefined;
  return {
    url: api.url,
    brokerUrl,
    secrets,
    dataDir: dir.path,
    api,
    close: async () => {
      await alarms?.close();
      await api.close();
      await broker.close();
      await dir.remove();
    },
  };
}

/** Logs in over REST; returns the bearer token and the cookie header value. */
export async function login(url: string, username: string, password: string): Promise<{ token: string; cookie: string; response: LoginResponse }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const response = (await res.json()) as LoginResponse;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { token: response.token, cookie, response };
}

/** Adds a user as admin. */
export async function addUser(url: string, adminToken: string, username: string, role: Role, password: string): Promise<void> {
  const res = await fetch(`${url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ username, role, password }) });
  if (res.status !== 201) throw new Error(`add user ${username}: ${res.status} ${await res.text()}`);
}

/** JSON request with a bearer token; returns status and body. */
export async function call(url: string, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
