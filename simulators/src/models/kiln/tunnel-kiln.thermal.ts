import { interpolate, lagFactor } from '../../kit/signal.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/** Heat-work of the car leaving the kiln at a push (§2.1.8 item 3). */
export interface ExitCar {
  readonly carNo: number;
  /** Highest ware temperature it reached [°C]. */
  readonly peakC: number;
  /** Minutes it spent within `soakBandC` of the recipe peak. */
  readonly soakMin: number;
}

/**
 * The 40-cell thermal model of domain.md §2.1.8 items 2–3. Each cell keeps its gas temperature as
 * a deviation `d[i]` from the recipe's nominal profile (the §2.1.3 curve is the steady state at
 * the nominal inputs), which lags toward `target[i]` (set by the model from gas, fans, load and
 * faults) with the zone τ and the lining's rate limit. Ware temperatures lag the gas (τ_w) and
 * move one cell per push, carrying each car's heat-work. Typed arrays, no allocation per step.
 */
export class KilnThermal {
  readonly n: number;
  /** Cell centres [m]. */
  readonly cellM: Float64Array;
  /** Nominal gas temperature of each cell [°C] (§2.1.3 curve at the centre). */
  readonly nominal: Float64Array;
  /** Deviation from nominal [°C] — the state. */
  readonly d: Float64Array;
  /** Deviation each cell is heading for [°C]; written by the model before each step. */
  readonly target: Float64Array;
  readonly tauMs: Float64Array;
  /** Ware temperature [°C], car number, peak [°C] and soak time [ms] of the car in each cell. */
  readonly ware: Float64Array;
  readonly wareCar: Float64Array;
  readonly warePeak: Float64Array;
  readonly wareSoakMs: Float64Array;
  /** Index of the first and last firing-zone cell. */
  readonly firingFirst: number;
  readonly firingLast: number;
  readonly peakC: number;
  private doorAtMs: number | undefined;
  private readonly cellLagK: Float64Array;
  private cachedDtMs = -1;
  private wareLagK = 0;
  private readonly doorMemo = { atMs: NaN, dip: 0, spike: 0 };

  constructor(
    private readonly params: TunnelKilnParams,
    firstCarNo: number,
  ) {
    const n = params.cells;
    this.n = n;
    const cellLen = params.lengthM / n;
    this.cellM = Float64Array.from({ length: n }, (_, i) => (i + 0.5) * cellLen);
    this.nominal = this.cellM.map((m) => this.curveAt(m));
    this.d = new Float64Array(n);
    this.target = new Float64Array(n);
    const { startX, endX } = params.firingZone;
    this.firingFirst = Math.ceil(startX * n - 0.5);
    this.firingLast = Math.floor(endX * n - 0.5);
    this.tauMs = this.cellM.map((m) => this.tauAt(m / params.lengthM));
    this.cellLagK = new Float64Array(n);
    this.peakC = Math.max(...params.setpointKnots.map(([, t]) => t));
    this.ware = new Float64Array(n);
    this.wareCar = Float64Array.from({ length: n }, (_, i) => firstCarNo - i);
    this.warePeak = new Float64Array(n);
    this.wareSoakMs = new Float64Array(n);
    this.preRollWare();
  }

  /** Recipe gas temperature at `m` metres (§2.1.3, linear interpolation). */
  curveAt(m: number): number {
    return interpolate(this.params.setpointKnots, m / this.params.lengthM);
  }

  /** Cell deviation interpolated between cell centres at `m` metres [°C]. */
  devAt(m: number): number {
    const u = m / (this.params.lengthM / this.n) - 0.5;
    if (u <= 0) return this.d[0] ?? 0;
    if (u >= this.n - 1) return this.d[this.n - 1] ?? 0;
    const i = Math.floor(u);
    const f = u - i;
    return (this.d[i] ?? 0) * (1 - f) + (this.d[i + 1] ?? 0) * f;
  }

  /** True gas temperature at `m` [°C]: curve + deviation + door-open dip. */
  gasAt(m: number, nowMs: number): number {
    return this.curveAt(m) + this.devAt(m) + this.doorDip(m, nowMs);
  }

