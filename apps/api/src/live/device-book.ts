import type { DeviceLiveness } from '@plantwatch/contracts';

/** A device is stale when silent for this many of its own intervals … */
const STALE_INTERVALS = 3;
/** … and at least this long [ms]. */
const STALE_MIN_MS = 15_000;
const HOUR_MS = 3_600_000;

/**
 * What the api remembers of one device for roll-ups (not the values: LiveHub has those):
 * online/offline from the retained `state` (Last Will included, domain.md §3.6), stale from the
 * device's own rhythm (silent for 3 of its telemetry intervals), car pushes and finished parts
 * for output.
 */
export class DeviceFacts {
  /** Retained `state.online`; undefined until the first state. */
  private online: boolean | undefined;
  /** Server time of the last telemetry/event [ms]. */
  private lastRxAt: number | undefined;
  /** Smoothed interval between telemetry messages [ms]. */
  private intervalMs: number | undefined;
  /** Source time of the newest message [ms]. */
  private lastTs: number | undefined;
  /** Server times of `part_done` events within the last hour. */
  private parts: number[] | undefined;
  /** Last car push interval [min] (kilns: output estimate). */
  pushIntervalMin: number | undefined;

  onState(v: Readonly<Record<string, unknown>>, ts: number): void {
    if (typeof v['online'] === 'boolean') this.online = v['online'];
    this.lastTs = Math.max(this.lastTs ?? 0, ts);
  }

  onTelemetry(ts: number, now: number): void {
    if (this.lastRxAt !== undefined) {
      const gap = now - this.lastRxAt;
      if (gap > 50) this.intervalMs = this.intervalMs === undefined ? gap : 0.8 * this.intervalMs + 0.2 * Math.min(gap, 10 * this.intervalMs);
    }
    this.lastRxAt = now;
    this.lastTs = Math.max(this.lastTs ?? 0, ts);
  }

  onEvent(v: Readonly<Record<string, unknown>>, ts: number, now: number): void {
    this.lastTs = Math.max(this.lastTs ?? 0, ts);
    if (v['type'] === 'car_pushed' && typeof v['intervalMin'] === 'number' && v['intervalMin'] > 0) this.pushIntervalMin = v['intervalMin'];
    if (v['type'] === 'part_done') (this.parts ??= []).push(now);
  }

  liveness(now: number): DeviceLiveness {
    if (this.online === undefined && this.lastRxAt === undefined) return 'unknown';
    if (this.online === false) return 'offline';
    if (this.lastRxAt !== undefined && this.intervalMs !== undefined && now - this.lastRxAt > Math.max(STALE_MIN_MS, STALE_INTERVALS * this.intervalMs)) return 'stale';
    return 'online';
  }

  /** Age of the newest message [ms], null when never heard. */
  ageMs(now: number): number | null {
    return this.lastTs === undefined ? null : Math.max(0, now - this.lastTs);
  }

  /** `part_done` events of the last hour. */
  partsLastHour(now: number): number | undefined {
    const parts = this.parts;
    if (!parts) return undefined;
    while (parts.length > 0 && (parts[0] ?? now) < now - HOUR_MS) parts.shift();
    return parts.length;
  }
}

/** The facts of every device, updated on each message; a device's facts object never changes (roll-ups hold on to it). */
export class DeviceBook {
  private readonly facts = new Map<string, DeviceFacts>();

  factsOf(device: string): DeviceFacts {
    let facts = this.facts.get(device);
    if (!facts) this.facts.set(device, (facts = new DeviceFacts()));
    return facts;
  }
}
