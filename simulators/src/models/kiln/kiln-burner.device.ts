import type { KilnBurnerState } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import type { CommandDecision, CommandOutcome, FaultHandler, SimDevice } from '../sim-device.js';
import { BURNER_DEFAULTS } from './kiln-equipment.params.js';
import { accepted, acceptedApplied, deviceName, eventStream, kilnAssembly, kilnMeta, notRemote, optNumber, rejected, type KilnDeviceContext } from './kiln-device.kit.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

/** Flame detectors are scanned every 2 s (§2.7: on change + summary; NFPA 86 response ≤ 4 s). */
export const KILN_BURNER_POLL_MS = 2_000;

/** Burner index of a device named `b01` … `b40` (0-based), checked against the kiln's burner count. */
export function burnerIndex(name: string, count: number): number {
  const match = /^b(\d{2,3})$/.exec(name);
  const k = match ? Number(match[1]) - 1 : -1;
  if (k < 0 || k >= count) throw new RangeError(`kiln burner device must be named b01…b${String(count).padStart(2, '0')}, got ${name}`);
  return k;
}

/**
 * One firing-zone burner (cell `burners`, device `b01`…`b40`, domain.md §2.1.4, §3.4): retained
 * `state` {flame, sig, valve, mode, relightCnt} that changes only on a real change (flame signal
 * with a 10 % deadband, §2.7 report by exception; the kiln-wide summary is the PLC's `burnersOn`
 * every 2 s), `event` `flame_fail` / `relight`, the `burner-relight` command (after a local
 * permissive of 5–60 s, §3.5) and the BURNER_FLAME_FAIL fault (§2.1.9).
 */
export function kilnBurnerDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = kilnAssembly(device.key, context);
  const k = burnerIndex(deviceName(device.key), model.burners.count);
  const name = model.burners.names[k] ?? '';
  const rng = Rng.forKey(context.seed, device.key);
  const cursor = model.events.cursor();
  let version = -1;
  let state: KilnBurnerState['v'] = {};
  return {
    key: device.key,
    type: 'kiln-burner',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'kiln-burner', { sig: '%' }, { cmds: { 'burner-relight': { permissiveS: [5, 60] } } }) }),
    streams: [
      eventStream(device.key, KILN_BURNER_POLL_MS, (now) => {
        model.advance(now);
        return model.events.next(cursor, name);
      }),
    ],
    state: (nowMs) => {
      model.advance(nowMs);
      const current = model.burners.version[k] ?? 0;
      if (current !== version) {
        version = current;
        const lit = model.burners.isLit(k);
        state = { flame: lit, sig: model.burners.signal(k), valve: lit ? 'open' : 'closed', mode: model.burners.modeOf(k), relightCnt: model.burners.relightCount(k) };
      }
      return state;
    },
    commands: { 'burner-relight': (_request, nowMs) => relight(model, k, nowMs, rng) },
    faults: { BURNER_FLAME_FAIL: flameFailFault(model, k) },
  };
}

/** §2.1.9 burner flame-out on burner k; persistent until cleared unless `transient=1`. */
function flameFailFault(model: TunnelKilnModel, k: number): FaultHandler {
  return {
    description:
      'Burner flame-out: flame signal 0 within 1 s, gas valve closed, camera shows background only, local TC −5–20 °C, zone PID opens the other valves; auto-relight fails while the fault is active (option transient=1: one flame-out, relights succeed 70–90 %)',
    inject: (now, options) => {
      model.advance(now);
      const transient = optNumber(options, 'transient', 0, 0, 1) === 1;
      model.burners.setFaulty(k, !transient);
      model.burners.flameFail(k, now, 'fault', model.rng);
    },
    clear: (now) => {
      model.advance(now);
      model.burners.setFaulty(k, false);
      if (model.burners.modeOf(k) === 'lockout' && model.interlock === 'none') model.burners.schedule(k, now + BURNER_DEFAULTS.purgeMinMs);
    },
  };
}

/** `burner-relight` (§3.5): REMOTE + no interlock, then permissive delay, purge, ignition; applied when the flame is proven. */
function relight(model: TunnelKilnModel, k: number, nowMs: number, rng: Rng): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model);
  if (denied) return denied;
  const zone = model.burners.zoneOf(k);
  if (model.interlock !== 'none' || model.zoneIsTripped(zone)) return rejected('INTERLOCK', `burner held off by the ${model.interlock === 'none' ? 'zone high-high' : model.interlock} interlock`);
  if (model.burners.modeOf(k) === 'manual') return rejected('NOT_REMOTE', 'burner is in local mode');
  if (model.burners.isLit(k)) return acceptedApplied(true, true);
  const permissive = rng.uniform(BURNER_DEFAULTS.permissiveMinMs, BURNER_DEFAULTS.permissiveMaxMs);
  const purge = rng.uniform(BURNER_DEFAULTS.purgeMinMs, BURNER_DEFAULTS.purgeMaxMs);
  model.burners.schedule(k, Math.round(nowMs + permissive + purge));
  return accepted(false, (now): CommandOutcome | undefined => {
    model.advance(now);
    if (model.burners.isLit(k)) return { status: 'applied', value: true, reachedAt: now };
    if (model.interlock !== 'none') return { status: 'failed', code: 'INTERLOCK', message: `tripped by the ${model.interlock} interlock` };
    return model.burners.modeOf(k) === 'lockout' ? { status: 'failed', code: 'TIMEOUT', message: 'flame not proven after the relight attempts' } : undefined;
  });
}
