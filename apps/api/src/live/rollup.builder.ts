import { ALARM_PRIORITIES, parseDeviceKey, type AlarmPriority, type DeviceLiveness, type DeviceStatus, type NodeRollup } from '@plantwatch/contracts';
import { ancestorKeys, type PlantDevice, type PlantIndex } from '@plantwatch/domain';
import { isUnacked, noAlarms, type AlarmBook } from './alarm-book.js';
import { badgeOf, numberField } from './badges.js';
import type { DeviceBook, DeviceFacts } from './device-book.js';
import type { DeviceSeries, LiveHub } from './live.hub.js';

/** Fired ware per kiln car [t] (domain.md §2.1.1 default car load). */
const CAR_LOAD_T = 4;

type Counters = Omit<NodeRollup, 'alarms'>;
type Figures = { outputTpd: number | undefined; partsPerH: number | undefined; gasNm3h: number | undefined; powerKw: number | undefined };
type MutableRollup = { -readonly [K in keyof Counters]: Counters[K] } & { alarms: ReturnType<typeof noAlarms> };

/** A device as the builder walks it each tick: everything it reads, looked up once. */
interface DeviceSlot {
  readonly device: PlantDevice;
  readonly meter: boolean;
  readonly facts: DeviceFacts;
  readonly series: DeviceSeries;
  /** Its nodes above it (plant '' … cell), as positions in the builder's node list. */
  readonly nodes: readonly number[];
}

/** Where each node and device sits in a tick's arrays; made once by the builder. */
interface Layout {
  readonly slots: readonly DeviceSlot[];
  readonly nodeAt: ReadonlyMap<string, number>;
  readonly deviceAt: ReadonlyMap<string, number>;
}

/**
 * Every node's roll-up and every device's status at one instant. A device's status object (with
 * its badge) is made when a view first asks for it: floor plans watch a few hundred devices, the
 * roll-ups need only the liveness of all of them.
 */
export class RollupSnapshot {
  private readonly statuses: (DeviceStatus | undefined)[] = [];

  constructor(
    private readonly layout: Layout,
    private readonly nodes: readonly NodeRollup[],
    private readonly liveness: readonly DeviceLiveness[],
    private readonly worst: ReadonlyMap<string, AlarmPriority>,
    private readonly now: number,
  ) {}

  node(key: string): NodeRollup | undefined {
    const i = this.layout.nodeAt.get(key);
    return i === undefined ? undefined : this.nodes[i];
  }

  device(key: string): DeviceStatus | undefined {
    const i = this.layout.deviceAt.get(key);
    const slot = i === undefined ? undefined : this.layout.slots[i];
    if (i === undefined || !slot) return undefined;
    let status = this.statuses[i];
    if (!status) {
      const made: { -readonly [K in keyof DeviceStatus]: DeviceStatus[K] } = { key, status: this.liveness[i] ?? 'unknown', ageMs: slot.facts.ageMs(this.now) };
      const alarm = this.worst.get(key);
      if (alarm) made.alarm = alarm;
      const badge = badgeOf(slot.device.type, slot.series);
      if (badge) made.badge = badge;
      this.statuses[i] = status = made;
    }
    return status;
  }
}

/**
 * Rolls device facts up the ISA-95 hierarchy (device → cell → line → area → site → enterprise
 * → plant ''): liveness counts, active alarms by priority, output, power and gas. One pass over
 * all devices per tick, by position: what each device reads and the nodes it adds to are worked
 * out once, so a tick does no lookups per device (10,000 devices: docs/load.md).
 */
export class RollupBuilder {
  private readonly layout: Layout;
  private readonly nodeKeys: readonly string[];
  private readonly nodeAt = new Map<string, number>();

  constructor(
    plant: PlantIndex,
    book: DeviceBook,
    private readonly alarms: AlarmBook,
    hub: LiveHub,
  ) {
    const slots = plant.devices.map((device) => ({
      device,
      meter: device.type.includes('meter'),
      facts: book.factsOf(device.key),
      series: hub.seriesOf(device.key),
      nodes: ['', ...ancestorKeys(parseDeviceKey(device.key)).slice(0, -1)].map((key) => this.positionOf(key)),
    }));
    this.nodeKeys = [...this.nodeAt.keys()];
    this.layout = { slots, nodeAt: this.nodeAt, deviceAt: new Map(plant.devices.map((d, i) => [d.key, i])) };
  }

  build(now: number): RollupSnapshot {
    const nodes = this.nodeKeys.map(emptyRollup);
    const liveness: DeviceLiveness[] = [];
    const figures: Figures = { outputTpd: undefined, partsPerH: undefined, gasNm3h: undefined, powerKw: undefined };
    for (const slot of this.layout.slots) {
      const status = slot.facts.liveness(now);
      liveness.push(status);
      figuresOf(slot, now, figures);
      for (const i of slot.nodes) add(nodes[i] as MutableRollup, status, figures);
    }
    this.countAlarms(nodes);
    for (const node of nodes) roundFigures(node);
    return new RollupSnapshot(this.layout, nodes, liveness, this.worstAlarms(), now);
  }

  private positionOf(nodeKey: string): number {
    let i = this.nodeAt.get(nodeKey);
    if (i === undefined) this.nodeAt.set(nodeKey, (i = this.nodeAt.size));
    return i;
  }

  private worstAlarms(): Map<string, AlarmPriority> {
    const worst = new Map<string, AlarmPriority>();
    for (const alarm of this.alarms.all()) {
      const current = worst.get(alarm.device);
      if (!current || ALARM_PRIORITIES.indexOf(alarm.sev) < ALARM_PRIORITIES.indexOf(current)) worst.set(alarm.device, alarm.sev);
    }
    return worst;
  }

  private countAlarms(nodes: readonly MutableRollup[]): void {
    for (const alarm of this.alarms.all()) {
      const d = this.layout.deviceAt.get(alarm.device);
      for (const i of d === undefined ? [] : (this.layout.slots[d]?.nodes ?? [])) {
        const node = nodes[i] as MutableRollup;
        node.alarms[alarm.sev]++;
        if (isUnacked(alarm)) node.unacked++;
      }
    }
  }
}

/** Fills `into` with what one device adds to its nodes: kiln output, parts, gas (not meters'), a meter's power. */
function figuresOf(slot: DeviceSlot, now: number, into: Figures): void {
  const push = slot.facts.pushIntervalMin;
  into.outputTpd = push === undefined ? undefined : (1_440 / push) * CAR_LOAD_T;
  into.partsPerH = slot.facts.partsLastHour(now);
  into.gasNm3h = slot.meter ? undefined : (numberField(slot.series, 'gas') ?? numberField(slot.series, 'nm3h'));
  into.powerKw = slot.meter ? numberField(slot.series, 'kw') : undefined;
}

function emptyRollup(key: string): MutableRollup {
  return { key, devices: 0, online: 0, offline: 0, stale: 0, unknown: 0, alarms: noAlarms(), unacked: 0 };
}

function add(node: MutableRollup, status: DeviceLiveness, figures: Figures): void {
  node.devices++;
  node[status]++;
  if (figures.outputTpd !== undefined) node.outputTpd = (node.outputTpd ?? 0) + figures.outputTpd;
  if (figures.partsPerH !== undefined) node.partsPerH = (node.partsPerH ?? 0) + figures.partsPerH;
  if (figures.gasNm3h !== undefined) node.gasNm3h = (node.gasNm3h ?? 0) + figures.gasNm3h;
  if (figures.powerKw !== undefined) node.powerKw = (node.powerKw ?? 0) + figures.powerKw;
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
