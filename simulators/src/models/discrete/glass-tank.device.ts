import type { GlassTankTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { ProcessSignal, quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { num, paramsOf, type DiscreteParams } from './discrete-params.js';

/** Glass-tank period (§4.4: 5 s). */
export const GLASS_TANK_PERIOD_MS = 5_000;
/** Units of glass-tank telemetry, for `meta`. */
export const GLASS_TANK_UNITS: Readonly<Record<string, string>> = { tCrown: '°C', tGlass: '°C', tWork: '°C', fuel: 'Nm³/h', o2: '%vol dry', pullTd: 't/d', lehr: '°C' };

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Annealing lehr zone targets [°C] (§2.5.5: annealing 520–560 °C, then cooling). */
const LEHR = [555, 540, 470, 330, 140] as const;

/** Shanghai-local hour (UTC+8) of an epoch time. */
function localHour(nowMs: number): number {
  return (((nowMs / HOUR + 8) % 24) + 24) % 24;
}

/**
 * A Qixian day tank for hand-blown ware (domain.md §2.5.5 [S J7], §4.4): it melts and fines the
 * batch overnight at 1,400–1,500 °C and is worked by day at 1,050–1,200 °C at the gathering
 * holes (06:00–18:00 local); natural-gas fired, 0.5–10 t/d. `telemetry` every 5 s.
 * Params: pullTd (default 3), workFrom/workTo (local hours).
 */
export function glassTankDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const pullTd = num(params, 'pullTd', 3);
  const [from, to] = [num(params, 'workFrom', 6), num(params, 'workTo', 18)];
  const working = (now: number): boolean => localHour(now) >= from && localHour(now) < to;
  const spec = (tauMs: number, sigma: number) => ({ tauMs, wanderSigma: sigma, rhoPerSecond: 0.995, whiteSigma: 0.5, resolution: 0.1 });
  const glass = new ProcessSignal(working(context.startMs) ? 1_160 : 1_460, spec(90 * MINUTE, 3), rng);
  const lehr = LEHR.map((t) => new ProcessSignal(t, spec(20 * MINUTE, 2), rng));
  const seq = new SequenceCounter();
  let lastMs = context.startMs;
  const emit = (now: number): { ts: number; seq: number; q: 'good'; v: GlassTankTelemetry['v'] } => {
    const work = working(now);
    const dt = now - lastMs;
    lastMs = now;
    glass.step(work ? 1_160 : 1_460, dt, rng);
    lehr.forEach((s, i) => s.step(work ? (LEHR[i] ?? 0) : (LEHR[i] ?? 0) - 60, dt, rng));
    const tGlass = glass.read(rng);
    // Fuel follows the heat demand: the overnight melt needs about twice the working-day rate.
    const fuel = (pullTd / 3) * (work ? 70 : 125) * (1 + 0.02 * rng.normal());
    return {
      ts: now, seq: seq.next(), q: 'good',
      v: { mode: work ? 'work' : 'melt', tCrown: quantise(tGlass + 45 + rng.normal(0, 1), 0.1), tGlass, tWork: quantise(tGlass - 40 + rng.normal(0, 1.5), 0.1), fuel: quantise(fuel, 0.1), o2: quantise(3 + 0.3 * rng.normal(), 0.01), pullTd: work ? quantise(pullTd * (24 / (to - from)) * (1 + 0.05 * rng.normal()), 0.01) : 0, lehr: lehr.map((s) => s.read(rng)) },
    };
  };
  return {
    key: device.key,
    type: 'glass-tank',
    meta: (now) => discreteMeta(device, 'glass-tank', now, GLASS_TANK_UNITS),
    streams: [{ cls: 'telemetry', sub: [], qos: 0, periodMs: GLASS_TANK_PERIOD_MS, firstAfterMs: fnv1a(device.key) % GLASS_TANK_PERIOD_MS, emit }],
  };
}
