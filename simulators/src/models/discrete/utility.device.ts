import type { UtilityTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { kindByHash, kindFromSlugs, mtbfOf, num, oneOf, optNum, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { RunStatus, runStatusFault } from './run-status.js';
import { VibrationChannel } from './vibration.js';

/** Utility kinds (§4.2). */
export const UTILITY_KINDS = ['compressor', 'chiller', 'heat-treat'] as const;
/** A utility kind. */
export type UtilityKind = (typeof UTILITY_KINDS)[number];

/** Utility period (§4.2: 80 units at 10 s ≈ 8 msg/s). */
export const UTILITY_PERIOD_MS = 10_000;
/** Units of utility telemetry, for `meta`. */
export const UTILITY_UNITS: Readonly<Record<string, string>> = { kw: 'kW', pBar: 'bar', flowM3min: 'm³/min', tDis: '°C', vib: 'mm/s', tSup: '°C', tRet: '°C', flowM3h: 'm³/h', cop: '1', tZone: '°C', sp: '°C', cp: '%C' };

const KIND_SLUGS: readonly (readonly [UtilityKind, readonly string[]])[] = [['chiller', ['chill', 'cool']], ['heat-treat', ['heat', 'ht-', 'temper', 'anneal', 'quench', 'furn']], ['compressor', ['comp', 'air']]];

/** The utility kind: param `kind`, else from the slugs (`chiller-2`, `ht-1`, `aircomp-3`), else spread 2:1:1 by key hash. */
export function utilityKindOf(device: PlantDevice, params: DiscreteParams): UtilityKind {
  const unlabelled = kindByHash(device.key, [['compressor', 2], ['chiller', 1], ['heat-treat', 1]], fnv1a);
  return oneOf(params, 'kind', UTILITY_KINDS, kindFromSlugs(pathOf(device), KIND_SLUGS, unlabelled), { 'air-compressor': 'compressor', 'heat-treatment': 'heat-treat' });
}

/** Values of one kind while running (`on`) or stopped; `vib` from the motor's vibration channel. */
function values(kind: UtilityKind, on: boolean, rng: Rng, ratedKw: number, vib: number, nowMs: number): UtilityTelemetry['v'] {
  const n = (mean: number, sd: number, step: number): number => quantise(rng.normal(mean, sd), step);
  switch (kind) {
    case 'compressor': {
      // Load/unload control: pressure saws between 6.5 and 7.5 bar, full power only while loading.
      const phase = (nowMs / 90_000) % 1;
      const loading = on && phase < 0.7;
      return { kind, run: on, kw: on ? n(loading ? ratedKw : 0.3 * ratedKw, 0.01 * ratedKw, 0.1) : 0, pBar: n(on ? 6.5 + (loading ? phase / 0.7 : 1 - (phase - 0.7) / 0.3) : 5.5, 0.02, 0.01), flowM3min: on && loading ? n(ratedKw / 6.5, 0.2, 0.1) : 0, tDis: n(on ? 88 : 40, 1, 0.1), vib: quantise(vib, 0.01) };
    }
    case 'chiller':
      return { kind, run: on, kw: on ? n(ratedKw, 0.03 * ratedKw, 0.1) : 0, tSup: n(on ? 7 : 14, 0.15, 0.1), tRet: n(on ? 12 : 14, 0.2, 0.1), flowM3h: on ? n(120, 1.5, 0.1) : 0, cop: on ? n(4.8, 0.1, 0.01) : null, vib: quantise(vib, 0.01) };
    case 'heat-treat':
      return { kind, run: on, kw: on ? n(ratedKw, 0.05 * ratedKw, 0.1) : 0, tZone: [0, 1, 2, 3].map((i) => n(on ? 860 - 5 * i : 200, 2, 0.1)), sp: on ? 860 : 200, cp: on ? n(0.8, 0.02, 0.01) : null, vib: quantise(vib, 0.01) };
  }
}

/** `BEARING_WEAR` and `UNBALANCE` of the utility's motor (§2.5.6, group 2: fans, pumps, compressors). */
function vibrationFaults(vibration: VibrationChannel): Record<string, FaultHandler> {
  return {
    BEARING_WEAR: {
      description: 'Motor bearing wear: HF first, then velocity RMS v0·exp(t/τ) into ISO zones C/D → VIB_ZONE_C/D (§2.5.6). Option: tauH (72)',
      inject: (nowMs, options) => vibration.startBearingWear(nowMs, optNum(options, 'tauH', 72) * 3_600_000),
      clear: () => vibration.stopBearingWear(),
    },
    UNBALANCE: {
      description: 'Unbalance: 1×-rpm component raises the velocity RMS (§2.5.6). Option: addMmS (3)',
      inject: (_nowMs, options) => void (vibration.unbalanceMmS = Math.max(0, optNum(options, 'addMmS', 3))),
      clear: () => void (vibration.unbalanceMmS = 0),
    },
  };
}

/**
 * A utility (domain.md §4.2: air compressor, chiller, heat-treatment furnace) as a
 * {@link SimDevice}: `telemetry` every 10 s including the motor's vibration [mm/s]. Params:
 * kind, ratedKw, mtbfH, mttrMin. Faults: BEARING_WEAR, UNBALANCE, MACHINE_FAULT.
 */
export function utilityDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const kind = utilityKindOf(device, params);
  const rng = Rng.forKey(context.seed, device.key);
  const ratedKw = num(params, 'ratedKw', kind === 'compressor' ? rng.uniform(55, 132) : kind === 'chiller' ? rng.uniform(80, 160) : rng.uniform(150, 300));
  const status = new RunStatus(Rng.forKey(context.seed, `${device.key}#status`), context.startMs, mtbfOf(params, 60), num(params, 'mttrMin', 30));
  const vibration = new VibrationChannel(rng.uniform(1.2, 2.2));
  const seq = new SequenceCounter();
  const emit = (now: number): object => {
    status.advance(now);
    const vib = status.running ? vibration.rms(now) * (1 + 0.04 * rng.normal()) : 0.05;
    return { ts: now, seq: seq.next(), q: 'good', v: values(kind, status.running, rng, ratedKw, vib, now) };
  };
  return {
    key: device.key,
    type: 'utility',
    meta: (now) => discreteMeta(device, 'utility', now, UTILITY_UNITS),
    streams: [{ cls: 'telemetry', sub: [], qos: 0, periodMs: UTILITY_PERIOD_MS, firstAfterMs: fnv1a(device.key) % UTILITY_PERIOD_MS, emit }],
    faults: { ...vibrationFaults(vibration), MACHINE_FAULT: runStatusFault(status, 'MACHINE_FAULT', 'Utility trip: stopped for an MTTR-distributed time → MACHINE_FAULT (§2.5.7). Options: durationMin (30; 0 = until cleared), code', 30) },
  };
}
