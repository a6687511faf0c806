import { shuttleKilnEvent, shuttleKilnState, shuttleKilnTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kit/clock.js';
import { Rng } from '../../kit/rng.js';
import type { CommandDecision, SimDevice } from '../sim-device.js';
import { shuttleKilnDeviceList } from './kiln-devices.js';
import { HOUR, MINUTE, plantDevice, request, schedule, START } from './kiln.spec-kit.js';
import { shuttleKilnDevice } from './shuttle-kiln.device.js';
import { ShuttleKilnModel } from './shuttle-kiln.model.js';
import { programMs, SHUTTLE_PROGRAMS } from './shuttle-kiln.programs.js';

const [spec] = shuttleKilnDeviceList({ enterprise: 'xiaqian', site: 'yq-xinanyu', area: 'firing', line: 'sk12' });
const key = spec?.key ?? '';

function rig(seed = 5): { device: SimDevice; clock: VirtualClock; messages: ReturnType<typeof schedule> } {
  const device = shuttleKilnDevice(plantDevice(key, 'shuttle-kiln'), { seed, startMs: START });
  const clock = new VirtualClock(START);
  return { device, clock, messages: schedule([device], clock) };
}

function send(device: SimDevice, name: string, value: unknown, now: number): CommandDecision | undefined {
  return device.commands?.[name]?.(request({ value: value as string }), now);
}

function eventsOf(model: ShuttleKilnModel): Readonly<Record<string, unknown>>[] {
  const cursor = { at: 0 };
  const out: Readonly<Record<string, unknown>>[] = [];
  for (let e = model.events.next(cursor, 'plc'); e; e = model.events.next(cursor, 'plc')) out.push(e.v);
  return out;
}

/** A model at the start of HA2-1480. */
function atStart(): ShuttleKilnModel {
  const model = new ShuttleKilnModel(new Rng(1), START);
  model.start(SHUTTLE_PROGRAMS['HA2-1480'] ?? model.program, START);
  model.chamberC = 20;
  return model;
}

describe('shuttle kiln (domain.md §2.2)', () => {
  it('has the §2.2 programme lengths', () => {
    const hours = (name: string): number => programMs(SHUTTLE_PROGRAMS[name] ?? { name, startC: 20, segments: [] }) / HOUR;
    expect(hours('FC-1350')).toBeCloseTo(52, -1);
    expect(hours('HA2-1480')).toBeCloseTo(75, -1);
    expect(hours('MU-1650')).toBeCloseTo(89, -1);
    expect(hours('SI-1450') / 24).toBeGreaterThan(8);
    expect(hours('CK-1050')).toBeCloseTo(25, -1);
  });

  it('follows the programme within ±10 °C through ramps, soak and cooling, stepping through every segment', () => {
    const model = atStart();
    let worst = 0;
    const total = programMs(model.program);
    for (let now = START + 10 * MINUTE; now < START + total; now += 10 * MINUTE) {
      model.advance(now);
      if (model.mode === 'auto') worst = Math.max(worst, Math.abs(model.pvControl() - model.setpoint()));
    }
    expect(worst).toBeLessThan(10);
    model.advance(START + total + HOUR);
    expect(model.mode).toBe('idle');
    const types = eventsOf(model).map((v) => v['type']);
    expect(types.filter((t) => t === 'step_change')).toHaveLength(model.program.segments.length - 1);
    expect(types).toContain('program_end');
  });

  it('publishes telemetry, events and state that parse with their schemas', () => {
    const { device, clock, messages } = rig();
    clock.advance(6 * HOUR);
    send(device, 'hold-mode', true, clock.now());
    clock.advance(HOUR);
    const telemetry = messages.filter((m) => m.topic === 'telemetry');
    expect(telemetry.length).toBe(7 * 720);
    for (const m of telemetry) shuttleKilnTelemetry.parse(m.payload);
    for (const m of messages.filter((x) => x.topic === 'event')) shuttleKilnEvent.parse(m.payload);
    for (const m of messages.filter((x) => x.topic === 'state')) shuttleKilnState.parse(m.payload);
    expect(messages.some((m) => m.topic === 'event')).toBe(true);
  });

  it('RAMP_DEVIATION: with weak burners the PV lags > 25 °C for 30 min and the programme holds until it catches up', () => {
    const model = atStart();
    model.advance(START + 30 * HOUR);
    model.faults.capacity = 0.4;
    let held = false;
    for (let now = START + 30 * HOUR; now < START + 45 * HOUR && !held; now += 5 * MINUTE) {
      model.advance(now);
      held = model.mode === 'hold';
    }
    expect(held).toBe(true);
    const hold = eventsOf(model).find((v) => v['type'] === 'program_hold');
    expect(hold).toMatchObject({ type: 'program_hold', reason: 'ramp_deviation' });
    expect(Number(hold?.['lagC'])).toBeGreaterThan(25);
    model.faults.capacity = 1;
    model.advance(START + 47 * HOUR);
    expect(model.mode).toBe('auto'); // caught up: the programme resumes
  });

  it('DOOR_SEAL_LEAK, TC_OPEN, POWER_FAIL and OVER_SOAK change the signals their §2.2 rows list', () => {
    const { device, clock } = rig();
    const tele = () => (device.streams[0]?.emit(clock.now()) as { v: { pv: number[]; dT: number; stepName: string; gas: number }; q: string; qv?: Record<string, string> });
    clock.advance(2 * HOUR);
    const before = tele();
    device.faults?.['DOOR_SEAL_LEAK']?.inject(clock.now(), { deltaC: 40 });
    const leak = tele();
    expect((before.v.pv[3] ?? 0) - (leak.v.pv[3] ?? 0)).toBeGreaterThan(30);
    expect(leak.v.dT).toBeGreaterThan(before.v.dT + 30);
    device.faults?.['DOOR_SEAL_LEAK']?.clear(clock.now());
    device.faults?.['TC_OPEN']?.inject(clock.now(), { tc: 1 });
    expect(tele()).toMatchObject({ q: 'uncertain', qv: { 'pv.1': 'bad' } });
    expect(tele().v.pv[1]).toBe(1768);
    device.faults?.['TC_OPEN']?.clear(clock.now());
    device.faults?.['OVER_SOAK']?.inject(clock.now());
    clock.advance(MINUTE);
    expect(tele().v.stepName).toBe('hold');
    device.faults?.['OVER_SOAK']?.clear(clock.now());
    device.faults?.['POWER_FAIL']?.inject(clock.now());
    clock.advance(MINUTE);
    expect(device.state?.(clock.now())).toMatchObject({ mode: 'aborted' });
    expect(tele().v.gas).toBe(0);
    expect(send(device, 'set-program', 'MU-1650', clock.now())).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
    device.faults?.['POWER_FAIL']?.clear(clock.now());
    expect(send(device, 'set-program', 'XX-1', clock.now())).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(send(device, 'set-program', 'MU-1650', clock.now())).toMatchObject({ status: 'accepted', prev: 'HA2-1480' });
    expect(device.state?.(clock.now())).toMatchObject({ mode: 'auto', prog: 'MU-1650' });
  });
});
