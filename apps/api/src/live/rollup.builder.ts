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
type Series = NonNullable<ReturnType<LiveHub['seriesOf']>>;
type Figures = { outputTpd: number | undefined; partsPerH: number | undefined; gasNm3h: number | undefined; powerKw: number | undefined };
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
    const figures: Figures = { outputTpd: undefined, partsPerH: undefined, gasNm3h: undefined, powerKw: undefined };
    for (const device of this.plant.devices) {
      const series = this.hub.seriesOf(device.key);
      const status = this.deviceStatus(device, series, worst.get(device.key), now);
      devices.set(device.key, status);
      // A device's figures once, then added to each of its ancestors (was: looked up per ancestor).
      this.figuresOf(device, series, now, figures);
      for (const key of this.ancestors.get(device.key) ?? []) add(nodeOf(nodes, key), status.status, figures);
    }
    this.countAlarms(nodes);
    for (const node of nodes.values()) roundFigures(node);
    return { nodes, devices };
  }

  private deviceStatus(device: PlantDevice, series: Series | undefined, alarm: AlarmPriority | undefined, now: number): DeviceStatus {
    const badge = badgeOf(device.type, series);
    return { key: device.key, status: this.book.liveness(device.key, now), ageMs: this.book.ageMs(device.key, now), ...(alarm ? { alarm } : {}), ...(badge ? { badge } : {}) };
  }

  /** Fills `into` with what one device adds to its nodes: kiln output, parts, gas (not meters'), a meter's power. */
  private figuresOf(device: PlantDevice, series: Series | undefined, now: number, into: Figures): void {
    const push = this.book.pushIntervalMin(device.key);
    const meter = device.type.includes('meter');
    into.outputTpd = push === undefined ? undefined : (1_440 / push) * CAR_LOAD_T;
    into.partsPerH = this.book.partsLastHour(device.key, now);
    into.gasNm3h = meter ? undefined : (numberField(series, 'gas') ?? numberField(series, 'nm3h'));
    into.powerKw = meter ? numberField(series, 'kw') : undefined;
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

function add(node: MutableRollup, status: DeviceStatus['status'], figures: Figures): void {
  node.devices++;
  node[status]++;
  if (figures.outputTpd !== undefined) node.outputTpd = (node.outputTpd ?? 0) + figures.outputTpd;
  if (figures.partsPerH !== undefined) node.partsPerH = (node.partsPerH ?? 0) + figures.partsPerH;
  if (figures.gasNm3h !== undefined) node.gasNm3h = (node.gasNm3h ?? 0) + figures.gasNm3h;
  if (figures.powerKw !== undefined) node.powerKw = (node.powerKw ?? 0) + figures.powerKw;
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
