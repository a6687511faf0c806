import type { SiteParams } from './aluminium.params.js';
import type { HoldingFurnaceModel } from './holding-furnace.model.js';

/** Bath temperature assumed for a consumer that has no furnace in the simulation [°C]. */
const STANDALONE_BATH_C = 740;

/**
 * The metal path of one casting line (domain.md §2.3.1, §2.3.7): the holding furnaces that feed it
 * (two per Yihe rod line, alternating fill and cast; two for the Yuantai DC caster), the launder
 * through its degasser and filter boxes, and the consumer at its end. A line with no furnace in the
 * simulation is fed from an unlimited virtual furnace at 740 °C, so a rod line or caster runs alone.
 */
export class CastLine {
  readonly furnaces: HoldingFurnaceModel[] = [];
  active: HoldingFurnaceModel | undefined;
  /** Metal through the launder this step [t/h]. */
  flowTph = 0;
  /** Tonnes through the launder since the start. */
  throughT = 0;
  /** Time of the current step, for the events it records. */
  private nowMs = 0;

  constructor(
    /** `enterprise/site/area/line`. */
    readonly key: string,
    private readonly site: SiteParams,
  ) {}

  /** Bath temperature of the furnace feeding the line [°C] (or of the one that fed it last). */
  get tSource(): number {
    return (this.active ?? this.furnaces[0])?.tBath ?? STANDALONE_BATH_C;
  }

  /** Start of a physics step at `nowMs`. */
  beginStep(nowMs: number): void {
    this.nowMs = nowMs;
    this.flowTph = 0;
  }

  /**
   * Continuous draw (rod line): `tph` for `dtS` s from the active furnace, switching to the partner
   * when the active one runs low or cannot pour and the partner is ready. Returns t/h delivered.
   */
  feedContinuous(tph: number, dtS: number): number {
    if (this.furnaces.length === 0) return this.account(tph, dtS);
    const active = this.active;
    const stuck = active === undefined || !active.canCast();
    if (stuck || active.fill < this.site.lowFrac) {
      // A full partner takes over; with none, any furnace that can pour beats one that cannot.
      const partner = this.best((f) => f !== active && this.ready(f)) ?? (stuck ? this.best((f) => f.canCast()) : undefined);
      if (partner !== undefined) this.switchTo(partner);
    }
    return this.account(this.active?.draw(tph, dtS) ?? 0, dtS);
  }

  /** Batch draw (DC caster during a drop) from the furnace chosen at the start. */
  feedBatch(tph: number, dtS: number): number {
    if (this.furnaces.length === 0) return this.account(tph, dtS);
    return this.account(this.active?.draw(tph, dtS) ?? 0, dtS);
  }

  /** Chooses the furnace for a drop of `massT` (most metal, castable); false when none can. */
  startBatch(massT: number): boolean {
    if (this.furnaces.length === 0) return true;
    const chosen = this.best((f) => f.canCast() && f.massT - f.params.heelT >= massT * 1.05);
    if (chosen === undefined) return false;
    this.switchTo(chosen);
    return true;
  }

  /** Starts the line on `furnace` at `nowMs` (binding: the furnace filled for casting). */
  startOn(furnace: HoldingFurnaceModel, nowMs: number): void {
    this.nowMs = nowMs;
    this.switchTo(furnace);
  }

  /** Ends casting from the active furnace (end of a drop, line stopped). */
  release(nowMs: number): void {
    if (this.active === undefined) return;
    this.active.casting = false;
    this.active.events.push(nowMs, 'casting_end', { line: this.key, massT: Math.round(this.active.massT * 10) / 10 });
    this.active = undefined;
  }

  /** Whether any furnace of the line could pour now (always, for a line without furnaces). */
  canFeed(): boolean {
    if (this.furnaces.length === 0) return true;
    for (const f of this.furnaces) if (f.canCast()) return true;
    return false;
  }

  /** §2.3.7 level alarm situation: the casting furnace is below 20 % and no partner could take over. */
  lowSupply(): boolean {
    if (this.furnaces.length === 0) return false;
    const active = this.active;
    const lowActive = active === undefined || active.fill < this.site.lowFrac + 0.05 || !active.canCast();
    return lowActive && this.best((f) => f !== active && this.ready(f)) === undefined;
  }

  private ready(f: HoldingFurnaceModel): boolean {
    return f.canCast() && f.fill >= this.site.readyFrac;
  }

  private best(accept: (f: HoldingFurnaceModel) => boolean): HoldingFurnaceModel | undefined {
    let best: HoldingFurnaceModel | undefined;
    for (const f of this.furnaces) if (accept(f) && (best === undefined || f.massT > best.massT)) best = f;
    return best;
  }

  private switchTo(next: HoldingFurnaceModel): void {
    const now = this.nowMs;
    if (this.active !== undefined && this.active !== next) this.release(now);
    if (this.active === next) return;
    this.active = next;
    next.casting = true;
    next.events.push(now, 'casting_start', { line: this.key, massT: Math.round(next.massT * 10) / 10 });
  }

  private account(tph: number, dtS: number): number {
    this.flowTph += tph;
    this.throughT += (tph * dtS) / 3600;
    return tph;
  }
}
