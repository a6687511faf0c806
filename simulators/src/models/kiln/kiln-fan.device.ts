import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import type { CommandDecision, CommandOutcome, SimDevice } from '../sim-device.js';
import { INTERLOCK_DEFAULTS, KILN_FAN_IDS, type KilnFanId } from './kiln-equipment.params.js';
import type { FanDrive } from './kiln-fans.js';
import { accepted, deviceName, kilnAssembly, kilnMeta, notRemote, optNumber, rejected, stringParam, telemetryStream, type KilnDeviceContext } from './kiln-device.kit.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

/** Fan telemetry every 5 s (domain.md §2.7). */
export const KILN_FAN_PERIOD_MS = 5_000;

const UNITS = { hz: 'Hz', rpm: 'min⁻¹', i: 'A', kw: 'kW', vib: 'mm/s', tBrg: '°C' };

function fanId(name: string): KilnFanId {
  const id = KILN_FAN_IDS.find((f) => f === name);
  if (id === undefined) throw new RangeError(`kiln fan device must be one of ${KILN_FAN_IDS.join(', ')}, got ${name}`);
  return id;
}

/**
 * One kiln fan drive (cell `fans`, devices `exhaust-1`, `comb-air-1`, `rapid-cool-1`,
 * `hot-air-1`, `final-cool-1`, `curtain-1` — or any name with scenario parameter `role` set to
 * one of them; domain.md §2.1.6): `telemetry` every 5 s
 * {run, hz, rpm, i, kw, vib, tBrg}, the `set-fan-speed` command (Hz, within the fan's VFD range,
 * applied when the output frequency has ramped there) and the FAN_TRIP fault, whose signature
 * depends on the fan's duty (§2.1.9: exhaust, combustion air, cooling).
 */
export function kilnFanDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = kilnAssembly(device.key, context);
  const fan = model.fans[fanId(stringParam(context, device.key, 'role') ?? deviceName(device.key))];
  const rng = Rng.forKey(context.seed, device.key);
  const { hzMin, hzMax } = fan.spec;
  return {
    key: device.key,
    type: 'kiln-fan',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'kiln-fan', UNITS, { cmds: { 'set-fan-speed': { unit: 'Hz', min: hzMin, max: hzMax } } }) }),
    streams: [
      telemetryStream(device.key, [], KILN_FAN_PERIOD_MS, (now) => {
        model.advance(now);
        return { v: fan.values(rng), q: 'good' };
      }),
    ],
    commands: { 'set-fan-speed': (request, nowMs) => setFanSpeed(model, fan, request.value, nowMs) },
    faults: {
      FAN_TRIP: {
        description: tripDescription(fan),
        inject: (now, options) => {
          model.advance(now);
          fan.trip();
          if (fan.spec.duty === 'exhaust') model.faults.exhaustBypass = optNumber(options, 'bypass', 0, 0, 1) === 1;
        },
        clear: (now) => {
          model.advance(now);
          const { fanRestartMinMs, fanRestartMaxMs } = INTERLOCK_DEFAULTS;
          fan.reset(Math.round(now + rng.uniform(fanRestartMinMs, fanRestartMaxMs)));
          if (fan.spec.duty === 'exhaust') model.faults.exhaustBypass = false;
        },
      },
    },
  };
}

function setFanSpeed(model: TunnelKilnModel, fan: FanDrive, value: unknown, nowMs: number): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model);
  if (denied) return denied;
  if (typeof value !== 'number') return rejected('BAD_REQUEST', 'value must be a frequency in Hz');
  const { hzMin, hzMax } = fan.spec;
  if (value < hzMin || value > hzMax) return rejected('OUT_OF_RANGE', `${fan.spec.id}: speed must be ${hzMin}–${hzMax} Hz`);
  if (!fan.isRunning) return rejected('INTERLOCK', `${fan.spec.id} is not running (${fan.isFaulted ? 'drive tripped' : 'no power'})`);
  const prev = fan.hzSp;
  fan.hzSp = value;
  return accepted(prev, (now): CommandOutcome | undefined => {
    model.advance(now);
    if (!fan.isRunning) return { status: 'failed', code: 'DRIVE_FAULT', message: `${fan.spec.id} tripped` };
    if (fan.hzSp !== value) return { status: 'failed', code: 'PLC_WRITE_ERROR', message: 'superseded by a newer speed' };
    return Math.abs(fan.outputHz - value) < 0.05 ? { status: 'applied', value, reachedAt: now } : undefined;
  });
}

function tripDescription(fan: FanDrive): string {
  switch (fan.spec.duty) {
    case 'exhaust':
      return 'Exhaust fan trip: current 0 < 1 s, coast-down 10–30 s, preheat pressure −40 → +10…+30 Pa within 60 s, preheat TCs −20–60 °C over 10–30 min, firing +10–30 °C, O₂ −1–2 %, CO up; burners to low fire after 20 s, gas shut-off after 90 s (option bypass=1: interlock bypassed)';
    case 'comb-air':
      return 'Combustion-air fan trip: air pressure low in 1–3 s → all burners trip, SSOV closes, flames 0, firing zone falls 1–3 °C/min; purge and relight after the restart';
    case 'cooling':
      return 'Cooling fan trip: cooling-zone pressure falls, cooling TCs +50–150 °C over 30–60 min, exit ware > 150 °C, firing pressure may go negative';
    default:
      return 'Air-curtain fan trip: entrance sealing lost, entry pressure and temperature fall, entry O₂ rises';
  }
}
