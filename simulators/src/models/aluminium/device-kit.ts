import type { CommandRequest, DeviceEvent, DeviceMeta, DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a } from '../../kit/rng.js';
import type { CommandDecision, CommandOutcome, DeviceStream, FaultHandler } from '../sim-device.js';

/** Firmware string every plant-sim device publishes in `meta.fw`. */
export const SIM_FIRMWARE = 'plant-sim/0.1';

/** Limits of a numeric command, published in `meta.cmds` (§3.2) and enforced by the handler. */
export interface CommandLimit {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/** The retained `meta` of a simulated device: type, schema version, names, units, command limits. */
export function metaOf(
  device: PlantDevice,
  type: DeviceType,
  units: Readonly<Record<string, string>>,
  cmds: Readonly<Record<string, CommandLimit>> = {},
): (nowMs: number) => DeviceMeta {
  return (nowMs) => ({
    ts: nowMs,
    v: {
      type,
      schema: 1,
      name: device.name,
      ...(device.nameZh === undefined ? {} : { nameZh: device.nameZh }),
      ...(device.via === undefined ? {} : { via: device.via }),
      fw: SIM_FIRMWARE,
      units: { ...units },
      ...(Object.keys(cmds).length === 0 ? {} : { cmds: Object.fromEntries(Object.entries(cmds).map(([k, v]) => [k, { ...v }])) }),
    },
  });
}

/** First-message offset of a stream, spread by the device key so devices do not publish together. */
export function stagger(key: string, periodMs: number): number {
  return fnv1a(key) % periodMs;
}

/**
 * The numeric value of a command if it is a number within `limit`, else the rejection (§3.5:
 * `BAD_REQUEST` for a missing/non-numeric value, `OUT_OF_RANGE` outside the meta limits).
 */
export function numericValue(request: CommandRequest, limit: CommandLimit): number | CommandDecision {
  const value = request.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return { status: 'rejected', code: 'BAD_REQUEST', message: 'value must be a number' };
  if (value < limit.min || value > limit.max) return { status: 'rejected', code: 'OUT_OF_RANGE', message: `value must be within ${limit.min}–${limit.max} ${limit.unit}` };
  return value;
}

/** An accepted command whose outcome `progress` decides, failing with TIMEOUT after `timeoutMs`. */
export function acceptedUntil(
  prev: number | string | null,
  startMs: number,
  timeoutMs: number,
  progress: (nowMs: number) => CommandOutcome | undefined,
): CommandDecision {
  return {
    status: 'accepted',
    prev,
    progress: (nowMs) => progress(nowMs) ?? (nowMs - startMs > timeoutMs ? { status: 'failed', code: 'TIMEOUT', message: 'setpoint not reached in time' } : undefined),
  };
}

/** A polled `event` stream: steps the model to the poll time and emits the oldest pending event. */
export function eventStream(key: string, periodMs: number, advance: (nowMs: number) => void, next: () => DeviceEvent | undefined): DeviceStream {
  return {
    cls: 'event',
    sub: [],
    qos: 1,
    periodMs,
    firstAfterMs: stagger(`${key}#event`, periodMs),
    emit: (nowMs) => {
      advance(nowMs);
      return next();
    },
  };
}

/**
 * Report-by-period gate (§2.7): a stream polled at its fast period publishes every poll while
 * `fast` holds (pouring, casting) and otherwise once per `slowMs`.
 */
export class Throttle {
  private lastMs = -Infinity;

  constructor(private readonly slowMs: number) {}

  due(nowMs: number, fast: boolean): boolean {
    if (!fast && nowMs - this.lastMs < this.slowMs) return false;
    this.lastMs = nowMs;
    return true;
  }
}

/** A fault option as a number (default when absent or not numeric). */
export function numberOption(options: Readonly<Record<string, number | string>> | undefined, name: string, fallback: number): number {
  const raw = options?.[name];
  const value = typeof raw === 'string' ? Number(raw) : raw;
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

/** A fault option as one of `allowed` (default when absent or unknown). */
export function choiceOption<T extends string>(options: Readonly<Record<string, number | string>> | undefined, name: string, allowed: readonly T[], fallback: T): T {
  const raw = options?.[name];
  return allowed.find((a) => a === String(raw)) ?? fallback;
}

/** Fault options as the runtime passes them. */
export type FaultOptions = Readonly<Record<string, number | string>> | undefined;

/**
 * A {@link FaultHandler} whose inject/clear first bring the model to the fault time (`advance`),
 * so the overlay starts exactly when the timeline says.
 */
export function faultHandler(
  advance: (nowMs: number) => void,
  description: string,
  inject: (nowMs: number, options: FaultOptions) => void,
  clear: (nowMs: number) => void,
): FaultHandler {
  return {
    description,
    inject: (nowMs, options) => {
      advance(nowMs);
      inject(nowMs, options);
    },
    clear: (nowMs) => {
      advance(nowMs);
      clear(nowMs);
    },
  };
}
