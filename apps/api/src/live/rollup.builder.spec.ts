import { buildTopic, parseTopic } from '@plantwatch/contracts';
import { PlantIndex, type PlantDevice, type ValidEnvelope } from '@plantwatch/domain';
import { describe, expect, it } from 'vitest';
import { AlarmBook } from './alarm-book.js';
import { DeviceBook } from './device-book.js';
import { LiveHub } from './live.hub.js';
import { RollupBuilder } from './rollup.builder.js';

const KILN = 'jytd/yq-baiquan/firing/tk03/controller/plc';
const METER = 'jytd/yq-baiquan/firing/tk03/power/meter';
const GAS_METER = 'jytd/yq-baiquan/utilities/_/gas/meter';
const device = (key: string, type: PlantDevice['type']): PlantDevice => ({ key, type, name: key, secretSha256: 'a'.repeat(64) });
const plant = new PlantIndex({
  version: 1,
  name: 'test',
  nodes: {},
  devices: [device(KILN, 'tunnel-kiln'), device(METER, 'energy-meter'), device(GAS_METER, 'gas-meter')],
  services: [],
});

function publish(hub: LiveHub, key: string, sub: string, v: Record<string, unknown>): void {
  const [enterprise, site, area, line, cell, dev] = key.split('/') as [string, string, string, string, string, string];
  const topic = parseTopic(buildTopic({ enterprise, site, area, line, cell, device: dev, cls: 'telemetry', sub: [sub] }));
  hub.update(topic, { ts: 1_000, seq: 1, v } as ValidEnvelope);
}

describe('RollupBuilder', () => {
  it("adds each device's figures to every node above it: kiln gas and output, a power meter's kW, not a gas meter's flow", () => {
    const hub = new LiveHub(plant);
    const book = new DeviceBook();
    publish(hub, KILN, 'combustion', { gas: 168.4, burnersOn: 40 });
    publish(hub, METER, 'power', { kw: 512.5 });
    publish(hub, GAS_METER, 'flow', { nm3h: 900 });
    book.factsOf(KILN).onEvent({ type: 'car_pushed', intervalMin: 60 }, 1_000, 1_000);
    for (const key of [KILN, METER, GAS_METER]) book.factsOf(key).onTelemetry(1_000, 1_000);
    const snapshot = new RollupBuilder(plant, book, new AlarmBook(), hub).build(2_000);

    const line = snapshot.node('jytd/yq-baiquan/firing/tk03');
    expect(line).toMatchObject({ devices: 2, online: 2, gasNm3h: 168, powerKw: 513, outputTpd: 96 });
    const site = snapshot.node('jytd/yq-baiquan');
    expect(site).toMatchObject({ devices: 3, online: 3, gasNm3h: 168, powerKw: 513, outputTpd: 96 });
    expect(snapshot.node('')).toMatchObject({ devices: 3 });
    const utilities = snapshot.node('jytd/yq-baiquan/utilities');
    expect(utilities).toMatchObject({ devices: 1, online: 1 });
    expect(utilities).not.toHaveProperty('gasNm3h');
    expect(utilities).not.toHaveProperty('powerKw');
    expect(snapshot.device(KILN)).toMatchObject({ status: 'online', badge: { gas: 168, burnersOn: 40 } });
  });

  it('counts active alarms by priority, and unacknowledged ones, on every node above their device', () => {
    const hub = new LiveHub(plant);
    const alarms = new AlarmBook();
    const raise = (id: string, sev: string, state: string) => ({ ts: 1, v: { id, code: 'X', sev, state, msg: id } });
    alarms.take(KILN, raise('a', 'high', 'active_unack'));
    alarms.take(KILN, raise('b', 'low', 'active_ack'));
    alarms.take(GAS_METER, raise('c', 'critical', 'active_unack'));
    alarms.take('not/a/device/in/the/plant', raise('d', 'critical', 'active_unack'));
    const snapshot = new RollupBuilder(plant, new DeviceBook(), alarms, hub).build(2_000);

    expect(snapshot.node('jytd/yq-baiquan/firing/tk03/controller')).toMatchObject({ alarms: { critical: 0, high: 1, medium: 0, low: 1 }, unacked: 1 });
    expect(snapshot.node('jytd/yq-baiquan/firing')).toMatchObject({ alarms: { critical: 0, high: 1, medium: 0, low: 1 }, unacked: 1 });
    expect(snapshot.node('jytd/yq-baiquan/utilities')).toMatchObject({ alarms: { critical: 1, high: 0, medium: 0, low: 0 }, unacked: 1 });
    expect(snapshot.node('')).toMatchObject({ alarms: { critical: 1, high: 1, medium: 0, low: 1 }, unacked: 2 });
    expect(snapshot.node('jytd/yq-baiquan/firing/tk03/power')).toMatchObject({ alarms: { critical: 0, high: 0, medium: 0, low: 0 }, unacked: 0 });
  });
});
