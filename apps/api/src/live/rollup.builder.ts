import { ALARM_PRIORITIES, parseDeviceKey, type AlarmPriority, type DeviceLiveness, type DeviceStatus, type NodeRollup } from '@plantwatch/contracts';
import { ancestorKeys, type PlantDevice, type PlantIndex } from '@plantwatch/domain';
import { isUnacked, noAlarms, type AlarmBook } from './alarm-book.js';
import { badgeOf } from './badges.js';
import type { DeviceBook, DeviceFacts } from './device-book.js';
import type { DeviceSeries, Latest, LiveHub } from './live.hub.js';

/** Fired ware per kiln car [t] (domain.md §2.1.1 default car load). */
const CAR_LOAD_T = 4;
const LIVENESS: readonly DeviceLiveness[] = ['online', 'offline', 'stale', 'unknown'];
const FIGURES = ['outputTpd', 'partsPerH', 'gasNm3h', 'powerKw'] as const;
/** Counters per node: devices, one per liveness, one per alarm priority, unacknowledged alarms. */
const ALARMS_AT = 1 + LIVENESS.length;
const UNACKED_AT = ALARMS_AT + ALARM_PRIORITIES.length;
const COUNTS = UNACKED_AT + 1;

type Counters = Omit<NodeRollup, 'alarms'>;
type MutableRollup = { -readonly [K in keyof Counters]: Counters[K] } & { alarms: ReturnType<typeof noAlarms> };

/** Where a device's gas (not meters') or power (meters) figure is read: a telemetry series and field. */
interface FigureSource {
  readonly latest: Latest;
  readonly field: string;
}

