import { deviceEvent, deviceMeta, tunnelKilnCombustion, tunnelKilnProfile } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kit/clock.js';
import { Rng } from '../../kit/rng.js';
import { Scheduler } from '../../kit/scheduler.js';
import { tunnelKilnDevice } from './tunnel-kiln.device.js';
import { TunnelKilnModel, zeroCrossingM } from './tunnel-kiln.model.js';
import { TUNNEL_KILN_DEFAULTS } from './tunnel-kiln.params.js';

const START = Date.UTC(2024, 5, 10);
const MINUTE = 60_000;
const kiln: PlantDevice = { key: 'jytd/yq-baiquan/firing/tk03/controller/plc', type: 'tunnel-kiln', name: 'Tunnel kiln 3 PLC', secretSha256: '0'.repeat(64) };

/** Every message of a kiln device over `durationMs` of virtual time, as [stream, JSON] pairs. */
function streamOf(seed: number, durationMs: number, pushIntervalMs = 20 * MINUTE): string[] {
  const clock = new VirtualClock(START);
  const scheduler = new Scheduler(clock);
  const device = tunnelKilnDevice(kiln, { seed, startMs: START, pushIntervalMs });
  const out: string[] = [];
  for (const s of device.streams) scheduler.every(s.periodMs, START + s.firstAfterMs, (due) => out.push(`${[s.cls, ...s.sub].join('/')} ${JSON.stringify(s.emit(due))}`));
  clock.advance(durationMs);
  return out;
}

describe('TunnelKilnModel (domain.md §2.1)', () => {
  it('produces profile, combustion and event payloads that parse with the contract schemas over a simulated hour', () => {
    const model = new TunnelKilnModel({ rng: new Rng(42), startMs: START, pushIntervalMs: 10 * MINUTE });
    for (let minute = 1; minute <= 60; minute++) {
      const now = START + minute * MINUTE;
      const profile = tunnelKilnProfile.parse(model.profile(now));
      expect(profile.v.t).toHaveLength(36);
      expect(profile.v.sp).toHaveLength(8);
      const combustion = tunnelKilnCombustion.parse(model.combustion(now));
      expect(combustion.v.zoneGas).toHaveLength(8);
      if (minute % 10 === 0) expect(deviceEvent.parse(model.pushCar(now)).v['type']).toBe('car_pushed');
    }
    expect(deviceMeta.parse({ ts: START, v: model.meta('Tunnel kiln 3 PLC', '3号隧道窑 PLC') }).v.tcPos).toHaveLength(36);
  });

  it('numbers each topic from 0 with its own sequence', () => {
    const model = new TunnelKilnModel({ rng: new Rng(1), startMs: START });
    expect([model.profile(START + 5_000).seq, model.profile(START + 10_000).seq]).toEqual([0, 1]);
    expect([model.combustion(START + 10_000).seq, model.pushCar(START + 20_000).seq]).toEqual([0, 0]);
  });

  it('keeps every TC within ±15 °C of the setpoint curve at its position in steady state (§2.1.3)', () => {
    const model = new TunnelKilnModel({ rng: new Rng(7), startMs: START });
    const setpoints = model.params.tcPosM.map((m) => model.setpointAt(m));
    for (let minute = 10; minute <= 110; minute++) {
      const { v } = model.profile(START + minute * MINUTE);
      v.t.forEach((t, i) => expect(Math.abs((t ?? NaN) - (setpoints[i] ?? NaN))).toBeLessThanOrEqual(15));
    }
    expect(Math.max(...setpoints)).toBe(1480);
  });

  it('sits at the §2.1.5 operating point: pressures, zero point, O₂, gas ≈ 170 Nm³/h, λ ≈ 1.15, 40 burners', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START });
    const profile = model.profile(START + 30 * MINUTE).v;
    expect(profile.p[0]).toBeLessThan(-25);
    expect(profile.p[5]).toBeGreaterThan(8);
    expect(profile.p[8]).toBeGreaterThan(18);
    expect(Math.abs(profile.p[9] ?? NaN)).toBeLessThan(12);
    expect(profile.zeroPointM).toBeGreaterThan(40);
    expect(profile.zeroPointM).toBeLessThan(56);
    expect(profile.o2[0]).toBeCloseTo(13, -0.5);
    expect(profile.o2[1]).toBeCloseTo(5, -0.5);
    const combustion = model.combustion(START + 30 * MINUTE).v;
    expect(combustion.gas).toBeGreaterThan(150);
    expect(combustion.gas).toBeLessThan(190);
    expect(combustion.lambda).toBeCloseTo(1.15, 1);
    expect([combustion.burnersOn, combustion.burnersTotal]).toEqual([40, 40]);
  });

  it('integrates the gas totaliser', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START });
    const before = model.combustion(START + MINUTE).v.gasTot ?? NaN;
    const after = model.combustion(START + 61 * MINUTE).v.gasTot ?? NaN;
    expect(after - before).toBeGreaterThan(150);
    expect(after - before).toBeLessThan(190);
  });

  it('shows the door-open sawtooth after a push: entry TCs dip, entry pressure spikes, both recover (§2.1.7)', () => {
    const quiet = { ...TUNNEL_KILN_DEFAULTS.noise, tcWanderC: 0, tcWhiteC: 0, pWanderPa: 0, pWhitePa: 0 };
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START, params: { noise: quiet } });
    const before = model.profile(START + 10 * MINUTE).v;
    model.pushCar(START + 10 * MINUTE);
    const during = model.profile(START + 10 * MINUTE + 5_000).v;
    const after = model.profile(START + 40 * MINUTE).v;
    expect((before.t[0] ?? 0) - (during.t[0] ?? 0)).toBeGreaterThan(10);
    expect((during.p[0] ?? 0) - (before.p[0] ?? 0)).toBeGreaterThan(10);
    expect(Math.abs((after.t[0] ?? 0) - (before.t[0] ?? 0))).toBeLessThan(0.5);
    expect(during.t[20]).toBe(before.t[20]);
  });

  it('finds the zero-pressure point by linear interpolation', () => {
    expect(zeroCrossingM([0, 10, 20], [-10, -5, 5])).toBe(15);
    expect(zeroCrossingM([0, 10], [-10, null])).toBeNull();
  });
});

describe('tunnelKilnDevice streams', () => {
  it('gives an identical payload stream for the same seed and a different one for another seed', () => {
    const a = streamOf(42, 30 * MINUTE);
    expect(a.length).toBeGreaterThan(1_000);
    expect(streamOf(42, 30 * MINUTE)).toEqual(a);
    expect(streamOf(43, 30 * MINUTE)).not.toEqual(a);
  });

  it('publishes profile every 5 s and combustion every 2 s (§2.7)', () => {
    const messages = streamOf(1, 10 * MINUTE);
    expect(messages.filter((m) => m.startsWith('telemetry/profile ')).length).toBe(120);
    expect(messages.filter((m) => m.startsWith('telemetry/combustion ')).length).toBe(300);
  });

  it('emits car_pushed at the configured interval with increasing carNo', () => {
    const events = streamOf(5, 60_000, 5_000)
      .filter((m) => m.startsWith('event '))
      .map((m) => deviceEvent.parse(JSON.parse(m.slice('event '.length))));
    expect(events).toHaveLength(12);
    events.forEach((event, i) => {
      expect(event.v['type']).toBe('car_pushed');
      expect(event.ts).toBe(START + (i + 1) * 5_000);
      expect(event.seq).toBe(i);
      if (i > 0) expect(event.v['carNo']).toBe(Number(events[i - 1]?.v['carNo']) + 1);
    });
  });
});
