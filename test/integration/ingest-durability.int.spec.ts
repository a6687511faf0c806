import { buildTopic, parseDeviceKey } from '@plantwatch/contracts';
import type { RunningBroker } from '@plantwatch/broker';
import { createDuckDbStore, createInfluxStore, type TelemetryStore } from '@plantwatch/store';
import { expectEventually, startInfluxd } from '@plantwatch/testing';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectClient, ingestFor, startTestBroker, tempDir, testPlant } from '../support/pipeline-kit.js';

const { plant, secrets, kilnKey } = testPlant();
const kiln = parseDeviceKey(kilnKey);
const eventTopic = buildTopic({ ...kiln, cls: 'event', sub: [] });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `ts` rises with `seq`: two points of one series with the same timestamp are one point in the store. */
function carPushed(seq: number) {
  return JSON.stringify({ ts: Date.now() + seq, seq, v: { type: 'car_pushed', carNo: 41_000 + seq, durS: 62, pMaxMPa: 10.8, strokeMm: 3000, intervalMin: 120 } });
}

async function storedEventSeqs(store: TelemetryStore, from: number): Promise<number[]> {
  const points = await store.history({ measurement: 'tunnel_kiln_event', device: kiln, field: 'seq', from, to: Date.now() + 60_000 });
  return points.map((p) => Number(p.value)).sort((a, b) => a - b);
}

async function kilnClient(broker: RunningBroker & { url: string }): Promise<MqttClient> {
  const client = await connectClient(broker.url, kilnKey, secrets.devices[kilnKey] ?? '');
  cleanups.push(() => client.endAsync());
  return client;
}

describe.skipIf(!inject('influxUrl'))('ingest durability with real InfluxDB', () => {
  it('loses no QoS 1 event while InfluxDB is down for 30 s: spooled, then replayed (must show 6)', async () => {
    const influxd = await startInfluxd();
    cleanups.push(() => influxd.dispose());
    const dir = await tempDir('pw-outage-');
    cleanups.push(() => dir.remove());
    const broker = await startTestBroker(plant);
    cleanups.push(() => broker.close());
    const store = await createInfluxStore({ url: influxd.url, database: 'outage_test', requestTimeoutMs: 2_000 });
    cleanups.push(() => store.close());
    const ingest = await ingestFor(broker.url, secrets, { plant, store, spoolDir: dir.path, pipeline: { batchMs: 200, retryMs: 500 } });
    cleanups.push(() => ingest.close());
    const kilnDevice = await kilnClient(broker);

    const t0 = Date.now() - 1;
    let seq = 0;
    for (; seq < 10; seq++) await kilnDevice.publishAsync(eventTopic, carPushed(seq), { qos: 1 });
    await expectEventually(async () => expect(await storedEventSeqs(store, t0)).toHaveLength(10));

    await influxd.stop();
    const outageEnds = Date.now() + 30_000;
    while (Date.now() < outageEnds) {
      await kilnDevice.publishAsync(eventTopic, carPushed(seq++), { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ingest.pipeline.stats.spooled).toBeGreaterThan(0);
    await influxd.start();
    for (const end = seq + 10; seq < end; seq++) await kilnDevice.publishAsync(eventTopic, carPushed(seq), { qos: 1 });

    const all = Array.from({ length: seq }, (_, i) => i);
    await expectEventually(async () => expect(await storedEventSeqs(store, t0)).toEqual(all), { timeoutMs: 60_000, intervalMs: 500 });
    expect(ingest.pipeline.stats.replayed).toBeGreaterThan(0);
  });
});

describe('ingest durability across an ingest restart', () => {
  it('keeps its persistent session: QoS 1 events published while ingest is down are stored after it returns', async () => {
    const dir = await tempDir('pw-restart-');
    cleanups.push(() => dir.remove());
    const broker = await startTestBroker(plant);
    cleanups.push(() => broker.close());
    const store = await createDuckDbStore({ file: `${dir.path}/store.duckdb` });
    cleanups.push(() => store.close());
    const deps = { plant, store, spoolDir: `${dir.path}/spool`, pipeline: { batchMs: 100 } };
    const first = await ingestFor(broker.url, secrets, deps);
    const kilnDevice = await kilnClient(broker);
    const t0 = Date.now() - 1;
    await kilnDevice.publishAsync(eventTopic, carPushed(0), { qos: 1 });
    await expectEventually(async () => expect(await storedEventSeqs(store, t0)).toEqual([0]));
    await first.close();

    for (let seq = 1; seq <= 50; seq++) await kilnDevice.publishAsync(eventTopic, carPushed(seq), { qos: 1 });
    const second = await ingestFor(broker.url, secrets, deps);
    cleanups.push(() => second.close());
    await expectEventually(async () => expect(await storedEventSeqs(store, t0)).toEqual(Array.from({ length: 51 }, (_, i) => i)));
  });
});
