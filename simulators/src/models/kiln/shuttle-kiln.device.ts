import type { ShuttleKilnState, ShuttleKilnTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { clamp, quantise } from '../../kit/signal.js';
import type { CommandDecision, FaultHandler, SimDevice } from '../sim-device.js';
import { acceptedApplied, eventStream, kilnMeta, optNumber, rejected, stringParam, telemetryStream, type KilnDeviceContext } from './kiln-device.kit.js';
import type { Reading } from './tunnel-kiln.payloads.js';
import { o2FromLambda } from './tunnel-kiln.params.js';
import { SHUTTLE_PROGRAM_NAMES, SHUTTLE_PROGRAMS } from './shuttle-kiln.programs.js';
import { ShuttleKilnModel } from './shuttle-kiln.model.js';

/** Shuttle-kiln telemetry every 5 s, programme events polled every 10 s (domain.md §2.7). */
export const SHUTTLE_KILN_PERIODS = { telemetryMs: 5_000, eventPollMs: 10_000 } as const;

const UNITS = { sp: '°C', pv: '°C', dT: '°C', rateSp: '°C/h', remainMin: 'min', gas: 'Nm³/h', o2: '%vol dry', p: 'Pa' };
/** Full-fire gas of a 5–60 m³ chamber with 8–24 burners [Nm³/h] (§2.2) and type S full scale [°C]. */
const FULL_GAS_NM3H = 120;
const TC_FULL_SCALE_C = 1_768;

/**
 * A shuttle kiln controller (own line such as `sk12`, cell `controller`, device `plc`; domain.md
 * §2.2, §3.4; scenario parameter `program` picks the recipe, default HA2-1480): `telemetry` every 5 s {prog, step, stepName, sp, pv, dT, rateSp, remainMin, gas,
 * o2, p}, `event` on programme start/step/hold/end/abort, retained `state` {mode, prog, door},
 * commands `set-program` (a programme name, when no programme runs) and `hold-mode`, and the
 * §2.2 faults.
 */
export function shuttleKilnDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = new ShuttleKilnModel(Rng.forKey(context.seed, `${device.key}#physics`), context.startMs, stringParam(context, device.key, 'program'));
  const rng = Rng.forKey(context.seed, device.key);
  const cursor = model.events.cursor();
  let state: ShuttleKilnState['v'] | undefined;
  return {
    key: device.key,
    type: 'shuttle-kiln',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'shuttle-kiln', UNITS, { cmds: { 'set-program': { values: SHUTTLE_PROGRAM_NAMES }, 'hold-mode': { type: 'boolean' } } }) }),
    streams: [
      telemetryStream(device.key, [], SHUTTLE_KILN_PERIODS.telemetryMs, (now) => {
        model.advance(now);
        return shuttleReading(model, rng);
      }),
      eventStream(device.key, SHUTTLE_KILN_PERIODS.eventPollMs, (now) => {
        model.advance(now);
        return model.events.next(cursor, 'plc');
      }),
    ],
    state: (nowMs) => {
      model.advance(nowMs);
      const door = model.mode === 'idle' ? 'open' : 'closed';
      if (state?.mode !== model.mode || state.prog !== model.program.name || state.door !== door) state = { mode: model.mode, prog: model.program.name, door };
      return state;
    },
    commands: {
      'set-program': (request, nowMs) => setProgram(model, request.value, nowMs),
      'hold-mode': (request, nowMs) => holdMode(model, request.value, nowMs),
    },
    faults: shuttleFaults(model),
  };
}

