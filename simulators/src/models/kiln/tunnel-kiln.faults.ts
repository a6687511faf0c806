import { interpolate } from '../../kit/signal.js';
import type { FaultHandler } from '../sim-device.js';
import { optChoice, optNumber } from './kiln-device.kit.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Faults of domain.md §2.1.9 that belong to the kiln controller (its TCs, zone valves, analyzers,
 * the kiln structure and its power). Each handler first advances the shared model to the
 * injection time, then changes the physical cause; the signature follows from the model.
 */
export function tunnelKilnFaults(model: TunnelKilnModel): Record<string, FaultHandler> {
  return { ...thermocoupleFaults(model), ...processFaults(model), ...instrumentAndSiteFaults(model) };
}

/** TC_OPEN and TC_DRIFT on TC `tc` (default: zone 3's control TC). */
function thermocoupleFaults(model: TunnelKilnModel): Record<string, FaultHandler> {
  const tcCount = model.params.tcPosM.length;
  const defaultTc = model.zoneTc[2] ?? 0;
  return {
    TC_OPEN: {
      description: 'Thermocouple open circuit: step to full scale (upscale) or zero (downscale), quality bad; protected zone loops fall back to a neighbour TC (options tc, mode=upscale|downscale, unprotected=0|1)',
      inject: (now, options) => {
        model.advance(now);
        const k = optNumber(options, 'tc', defaultTc, 0, tcCount - 1);
        const downscale = optChoice(options, 'mode', ['upscale', 'downscale']) === 'downscale';
        model.sensors.tcFault[Math.round(k)] = { kind: 'open', downscale, unprotected: optNumber(options, 'unprotected', 0, 0, 1) === 1 };
      },
      clear: (now) => clearTcFaults(model, now, 'open'),
    },
    TC_DRIFT: {
      description: 'Thermocouple drift: bias ramp (default 3 °C/day; ratePerDay or ratePerHour, signed), noise ×3; the loop makes the real temperature drift the other way (options tc, ratePerDay, ratePerHour or ratePerH)',
      inject: (now, options) => {
        model.advance(now);
        const k = optNumber(options, 'tc', defaultTc, 0, tcCount - 1);
        const perHour = optNumber(options, 'ratePerHour', optNumber(options, 'ratePerH', NaN, -500, 500), -500, 500);
        const cPerMs = Number.isNaN(perHour) ? optNumber(options, 'ratePerDay', 3, -500, 500) / DAY_MS : perHour / HOUR_MS;
        model.sensors.tcFault[Math.round(k)] = { kind: 'drift', startMs: now, cPerMs };
      },
      clear: (now) => clearTcFaults(model, now, 'drift'),
    },
  };
}

/** OVER_TEMP (stuck valve), ZERO_POINT_DRIFT and SHELL_HOT: causes in the process and the structure. */
function processFaults(model: TunnelKilnModel): Record<string, FaultHandler> {
  return {
    OVER_TEMP: {
      description: 'Zone gas valve stuck open: valve 100 %, zone T rises 1–5 °C/min, high-high trip of the zone burners at SP + 50 °C (option zone 1–8)',
      inject: (now, options) => {
        model.advance(now);
        model.faults.stuckZone = Math.round(optNumber(options, 'zone', 3, 1, model.zones.zones)) - 1;
      },
      clear: (now) => {
        model.advance(now);
        model.faults.stuckZone = -1;
      },
    },
    ZERO_POINT_DRIFT: {
      description: 'Zero-pressure point drift / pressure imbalance: under-car T and top-bottom ΔT rise, entry O₂ rises (option shiftM, negative = toward the entrance, default −9)',
      inject: (now, options) => {
        model.advance(now);
        model.faults.zeroPointPa = zeroPointOffsetPa(model, optNumber(options, 'shiftM', -9, -40, 40));
      },
      clear: (now) => {
        model.advance(now);
        model.faults.zeroPointPa = 0;
      },
    },
    SHELL_HOT: {
      description: 'Refractory hot spot: shell temperature +50–150 °C around one position (options posM, deltaC)',
      inject: (now, options) => {
        model.advance(now);
        model.sensors.shellHot = { posM: optNumber(options, 'posM', 60, 0, model.params.lengthM), deltaC: optNumber(options, 'deltaC', 100, 0, 300) };
      },
      clear: (now) => {
        model.advance(now);
        model.sensors.shellHot = undefined;
      },
    },
  };
}

/** ANALYZER_FAULT and the site-wide POWER_FAIL. */
function instrumentAndSiteFaults(model: TunnelKilnModel): Record<string, FaultHandler> {
  return {
    ANALYZER_FAULT: {
      description: 'O₂ analyzer failure: reading frozen, or stuck at 20.9 %, while the combustion changes (options analyzer 0=preheat 1=firing 2=flue, mode=stuck|frozen)',
      inject: (now, options) => {
        model.advance(now);
        const k = Math.round(optNumber(options, 'analyzer', 1, 0, 2));
        const mode = optChoice(options, 'mode', ['stuck', 'frozen']);
        model.sensors.analyzerFault[k] = mode === 'stuck' ? { mode } : { mode, value: Math.round(model.sensors.o2Value(k) * 100) / 100 };
      },
      clear: (now) => {
        model.advance(now);
        model.sensors.analyzerFault.fill(undefined);
      },
    },
    POWER_FAIL: {
      description: 'Site power outage: all fans and drives stop, burners trip, pusher stops; the exhaust may restart on diesel after 10–30 s (option dieselS, default 20, −1 = none); clear = staged restart',
      inject: (now, options) => {
        const dieselS = optNumber(options, 'dieselS', 20, -1, 600);
        model.powerFail(now, dieselS < 0 ? undefined : dieselS * 1000);
      },
      clear: (now) => model.powerRestore(now),
    },
  };
}

function clearTcFaults(model: TunnelKilnModel, nowMs: number, kind: 'open' | 'drift'): void {
  model.advance(nowMs);
  const faults = model.sensors.tcFault;
  for (let k = 0; k < faults.length; k++) if (faults[k]?.kind === kind) faults[k] = undefined;
}

/**
 * Pressure offset [Pa] that moves the zero point by `shiftM` (§2.1.5): the profile's slope on the
 * side the zero point moves to. Toward the entrance the firing zone becomes strongly positive (hot
 * gas under the cars); toward cooling it goes negative (cold-air ingress).
 */
export function zeroPointOffsetPa(model: TunnelKilnModel, shiftM: number): number {
  const knots = model.params.pressureKnots;
  let zeroX = 0;
  for (let i = 1; i < knots.length; i++) {
    const [xa, pa] = knots[i - 1] ?? [0, 0];
    const [xb, pb] = knots[i] ?? [0, 0];
    if (pa < 0 && pb >= 0) {
      zeroX = xa + ((xb - xa) * -pa) / (pb - pa);
      break;
    }
  }
  const dx = 0.05;
  const base = (x: number): number => interpolate(knots, x);
  const slopePerM = shiftM < 0 ? (base(zeroX) - base(zeroX - dx)) / (dx * model.params.lengthM) : (base(zeroX + dx) - base(zeroX)) / (dx * model.params.lengthM);
  return -slopePerM * shiftM;
}
