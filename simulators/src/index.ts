/**
 * plant-sim: seeded plant simulators publishing over MQTT (domain.md §2, §3, §4).
 * What other parts (e2e tests, load tests, the launcher) need to run a simulated plant in-process.
 */
export { RealClock, VirtualClock, type Clock, type RealClockOptions, type TimerHandle } from './kit/clock.js';
export { fnv1a, Rng } from './kit/rng.js';
export { Scheduler, type ScheduledTask, type SchedulerOptions, type TaskHandle } from './kit/scheduler.js';
export { SEQ_MODULUS, SequenceCounter } from './kit/sequence.js';
export { Ar1Noise, clamp, interpolate, lag, lagFactor, ProcessSignal, quantise, type Knots, type ProcessSignalSpec } from './kit/signal.js';
export { createSimDevice, isSimulated, type DeviceContext } from './models/device-factory.js';
export type { DeviceStream, SimDevice } from './models/sim-device.js';
export { TUNNEL_KILN_PERIODS, tunnelKilnDevice, type TunnelKilnDeviceOptions } from './models/kiln/tunnel-kiln.device.js';
export { TUNNEL_KILN_SCHEMA_VERSION, TUNNEL_KILN_UNITS, TunnelKilnModel, zeroCrossingM, type TunnelKilnModelOptions } from './models/kiln/tunnel-kiln.model.js';
export { o2FromLambda, TUNNEL_KILN_DEFAULTS, type TunnelKilnParams } from './models/kiln/tunnel-kiln.params.js';
export { deviceClientId, DevicePublisher, type DevicePublisherOptions, type PublisherStats } from './mqtt/device-publisher.js';
export { generatePlant, newSecret, type GeneratedPlant } from './scenarios/generate-plant.js';
export { PLANT_FILE, PlantFilesError, SECRETS_FILE, writePlantFiles, type PlantFiles } from './scenarios/plant-files.js';
export { scenarioByName, SCENARIOS } from './scenarios/registry.js';
export { PLANT_SERVICES, type PlantLayout, type Scenario, type ScenarioDevice, type ScenarioOptions } from './scenarios/scenario.js';
export { MAX_KILNS, skeletonScenario } from './scenarios/skeleton.scenario.js';
export {
  selectDevices,
  SimulationError,
  startSimulation,
  type Simulation,
  type SimulationErrorCode,
  type SimulationOptions,
  type SimulationStats,
} from './simulation/start-simulation.js';
