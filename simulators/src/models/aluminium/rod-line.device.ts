import type { RodLineTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import { registerProcessLoad } from '../energy/process-load.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { casthouseSite, type CasthouseSite } from './casthouse.site.js';
import { eventStream, faultHandler, metaOf, numberOption, stagger } from './device-kit.js';
import type { RodLineModel } from './rod-line.model.js';
import { nonNegative, roundTo, Sensor } from './sensor.js';

/** Publish periods (§2.7: rod line speeds/temps 1 s); events polled every 5 s (they keep their own `ts`). */
export const ROD_LINE_PERIODS = { telemetryMs: 1_000, eventMs: 5_000 } as const;

const UNITS = { wheelRpm: 'rpm', barSpeed: 'm/min', tPour: '°C', tBarOut: '°C', tMillIn: '°C', tRod: '°C', millKw: 'kW', millA: 'A', rodSpeed: 'm/s', rodDiaMm: 'mm', tph: 't/h', emulsionT: '°C', coilT: 't' };
/** Mill current spike after a break: ×1.8 for 3 s (§2.3.8 ROD_BREAK). */
const SPIKE_MS = 3_000;
/** Solid aluminium density for the cast-bar and rod mass flow [t/m³]. */
const SOLID_DENSITY = 2.7;

/**
 * A Yihe rod line (wheel + mill + coiler) as a {@link SimDevice} (domain.md §2.3.6, §3.4):
 * `telemetry` every 1 s, `event` coil_done / rod_break / restart, retained `state` run/slow/
 * starved/stopped, and the rod-line rows of §2.3.8 as faults. Its mill load is registered for meters.
 */
export function rodLineDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.rodLine(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  registerProcessLoad(context, device.key, (now) => {
    advance(now);
    return { kw: millKwOf(model, now) + model.params.auxKw * (model.tph > 0 ? 1 : 0.3), gasNm3h: 0 };
  });
  const read = rodLineReader(model, rng);
  const { telemetryMs, eventMs } = ROD_LINE_PERIODS;
  return {
    key: device.key,
    type: 'rod-line',
    meta: metaOf(device, 'rod-line', UNITS),
    streams: [
      {
        cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger(device.key, telemetryMs),
        emit: (now) => {
          advance(now);
          return read(now);
        },
      },
      eventStream(device.key, eventMs, advance, () => model.events.next()),
    ],
    state: (now) => {
      advance(now);
      return { mode: model.state };
    },
    faults: rodLineFaults(site, model),
  };
}

/** The rod-line rows of domain.md §2.3.8. */
function rodLineFaults(site: CasthouseSite, model: RodLineModel): Record<string, FaultHandler> {
  const at = (now: number): void => site.advance(now);
  return {
    WHEEL_COOLING_LOW: faultHandler(
      at,
      'Casting-wheel cooling loss: bar exit T +30–80 °C, mill entry T out of range, rod breaks (options: deltaC default 60, breakAfterMin default 15, 0 = never)',
      (now, options) => {
        const breakAfterMin = numberOption(options, 'breakAfterMin', 15);
        model.faults.wheelCooling = { deltaC: numberOption(options, 'deltaC', 60), breakAtMs: breakAfterMin > 0 ? now + breakAfterMin * 60_000 : undefined };
      },
      (now) => {
        model.faults.wheelCooling = undefined;
        model.restart(now);
      },
    ),
    ROD_BREAK: faultHandler(
      at,
      'Rod break / cobble: mill speed mismatch, motor current spike then no-load, coiler stops',
      (now) => model.breakRod(now, 'COBBLE'),
      (now) => model.restart(now),
    ),
  };
}

/** Mill main-motor power [kW]: proportional to output, a spike right after a break, then no-load. */
function millKwOf(model: RodLineModel, nowMs: number): number {
  const p = model.params;
  const broke = model.faults.brokeAtMs;
  if (broke !== undefined) return nowMs - broke < SPIKE_MS ? p.millKw * 1.8 : p.millNoLoadKw;
  return model.tph > 0 ? p.millNoLoadKw + (p.millKw - p.millNoLoadKw) * (model.tph / p.tph) : p.millNoLoadKw * 0.5;
}

function rodLineReader(model: RodLineModel, rng: Rng): (nowMs: number) => RodLineTelemetry {
  const p = model.params;
  const seq = new SequenceCounter();
  const temp = (wander: number): Sensor => new Sensor({ wander, rho: 0.99, white: 0.5, resolution: 1 }, rng);
  const [tPour, tBar, tMill, tRod, emulsion] = [temp(1), temp(3), temp(3), temp(2), temp(0.5)];
  const kw = new Sensor({ wander: 4, rho: 0.9, white: 2, resolution: 1 }, rng);
  const barAreaM2 = p.barAreaMm2 / 1e6;
  const rodAreaM2 = Math.PI * (p.rodDiaMm / 2000) ** 2;
  return (now) => {
    const tph = model.tph;
    const running = tph > 0;
    const barSpeed = tph / (barAreaM2 * SOLID_DENSITY * 60); // mass flow conserved (§2.3.6)
    const coilerStopped = model.faults.brokeAtMs !== undefined;
    const millKw = nonNegative(kw.read(millKwOf(model, now), now, rng));
    const loadShare = Math.min(1, millKw / p.millKw);
    const pf = 0.35 + (p.millPf - 0.35) * loadShare; // induction motor: low PF at no load
    const tBarOut = p.tBarOutC + model.barExtraC;
    return {
      ts: now,
      seq: seq.next(),
      v: {
        wheelRpm: roundTo(barSpeed / ((Math.PI * p.wheelDiaMm) / 1000), 0.01),
        barSpeed: roundTo(barSpeed, 0.01),
        tPour: running ? tPour.read(model.line.tSource - 35, now, rng) : null,
        tBarOut: running ? tBar.read(tBarOut, now, rng) : null,
        tMillIn: running ? tMill.read(tBarOut - p.millInDropC, now, rng) : null,
        tRod: running && !coilerStopped ? tRod.read(p.tRodC, now, rng) : null,
        millKw,
        millA: Math.round((millKw * 1000) / (Math.sqrt(3) * p.millVolt * pf)),
        rodSpeed: coilerStopped ? 0 : roundTo(tph / (rodAreaM2 * SOLID_DENSITY * 3600), 0.01),
        rodDiaMm: p.rodDiaMm,
        tph: roundTo(tph, 0.01),
        emulsionT: emulsion.read(p.emulsionC, now, rng),
        coilT: roundTo(model.coilT, 0.01),
      },
      q: 'good',
    };
  };
}
