import { ALARM_SVC_TOPICS, buildTopic, parseDeviceKey, type AlarmView } from '@plantwatch/contracts';
import { expectEventually } from '@plantwatch/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestBroker, tempDir, testPlant } from '../support/pipeline-kit.js';
import { alarmsFor, combustion, combustionTopic, kilnRulesWithoutSilence, ManualClock, rpcClient, T0 } from './alarms-kit.js';

const { plant, secrets, kilnKey } = testPlant();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const profile = (seq: number, ts: number) =>
  JSON.stringify({ ts, seq, v: { t: [200, 280, 380, null], tCar: [], p: [], pCar: [], o2: [], zeroPointM: 47, sp: [1350, 1420, 1480, 1480, 1480, 1480, 1420, 1350] }, q: 'good' });

describe('alarm state across a crash of apps/alarms', () => {
  it('keeps active, acknowledged and shelved alarms (with the remaining shelf time) when the process dies without a snapshot', async () => {
    const dir = await tempDir('pw-alarms-restart-');
    cleanups.push(() => dir.remove());
    const rulesDir = await tempDir('pw-alarms-rules-');
    cleanups.push(() => rulesDir.remove());
    const broker = await startTestBroker(plant);
    cleanups.push(() => broker.close());
    const clock = new ManualClock(T0);
    const deps = { plant, dataDir: dir.path, rulesDir: kilnRulesWithoutSilence(rulesDir.path), clock };
    const first = await alarmsFor(broker.url, secrets, deps);
    const rpc = await rpcClient(broker.url, secrets);
    cleanups.push(() => rpc.close());
    const kiln = await connectClient(broker.url, kilnKey, secrets.devices[kilnKey] ?? '');
    cleanups.push(() => kiln.endAsync());
    const [gasLow, airLow, tcOpen] = ['gas-press-low', 'comb-air-low', 'tc-open.3'].map((r) => `${kilnKey}/${r}`) as [string, string, string];

    await kiln.publishAsync(combustionTopic(kilnKey), combustion(1, T0, { pGasHdr: 7.5, pAir: 2 }));
    await kiln.publishAsync(buildTopic({ ...parseDeviceKey(kilnKey), cls: 'telemetry', sub: ['profile'] }), profile(1, T0));
    await expectEventually(() => {
      clock.advance(1_000);
      expect(first.service.engine.list().map((r) => r.id).sort()).toEqual([airLow, gasLow, tcOpen].sort());
    });
    await rpc.ask(ALARM_SVC_TOPICS.ack, { id: airLow, user: 'li.wei' });
    const shelvedAt = clock.now();
    await rpc.ask(ALARM_SVC_TOPICS.shelve, { id: tcOpen, user: 'li.wei', durationMs: 3_600_000, reason: 'TC 4 replacement ordered' });
    await first.crash();

    clock.advance(20 * 60_000);
    const second = await alarmsFor(broker.url, secrets, deps);
    cleanups.push(() => second.close());
    const listed = await rpc.ask<AlarmView[]>(ALARM_SVC_TOPICS.list, {});
    const states = Object.fromEntries(listed.map((a) => [a.id, a.state]));
    expect(states).toEqual({ [gasLow]: 'active_unack', [airLow]: 'active_ack', [tcOpen]: 'shelved' });
    expect(listed.find((a) => a.id === tcOpen)?.shelvedUntil).toBe(shelvedAt + 3_600_000);

    clock.advance(40 * 60_000 - 1_000);
    expect(second.service.engine.get(tcOpen)?.state).toBe('shelved');
    clock.advance(1_000);
    expect(second.service.engine.get(tcOpen)?.state).toBe('active_unack');
  });
});
