import { FOUNDRY_KINDS } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import type { DeviceStream, FaultHandler, SimDevice } from '../sim-device.js';
import { CastingSupply } from './casting-supply.js';
import { discreteMeta } from './discrete-meta.js';
import { castingSupplyKey, kindFromSlugs, mtbfOf, num, oneOf, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { InductionFurnace, MouldingLine, PouringUnit, SandPlant, type FoundryUnit } from './foundry.models.js';
import { RunStatus, runStatusFault } from './run-status.js';

/** A foundry unit kind (§2.5.2). */
export type FoundryKind = (typeof FOUNDRY_KINDS)[number];

/** Telemetry periods by kind (§4.2: 1–5 s; ≈ 30 msg/s for 8/16/8/20 units with 350 moulds/h per line). */
export const FOUNDRY_PERIODS: Readonly<Record<FoundryKind, number>> = { moulding: 2_000, furnace: 2_000, pouring: 1_000, sand: 2_000 };
/** Default moulding rate (§2.5.2: 240–550 moulds/h, default 350). */
export const DEFAULT_MOULDS_PER_H = 350;

/** Units of foundry telemetry and events, for `meta`. */
export const FOUNDRY_UNITS: Readonly<Record<string, string>> = {
  rateH: 'moulds/h', squeezeMpa: 'MPa', compactPct: '%', sandT: '°C', tMelt: '°C', kw: 'kW', massT: 't', hz: 'Hz', tWater: '°C',
  tPour: '°C', ladleKg: 'kg', pourKg: 'kg', moistPct: '%', perm: '1', tSand: '°C', tph: 't/h', tTap: '°C',
};

const KIND_SLUGS: readonly (readonly [FoundryKind, readonly string[]])[] = [
  ['pouring', ['pour']], ['furnace', ['furnace', 'melt', 'if-', 'mf-']], ['sand', ['sand', 'muller']], ['moulding', ['mould', 'mold', 'disa']],
];

/** Longer kind names a scenario may use. */
const KIND_ALIASES: Readonly<Record<string, FoundryKind>> = { 'moulding-line': 'moulding', 'induction-furnace': 'furnace', 'pouring-unit': 'pouring', 'sand-plant': 'sand' };

/** The unit kind: param `kind` (or its long name, e.g. `induction-furnace`), else from the cell/device slug (`pour`, `furnace`/`if-`, `sand`, `mould`), else moulding. */
export function foundryKindOf(device: PlantDevice, params: DiscreteParams): FoundryKind {
  return oneOf(params, 'kind', FOUNDRY_KINDS, kindFromSlugs(pathOf(device), KIND_SLUGS, 'moulding'), KIND_ALIASES);
}

/** The unit model of a kind, with the run status it shares with its moulding line. */
function unitFor(kind: FoundryKind, device: PlantDevice, context: DeviceContext, params: DiscreteParams, status: RunStatus, rng: Rng): FoundryUnit {
  const path = pathOf(device);
  const supply = (feeder: string): CastingSupply => context.shared(castingSupplyKey(path, feeder), () => new CastingSupply());
  const mouldMs = Math.round(3_600_000 / num(params, 'mouldsPerH', DEFAULT_MOULDS_PER_H));
  switch (kind) {
    case 'moulding': {
      // A moulding line feeds the supply of its own slug and that of its line.
      const feeds = [supply(path.device), supply(path.line)];
      for (const s of feeds) s.register(device.key);
      status.onChange = (t, running) => feeds.forEach((s) => (running ? s.start(device.key, t) : s.stop(device.key, t)));
      return new MouldingLine(status, rng, 3_600_000 / mouldMs, num(params, 'castingsPerMould', 4));
    }
    case 'furnace':
      return new InductionFurnace(status, rng, num(params, 'capacityT', rng.uniform(1, 6)), context.startMs);
    case 'pouring': {
      // Pours while the moulding it serves runs: param `mouldingLine` (device or line slug), else its own line.
      const from = supply(typeof params['mouldingLine'] === 'string' ? params['mouldingLine'] : path.line);
      return new PouringUnit(status, rng, () => from.stoppedAt === undefined, num(params, 'pourKg', 32), mouldMs, context.startMs);
    }
    case 'sand':
      return new SandPlant(status, rng, num(params, 'tph', rng.uniform(40, 80)));
  }
}

/**
 * A foundry unit of the Huaxiang castings shop (domain.md §2.5.2, §4.2) by `kind`: moulding line
 * (telemetry 2 s + `mould_done` event per mould at 350/h), MF induction furnace (2 s + `tap` per
 * heat), pouring unit (1 s, pours while its line's moulding runs) or sand plant (2 s). A moulding
 * line's stops feed the casting supply its CNCs read (`castingsFrom`, §2.5.7 LINE_STOP).
 * Params: kind, mouldsPerH, castingsPerMould, capacityT, pourKg, mouldingLine (pouring), tph, mtbfH, mttrMin.
 */
export function foundryUnitDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const kind = foundryKindOf(device, params);
  const rng = Rng.forKey(context.seed, device.key);
  const status = new RunStatus(Rng.forKey(context.seed, `${device.key}#status`), context.startMs, mtbfOf(params, kind === 'moulding' ? 20 : 40), num(params, 'mttrMin', 20));
  const unit = unitFor(kind, device, context, params, status, rng);
  const seq = { telemetry: new SequenceCounter(), event: new SequenceCounter() };
  const stagger = fnv1a(device.key);
  const period = FOUNDRY_PERIODS[kind];
  const streams: DeviceStream[] = [
    { cls: 'telemetry', sub: [], qos: 0, periodMs: period, firstAfterMs: stagger % period, emit: (now) => ({ ts: now, seq: seq.telemetry.next(), q: 'good', v: unit.values(now) }) },
  ];
  const cycleEvent = unit.cycleEvent?.bind(unit);
  if (cycleEvent !== undefined) {
    // Moulds come at the line's fixed cycle (scheduled by cycle); furnace taps are polled.
    const eventMs = kind === 'moulding' ? Math.round(3_600_000 / num(params, 'mouldsPerH', DEFAULT_MOULDS_PER_H)) : period;
    const emit = (now: number): object | undefined => {
      const v = cycleEvent(now);
      return v === undefined ? undefined : { ts: now, seq: seq.event.next(), q: 'good', v };
    };
    streams.push({ cls: 'event', sub: [], qos: 1, periodMs: eventMs, firstAfterMs: (stagger >>> 3) % eventMs, emit });
  }
  const faults: Record<string, FaultHandler> = { MACHINE_FAULT: runStatusFault(status, 'MACHINE_FAULT', 'Unit fault: stopped for an MTTR-distributed time → MACHINE_FAULT (§2.5.7). Options: durationMin (20; 0 = until cleared), code', 20) };
  if (kind === 'moulding') faults['LINE_STOP'] = runStatusFault(status, 'LINE_STOP', 'Moulding line stop: the mould counter stops; machining fed by this line (castingsFrom) starves after its buffer time, 30–120 min → LINE_STOP (§2.5.7). Options: durationMin (0 = until cleared)', 0);
  return { key: device.key, type: 'foundry-unit', meta: (now) => discreteMeta(device, 'foundry-unit', now, FOUNDRY_UNITS), streams, faults };
}
