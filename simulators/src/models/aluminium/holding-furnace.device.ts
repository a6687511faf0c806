import type { CommandRequest, HoldingFurnaceTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import { registerProcessLoad } from '../energy/process-load.js';
import type { CommandDecision, FaultHandler, SimDevice } from '../sim-device.js';
import { casthouseSite, type CasthouseSite } from './casthouse.site.js';
import { acceptedUntil, choiceOption, eventStream, faultHandler, metaOf, numberOption, numericValue, stagger, Throttle, type CommandLimit } from './device-kit.js';
import type { HoldingFurnaceModel } from './holding-furnace.model.js';
import { nonNegative, roundTo, Sensor, sensors } from './sensor.js';

/** Publish periods (§2.7): level/tilt every 2 s, 0.5 s while pouring (charging, casting, tapping); events polled every 5 s (they keep their own `ts`). */
export const HOLDING_FURNACE_PERIODS = { fastMs: 500, slowMs: 2_000, eventMs: 5_000 } as const;

/** Command limits (§2.3.3 setpoint range, tilt range; §3.5 `setBathSp`, `tiltTo`). */
export const HOLDING_FURNACE_COMMANDS: Readonly<Record<'set-bath-sp' | 'tilt-to', CommandLimit>> = {
  'set-bath-sp': { min: 720, max: 760, unit: '°C' },
  'tilt-to': { min: 0, max: 25, unit: 'deg' },
};

const UNITS = { tBath: '°C', tRoof: '°C', levelMm: 'mm', massT: 't', tiltDeg: 'deg', gas: 'Nm³/h', tRegenOut: '°C', pFurn: 'Pa', flowTph: 't/h', spBath: '°C', tShell: '°C' };

/**
 * A Xingxian holding furnace as a {@link SimDevice} (domain.md §2.3.3, §3.4): `telemetry` at
 * 2 s / 0.5 s while pouring, `event` charged / casting_start / casting_end, commands `set-bath-sp`
 * and `tilt-to`, the furnace rows of §2.3.8 as faults. Its gas and fan load is registered for
 * meters (`registerProcessLoad`).
 */
export function holdingFurnaceDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.furnace(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  registerProcessLoad(context, device.key, (now) => {
    advance(now);
    return { kw: model.params.auxKw * (0.5 + 0.5 * model.firing), gasNm3h: model.gasNm3h };
  });
  const read = furnaceReader(model, rng);
  const throttle = new Throttle(HOLDING_FURNACE_PERIODS.slowMs);
  const { fastMs, eventMs } = HOLDING_FURNACE_PERIODS;
  return {
    key: device.key,
    type: 'holding-furnace',
    meta: metaOf(device, 'holding-furnace', UNITS, HOLDING_FURNACE_COMMANDS),
    streams: [
      {
        cls: 'telemetry', sub: [], qos: 0, periodMs: fastMs, firstAfterMs: stagger(device.key, fastMs),
        emit: (now) => {
          advance(now);
          return throttle.due(now, model.mode !== 'holding') ? read(now) : undefined;
        },
      },
      eventStream(device.key, eventMs, advance, () => model.events.next()),
    ],
    state: (now) => {
      advance(now);
      return { mode: model.mode, spBath: model.spBath, castBlocked: model.castBlocked };
    },
    commands: {
      'set-bath-sp': (request, now) => setBathSp(site, model, request, now),
      'tilt-to': (request, now) => tiltTo(site, model, request, now),
    },
    faults: furnaceFaults(site, model),
  };
}

function setBathSp(site: CasthouseSite, model: HoldingFurnaceModel, request: CommandRequest, nowMs: number): CommandDecision {
  const value = numericValue(request, HOLDING_FURNACE_COMMANDS['set-bath-sp']);
  if (typeof value !== 'number') return value;
  site.advance(nowMs);
  const prev = model.spBath;
  model.spBath = value;
  return acceptedUntil(prev, nowMs, 8 * 3_600_000, (now) => {
    site.advance(now);
    return Math.abs(model.tBath - value) <= 3 ? { status: 'applied', value, reachedAt: site.timeMs } : undefined;
  });
}

function tiltTo(site: CasthouseSite, model: HoldingFurnaceModel, request: CommandRequest, nowMs: number): CommandDecision {
  const value = numericValue(request, HOLDING_FURNACE_COMMANDS['tilt-to']);
  if (typeof value !== 'number') return value;
  site.advance(nowMs);
  if (model.casting) return { status: 'rejected', code: 'INTERLOCK', message: 'furnace is casting under automatic tilt control' };
  if (model.charging) return { status: 'rejected', code: 'INTERLOCK', message: 'a crucible is pouring into the furnace' };
  const prev = roundTo(model.tiltDeg, 0.1);
  model.tiltTarget = value;
  return acceptedUntil(prev, nowMs, 5 * 60_000, (now) => {
    site.advance(now);
    if (model.faults.tiltFrozen) return { status: 'failed', code: 'DRIVE_FAULT', message: 'tilt hydraulics do not move' };
    return Math.abs(model.tiltDeg - value) < 0.2 ? { status: 'applied', value, reachedAt: site.timeMs } : undefined;
  });
}

/** The furnace rows of domain.md §2.3.8. */
function furnaceFaults(site: CasthouseSite, model: HoldingFurnaceModel): Record<string, FaultHandler> {
  const at = (now: number): void => site.advance(now);
  const f = model.faults;
  return {
    MELT_TEMP_HIGH: faultHandler(
      at,
      'Hot metal too hot: bath > 800 °C after charging, cooling additions required, casting blocked until < 760 °C (options: tBath °C, default 815)',
      (_, options) => {
        f.noCoolingAdditions = true;
        model.tBath = Math.max(model.tBath, numberOption(options, 'tBath', 815));
      },
      () => {
        f.noCoolingAdditions = false;
        model.planCoolingAddition();
      },
    ),
    REGEN_SWITCH_FAULT: faultHandler(
      at,
      'Burner/regenerator valve stuck: switch-over stops, one regenerator outlet > 300 °C, roof T ±50 °C, gas per tonne +15–30 % (options: side A|B, gasPct default 20)',
      (_, options) => (f.regenStuck = { side: choiceOption(options, 'side', ['A', 'B'], model.regenSide), gasPenalty: numberOption(options, 'gasPct', 20) / 100 }),
      () => (f.regenStuck = undefined),
    ),
    TILT_FAULT: faultHandler(at, 'Tilt hydraulic fault: tilt angle frozen while the tilt command ≠ 0, launder flow → 0', () => (f.tiltFrozen = true), () => (f.tiltFrozen = false)),
    FURNACE_LEAK: faultHandler(
      at,
      'Furnace leak: shell/bottom TC +100 °C locally, level falling without casting (options: leakTph default 2, tc 1-based default 1)',
      (_, options) => {
        const tc = Math.min(model.params.shellTcs, Math.max(1, Math.round(numberOption(options, 'tc', 1)))) - 1;
        f.leak = { tph: numberOption(options, 'leakTph', 2), tc };
      },
      () => (f.leak = undefined),
    ),
  };
}

/** Sensors of one furnace and the payload they make (§3.4). */
function furnaceReader(model: HoldingFurnaceModel, rng: Rng): (nowMs: number) => HoldingFurnaceTelemetry {
  const seq = new SequenceCounter();
  const tBath = new Sensor({ wander: 0.4, rho: 0.995, white: 0.2, resolution: 0.1 }, rng);
  const tRoof = new Sensor({ wander: 4, rho: 0.99, white: 1, resolution: 1 }, rng);
  const level = new Sensor({ wander: 0.8, rho: 0.98, white: 1.2, resolution: 1 }, rng);
  const tilt = new Sensor({ wander: 0, rho: 0.9, white: 0.03, resolution: 0.1 }, rng);
  const gas = new Sensor({ wander: 0.8, rho: 0.98, white: 0.4, resolution: 0.1 }, rng);
  const pFurn = new Sensor({ wander: 1.5, rho: 0.95, white: 0.6, resolution: 0.1 }, rng);
  const regen = sensors(2, { wander: 1, rho: 0.98, white: 0.5, resolution: 1 }, rng);
  const shell = sensors(model.params.shellTcs, { wander: 1, rho: 0.999, white: 0.3, resolution: 1 }, rng);
  return (now) => {
    const levelMm = level.read(model.levelMm + (model.charging ? rng.normal(0, 4) : 0), now, rng);
    const p = model.params;
    return {
      ts: now,
      seq: seq.next(),
      v: {
        tBath: tBath.read(model.tBath, now, rng),
        tRoof: tRoof.read(model.tRoof + model.roofSwingC, now, rng),
        levelMm,
        massT: roundTo(nonNegative(((levelMm - p.levelOffsetMm) / 1000) * p.bathAreaM2 * p.densityTPerM3), 0.1),
        tiltDeg: tilt.read(model.tiltDeg, now, rng),
        gas: nonNegative(gas.read(model.gasNm3h, now, rng)),
        regenSide: model.regenSide,
        tRegenOut: [regen[0]?.read(model.tRegenOut[0], now, rng) ?? null, regen[1]?.read(model.tRegenOut[1], now, rng) ?? null],
        pFurn: pFurn.read(p.pFurnPa, now, rng),
        mode: model.mode,
        flowTph: roundTo(model.flowTph, 0.01),
        spBath: model.spBath,
        tShell: shell.map((s, i) => s.read(p.tShellC + (model.tShellExtra[i] ?? 0), now, rng)),
      },
      q: 'good',
    };
  };
}
