import type { KilnPusherState } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import type { SimDevice } from '../sim-device.js';
import { eventStream, kilnAssembly, kilnMeta, optChoice, type KilnDeviceContext } from './kiln-device.kit.js';

/** Pusher state and events every 10 s (domain.md §2.7: event per push + 10 s state). */
export const KILN_PUSHER_POLL_MS = 10_000;

const UNITS = { nextPushInMin: 'min', durS: 's', pMaxMPa: 'MPa', strokeMm: 'mm', intervalMin: 'min', exitPeakC: '°C', exitSoakMin: 'min' };

/**
 * The kiln-car pusher (cell `pusher`, device `pusher-1`, domain.md §2.1.7): `event` `car_pushed`
 * per push (with the heat-work of the car leaving) or `push_fail`, retained `state` {mode,
 * nextPushInMin, doorIn, doorOut} re-evaluated every poll (≈ 0.1 msg/s, §4.1), and the PUSH_FAIL
 * fault (§2.1.9 car jam / derailment).
 */
export function kilnPusherDevice(device: PlantDevice, context: KilnDeviceContext): SimDevice {
  const model = kilnAssembly(device.key, context);
  const cursor = model.events.cursor();
  const pusher = model.pusher;
  let state: KilnPusherState['v'] | undefined;
  return {
    key: device.key,
    type: 'kiln-pusher',
    meta: (nowMs) => ({ ts: nowMs, v: kilnMeta(device, 'kiln-pusher', UNITS) }),
    streams: [
      eventStream(device.key, Math.max(1_000, Math.min(KILN_PUSHER_POLL_MS, model.pushIntervalMs)), (now) => {
        model.advance(now);
        return model.events.next(cursor, 'pusher');
      }),
    ],
    state: (nowMs) => {
      model.advance(nowMs);
      const door = pusher.doorsOpen ? 'open' : 'closed';
      const next = pusher.nextPushInMin(nowMs);
      if (state?.mode !== pusher.mode || state.nextPushInMin !== next || state.doorIn !== door) {
        state = { mode: pusher.mode, nextPushInMin: next, doorIn: door, doorOut: door };
      }
      return state;
    },
    faults: {
      PUSH_FAIL: {
        description: 'Kiln-car jam or derailment: pressure to relief (16–25 MPa) with no stroke, no car_pushed, push overdue; preheat +20–50 °C over 1–3 h, zone PIDs cut gas −10–30 %, the soaking car over-fires (option kind=jam|derail; attempt=next|now: the jam is met at the next scheduled push, default, or by a push attempted now)',
        inject: (now, options) => {
          model.advance(now);
          pusher.setJam(optChoice(options, 'kind', ['jam', 'derail']), now, optChoice(options, 'attempt', ['next', 'now']) === 'now');
        },
        clear: (now) => {
          model.advance(now);
          pusher.clearJam(now);
        },
      },
    },
  };
}
