import type { GasSkidTelemetry, Quality, TunnelKilnCombustion, TunnelKilnProfile } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { quantise } from '../../kit/signal.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

/** Values and per-value quality of one message (envelope `v`, `q`, `qv`, domain.md §3.3). */
export interface Reading<V> {
  readonly v: V;
  readonly q: Quality;
  readonly qv?: Record<string, Quality>;
}

/**
 * `telemetry/profile` values (§3.4) read from the shared model with the reader's own noise
 * stream: TCs (a burnt-out TC reads full scale and is flagged `qv: {"t.N": "bad"}`, §2.1.9),
 * pressures with the door-open spike, O₂, CO, the zero point, working setpoints, shell scan,
 * top-to-bottom ΔT and the exit ware temperature.
 */
export function profileReading(model: TunnelKilnModel, nowMs: number, rng: Rng): Reading<TunnelKilnProfile['v']> {
  const { params, sensors, thermal } = model;
  let qv: Record<string, Quality> | undefined;
  const t = params.tcPosM.map((_, k) => {
    const reading = sensors.tcReading(k, nowMs, rng);
    if (reading.bad) (qv ??= {})[`t.${k}`] = 'bad';
    return reading.value;
  });
  const p = params.pPosM.map((m, i) => sensors.pressureReading(i, rng, thermal.doorSpike(m, nowMs)));
  const v = {
    t,
    tCar: params.tCarPosM.map((_, i) => sensors.underCarReading(i, rng)),
    p,
    pCar: params.pCarPosM.map((_, i) => sensors.pCarReading(i, rng)),
    o2: [0, 1, 2].map((k) => sensors.o2Reading(k, rng)),
    co: sensors.coReading(rng),
    zeroPointM: zeroCrossingM(params.pPosM, p),
    sp: Array.from(model.zones.sp, (sp) => quantise(sp, 0.1)),
    tShell: params.shellPosM.map((_, i) => sensors.shellReading(i, rng)),
    dTtb: quantise(sensors.dTtbReading(rng), 0.1),
    tWareExit: quantise(thermal.exitWareC(model.pushIntervalMs), 0.1),
  };
  return qv === undefined ? { v, q: 'good' } : { v, q: 'uncertain', qv };
}

/** `telemetry/combustion` values (§3.4): flows, λ, pressures, valves, burners on, totaliser. */
export function combustionReading(model: TunnelKilnModel, rng: Rng): Reading<TunnelKilnCombustion['v']> {
  const { pGasMain, pGasHdr } = model.gas.readings(rng);
  const pAir = quantise(Math.max(0, model.params.combustion.pAirKpa * model.airPressureRatio() + rng.normal(0, 0.02)), 0.01);
  const readings = { pGasMain, pGasHdr, pAir, burnersOn: model.burners.litTotal(), burnersTotal: model.burners.count };
  return { v: model.combustion.values(rng, model.zones.valve, readings), q: 'good' };
}

/** Gas skid `telemetry` values (§2.1.4): main and header pressure, total flow, gas temperature, SSOV. */
export function gasSkidReading(model: TunnelKilnModel, rng: Rng): Reading<GasSkidTelemetry['v']> {
  const { pGasMain, pGasHdr, tGas } = model.gas.readings(rng);
  const flow = Math.max(0, model.combustion.gas * (1 + rng.normal(0, model.params.noise.gasPct / 100)));
  return { v: { pGasMain, pGasHdr, flow: quantise(flow, 0.1), tGas, ssov: model.ssovOpen ? 'open' : 'closed' }, q: 'good' };
}

/** Zero-pressure position [m] (§2.1.5): first − → + crossing of the pressure profile, or null. */
export function zeroCrossingM(positions: readonly number[], pressures: readonly (number | null)[]): number | null {
  for (let i = 1; i < pressures.length; i++) {
    const a = pressures[i - 1];
    const b = pressures[i];
    const xa = positions[i - 1];
    const xb = positions[i];
    if (a == null || b == null || xa === undefined || xb === undefined) continue;
    if (a < 0 && b >= 0) return quantise(xa + ((xb - xa) * -a) / (b - a), 0.1);
  }
  return null;
}
