import { SVC_TOPICS } from '@plantwatch/contracts';
import type { HistogramSnapshot } from '@plantwatch/domain';
import { connect, type MqttClient } from 'mqtt';

/** The part of ingest's `svc/v1/ingest/stats` a load run reads. */
export interface IngestSnapshot {
  readonly ts: number;
  readonly received: number;
  readonly stored: number;
  /** Gateway backfill stream points stored (not in the latency histograms). */
  readonly storedBackfill: number;
  readonly spooled: number;
  readonly storeErrors: number;
  readonly spoolBacklog: number;
  readonly deadLettered: Readonly<Record<string, number>>;
  readonly latency: { readonly received: HistogramSnapshot; readonly stored: HistogramSnapshot };
}

/** Broker counters the load run reports as overload signals (`$SYS/plantwatch/broker/stats`). */
export interface BrokerSnapshot {
  readonly clientsConnected: number;
  readonly rateLimited: number;
  /** Chunks whose reading waited for aedes' delivery backlog (broker-wide back-pressure). */
  readonly ingressHeld?: number;
  readonly publishDenied: number;
  readonly authFailures: number;
}

const BROKER_STATS_TOPIC = '$SYS/plantwatch/broker/stats';

/**
 * Follows ingest's stats (published every INGEST_STATS_MS, retained) and the broker's counters,
 * with service credentials: ingest counters and the latency histograms of the ingest and stored
 * hops; broker throttling.
 */
export class StackStatsProbe {
  private latest: IngestSnapshot | undefined;
  /** The broker's latest counters, when it publishes them. */
  broker: BrokerSnapshot | undefined;
  private waiters: { after: number; resolve: (s: IngestSnapshot) => void }[] = [];

  private constructor(private readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      if (topic === BROKER_STATS_TOPIC) {
        this.broker = parseJson(payload.toString()) as BrokerSnapshot | undefined;
        return;
      }
      const snapshot = parseSnapshot(payload.toString());
      if (snapshot === undefined) return;
      this.latest = snapshot;
      this.waiters = this.waiters.filter((w) => (snapshot.ts > w.after ? (w.resolve(snapshot), false) : true));
    });
  }

  static async start(brokerUrl: string, username: string, password: string): Promise<StackStatsProbe> {
    const client = connect(brokerUrl, { protocolVersion: 4, clientId: `plantwatch-load-stats-${process.pid}`, username, password, clean: true, reconnectPeriod: 1_000 });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const probe = new StackStatsProbe(client);
    await client.subscribeAsync([SVC_TOPICS.ingestStats, BROKER_STATS_TOPIC], { qos: 0 });
    return probe;
  }

  /**
   * The first snapshot taken after `afterMs` (epoch), waiting at most `timeoutMs`; past that the
   * latest one (a dead or stuck ingest must end a measurement, not hang it), or an error when
   * ingest never reported at all.
   */
  next(afterMs: number, timeoutMs = 5_000): Promise<IngestSnapshot> {
    if (this.latest !== undefined && this.latest.ts > afterMs) return Promise.resolve(this.latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (this.latest !== undefined) resolve(this.latest);
        else reject(new Error(`ingest published no stats for ${timeoutMs / 1000} s — is it running (INGEST_STATS_MS)?`));
      }, timeoutMs);
      const waiter = {
        after: afterMs,
        resolve: (s: IngestSnapshot) => {
          clearTimeout(timer);
          resolve(s);
        },
      };
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true).catch(() => undefined);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseSnapshot(text: string): IngestSnapshot | undefined {
  const value = parseJson(text) as Partial<IngestSnapshot> | undefined;
  if (typeof value?.ts !== 'number' || typeof value.stored !== 'number' || value.latency?.stored === undefined) return undefined;
  return value as IngestSnapshot;
}
