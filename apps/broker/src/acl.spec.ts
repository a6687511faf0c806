import { describe, expect, it } from 'vitest';
import { mayPublish, mayRead, maySubscribe } from './acl.js';
import { authenticatePrincipal, type Principal } from './principal.js';
import { GATEWAY, INGEST, KILN, SECRETS, SOUTH, testPlant, topicOf } from './test-support/broker-kit.js';

const plant = testPlant();
function login(user: string): Principal {
  const principal = authenticatePrincipal(plant, user, Buffer.from(SECRETS[user] ?? ''));
  if (!principal) throw new Error(`${user} did not authenticate`);
  return principal;
}

describe('authenticatePrincipal', () => {
  it('knows devices, gateways (with their south devices) and services', () => {
    expect(login(KILN)).toEqual({ kind: 'device', username: KILN, devicePrefixes: [`uns/v1/${KILN}/`] });
    expect(login(GATEWAY)).toEqual({ kind: 'gateway', username: GATEWAY, devicePrefixes: [`uns/v1/${GATEWAY}/`, `uns/v1/${SOUTH}/`] });
    expect(login(INGEST)).toEqual({ kind: 'service', username: INGEST, devicePrefixes: [] });
  });

  it('refuses wrong secrets and unknown users alike', () => {
    expect(authenticatePrincipal(plant, KILN, Buffer.from(SECRETS[GATEWAY] ?? ''))).toBeUndefined();
    expect(authenticatePrincipal(plant, 'svc-nobody', Buffer.from('x'))).toBeUndefined();
    expect(authenticatePrincipal(plant, 'svc-', Buffer.from('x'))).toBeUndefined();
    expect(authenticatePrincipal(plant, 'nobody', Buffer.from('x'))).toBeUndefined();
  });
});

describe('topic ACL', () => {
  const kiln = login(KILN);
  const gateway = login(GATEWAY);
  const ingest = login(INGEST);

  it('lets a device publish its own data classes and command answers only', () => {
    for (const rest of ['telemetry/profile', 'state', 'meta', 'event/door', 'alarm/overtemp', 'cmd/set-curve/res']) {
      expect({ rest, ok: mayPublish(kiln, topicOf(KILN, rest)) }).toEqual({ rest, ok: true });
    }
    for (const rest of ['cmd/set-curve', 'cmd/set-curve/other', 'kpi/oee', 'nonsense', 'telemetry/Profile']) {
      expect({ rest, ok: mayPublish(kiln, topicOf(KILN, rest)) }).toEqual({ rest, ok: false });
    }
    expect(mayPublish(kiln, topicOf(GATEWAY, 'state'))).toBe(false);
    expect(mayPublish(kiln, '$SYS/x')).toBe(false);
    expect(mayPublish(kiln, 'svc/v1/alarms/ack')).toBe(false);
  });

  it('lets a gateway speak for its south devices only', () => {
    expect(mayPublish(gateway, topicOf(SOUTH, 'state'))).toBe(true);
    expect(mayPublish(gateway, topicOf(GATEWAY, 'telemetry/link'))).toBe(true);
    expect(mayPublish(gateway, topicOf(KILN, 'state'))).toBe(false);
    expect(maySubscribe(gateway, topicOf(SOUTH, 'cmd/+'))).toBe(true);
    expect(maySubscribe(gateway, topicOf(KILN, 'cmd/+'))).toBe(false);
  });

  it('lets a device subscribe to its own commands only', () => {
    for (const f of [topicOf(KILN, 'cmd/#'), topicOf(KILN, 'cmd/+'), topicOf(KILN, 'cmd/set-curve')]) expect(maySubscribe(kiln, f)).toBe(true);
    for (const f of ['#', '+/#', 'uns/#', 'uns/v1/#', '$SYS/#', topicOf(KILN, '#'), topicOf(KILN, 'cmd/+/res'), topicOf(KILN, 'cmd/#/x'), topicOf(GATEWAY, 'cmd/#')]) {
      expect({ f, ok: maySubscribe(kiln, f) }).toEqual({ f, ok: false });
    }
  });

  it('lets services use uns/v1/ and svc/v1/, and alone read $SYS', () => {
    expect(mayPublish(ingest, topicOf(KILN, 'cmd/set-curve'))).toBe(true);
    expect(mayPublish(ingest, 'uns/v1/not/a/valid/topic')).toBe(false);
    expect(mayPublish(ingest, 'svc/v1/alarms/ack/reply')).toBe(true);
    for (const t of ['svc/v1/', 'svc/v1//x', 'svc/v2/x', '$SYS/x', 'other']) expect({ t, ok: mayPublish(ingest, t) }).toEqual({ t, ok: false });
    for (const f of ['uns/v1/#', 'uns/v1/+/+/+/+/+/+/telemetry/#', 'svc/v1/#', '$SYS/#']) expect(maySubscribe(ingest, f)).toBe(true);
    for (const f of ['#', 'uns/#', 'other/#']) expect(maySubscribe(ingest, f)).toBe(false);
    expect(mayRead(ingest, '$SYS/plantwatch/broker/stats')).toBe(true);
    expect(mayRead(kiln, '$SYS/plantwatch/broker/stats')).toBe(false);
  });

  it('delivers to a device only its own commands, whatever its session holds', () => {
    expect(mayRead(kiln, topicOf(KILN, 'cmd/set-curve'))).toBe(true);
    expect(mayRead(kiln, topicOf(KILN, 'telemetry/profile'))).toBe(false);
    expect(mayRead(kiln, topicOf(GATEWAY, 'cmd/reboot'))).toBe(false);
    expect(mayRead(gateway, topicOf(SOUTH, 'cmd/reboot'))).toBe(true);
  });
});
