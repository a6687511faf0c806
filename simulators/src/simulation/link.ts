/**
 * The transport port of the simulation runtime: one {@link Link} per MQTT connection (a direct
 * device, or a 5G gateway that carries its south devices, domain.md §3.1 `meta.via`). The MQTT
 * adapter speaks MQTT 3.1.1 to a broker; the in-memory adapter feeds tests and the benchmark.
 */

/** One outgoing or incoming message. */
export interface LinkMessage {
  readonly topic: string;
  /** JSON text. */
  readonly payload: string;
  readonly qos: 0 | 1;
  readonly retain: boolean;
}

/** How to open one connection (domain.md §3.2 session settings, §3.6 Last Will). */
export interface LinkSpec {
  /** Device key of the connection's owner (a device, or a gateway). */
  readonly ownerKey: string;
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  /** Retained `state {online:false, reason:"lwt"}` of the owner, built at each connect. */
  readonly will: () => LinkMessage;
  /** §3.2: 30 s, 5G gateways 60 s. */
  readonly keepaliveS: number;
}

/** Counters of one link. */
export interface LinkCounters {
  readonly published: number;
  readonly errors: number;
  /** QoS 0 messages not sent because the link was down. */
  readonly dropped: number;
  readonly lastError?: string;
}

/** One connection of the simulation. Handlers are registered before {@link Link.connect}. */
export interface Link {
  /** True while the connection carries messages. */
  readonly up: boolean;
  /** Settles once the first connection attempt succeeded (true) or failed (false). */
  readonly firstAttempt: Promise<boolean>;
  /** Called on every (re)connect, before anything else is sent on it: the place for births. */
  onUp(handler: () => void): void;
  /** Called for every message the broker delivers (commands). */
  onMessage(handler: (topic: string, payload: string) => void): void;
  /** Subscriptions (QoS 1), made on every connect. Call before {@link Link.connect}. */
  subscribe(filters: readonly string[]): void;
  connect(): void;
  publish(topic: string, payload: string, qos: 0 | 1, retain: boolean): void;
  /**
   * The uplink is lost without a DISCONNECT (radio outage noticed by the broker's keepalive):
   * the broker publishes the Last Will; no reconnect until {@link Link.restore}.
   */
  drop(): void;
  /** Reconnects after {@link Link.drop}. */
  restore(): void;
  /** Publishes `last` (retained shutdown states) when connected, then disconnects cleanly. */
  close(last: readonly LinkMessage[]): Promise<void>;
  counters(): LinkCounters;
}

/** Opens links; the runtime calls it once per connection. */
export type LinkFactory = (spec: LinkSpec) => Link;
