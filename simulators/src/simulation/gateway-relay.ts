import type { Clock } from '../kit/clock.js';
import type { Scheduler, TaskHandle } from '../kit/scheduler.js';
import type { GatewayControl } from '../models/gateway/gateway-control.js';
import type { DeviceRuntime } from './device-runtime.js';
import type { Link, LinkMessage } from './link.js';

/** How long a gateway waits for an unanswering south device before reporting it offline [ms]. */
export const COMM_LOSS_DETECT_MS = 15_000;

/** Options of {@link GatewayRelay}. */
export interface GatewayRelayOptions {
  /** Bound of the store-and-forward buffer [messages]; the oldest are dropped beyond it. */
  readonly bufferMsgs: number;
  /** Buffered messages replayed per radio tick after reconnect (§2.4.2: replay at 5–10×). */
  readonly replayPerTick: number;
}

/** Counters of one relay. */
export interface RelayCounters {
  forwarded: number;
  buffered: number;
  replayed: number;
  /** Dropped because the buffer was full (oldest first): these leave seq gaps. */
  overflow: number;
  /** Data of devices the gateway could not read (powered off, south device lost). */
  lost: number;
}

/**
 * A 5G gateway's single MQTT connection, shared by the gateway and its south devices
 * (domain.md §2.4, §3.1 `meta.via`, §3.6). While the uplink is down it stores messages (bounded)
 * and, 1.5 × keepalive into an outage, has the broker notice (Last Will); when the uplink is back
 * it re-births itself and every south device, then replays the backlog in order with the original
 * `ts` and `seq`, marked `stale: true` and not retained (the birth holds the current snapshot).
 * It reports a south device that stops answering as `state {online:false, reason:"comm_loss"}`.
 */
export class GatewayRelay {
  readonly counters: RelayCounters = { forwarded: 0, buffered: 0, replayed: 0, overflow: 0, lost: 0 };
  private readonly queue: LinkMessage[] = [];
  private head = 0;
  private outageSince: number | undefined;
  private dropTask: TaskHandle | undefined;
  private linkDropped = false;
  private readonly lost = new Map<string, { reported: boolean; task: TaskHandle }>();

  constructor(
    private readonly gateway: DeviceRuntime & { readonly control: GatewayControl },
    private readonly south: readonly DeviceRuntime[],
    private readonly link: Link,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly options: GatewayRelayOptions,
  ) {
    link.onUp(() => this.onLinkUp());
  }

  /** Messages waiting in the buffer. */
  get backlog(): number {
    return this.queue.length - this.head;
  }

  /** South devices currently answering. */
  get southOnline(): number {
    return this.south.length - this.lost.size;
  }

  /** Outlet of the gateway (`from` undefined) and of each south device. */
  forward(topic: string, payload: string, qos: 0 | 1, retain: boolean, from?: string): void {
    const control = this.gateway.control;
    if (!control.collecting() || (from !== undefined && this.lost.has(from))) {
      this.counters.lost++;
      return;
    }
    const offset = control.clockOffsetMs();
    const message = { topic, payload: offset === 0 ? payload : shiftTs(payload, offset), qos, retain };
    if (this.backlog === 0 && control.uplinkUp() && this.link.up) {
      this.counters.forwarded++;
      this.link.publish(topic, message.payload, qos, retain);
    } else this.enqueue(message);
  }

  /** After each gateway step (the 1 s radio tick): outage bookkeeping and replay. */
  tick(nowMs: number): void {
    const up = this.gateway.control.uplinkUp();
    if (!up && this.outageSince === undefined) this.outageStarted(nowMs);
    if (up && this.outageSince !== undefined) this.outageEnded();
    if (up && this.link.up) this.replay(this.options.replayPerTick);
    this.gateway.control.report({ bufMsgs: this.backlog, south: this.south.length, southOn: this.southOnline });
  }

