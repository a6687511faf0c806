/**
 * plant-sim: seeded plant simulators publishing over MQTT (domain.md §2, §3, §4).
 * What other parts (e2e tests, load tests, the launcher) need to run a simulated plant in-process.
 */
export { RealClock, VirtualClock, type Clock, type RealClockOptions, type TimerHandle } from './kit/clock.js';
export { fnv1a, Rng } from './kit/rng.js';
export { Scheduler, type ScheduledTask, type SchedulerOptions, type TaskHandle } from './kit/scheduler.js';
export { SEQ_MODULUS, SequenceCounter } from './kit/sequence.js';
export { Ar1Noise, clamp, interpolate, lag, lagFactor, ProcessSignal, quantise, type Knots, type ProcessSignalSpec } from './kit/signal.js';
export { createSimDevice, isSimulated, type DeviceContext, type DeviceParams } from './models/device-factory.js';
export { gatewayDevice, GATEWAY_KEEPALIVE_S, GATEWAY_TICK_MS } from './models/gateway/gateway.device.js';
export { isGatewaySimDevice, type GatewayControl, type GatewaySimDevice } from './models/gateway/gateway-control.js';
export type { CommandDecision, CommandHandler, CommandOutcome, DeviceStream, FaultHandler, SimDevice } from './models/sim-device.js';
export { TUNNEL_KILN_PERIODS, tunnelKilnDevice, type TunnelKilnDeviceOptions } from './models/kiln/tunnel-kiln.device.js';
export { TUNNEL_KILN_SCHEMA_VERSION, TUNNEL_KILN_UNITS, TunnelKilnModel, zeroCrossingM, type TunnelKilnModelOptions } from './models/kiln/tunnel-kiln.model.js';
export { o2FromLambda, TUNNEL_KILN_DEFAULTS, type TunnelKilnParams } from './models/kiln/tunnel-kiln.params.js';
export { deviceClientId } from './mqtt/client-id.js';
export { MqttLink, mqttLinkFactory, type MqttLinkOptions } from './mqtt/mqtt-link.js';
export type { Link, LinkFactory, LinkMessage, LinkSpec } from './simulation/link.js';
export { MemoryLink, MemoryNetwork, topicMatches } from './simulation/memory-link.js';
export { CMD_ID_CACHE_MS, CommandDispatcher } from './simulation/command-dispatcher.js';
export { COMM_LOSS_DETECT_MS, markStale } from './simulation/gateway-relay.js';
export type { PeriodOverrides, PeriodRule } from './simulation/device-runtime.js';
export { FaultError, FaultInjector, type FaultTarget, type InjectRequest } from './faults/fault-injector.js';
export { selectTargets, type FaultSelector, type MtbfSpec, type TimelineEntry } from './faults/fault-schedule.js';
export { JsonlGroundTruthFile, type GroundTruthRecord, type GroundTruthSink } from './faults/ground-truth.js';
export { runStepped } from './kit/stepped-driver.js';
export { asUsageError, parseDuration, parseList, parseNumber, parseSet, UsageError } from './cli/args.js';
export { generatePlant, newSecret, type GeneratedPlant, type ScenarioRuntime } from './scenarios/generate-plant.js';
export { LAYOUT_FILE, loadScenarioRuntime, PLANT_FILE, PlantFilesError, SCENARIO_FILE, SECRETS_FILE, writePlantFiles, type PlantFiles } from './scenarios/plant-files.js';
export { PLANNED_DEVICE_TYPES, typeStatus } from './scenarios/device-types.js';
export { layoutHints, type LayoutRect } from './scenarios/layout-hints.js';
export type { ExpandedScenario, GroupSummary } from './scenarios/expand-scenario.js';
export { SCENARIO_DIR, scenarioByName, scenarioNames } from './scenarios/registry.js';
export { PLANT_SERVICES, type PlantLayout, type Scenario, type ScenarioDevice, type ScenarioOptions } from './scenarios/scenario.js';
export { MAX_KILNS, skeletonScenario } from './scenarios/skeleton.scenario.js';
export {
  selectDevices,
  SimulationError,
  startSimulation,
  type Simulation,
  type SimulationErrorCode,
  type SimulationOptions,
  type SimulationPlan,
  type SimulationStats,
} from './simulation/start-simulation.js';
