import { fnv1a } from '../../kit/rng.js';
import type { CrucibleParams, SiteParams } from './aluminium.params.js';
import type { CrucibleModel, CrucibleWorld } from './crucible.model.js';
import type { HoldingFurnaceModel } from './holding-furnace.model.js';

/** Delivery bookkeeping of one plant (`enterprise/site`) for the §2.3.7 supply-gap rule. */
interface PlantSupply {
  lastDispatchMs: number;
  lastDeliveryMs: number;
  /** Since when a non-casting furnace has had room for a crucible, or undefined. */
  demandSinceMs: number | undefined;
}

/**
 * Hot-metal logistics of one site (domain.md §2.3.2, §2.3.7, seed X9/X10): crucibles tapped at the
 * smelter wait loaded until a holding furnace that is not casting has room, then drive the park
 * road to it ("poured into the furnace with the lowest level that is not casting"), at most one
 * dispatch per plant per headway. A plant whose furnaces have wanted metal for more than 90 min
 * without a delivery is in HOT_METAL_SHORTAGE: its rod lines slow down.
 */
export class HotMetalLogistics implements CrucibleWorld {
  readonly crucibles: CrucibleModel[] = [];
  readonly furnaces: HoldingFurnaceModel[] = [];
  roadBlockedSinceMs: number | undefined;
  roadRepairMin = 0;
  private readonly plants = new Map<string, PlantSupply>();
  /** Plants with a furnace wanting metal this step (reused set: no allocation per step). */
  private readonly wanting = new Set<string>();
  private nowMs: number;
  /** Crucibles full or filling at the smelter this step. */
  private ready = 0;

  constructor(
    private readonly site: SiteParams,
    private readonly crucible: CrucibleParams,
    startMs: number,
  ) {
    this.nowMs = startMs;
  }

  /** Advances every crucible, dispatches loaded ones and updates the supply-gap clocks. */
  step(dtS: number, nowMs: number): void {
    this.nowMs = nowMs;
    this.ready = 0;
    for (const c of this.crucibles) if (c.state === 'filling' || c.state === 'loaded') this.ready++;
    for (const c of this.crucibles) c.step(dtS, nowMs, this);
    if (this.roadBlockedSinceMs === undefined) this.dispatch(nowMs);
    this.trackDemand(nowMs);
  }

  /** True while `plantKey` has had unmet demand and no delivery for longer than the gap (§2.3.8). */
  shortage(plantKey: string): boolean {
    const plant = this.plants.get(plantKey);
    if (plant?.demandSinceMs === undefined) return false;
    const gapMs = this.site.gapMin * 60_000;
    return this.nowMs - plant.demandSinceMs > gapMs && this.nowMs - plant.lastDeliveryMs > gapMs;
  }

  /** Registers a furnace the crucibles may serve. */
  addFurnace(f: HoldingFurnaceModel): void {
    this.furnaces.push(f);
    this.plant(f.plantKey);
  }

  /** The park road is blocked by a broken-down truck (fault scope `road`). */
  blockRoad(nowMs: number, repairMin: number): void {
    this.roadBlockedSinceMs = nowMs;
    this.roadRepairMin = repairMin;
  }

  clearRoad(): void {
    this.roadBlockedSinceMs = undefined;
  }

  /** The smelter taps a crucible only while fewer than `loadedBuffer` stand full or filling. */
  mayFill(): boolean {
    if (this.ready >= this.site.loadedBuffer) return false;
    this.ready++;
    return true;
  }

  tryPour(c: CrucibleModel): boolean {
    const dest = this.accepts(c.dest, c.massT) ? c.dest : this.redirect(c);
    if (dest === undefined) return false;
    if (dest !== c.dest) {
      if (c.dest !== undefined) c.dest.incomingT = Math.max(0, c.dest.incomingT - c.massT);
      dest.incomingT += c.massT;
      c.dest = dest;
    }
    dest.charging = true;
    return true;
  }

  delivered(c: CrucibleModel, furnace: HoldingFurnaceModel, nowMs: number): void {
    furnace.endCharge(nowMs, c.key.split('/').pop() ?? c.key);
    this.plant(furnace.plantKey).lastDeliveryMs = nowMs;
  }

  /** Plant gate a crucible drives to ([E] a fixed offset from the smelter per plant). */
  gateOf(plantKey: string): readonly [number, number] {
    const h = fnv1a(plantKey);
    const [lat, lon] = this.crucible.smelterPos;
    return [round4(lat + 0.012 + (h % 100) / 10_000), round4(lon - 0.02 + ((h >>> 8) % 400) / 10_000)];
  }

  private dispatch(nowMs: number): void {
    for (const c of this.crucibles) {
      if (c.state !== 'loaded') continue;
      const dest = this.destinationFor(c.massT, nowMs);
      if (dest === undefined) return;
      const plantKey = dest.plantKey;
      dest.incomingT += c.massT;
      this.plant(plantKey).lastDispatchMs = nowMs;
      c.depart(dest, this.gateOf(plantKey), nowMs);
    }
  }

  /** Lowest projected fill among furnaces that are not casting, have room and whose plant is off headway. */
  private destinationFor(massT: number, nowMs: number): HoldingFurnaceModel | undefined {
    let best: HoldingFurnaceModel | undefined;
    let bestFill = Infinity;
    const headwayMs = this.site.headwayMin * 60_000;
    for (const f of this.furnaces) {
      if (f.casting || f.faults.leak !== undefined || !f.hasRoomFor(massT)) continue;
      if (nowMs - this.plant(f.plantKey).lastDispatchMs < headwayMs) continue;
      const fill = (f.massT + f.incomingT) / f.params.capacityT;
      if (fill < bestFill) [best, bestFill] = [f, fill];
    }
    return best;
  }

  private accepts(f: HoldingFurnaceModel | undefined, massT: number): f is HoldingFurnaceModel {
    return f !== undefined && !f.casting && !f.charging && f.faults.leak === undefined && f.massT + massT <= f.params.capacityT;
  }

  /** Another furnace of the same plant that can take the metal now, when the planned one cannot. */
  private redirect(c: CrucibleModel): HoldingFurnaceModel | undefined {
    const plantKey = c.dest === undefined ? undefined : c.dest.plantKey;
    let best: HoldingFurnaceModel | undefined;
    for (const f of this.furnaces) {
      if (f.plantKey !== plantKey || !this.accepts(f, c.massT)) continue;
      if (best === undefined || f.massT + f.incomingT < best.massT + best.incomingT) best = f;
    }
    return best;
  }

  private trackDemand(nowMs: number): void {
    const wanting = this.wanting;
    wanting.clear();
    for (const f of this.furnaces) {
      if (!f.casting && f.massT + this.crucible.capacityT <= f.params.capacityT) wanting.add(f.plantKey);
    }
    for (const [key, plant] of this.plants) plant.demandSinceMs = wanting.has(key) ? (plant.demandSinceMs ?? nowMs) : undefined;
  }

  private plant(plantKey: string): PlantSupply {
    let plant = this.plants.get(plantKey);
    if (plant === undefined) {
      plant = { lastDispatchMs: -Infinity, lastDeliveryMs: this.nowMs, demandSinceMs: undefined };
      this.plants.set(plantKey, plant);
    }
    return plant;
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
