import type { FoundryTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { Ar1Noise, lag, quantise } from '../../kit/signal.js';
import type { RunStatus } from './run-status.js';

const MINUTE = 60_000;
type Values = FoundryTelemetry['v'];

/** One foundry unit kind: telemetry values at a time, and optional discrete events. */
export interface FoundryUnit {
  values(nowMs: number): Values;
  /** The unit's cycle event due at `nowMs` (mould done, pour), or undefined. */
  cycleEvent?(nowMs: number): Record<string, string | number | boolean | null> | undefined;
}

/**
 * Vertical flaskless green-sand moulding line (domain.md §2.5.2, DISAMATIC): 240–550 moulds/h,
 * default 350/h, several castings per mould. The mould counter stops while the line is down.
 */
export class MouldingLine implements FoundryUnit {
  moulds: number;
  private readonly sandT: Ar1Noise;

  constructor(
    private readonly status: RunStatus,
    private readonly rng: Rng,
    readonly rateH: number,
    private readonly castingsPerMould: number,
  ) {
    this.moulds = rng.int(100_000, 900_000);
    this.sandT = new Ar1Noise(2, 0.999, rng);
  }

  cycleEvent(nowMs: number): Record<string, number | string> | undefined {
    this.status.advance(nowMs);
    if (!this.status.running) return undefined;
    this.moulds++;
    return { type: 'mould_done', mould: this.moulds, castings: this.castingsPerMould, squeezeMpa: quantise(this.rng.normal(1.2, 0.02), 0.01) };
  }

  values(nowMs: number): Values {
    this.status.advance(nowMs);
    const run = this.status.running;
    return {
      kind: 'moulding', run, moulds: this.moulds, rateH: run ? quantise(this.rateH * (1 + 0.005 * this.rng.normal()), 1) : 0,
      squeezeMpa: run ? quantise(this.rng.normal(1.2, 0.02), 0.01) : 0, compactPct: quantise(this.rng.normal(40, 0.8), 0.1), sandT: quantise(40 + this.sandT.step(this.rng, 2_000), 0.1),
    };
  }
}

/** Green-sand plant (muller): moisture 3.2–3.8 %, compactability 38–44 %, permeability, sand temperature, throughput. */
export class SandPlant implements FoundryUnit {
  private readonly moist: Ar1Noise;
  private readonly compact: Ar1Noise;

  constructor(
    private readonly status: RunStatus,
    private readonly rng: Rng,
    private readonly tph: number,
  ) {
    this.moist = new Ar1Noise(0.12, 0.995, rng);
    this.compact = new Ar1Noise(1.2, 0.995, rng);
  }

  values(nowMs: number): Values {
    this.status.advance(nowMs);
    const run = this.status.running;
    const moist = 3.5 + this.moist.step(this.rng, 2_000);
    return {
      kind: 'sand', run, moistPct: quantise(moist, 0.01), compactPct: quantise(41 + 8 * (moist - 3.5) + this.compact.step(this.rng, 2_000), 0.1),
      perm: quantise(this.rng.normal(130, 4), 1), tSand: quantise(this.rng.normal(42, 0.5), 0.1), tph: run ? quantise(this.tph * (1 + 0.02 * this.rng.normal()), 0.1) : 0,
    };
  }
}

/** Phases of one heat [min] and power [kW] of a medium-frequency furnace (§2.5.2: 1–6 t, tap 1,480–1,530 °C). */
const HEAT = { chargingMin: 10, meltingMin: 38, holdingMin: 6, tappingMin: 4, kwPerT: 600, holdKw: 250 } as const;

/** Medium-frequency induction furnace: charging → melting → holding → tapping, one heat ≈ 58 min. */
export class InductionFurnace implements FoundryUnit {
  heats = 0;
  private tMelt = 1_150;
  private lastMs: number;
  private heatStartMs: number;
  private tapped = false;

  constructor(
    private readonly status: RunStatus,
    private readonly rng: Rng,
    private readonly capacityT: number,
    startMs: number,
  ) {
    this.lastMs = startMs;
    this.heatStartMs = startMs - Math.round(rng.float() * this.heatMs());
    const { phase, min } = this.phaseAt(startMs);
    this.tMelt = phase === 'charging' ? 1_150 : phase === 'melting' ? 1_530 - 380 * Math.exp(-min / 15) : 1_505;
  }

  private heatMs(): number {
    return (HEAT.chargingMin + HEAT.meltingMin + HEAT.holdingMin + HEAT.tappingMin) * MINUTE;
  }

  /** Phase and minutes into it at `nowMs`. */
  phaseAt(nowMs: number): { phase: 'charging' | 'melting' | 'holding' | 'tapping'; min: number } {
    const min = (nowMs - this.heatStartMs) / MINUTE;
    if (min < HEAT.chargingMin) return { phase: 'charging', min };
    if (min < HEAT.chargingMin + HEAT.meltingMin) return { phase: 'melting', min: min - HEAT.chargingMin };
    if (min < HEAT.chargingMin + HEAT.meltingMin + HEAT.holdingMin) return { phase: 'holding', min: min - HEAT.chargingMin - HEAT.meltingMin };
    return { phase: 'tapping', min: min - HEAT.chargingMin - HEAT.meltingMin - HEAT.holdingMin };
  }

  /** The `tap` event once per heat, as tapping starts. */
  cycleEvent(nowMs: number): Record<string, number | string> | undefined {
    this.step(nowMs);
    if (this.tapped || this.phaseAt(nowMs).phase !== 'tapping') return undefined;
    this.tapped = true;
    this.heats++;
    return { type: 'tap', heat: this.heats, tTap: quantise(this.tMelt, 1), massT: quantise(this.capacityT * 0.9, 0.01) };
  }

  values(nowMs: number): Values {
    this.step(nowMs);
    if (!this.status.running) return { kind: 'furnace', phase: 'idle', tMelt: quantise(this.tMelt, 1), kw: 0, massT: quantise(this.capacityT * 0.5, 0.01), hz: 0, tWater: 30, heats: this.heats };
    const { phase, min } = this.phaseAt(nowMs);
    const fill = phase === 'charging' ? 0.1 + (0.9 * min) / HEAT.chargingMin : phase === 'tapping' ? 1 - (0.9 * min) / HEAT.tappingMin : 1;
    const kw = phase === 'melting' ? HEAT.kwPerT * this.capacityT : phase === 'charging' ? 0.3 * HEAT.kwPerT * this.capacityT : HEAT.holdKw;
    return {
      kind: 'furnace', phase, tMelt: phase === 'charging' ? null : quantise(this.tMelt + this.rng.normal(0, 2), 1), kw: quantise(kw * (1 + 0.01 * this.rng.normal()), 1),
      massT: quantise(this.capacityT * fill, 0.01), hz: quantise(phase === 'melting' ? 500 + 300 * Math.min(1, min / HEAT.meltingMin) : 700, 1),
      tWater: quantise(30 + 12 * (kw / (HEAT.kwPerT * this.capacityT)) + this.rng.normal(0, 0.2), 0.1), heats: this.heats,
    };
  }

  private step(nowMs: number): void {
    this.status.advance(nowMs);
    if (!this.status.running) {
      this.heatStartMs += nowMs - this.lastMs; // the heat waits while the furnace is down
      this.tMelt = lag(this.tMelt, 1_250, nowMs - this.lastMs, 60 * MINUTE);
      this.lastMs = nowMs;
      return;
    }
    while (nowMs - this.heatStartMs >= this.heatMs()) {
      this.heatStartMs += this.heatMs();
      this.tapped = false;
    }
    const { phase } = this.phaseAt(nowMs);
    const target = phase === 'charging' ? 1_150 : phase === 'melting' ? 1_530 : 1_505;
    this.tMelt = lag(this.tMelt, target, nowMs - this.lastMs, phase === 'melting' ? 15 * MINUTE : 5 * MINUTE);
    this.lastMs = nowMs;
  }
}

/**
 * Automatic pouring unit on a moulding line (§2.5.2: pouring 1,320–1,440 °C): one pour per mould
 * while the moulding line runs; the ladle cools between refills every ~10 min.
 */
export class PouringUnit implements FoundryUnit {
  pours = 0;
  private ladleKg = 0;
  private tPour = 1_430;
  private lastPourKg = 0;
  private lastMs: number;
  private nextPourMs: number;

  constructor(
    private readonly status: RunStatus,
    private readonly rng: Rng,
    private readonly mouldRunning: () => boolean,
    private readonly pourKg: number,
    private readonly mouldMs: number,
    startMs: number,
  ) {
    this.lastMs = startMs;
    this.nextPourMs = startMs + mouldMs;
    this.refill();
  }

  values(nowMs: number): Values {
    this.status.advance(nowMs);
    const run = this.status.running && this.mouldRunning();
    for (; this.nextPourMs <= nowMs; this.nextPourMs += this.mouldMs) if (run) this.pour();
    this.tPour = Math.max(1_320, this.tPour - 0.9 * ((nowMs - this.lastMs) / MINUTE)); // the ladle cools ~1 °C/min
    this.lastMs = nowMs;
    return { kind: 'pouring', run, tPour: quantise(this.tPour + this.rng.normal(0, 1), 1), ladleKg: quantise(this.ladleKg, 1), pourKg: this.lastPourKg, pours: this.pours };
  }

  /** One pour per mould; the ladle is refilled (and hot again) when it runs low. */
  private pour(): void {
    this.lastPourKg = quantise(this.rng.normal(this.pourKg, 0.4), 0.1);
    this.ladleKg -= this.lastPourKg;
    this.pours++;
    if (this.ladleKg < this.pourKg) this.refill();
  }

  private refill(): void {
    this.ladleKg = 600 + this.rng.uniform(-20, 20);
    this.tPour = this.rng.uniform(1_425, 1_440);
  }
}
