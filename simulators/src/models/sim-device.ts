import type { CommandRequest, DeviceMeta, DeviceType, FailCode, RejectCode } from '@plantwatch/contracts';

/**
 * What the runtime needs from any simulated device, whatever its type: a birth certificate,
 * periodic streams, and optionally state, commands and faults. Device models stay pure (no
 * MQTT, no timers); the scheduler calls each stream at its due simulated time and the
 * publisher puts the payload on the wire (domain.md §3.2 classes and QoS).
 */
export interface SimDevice {
  /** Device key `enterprise/site/area/line/cell/device` (also the MQTT username). */
  readonly key: string;
  readonly type: DeviceType;
  /** Retained `meta` payload at `nowMs` (lists the commands it obeys with their limits in `cmds`). */
  meta(nowMs: number): DeviceMeta;
  readonly streams: readonly DeviceStream[];
  /**
   * Retained `state` value object beyond `online` (mode, flame, doors …), or undefined when the
   * type has none. The runtime publishes it after birth and whenever it changes (compared as JSON
   * after each stream emission).
   */
  state?(nowMs: number): Readonly<Record<string, unknown>> | undefined;
  /**
   * How often [ms] the runtime checks {@link SimDevice.state} and pending command outcomes besides
   * after each stream emission (for state that changes between emissions). Devices without
   * streams are checked every 5 s when this is not set. Optional; added for report-by-exception
   * devices such as burners (domain.md §2.7 "on change").
   */
  readonly statePollMs?: number;
  /** Commands by topic name (`set-curve`, `set-fan-speed` …), domain.md §3.5. */
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  /** Faults this device can suffer, by code (the fault-signature tables of domain.md §2). */
  readonly faults?: Readonly<Record<string, FaultHandler>>;
}

/** One periodic publication of a device: `telemetry[/sub]` or `event`. */
export interface DeviceStream {
  readonly cls: 'telemetry' | 'event';
  readonly sub: readonly string[];
  /** §3.2: telemetry QoS 0, events QoS 1. */
  readonly qos: 0 | 1;
  /** Simulated period between messages [ms] (§2.7). */
  readonly periodMs: number;
  /** Simulated delay of the first message after the start [ms]. */
  readonly firstAfterMs: number;
  /**
   * The payload (envelope) due at `nowMs`, or undefined to publish nothing this time (report by
   * exception, or an event stream polled for occurrences).
   */
  emit(nowMs: number): object | undefined;
}

/**
 * A device's decision on a command that arrived in time and is not a duplicate (the runtime
 * answers `expired` and `DUPLICATE` itself, and never calls the handler for those).
 */
export type CommandDecision =
  | { readonly status: 'rejected'; readonly code: RejectCode; readonly message?: string }
  | {
      readonly status: 'accepted';
      readonly prev?: number | number[] | string | boolean | null;
      /**
       * Polled by the runtime after every simulation step until it returns an outcome:
       * `applied` once the setpoint is written (for ramps: when the PV is within tolerance, with
       * `reachedAt`), or `failed`. undefined = still in progress.
       */
      progress(nowMs: number): CommandOutcome | undefined;
    };

export type CommandOutcome =
  | { readonly status: 'applied'; readonly value?: number | number[] | string | boolean | null; readonly reachedAt?: number }
  | { readonly status: 'failed'; readonly code: FailCode; readonly message?: string };

export type CommandHandler = (request: CommandRequest, nowMs: number) => CommandDecision;

/** Injects and clears one fault on one device; the signal changes follow the fault's table row. */
export interface FaultHandler {
  /** One line from the domain.md table, for `plant-sim faults` and reports. */
  readonly description: string;
  inject(nowMs: number, options?: Readonly<Record<string, number | string>>): void;
  clear(nowMs: number): void;
}
