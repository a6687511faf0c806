import { createHash } from 'node:crypto';
import { buildTopic, parseDeviceKey, type DeviceMeta, type DevicePath, type DeviceState, type MessageClass } from '@plantwatch/contracts';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Clock } from '../kit/clock.js';

/** Options of {@link DevicePublisher}. */
export interface DevicePublisherOptions {
  readonly brokerUrl: string;
  /** Device key; also the MQTT username. */
  readonly deviceKey: string;
  /** The device's secret from secrets.json (its MQTT password). */
  readonly password: string;
  /** Gives `ts` of birth, death and will payloads. */
  readonly clock: Clock;
  /** Birth certificate published retained on every connect (domain.md §3.6). */
  readonly meta: (nowMs: number) => DeviceMeta;
  /** MQTT keepalive [s] (§3.2: 30 s). */
  readonly keepaliveS?: number;
  /** Delay between reconnect attempts [ms]. Default 2,000. */
  readonly reconnectPeriodMs?: number;
}

/** Counters of one device connection. */
export interface PublisherStats {
  readonly online: boolean;
  /** Messages the client library confirmed as sent (QoS 0 written, QoS 1 acknowledged). */
  readonly published: number;
  readonly errors: number;
  /** Telemetry not sent because the device was offline (QoS 0 is never queued). */
  readonly dropped: number;
  readonly lastError?: string;
}

/** Bound on a clean shutdown before the connection is cut [ms]. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** Short, stable MQTT client id of a device: 23 characters from [0-9a-z] (MQTT 3.1.1 §3.1.3.1). */
export function deviceClientId(deviceKey: string): string {
  return `d${createHash('sha256').update(deviceKey).digest('hex').slice(0, 22)}`;
}

/**
 * One simulated device's MQTT connection (domain.md §3.2, §3.6): MQTT 3.1.1, persistent session,
 * Last Will = retained QoS 1 `state {online:false, reason:"lwt"}`; on every connect it publishes
 * retained QoS 1 `meta` then `state {online:true}`; on {@link stop} a retained
 * `state {online:false, reason:"shutdown"}` and a clean DISCONNECT (which discards the will).
 */
export class DevicePublisher {
  private readonly client: MqttClient;
  private readonly path: DevicePath;
  private readonly counters = { published: 0, errors: 0, dropped: 0 };
  private lastError: string | undefined;
  /** Settles on the first connect (true) or the first failed attempt (false). */
  readonly firstAttempt: Promise<boolean>;

  constructor(private readonly options: DevicePublisherOptions) {
    this.path = parseDeviceKey(options.deviceKey);
    this.client = connect(options.brokerUrl, this.clientOptions());
    this.client.on('connect', () => this.birth());
    this.client.on('reconnect', () => {
      this.client.options.will = this.will();
    });
    this.client.on('error', (error) => this.fail(error));
    this.firstAttempt = new Promise((resolve) => {
      this.client.once('connect', () => resolve(true));
      this.client.once('close', () => resolve(false));
    });
  }

  /** Publishes `payload` on this device's `cls[/sub]` topic; QoS 0 is dropped while offline. */
  publish(cls: MessageClass, sub: readonly string[], payload: object, qos: 0 | 1, retain = false): void {
    if (qos === 0 && !this.client.connected) {
      this.counters.dropped++;
      return;
    }
    const topic = buildTopic({ ...this.path, cls, sub });
    this.client.publish(topic, JSON.stringify(payload), { qos, retain }, (error) => {
      if (error) this.fail(error);
      else this.counters.published++;
    });
  }

  stats(): PublisherStats {
    return { online: this.client.connected, ...this.counters, ...(this.lastError === undefined ? {} : { lastError: this.lastError }) };
  }

  /** Publishes the retained shutdown state (when connected) and disconnects cleanly. */
  async stop(): Promise<void> {
    const client = this.client;
    if (client.connected) {
      const state: DeviceState = { ts: this.options.clock.now(), v: { online: false, reason: 'shutdown' } };
      const topic = buildTopic({ ...this.path, cls: 'state' });
      await withTimeout(client.publishAsync(topic, JSON.stringify(state), { qos: 1, retain: true }), SHUTDOWN_TIMEOUT_MS).then(
        () => this.counters.published++,
        (error: unknown) => this.fail(error),
      );
    }
    await withTimeout(client.endAsync(!client.connected), SHUTDOWN_TIMEOUT_MS).catch(() => client.endAsync(true));
  }

  private clientOptions(): IClientOptions {
    return {
      protocolVersion: 4,
      clientId: deviceClientId(this.options.deviceKey),
      username: this.options.deviceKey,
      password: this.options.password,
      keepalive: this.options.keepaliveS ?? 30,
      clean: false,
      reconnectPeriod: this.options.reconnectPeriodMs ?? 2_000,
      queueQoSZero: false,
      will: this.will(),
    };
  }

  /** §3.6 item 2: the will is retained `state {online:false, reason:"lwt"}`. */
  private will(): NonNullable<IClientOptions['will']> {
    const payload: DeviceState = { ts: this.options.clock.now(), v: { online: false, reason: 'lwt' } };
    return { topic: buildTopic({ ...this.path, cls: 'state' }), payload: Buffer.from(JSON.stringify(payload)), qos: 1, retain: true };
  }

  /** §3.6 item 1: retained meta, then retained state online, on every (re)connect. */
  private birth(): void {
    const now = this.options.clock.now();
    const state: DeviceState = { ts: now, v: { online: true, mode: 'auto' } };
    this.publish('meta', [], this.options.meta(now), 1, true);
    this.publish('state', [], state, 1, true);
  }

  private fail(error: unknown): void {
    this.counters.errors++;
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
