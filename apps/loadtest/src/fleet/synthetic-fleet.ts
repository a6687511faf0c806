import { connect, type MqttClient } from 'mqtt';
import type { PayloadTemplate } from './payload-template.js';

/** Publishing tick [ms]: the fleet's rate is spread over ticks, round-robin over devices. */
const TICK_MS = 10;
/** A connection with more than this unsent in its socket is skipped (the broker is pushing back). */
const MAX_BUFFERED_BYTES = 256 * 1024;

export interface FleetOptions {
  readonly brokerUrl: string;
  readonly keys: readonly string[];
  readonly template: PayloadTemplate;
  readonly qos: 0 | 1;
  /** Credentials per device (a plantwatch broker); none for a bare broker. */
  readonly credentials?: (key: string) => { readonly username: string; readonly password: string };
  /** Connections opened at once. Default 50. */
  readonly connectConcurrency?: number;
}

/** What the fleet did so far (monotonic). */
export interface FleetCounters {
  /** Messages handed to a connection. */
  readonly sent: number;
  /** Of those, written to the socket (QoS 0) or acknowledged by the broker (QoS 1). */
  readonly published: number;
  readonly errors: number;
  /** Messages due that were not sent: the connection was down or its socket backed up. */
  readonly skipped: number;
  readonly connected: number;
  readonly lastError?: string;
}

/**
 * N devices, each its own MQTT connection with its own credentials, publishing a template
 * payload at a settable total rate (round-robin, `seq` per device from 0, `ts` = send time).
 * Allocation-light: one string per message, no per-message closures beyond mqtt.js's own.
 */
export class SyntheticFleet {
  private readonly clients: MqttClient[] = [];
  private readonly topics: string[];
  private readonly seq: Int32Array;
  private rate = 0;
  private due = 0;
  private cursor = 0;
  private last = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly tally = { sent: 0, published: 0, errors: 0, skipped: 0 };
  private lastError: string | undefined;
  private readonly onWritten = (error?: Error): void => {
    if (error) this.fail(error);
    else this.tally.published++;
  };

  private constructor(private readonly options: FleetOptions) {
    this.topics = options.keys.map((key) => `uns/v1/${key}/${options.template.suffix}`);
    this.seq = new Int32Array(options.keys.length);
  }

  /** Connects every device (in waves) and resolves once each has connected or failed once. */
  static async connect(options: FleetOptions): Promise<SyntheticFleet> {
    const fleet = new SyntheticFleet(options);
    const wave = options.connectConcurrency ?? 50;
    for (let i = 0; i < options.keys.length; i += wave) {
      await Promise.all(options.keys.slice(i, i + wave).map((key, j) => fleet.open(key, i + j)));
    }
    return fleet;
  }

  /** Total messages per second over the fleet; 0 pauses. */
  setRate(perS: number): void {
    if (!Number.isFinite(perS) || perS < 0) throw new RangeError(`rate must be ≥ 0 msg/s, got ${perS}`);
    this.rate = perS;
    this.due = 0;
    this.last = performance.now();
    if (perS > 0 && this.timer === undefined) this.timer = setInterval(() => this.tick(), TICK_MS);
    if (perS === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  counters(): FleetCounters {
    const connected = this.clients.reduce((n, c) => n + (c.connected ? 1 : 0), 0);
    return { ...this.tally, connected, ...(this.lastError === undefined ? {} : { lastError: this.lastError }) };
  }

  async close(): Promise<void> {
    this.setRate(0);
    await Promise.all(this.clients.map((c) => c.endAsync(true).catch(() => undefined)));
  }

  private open(key: string, index: number): Promise<void> {
    const credentials = this.options.credentials?.(key);
    const client = connect(this.options.brokerUrl, {
      protocolVersion: 4,
      clientId: `load-${index}-${process.pid}`,
      ...(credentials ?? {}),
      clean: true,
      keepalive: 60,
      reconnectPeriod: 2_000,
      connectTimeout: 30_000,
      queueQoSZero: false,
    });
    this.clients[index] = client;
    client.on('error', (error) => this.fail(error));
    return new Promise((resolve) => {
      client.once('connect', () => resolve());
      client.once('close', () => resolve());
    });
  }

  private tick(): void {
    const now = performance.now();
    const budget = this.rate; // at most one second of backlog: a stalled loop does not burst
    this.due = Math.min(this.due + (this.rate * (now - this.last)) / 1000, budget);
    this.last = now;
    const n = this.clients.length;
    const { qos, template } = this.options;
    const options = { qos };
    while (this.due >= 1) {
      this.due--;
      const i = this.cursor;
      this.cursor = i + 1 === n ? 0 : i + 1;
      const client = this.clients[i];
      if (client === undefined || !client.connected || (client.stream?.writableLength ?? 0) > MAX_BUFFERED_BYTES) {
        this.tally.skipped++;
        continue;
      }
      const seq = this.seq[i] ?? 0;
      this.seq[i] = seq + 1;
      this.tally.sent++;
      client.publish(this.topics[i] ?? '', template.payload(Date.now(), seq), options, this.onWritten);
    }
  }

  private fail(error: Error): void {
    this.tally.errors++;
    this.lastError = error.message;
  }
}
