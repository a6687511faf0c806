import { randomBytes } from 'node:crypto';
import { PlantIndex, type PlantDevice, type PlantModel } from '@plantwatch/domain';
import { hashSecret, type Secrets } from '@plantwatch/platform';
import { scenarioByName } from './registry.js';
import { PLANT_SERVICES, type Scenario, type ScenarioOptions } from './scenario.js';

/** A generated plant: the shareable model (hashes only) and the secrets that stay with devices. */
export interface GeneratedPlant {
  readonly model: PlantModel;
  readonly secrets: Secrets;
}

/**
 * A fresh random 256-bit secret, base64url. Always from node:crypto, never from the simulation
 * seed: a seed is shared and reproducible, a password must not be.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Turns a scenario into a {@link PlantModel} plus {@link Secrets}: every device and service
 * (ingest, api, alarms) gets a random secret; the model carries only `hashSecret(secret)`.
 * The model is checked with the domain's {@link PlantIndex} before it is returned.
 */
export function generatePlant(scenario: Scenario | string, options: ScenarioOptions = {}): GeneratedPlant {
  const chosen = typeof scenario === 'string' ? scenarioByName(scenario) : scenario;
  const layout = chosen.layout(options);
  const secrets: Secrets = { devices: {}, services: {} };
  const devices: PlantDevice[] = layout.devices.map((device) => {
    const secret = newSecret();
    secrets.devices[device.key] = secret;
    return { ...device, secretSha256: hashSecret(secret) };
  });
  const services = PLANT_SERVICES.map((name) => {
    const secret = newSecret();
    secrets.services[name] = secret;
    return { name, secretSha256: hashSecret(secret) };
  });
  const model: PlantModel = { version: 1, name: chosen.name, nodes: layout.nodes, devices, services };
  new PlantIndex(model);
  return { model, secrets };
}
