import { EQUIPMENT_KINDS, type EquipmentTelemetry, type MachineStatus } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { kindFromSlugs, mtbfOf, num, oneOf, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { RunStatus, runStatusFault } from './run-status.js';

/** A kind of light plant equipment. */
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

/** Units of equipment telemetry, for `meta`. */
export const EQUIPMENT_UNITS: Readonly<Record<string, string>> = { kw: 'kW', kwh: 'kWh', hrs: 'h', dpPa: 'Pa', tC: '°C', tph: 't/h' };
/** Rated power by kind [kW] (refractory presses, mixers, crushers, dryers, dust collectors … [E]). */
const RATED_KW: Readonly<Record<EquipmentKind, number>> = { press: 90, mixer: 45, crusher: 75, dryer: 120, 'dust-collector': 55, conveyor: 11, compressor: 75, other: 15 };
const KIND_SLUGS: readonly (readonly [EquipmentKind, readonly string[]])[] = [
  ['dust-collector', ['dust', 'bag', 'filter']], ['press', ['press']], ['mixer', ['mix']], ['crusher', ['crush', 'mill']], ['dryer', ['dry']],
  ['conveyor', ['conv', 'belt']], ['compressor', ['comp']],
];

/**
 * Publish period: param `periodS`, else 10 s at Huaxiang (§4.2 conveyors & misc.) and 30 s
 * elsewhere (§4.1 Yangquan "other equipment": state + power every 30 s).
 */
export function equipmentPeriodMs(device: PlantDevice, params: DiscreteParams): number {
  return Math.round(num(params, 'periodS', pathOf(device).enterprise === 'huaxiang' ? 10 : 30) * 1000);
}

/** The equipment kind: param `kind`, else from the slugs (`press-04`, `bag-filter-1`, `belt-7` …), else other. */
export function equipmentKindOf(device: PlantDevice, params: DiscreteParams): EquipmentKind {
  return oneOf(params, 'kind', EQUIPMENT_KINDS, kindFromSlugs(pathOf(device), KIND_SLUGS, 'other'));
}

/**
 * Generic lightweight plant equipment (domain.md §4.1, §4.2) as a {@link SimDevice}: one
 * `telemetry` every 10 s or 30 s with state, power, energy and run hours (+ ΔP, temperature or
 * throughput by kind). Batch work alternates RUNNING/IDLE; faults (MTBF 40 h) put it DOWN.
 * Params: kind, periodS, ratedKw, mtbfH, mttrMin. Fault MACHINE_FAULT.
 */
export function equipmentDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const kind = equipmentKindOf(device, params);
  const rng = Rng.forKey(context.seed, device.key);
  const periodMs = equipmentPeriodMs(device, params);
  const ratedKw = num(params, 'ratedKw', RATED_KW[kind] * rng.uniform(0.7, 1.3));
  const status = new RunStatus(Rng.forKey(context.seed, `${device.key}#status`), context.startMs, mtbfOf(params, 40), num(params, 'mttrMin', 30));
  // Continuous duty for collectors and conveyors; batch work (run ≈ 50 min, idle ≈ 15 min) for the rest.
  const continuous = kind === 'dust-collector' || kind === 'conveyor' || kind === 'dryer';
  const acc = { kwh: rng.uniform(1e4, 1e6), hrs: rng.uniform(1e3, 3e4), busy: true, toggleAt: context.startMs + rng.uniform(0, 50) * 60_000, lastMs: context.startMs };
  const seq = new SequenceCounter();
  const emit = (now: number): { ts: number; seq: number; q: 'good'; v: EquipmentTelemetry['v'] } => {
    status.advance(now);
    for (; !continuous && acc.toggleAt <= now; acc.toggleAt += rng.uniform(0.5, 1.5) * (acc.busy ? 15 : 50) * 60_000) acc.busy = !acc.busy;
    const st: MachineStatus = !status.running ? 'DOWN' : acc.busy || continuous ? 'RUNNING' : 'IDLE';
    const kw = st === 'RUNNING' ? ratedKw * (0.75 + 0.08 * rng.normal()) : st === 'IDLE' ? ratedKw * 0.08 : 0;
    const hours = (now - acc.lastMs) / 3_600_000;
    acc.kwh += Math.max(0, kw) * hours;
    if (st === 'RUNNING') acc.hrs += hours;
    acc.lastMs = now;
    const run = st === 'RUNNING';
    const extra = kind === 'dust-collector' ? { dpPa: run ? quantise(rng.normal(1_200, 30), 1) : 0 } : kind === 'dryer' ? { tC: quantise(run ? rng.normal(180, 2) : 60, 0.1) } : kind === 'crusher' || kind === 'conveyor' ? { tph: run ? quantise(rng.normal(25, 1), 0.1) : 0 } : {};
    return { ts: now, seq: seq.next(), q: 'good', v: { kind, st, kw: quantise(Math.max(0, kw), 0.1), kwh: quantise(acc.kwh, 0.1), hrs: quantise(acc.hrs, 0.01), ...extra } };
  };
  return {
    key: device.key,
    type: 'equipment',
    meta: (now) => discreteMeta(device, 'equipment', now, EQUIPMENT_UNITS),
    streams: [{ cls: 'telemetry', sub: [], qos: 0, periodMs, firstAfterMs: fnv1a(device.key) % periodMs, emit }],
    faults: { MACHINE_FAULT: runStatusFault(status, 'MACHINE_FAULT', 'Equipment fault: state DOWN, power 0 for an MTTR-distributed time → MACHINE_FAULT (§2.5.7). Options: durationMin (30; 0 = until cleared), code', 30) },
  };
}
