import type { AlarmSummary, DeviceStatus, LiveView, NodeRollup, RollupBatch } from '@plantwatch/contracts';
import type { RollupSnapshot } from './rollup.builder.js';

/** One tick's roll-ups with their change signatures, computed once and shared by every socket. */
export interface RollupTick {
  readonly snapshot: RollupSnapshot;
  readonly alarms: AlarmSummary;
  nodeSig(key: string): string;
  deviceSig(key: string): string;
}

/** Builds the shared, memoised signatures of a tick. */
export function rollupTick(snapshot: RollupSnapshot, alarms: AlarmSummary): RollupTick {
  const nodeSigs = new Map<string, string>();
  const deviceSigs = new Map<string, string>();
  return {
    snapshot,
    alarms,
    nodeSig(key) {
      let sig = nodeSigs.get(key);
      if (sig === undefined) nodeSigs.set(key, (sig = JSON.stringify(snapshot.node(key) ?? null)));
      return sig;
    },
    deviceSig(key) {
      let sig = deviceSigs.get(key);
      if (sig === undefined) {
        const s = snapshot.device(key);
        deviceSigs.set(key, (sig = s ? `${s.status}|${s.alarm ?? ''}|${JSON.stringify(s.badge ?? null)}` : ''));
      }
      return sig;
    },
  };
}

/**
 * What one socket watches and what it has been sent: each tick it gets only the roll-ups and
 * device statuses of its view that changed since (ages are not changes: the browser ages values
 * itself from `ageMs`), and the first tick after a view change gets them all (`full`).
 */
export class ViewState {
  private readonly sentNodes = new Map<string, string>();
  private readonly sentDevices = new Map<string, string>();
  private sentAlarms = '';
  private first = true;

  constructor(
    readonly view: LiveView,
    private readonly nodes: readonly string[],
    private readonly devices: readonly string[],
  ) {}

  /** Whether this view shows `device` (for command updates). */
  covers(device: string): boolean {
    return this.view.kind !== 'overview' && (device === this.view.node || device.startsWith(`${this.view.node}/`));
  }

  /** The batch to send for this tick, or undefined when nothing changed. */
  next(tick: RollupTick): RollupBatch | undefined {
    const nodes: NodeRollup[] = [];
    for (const key of this.nodes) {
      const sig = tick.nodeSig(key);
      if (this.sentNodes.get(key) === sig) continue;
      this.sentNodes.set(key, sig);
      const rollup = tick.snapshot.node(key);
      if (rollup) nodes.push(rollup);
    }
    const devices: DeviceStatus[] = [];
    for (const key of this.devices) {
      const sig = tick.deviceSig(key);
      if (this.sentDevices.get(key) === sig) continue;
      this.sentDevices.set(key, sig);
      const status = tick.snapshot.device(key);
      if (status) devices.push(status);
    }
    const alarmsSig = JSON.stringify(tick.alarms);
    const alarmsChanged = alarmsSig !== this.sentAlarms;
    this.sentAlarms = alarmsSig;
    const full = this.first;
    this.first = false;
    if (!full && !alarmsChanged && nodes.length === 0 && devices.length === 0) return undefined;
    return { full, nodes, devices, alarms: tick.alarms };
  }
}
