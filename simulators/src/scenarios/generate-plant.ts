import { randomBytes } from 'node:crypto';
import { type DeviceType } from '@plantwatch/contracts';
import { PlantIndex, type PlantDevice, type PlantModel } from '@plantwatch/domain';
import { hashSecret, type Secrets } from '@plantwatch/platform';
import type { SimulationPlan } from '../simulation/start-simulation.js';
import { typeStatus } from './device-types.js';
import type { GroupSummary } from './expand-scenario.js';
import { layoutHints, type LayoutRect } from './layout-hints.js';
import { scenarioByName } from './registry.js';
import { PLANT_SERVICES, type PlantLayout, type Scenario, type ScenarioOptions } from './scenario.js';

/** What a run needs beyond the plant model: written beside plant.json as scenario.json. */
export interface ScenarioRuntime {
  readonly scenarios: readonly string[];
  readonly plan: SimulationPlan;
  readonly knobs: Readonly<Record<string, number | string | boolean>>;
  readonly groups: readonly GroupSummary[];
  readonly expect: PlantLayout['expect'];
  readonly notes: readonly string[];
  /** Devices left out because their type has no schemas yet, by type (never silent). */
  readonly skipped: Readonly<Record<string, number>>;
}

/** A generated plant: the shareable model (hashes only), the secrets, run-time data and map hints. */
export interface GeneratedPlant {
  readonly model: PlantModel;
  readonly secrets: Secrets;
  readonly runtime: ScenarioRuntime;
  /** Layout hints by node key (proposed `PlantModel.layout`, see docs/simulators.md). */
  readonly layout: Readonly<Record<string, LayoutRect>>;
}

/**
 * A fresh random 256-bit secret, base64url. Always from node:crypto, never from the simulation
 * seed: a seed is shared and reproducible, a password must not be.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function merge(layouts: readonly PlantLayout[]): PlantLayout {
  if (layouts.length === 1) return layouts[0] as PlantLayout;
  const all = <K extends keyof PlantLayout>(k: K) => layouts.flatMap((l) => (l[k] ?? []) as never[]);
  return {
    nodes: Object.assign({}, ...layouts.map((l) => l.nodes)) as PlantLayout['nodes'],
    devices: all('devices'),
    params: Object.assign({}, ...layouts.map((l) => l.params ?? {})) as PlantLayout['params'],
    periods: all('periods'),
    timeline: all('timeline'),
    mtbf: all('mtbf'),
    notes: all('notes'),
    knobs: Object.assign({}, ...layouts.map((l) => l.knobs ?? {})) as PlantLayout['knobs'],
    groups: all('groups'),
    expect: all('expect'),
  };
}

/** §4.2 H7: a digitalised plant tells every model so (MTBF ×2 in the models that read it). */
function digitalise(params: NonNullable<PlantLayout['params']>, devices: readonly PlantDevice[]): NonNullable<PlantLayout['params']> {
  return Object.fromEntries(devices.map((d) => [d.key, { ...params[d.key], digitalised: true }]));
}

/** Keeps devices of registered types; counts planned ones as skipped; rejects unknown types. */
function registeredDevices(layout: PlantLayout, skipped: Record<string, number>): PlantLayout['devices'] {
  return layout.devices.filter((device) => {
    const status = typeStatus(device.type);
    if (status === 'unknown') throw new RangeError(`device ${device.key}: unknown device type ${JSON.stringify(device.type)}`);
    if (status === 'planned') skipped[device.type] = (skipped[device.type] ?? 0) + 1;
    return status === 'registered';
  });
}

/**
 * Turns one or more scenarios into a {@link PlantModel} plus {@link Secrets}, the run-time data
 * (parameters, periods, timeline, MTBF) and layout hints. Every device and service (ingest, api,
 * alarms) gets a random secret; the model carries only `hashSecret(secret)`. Devices whose type
 * has no registered schemas yet are left out and listed in `runtime.skipped`. The model is
 * checked with the domain's {@link PlantIndex} before it is returned.
 */
export function generatePlant(scenario: Scenario | string | readonly (Scenario | string)[], options: ScenarioOptions = {}): GeneratedPlant {
  const list: readonly (Scenario | string)[] = Array.isArray(scenario) ? scenario : [scenario as Scenario | string];
  const chosen = list.map((s) => (typeof s === 'string' ? scenarioByName(s) : s));
  const layout = merge(chosen.map((s) => s.layout(options)));
  const skipped: Record<string, number> = {};
  const secrets: Secrets = { devices: {}, services: {} };
  const devices: PlantDevice[] = registeredDevices(layout, skipped).map((laid) => {
    const device = { key: laid.key, type: laid.type, name: laid.name, ...(laid.nameZh === undefined ? {} : { nameZh: laid.nameZh }), ...(laid.via === undefined ? {} : { via: laid.via }) };
    const secret = newSecret();
    secrets.devices[device.key] = secret;
    return { ...device, type: device.type as DeviceType, secretSha256: hashSecret(secret) };
  });
  const services = PLANT_SERVICES.map((name) => {
    const secret = newSecret();
    secrets.services[name] = secret;
    return { name, secretSha256: hashSecret(secret) };
  });
  const model: PlantModel = { version: 1, name: chosen.map((s) => s.name).join('+'), nodes: layout.nodes, devices, services };
  new PlantIndex(model);
  const knobs = layout.knobs ?? {};
  const params = knobs['digitalised'] === true ? digitalise(layout.params ?? {}, devices) : (layout.params ?? {});
  const plan: SimulationPlan = {
    params,
    periods: layout.periods ?? [],
    timeline: layout.timeline ?? [],
    mtbf: layout.mtbf ?? [],
    mtbfFactor: knobs['digitalised'] === true ? 2 : 1,
  };
  const runtime: ScenarioRuntime = { scenarios: chosen.map((s) => s.name), plan, knobs, groups: layout.groups ?? [], expect: layout.expect ?? [], notes: layout.notes ?? [], skipped };
  return { model, secrets, runtime, layout: layoutHints(devices.map((d) => d.key)) };
}
