import { buildTopic, parseDeviceKey, type DeviceState } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import type { Scheduler } from '../kit/scheduler.js';
import type { DeviceStream, SimDevice } from '../models/sim-device.js';
import { CommandDispatcher } from './command-dispatcher.js';
import type { LinkMessage } from './link.js';

/** Where a device's messages go: its own link, or its gateway's store-and-forward relay. */
export type Outlet = (topic: string, payload: string, qos: 0 | 1, retain: boolean) => void;

/**
 * A publish-period override from scenario data (domain.md §4 rates vs §2.7 defaults): devices of
 * `type` whose key starts with one of `within` (all when absent) publish `topic` (`class[/sub]`)
 * every `ms`.
 */
export interface PeriodRule {
  readonly type: string;
  readonly topic: string;
  readonly ms: number;
  readonly within?: readonly string[];
}
export type PeriodOverrides = readonly PeriodRule[];

/** How often a device without streams is checked for state changes and command outcomes [ms]. */
export const DEFAULT_STATE_POLL_MS = 5_000;

/**
 * Runs one {@link SimDevice}: schedules its streams, publishes its retained `state` when it
 * changes, answers its commands, and builds its birth, will and shutdown messages
 * (domain.md §3.2, §3.5, §3.6). Transport-agnostic: everything goes out through the outlet.
 */
export class DeviceRuntime {
  readonly prefix: string;
  readonly commands: CommandDispatcher | undefined;
  /** Called after every step (stream emission or state poll) with its simulated time. */
  afterStepHook: ((nowMs: number) => void) | undefined;
  private lastState: string | undefined;

  constructor(
    readonly sim: SimDevice,
    readonly device: PlantDevice,
    private readonly outlet: Outlet,
  ) {
    this.prefix = `uns/v1/${device.key}/`;
    parseDeviceKey(device.key);
    const handlers = sim.commands;
    this.commands = handlers === undefined ? undefined : new CommandDispatcher(handlers, (name, ack) => this.outlet(`${this.prefix}cmd/${name}/res`, JSON.stringify(ack), 1, false));
  }

  get key(): string {
    return this.device.key;
  }

  /** `…/cmd/+` when the device obeys commands. */
  commandFilters(): string[] {
    return this.commands === undefined ? [] : [`${this.prefix}cmd/+`];
  }

  /** Schedules every stream from `startMs` (plus a state poll for devices that need one). */
  schedule(scheduler: Scheduler, startMs: number, overrides?: PeriodOverrides): void {
    for (const stream of this.sim.streams) {
      const topic = buildTopic({ ...parseDeviceKey(this.key), cls: stream.cls, sub: stream.sub });
      const period = periodOf(stream, overrides, this.sim.type, this.key);
      scheduler.every(period, startMs + stream.firstAfterMs, (due) => this.emit(stream, topic, due));
    }
    const needsPoll = this.sim.state !== undefined || this.commands !== undefined;
    if (needsPoll && (this.sim.streams.length === 0 || this.sim.statePollMs !== undefined)) {
      const every = this.sim.statePollMs ?? DEFAULT_STATE_POLL_MS;
      scheduler.every(every, startMs + every, (due) => this.afterStep(due));
    }
  }

  /** Retained `meta` (with `via` for a south device) then retained `state {online:true}` (§3.6). */
  birthMessages(nowMs: number): LinkMessage[] {
    const meta = this.sim.meta(nowMs);
    const via = this.device.via;
    const withVia = via === undefined || meta.v.via !== undefined ? meta : { ...meta, v: { ...meta.v, via } };
    const extra = this.sim.state?.(nowMs);
    this.lastState = extra === undefined ? undefined : JSON.stringify(extra);
    const state: DeviceState = { ts: nowMs, v: { online: true, ...(extra ?? { mode: 'auto' }) } };
    return [this.message('meta', JSON.stringify(withVia)), this.message('state', JSON.stringify(state))];
  }

  /** Retained `state {online:false, reason}` (Last Will: lwt; gateway report: comm_loss; stop: shutdown). */
  offlineMessage(nowMs: number, reason: 'lwt' | 'comm_loss' | 'shutdown'): LinkMessage {
    const state: DeviceState = { ts: nowMs, v: { online: false, reason } };
    return this.message('state', JSON.stringify(state));
  }

  /** Handles a message on `…/cmd/{name}` (anything else is ignored). */
  onCommand(topic: string, body: string, nowMs: number): void {
    const name = topic.slice(this.prefix.length + 'cmd/'.length);
    if (this.commands === undefined || name.length === 0 || name.includes('/')) return;
    this.commands.receive(name, body, nowMs);
  }

  /** State-on-change and command outcomes, after each step. */
  afterStep(nowMs: number): void {
    const extra = this.sim.state?.(nowMs);
    if (extra !== undefined) {
      const json = JSON.stringify(extra);
      if (json !== this.lastState) {
        this.lastState = json;
        const state: DeviceState = { ts: nowMs, v: { online: true, ...extra } };
        this.outlet(`${this.prefix}state`, JSON.stringify(state), 1, true);
      }
    }
    this.commands?.poll(nowMs);
    this.afterStepHook?.(nowMs);
  }

  private emit(stream: DeviceStream, topic: string, due: number): void {
    const payload = stream.emit(due);
    if (payload !== undefined) this.outlet(topic, JSON.stringify(payload), stream.qos, false);
    this.afterStep(due);
  }

  private message(cls: 'meta' | 'state', payload: string): LinkMessage {
    return { topic: `${this.prefix}${cls}`, payload, qos: 1, retain: true };
  }
}

function periodOf(stream: DeviceStream, rules: PeriodOverrides | undefined, type: string, key: string): number {
  if (rules === undefined || rules.length === 0) return stream.periodMs;
  const topic = stream.sub.length === 0 ? stream.cls : `${stream.cls}/${stream.sub.join('/')}`;
  const rule = rules.find((r) => r.type === type && r.topic === topic && (r.within === undefined || r.within.some((p) => key.startsWith(p))));
  return rule?.ms ?? stream.periodMs;
}
