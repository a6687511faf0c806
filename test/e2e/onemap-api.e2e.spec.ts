import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIVE_NAMESPACE, type CommandRecord, type LiveClientToServer, type LiveServerToClient, type RollupBatch, type ViewAck } from '@plantwatch/contracts';
import { expectEventually } from '@plantwatch/testing';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeKiln, type FakeKilnOptions } from './onemap-devices.js';
import { KILN_LINE, KILN_PLC } from './onemap-plant.js';
import { addUser, ADMIN_PASSWORD, call, login, startOnemapStack, type OnemapStack, type OnemapStackOptions } from './onemap-stack.js';

/**
 * The one-map's api against a real broker and a device that obeys commands as the contract says:
 * login and roles, socket.io authentication (a revoked session cannot reconnect), per-view
 * live subscriptions, and the command lifecycle with its audit trail.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stack(options: OnemapStackOptions = {}, kiln: FakeKilnOptions = {}): Promise<{ s: OnemapStack; kiln: FakeKiln; admin: string }> {
  const s = await startOnemapStack(options);
  cleanups.push(() => s.close());
  const fake = await FakeKiln.start(s.brokerUrl, s.secrets, kiln);
  cleanups.push(() => fake.stop());
  const admin = (await login(s.url, 'admin', ADMIN_PASSWORD)).token;
  return { s, kiln: fake, admin };
}

function socketFor(url: string, token?: string): Socket<LiveServerToClient, LiveClientToServer> {
  const socket: Socket<LiveServerToClient, LiveClientToServer> = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false, ...(token ? { auth: { token } } : {}) });
  cleanups.push(async () => socket.close());
  return socket;
}

describe('one-map api: login, roles, sessions', () => {
  it('needs a session for everything but health and login; roles gate commands and user admin', async () => {
    const { s, admin } = await stack();
    expect((await call(s.url, undefined, 'GET', '/api/plant')).status).toBe(401);
    expect((await call(s.url, undefined, 'GET', '/api/health')).status).toBe(200);
    expect((await call(s.url, admin, 'GET', '/api/plant')).status).toBe(200);
    await addUser(s.url, admin, 'vera', 'viewer', 'viewer-password-1');
    const viewer = (await login(s.url, 'vera', 'viewer-password-1')).token;
    const command = { device: KILN_PLC, name: 'set-zone-sp', target: 'zone.3.sp', value: 1400, rampPerMin: 5, reason: 'test' };
    expect((await call(s.url, viewer, 'POST', '/api/commands', command)).status).toBe(403);
    expect((await call(s.url, viewer, 'GET', '/api/users')).status).toBe(403);
    expect((await call(s.url, viewer, 'GET', '/api/audit')).status).toBe(403);
    const users = await call(s.url, admin, 'GET', '/api/users');
    expect(JSON.stringify(users.body)).not.toContain('scrypt');
    const file = await readFile(join(s.dataDir, 'users.json'), 'utf8');
    expect(file).toContain('scrypt$');
    expect(file).not.toContain('viewer-password-1');
  });

  it('refuses wrong passwords and then rate-limits the login', async () => {
    const { s } = await stack();
    const attempt = (): Promise<{ status: number }> => call(s.url, undefined, 'POST', '/api/auth/login', { username: 'admin', password: 'wrong-password' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect((await call(s.url, undefined, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(429);
  });

  it('socket.io: no session, no connection; a revoked session is cut and cannot reconnect', async () => {
    const { s } = await stack();
    const anonymous = socketFor(s.url);
    const refused = await new Promise<string>((r) => anonymous.on('connect_error', (e) => r(e.message)));
    expect(refused).toBe('unauthorised');
    const session = await login(s.url, 'admin', ADMIN_PASSWORD);
    const socket = socketFor(s.url, session.token);
    await new Promise<void>((r) => socket.on('connect', () => r()));
    const disconnected = new Promise<string>((r) => socket.on('disconnect', (reason) => r(reason)));
    expect((await call(s.url, session.token, 'POST', '/api/auth/logout')).status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    const again = socketFor(s.url, session.token);
    expect(await new Promise<string>((r) => again.on('connect_error', (e) => r(e.message)))).toBe('unauthorised');
    expect((await call(s.url, session.token, 'GET', '/api/plant')).status).toBe(401);
  });
});

describe('one-map api: views and commands', () => {
  it('sends each view only what it shows: overview roll-ups, then a kiln detail with values', async () => {
    const { s, admin } = await stack();
    const socket = socketFor(s.url, admin);
    const rollups: RollupBatch[] = [];
    const valueDevices = new Set<string>();
    socket.on('rollup', (b) => rollups.push(b));
    socket.on('values', (b) => b.values.forEach((v) => valueDevices.add(v.device)));
    const ack = await new Promise<ViewAck>((r) => socket.emit('view', { kind: 'overview' }, r));
    expect(ack.ok).toBe(true);
    await expectEventually(() => {
      const site = rollups.flatMap((b) => b.nodes).filter((n) => n.key === 'jytd/yq-baiquan').pop();
      expect(site?.online).toBe(6);
    });
    expect(valueDevices.size).toBe(0);
    expect(rollups.flatMap((b) => b.devices)).toEqual([]);
    await new Promise<ViewAck>((r) => socket.emit('view', { kind: 'detail', node: KILN_LINE }, r));
    await expectEventually(() => expect(valueDevices.has(KILN_PLC)).toBe(true));
    expect([...valueDevices].every((d) => d.startsWith(`${KILN_LINE}/`))).toBe(true);
    const bad = await new Promise<ViewAck>((r) => socket.emit('view', { kind: 'node', node: 'nope/nope' }, r));
    expect(bad.ok).toBe(false);
  });

  it('a zone setpoint goes pending → accepted → applied while the zone temperature moves; audited with user and reason', async () => {
    const { s, admin, kiln } = await stack();
    await addUser(s.url, admin, 'otto', 'operator', 'operator-password-1');
    const operator = (await login(s.url, 'otto', 'operator-password-1')).token;
    const socket = socketFor(s.url, operator);
    const updates: CommandRecord[] = [];
    socket.on('command', (r) => updates.push(r));
    await new Promise<ViewAck>((r) => socket.emit('view', { kind: 'detail', node: KILN_LINE }, r));
    const before = kiln.zonePv(3);
    const target = Math.round(kiln.sp[2] ?? 1400) - 40;
    const sent = await call(s.url, operator, 'POST', '/api/commands', { device: KILN_PLC, name: 'set-zone-sp', target: 'zone.3.sp', value: target, rampPerMin: 5, reason: 'grade change' });
    expect(sent.status).toBe(201);
    const record = sent.body as CommandRecord;
    expect(record.status).toBe('pending');
    await expectEventually(() => expect(updates.filter((u) => u.cmdId === record.cmdId).pop()?.status).toBe('applied'), { timeoutMs: 20_000 });
    expect(updates.filter((u) => u.cmdId === record.cmdId).pop()?.steps.map((x) => x.status)).toEqual(['pending', 'accepted', 'applied']);
    expect(kiln.zonePv(3)).toBeLessThan(before - 30);
    expect(kiln.received[0]).toMatchObject({ user: 'otto', reason: 'grade change', target: 'zone.3.sp', value: target });
    const audit = await call(s.url, admin, 'GET', '/api/audit?kind=command');
    expect(audit.body).toEqual([expect.objectContaining({ user: 'otto', reason: 'grade change', cmdId: record.cmdId })]);
  });

  it('refuses out-of-limit setpoints before sending, and marks silence as timeout', async () => {
    const { s, admin, kiln } = await stack({ acceptTimeoutMs: 500 }, { silent: true });
    await expectEventually(async () => {
      const tooHot = await call(s.url, admin, 'POST', '/api/commands', { device: KILN_PLC, name: 'set-zone-sp', target: 'zone.3.sp', value: 1_700, reason: 'x' });
      expect(tooHot.status).toBe(400);
      expect(JSON.stringify(tooHot.body)).toContain('above the limit 1600');
    });
    expect((await call(s.url, admin, 'POST', '/api/commands', { device: KILN_PLC, name: 'set-zone-sp', target: 'zone.3.sp', value: 1_400, reason: '' })).status).toBe(400);
    const sent = await call(s.url, admin, 'POST', '/api/commands', { device: KILN_PLC, name: 'set-zone-sp', target: 'zone.3.sp', value: 1_400, reason: 'silent device' });
    const id = (sent.body as CommandRecord).cmdId;
    await expectEventually(async () => {
      const list = (await call(s.url, admin, 'GET', `/api/commands?device=${encodeURIComponent(KILN_LINE)}`)).body as CommandRecord[];
      expect(list.find((c) => c.cmdId === id)?.status).toBe('timeout');
    });
    expect(kiln.received.length).toBe(1);
  });
});
