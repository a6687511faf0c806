import { o2Reference } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { choiceOption, faultHandler, metaOf, numberOption, stagger } from '../aluminium/device-kit.js';
import type { DeviceContext } from '../device-factory.js';
import type { DeviceStream, FaultHandler, SimDevice } from '../sim-device.js';
import { CEMS_ANALYTES, CEMS_DEFAULTS, CemsModel, type CemsAnalyte, type CemsParams } from './cems.model.js';
import { followedLoad, keyShare, paramNumber } from './energy.devices.js';

/** Publish periods (§2.7: CEMS 60 s minute averages + hourly; HJ 212 CN 2051 / 2061). */
export const CEMS_PERIODS = { minuteMs: 60_000, hourMs: 3_600_000 } as const;

/** Default drift rates of CEMS_DRIFT per analyte [unit/h] (mg/Nm³, or %vol for O₂) [E]. */
const DRIFT_PER_H: Readonly<Record<CemsAnalyte, number>> = { dust: 1, so2: 5, nox: 10, o2: 0.2 };

/**
 * A stack CEMS (domain.md §2.6.2–2.6.3): `telemetry` minute averages every 60 s and
 * `telemetry/hour` hourly averages, both with O₂-normalised `*Zs` values and the HJ 212 flag. A CEMS
 * on a process line (see `ProcessLoads`, or parameter `follows`) follows that process's gas; a
 * standalone one has a 10–18 kNm³/h stack (parameter `flowNm3h`) on the shift profile; parameter
 * `ref` sets the O₂ reference (`a1.7` furnaces, `o18` ceramic kilns). Faults: CEMS_DRIFT,
 * CEMS_CALIBRATION, EMISSION_EXCEEDANCE.
 */
export function cemsDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  let model: CemsModel | undefined;
  // Built at first use, after every factory ran, so the stack can find the process it serves.
  const get = (): CemsModel => (model ??= new CemsModel(cemsParams(device.key, context), rng, followedLoad(context, device.key), context.startMs));
  const stream = (sub: string[], periodMs: number, read: (m: CemsModel, now: number) => object): DeviceStream => ({
    cls: 'telemetry', sub, qos: sub.length === 0 ? 0 : 1, periodMs, firstAfterMs: stagger(`${device.key}#${sub.join('/')}`, periodMs),
    emit: (now) => read(get(), now),
  });
  const units = { dust: 'mg/Nm³', so2: 'mg/Nm³', nox: 'mg/Nm³', o2: '%', tFlue: '°C', pFlue: 'kPa', vel: 'm/s', flow: 'Nm³/h', hum: '%', dustZs: 'mg/Nm³', so2Zs: 'mg/Nm³', noxZs: 'mg/Nm³' };
  return {
    key: device.key,
    type: 'cems',
    meta: metaOf(device, 'cems', units),
    streams: [stream([], CEMS_PERIODS.minuteMs, (m, now) => m.minute(now)), stream(['hour'], CEMS_PERIODS.hourMs, (m, now) => m.hour(now))],
    faults: cemsFaults(get),
  };
}

/** Stack parameters: defaults, flow spread by key, scenario overrides `flowNm3h` and `ref`. */
function cemsParams(key: string, context: DeviceContext): CemsParams {
  const ref = context.deviceParams?.(key)?.['ref'];
  return {
    ...CEMS_DEFAULTS,
    flowNm3h: paramNumber(context, key, 'flowNm3h', Math.round(10_000 + 8_000 * keyShare(key, 'flow'))),
    ...(typeof ref === 'string' && o2Reference.safeParse(ref).success ? { ref } : {}),
  };
}

function cemsFaults(get: () => CemsModel): Record<string, FaultHandler> {
  const at = (now: number): void => get().advance(now);
  const f = (): CemsModel['faults'] => get().faults;
  return {
    CEMS_DRIFT: faultHandler(
      at,
      'CEMS analyser drift: one analyser reads a growing bias while the flag stays N (options: analyte dust|so2|nox|o2 default nox, ratePerH in its unit, defaults 1/5/10 mg/Nm³, 0.2 %)',
      (now, options) => {
        const a = choiceOption(options, 'analyte', CEMS_ANALYTES, 'nox');
        f().drift = { analyte: a, ratePerH: numberOption(options, 'ratePerH', DRIFT_PER_H[a]), biasAtMs: now };
      },
      () => (f().drift = undefined),
    ),
    CEMS_CALIBRATION: faultHandler(
      at,
      'CEMS zero/span calibration: readings go to zero then span gas every 5 min, HJ 212 flag C; clearing it also removes any drift (options: analyte dust|so2|nox|o2|all default all)',
      (now, options) => (f().calibration = { analyte: choiceOption(options, 'analyte', [...CEMS_ANALYTES, 'all'], 'all'), sinceMs: now }),
      () => {
        f().calibration = undefined;
        f().drift = undefined;
      },
    ),
    EMISSION_EXCEEDANCE: faultHandler(
      at,
      'Emission exceedance: the real concentration rises (5-min lag) until the O₂-normalised value is factor × its limit (30/200/300 mg/Nm³), flag stays N (options: analyte dust|so2|nox default nox, factor default 1.3)',
      (_, options) => (f().exceedance = { analyte: choiceOption(options, 'analyte', ['dust', 'so2', 'nox'] as const, 'nox'), factor: numberOption(options, 'factor', 1.3) }),
      () => (f().exceedance = undefined),
    ),
  };
}
