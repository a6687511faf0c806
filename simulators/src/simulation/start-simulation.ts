import type { PlantDevice, PlantModel } from '@plantwatch/domain';
import type { Secrets } from '@plantwatch/platform';
import { RealClock, type Clock } from '../kit/clock.js';
import { Scheduler } from '../kit/scheduler.js';
import { createSimDevice, isSimulated, sharedMemo } from '../models/device-factory.js';
import type { SimDevice } from '../models/sim-device.js';
import { DevicePublisher } from '../mqtt/device-publisher.js';

/** Options of {@link startSimulation}. */
export interface SimulationOptions {
  /** e.g. `mqtt://127.0.0.1:1883`. */
  readonly brokerUrl: string;
  readonly model: PlantModel;
  readonly secrets: Secrets;
  /** Seed of every device's random stream. Default 42. */
  readonly seed?: number;
  /** Simulated-time speed factor 1–3,600 (ignored when `clock` is given). Default 1. */
  readonly speed?: number;
  /** Tunnel-kiln car push interval [simulated ms] (domain.md §2.1.1: 120 min). */
  readonly pushIntervalMs?: number;
  /** Device keys to run; default: every device of a simulated type. */
  readonly devices?: readonly string[];
  /** Clock to run on; default a {@link RealClock} at `speed`. */
  readonly clock?: Clock;
  /** MQTT keepalive [s]. Default 30 (domain.md §3.2). */
  readonly keepaliveS?: number;
  /** Wall-clock bound on waiting for the devices' first connection attempts [ms]. Default 10,000. */
  readonly connectWaitMs?: number;
}

/** Live counters of a running simulation, summed over its devices. */
export interface SimulationStats {
  readonly devices: number;
  readonly online: number;
  readonly published: number;
  readonly errors: number;
  readonly dropped: number;
  /** Simulated time, epoch ms. */
  readonly simNowMs: number;
  readonly lastError?: string;
}

/** A running simulation. */
export interface Simulation {
  /** Keys of the devices being simulated. */
  readonly devices: readonly string[];
  /** Stops publishing, sends each device's retained shutdown state and disconnects. Idempotent. */
  stop(): Promise<void>;
  stats(): SimulationStats;
}

export type SimulationErrorCode = 'UNKNOWN_DEVICE' | 'NOT_SIMULATED' | 'MISSING_SECRET' | 'NO_DEVICES';

/** A simulation that cannot start as asked; `code` says why. */
export class SimulationError extends Error {
  constructor(
    readonly code: SimulationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

/** The plant devices to run: the requested ones, or all of a simulated type. */
export function selectDevices(model: PlantModel, secrets: Secrets, keys?: readonly string[]): PlantDevice[] {
  const byKey = new Map(model.devices.map((d) => [d.key, d]));
  const chosen = keys === undefined ? model.devices.filter((d) => isSimulated(d.type)) : keys.map((key) => byKey.get(key) ?? fail('UNKNOWN_DEVICE', `device ${key} is not in the plant model`));
  for (const device of chosen) {
    if (!isSimulated(device.type)) fail('NOT_SIMULATED', `device ${device.key} has type ${device.type}, which plant-sim cannot simulate yet`);
    if (secrets.devices[device.key] === undefined) fail('MISSING_SECRET', `no secret for device ${device.key} in the secrets file`);
  }
  if (chosen.length === 0) fail('NO_DEVICES', 'the plant model has no device plant-sim can simulate');
  return chosen;
}

function fail(code: SimulationErrorCode, message: string): never {
  throw new SimulationError(code, message);
}

/**
 * Runs the simulated devices of a plant against an MQTT broker, in-process: one scheduler (one
 * timer) drives every device stream; each device has its own connection with its own
 * credentials. Resolves once every device has made its first connection attempt (or
 * `connectWaitMs` ran out), so telemetry starts with the devices online; devices that could not
 * connect keep retrying and count their lost telemetry as dropped.
 */
export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const devices = selectDevices(options.model, options.secrets, options.devices);
  const clock = options.clock ?? new RealClock({ speed: options.speed ?? 1 });
  let schedulerErrors = 0;
  const scheduler = new Scheduler(clock, { onError: () => schedulerErrors++ });
  const context = { seed: options.seed ?? 42, startMs: clock.now(), shared: sharedMemo(), ...(options.pushIntervalMs === undefined ? {} : { pushIntervalMs: options.pushIntervalMs }) };
  const running = devices.map((device) => {
    const sim = createSimDevice(device, context) as SimDevice;
    const publisher = new DevicePublisher({
      brokerUrl: options.brokerUrl,
      deviceKey: device.key,
      password: options.secrets.devices[device.key] ?? '',
      clock,
      meta: (now) => sim.meta(now),
      ...(options.keepaliveS === undefined ? {} : { keepaliveS: options.keepaliveS }),
    });
    return { sim, publisher };
  });
  const publishers = running.map((r) => r.publisher);
  await firstAttempts(publishers, options.connectWaitMs ?? 10_000);
  const startMs = clock.now();
  for (const { sim, publisher } of running) {
    for (const stream of sim.streams) {
      scheduler.every(stream.periodMs, startMs + stream.firstAfterMs, (due) => {
        const payload = stream.emit(due);
        if (payload !== undefined) publisher.publish(stream.cls, stream.sub, payload, stream.qos);
      });
    }
  }
  let stopping: Promise<void> | undefined;
  return {
    devices: devices.map((d) => d.key),
    stop: () => {
      scheduler.stop();
      stopping ??= Promise.all(publishers.map((p) => p.stop())).then(() => undefined);
      return stopping;
    },
    stats: () => sumStats(publishers, clock.now(), schedulerErrors),
  };
}

/** Waits (wall-clock, at most `waitMs`) until every publisher has connected or failed once. */
async function firstAttempts(publishers: readonly DevicePublisher[], waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([Promise.all(publishers.map((p) => p.firstAttempt)), timeout]);
  clearTimeout(timer);
}

function sumStats(publishers: readonly DevicePublisher[], simNowMs: number, schedulerErrors: number): SimulationStats {
  let online = 0;
  let published = 0;
  let errors = schedulerErrors;
  let dropped = 0;
  let lastError: string | undefined;
  for (const publisher of publishers) {
    const s = publisher.stats();
    online += s.online ? 1 : 0;
    published += s.published;
    errors += s.errors;
    dropped += s.dropped;
    lastError = s.lastError ?? lastError;
  }
  return { devices: publishers.length, online, published, errors, dropped, simNowMs, ...(lastError === undefined ? {} : { lastError }) };
}
