import type { AlarmSummary, CommandRecord, DeviceStatus, LiveBatch, LiveClientToServer, LiveServerToClient, LiveValue, LiveView, NodeRollup, RollupBatch, ViewAck } from '@plantwatch/contracts';
import { io, type Socket } from 'socket.io-client';

/** A value and when this browser received it (ages keep counting locally). */
export interface Received<T> {
  readonly value: T;
  readonly receivedAt: number;
}

/** Published-to-painted latency samples [ms] (the benchmark reads them). */
export const paintLatency: number[] = [];
const MAX_EVENTS = 50;

/**
 * The browser's side of `/live`: one socket (cookie-authenticated), one view at a time; keeps
 * what the server sent for that view and bumps `version` on every change so the renderer knows
 * to draw on the next animation frame. Reconnects re-send the view; a refused connection
 * (session revoked or expired) calls `onUnauthorised`.
 */
export class LiveClient {
  readonly values = new Map<string, Received<LiveValue>>();
  readonly nodes = new Map<string, Received<NodeRollup>>();
  readonly devices = new Map<string, Received<DeviceStatus>>();
  readonly commands = new Map<string, CommandRecord>();
  /** Recent device events of the current view (car pushes …), newest first. */
  readonly events: Array<Received<LiveValue>> = [];
  alarms: AlarmSummary = { counts: { critical: 0, high: 0, medium: 0, low: 0 }, unacked: 0 };
  connected = false;
  version = 0;
  /** Values received since the last paint (for publish-to-pixels samples). */
  pendingPaint: number[] = [];
  private view: LiveView = { kind: 'overview' };
  /** The first values batch of a view is its snapshot (old retained values): no latency samples. */
  private snapshotPending = true;
  private readonly socket: Socket<LiveServerToClient, LiveClientToServer>;

  constructor(
    private readonly onChange: () => void,
    private readonly onUnauthorised: () => void,
  ) {
    this.socket = io('/live', { transports: ['websocket'], withCredentials: true });
    this.socket.on('connect', () => this.connectedNow());
    this.socket.on('disconnect', () => this.changed(() => (this.connected = false)));
    this.socket.on('connect_error', (error) => {
      if (error.message === 'unauthorised') this.onUnauthorised();
    });
    this.socket.on('values', (batch) => this.takeValues(batch));
    this.socket.on('rollup', (batch) => this.takeRollup(batch));
    this.socket.on('command', (record) => this.changed(() => this.commands.set(record.cmdId, record)));
  }

  /** Switches what the server sends; clears the previous view's values. */
  setView(view: LiveView): Promise<ViewAck> {
    this.view = view;
    this.values.clear();
    this.devices.clear();
    this.events.length = 0;
    this.snapshotPending = true;
    this.version++;
    return new Promise((resolve) => this.socket.emit('view', view, resolve));
  }

  close(): void {
    this.socket.close();
  }

  private connectedNow(): void {
    this.changed(() => (this.connected = true));
    this.socket.emit('view', this.view, () => undefined);
  }

  private takeValues(batch: LiveBatch): void {
    if (this.view.kind !== 'detail' || batch.node !== this.view.node) return;
    const now = Date.now();
    const snapshot = this.snapshotPending;
    this.snapshotPending = false;
    for (const value of batch.values) {
      this.values.set(`${value.device}|${value.series}`, { value, receivedAt: now });
      if (value.series === 'event') this.events.unshift({ value, receivedAt: now });
      if (!snapshot) this.pendingPaint.push(value.ts);
    }
    if (this.events.length > MAX_EVENTS) this.events.length = MAX_EVENTS;
    this.changed();
  }

  private takeRollup(batch: RollupBatch): void {
    const now = Date.now();
    if (batch.full) {
      this.nodes.clear();
      this.devices.clear();
    }
    for (const node of batch.nodes) this.nodes.set(node.key, { value: node, receivedAt: now });
    for (const device of batch.devices) this.devices.set(device.key, { value: device, receivedAt: now });
    this.alarms = batch.alarms;
    this.changed();
  }

  private changed(apply?: () => void): void {
    apply?.();
    this.version++;
    this.onChange();
  }
}

/** The latest value object of one device series, with its age now. */
export function latest(live: LiveClient, device: string, series: string, now = Date.now()): { v: Readonly<Record<string, unknown>>; ageMs: number; q?: string } | undefined {
  const entry = live.values.get(`${device}|${series}`);
  if (!entry) return undefined;
  return { v: entry.value.v, ageMs: entry.value.ageMs + (now - entry.receivedAt), ...(entry.value.q === undefined ? {} : { q: entry.value.q }) };
}
