import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Link, LinkCounters, LinkFactory, LinkMessage, LinkSpec } from '../simulation/link.js';

/** Bound on a clean shutdown before the connection is cut [ms]. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** Options shared by every {@link MqttLink} of a simulation. */
export interface MqttLinkOptions {
  readonly brokerUrl: string;
  /** Delay between reconnect attempts [ms]. Default 2,000. */
  readonly reconnectPeriodMs?: number;
}

/** A {@link LinkFactory} that opens MQTT 3.1.1 connections to one broker. */
export function mqttLinkFactory(options: MqttLinkOptions): LinkFactory {
  return (spec) => new MqttLink(spec, options);
}

/**
 * One MQTT 3.1.1 connection (domain.md §3.2, §3.6): persistent session (clean = false, so QoS 1
 * commands queue while a gateway is away), Last Will = the owner's retained
 * `state {online:false, reason:"lwt"}`, QoS 0 dropped while offline (never queued).
 * {@link MqttLink.drop} cuts the socket without DISCONNECT, so the broker fires the will, as it
 * does when a 5G uplink dies (§2.4.5).
 */
export class MqttLink implements Link {
  private client: MqttClient | undefined;
  private readonly upHandlers: (() => void)[] = [];
  private messageHandler: ((topic: string, payload: string) => void) | undefined;
  private filters: string[] = [];
  private readonly tally = { published: 0, errors: 0, dropped: 0 };
  private lastError: string | undefined;
  private settle: (ok: boolean) => void = () => undefined;
  readonly firstAttempt: Promise<boolean>;

  constructor(
    private readonly spec: LinkSpec,
    private readonly options: MqttLinkOptions,
  ) {
    this.firstAttempt = new Promise((resolve) => (this.settle = resolve));
  }

  get up(): boolean {
    return this.client?.connected === true;
  }

  onUp(handler: () => void): void {
    this.upHandlers.push(handler);
  }
  onMessage(handler: (topic: string, payload: string) => void): void {
    this.messageHandler = handler;
  }
  subscribe(filters: readonly string[]): void {
    this.filters = [...this.filters, ...filters];
  }

  connect(): void {
    const client = connect(this.options.brokerUrl, this.clientOptions());
    this.client = client;
    client.on('connect', (connack) => this.connected(client, connack.sessionPresent));
    client.on('reconnect', () => {
      client.options.will = this.will();
    });
    client.on('message', (topic, payload) => this.messageHandler?.(topic, payload.toString()));
    client.on('error', (error) => this.fail(error));
    client.once('close', () => this.settle(false));
  }

  publish(topic: string, payload: string, qos: 0 | 1, retain: boolean): void {
    const client = this.client;
    if (client === undefined || (qos === 0 && !client.connected)) {
      this.tally.dropped++;
      return;
    }
    client.publish(topic, payload, { qos, retain }, (error) => {
      if (error) this.fail(error);
      else this.tally.published++;
    });
  }

  drop(): void {
    this.client?.end(true);
  }

  restore(): void {
    const client = this.client;
    if (client === undefined || client.connected) return;
    client.options.will = this.will();
    client.reconnect();
  }

  async close(last: readonly LinkMessage[]): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    if (client.connected) {
      const sends = last.map((m) => client.publishAsync(m.topic, m.payload, { qos: m.qos, retain: m.retain }).then(() => this.tally.published++));
      await withTimeout(Promise.all(sends), SHUTDOWN_TIMEOUT_MS).catch((error: unknown) => this.fail(error));
    }
    await withTimeout(client.endAsync(!client.connected), SHUTDOWN_TIMEOUT_MS).catch(() => client.endAsync(true));
  }

  counters(): LinkCounters {
    return { ...this.tally, ...(this.lastError === undefined ? {} : { lastError: this.lastError }) };
  }

  private connected(client: MqttClient, sessionPresent: boolean): void {
    this.settle(true);
    if (this.filters.length > 0 && !sessionPresent) {
      client.subscribe(this.filters, { qos: 1 }, (error) => {
        if (error) this.fail(error);
      });
    }
    for (const handler of this.upHandlers) handler();
  }

  private clientOptions(): IClientOptions {
    return {
      protocolVersion: 4,
      clientId: this.spec.clientId,
      username: this.spec.username,
      password: this.spec.password,
      keepalive: this.spec.keepaliveS,
      clean: false,
      resubscribe: false,
      reconnectPeriod: this.options.reconnectPeriodMs ?? 2_000,
      queueQoSZero: false,
      will: this.will(),
    };
  }

  private will(): NonNullable<IClientOptions['will']> {
    const will = this.spec.will();
    return { topic: will.topic, payload: Buffer.from(will.payload), qos: will.qos, retain: will.retain };
  }

  private fail(error: unknown): void {
    this.tally.errors++;
    this.lastError = error instanceof Error ? error.message : String(error);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
