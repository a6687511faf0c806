import type { MtbfSpec, TimelineEntry } from '../faults/fault-schedule.js';
import type { DeviceParams } from '../models/device-factory.js';
import type { PeriodRule } from '../simulation/device-runtime.js';
import type { GroupSummary } from './expand-scenario.js';

type Scalar = number | string | boolean;

/** Knobs a scenario understands (domain.md §5; load tests grow or shrink the plant with them). */
export interface ScenarioOptions {
  /** Skeleton only: number of tunnel kilns; when set, kilns are numbered tk01…tkNN. */
  readonly kilns?: number;
  /** Data-file knob overrides (`scale`, `digitalised`, `gateways` …), see each file's `knobs`. */
  readonly set?: Readonly<Record<string, Scalar>>;
}

/** A device as a scenario lays it out: everything but its secret. `type` is validated at generation. */
export interface ScenarioDevice {
  readonly key: string;
  readonly type: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly via?: string;
  /** Index of the data-file group it came from ({@link PlantLayout.groups}); not part of the plant model. */
  readonly group?: number;
}

/** A scenario's plant: hierarchy labels, devices, and what the run needs beyond the plant model. */
export interface PlantLayout {
  /** Display names of hierarchy nodes by node key (`jytd/yq-baiquan/firing`). */
  readonly nodes: Readonly<Record<string, { readonly name: string; readonly nameZh?: string }>>;
  readonly devices: readonly ScenarioDevice[];
  /** Scenario parameters by device key (gateway cell, CNC vibration channel …). */
  readonly params?: Readonly<Record<string, DeviceParams>>;
  /** Publish-period overrides (scoped to the scenario's enterprises). */
  readonly periods?: readonly PeriodRule[];
  readonly timeline?: readonly TimelineEntry[];
  readonly mtbf?: readonly MtbfSpec[];
  /** Timeline rows the backend drives (not injected by the simulator). */
  readonly notes?: readonly string[];
  readonly knobs?: Readonly<Record<string, Scalar>>;
  /** Group sizes and msg/s budgets (domain.md §4), for the size/rate tests and `list`. */
  readonly groups?: readonly GroupSummary[];
  readonly expect?: readonly { readonly scenario: string; readonly msgPerS: number | readonly [number, number] }[];
}

/** A named simulation scenario (domain.md §4). Pure and deterministic: no secrets, no I/O. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  layout(options: ScenarioOptions): PlantLayout;
}

/** Backend services that get MQTT credentials in every plant (ARCHITECTURE.md §1); `probe` is the load runner's measuring subscriber (plant-load). */
export const PLANT_SERVICES = ['ingest', 'api', 'alarms', 'probe'] as const;
