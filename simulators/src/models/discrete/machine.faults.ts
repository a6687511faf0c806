import type { ModelFaultLog } from '../../faults/ground-truth.js';
import type { FaultHandler } from '../sim-device.js';
import { optNum } from './discrete-params.js';
import type { MachineCycle } from './machine-cycle.js';

const MINUTE = 60_000;

/**
 * `MACHINE_FAULT` (domain.md §2.5.7): state DOWN (reason fault) for an MTTR-distributed time,
 * with an alarm code. Options: `mttrMin` (default: the machine's MTTR; 0 = until cleared),
 * `code` (default `MACHINE_FAULT`). `sync` brings the owner's model to `nowMs` first.
 */
export function machineFault(cycle: MachineCycle, sync: (nowMs: number) => void = (now) => cycle.advance(now)): FaultHandler {
  let injected = 'MACHINE_FAULT';
  return {
    description: 'Machine fault: state DOWN (fault) for an MTTR-distributed time, alarm MACHINE_FAULT (§2.5.7)',
    inject(nowMs, options) {
      sync(nowMs);
      const mttrMin = optNum(options, 'mttrMin', cycle.params.mttrMin);
      injected = typeof options?.['code'] === 'string' ? options['code'].slice(0, 32) : 'MACHINE_FAULT';
      cycle.forceStop(nowMs, 'DOWN', 'fault', injected, mttrMin > 0 ? mttrMin * MINUTE : Infinity);
    },
    clear(nowMs) {
      sync(nowMs);
      cycle.resume(nowMs, 'fault', injected);
    },
  };
}

/**
 * `MICRO_STOPS` (§2.5.7): more short idles (< 2 min) folded into cycle times — counted in the
 * state's `micro` counter and lost as Performance, no alarm. Option `factor` (default 8) multiplies
 * the machine's micro-stop rate.
 */
export function microStops(cycle: MachineCycle, sync: (nowMs: number) => void = (now) => cycle.advance(now)): FaultHandler {
  return {
    description: 'Micro-stops: short idles (< 2 min) raising performance loss, counted, no alarm (§2.5.7)',
    inject(nowMs, options) {
      sync(nowMs);
      cycle.microFactor = Math.max(0, optNum(options, 'factor', 8));
    },
    clear(nowMs) {
      sync(nowMs);
      cycle.microFactor = 1;
    },
  };
}

/**
 * Reports a machine's own random fault stops (by its MTBF, not injected) to the simulation's
 * ground truth, so an alarm on them scores as a detection, not a false alarm.
 */
export function reportOwnFaults(cycle: MachineCycle, deviceKey: string, context: { readonly modelFaults?: ModelFaultLog }): void {
  const log = context.modelFaults;
  if (log === undefined) return;
  let handle: number | undefined;
  cycle.onOwnFault = (phase, code, atMs) => {
    if (phase === 'begin') handle = log.begin(deviceKey, code, atMs);
    else if (handle !== undefined) {
      log.end(handle, atMs);
      handle = undefined;
    }
  };
}
