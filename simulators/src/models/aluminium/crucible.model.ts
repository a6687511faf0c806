import type { CrucibleStateName } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import type { CrucibleParams } from './aluminium.params.js';
import { EventQueue } from './event-queue.js';
import type { HoldingFurnaceModel } from './holding-furnace.model.js';

/** A crucible truck broken down on the park road (§2.3.8 HOT_METAL_SHORTAGE). */
export interface Breakdown {
  readonly sinceMs: number;
  /** Repair estimate [min] the ETA is built from. */
  readonly repairMin: number;
  readonly resume: CrucibleStateName;
}

/** What a crucible needs from the site's logistics while it steps. */
export interface CrucibleWorld {
  /** A broken-down truck blocks the park road: nothing moves on it (X10: one internal road). */
  readonly roadBlockedSinceMs: number | undefined;
  readonly roadRepairMin: number;
  /** Starts pouring into the destination (or a redirect in the same plant); false = wait. */
  tryPour(crucible: CrucibleModel): boolean;
  /** Whether the smelter taps metal into an empty crucible now (a small ready buffer, not the fleet). */
  mayFill(): boolean;
  delivered(crucible: CrucibleModel, furnace: HoldingFurnaceModel, nowMs: number): void;
}

/**
 * One 10-t hot-metal crucible (domain.md §2.3.2) through its cycle: tapped at the potline, waiting
 * loaded for a destination, carried over the park road, poured into a holding furnace, returned.
 * The metal cools 10 °C/h in the covered crucible and drops 15 °C on each pour.
 */
export class CrucibleModel {
  state: CrucibleStateName = 'at_smelter';
  massT = 0;
  tMetal: number | null = null;
  purityPct: number | null = null;
  /** Position along the route: 0 smelter … 1 plant gate. */
  posFrac = 0;
  dest: HoldingFurnaceModel | undefined;
  destPos: readonly [number, number];
  breakdown: Breakdown | undefined;
  readonly events = new EventQueue();
  private tripKmh: number;
  /** Metal on board when it left the smelter [t]. */
  private loadT = 0;

  constructor(
    readonly key: string,
    readonly params: CrucibleParams,
    private readonly rng: Rng,
  ) {
    this.destPos = params.smelterPos;
    this.tripKmh = params.speedKmh;
  }

  /** Leaves the smelter for `dest` at the plant gate `gate`. */
  depart(dest: HoldingFurnaceModel, gate: readonly [number, number], nowMs: number): void {
    this.dest = dest;
    this.destPos = gate;
    this.state = 'in_transit';
    this.tripKmh = this.params.speedKmh * this.rng.uniform(0.85, 1.15);
    this.loadT = this.massT;
    this.events.push(nowMs, 'departed', { dest: dest.key, massT: round1(this.massT), tMetal: this.tMetal === null ? null : Math.round(this.tMetal) });
  }

  /** Minutes to the destination furnace, or null when not bound for one (§2.3.2 ETA). */
  etaMin(nowMs: number, world: Pick<CrucibleWorld, 'roadBlockedSinceMs' | 'roadRepairMin'>): number | null {
    if (this.state === 'arrived' || this.state === 'pouring') return 0;
    const travelling = this.state === 'in_transit' || this.breakdown?.resume === 'in_transit';
    if (!travelling || this.dest === undefined) return null;
    const driveMin = ((1 - this.posFrac) * this.params.routeKm * 60) / this.tripKmh;
    const since = this.breakdown?.sinceMs ?? world.roadBlockedSinceMs;
    const repairMin = this.breakdown?.repairMin ?? world.roadRepairMin;
    // A stopped truck's ETA slips: the repair estimate, then at least 5 min once it is overrun.
    const waitMin = since === undefined ? 0 : Math.max(5, repairMin - (nowMs - since) / 60_000);
    return Math.round((driveMin + waitMin) * 10) / 10;
  }

  /** Advances by `dtS` seconds. */
  step(dtS: number, nowMs: number, world: CrucibleWorld): void {
    this.cool(dtS);
    if (this.breakdown !== undefined) return;
    const p = this.params;
    switch (this.state) {
      case 'at_smelter':
        if (world.mayFill()) this.startFilling();
        break;
      case 'filling':
        this.massT = Math.min(p.capacityT, this.massT + (p.capacityT * dtS) / (p.fillMin * 60));
        if (this.massT >= p.capacityT) this.state = 'loaded';
        break;
      case 'in_transit':
        if (world.roadBlockedSinceMs !== undefined) break;
        this.posFrac = Math.min(1, this.posFrac + (this.tripKmh * dtS) / 3600 / p.routeKm);
        if (this.posFrac >= 1) this.state = 'arrived';
        break;
      case 'arrived':
        if (world.tryPour(this)) this.state = 'pouring';
        break;
      case 'pouring':
        this.pour(dtS, nowMs, world);
        break;
      case 'returning':
        if (world.roadBlockedSinceMs !== undefined) break;
        this.posFrac = Math.max(0, this.posFrac - dtS / (p.returnMin * 60));
        if (this.posFrac <= 0) this.state = 'at_smelter';
        break;
      default:
        break; // loaded: waits for dispatch; breakdown: handled above
    }
  }

  /** Truck breakdown (fault): the crucible stops where it is. */
  breakDown(nowMs: number, repairMin: number): void {
    if (this.breakdown !== undefined) return;
    this.breakdown = { sinceMs: nowMs, repairMin, resume: this.state };
    this.state = 'breakdown';
    this.events.push(nowMs, 'breakdown', { repairMin, massT: round1(this.massT) });
  }

  /** Truck repaired: the crucible carries on from where it stopped. */
  repair(nowMs: number): void {
    if (this.breakdown === undefined) return;
    this.state = this.breakdown.resume;
    this.breakdown = undefined;
    this.events.push(nowMs, 'repaired', {});
  }

  private startFilling(): void {
    const p = this.params;
    this.state = 'filling';
    this.massT = 0;
    this.tMetal = this.rng.normal(p.tPotlineC, p.tPotlineSdC) - p.pourDropC;
    this.purityPct = Math.round(this.rng.uniform(p.purityPct[0], p.purityPct[1]) * 100) / 100;
    this.dest = undefined;
    this.destPos = p.smelterPos;
  }

  private pour(dtS: number, nowMs: number, world: CrucibleWorld): void {
    const dest = this.dest;
    if (dest === undefined || this.tMetal === null) return;
    const t = Math.min(this.massT, (dest.params.chargeRateTph * dtS) / 3600);
    dest.pourIn(t, this.tMetal - this.params.pourDropC);
    dest.incomingT = Math.max(0, dest.incomingT - t);
    this.massT -= t;
    if (this.massT > 1e-6) return;
    this.massT = 0;
    this.events.push(nowMs, 'delivered', { furnace: dest.key, massT: round1(this.loadT), tMetal: Math.round(this.tMetal - this.params.pourDropC) });
    world.delivered(this, dest, nowMs);
    this.tMetal = null;
    this.purityPct = null;
    this.state = 'returning';
  }

  private cool(dtS: number): void {
    if (this.tMetal !== null && this.massT > 0) this.tMetal -= (this.params.lossCPerH * dtS) / 3600;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
