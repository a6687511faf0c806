import type { PressFitCurve, PressFitTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { lag, quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { num, optNum, optOneOf, paramsOf, type DiscreteParams } from './discrete-params.js';
import { attachStation, type LineStationModel, type PartValues } from './line-station.js';
import { microStops } from './machine.faults.js';
import { EventQueue } from './machine-state.js';
import { PRESS_FIT_DEFAULTS, PRESS_FIT_MODES, pressCurve, type PressFitMode, type PressFitParams } from './press-fit.curve.js';

/** Press-fit periods: telemetry 5 s; part events and curves polled every half takt, at most 4 s. */
export const PRESS_FIT_PERIODS = { telemetryMs: 5_000 } as const;

/** Units of press-fit telemetry, events and curves, for `meta`. */
export const PRESS_FIT_UNITS: Readonly<Record<string, string>> = { fLast: 'kN', tMotor: '°C', i: 'A', fMaxKN: 'kN', fEndKN: 'kN', sEndMm: 'mm', s0: 'mm', ds: 'mm', f: 'kN' };

type CurveValues = PressFitCurve['v'];

/**
 * A servo press-fit station (domain.md §2.5.3, §3.4) on an assembly line: per part an `event`
 * part_done with verdict, peak force, end position and window result, plus the force curve on
 * `event/curve` (200–500 points, 3–5 kB); `telemetry` every 5 s; retained machine `state`.
 * Params: `forceKn` (nominal end force, 2–15), `pos`, `taktS` (line).
 */
export function pressFitDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const press = new PressFitPress(Rng.forKey(context.seed, `${device.key}#work`), params);
  const station: LineStationModel = attachStation(device, context, params, (t, serial) => press.work(t, serial));
  const line = station.line;
  const seq = new SequenceCounter();
  let tMotor = 38;
  let lastMs = context.startMs;
  const telemetry = (now: number): { ts: number; seq: number; q: 'good'; v: PressFitTelemetry['v'] } => {
    line.advance(now);
    tMotor = lag(tMotor, station.running ? 48 : 32, now - lastMs, 30 * 60_000);
    lastMs = now;
    return { ts: now, seq: seq.next(), q: 'good', v: { strokes: press.strokes, fLast: quantise(press.fLast, 0.01), tMotor: quantise(tMotor + 0.1 * rng.normal(), 0.1), i: quantise(station.running ? rng.normal(6.5, 0.3) : 0.8, 0.1) } };
  };
  const stagger = fnv1a(device.key);
  const { telemetryMs } = PRESS_FIT_PERIODS;
  const eventPollMs = station.pollMs;
  return {
    key: device.key,
    type: 'press-fit',
    meta: (now) => discreteMeta(device, 'press-fit', now, PRESS_FIT_UNITS),
    streams: [
      { cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger % telemetryMs, emit: telemetry },
      { cls: 'event', sub: [], qos: 1, periodMs: eventPollMs, firstAfterMs: (stagger >>> 3) % eventPollMs, emit: (now) => station.nextEvent(now) },
      { cls: 'event', sub: ['curve'], qos: 1, periodMs: eventPollMs, firstAfterMs: (stagger >>> 3) % eventPollMs, emit: (now) => (line.advance(now), press.curves.next()) },
    ],
    state: (now) => station.stateValues(now),
    faults: { PRESSFIT_NOK: pressFitNok(press), MACHINE_FAULT: station.machineFault(), MICRO_STOPS: microStops(line.cycle, (now) => line.advance(now)) },
  };
}

/** The press of a press-fit station: one curve per part, its verdict, the curve queued for `event/curve`. */
export class PressFitPress {
  readonly curves = new EventQueue<CurveValues>(8);
  readonly params: PressFitParams;
  /** Injected failure mode and the share of parts it hits (PRESSFIT_NOK). */
  mode: PressFitMode | undefined;
  rate = 1;
  strokes = 0;
  fLast = 0;

  constructor(
    private readonly rng: Rng,
    params: DiscreteParams,
  ) {
    this.params = { ...PRESS_FIT_DEFAULTS, forceKn: num(params, 'forceKn', rng.uniform(6, 12)) };
  }

  work(t: number, serial: string): { ok: boolean; values: PartValues } {
    const rng = this.rng;
    const natural = rng.float() < this.params.naturalNokRate ? PRESS_FIT_MODES[rng.int(0, 3)] : undefined;
    const r = pressCurve(this.params, rng, this.mode !== undefined && rng.float() < this.rate ? this.mode : natural);
    this.strokes++;
    this.fLast = r.fMaxKn;
    const ok = r.win === 'pass';
    this.curves.push({ ts: t, v: { serial, verdict: ok ? 'OK' : 'NOK', win: r.win, s0: 0, ds: this.params.dsMm, f: r.f } });
    return { ok, values: { fMaxKN: r.fMaxKn, fEndKN: r.fEndKn, sEndMm: r.sEndMm, win: r.win } };
  }
}

/** `PRESSFIT_NOK` (§2.5.7): curves outside the window, parts diverted. Options: mode (missing|oversize|burr|seating, default oversize), rate (share of parts, 1). */
function pressFitNok(fault: PressFitPress): FaultHandler {
  return {
    description: 'Press-fit NOK: curve outside its window (missing part ≈ 0 force, oversize above the corridor, burr early spike, seating short), part diverted → PRESSFIT_NOK (§2.5.3, §2.5.7). Options: mode, rate',
    inject(_nowMs, options) {
      fault.mode = optOneOf(options, 'mode', PRESS_FIT_MODES, 'oversize');
      fault.rate = Math.min(1, Math.max(0, optNum(options, 'rate', 1)));
    },
    clear() {
      fault.mode = undefined;
    },
  };
}
