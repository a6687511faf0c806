import type { FLAME_COLOURS, FlameVisionTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { clamp, quantise } from '../../kit/signal.js';
import type { SimDevice } from '../sim-device.js';
import { burnerIndex } from './kiln-burner.device.js';
import { deviceName, kilnAssembly, kilnMeta, stringParam, telemetryStream, type KilnDeviceContext } from './kiln-device.kit.js';
import type { Reading } from './tunnel-kiln.payloads.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

/** Flame-vision metrics every 2 s (domain.md §2.7). */
export const FLAME_CAMERA_PERIOD_MS = 2_000;

const UNITS = { hueDeg: '°', lenM: 'm', brightPct: '%', stab: '1' };

/**
 * Which burner camera `camNN` watches (0-based): cam01–cam04 spread over the firing zone (b05, b15,
 * b25, b35), cam05–cam08 between them (b10, b20, b30, b40), wrapped to the kiln's burner count.
 */
export function cameraBurnerIndex(name: string, burnerCount: number): number {
  const match = /^cam(\d{2})$/.exec(name);
  const n = match ? Number(match[1]) : NaN;
  if (!(n >= 1)) throw new RangeError(`flame camera device must be named cam01, cam02 …, got ${name}`);
  const k = n <= 4 ? 10 * (n - 1) + 4 : 10 * (n - 4) - 1;
  return k % burnerCount;
}

/**
 * A flame-vision camera (cell `vision`, devices `cam01`…, seed Y10, domain.md §2.1.5 flame table;
 * scenario parameter `burner` = `b12` picks the burner it watches):
 * `telemetry` every 2 s following the burner it watches — blue 200–240° flame 0.3–1.5 m long
 * with the burner load, shorter (−30–50 %) and dimmer (−20 %) at low gas pressure, unstable or
 * lean with too much air, yellow when rich; on flame-out colour `none`, length 0 and brightness
 * down to the glow of the kiln interior.
 */
export function flameCameraDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = kilnAssembly(device.key, context);
  const watched = stringParam(context, device.key, 'burner');
  const k = watched === undefined ? cameraBurnerIndex(deviceName(device.key), model.burners.count) : burnerIndex(watched, model.burners.count);
  const rng = Rng.forKey(context.seed, device.key);
  return {
    key: device.key,
    type: 'flame-camera',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'flame-camera', UNITS) }),
    streams: [
      telemetryStream(device.key, [], FLAME_CAMERA_PERIOD_MS, (now) => {
        model.advance(now);
        return flameVision(model, k, now, rng);
      }),
    ],
  };
}

type Vision = FlameVisionTelemetry['v'];

/** The §2.1.5 flame metrics of burner k as a camera sees them. */
export function flameVision(model: TunnelKilnModel, k: number, nowMs: number, rng: Rng): Reading<Vision> {
  const burner = model.burners.names[k] ?? 'b01';
  const zone = model.burners.zoneOf(k);
  if (!model.burners.isLit(k)) return { v: offFlame(model, burner, zone, nowMs, rng), q: 'good' };
  const load = Math.min(2, Math.max(0.1, (model.zones.valve[zone] ?? 0) / (model.zones.bias[zone] ?? 1)));
  const pressure = Math.min(1, model.gas.hdrRatio);
  const lambda = model.combustion.lambda;
  const rich = lambda < 1;
  const stab = clamp(0.91 - Math.max(0, lambda - 1.4) + rng.normal(0, 0.02), 0, 1);
  const hue = rich ? 45 + rng.normal(0, 4) : 221 + rng.normal(0, 5);
  const status = rich ? 'rich' : stab < 0.5 ? 'unstable' : lambda > 1.6 ? 'lean' : 'normal';
  const v: Vision = {
    burner,
    colour: colourOf(hue),
    hueDeg: quantise(clamp(hue, 0, 360), 1),
    lenM: quantise(Math.max(0, 0.95 * load ** 0.3 * pressure * (1 + rng.normal(0, 0.03))), 0.01), // jet momentum ∝ ΔP
    brightPct: quantise(clamp(63 * (1 - 0.6 * (1 - pressure)) + rng.normal(0, 2), 0, 100), 1),
    stab: quantise(stab, 0.01),
    status,
  };
  return { v, q: 'good' };
}

/** No flame: only the glow of the hot interior, rising with its temperature (§2.1.5). */
function offFlame(model: TunnelKilnModel, burner: string, zone: number, nowMs: number, rng: Rng): Vision {
  const cell = model.thermal.firingFirst + zone;
  const t = model.thermal.gasAt(model.thermal.cellM[cell] ?? 0, nowMs);
  const glow = 22 * Math.max(0, t / model.thermal.peakC) ** 4;
  return { burner, colour: 'none', hueDeg: null, lenM: 0, brightPct: quantise(clamp(glow + rng.normal(0, 1), 0, 100), 1), stab: 0, status: 'off' };
}

function colourOf(hue: number): (typeof FLAME_COLOURS)[number] {
  if (hue >= 195) return 'blue';
  if (hue >= 120) return 'blue-yellow';
  return hue >= 38 ? 'yellow' : 'orange';
}
