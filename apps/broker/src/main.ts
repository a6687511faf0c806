/**
 * Process entry of the broker: config from the environment (broker.config.ts), plant model,
 * broker; one log line when listening; SIGINT/SIGTERM close it cleanly.
 */
import { loadConfig, loadPlantModel, runService } from '@plantwatch/platform';
import { brokerEnvSchema, brokerOptionsFromEnv } from './broker.config.js';
import { createBroker } from './broker.js';

async function main(): Promise<() => Promise<void>> {
  const env = loadConfig(brokerEnvSchema);
  const plant = await loadPlantModel(env.PLANTWATCH_PLANT_MODEL);
  const broker = await createBroker(brokerOptionsFromEnv(env, plant));
  const ws = broker.wsPort === null ? 'off' : `${broker.wsPort} (path /mqtt)`;
  console.log(`broker: listening on ${env.BROKER_HOST}, mqtt tcp ${broker.tcpPort}, ws ${ws}; ${plant.devices.length} devices, ${plant.model.services.length} services`);

  return () => broker.close();
}

runService('broker', main);
