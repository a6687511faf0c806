import { deviceMeta, schemaFor, type DeviceType } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { sharedMemo } from '../device-factory.js';
import { tunnelKilnDeviceList } from './kiln-devices.js';
import { HOUR, kilnRig, LINE, MINUTE, plantDevice, request, START, type Message } from './kiln.spec-kit.js';
import { KILN_FACTORIES } from './kiln.factories.js';

function parse(message: Message): void {
  const [cls = '', ...sub] = message.topic.split('/');
  const schema = schemaFor(message.type, cls as 'telemetry', sub);
  expect(schema, `${message.type} ${message.topic}`).toBeDefined();
  const result = schema?.safeParse(message.payload);
  expect(result?.success, `${message.key} ${message.topic} ${JSON.stringify(message.payload)} ${JSON.stringify(result?.error?.issues)}`).toBe(true);
}

function stream(seed: number, durationMs: number): string[] {
  const rig = kilnRig({ seed, pushIntervalMs: 10 * MINUTE });
  rig.advance(durationMs);
  return rig.messages.map((m) => `${m.key} ${m.topic} ${JSON.stringify(m.payload)}`);
}

describe('tunnel kiln devices (domain.md §3.4 payloads, §2.7 rates)', () => {
  it('lists the PLC, 40 burners, 4 cameras, 6 fans, the pusher and the gas skid of one kiln', () => {
    const list = tunnelKilnDeviceList(LINE);
    expect(list).toHaveLength(53);
    expect(list.map((d) => d.key)).toEqual(
      expect.arrayContaining(['jytd/yq-baiquan/firing/tk03/controller/plc', 'jytd/yq-baiquan/firing/tk03/burners/b40', 'jytd/yq-baiquan/firing/tk03/vision/cam04', 'jytd/yq-baiquan/firing/tk03/fans/curtain-1', 'jytd/yq-baiquan/firing/tk03/pusher/pusher-1', 'jytd/yq-baiquan/firing/tk03/gas/skid-1']),
    );
    const types = new Set<DeviceType>(list.map((d) => d.type));
    for (const type of types) expect(KILN_FACTORIES[type], type).toBeDefined();
  });

  it('publishes payloads that all parse with their schemas, with faults and commands going on', () => {
    const rig = kilnRig({ pushIntervalMs: 10 * MINUTE });
    rig.advance(12 * MINUTE);
    const decision = rig.device('plc').commands?.['set-zone-sp']?.(request({ target: 'zone.3.sp', value: 1460 }), rig.clock.now());
    expect(decision?.status).toBe('accepted');
    rig.device('b07').faults?.['BURNER_FLAME_FAIL']?.inject(rig.clock.now());
    rig.device('plc').faults?.['TC_OPEN']?.inject(rig.clock.now(), { tc: 17 });
    rig.device('exhaust-1').faults?.['FAN_TRIP']?.inject(rig.clock.now());
    rig.device('pusher-1').faults?.['PUSH_FAIL']?.inject(rig.clock.now());
    rig.advance(10 * MINUTE);
    rig.device('skid-1').faults?.['GAS_PRESS_LOW']?.inject(rig.clock.now(), { dropPct: 60 });
    rig.advance(10 * MINUTE);
    for (const message of rig.messages) parse(message);
    for (const device of rig.devices) expect(deviceMeta.safeParse(device.meta(rig.clock.now())).success, device.key).toBe(true);
    const topics = new Set(rig.messages.map((m) => `${m.type} ${m.topic}`));
    for (const t of ['tunnel-kiln telemetry/profile', 'tunnel-kiln telemetry/combustion', 'tunnel-kiln event', 'tunnel-kiln state', 'kiln-burner state', 'kiln-burner event', 'flame-camera telemetry', 'kiln-fan telemetry', 'kiln-pusher event', 'kiln-pusher state', 'gas-skid telemetry']) {
      expect(topics, t).toContain(t);
    }
  });

  it('is deterministic: the same seed gives the identical payload sequence, another seed another one', () => {
    const a = stream(42, 15 * MINUTE);
    expect(a.length).toBeGreaterThan(1_000);
    expect(stream(42, 15 * MINUTE)).toEqual(a);
    expect(stream(43, 15 * MINUTE)).not.toEqual(a);
  });

  it('publishes at the §2.7 rates: about 4.5 msg/s per tunnel kiln with all its devices (steady state)', () => {
    const rig = kilnRig();
    rig.advance(HOUR);
    const perSecond = (filter: (m: Message) => boolean) => rig.messages.filter((m) => m.payload['ts'] !== START && filter(m)).length / 3_600;
    expect(perSecond((m) => m.topic === 'telemetry/profile')).toBeCloseTo(0.2, 2);
    expect(perSecond((m) => m.topic === 'telemetry/combustion')).toBeCloseTo(0.5, 2);
    expect(perSecond((m) => m.type === 'kiln-fan')).toBeCloseTo(1.2, 2);
    expect(perSecond((m) => m.type === 'flame-camera')).toBeCloseTo(2, 2);
    expect(perSecond((m) => m.type === 'gas-skid')).toBeCloseTo(0.5, 2);
    expect(perSecond((m) => m.type === 'kiln-burner')).toBeLessThan(0.05); // report by exception
    expect(perSecond(() => true)).toBeGreaterThan(4.3);
    expect(perSecond(() => true)).toBeLessThan(4.7);
  });

  it('shares one physical model between the devices of a kiln through context.shared', () => {
    const shared = sharedMemo();
    const context = { seed: 1, startMs: START, shared };
    const [plcSpec, burnerSpec] = tunnelKilnDeviceList(LINE);
    const plc = KILN_FACTORIES['tunnel-kiln']?.(plantDevice(plcSpec?.key ?? '', 'tunnel-kiln'), context);
    const burner = KILN_FACTORIES['kiln-burner']?.(plantDevice(burnerSpec?.key ?? '', 'kiln-burner'), context);
    burner?.faults?.['BURNER_FLAME_FAIL']?.inject(START + MINUTE);
    const combustion = plc?.streams.find((s) => s.sub[0] === 'combustion')?.emit(START + 2 * MINUTE) as { v: { burnersOn: number } };
    expect(combustion.v.burnersOn).toBe(39);
  });
});
