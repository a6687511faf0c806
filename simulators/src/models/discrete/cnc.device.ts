import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import type { DeviceStream, SimDevice } from '../sim-device.js';
import { CastingSupply } from './casting-supply.js';
import { cncFaults } from './cnc.faults.js';
import { CNC_DEFAULTS, CNC_UNITS, CncModel, type CncParams } from './cnc.model.js';
import { discreteMeta } from './discrete-meta.js';
import { reportOwnFaults } from './machine.faults.js';
import { castingSupplyKey, flag, mtbfOf, num, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';

/** CNC publish periods (§2.7, §4.2): telemetry 5 s, vibration 10 s; part events polled every 5 s (cycles ≥ 20 s). */
export const CNC_PERIODS = { telemetryMs: 5_000, vibrationMs: 10_000, eventPollMs: 5_000 } as const;

const MINUTE = 60_000;
/** Part families of §2.5.2 by line slug: crankshaft, cylinder, bearing/flange, piston. */
const PRODUCTS: readonly (readonly [string, string])[] = [['crank', 'CRK'], ['cyl', 'CYL'], ['bear', 'BRG'], ['flange', 'BRG'], ['piston', 'PST']];

/**
 * CNC model parameters from device params (all optional): `cycleS` ideal cycle (default drawn
 * 25–45 s, mean 35 s, §2.5.2), `toolLife`, `mtbfH`, `mttrMin`, `digitalised` (H7: MTBF × 2),
 * `bufferMin` (castings in stock, default drawn 30–120), `v0` [mm/s], `prog`.
 */
export function cncParams(device: PlantDevice, params: DiscreteParams, rng: Rng): CncParams {
  const path = pathOf(device);
  const product = PRODUCTS.find(([needle]) => path.line.includes(needle))?.[1] ?? 'PRT';
  const op = /op\d+/.exec(path.cell)?.[0].toUpperCase() ?? 'OP10';
  const idealCycleMs = Math.round(num(params, 'cycleS', rng.uniform(25, 45)) * 1000);
  const d = CNC_DEFAULTS;
  return {
    ...d,
    prog: typeof params['prog'] === 'string' ? params['prog'].slice(0, 32) : `${product}-${op}-R${rng.int(1, 9)}`,
    cutLoadPct: rng.uniform(30, 60),
    toolLife: num(params, 'toolLife', rng.int(400, 1500)),
    v0: num(params, 'v0', rng.uniform(0.6, 1.2)),
    bufferMs: num(params, 'bufferMin', rng.uniform(30, 120)) * MINUTE,
    cycle: { ...d.cycle, idealCycleMs, mtbfH: mtbfOf(params, d.cycle.mtbfH), mttrMin: num(params, 'mttrMin', d.cycle.mttrMin) },
  };
}

/**
 * A CNC machining centre / lathe / grinder / honing machine (domain.md §2.5.2, §3.4) as a
 * {@link SimDevice}: `telemetry` every 5 s, `telemetry/vibration` every 10 s when the cell has a
 * spindle-vibration channel (param `vib: true`; §4.2: 600 of 1,400), `event` part_done per
 * 20–60 s cycle and tool_change, retained machine `state` on change + 60 s heartbeat.
 * Param `castingsFrom` (a moulding-line slug of the same site) lets a LINE_STOP there starve it.
 */
export function cncDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const path = pathOf(device);
  const rng = Rng.forKey(context.seed, device.key);
  const cycleRng = Rng.forKey(context.seed, `${device.key}#cycle`);
  const from = params['castingsFrom'];
  const supply = typeof from === 'string' ? context.shared(castingSupplyKey(path, from), () => new CastingSupply()) : undefined;
  const model = new CncModel(cncParams(device, params, rng), rng, cycleRng, context.startMs, path.device.toUpperCase(), supply);
  reportOwnFaults(model.cycle, device.key, context);
  const stagger = fnv1a(device.key);
  const { telemetryMs, vibrationMs, eventPollMs } = CNC_PERIODS;
  const streams: DeviceStream[] = [
    { cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger % telemetryMs, emit: (now) => model.telemetry(now, telemetryMs) },
    { cls: 'event', sub: [], qos: 1, periodMs: eventPollMs, firstAfterMs: (stagger >>> 3) % eventPollMs, emit: (now) => model.nextEvent(now) },
  ];
  if (flag(params, 'vib', false)) streams.push({ cls: 'telemetry', sub: ['vibration'], qos: 0, periodMs: vibrationMs, firstAfterMs: (stagger >>> 5) % vibrationMs, emit: (now) => model.vibrationTelemetry(now) });
  return {
    key: device.key,
    type: 'cnc',
    meta: (now) => discreteMeta(device, 'cnc', now, CNC_UNITS),
    streams,
    state: (now) => model.stateValues(now),
    faults: cncFaults(model),
  };
}
