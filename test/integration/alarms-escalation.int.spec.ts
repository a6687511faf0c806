import { ALARM_SVC_TOPICS, alarmMessage, classFilter, type AlarmView } from '@plantwatch/contracts';
import { expectEventually } from '@plantwatch/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestBroker, tempDir, testPlant } from '../support/pipeline-kit.js';
import { alarmsFor, combustion, combustionTopic, kilnRulesWithoutSilence, ManualClock, rpcClient, smtpReceiver, T0, webhookReceiver } from './alarms-kit.js';

const { plant, secrets, kilnKey } = testPlant();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('alarm escalation end to end (domain.md §3.8; real broker, HTTP webhook and SMTP server)', () => {
  it('unacknowledged for 5 (accelerated) minutes → webhook and e-mail to the next person; acknowledged in time → no escalation', async () => {
    const dir = await tempDir('pw-alarms-esc-');
    cleanups.push(() => dir.remove());
    const broker = await startTestBroker(plant);
    cleanups.push(() => broker.close());
    const hook = await webhookReceiver(1);
    cleanups.push(() => hook.close());
    const smtp = await smtpReceiver();
    cleanups.push(() => smtp.close());
    const clock = new ManualClock(T0);
    const rulesDir = await tempDir('pw-alarms-rules-');
    cleanups.push(() => rulesDir.remove());
    const alarms = await alarmsFor(broker.url, secrets, { plant, dataDir: dir.path, rulesDir: kilnRulesWithoutSilence(rulesDir.path), clock, webhookUrl: hook.url, mail: { url: smtp.url, from: 'alarms@plant.example' } });
    cleanups.push(() => alarms.close());
    const rpc = await rpcClient(broker.url, secrets);
    cleanups.push(() => rpc.close());
    const watcher = await connectClient(broker.url, 'svc-bridge', secrets.services['bridge'] ?? '');
    cleanups.push(() => watcher.endAsync());
    const published: unknown[] = [];
    watcher.on('message', (_topic, payload) => published.push(JSON.parse(payload.toString())));
    await watcher.subscribeAsync(classFilter('alarm', 'none'), { qos: 1 });
    const kiln = await connectClient(broker.url, kilnKey, secrets.devices[kilnKey] ?? '');
    cleanups.push(() => kiln.endAsync());
    const gasLow = `${kilnKey}/gas-press-low`;
    const airLow = `${kilnKey}/comb-air-low`;

    // Alarm 1: header gas pressure low (on-delay 5 s), acknowledged by the owner within 4 min.
    await kiln.publishAsync(combustionTopic(kilnKey), combustion(1, T0, { pGasHdr: 7.5 }));
    await expectEventually(() => {
      clock.advance(1_000);
      expect(alarms.service.engine.get(gasLow)?.state).toBe('active_unack');
    });
    expect(alarms.service.engine.get(gasLow)).toMatchObject({ owner: 'shift-a.kiln-operator', assignee: 'li.wei', esc: 0 });
    clock.advance(4 * 60_000);
    const acked = await rpc.ask<AlarmView>(ALARM_SVC_TOPICS.ack, { id: gasLow, user: 'li.wei', note: 'regulator checked' });
    expect(acked.state).toBe('active_ack');
    clock.advance(30 * 60_000);
    expect(hook.calls).toEqual([]);
    expect(smtp.mails).toEqual([]);

    // Alarm 2: combustion air low, nobody acknowledges it.
    await kiln.publishAsync(combustionTopic(kilnKey), combustion(2, clock.now(), { pGasHdr: 7.5, pAir: 2 }));
    await expectEventually(() => {
      clock.advance(1_000);
      expect(alarms.service.engine.get(airLow)?.state).toBe('active_unack');
    });
    clock.advance(4 * 60_000);
    expect(hook.calls).toEqual([]);
    clock.advance(60_000);
    await expectEventually(() => expect(hook.calls).toHaveLength(1));
    // The webhook answered 503 once: retried after 1 s (then 2 s …) with the same idempotency key.
    await expectEventually(() => {
      clock.advance(1_000);
      expect(hook.calls).toHaveLength(2);
    });
    await expectEventually(() => expect(smtp.mails).toHaveLength(1));
    const [first, retry] = hook.calls;
    expect(retry?.key).toBe(first?.key);
    expect(first?.body).toMatchObject({ kind: 'escalate', to: { person: 'zhang.min', email: 'zhang.min@plant.example' }, alarm: { id: airLow, code: 'COMB_AIR_LOW', esc: 1 } });
    expect(smtp.mails[0]?.to).toEqual(['zhang.min@plant.example']);
    expect(smtp.mails[0]?.text).toContain('COMB_AIR_LOW');
    expect(hook.calls.every((c) => c.body.alarm.id !== gasLow)).toBe(true);

    // Every transition went out on the alarm class, valid against the §3.4 schema.
    await expectEventually(() => expect(published.length).toBeGreaterThanOrEqual(4));
    for (const message of published) expect(alarmMessage.safeParse(message).success).toBe(true);
  });
});
