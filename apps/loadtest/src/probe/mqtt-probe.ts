import { LatencyHistogram, type HistogramSnapshot } from '@plantwatch/domain';
import { connect, type MqttClient } from 'mqtt';
import type { SeqAccounting } from '../report/load-report.js';
import { SeqTracker } from './seq-tracker.js';

/** `{"ts":…,"seq":…` at the head of a payload (simulators and the fleet write them first). */
const HEAD = /^\{"ts":(\d+),"seq":(\d+)/;

export interface ProbeOptions {
  readonly brokerUrl: string;
  readonly filters: readonly string[];
  readonly username?: string;
  readonly password?: string;
  readonly clientId?: string;
}

/**
 * A subscriber measuring the broker hop: source `ts` → received here, and loss / duplicates /
 * reordering from `seq` per topic. Gateway backfill (`stale`) is counted for `seq` but left out of
 * the latency. Retained messages are ignored (they are snapshots from before the run).
 */
export class MqttProbe {
  readonly latency = new LatencyHistogram();
  private readonly seq = new SeqTracker();
  private unparsable = 0;

  private constructor(private readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      if (packet.retain) return;
      this.take(topic, payload.toString());
    });
  }

  static async start(options: ProbeOptions): Promise<MqttProbe> {
    const client = connect(options.brokerUrl, {
      protocolVersion: 4,
      clientId: options.clientId ?? `plantwatch-load-probe-${process.pid}`,
      ...(options.username === undefined ? {} : { username: options.username, password: options.password ?? '' }),
      clean: true,
      reconnectPeriod: 1_000,
    });
    const probe = new MqttProbe(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const granted = await client.subscribeAsync([...options.filters], { qos: 0 });
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length > 0) throw new Error(`the broker refused the probe's subscriptions ${refused.map((g) => g.topic).join(', ')}`);
    return probe;
  }

  accounting(): SeqAccounting & { readonly unparsable: number } {
    return { ...this.seq.accounting(), unparsable: this.unparsable };
  }

  snapshot(): HistogramSnapshot {
    return this.latency.snapshot();
  }

  async close(): Promise<void> {
    await this.client.endAsync(true).catch(() => undefined);
  }

  private take(topic: string, text: string): void {
    const now = Date.now();
    const head = HEAD.exec(text);
    let ts: number;
    let seq: number;
    if (head !== null) {
      ts = Number(head[1]);
      seq = Number(head[2]);
    } else {
      const parsed = parse(text);
      if (parsed === undefined) {
        this.unparsable++;
        return;
      }
      if (parsed.seq === undefined) return; // a snapshot class (state, meta): no stream
      ({ ts, seq } = parsed as { ts: number; seq: number });
    }
    this.seq.see(topic, seq);
    if (!text.includes('"stale":true')) this.latency.record(now - ts);
  }
}

function parse(text: string): { ts: number; seq?: number } | undefined {
  try {
    const value = JSON.parse(text) as { ts?: unknown; seq?: unknown };
    if (typeof value.ts !== 'number') return undefined;
    return typeof value.seq === 'number' ? { ts: value.ts, seq: value.seq } : { ts: value.ts };
  } catch {
    return undefined;
  }
}
