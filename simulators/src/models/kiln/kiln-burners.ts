import type { BURNER_MODES, FLAME_FAIL_CAUSES } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { BURNER_DEFAULTS } from './kiln-equipment.params.js';
import type { KilnEventLog } from './kiln-events.js';

export type BurnerMode = (typeof BURNER_MODES)[number];
export type FlameFailCause = (typeof FLAME_FAIL_CAUSES)[number];

/** Burner device name: `b01` … `b40`. */
export function burnerName(k: number): string {
  return `b${String(k + 1).padStart(2, '0')}`;
}

/**
 * The firing-zone burners with their flame supervision (domain.md §2.1.4, §2.1.9): a flame
 * failure closes the gas valve at once (≤ 4 s), then up to 3 auto-relights, each after a 10–30 s
 * purge, succeed with 70–90 % unless the cause persists; after that the burner locks out. Kiln
 * interlocks trip every burner, a restart relights them one by one after a purge. `version[k]`
 * changes whenever burner k's published state changes (report by exception, §2.7).
 */
export class BurnerBank {
  readonly count: number;
  readonly names: readonly string[];
  readonly version: Int32Array;
  private readonly flame: Uint8Array;
  private readonly modes: BurnerMode[];
  private readonly relights: Int32Array;
  private readonly attempts: Int32Array;
  private readonly dueMs: Float64Array;
  private readonly faulty: Uint8Array;
  /** Each flame detector's own offset [%] (sensor individuality, drawn once). */
  private readonly offset: Float64Array;
  private readonly sig: Float64Array;

  constructor(
    readonly perZone: number,
    zones: number,
    private readonly log: KilnEventLog,
    rng: Rng,
  ) {
    this.count = perZone * zones;
    this.names = Array.from({ length: this.count }, (_, k) => burnerName(k));
    this.version = new Int32Array(this.count);
    this.flame = new Uint8Array(this.count).fill(1);
    this.modes = Array.from({ length: this.count }, (): BurnerMode => 'auto');
    this.relights = new Int32Array(this.count);
    this.attempts = new Int32Array(this.count);
    this.dueMs = new Float64Array(this.count).fill(Infinity);
    this.faulty = new Uint8Array(this.count);
    this.offset = Float64Array.from({ length: this.count }, () => rng.normal(0, 3));
    this.sig = this.offset.map((offset) => Math.round(BURNER_DEFAULTS.sigNominal + offset));
  }

  zoneOf(k: number): number {
    return Math.floor(k / this.perZone);
  }

  isLit(k: number): boolean {
    return this.flame[k] === 1;
  }

  modeOf(k: number): BurnerMode {
    return this.modes[k] ?? 'auto';
  }

  relightCount(k: number): number {
    return this.relights[k] ?? 0;
  }

  /** Reported flame signal [%] (changes only beyond the deadband). */
  signal(k: number): number {
    return this.sig[k] ?? 0;
  }

  /** Burners with a proven flame in zone `j`. */
  litInZone(j: number): number {
    let lit = 0;
    for (let k = j * this.perZone; k < (j + 1) * this.perZone; k++) lit += this.flame[k] ?? 0;
    return lit;
  }

  litTotal(): number {
    let lit = 0;
    for (let k = 0; k < this.count; k++) lit += this.flame[k] ?? 0;
    return lit;
  }

  /** Burners out on their own (purging or locked out) while the kiln fires: their air leaks O₂ in (§2.1.9). */
  outOnTheirOwn(): number {
    let out = 0;
    for (let k = 0; k < this.count; k++) if (this.modes[k] === 'purge' || this.modes[k] === 'lockout') out++;
    return out;
  }

