import type { DeviceLiveness } from '@plantwatch/contracts';

/** What the api remembers of one device for roll-ups (not the values: LiveHub has those). */
interface DeviceFacts {
  /** Retained `state.online`; undefined until the first state. */
  online?: boolean;
  /** Server time of the last telemetry/event [ms]. */
  lastRxAt?: number;
  /** Smoothed interval between telemetry messages [ms]. */
  intervalMs?: number;
  /** Source time of the newest message [ms]. */
  lastTs?: number;
  /** Last car push interval [min] (kilns: output estimate). */
  pushIntervalMin?: number;
  /** Server times of `part_done` events within the last hour. */
  parts?: number[];
}

/** A device is stale when silent for this many of its own intervals … */
const STALE_INTERVALS = 3;
/** … and at least this long [ms]. */
const STALE_MIN_MS = 15_000;
const HOUR_MS = 3_600_000;

/**
 * Liveness and production facts of every device, updated on each message: online/offline from
 * the retained `state` (Last Will included, domain.md §3.6), stale from the device's own
 * rhythm (silent for 3 of its telemetry intervals), car pushes and finished parts for output.
 */
export class DeviceBook {
  private readonly facts = new Map<string, DeviceFacts>();

  private get(device: string): DeviceFacts {
    let facts = this.facts.get(device);
    if (!facts) this.facts.set(device, (facts = {}));
    return facts;
  }

  onState(device: string, v: Readonly<Record<string, unknown>>, ts: number): void {
    const facts = this.get(device);
    if (typeof v['online'] === 'boolean') facts.online = v['online'];
    facts.lastTs = Math.max(facts.lastTs ?? 0, ts);
  }

  onTelemetry(device: string, ts: number, now: number): void {
    const facts = this.get(device);
    if (facts.lastRxAt !== undefined) {
      const gap = now - facts.lastRxAt;
      if (gap > 50) facts.intervalMs = facts.intervalMs === undefined ? gap : 0.8 * facts.intervalMs + 0.2 * Math.min(gap, 10 * facts.intervalMs);
    }
    facts.lastRxAt = now;
    facts.lastTs = Math.max(facts.lastTs ?? 0, ts);
  }

  onEvent(device: string, v: Readonly<Record<string, unknown>>, ts: number, now: number): void {
    const facts = this.get(device);
    facts.lastTs = Math.max(facts.lastTs ?? 0, ts);
    if (v['type'] === 'car_pushed' && typeof v['intervalMin'] === 'number' && v['intervalMin'] > 0) facts.pushIntervalMin = v['intervalMin'];
    if (v['type'] === 'part_done') (facts.parts ??= []).push(now);
  }

  liveness(device: string, now: number): DeviceLiveness {
    const facts = this.facts.get(device);
    if (!facts || (facts.online === undefined && facts.lastRxAt === undefined)) return 'unknown';
    if (facts.online === false) return 'offline';
    if (facts.lastRxAt !== undefined && facts.intervalMs !== undefined && now - facts.lastRxAt > Math.max(STALE_MIN_MS, STALE_INTERVALS * facts.intervalMs)) return 'stale';
    return 'online';
  }

  /** Age of the newest message [ms], null when never heard. */
  ageMs(device: string, now: number): number | null {
    const ts = this.facts.get(device)?.lastTs;
    return ts === undefined ? null : Math.max(0, now - ts);
  }

  pushIntervalMin(device: string): number | undefined {
    return this.facts.get(device)?.pushIntervalMin;
  }

  /** `part_done` events of the last hour. */
  partsLastHour(device: string, now: number): number | undefined {
    const facts = this.facts.get(device);
    if (!facts?.parts) return undefined;
    while (facts.parts.length > 0 && (facts.parts[0] ?? now) < now - HOUR_MS) facts.parts.shift();
    return facts.parts.length;
  }
}
