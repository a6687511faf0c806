/**
 * Status roll-ups along the ISA-95 hierarchy (one-map badges): what the api computes from the
 * latest state/telemetry/alarm of every device, and sends to the views that show it.
 */
export const ALARM_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

/** Liveness of one device: `stale` = online but silent for longer than its own rhythm allows. */
export type DeviceLiveness = 'online' | 'offline' | 'stale' | 'unknown';

export interface AlarmCounts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
}

/** One hierarchy node's roll-up (site, area, line …). */
export interface NodeRollup {
  readonly key: string;
  readonly devices: number;
  readonly online: number;
  readonly offline: number;
  readonly stale: number;
  readonly unknown: number;
  /** Active alarms (any state but normal) by priority. */
  readonly alarms: AlarmCounts;
  readonly unacked: number;
  /** Fired output estimated from car pushes [t/day] (kilns), when any. */
  readonly outputTpd?: number;
  /** Parts finished in the last hour (discrete lines), when any. */
  readonly partsPerH?: number;
  /** Electric power of the node's meters [kW], when any. */
  readonly powerKw?: number;
  /** Fuel gas flow [Nm³/h], when any. */
  readonly gasNm3h?: number;
}

/** One device's status for floor plans: liveness, age, worst alarm and a few badge values. */
export interface DeviceStatus {
  readonly key: string;
  readonly status: DeviceLiveness;
  /** Age of the newest message from the device [ms], null when never heard. */
  readonly ageMs: number | null;
  readonly alarm?: AlarmPriority;
  readonly badge?: Readonly<Record<string, number | string | boolean | null>>;
}

/** An active alarm as the banner shows it (domain.md §3.4 alarm payload). */
export interface ActiveAlarm {
  readonly id: string;
  readonly device: string;
  readonly code: string;
  readonly sev: AlarmPriority;
  readonly state: string;
  readonly msg?: string;
  readonly msgZh?: string;
  readonly ts: number;
}

export interface AlarmSummary {
  readonly counts: AlarmCounts;
  readonly unacked: number;
  /** Highest-priority, then oldest, unacknowledged active alarm. */
  readonly top?: ActiveAlarm;
}
