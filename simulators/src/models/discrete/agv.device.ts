import type { CommandRequest } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import type { CommandDecision, FaultHandler, SimDevice } from '../sim-device.js';
import { AGV_DEFAULTS, AGV_FAULT_MODES, AGV_LOCATIONS, AgvModel, type AgvTask } from './agv.model.js';
import { discreteMeta } from './discrete-meta.js';
import { flag, num, optNum, optOneOf, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';

/** AGV periods (§2.7, §4.2): position telemetry 1 s; the task state is retained, on change. */
export const AGV_PERIODS = { telemetryMs: 1_000 } as const;
/** Units of AGV telemetry (§3.4), for `meta`. */
export const AGV_UNITS: Readonly<Record<string, string>> = { x: 'm', y: 'm', hdg: 'deg', v: 'm/s', soc: '%' };

/** The `from`/`to`/`loadId` of a transport request (see {@link transportArgs}). */
export interface TransportArgs {
  readonly from: string;
  readonly to: string;
  readonly loadId: string;
}

/**
 * Reads `transport` arguments (§3.5: `from`, `to`, `loadId`). The command contract has no such
 * fields yet, so they are accepted either as top-level `from`/`to`/`loadId` (once the contract
 * carries them) or encoded as `target: "FROM>TO"` with `value: "LOAD-ID"`.
 */
export function transportArgs(request: CommandRequest): TransportArgs | undefined {
  const raw = request as CommandRequest & Partial<Record<'from' | 'to' | 'loadId', unknown>>;
  const [tFrom, tTo] = (request.target ?? '').split('>');
  const from = typeof raw.from === 'string' ? raw.from : tFrom;
  const to = typeof raw.to === 'string' ? raw.to : tTo;
  const loadId = typeof raw.loadId === 'string' ? raw.loadId : typeof request.value === 'string' ? request.value : request.cmdId;
  return from !== undefined && from !== '' && to !== undefined && to !== '' ? { from, to, loadId: loadId.slice(0, 32) } : undefined;
}

/**
 * `transport` (§3.5, seed H5): accepted only by an idle AGV with SoC ≥ 20 % and no fault
 * (else rejected INTERLOCK: busy, charging, low battery, fault); UNKNOWN_TARGET for an unknown
 * location, BAD_REQUEST without from/to. Accepted → applied at the drop (value = loadId,
 * `reachedAt`), or failed DRIVE_FAULT when an AGV fault cancels the task.
 */
export function transportHandler(model: AgvModel): (request: CommandRequest, nowMs: number) => CommandDecision {
  let n = 0;
  return (request, nowMs) => {
    model.advance(nowMs);
    const args = transportArgs(request);
    if (args === undefined) return { status: 'rejected', code: 'BAD_REQUEST', message: 'transport needs from and to (target "FROM>TO")' };
    if (AGV_LOCATIONS[args.from] === undefined || AGV_LOCATIONS[args.to] === undefined) return { status: 'rejected', code: 'UNKNOWN_TARGET', message: `unknown location ${args.from} or ${args.to}` };
    const busy = model.busyReason();
    if (busy !== undefined) return { status: 'rejected', code: 'INTERLOCK', message: busy };
    n++;
    const task: AgvTask = { id: `CMD-${n}`, ...args };
    model.assign(nowMs, task);
    return {
      status: 'accepted',
      prev: null,
      progress(now) {
        model.advance(now);
        const outcome = task.outcome;
        if (outcome === undefined) return undefined;
        return outcome.status === 'applied' ? { status: 'applied', value: task.loadId, reachedAt: outcome.at } : { status: 'failed', code: 'DRIVE_FAULT', message: `task ${task.id} cancelled by an AGV fault` };
      },
    };
  };
}

/** `AGV_FAULT` (§2.5.7): obstacle timeout (stops, fault after 30 s), localisation lost (position null), battery < 15 %. Options: mode, soc. */
export function agvFault(model: AgvModel): FaultHandler {
  return {
    description: 'AGV fault: obstacle (stops, fault after a 30 s timeout), localisation lost (position unknown), battery < 15 % — the running task is cancelled → AGV_FAULT (§2.5.7). Options: mode (obstacle), soc (12, battery mode)',
    inject(nowMs, options) {
      model.injectFault(nowMs, optOneOf(options, 'mode', AGV_FAULT_MODES, 'obstacle'), optNum(options, 'soc', 12));
    },
    clear(nowMs) {
      model.clearFault(nowMs);
    },
  };
}

/**
 * An unmanned forklift (domain.md §2.5.2 H5, §4.2) as a {@link SimDevice}: `telemetry` every 1 s,
 * retained `state` {st, task, fault} on change, command `transport`, fault AGV_FAULT. Params:
 * speedMs (≤ 1.5), autoTasks (default true: the fleet manager keeps it busy between commands).
 */
export function agvDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const agvParams = { ...AGV_DEFAULTS, speedMs: Math.min(1.5, num(params, 'speedMs', AGV_DEFAULTS.speedMs)), autoTasks: flag(params, 'autoTasks', AGV_DEFAULTS.autoTasks) };
  const model = new AgvModel(agvParams, Rng.forKey(context.seed, device.key), context.startMs, pathOf(device).device.toUpperCase());
  const period = AGV_PERIODS.telemetryMs;
  return {
    key: device.key,
    type: 'agv',
    meta: (now) => discreteMeta(device, 'agv', now, AGV_UNITS, { transport: { from: 'location', to: 'location', loadId: 'string', encoding: 'target "FROM>TO", value loadId', minSoc: agvParams.minSoc, locations: Object.keys(AGV_LOCATIONS) } }),
    streams: [{ cls: 'telemetry', sub: [], qos: 0, periodMs: period, firstAfterMs: fnv1a(device.key) % period, emit: (now) => model.telemetry(now) }],
    state: (now) => model.stateValues(now),
    commands: { transport: transportHandler(model) },
    faults: { AGV_FAULT: agvFault(model) },
  };
}
