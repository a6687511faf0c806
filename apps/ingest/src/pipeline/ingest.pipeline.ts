import type { PlantIndex } from '@plantwatch/domain';
import type { TelemetryStore } from '@plantwatch/store';
import { decode } from './decode.stage.js';
import { DurableWriter, type DurableWriterOptions } from './durable-writer.js';
import { IngestStats } from './ingest-stats.js';
import type { Spool } from './spool.js';

export interface IngestPipelineOptions extends DurableWriterOptions {
  readonly maxPayloadBytes: number;
}

/**
 * decode → validate → enrich → batch → store (STYLE.md §8). A refused message becomes a
 * counted dead letter with its reason; it never throws and never blocks good data.
 */
export class IngestPipeline {
  readonly stats = new IngestStats();
  private readonly writer: DurableWriter;

  constructor(
    private readonly plant: PlantIndex,
    store: TelemetryStore,
    spool: Spool,
    private readonly options: IngestPipelineOptions,
  ) {
    this.writer = new DurableWriter(store, spool, this.stats, options);
  }

  /** Takes one MQTT message; `data` is the transport's JSON parse of it (or the raw text). */
  accept(topic: string, data: unknown, payload: Buffer, receivedAt = Date.now()): void {
    this.stats.received++;
    const result = decode(topic, data, payload, receivedAt, { plant: this.plant, maxPayloadBytes: this.options.maxPayloadBytes });
    if (result.ok) {
      this.stats.accepted++;
      this.stats.recordLatency(this.stats.latency.received, result.point, receivedAt);
      this.writer.add(result.point);
      return;
    }
    this.stats.deadLettered[result.deadLetter.reason]++;
    this.writer.addDeadLetter(result.deadLetter);
    this.options.log(`dead-lettered ${result.deadLetter.reason} on ${result.deadLetter.topic}: ${result.deadLetter.detail}`);
  }

  /** Resolves once everything accepted so far is stored or spooled. */
  untilDurable(): Promise<void> {
    return this.writer.flush();
  }

  snapshot(): Record<string, unknown> {
    return this.stats.snapshot({ spoolBacklog: this.writer.spoolBacklog, ts: Date.now() });
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
