import { STATION_ROLES, type StationRole } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { kindFromSlugs, oneOf, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { attachStation, lineOf } from './line-station.js';
import { microStops } from './machine.faults.js';
import { stationRole } from './station-roles.js';

/** Station publish periods (§4.2, §4.4): telemetry 5 s; part events polled every half takt, at most 4 s. */
export const STATION_PERIODS = { telemetryMs: 5_000 } as const;

/** Units of station telemetry and part events, for `meta`. */
export const STATION_UNITS: Readonly<Record<string, string>> = {
  cycleS: 's', torqueNm: 'N·m', angleDeg: 'deg', doseG: 'g', tWash: '°C', pBar: 'bar', condUs: 'µS/cm', flowLmin: 'L/min',
  score: '1', okPct: '%', heightUm: 'µm', runoutUm: 'µm', concUm: 'µm', meanUm: 'µm', laserPct: '%', readOkPct: '%',
  rpm: 'min⁻¹', vib: 'mm/s', tBrg: '°C', critRpm: 'min⁻¹', vibPeak: 'mm/s', vibTop: 'mm/s',
};

const ROLE_SLUGS: readonly (readonly [StationRole, readonly string[]])[] = [
  ['washing', ['wash']], ['gauge', ['gauge', 'meas', 'check']], ['inspection', ['insp', 'vision']],
  ['marking', ['mark', 'pack', 'laser']], ['run-in', ['run-in', 'runin', 'test', 'vib']], ['assembly', ['screw', 'clip', 'grease', 'fasten', 'asm']],
];

/** The 7 stations of a Jingwei line besides robots and presses, in line order (§4.4). */
const JINGWEI_ROLES: readonly StationRole[] = ['assembly', 'assembly', 'gauge', 'gauge', 'gauge', 'run-in', 'marking'];

/**
 * The station role: param `role`, else from the cell/device slug (`gauge-1`, `wash`, `run-in` …),
 * else on a Jingwei line the §4.4 sequence by the station's order among the line's stations
 * (`nth`), else `assembly`.
 */
export function stationRoleOf(device: PlantDevice, params: DiscreteParams, nth = 0): StationRole {
  const path = pathOf(device);
  const fallback = path.enterprise === 'jingwei' ? (JINGWEI_ROLES[nth] ?? 'assembly') : 'assembly';
  return oneOf(params, 'role', STATION_ROLES, kindFromSlugs(path, ROLE_SLUGS, fallback));
}

/**
 * An assembly-line station — assembly (screw/clip/greasing), washing, inspection, gauge, marking or
 * run-in (domain.md §2.5.3, §4.2, §4.4) — as a {@link SimDevice}: `telemetry` every 5 s,
 * `event` part_done per part at the line's takt, retained machine `state`. Stations sharing
 * `enterprise/site/area/line` share one {@link AssemblyLine} (params `pos`, `taktS` …).
 */
export function assemblyStationDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const role = stationRoleOf(device, params, lineOf(device, context, params).nextOf('assembly-station'));
  const roleModel = stationRole(role, rng, Rng.forKey(context.seed, `${device.key}#work`));
  const station = attachStation(device, context, params, roleModel.work);
  const line = station.line;
  const seq = new SequenceCounter();
  const stagger = fnv1a(device.key);
  const { telemetryMs } = STATION_PERIODS;
  const eventPollMs = station.pollMs;
  const telemetry = (now: number): object => {
    line.advance(now);
    const cycleS = Math.round(line.cycle.lastCycleMs / 100) / 10;
    return { ts: now, seq: seq.next(), q: 'good', v: roleModel.telemetry(now, station.running, cycleS) };
  };
  return {
    key: device.key,
    type: 'assembly-station',
    meta: (now) => discreteMeta(device, 'assembly-station', now, STATION_UNITS),
    streams: [
      { cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger % telemetryMs, emit: telemetry },
      { cls: 'event', sub: [], qos: 1, periodMs: eventPollMs, firstAfterMs: (stagger >>> 3) % eventPollMs, emit: (now) => station.nextEvent(now) },
    ],
    state: (now) => station.stateValues(now),
    faults: { MACHINE_FAULT: station.machineFault(), MICRO_STOPS: microStops(line.cycle, (now) => line.advance(now)), ...roleModel.faults },
  };
}