/** One telemetry value object: TCs with quality, uniformity, firing, O₂ from the air ratio, chamber pressure. */
export function shuttleReading(model: ShuttleKilnModel, rng: Rng): Reading<ShuttleKilnTelemetry['v']> {
  const open = model.faults.tcOpen;
  const pv = [0, 1, 2, 3].map((k) => (k === open ? TC_FULL_SCALE_C : quantise(model.tcTrue(k) + rng.normal(0, 0.5), 0.1)));
  const good = pv.filter((_, k) => k !== open);
  const firing = model.faults.powerLost ? 0 : model.firing;
  const lambda = firing > 0 ? 1.1 + 0.6 * (1 - firing) : Infinity;
  const idle = model.mode === 'idle' || model.mode === 'aborted';
  const v = {
    prog: model.program.name,
    step: idle ? 0 : Math.min(model.step + 1, model.program.segments.length),
    stepName: model.stepKind,
    sp: quantise(model.setpoint(), 0.1),
    pv,
    dT: quantise(Math.max(...good) - Math.min(...good), 0.1),
    rateSp: model.rateSp(),
    remainMin: model.remainMin(),
    gas: quantise(firing > 0 ? (5 + (FULL_GAS_NM3H - 5) * firing * model.faults.capacity) * (1 + rng.normal(0, 0.005)) : model.faults.powerLost ? 0 : 2, 0.1),
    o2: quantise(clamp(o2FromLambda(lambda) + rng.normal(0, 0.1), 0, 20.9), 0.01),
    p: quantise(5 + 8 * Math.max(0, firing) + rng.normal(0, 0.8), 0.1),
  };
  return open >= 0 ? { v, q: 'uncertain', qv: { [`pv.${open}`]: 'bad' } } : { v, q: 'good' };
}

function setProgram(model: ShuttleKilnModel, value: unknown, nowMs: number): CommandDecision {
  model.advance(nowMs);
  if (model.mode === 'manual') return rejected('NOT_REMOTE', 'kiln is in manual mode');
  if (typeof value !== 'string') return rejected('BAD_REQUEST', 'value must be a programme name');
  const program = SHUTTLE_PROGRAMS[value];
  if (program === undefined) return rejected('OUT_OF_RANGE', `programme must be one of ${SHUTTLE_PROGRAM_NAMES.join(', ')}`);
  if (model.mode === 'auto' || model.mode === 'hold') return rejected('INTERLOCK', `programme ${model.program.name} is running`);
  if (model.faults.powerLost) return rejected('INTERLOCK', 'no power');
  const prev = model.program.name;
  model.start(program, nowMs);
  return acceptedApplied(prev, value);
}

function holdMode(model: ShuttleKilnModel, value: unknown, nowMs: number): CommandDecision {
  model.advance(nowMs);
  if (model.mode === 'manual') return rejected('NOT_REMOTE', 'kiln is in manual mode');
  if (typeof value !== 'boolean') return rejected('BAD_REQUEST', 'value must be true or false');
  if (model.mode !== 'auto' && model.mode !== 'hold') return rejected('INTERLOCK', 'no programme is running');
  const prev = model.mode === 'hold';
  model.setHold(value, nowMs);
  return acceptedApplied(prev, value);
}

/** §2.2 shuttle-kiln faults (plus TC burnout of §2.1.9). */
function shuttleFaults(model: ShuttleKilnModel): Record<string, FaultHandler> {
  const at = (now: number, change: () => void): void => {
    model.advance(now);
    change();
  };
  return {
    RAMP_DEVIATION: {
      description: 'Weak burners: heating capacity falls to capacityPct (default 40 %), PV lags SP > 25 °C for > 30 min → programme hold (auto-extension) until within 10 °C',
      inject: (now, o) => at(now, () => (model.faults.capacity = optNumber(o, 'capacityPct', 40, 1, 100) / 100)),
      clear: (now) => at(now, () => (model.faults.capacity = 1)),
    },
    DOOR_SEAL_LEAK: {
      description: 'Door seal leak: bottom TCs low by deltaC (default 40 °C), ΔT up',
      inject: (now, o) => at(now, () => (model.faults.doorLeakC = optNumber(o, 'deltaC', 40, 0, 200))),
      clear: (now) => at(now, () => (model.faults.doorLeakC = 0)),
    },
    POWER_FAIL: {
      description: 'Power failure: burners and fans off, the running programme is aborted (batch quality hold); the chamber cools naturally',
      inject: (now) =>
        at(now, () => {
          model.faults.powerLost = true;
          model.abort(now);
        }),
      clear: (now) => at(now, () => (model.faults.powerLost = false)),
    },
    OVER_SOAK: {
      description: 'Programme left in hold by the operator: the soak (or ramp) is extended until cleared',
      inject: (now) => at(now, () => model.setHold(true, now)),
      clear: (now) => at(now, () => model.setHold(false, now)),
    },
    TC_OPEN: {
      description: 'Chamber TC open circuit: reads full scale with quality bad, the controller averages the others (option tc 0–3)',
      inject: (now, o) => at(now, () => (model.faults.tcOpen = Math.round(optNumber(o, 'tc', 0, 0, 3)))),
      clear: (now) => at(now, () => (model.faults.tcOpen = -1)),
    },
  };
}
