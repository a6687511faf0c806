import type { TunnelKilnState } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import type { SimDevice } from '../sim-device.js';
import { eventStream, kilnAssembly, kilnMeta, telemetryStream, type KilnDeviceContext } from './kiln-device.kit.js';
import { tunnelKilnCommandLimits, tunnelKilnCommands } from './tunnel-kiln.commands.js';
import { tunnelKilnFaults } from './tunnel-kiln.faults.js';
import { TUNNEL_KILN_UNITS } from './tunnel-kiln.model.js';
import { combustionReading, profileReading } from './tunnel-kiln.payloads.js';

/** Publish periods of a tunnel kiln PLC (domain.md §2.7): TC profile 5 s, combustion 2 s, events polled ≤ 10 s. */
export const TUNNEL_KILN_PERIODS = { profileMs: 5_000, combustionMs: 2_000, eventPollMs: 10_000 } as const;

/** Options of {@link tunnelKilnDevice}: a `DeviceContext`; without `shared` the PLC gets a kiln of its own. */
export type TunnelKilnDeviceOptions = KilnDeviceContext;

/**
 * A tunnel-kiln PLC (cell `controller`, device `plc`) as a {@link SimDevice}: `telemetry/profile`
 * every 5 s, `telemetry/combustion` every 2 s, `event` (its own `mode_change`, `interlock_trip`,
 * `interlock_reset`, `zone_trip`, and the pusher's `car_pushed`/`push_fail`, which the PLC
 * sequences), retained `state` {mode} (+ `interlock` while one holds the burners off), the §3.5 setpoint commands
 * and the controller-side §2.1.9 faults. Sensor noise comes from the device's own stream.
 */
export function tunnelKilnDevice(device: PlantDevice, options: TunnelKilnDeviceOptions): SimDevice {
  const model = kilnAssembly(device.key, options);
  const rng = Rng.forKey(options.seed, device.key);
  const { profileMs, combustionMs, eventPollMs } = TUNNEL_KILN_PERIODS;
  const own = model.events.cursor();
  const pushes = model.events.cursor();
  let state: TunnelKilnState['v'] | undefined;
  return {
    key: device.key,
    type: 'tunnel-kiln',
    meta: (nowMs) => ({
      ts: nowMs,
      v: kilnMeta(device, 'tunnel-kiln', TUNNEL_KILN_UNITS, { tcPos: [...model.params.tcPosM], pPos: [...model.params.pPosM], cmds: tunnelKilnCommandLimits(model) }),
    }),
    streams: [
      telemetryStream(device.key, ['profile'], profileMs, (now) => {
        model.advance(now);
        return profileReading(model, now, rng);
      }),
      telemetryStream(device.key, ['combustion'], combustionMs, (now) => {
        model.advance(now);
        return combustionReading(model, rng);
      }),
      eventStream(device.key, Math.max(1_000, Math.min(eventPollMs, model.pushIntervalMs)), (now) => {
        model.advance(now);
        return model.events.next(own, 'plc') ?? model.events.next(pushes, 'pusher');
      }),
    ],
    state: (nowMs) => {
      model.advance(nowMs);
      if (state?.mode !== model.mode || (state.interlock ?? 'none') !== model.interlock) {
        state = model.interlock === 'none' ? { mode: model.mode } : { mode: model.mode, interlock: model.interlock };
      }
      return state;
    },
    commands: tunnelKilnCommands(model),
    faults: tunnelKilnFaults(model),
  };
}
