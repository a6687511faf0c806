import { Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import { aluminiumParams, type AluminiumOverrides, type AluminiumParams } from './aluminium.params.js';
import { CastLine } from './cast-line.js';
import { CrucibleModel } from './crucible.model.js';
import { DcCasterModel } from './dc-caster.model.js';
import { HoldingFurnaceModel } from './holding-furnace.model.js';
import { HotMetalLogistics } from './hot-metal.logistics.js';
import { DegasserModel, FilterBoxModel } from './melt-treatment.model.js';
import { RodLineModel } from './rod-line.model.js';

/** `context.shared` key prefix of a site's casthouse: `aluminium/casthouse/{site slug}`. */
export const CASTHOUSE_SHARED_PREFIX = 'aluminium/casthouse/';

/** `enterprise/site/area/line` of a device key: its cast line. */
export function lineKeyOf(deviceKey: string): string {
  return deviceKey.split('/').slice(0, 4).join('/');
}

/** Options of {@link CasthouseSite}. */
export interface CasthouseSiteOptions {
  readonly site: string;
  readonly seed: number;
  readonly startMs: number;
  readonly params?: AluminiumOverrides;
}

/**
 * Every aluminium model of one site (domain.md §2.3, §4.3 xingxian-aluminium), shared by its
 * devices through `context.shared('aluminium/casthouse/{site}')`: the smelter's crucibles (any
 * enterprise) and each plant's furnaces, cast lines and melt treatment. Devices register their
 * model on creation; on the first advance the site binds them — furnaces of a plant
 * (`enterprise/site`) go to the consumer (rod line, DC caster) on their own line key, the rest are
 * shared out in key order (6 furnaces / 3 rod lines → two each) — and from then on physics runs on
 * a fixed 1-s grid, whoever reads first: same seed and layout, same values.
 */
export class CasthouseSite {
  readonly params: AluminiumParams;
  readonly logistics: HotMetalLogistics;
  private readonly furnaces = new Map<string, HoldingFurnaceModel>();
  private readonly crucibles = new Map<string, CrucibleModel>();
  private readonly lines = new Map<string, CastLine>();
  private readonly rodLines = new Map<string, RodLineModel>();
  private readonly casters = new Map<string, DcCasterModel>();
  private readonly degassers = new Map<string, DegasserModel>();
  private readonly filters = new Map<string, FilterBoxModel>();
  private readonly rng: Rng;
  private bound = false;
  private nowMs: number;

  constructor(readonly options: CasthouseSiteOptions) {
    this.params = aluminiumParams(options.params);
    this.rng = Rng.forKey(options.seed, CASTHOUSE_SHARED_PREFIX + options.site);
    this.nowMs = options.startMs;
    this.logistics = new HotMetalLogistics(this.params.site, this.params.crucible, options.startMs);
  }

  /** Simulated time the physics has reached. */
  get timeMs(): number {
    return this.nowMs;
  }

  furnace(key: string): HoldingFurnaceModel {
    return getOrCreate(this.furnaces, key, () => new HoldingFurnaceModel(key, this.params.furnace, this.options.startMs, 0.8));
  }

  crucible(key: string): CrucibleModel {
    return getOrCreate(this.crucibles, key, () => new CrucibleModel(key, this.params.crucible, this.physicsRng(key)));
  }

  rodLine(key: string): RodLineModel {
    return getOrCreate(this.rodLines, key, () => new RodLineModel(key, this.params.rodLine, this.castLine(key)));
  }

  dcCaster(key: string): DcCasterModel {
    return getOrCreate(this.casters, key, () => new DcCasterModel(key, this.params.dcCaster, this.castLine(key), this.options.startMs, this.physicsRng(key).float()));
  }

  degasser(key: string): DegasserModel {
    return getOrCreate(this.degassers, key, () => new DegasserModel(key, this.params.degasser, this.castLine(key), this.physicsRng(key), this.options.startMs));
  }

  /** A filter box: dual plate [30, 50] ppi, or a tube filter [50] when the device slug contains `tube` [E]. */
  filterBox(key: string): FilterBoxModel {
    const tube = (key.split('/').pop() ?? '').includes('tube');
    return getOrCreate(this.filters, key, () => new FilterBoxModel(key, this.params.filter, this.castLine(key), tube ? [50] : [30, 50]));
  }

  /** Steps the physics on the fixed grid up to `nowMs` (earlier times do nothing). */
  advance(nowMs: number): void {
    if (!this.bound) this.bind();
    const stepMs = this.params.site.stepMs;
    const dtS = stepMs / 1000;
    while (this.nowMs + stepMs <= nowMs) {
      this.nowMs += stepMs;
      this.stepAll(dtS, this.nowMs);
    }
  }

  private stepAll(dtS: number, nowMs: number): void {
    for (const line of this.lines.values()) line.beginStep(nowMs);
    for (const f of this.furnaces.values()) f.beginStep();
    this.logistics.step(dtS, nowMs);
    for (const r of this.rodLines.values()) r.step(dtS, nowMs, this.logistics.shortage(r.plantKey));
    for (const c of this.casters.values()) c.step(dtS, nowMs);
    for (const f of this.furnaces.values()) f.step(dtS, nowMs);
    for (const d of this.degassers.values()) d.step(dtS, nowMs);
    for (const b of this.filters.values()) b.step(dtS, nowMs);
  }

  private castLine(deviceKey: string): CastLine {
    const key = lineKeyOf(deviceKey);
    return getOrCreate(this.lines, key, () => new CastLine(key, this.params.site));
  }

  private physicsRng(key: string): Rng {
    return Rng.forKey(this.options.seed, `${key}#physics`);
  }

  /** Assigns furnaces to consumers, sets the initial fills, adds virtual crucibles if needed. */
  private bind(): void {
    this.bound = true;
    const furnaces = [...this.furnaces.values()].sort(byKey);
    const consumers = [...this.rodLines.values(), ...this.casters.values()].sort(byKey);
    for (const f of furnaces) {
      this.logistics.addFurnace(f);
      const own = consumers.filter((c) => c.key.startsWith(`${lineKeyOf(f.key)}/`));
      const plantConsumers = consumers.filter((c) => c.key.startsWith(`${f.plantKey}/`));
      const plantFurnaces = furnaces.filter((g) => g.plantKey === f.plantKey);
      const share = plantConsumers[Math.floor((plantFurnaces.indexOf(f) * plantConsumers.length) / plantFurnaces.length)];
      (own[0] ?? share)?.line.furnaces.push(f);
    }
    this.initialFills(furnaces);
    const crucibles = [...this.crucibles.values()].sort(byKey);
    if (crucibles.length === 0 && furnaces.length > 0) {
      for (let i = 1; i <= this.params.site.virtualCrucibles; i++) crucibles.push(this.crucible(`${CASTHOUSE_SHARED_PREFIX}${this.options.site}/virtual-crucible-${i}`));
    }
    this.logistics.crucibles.push(...crucibles);
  }

  /** First furnace of each rod line starts casting; every other furnace starts nearly full. */
  private initialFills(furnaces: readonly HoldingFurnaceModel[]): void {
    const { initialCastingFill: cast, initialOtherFill: other } = this.params.site;
    const casting = new Set([...this.rodLines.values()].map((r) => r.line.furnaces[0]));
    for (const f of furnaces) {
      const [lo, hi] = casting.has(f) ? cast : other;
      f.massT = f.params.capacityT * this.rng.uniform(lo, hi);
    }
    for (const r of this.rodLines.values()) {
      const first = r.line.furnaces[0];
      if (first !== undefined) r.line.startOn(first, this.nowMs);
    }
  }
}

function byKey(a: { readonly key: string }, b: { readonly key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function getOrCreate<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The casthouse of the site a device key belongs to (`enterprise/site/…` → site slug). */
export function casthouseSite(context: Pick<DeviceContext, 'seed' | 'startMs' | 'shared'>, deviceKey: string): CasthouseSite {
  const site = deviceKey.split('/')[1] ?? '_';
  return context.shared(CASTHOUSE_SHARED_PREFIX + site, () => new CasthouseSite({ site, seed: context.seed, startMs: context.startMs }));
}
