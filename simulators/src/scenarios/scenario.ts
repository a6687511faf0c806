import type { DeviceType } from '@plantwatch/contracts';

/** Scale knobs a scenario understands (load tests grow the plant with them). */
export interface ScenarioOptions {
  /** Number of tunnel kilns; when set, kilns are numbered tk01…tkNN. */
  readonly kilns?: number;
}

/** A device as a scenario lays it out: everything but its secret. */
export interface ScenarioDevice {
  readonly key: string;
  readonly type: DeviceType;
  readonly name: string;
  readonly nameZh?: string;
  readonly via?: string;
}

/** A scenario's plant: hierarchy labels and devices (domain.md §4). */
export interface PlantLayout {
  /** Display names of hierarchy nodes by node key (`jytd/yq-baiquan/firing`). */
  readonly nodes: Readonly<Record<string, { readonly name: string; readonly nameZh?: string }>>;
  readonly devices: readonly ScenarioDevice[];
}

/** A named simulation scenario (domain.md §4). Pure and deterministic: no secrets, no I/O. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  layout(options: ScenarioOptions): PlantLayout;
}

/** Backend services that get MQTT credentials in every plant (ARCHITECTURE.md §1). */
export const PLANT_SERVICES = ['ingest', 'api', 'alarms'] as const;