  /** DEV_COMM_LOSS (§2.4.6): the device stops answering; reported offline after a poll timeout. */
  southLost(key: string): void {
    if (this.lost.has(key)) return;
    const device = this.south.find((d) => d.key === key);
    if (device === undefined) return;
    const entry = { reported: false, task: this.scheduler.at(this.clock.now() + COMM_LOSS_DETECT_MS, (due) => {
      entry.reported = true;
      const m = device.offlineMessage(due, 'comm_loss');
      this.forward(m.topic, m.payload, m.qos, m.retain);
    }) };
    this.lost.set(key, entry);
  }

  /** The south device answers again: re-birth it if it had been reported offline. */
  southBack(key: string): void {
    const entry = this.lost.get(key);
    if (entry === undefined) return;
    this.lost.delete(key);
    this.scheduler.cancel(entry.task);
    const device = this.south.find((d) => d.key === key);
    if (!entry.reported || device === undefined) return;
    for (const m of device.birthMessages(this.clock.now())) this.forward(m.topic, m.payload, m.qos, m.retain);
  }

  private outageStarted(nowMs: number): void {
    this.outageSince = nowMs;
    // §2.4.5: the broker publishes the will ≈ 1.5 × keepalive after the gateway vanished.
    this.dropTask = this.scheduler.at(nowMs + 1.5 * this.gateway.control.keepaliveS * 1000, () => {
      this.linkDropped = true;
      this.link.drop();
    });
  }

  private outageEnded(): void {
    this.outageSince = undefined;
    if (this.dropTask !== undefined) this.scheduler.cancel(this.dropTask);
    this.dropTask = undefined;
    if (!this.linkDropped) return;
    this.linkDropped = false;
    this.gateway.control.reconnected();
    this.link.restore();
  }

  /** Births of the gateway and its answering south devices on every (re)connect, then replay. */
  private onLinkUp(): void {
    const now = this.clock.now();
    const births = [this.gateway, ...this.south].flatMap((d) => {
      const lost = this.lost.get(d.key);
      if (lost === undefined) return d.birthMessages(now);
      return lost.reported ? [d.offlineMessage(now, 'comm_loss')] : [];
    });
    for (const m of births) this.link.publish(m.topic, m.payload, m.qos, m.retain);
    if (this.gateway.control.uplinkUp()) this.replay(this.options.replayPerTick);
  }

  private enqueue(message: LinkMessage): void {
    this.counters.buffered++;
    this.queue.push(message);
    if (this.backlog > this.options.bufferMsgs) {
      this.head++;
      this.counters.overflow++;
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private replay(max: number): void {
    for (let n = 0; n < max && this.backlog > 0 && this.link.up; n++) {
      const m = this.queue[this.head++] as LinkMessage;
      this.counters.replayed++;
      this.link.publish(m.topic, markStale(m.topic, m.payload), m.qos, false);
    }
    if (this.backlog === 0) {
      this.queue.length = 0;
      this.head = 0;
    }
  }
}

/** Classes whose payload is the §3.3 envelope (state, meta and command answers are snapshots). */
const ENVELOPE_CLASSES: ReadonlySet<string> = new Set(['telemetry', 'event', 'alarm']);

/**
 * `{…}` → `{…,"stale":true}` for envelope classes (§3.3: set by gateways when replaying buffered
 * data); snapshots (`state`, `meta`, `cmd/…/res`) have no `stale` field and pass unchanged.
 */
export function markStale(topic: string, payload: string): string {
  const cls = topic.split('/', 9)[8] ?? '';
  return ENVELOPE_CLASSES.has(cls) && payload.endsWith('}') ? `${payload.slice(0, -1)},"stale":true}` : payload;
}

/** Adds `offsetMs` to the first (envelope) `ts` of a JSON payload. */
export function shiftTs(payload: string, offsetMs: number): string {
  return payload.replace(/"ts":(\d+)/, (_, ts: string) => `"ts":${Number(ts) + offsetMs}`);
}