  /** The door-open disturbance parameters (§2.1.7). */
  get disturbance(): TunnelKilnParams['pushDisturbance'] {
    return this.params.pushDisturbance;
  }

  /** Fixed sensor positions [m] with their curve values and interpolation weights precomputed. */
  sampler(positionsM: readonly number[]): PositionSampler {
    return new PositionSampler(this, positionsM);
  }

  /** Ware at the exit end [°C]: the last car, cooled for another half push interval toward the exit gas (§2.1.1: < 100 °C). */
  exitWareC(intervalMs: number): number {
    const exitGas = this.curveAt(this.params.lengthM) + (this.d[this.n - 1] ?? 0);
    const ware = this.ware[this.n - 1] ?? exitGas;
    return exitGas + (ware - exitGas) * Math.exp(-intervalMs / 2 / this.params.heat.wareTauMs);
  }

  /** Mean deviation of the firing cells [°C]: what the preheat and cooling zones inherit. */
  firingMeanDev(): number {
    let sum = 0;
    for (let i = this.firingFirst; i <= this.firingLast; i++) sum += this.d[i] ?? 0;
    return sum / (this.firingLast - this.firingFirst + 1);
  }

  /** Advances the gas deviations toward their targets (lag, rate-limited) and the ware toward the gas. */
  step(dtMs: number): void {
    if (dtMs !== this.cachedDtMs) this.cacheLags(dtMs);
    const maxMove = (this.params.heat.maxRateCPerMin * dtMs) / 60_000;
    for (let i = 0; i < this.n; i++) {
      const d = this.d[i] ?? 0;
      const move = ((this.target[i] ?? 0) - d) * (this.cellLagK[i] ?? 1);
      this.d[i] = d + Math.max(-maxMove, Math.min(maxMove, move));
    }
    this.stepWare(dtMs);
  }

  /** The entrance door opens for a push: the door-open disturbance starts (§2.1.7). */
  openDoor(nowMs: number): void {
    this.doorAtMs = nowMs;
  }

  /**
   * Pushes one car in (§2.1.7): every car moves one cell and the new cold car enters at cell 0.
   * Returns the heat-work of the car that left.
   */
  push(carNo: number): ExitCar {
    const last = this.n - 1;
    const exit = { carNo: this.wareCar[last] ?? 0, peakC: this.warePeak[last] ?? 0, soakMin: (this.wareSoakMs[last] ?? 0) / 60_000 };
    this.ware.copyWithin(1, 0, last);
    this.wareCar.copyWithin(1, 0, last);
    this.warePeak.copyWithin(1, 0, last);
    this.wareSoakMs.copyWithin(1, 0, last);
    this.ware[0] = this.params.heat.ambientC;
    this.wareCar[0] = carNo;
    this.warePeak[0] = this.params.heat.ambientC;
    this.wareSoakMs[0] = 0;
    return exit;
  }

  /** Door-open dip of the entry gas temperature after a push, recovering exponentially (§2.1.7). */
  doorDip(m: number, nowMs: number): number {
    const d = this.params.pushDisturbance;
    return -d.dipC * Math.exp(-m / d.dipLengthM) * this.doorDecay(nowMs).dip;
  }

  /** Entry pressure spike while the door is open (§2.1.7: +10–30 Pa for 30–90 s). */
  doorSpike(m: number, nowMs: number): number {
    const d = this.params.pushDisturbance;
    return d.spikePa * Math.exp(-m / d.spikeLengthM) * this.doorDecay(nowMs).spike;
  }

  /** Time decay of the door disturbances at `nowMs` (memoised: many sensors ask at the same time). */
  doorDecay(nowMs: number): { readonly dip: number; readonly spike: number } {
    if (this.doorMemo.atMs === nowMs) return this.doorMemo;
    const d = this.params.pushDisturbance;
    const age = this.doorAtMs === undefined ? Infinity : nowMs - this.doorAtMs;
    this.doorMemo.atMs = nowMs;
    this.doorMemo.dip = Math.exp(-age / d.dipRecoveryMs);
    this.doorMemo.spike = Math.exp(-age / d.spikeMs);
    return this.doorMemo;
  }

