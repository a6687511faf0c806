import type { DeviceType } from '@plantwatch/contracts';

/** Everything one `plant-load` invocation does (parsed and checked by the CLI). */
export interface LoadConfig {
  /** Scenarios to run at real rate (steady run); empty = no steady run. */
  readonly scenarios: readonly string[];
  readonly scenarioSet: Readonly<Record<string, number | string | boolean>>;
  readonly durationMs: number;
  /** Offered rates of the ramp [msg/s]; empty = no ramp. */
  readonly rampRates: readonly number[];
  readonly stepMs: number;
  /** Refining steps after each ramp, between the knee and the first step that did not hold. */
  readonly refineSteps: number;
  readonly p99BoundMs: number;
  readonly fleetDevices: number;
  readonly fleetType: DeviceType;
  readonly qos: 0 | 1;
  readonly store: 'influx' | 'embedded';
  readonly influxUrl: string;
  readonly baselines: { readonly relay: boolean; readonly influx: boolean };
  readonly influxBaselineSeconds: number;
  readonly profile: boolean;
  /** Hierarchy nodes the headless one-map clients watch; default: the busiest lines / the fleet's first cell. */
  readonly socketNodes?: readonly string[];
  readonly out: string;
  /** Hard bound on the whole invocation [ms]; past it everything stops and the partial report is written. */
  readonly maxMs: number;
  readonly seed: number;
  /** The command line, for the report. */
  readonly command: string;
}
