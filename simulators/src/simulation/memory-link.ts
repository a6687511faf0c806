import type { Link, LinkCounters, LinkFactory, LinkMessage, LinkSpec } from './link.js';

/** What the in-memory "broker" does with each message: record it, count it, or both. */
export interface MemoryNetworkOptions {
  /** Keep every message in {@link MemoryNetwork.messages} (tests). Default true. */
  readonly record?: boolean;
  /** Called with every accepted message (counting per device in tests and the benchmark). */
  readonly tap?: (message: LinkMessage) => void;
}

/** Does an MQTT topic filter (`+`, `#`) match a topic? */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * An in-process stand-in for the broker (tests, `--broker null`, the benchmark): links connect
 * synchronously, every publish lands in one ordered stream, retained messages are kept per
 * topic, a dropped link's Last Will is "published" at once, and {@link MemoryNetwork.deliver}
 * routes a message (a command) to the links subscribed to it. Deterministic by construction.
 */
export class MemoryNetwork {
  readonly messages: LinkMessage[] = [];
  readonly retained = new Map<string, string>();
  count = 0;
  bytes = 0;
  private readonly record: boolean;
  private readonly tap: ((message: LinkMessage) => void) | undefined;
  private readonly links: MemoryLink[] = [];

  constructor(options: MemoryNetworkOptions = {}) {
    this.record = options.record ?? true;
    this.tap = options.tap;
  }

  /** The factory the runtime opens its links with. */
  readonly factory: LinkFactory = (spec) => {
    const link = new MemoryLink(spec, this);
    this.links.push(link);
    return link;
  };

  /** Accepts one message from a link. */
  accept(message: LinkMessage): void {
    this.count++;
    this.bytes += message.payload.length;
    if (this.record) this.messages.push(message);
    if (message.retain) this.retained.set(message.topic, message.payload);
    this.tap?.(message);
  }

  /** Delivers `payload` on `topic` to every connected link subscribed to it; returns how many. */
  deliver(topic: string, payload: string): number {
    let delivered = 0;
    for (const link of this.links) if (link.receive(topic, payload)) delivered++;
    return delivered;
  }

  /** The link of a connection owner (device or gateway key). */
  link(ownerKey: string): MemoryLink | undefined {
    return this.links.find((l) => l.spec.ownerKey === ownerKey);
  }
}

/** One in-memory connection. */
export class MemoryLink implements Link {
  up = false;
  readonly firstAttempt = Promise.resolve(true);
  private readonly upHandlers: (() => void)[] = [];
  private messageHandler: ((topic: string, payload: string) => void) | undefined;
  private filters: readonly string[] = [];
  private readonly tally = { published: 0, errors: 0, dropped: 0 };
  private closed = false;

  constructor(
    readonly spec: LinkSpec,
    private readonly network: MemoryNetwork,
  ) {}

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
    if (this.closed) return;
    this.up = true;
    for (const handler of this.upHandlers) handler();
  }
  publish(topic: string, payload: string, qos: 0 | 1, retain: boolean): void {
    if (!this.up) {
      this.tally.dropped++;
      return;
    }
    this.tally.published++;
    this.network.accept({ topic, payload, qos, retain });
  }
  drop(): void {
    if (!this.up) return;
    this.up = false;
    this.network.accept(this.spec.will());
  }
  restore(): void {
    if (!this.up) this.connect();
  }
  close(last: readonly LinkMessage[]): Promise<void> {
    for (const m of last) this.publish(m.topic, m.payload, m.qos, m.retain);
    this.up = false;
    this.closed = true;
    return Promise.resolve();
  }
  counters(): LinkCounters {
    return { ...this.tally };
  }
  /** Hands a delivered message to the handler when connected and subscribed. */
  receive(topic: string, payload: string): boolean {
    if (!this.up || this.messageHandler === undefined || !this.filters.some((f) => topicMatches(f, topic))) return false;
    this.messageHandler(topic, payload);
    return true;
  }
}
