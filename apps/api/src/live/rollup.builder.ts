import { ALARM_PRIORITIES, type AlarmPriority, type DeviceStatus, type NodeRollup } from '@plantwatch/contracts';
import { ancestorKeys, type PlantDevice, type PlantIndex } from '@plantwatch/domain';
import { parseDeviceKey } from '@plantwatch/contracts';
import { isUnacked, noAlarms, type AlarmBook } from './alarm-book.js';
import { badgeOf, numberField } from './badges.js';
import type { DeviceBook } from './device-book.js';
import type { LiveHub } from './live.hub.js';

/** Fired ware per kiln car [t] (domain.md §2.1.1 default car load). */
const CAR_LOAD_T = 4;

type Counters = Omit<NodeRollup, 'alarms'>;
type MutableRollup = { -readonly [K in keyof Counters]: Counters[K] } & { alarms: ReturnType<typeof noAlarms> };

/** Every node's roll-up and every device's status at one instant. */
export interface RollupSnapshot {
  readonly nodes: ReadonlyMap<string, NodeRollup>;
  readonly devices: ReadonlyMap<string, DeviceStatus>;
}

/**
 * Rolls device facts up the ISA-95 hierarchy (device → cell → line → area → site → enterprise
 * → plant ''): liveness counts, active alarms by priority, output, power and gas. One pass over
 * all devices per tick — a few thousand devices cost well under a millisecond.
 */
export class RollupBuilder {
  private readonly ancestors: ReadonlyMap<string, readonly string[]>;

  constructor(
    private readonly plant: PlantIndex,
    private readonly book: DeviceBook,
    private readonly alarms: AlarmBook,
    private readonly hub: LiveHub,
  ) {
    this.ancestors = new Map(plant.devices.map((d) => [d.key, ['', ...ancestorKeys(parseDeviceKey(d.key)).slice(0, -1)]]));
  }

  build(now: number): RollupSnapshot {
    const worst = this.worstAlarms();
    const nodes = new Map<string, MutableRollup>();
    const devices = new Map<string, DeviceStatus>();
    for (const device of this.plant.devices) {
      const status = this.deviceStatus(device, worst.get(device.key), now);
      devices.set(device.key, status);
      for (const key of this.ancestors.get(device.key) ?? []) this.add(nodeOf(nodes, key), device, status, now);
    }
    this.countAlarms(nodes);
    for (const node of nodes.values()) roundFigures(node);
    return { nodes, devices };
  }

  private deviceStatus(device: PlantDevice, alarm: AlarmPriority | undefined, now: number): DeviceStatus {
    const badge = badgeOf(device.type, this.hub.seriesOf(device.key));
    return { key: device.key, status: this.book.liveness(device.key, now), ageMs: this.book.ageMs(device.key, now), ...(alarm ? { alarm } : {}), ...(badge ? { badge } : {}) };
  }

  private add(node: MutableRollup, device: PlantDevice, status: DeviceStatus, now: number): void {
    node.devices++;
    node[status.status]++;
    const series = this.hub.seriesOf(device.key);
    const push = this.book.pushIntervalMin(device.key);
    if (push !== undefined) node.outputTpd = (node.outputTpd ?? 0) + (1_440 / push) * CAR_LOAD_T;
    const parts = this.book.partsLastHour(device.key, now);
    if (parts !== undefined) node.partsPerH = (node.partsPerH ?? 0) + parts;
    const gas = numberField(series, 'gas') ?? numberField(series, 'nm3h');
    if (gas !== undefined && !device.type.includes('meter')) node.gasNm3h = (node.gasNm3h ?? 0) + gas;
    const kw = device.type.includes('meter') ? numberField(series, 'kw') : undefined;
    if (kw !== undefined) node.powerKw = (node.powerKw ?? 0) + kw;
  }

  private worstAlarms(): Map<string, AlarmPriority> {
    const worst = new Map<string, AlarmPriority>();
    for (const alarm of this.alarms.all()) {
      const current = worst.get(alarm.device);
      if (!current || ALARM_PRIORITIES.indexOf(alarm.sev) < ALARM_PRIORITIES.indexOf(current)) worst.set(alarm.device, alarm.sev);
    }
    return worst;
  }

  private countAlarms(nodes: Map<string, MutableRollup>): void {
    for (const alarm of this.alarms.all()) {
      for (const key of this.ancestors.get(alarm.device) ?? []) {
        const node = nodes.get(key);
        if (!node) continue;
        node.alarms[alarm.sev]++;
        if (isUnacked(alarm)) node.unacked++;
      }
    }
  }
}

function nodeOf(nodes: Map<string, MutableRollup>, key: string): MutableRollup {
  let node = nodes.get(key);
  if (!node) nodes.set(key, (node = { key, devices: 0, online: 0, offline: 0, stale: 0, unknown: 0, alarms: noAlarms(), unacked: 0 }));
  return node;
}

/**
 * Three significant digits for the production figures: what a tile shows, and a roll-up whose
 * gas flow wanders in the fourth digit is not sent again every second.
 */
function roundFigures(node: MutableRollup): void {
  if (node.outputTpd !== undefined) node.outputTpd = significant(node.outputTpd);
  if (node.gasNm3h !== undefined) node.gasNm3h = significant(node.gasNm3h);
  if (node.powerKw !== undefined) node.powerKw = significant(node.powerKw);
}

function significant(value: number): number {
  return Number(value.toPrecision(3));
}