  /** The flame of burner k goes out (§2.1.9): valve closed, purge and relight unless tripped by an interlock. */
  flameFail(k: number, nowMs: number, cause: FlameFailCause, rng: Rng): void {
    if (this.flame[k] !== 1 && cause === 'fault') return;
    const wasLit = this.flame[k] === 1;
    this.flame[k] = 0;
    if (cause === 'fault') {
      this.modes[k] = 'purge';
      this.attempts[k] = 0;
      this.dueMs[k] = nowMs + purgeMs(rng);
    } else if (this.modes[k] !== 'lockout' && this.modes[k] !== 'manual') {
      this.modes[k] = 'interlock';
      this.dueMs[k] = Infinity;
    }
    this.sig[k] = 0;
    this.version[k] = (this.version[k] ?? 0) + 1;
    if (wasLit) this.log.append({ source: this.names[k] ?? '', ts: nowMs, v: { type: 'flame_fail', cause, zone: this.zoneOf(k) + 1 } });
  }

  /** Every burner (or those of zone `zone`) trips: the kiln interlock / the zone high-high trip. */
  trip(nowMs: number, cause: FlameFailCause, rng: Rng, zone?: number): void {
    for (let k = 0; k < this.count; k++) if (zone === undefined || this.zoneOf(k) === zone) this.flameFail(k, nowMs, cause, rng);
  }

  /** Relights the tripped burners (of `zone`, or all) one by one from `startMs` (§2.1.9 purge + relight). */
  restart(startMs: number, staggerMs: number, zone?: number): void {
    let slot = 0;
    for (let k = 0; k < this.count; k++) {
      if (this.modes[k] !== 'interlock' || (zone !== undefined && this.zoneOf(k) !== zone)) continue;
      this.schedule(k, startMs + staggerMs * slot++);
    }
  }

  /** A relight requested for burner k (command): purge, then ignition at `dueMs`. */
  schedule(k: number, dueMs: number): void {
    this.modes[k] = 'purge';
    this.attempts[k] = 0;
    this.dueMs[k] = dueMs;
    this.version[k] = (this.version[k] ?? 0) + 1;
  }

  /** A persistent cause (fault injected) makes every relight of burner k fail until cleared. */
  setFaulty(k: number, on: boolean): void {
    this.faulty[k] = on ? 1 : 0;
  }

  /** Ignition attempts that fall due, and the flame signal's report-by-exception. */
  step(nowMs: number, rng: Rng, sigTarget: (k: number) => number): void {
    for (let k = 0; k < this.count; k++) {
      if (this.modes[k] === 'purge' && nowMs >= (this.dueMs[k] ?? Infinity)) this.ignite(k, nowMs, rng);
      const sig = this.flame[k] === 1 ? Math.max(1, Math.min(100, sigTarget(k) + (this.offset[k] ?? 0))) : 0;
      if (Math.abs(sig - (this.sig[k] ?? 0)) >= BURNER_DEFAULTS.sigDeadband) {
        this.sig[k] = Math.round(sig);
        this.version[k] = (this.version[k] ?? 0) + 1;
      }
    }
  }

  private ignite(k: number, nowMs: number, rng: Rng): void {
    const attempt = (this.attempts[k] ?? 0) + 1;
    this.attempts[k] = attempt;
    this.relights[k] = (this.relights[k] ?? 0) + 1;
    const ok = this.faulty[k] !== 1 && rng.float() < BURNER_DEFAULTS.relightSuccess;
    if (ok) {
      this.flame[k] = 1;
      this.modes[k] = 'auto';
      this.dueMs[k] = Infinity;
      this.sig[k] = Math.round(BURNER_DEFAULTS.sigNominal + (this.offset[k] ?? 0));
    } else if (attempt >= BURNER_DEFAULTS.relightAttempts) {
      this.modes[k] = 'lockout';
      this.dueMs[k] = Infinity;
    } else {
      this.dueMs[k] = nowMs + purgeMs(rng);
    }
    this.version[k] = (this.version[k] ?? 0) + 1;
    this.log.append({ source: this.names[k] ?? '', ts: nowMs, v: { type: 'relight', ok, attempt, zone: this.zoneOf(k) + 1 } });
  }
}

function purgeMs(rng: Rng): number {
  return Math.round(rng.uniform(BURNER_DEFAULTS.purgeMinMs, BURNER_DEFAULTS.purgeMaxMs));
}
