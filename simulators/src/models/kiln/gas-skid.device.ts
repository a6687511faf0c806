import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import type { SimDevice } from '../sim-device.js';
import { GAS_SKID_DEFAULTS } from './kiln-equipment.params.js';
import { kilnAssembly, kilnMeta, optNumber, telemetryStream, type KilnDeviceContext } from './kiln-device.kit.js';
import { gasSkidReading } from './tunnel-kiln.payloads.js';

/** Gas flows and header pressures every 2 s (domain.md §2.7). */
export const GAS_SKID_PERIOD_MS = 2_000;

const UNITS = { pGasMain: 'kPa', pGasHdr: 'kPa', flow: 'Nm³/h', tGas: '°C' };

/**
 * The kiln's gas skid (cell `gas`, device `skid-1`, domain.md §2.1.4): `telemetry` every 2 s
 * {pGasMain, pGasHdr, flow, tGas, ssov} and the GAS_PRESS_LOW fault (§2.1.9): the main falls by
 * `dropPct` over `rampS`, the header by what the kiln's regulator passes on; burner flows drop
 * ∝ √ΔP, flames shorten, O₂ rises; below the low-pressure switch (50–60 % of nominal, per kiln,
 * or `tripPct`) the SSOV trips every burner.
 */
export function gasSkidDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = kilnAssembly(device.key, context);
  const rng = Rng.forKey(context.seed, device.key);
  const drawnTrip = model.gas.tripFrac;
  return {
    key: device.key,
    type: 'gas-skid',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'gas-skid', UNITS) }),
    streams: [
      telemetryStream(device.key, [], GAS_SKID_PERIOD_MS, (now) => {
        model.advance(now);
        return gasSkidReading(model, rng);
      }),
    ],
    faults: {
      GAS_PRESS_LOW: {
        description:
          'Gas supply pressure low: main pressure falls by dropPct (default 40) over rampS (default 60), the header by dropPct × the kiln regulator gain 0.6–1.2 (or hdrDropPct); flows ∝ √ΔP, flame length −30–50 %, brightness −20 %, O₂ +1–4 points, zone T falls; below 50–60 % of nominal header pressure (tripPct) the SSOV trips all burners (options dropPct, hdrDropPct, rampS, tripPct)',
        inject: (now, options) => {
          model.advance(now);
          model.gas.tripFrac = optNumber(options, 'tripPct', drawnTrip * 100, 1, 99) / 100;
          const main = optNumber(options, 'dropPct', 40, 0, 95) / 100;
          const header = optNumber(options, 'hdrDropPct', main * model.gas.regulatorGain * 100, 0, 95) / 100;
          model.gas.setDrop(main, (optNumber(options, 'rampS', 60, 0, 3_600) * 1000) / 3, header);
        },
        clear: (now) => {
          model.advance(now);
          model.gas.setDrop(0, GAS_SKID_DEFAULTS.pressureTauMs);
          model.gas.tripFrac = drawnTrip;
        },
      },
    },
  };
}
