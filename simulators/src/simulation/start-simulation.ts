import type { PlantDevice, PlantModel } from '@plantwatch/domain';
import type { Secrets } from '@plantwatch/platform';
import { FaultInjector, type FaultTarget } from '../faults/fault-injector.js';
import { scheduleTimeline, startRandomFaults, type MtbfSpec, type TimelineEntry } from '../faults/fault-schedule.js';
import type { GroundTruthSink } from '../faults/ground-truth.js';
import { ModelFaultRelay } from '../faults/model-fault-relay.js';
import { RealClock, type Clock } from '../kit/clock.js';
import { Scheduler } from '../kit/scheduler.js';
import { createSimDevice, isSimulated, sharedMemo, type DeviceContext, type DeviceParams } from '../models/device-factory.js';
import type { SimDevice } from '../models/sim-device.js';
import { mqttLinkFactory } from '../mqtt/mqtt-link.js';
import { assemble, faultsOf, type Connection } from './assemble.js';
import type { PeriodOverrides } from './device-runtime.js';
import type { LinkFactory } from './link.js';
import { sumStats, type SimulationStats } from './simulation-stats.js';

export type { SimulationStats } from './simulation-stats.js';

/** What a scenario adds to a plant at run time (domain.md §4, §5). */
export interface SimulationPlan {
  /** Scenario parameters by device key (gateway cell, radio spot …). */
  readonly params?: Readonly<Record<string, DeviceParams>>;
  readonly periods?: PeriodOverrides;
  readonly timeline?: readonly TimelineEntry[];
  readonly mtbf?: readonly MtbfSpec[];
  /** Multiplies every MTBF (§4.2 H7: digitalised plant = 2). Default 1. */
  readonly mtbfFactor?: number;
  /** Store-and-forward bound per gateway [messages] (§2.4.3 bufMsgs). Default 50,000. */
  readonly gatewayBufferMsgs?: number;
  /** Buffered messages a gateway replays per second after reconnect. Default 200. */
  readonly replayPerTick?: number;
}

/** Options of {@link startSimulation}. */
export interface SimulationOptions {
  /** e.g. `mqtt://127.0.0.1:1883`; needed unless `links` is given. */
  readonly brokerUrl?: string;
  /** Transport; default MQTT to `brokerUrl` (tests and the benchmark pass an in-memory one). */
  readonly links?: LinkFactory;
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
  /** MQTT keepalive of directly connected devices [s]. Default 30 (domain.md §3.2). */
  readonly keepaliveS?: number;
  /** Wall-clock bound on waiting for the first connection attempts [ms]. Default 10,000. */
  readonly connectWaitMs?: number;
  readonly plan?: SimulationPlan;
  /** Receives the ground truth of every injected fault (e.g. a JSONL file). */
  readonly groundTruth?: GroundTruthSink;
}

/** A running simulation. */
export interface Simulation {
  /** Keys of the devices being simulated. */
  readonly devices: readonly string[];
  /** Fault injection and ground truth (timeline, CLI, random MTBF/MTTR). */
  readonly faults: FaultInjector;
  readonly clock: Clock;
  /** Stops publishing, sends each device's retained shutdown state and disconnects. Idempotent. */
  stop(): Promise<void>;
  stats(): SimulationStats;
}

export type SimulationErrorCode = 'UNKNOWN_DEVICE' | 'NOT_SIMULATED' | 'MISSING_SECRET' | 'NO_DEVICES' | 'NO_BROKER';

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
 * Runs the simulated devices of a plant, in-process: one scheduler (one timer) drives every
 * device stream; each direct device has its own connection with its own credentials, and each
 * 5G gateway one connection for itself and its south devices (store-and-forward, §2.4, §3.6).
 * Resolves once every connection has made its first attempt (or `connectWaitMs` ran out).
 */
export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const chosen = selectDevices(options.model, options.secrets, options.devices);
  const links = options.links ?? (options.brokerUrl === undefined ? fail('NO_BROKER', 'startSimulation needs brokerUrl or links') : mqttLinkFactory({ brokerUrl: options.brokerUrl }));
  const clock = options.clock ?? new RealClock({ speed: options.speed ?? 1 });
  const seed = options.seed ?? 42;
  const failures = { count: 0, last: undefined as string | undefined };
  const scheduler = new Scheduler(clock, {
    onError: (error) => {
      failures.count++;
      failures.last = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    },
  });
  const plan = options.plan ?? {};
  const modelFaults = new ModelFaultRelay(); // models' own faults → ground truth, once the injector exists
  const context: DeviceContext = {
    seed,
    startMs: clock.now(),
    shared: sharedMemo(),
    modelFaults,
    deviceParams: (key) => plan.params?.[key],
    ...(options.pushIntervalMs === undefined ? {} : { pushIntervalMs: options.pushIntervalMs }),
  };
  // Models read scenario parameters from `context.deviceParams` or, until PlantDevice has a
  // `params` field (proposed in docs/simulators.md), from `device.params`.
  const withParams = (plant: PlantDevice): PlantDevice => (plan.params?.[plant.key] === undefined ? plant : ({ ...plant, params: plan.params[plant.key] } as PlantDevice));
  const devices = chosen.map((plant) => ({ plant, sim: createSimDevice(withParams(plant), context) as SimDevice }));
  const connections = assemble({
    devices,
    passwords: options.secrets.devices,
    links,
    scheduler,
    clock,
    keepaliveS: options.keepaliveS ?? 30,
    relay: { bufferMsgs: plan.gatewayBufferMsgs ?? 50_000, replayPerTick: plan.replayPerTick ?? 200 },
  });
  for (const c of connections) c.link.connect();
  await firstAttempts(connections, options.connectWaitMs ?? 10_000);
  const startMs = clock.now();
  for (const c of connections) for (const runtime of c.carried) runtime.schedule(scheduler, startMs, plan.periods);
  const faults = new FaultInjector(faultTargets(connections, plan), scheduler, clock, options.groundTruth);
  modelFaults.attach(faults);
  scheduleTimeline(faults, scheduler, startMs, plan.timeline ?? [], seed);
  startRandomFaults(faults, scheduler, startMs, plan.mtbf ?? [], seed, plan.mtbfFactor ?? 1);
  let stopping: Promise<void> | undefined;
  return {
    devices: chosen.map((d) => d.key),
    faults,
    clock,
    stop: () => {
      scheduler.stop();
      stopping ??= Promise.all(connections.map((c) => c.link.close(c.carried.map((r) => r.offlineMessage(clock.now(), 'shutdown'))))).then(() => undefined);
      return stopping;
    },
    stats: () => sumStats(connections, clock.now(), failures, faults),
  };
}

function faultTargets(connections: readonly Connection[], plan: SimulationPlan): FaultTarget[] {
  return connections.flatMap((c) =>
    c.carried.map((runtime) => ({ key: runtime.key, type: runtime.sim.type, faults: faultsOf(runtime, c.relay), ...(plan.params?.[runtime.key] === undefined ? {} : { params: plan.params[runtime.key] }) })),
  );
}

/** Waits (wall-clock, at most `waitMs`) until every link has connected or failed once. */
async function firstAttempts(connections: readonly Connection[], waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([Promise.all(connections.map((c) => c.link.firstAttempt)), timeout]);
  clearTimeout(timer);
}
