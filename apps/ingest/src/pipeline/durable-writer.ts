import type { TelemetryPoint } from '@plantwatch/domain';
import { isPermanentStoreError, type DeadLetter, type TelemetryStore } from '@plantwatch/store';
import type { IngestStats } from './ingest-stats.js';
import type { Batch, Spool } from './spool.js';

export interface DurableWriterOptions {
  /** Flush at least this often (ms). */
  readonly batchMs: number;
  /** Flush as soon as this many points are pending. */
  readonly batchMax: number;
  /** How often to retry the store while the spool holds a backlog (ms). */
  readonly retryMs: number;
  readonly log: (message: string) => void;
}

/**
 * Batches accepted points and dead letters into the store. A batch the store refuses goes to
 * the disk spool and is replayed later, so nothing accepted is lost. Flushes and replays run
 * one at a time on one promise chain; {@link flush} resolves once everything added before the
 * call is durable (stored or spooled) — ingest acknowledges QoS 1 messages only then.
 */
export class DurableWriter {
  private pending: Batch = { points: [], deadLetters: [] };
  private chain: Promise<void> = Promise.resolve();
  private queuedFlush: Promise<void> | undefined;
  private readonly flushTimer: NodeJS.Timeout;
  private readonly replayTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: TelemetryStore,
    private readonly spool: Spool,
    private readonly stats: IngestStats,
    private readonly options: DurableWriterOptions,
  ) {
    this.flushTimer = setInterval(() => void this.flush(), options.batchMs);
    this.replayTimer = setInterval(() => this.scheduleReplay(), options.retryMs);
    this.scheduleReplay();
  }

  add(point: TelemetryPoint): void {
    this.pending.points.push(point);
    if (this.pending.points.length >= this.options.batchMax) void this.flush();
  }

  addDeadLetter(record: DeadLetter): void {
    this.pending.deadLetters.push(record);
  }

  get spoolBacklog(): number {
    return this.spool.backlog;
  }

  /**
   * Resolves once everything added so far is in the store or in the spool. Group commit: while a
   * write is in flight, every flush asked for meanwhile shares one queued write that takes all
   * points pending when it starts (a QoS 1 burst costs one store round-trip, not one each).
   */
  flush(): Promise<void> {
    if (this.queuedFlush !== undefined) return this.queuedFlush;
    if (this.pending.points.length === 0 && this.pending.deadLetters.length === 0) return this.chain;
    const queued = this.chain
      .then(() => {
        this.queuedFlush = undefined;
        const batch = this.pending;
        this.pending = { points: [], deadLetters: [] };
        return this.persist(batch);
      })
      .catch((error: unknown) => this.options.log(`flush failed: ${String(error)}`));
    this.queuedFlush = queued;
    this.chain = queued;
    return queued;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.flushTimer);
    clearInterval(this.replayTimer);
    await this.flush();
  }

  /**
   * Persists `batch` in parts of at most `batchMax` points: a burst that piled up behind a slow
   * write (group commit takes everything pending) must not become one huge request — a store
   * could time it out, and it would go to the spool whole (bursts of 300,000 points pile up at
   * 26,000 msg/s in a load run).
   */
  private async persist(batch: Batch): Promise<void> {
    const max = this.options.batchMax;
    for (let i = 0; i === 0 || i < batch.points.length; i += max) {
      await this.persistPart({ points: batch.points.length <= max ? batch.points : batch.points.slice(i, i + max), deadLetters: i === 0 ? batch.deadLetters : [] });
    }
  }

  private async persistPart(batch: Batch): Promise<void> {
    if (this.spool.backlog === 0) {
      try {
        await this.writeToStore(batch);
        this.countStored(batch);
        return;
      } catch (error) {
        if (this.dropIfPermanent(error, batch)) return;
        this.stats.storeErrors++;
        this.options.log(`store write failed, spooling ${batch.points.length} points: ${String(error)}`);
      }
    }
    await this.appendToSpool(batch);
  }

  private countStored(batch: Batch): void {
    this.stats.stored += batch.points.length;
    const now = Date.now();
    for (const point of batch.points) this.stats.recordStored(point, now);
  }

  /**
   * Data the store will never take (e.g. an InfluxDB field type conflict) must not block the
   * spool forever: it is counted and logged loudly instead. ingest's schema checks make this rare.
   */
  private dropIfPermanent(error: unknown, batch: Batch): boolean {
    if (!isPermanentStoreError(error)) return false;
    this.stats.storeRejected += batch.points.length;
    this.options.log(`store rejected a batch of ${batch.points.length} points for good (not retried): ${String(error)}`);
    return true;
  }

  private async writeToStore(batch: Batch): Promise<void> {
    if (batch.points.length > 0) await this.store.write(batch.points);
    if (batch.deadLetters.length > 0) await this.store.writeDeadLetters(batch.deadLetters);
  }

  /** The spool is the last line: retry with backoff until the disk takes it (the MQTT stream waits). */
  private async appendToSpool(batch: Batch): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.spool.append(batch);
        this.stats.spooled += batch.points.length;
        return;
      } catch (error) {
        this.options.log(`spool append failed (attempt ${attempt + 1}): ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 100 * 2 ** attempt)));
      }
    }
  }

  private scheduleReplay(): void {
    if (this.closed || this.spool.backlog === 0) return;
    this.chain = this.chain.then(() => this.replay()).catch((error: unknown) => this.options.log(`replay failed: ${String(error)}`));
  }

  private async replay(): Promise<void> {
    try {
      while (this.spool.backlog > 0) {
        const n = await this.spool.replayOldest(async (batch: Batch) => {
          try {
            await this.writeToStore(batch);
          } catch (error) {
            if (!this.dropIfPermanent(error, batch)) throw error;
            return;
          }
          this.stats.replayed += batch.points.length;
          this.countStored(batch);
        });
        if (n === 0) break;
        this.options.log(`replayed ${n} spooled batches; ${this.spool.backlog} left`);
      }
    } catch (error) {
      this.stats.storeErrors++;
      this.options.log(`store still unavailable, ${this.spool.backlog} batches spooled: ${String(error)}`);
    }
  }
}