  private cacheLags(dtMs: number): void {
    this.cachedDtMs = dtMs;
    for (let i = 0; i < this.n; i++) this.cellLagK[i] = lagFactor(dtMs, this.tauMs[i] ?? 1);
    this.wareLagK = lagFactor(dtMs, this.params.heat.wareTauMs);
  }

  private stepWare(dtMs: number): void {
    const k = this.wareLagK;
    const band = this.peakC - this.params.heat.soakBandC;
    for (let i = 0; i < this.n; i++) {
      const gas = (this.nominal[i] ?? 0) + (this.d[i] ?? 0);
      const ware = (this.ware[i] ?? 0) + (gas - (this.ware[i] ?? 0)) * k;
      this.ware[i] = ware;
      if (ware > (this.warePeak[i] ?? 0)) this.warePeak[i] = ware;
      if (ware >= band) this.wareSoakMs[i] = (this.wareSoakMs[i] ?? 0) + dtMs;
    }
  }

  /** Steady-state ware profile: each car has spent one push interval in every cell before its own. */
  private preRollWare(): void {
    const interval = this.params.pusher.intervalMs;
    const decay = Math.exp(-interval / this.params.heat.wareTauMs);
    const band = this.peakC - this.params.heat.soakBandC;
    let entering = this.params.heat.ambientC;
    let peak = entering;
    let soakMs = 0;
    for (let i = 0; i < this.n; i++) {
      const gas = this.nominal[i] ?? 0;
      const mid = gas + (entering - gas) * Math.sqrt(decay);
      this.ware[i] = mid;
      peak = Math.max(peak, mid);
      this.warePeak[i] = peak;
      this.wareSoakMs[i] = soakMs;
      entering = gas + (entering - gas) * decay;
      if (entering >= band) soakMs += interval;
    }
  }

  /** Lag τ by zone (§2.1.8 item 2): preheat 20–40, firing 8–15, cooling 15–30 min. */
  private tauAt(x: number): number {
    const { startX, endX } = this.params.firingZone;
    if (x < startX) return this.params.tauMs.preheat;
    return x <= endX ? this.params.tauMs.firing : this.params.tauMs.cooling;
  }
}

/**
 * Gas temperature at fixed sensor positions: curve value, the two neighbouring cells and the
 * door-dip weight are computed once, so each reading is a few multiplications.
 */
export class PositionSampler {
  private readonly curve: Float64Array;
  private readonly cell: Int32Array;
  private readonly frac: Float64Array;
  private readonly dipWeight: Float64Array;

  constructor(
    private readonly thermal: KilnThermal,
    readonly positionsM: readonly number[],
  ) {
    const cellLen = thermal.cellM[0] === undefined ? 1 : 2 * thermal.cellM[0];
    const last = thermal.n - 1;
    this.curve = Float64Array.from(positionsM, (m) => thermal.curveAt(m));
    const u = positionsM.map((m) => Math.min(last, Math.max(0, m / cellLen - 0.5)));
    this.cell = Int32Array.from(u, (x) => Math.min(last - 1, Math.floor(x)));
    this.frac = Float64Array.from(u, (x, k) => x - (this.cell[k] ?? 0));
    const door = thermal.disturbance;
    this.dipWeight = Float64Array.from(positionsM, (m) => door.dipC * Math.exp(-m / door.dipLengthM));
  }

  /** Gas temperature at position k [°C]. */
  gas(k: number, nowMs: number): number {
    const i = this.cell[k] ?? 0;
    const f = this.frac[k] ?? 0;
    const d = this.thermal.d;
    const dip = (this.dipWeight[k] ?? 0) * this.thermal.doorDecay(nowMs).dip;
    return (this.curve[k] ?? 0) + (d[i] ?? 0) * (1 - f) + (d[i + 1] ?? 0) * f - dip;
  }
}
