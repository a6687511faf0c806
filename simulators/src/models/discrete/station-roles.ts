import type { StationRole, StationTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { quantise } from '../../kit/signal.js';
import type { FaultHandler } from '../sim-device.js';
import { optNum } from './discrete-params.js';
import type { StationWork } from './line-station.js';

/**
 * What each assembly-station role does per part and reports every 5 s (domain.md §2.5.3 table;
 * §4.2 assembly/washing/inspection). Rejects are tuned so the whole 12-station Jingwei line
 * diverts 0.2–1 % of parts to rework (§2.5.3), gauges dominating.
 */
export interface StationRoleModel {
  readonly work: StationWork;
  telemetry(nowMs: number, running: boolean, cycleS: number): StationTelemetry['v'];
  readonly faults: Record<string, FaultHandler>;
}

/** Gauge tolerance ± [µm] (§2.5.3, [S J1] 0.01 mm). */
export const GAUGE_TOLERANCE_UM = 10;

const q = quantise;

/** The role's per-part work and telemetry; `rng` feeds telemetry noise, `workRng` the parts. */
export function stationRole(role: StationRole, rng: Rng, workRng: Rng): StationRoleModel {
  switch (role) {
    case 'assembly':
      return assemblyRole(rng, workRng);
    case 'washing':
      return washingRole(rng);
    case 'inspection':
      return inspectionRole(workRng);
    case 'gauge':
      return gaugeRole(workRng);
    case 'marking':
      return markingRole(rng);
    case 'run-in':
      return runInRole(rng, workRng);
  }
}

/** Screw/clip/greasing: torque [Nm], angle [deg], grease dose [g]; NOK outside the torque/angle window. */
function assemblyRole(rng: Rng, workRng: Rng): StationRoleModel {
  let last = { torqueNm: 2.5, angleDeg: 30, doseG: 0.5 };
  return {
    work() {
      last = { torqueNm: q(workRng.normal(2.5, 0.04), 0.01), angleDeg: q(workRng.normal(30, 1.5), 0.1), doseG: q(workRng.normal(0.5, 0.015), 0.001) };
      const ok = Math.abs(last.torqueNm - 2.5) <= 0.15 && Math.abs(last.angleDeg - 30) <= 6 && workRng.float() >= 0.0005;
      return { ok, values: last };
    },
    telemetry: (_now, running, cycleS) => ({ role: 'assembly', cycleS: running ? cycleS : null, torqueNm: running ? last.torqueNm : 0, angleDeg: running ? last.angleDeg : 0, doseG: running ? last.doseG : 0 }),
    faults: {},
  };
}

/** Parts washer: bath temperature [°C], spray pressure [bar], conductivity [µS/cm] creeping up until the bath is renewed. */
function washingRole(rng: Rng): StationRoleModel {
  let cond = 250 + 200 * rng.float();
  return {
    work: () => ({ ok: true, values: {} }),
    telemetry(_now, running, cycleS) {
      cond = cond > 900 ? 250 : cond + 0.05;
      return { role: 'washing', cycleS: running ? cycleS : null, tWash: q(rng.normal(60, 0.4), 0.1), pBar: q(running ? rng.normal(4.5, 0.05) : 0, 0.01), condUs: q(cond, 1), flowLmin: q(running ? rng.normal(80, 1) : 0, 0.1) };
    },
    faults: {},
  };
}

/** Vision inspection: defect score 0…1, NOK above 0.3. */
function inspectionRole(workRng: Rng): StationRoleModel {
  let score = 0.05;
  let seen = 0;
  let passed = 0;
  return {
    work() {
      score = q(Math.min(1, Math.abs(workRng.normal(0.05, 0.03)) + (workRng.float() < 0.001 ? 0.5 : 0)), 0.001);
      const ok = score <= 0.3;
      seen++;
      if (ok) passed++;
      return { ok, values: { score } };
    },
    telemetry: (_now, running, cycleS) => ({ role: 'inspection', cycleS: running ? cycleS : null, score, okPct: seen > 0 ? q((100 * passed) / seen, 0.01) : null }),
    faults: {},
  };
}

/**
 * In-line gauge (§2.5.3): height, runout, concentricity deviations [µm] at 1 µm resolution, ± 10 µm
 * tolerance; `meanUm` is an EMA of the height deviation. GAUGE_DRIFT shifts the gauge mean.
 */
function gaugeRole(workRng: Rng): StationRoleModel {
  let shiftUm = 0;
  let mean = 0;
  let last = { heightUm: 0, runoutUm: 2, concUm: 2 };
  const drift: FaultHandler = {
    description: 'Gauge drift: the in-line gauge mean shifts > 3 µm vs the master part; rejects rise → GAUGE_DRIFT (§2.5.7). Option: shiftUm (4)',
    inject: (_now, options) => {
      shiftUm = optNum(options, 'shiftUm', 4);
    },
    clear: () => {
      shiftUm = 0;
    },
  };
  return {
    work() {
      last = { heightUm: q(workRng.normal(shiftUm, 3), 1), runoutUm: q(1 + Math.abs(workRng.normal(0, 2)), 1), concUm: q(1 + Math.abs(workRng.normal(0, 2)), 1) };
      mean += 0.1 * (last.heightUm - mean);
      const ok = Math.abs(last.heightUm) <= GAUGE_TOLERANCE_UM && last.runoutUm <= GAUGE_TOLERANCE_UM && last.concUm <= GAUGE_TOLERANCE_UM;
      return { ok, values: last };
    },
    telemetry: (_now, running, cycleS) => ({ role: 'gauge', cycleS: running ? cycleS : null, ...last, meanUm: q(mean, 0.1) }),
    faults: { GAUGE_DRIFT: drift },
  };
}

/** Laser marking / packing: laser power [%], code read-back rate [%]; never rejects (final station). */
function markingRole(rng: Rng): StationRoleModel {
  return {
    work: () => ({ ok: true, values: {} }),
    telemetry: (_now, running, cycleS) => ({ role: 'marking', cycleS: running ? cycleS : null, laserPct: running ? q(rng.normal(70, 0.5), 0.1) : 0, readOkPct: q(Math.min(100, 99.9 + 0.05 * rng.normal()), 0.01) }),
  faults: {},
  };
}

/**
 * Run-in / vibration test (§2.5.3): ramp to 15,000–20,000 rpm; the vibration peaks when crossing the
 * first critical speed (2,000–4,000 rpm); NOK when the top-speed vibration is above 2.8 mm/s.
 */
function runInRole(rng: Rng, workRng: Rng): StationRoleModel {
  let last = { critRpm: 3000, vibPeak: 3, vibTop: 0.8 };
  let tBrg = 35;
  return {
    work() {
      const vibTop = q(Math.abs(workRng.normal(0.8, 0.25)) + (workRng.float() < 0.001 ? 3 : 0), 0.01);
      last = { critRpm: Math.round(workRng.uniform(2000, 4000)), vibPeak: q(workRng.normal(3.2, 0.4), 0.01), vibTop };
      return { ok: vibTop <= 2.8, values: last };
    },
    telemetry(nowMs, running, cycleS) {
      // The spindle under test is somewhere on its ramp: phase within the current takt.
      const phase = ((nowMs / 1000) % Math.max(1, cycleS)) / Math.max(1, cycleS);
      const rpm = running ? Math.round(18_000 * Math.min(1, phase * 1.6)) : 0;
      tBrg += 0.05 * ((running ? 42 : 30) - tBrg);
      return { role: 'run-in', cycleS: running ? cycleS : null, rpm, vib: running ? q(last.vibTop * (rpm / 18_000) + 0.05, 0.01) : 0, tBrg: q(tBrg + 0.1 * rng.normal(), 0.1) };
    },
    faults: {},
  };
}
