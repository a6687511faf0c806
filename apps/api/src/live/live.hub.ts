import type { LiveBatch, LiveValue, ParsedTopic } from '@plantwatch/contracts';
import { ancestorKeys, type PlantIndex, type ValidEnvelope } from '@plantwatch/domain';

/** The latest value of one device series. */
export interface Latest {
  readonly device: string;
  readonly series: string;
  readonly rooms: readonly string[];
  envelope: ValidEnvelope;
}

/** A device's series (`meta`, `telemetry/profile` …) with their latest values. */
export type DeviceSeries = ReadonlyMap<string, Latest>;

/**
 * Keeps the latest value of every device series and, once per tick, hands each watched
 * hierarchy node (room) one batch with what changed under it: at most one update per series
 * per tick, whatever the publish rate (ARCHITECTURE.md §4).
 */
export class LiveHub {
  /** By device key, then series; every plant device has its map from the start (roll-ups hold on to it). */
  private readonly byDevice = new Map<string, Map<string, Latest>>();
  private readonly dirty = new Set<Latest>();

  constructor(private readonly plant: PlantIndex) {
    for (const device of plant.devices) this.byDevice.set(device.key, new Map());
  }

  /** Records a validated message; cheap: no allocation beyond the first value of a series. */
  update(topic: ParsedTopic, envelope: ValidEnvelope): void {
    const bySeries = this.mapOf(topic.deviceKey);
    let entry = bySeries.get(topic.series);
    if (!entry) {
      entry = { device: topic.deviceKey, series: topic.series, rooms: ancestorKeys(topic), envelope };
      bySeries.set(topic.series, entry);
    }
    // Late (replayed) data never replaces a newer live value.
    if (envelope.ts < entry.envelope.ts) return;
    entry.envelope = envelope;
    this.dirty.add(entry);
  }

  /** The latest value object of one device series (`meta`, `telemetry/profile` …). */
  latestValue(device: string, series: string): Readonly<Record<string, unknown>> | undefined {
    return this.byDevice.get(device)?.get(series)?.envelope.v;
  }

  /** Every series of a device with its latest value; the same map for the device's lifetime. */
  seriesOf(device: string): DeviceSeries {
    return this.mapOf(device);
  }

  /** Batches for the rooms that have watchers; clears the dirty set. */
  drain(isWatched: (room: string) => boolean, now: number): LiveBatch[] {
    const batches = new Map<string, LiveValue[]>();
    for (const entry of this.dirty) {
      for (const room of entry.rooms) {
        if (!isWatched(room)) continue;
        let values = batches.get(room);
        if (!values) batches.set(room, (values = []));
        values.push(toLiveValue(entry, now));
      }
    }
    this.dirty.clear();
    return [...batches].map(([node, values]) => ({ node, values }));
  }

  /** Everything currently known under a node: sent on join so a screen is never blank. */
  snapshot(node: string, now: number): LiveBatch {
    const values: LiveValue[] = [];
    for (const bySeries of this.byDevice.values()) for (const entry of bySeries.values()) if (entry.rooms.includes(node)) values.push(toLiveValue(entry, now));
    return { node, values };
  }

  private mapOf(device: string): Map<string, Latest> {
    let bySeries = this.byDevice.get(device);
    if (!bySeries) this.byDevice.set(device, (bySeries = new Map()));
    return bySeries;
  }

  /** Whether a node key names a node of the plant (or the whole plant, ''). */
  devicesUnder(node: string): number {
    return this.plant.devices.filter((d) => d.key === node || d.key.startsWith(`${node}/`)).length;
  }
}

function toLiveValue(entry: Latest, now: number): LiveValue {
  const { envelope } = entry;
  return {
    device: entry.device,
    series: entry.series,
    ts: envelope.ts,
    ...(envelope.seq === undefined ? {} : { seq: envelope.seq }),
    ...(envelope.q === undefined ? {} : { q: envelope.q }),
    v: envelope.v,
    ageMs: Math.max(0, now - envelope.ts),
    ...(envelope.stale === true ? { stale: true as const } : {}),
  };
}