/** A device as the builder walks it each tick: everything it reads, looked up once. */
interface DeviceSlot {
  readonly device: PlantDevice;
  readonly meter: boolean;
  readonly facts: DeviceFacts;
  readonly series: DeviceSeries;
  /** Its cell's position in the builder's node list (the nodes above add the cell's totals up). */
  readonly cell: number;
  /** Found again whenever the device has a new series (seriesSeen ≠ series.size). */
  figureFrom: FigureSource | undefined;
  seriesSeen: number;
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
  /** Per node: devices, one count per liveness (LIVENESS order), per alarm priority, unacknowledged (COUNTS). */
  private readonly counts: Int32Array;
  /** Per node: the sum of each figure (FIGURES order), and whether any device had it. */
  private readonly sums: Float64Array;
  private readonly has: Uint8Array;
  /** Per node: its parent's position (−1 for the plant ''); always smaller than its own. */
  private readonly parents: number[] = [];

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
      cell: this.positionsOf(['', ...ancestorKeys(parseDeviceKey(device.key)).slice(0, -1)]).at(-1) ?? 0,
      figureFrom: undefined,
      seriesSeen: 0,
    }));
    this.nodeKeys = [...this.nodeAt.keys()];
    this.layout = { slots, nodeAt: this.nodeAt, deviceAt: new Map(plant.devices.map((d, i) => [d.key, i])) };
    this.counts = new Int32Array(this.nodeKeys.length * COUNTS);
    this.sums = new Float64Array(this.nodeKeys.length * FIGURES.length);
    this.has = new Uint8Array(this.nodeKeys.length * FIGURES.length);
  }

  build(now: number): RollupSnapshot {
    const { counts, sums, has } = this;
    counts.fill(0);
    sums.fill(0);
    has.fill(0);
    const liveness: DeviceLiveness[] = [];
    const figures = FIGURES.map(() => NaN);
    for (const slot of this.layout.slots) {
      const status = slot.facts.liveness(now);
      liveness.push(status);
      const countAt = 1 + LIVENESS.indexOf(status);
      const push = slot.facts.pushIntervalMin;
      figures[0] = push === undefined ? NaN : (1_440 / push) * CAR_LOAD_T;
      figures[1] = slot.facts.partsLastHour(now) ?? NaN;
      const figure = figureOf(slot);
      figures[2] = slot.meter ? NaN : figure;
      figures[3] = slot.meter ? figure : NaN;
      // Into the device's cell only; the nodes above add their children up (addUp).
      const i = slot.cell;
      counts[i * COUNTS] = (counts[i * COUNTS] ?? 0) + 1;
      counts[i * COUNTS + countAt] = (counts[i * COUNTS + countAt] ?? 0) + 1;
      for (let f = 0; f < FIGURES.length; f++) {
        const value = figures[f] ?? NaN;
        if (Number.isNaN(value)) continue;
        const at = i * FIGURES.length + f;
        sums[at] = (sums[at] ?? 0) + value;
        has[at] = 1;
      }
    }
    this.countAlarms();
    this.addUp();
    const nodes = this.nodeKeys.map((key, i) => this.rollupAt(key, i));
    return new RollupSnapshot(this.layout, nodes, liveness, this.worstAlarms(), now);
  }

  private rollupAt(key: string, i: number): MutableRollup {
    const c = (k: number): number => this.counts[i * COUNTS + k] ?? 0; // k: a position in COUNTS
    const alarms = noAlarms();
    ALARM_PRIORITIES.forEach((priority, p) => (alarms[priority] = c(ALARMS_AT + p)));
    const node: MutableRollup = { key, devices: c(0), online: c(1), offline: c(2), stale: c(3), unknown: c(4), alarms, unacked: c(UNACKED_AT) };
    FIGURES.forEach((name, f) => {
      if (this.has[i * FIGURES.length + f] !== 1) return;
      const sum = this.sums[i * FIGURES.length + f] ?? 0;
      // Three significant digits (not parts): what a tile shows, and a roll-up whose gas flow
      // wanders in the fourth digit is not sent again every second.
      node[name] = name === 'partsPerH' ? sum : Number(sum.toPrecision(3));
    });
    return node;
  }

  /** Each node's totals into its parent's, deepest first (a child's position is always after its parent's). */
  private addUp(): void {
    const { counts, sums, has, parents } = this;
    for (let n = parents.length - 1; n > 0; n--) {
      const p = parents[n] ?? 0;
      for (let k = 0; k < COUNTS; k++) counts[p * COUNTS + k] = (counts[p * COUNTS + k] ?? 0) + (counts[n * COUNTS + k] ?? 0);
      for (let f = 0; f < FIGURES.length; f++) {
        if (has[n * FIGURES.length + f] !== 1) continue;
        sums[p * FIGURES.length + f] = (sums[p * FIGURES.length + f] ?? 0) + (sums[n * FIGURES.length + f] ?? 0);
        has[p * FIGURES.length + f] = 1;
      }
    }
  }

  /** Positions of a path of node keys from the plant '' down, each numbered when first seen. */
  private positionsOf(path: readonly string[]): number[] {
    let parent = -1;
    return path.map((key) => {
      let i = this.nodeAt.get(key);
      if (i === undefined) {
        this.nodeAt.set(key, (i = this.nodeAt.size));
        this.parents.push(parent);
      }
      parent = i;
      return i;
    });
  }

  private worstAlarms(): Map<string, AlarmPriority> {
    const worst = new Map<string, AlarmPriority>();
    for (const alarm of this.alarms.all()) {
      const current = worst.get(alarm.device);
      if (!current || ALARM_PRIORITIES.indexOf(alarm.sev) < ALARM_PRIORITIES.indexOf(current)) worst.set(alarm.device, alarm.sev);
    }
    return worst;
  }

  /** Active alarms into their device's cell (by priority, and unacknowledged); addUp takes them up. */
  private countAlarms(): void {
    const { counts } = this;
    for (const alarm of this.alarms.all()) {
      const d = this.layout.deviceAt.get(alarm.device);
      const slot = d === undefined ? undefined : this.layout.slots[d];
      if (slot === undefined) continue;
      const at = slot.cell * COUNTS;
      const sev = at + ALARMS_AT + ALARM_PRIORITIES.indexOf(alarm.sev);
      counts[sev] = (counts[sev] ?? 0) + 1;
      if (isUnacked(alarm)) counts[at + UNACKED_AT] = (counts[at + UNACKED_AT] ?? 0) + 1;
    }
  }
}

/** A device's gas flow (not meters': a gas meter measures what others burn) or a meter's power; NaN when it has none. */
function figureOf(slot: DeviceSlot): number {
  if (slot.series.size !== slot.seriesSeen) {
    slot.seriesSeen = slot.series.size;
    slot.figureFrom = figureSource(slot);
  }
  const from = slot.figureFrom;
  const value = from?.latest.envelope.v[from.field];
  return typeof value === 'number' ? value : NaN;
}

/** The first telemetry series with the figure's field (`kw` for meters, else `gas`, then `nm3h`). */
function figureSource(slot: DeviceSlot): FigureSource | undefined {
  for (const field of slot.meter ? ['kw'] : ['gas', 'nm3h']) {
    for (const latest of slot.series.values()) if (latest.series.startsWith('telemetry') && field in latest.envelope.v) return { latest, field };
  }
  return undefined;
}
