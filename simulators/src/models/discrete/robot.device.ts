import type { RobotTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { lag, quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { DeviceStream, FaultHandler, SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { flag, mtbfOf, num, optNum, optOneOf, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { attachStation, lineOf } from './line-station.js';
import { MACHINE_CYCLE_DEFAULTS, MachineCycle, type PartCounters } from './machine-cycle.js';
import { microStops } from './machine.faults.js';
import { StateSnapshot, type MachineStateValues, type StatusSource } from './machine-state.js';

/** Robot periods (§4.2: 5 s); in an assembly line also per-part events, polled every half takt (≤ 4 s). */
export const ROBOT_PERIODS = { telemetryMs: 5_000 } as const;
/** Units of robot telemetry, for `meta`. */
export const ROBOT_UNITS: Readonly<Record<string, string>> = { cycleS: 's', i: 'A', tMotor: '°C', speedPct: '%', payloadKg: 'kg' };
/** Causes of a robot stop (§2.5.3 gripper faults; protective stops). */
export const ROBOT_STOP_CAUSES = ['gripper', 'collision', 'estop', 'overload'] as const;

const MINUTE = 60_000;

/** What a robot runs on: its own cycle (machine tending) or a station slot on an assembly line. */
export interface RobotHost {
  readonly status: StatusSource;
  readonly counters: PartCounters;
  readonly cycle: MachineCycle;
  advance(nowMs: number): void;
  stop(nowMs: number, code: string, durationMs: number): void;
  /** Part events of a line slot, and their poll period. */
  readonly events?: { readonly pollMs: number; next(nowMs: number): object | undefined };
}

/** Standalone robot (machine tending, §4.2): its own cycle of 20–40 s, no part events. */
function ownCycle(device: PlantDevice, context: DeviceContext, params: DiscreteParams, rng: Rng): RobotHost {
  const cycleS = num(params, 'cycleS', rng.uniform(20, 40));
  const cycle = new MachineCycle({ ...MACHINE_CYCLE_DEFAULTS, idealCycleMs: Math.round(cycleS * 1000), mtbfH: mtbfOf(params, 40) }, Rng.forKey(context.seed, `${device.key}#cycle`), context.startMs, () => true);
  return { status: cycle, counters: cycle.counters, cycle, advance: (now) => cycle.advance(now), stop: (now, code, ms) => cycle.forceStop(now, 'DOWN', 'fault', code, ms) };
}

/** Load/unload robot of an assembly line (§2.5.3: 2 per Jingwei line): per-part events; never rejects. */
function lineSlot(device: PlantDevice, context: DeviceContext, params: DiscreteParams): RobotHost {
  const unloads = lineOf(device, context, params).nextOf('robot') === 1; // load first, unload last
  const station = attachStation(device, context, params, () => ({ ok: true, values: {} }), unloads && params['pos'] === undefined);
  return {
    status: station.status, counters: station.counters, cycle: station.line.cycle,
    advance: (now) => station.line.advance(now),
    stop: (now, code, ms) => station.line.stopFor(station.pos, now, code, ms),
    events: { pollMs: station.pollMs, next: (now) => station.nextEvent(now) },
  };
}

/** A robot's own signals on top of its host: program, joint motor temperature, current, gripper, error. */
export class RobotModel {
  err: string | null = null;
  private tMotor = 40;
  private lastMs: number;
  private readonly payloadKg: number;
  private readonly prog: string;
  private readonly seq = new SequenceCounter();
  private readonly snapshot = new StateSnapshot();

  constructor(
    readonly host: RobotHost,
    private readonly rng: Rng,
    startMs: number,
  ) {
    this.lastMs = startMs;
    this.payloadKg = quantise(rng.uniform(3, 20), 0.1);
    this.prog = `P${String(rng.int(1, 40)).padStart(3, '0')}`;
  }

  /** `telemetry` (5 s). */
  telemetry(nowMs: number): { ts: number; seq: number; q: 'good'; v: RobotTelemetry['v'] } {
    const { host, rng } = this;
    host.advance(nowMs);
    const running = host.status.status === 'RUNNING';
    this.tMotor = lag(this.tMotor, running ? 55 : 35, nowMs - this.lastMs, 40 * MINUTE);
    this.lastMs = nowMs;
    const stopped = host.status.status === 'DOWN' && host.status.code === 'ROBOT_STOP';
    return {
      ts: nowMs, seq: this.seq.next(), q: 'good',
      v: {
        prog: this.prog, cycleS: running ? quantise(host.cycle.lastCycleMs / 1000, 0.1) : null, cycles: host.counters.total,
        i: quantise(running ? rng.normal(9, 0.8) : 1.2, 0.1), tMotor: quantise(this.tMotor + 0.2 * rng.normal(), 0.1), speedPct: running ? 100 : 0,
        payloadKg: this.payloadKg, grip: stopped && this.err === 'gripper' ? false : running, err: stopped ? this.err : null,
      },
    };
  }

  stateValues(nowMs: number): MachineStateValues {
    this.host.advance(nowMs);
    return this.snapshot.get(nowMs, this.host.status, this.host.counters, this.host.cycle.params.idealCycleMs);
  }
}

/**
 * An industrial robot (domain.md §2.5.3, §4.2) as a {@link SimDevice}: `telemetry` every 5 s
 * (program, cycle, axis current, hottest joint motor, gripper), retained machine `state`; in an
 * `assembly` area (or with param `inLine: true`) it is a station of that line and also publishes
 * part_done events. Params: inLine, cycleS (standalone), pos (in line). Faults ROBOT_STOP, MICRO_STOPS.
 */
export function robotDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const host = flag(params, 'inLine', pathOf(device).area === 'assembly') ? lineSlot(device, context, params) : ownCycle(device, context, params, rng);
  const robot = new RobotModel(host, rng, context.startMs);
  const stagger = fnv1a(device.key);
  const { telemetryMs } = ROBOT_PERIODS;
  const streams: DeviceStream[] = [{ cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger % telemetryMs, emit: (now) => robot.telemetry(now) }];
  const events = host.events;
  if (events !== undefined) streams.push({ cls: 'event', sub: [], qos: 1, periodMs: events.pollMs, firstAfterMs: (stagger >>> 3) % events.pollMs, emit: (now) => events.next(now) });
  return {
    key: device.key,
    type: 'robot',
    meta: (now) => discreteMeta(device, 'robot', now, ROBOT_UNITS),
    streams,
    state: (now) => robot.stateValues(now),
    faults: { ROBOT_STOP: robotStop(robot), MICRO_STOPS: microStops(host.cycle, (now) => host.advance(now)) },
  };
}

/** `ROBOT_STOP`: protective stop, state DOWN with code ROBOT_STOP and the cause in `err`. Options: cause, downMin (10; 0 = until cleared). */
function robotStop(robot: RobotModel): FaultHandler {
  const host = robot.host;
  return {
    description: 'Robot stop: protective stop (gripper fault, collision, e-stop, overload), state DOWN → ROBOT_STOP; in a line the line stops (§2.5.3, §2.5.7). Options: cause (gripper), downMin (10)',
    inject(nowMs, options) {
      host.advance(nowMs);
      robot.err = optOneOf(options, 'cause', ROBOT_STOP_CAUSES, 'gripper');
      const downMin = optNum(options, 'downMin', 10);
      host.stop(nowMs, 'ROBOT_STOP', downMin > 0 ? downMin * MINUTE : Infinity);
    },
    clear(nowMs) {
      host.advance(nowMs);
      host.cycle.resume(nowMs, 'fault', 'ROBOT_STOP');
    },
  };
}
