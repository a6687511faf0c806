import { buildTopic, parseDeviceKey } from '@plantwatch/contracts';
import type { RunningBroker } from '@plantwatch/broker';
import type { RunningIngest } from '@plantwatch/ingest';
import { createDuckDbStore, type TelemetryStore } from '@plantwatch/store';
import { expectEventually } from '@plantwatch/testing';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, ingestFor, startTestBroker, tempDir, testPlant } from '../support/pipeline-kit.js';

/**
 * Must show 4 (issue 2): each kind of bad input is counted and dead-lettered with its reason,
 * the service stays up, and good messages in the same stream are stored.
 */
describe('ingest refuses bad input without losing good data', () => {
  const { plant, secrets, kilnKey } = testPlant();
  const kiln = parseDeviceKey(kilnKey);
  const combustionTopic = buildTopic({ ...kiln, cls: 'telemetry', sub: ['combustion'] });
  let broker: RunningBroker & { url: string };
  let store: TelemetryStore;
  let ingest: RunningIngest;
  let device: MqttClient;
  let bridge: MqttClient;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let seq = 0;
  const combustion = (ts: number) => ({
    ts,
    seq: seq++,
    v: { gas: 170, air: 1860, lambda: 1.15, pGasMain: 214, pGasHdr: 11.6, pAir: 5.9, zoneValve: [42, 55, 61, 58, 60, 57, 49, 40], zoneGas: [16, 21, 23, 22, 23, 21, 18, 15], burnersOn: 40, burnersTotal: 40, gasTot: 1_000 },
  });

  beforeAll(async () => {
    dir = await tempDir('pw-bad-input-');
    broker = await startTestBroker(plant);
    store = await createDuckDbStore({ file: `${dir.path}/store.duckdb` });
    ingest = await ingestFor(broker.url, secrets, { plant, store, spoolDir: `${dir.path}/spool`, pipeline: { batchMs: 100 } });
    device = await connectClient(broker.url, kilnKey, secrets.devices[kilnKey] ?? '');
    bridge = await connectClient(broker.url, 'svc-bridge', secrets.services['bridge'] ?? '');
  });

  afterAll(async () => {
    await device?.endAsync();
    await bridge?.endAsync();
    await ingest?.close();
    await store?.close();
    await broker?.close();
    await dir?.remove();
  });

  it('dead-letters every category with its reason, counts it, and stores the good messages around them', async () => {
    const t0 = Date.now();
    const good = [combustion(t0), combustion(t0 + 1), combustion(t0 + 2)];
    const unknownTopic = buildTopic({ ...kiln, device: 'ghost-99', cls: 'telemetry', sub: ['combustion'] });
    await device.publishAsync(combustionTopic, JSON.stringify(good[0]), { qos: 1 });
    await device.publishAsync(combustionTopic, '{"ts": 17180000', { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify(combustion(t0 + 3)).replace('"gas":170', '"gas":NaN'), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify(combustion(t0 + 4)).replace('"gas":170', '"gas":1e999'), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify({ ...combustion(t0 + 5), v: { gas: 'lots' } }), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify({ data: combustion(t0 + 6) }), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify({ ...combustion(t0 + 7), pad: 'x'.repeat(100 * 1024) }), { qos: 1 });
    await device.publishAsync(buildTopic({ ...kiln, cls: 'telemetry', sub: ['vibration'] }), JSON.stringify(combustion(t0 + 8)), { qos: 1 });
    await bridge.publishAsync(unknownTopic, JSON.stringify(combustion(t0 + 9)), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify(good[1]), { qos: 1 });
    await device.publishAsync(combustionTopic, JSON.stringify(good[2]), { qos: 0 });

    const expected = { NOT_JSON: 1, NON_FINITE: 2, SCHEMA: 2, OVERSIZE: 1, NO_SCHEMA: 1, UNKNOWN_DEVICE: 1 };
    await expectEventually(() => expect(ingest.pipeline.stats.deadLettered).toMatchObject(expected));
    await expectEventually(async () => {
      const letters = await store.deadLetters({ from: t0 - 60_000, to: Date.now() + 60_000 });
      const byReason: Record<string, number> = {};
      for (const letter of letters) byReason[letter.reason] = (byReason[letter.reason] ?? 0) + 1;
      expect(byReason).toEqual(expected);
      const ghost = letters.find((l) => l.reason === 'UNKNOWN_DEVICE');
      expect(ghost?.topic).toBe(unknownTopic);
      expect(ghost?.detail).toMatch(/ghost-99/);
      expect(letters.find((l) => l.reason === 'OVERSIZE')?.payloadBytes).toBeGreaterThan(100 * 1024);
    });
    await expectEventually(async () => {
      const points = await store.history({ measurement: 'tunnel_kiln_telemetry_combustion', device: kiln, field: 'seq', from: t0 - 1, to: t0 + 60_000 });
      expect(points.map((p) => p.value)).toEqual(good.map((g) => g.seq));
    });
    expect(ingest.pipeline.stats.accepted).toBe(3);
  });
});
