import type { Rng } from '../../kit/rng.js';
import type { FaultHandler } from '../sim-device.js';
import { optNum } from './discrete-params.js';
import { logNormal } from './machine-cycle.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Running / down of a unit that makes no counted parts (foundry units, utilities, plant
 * equipment): random failures by MTBF, repairs by a log-normal MTTR (domain.md §2.5.1: MTBF
 * 8–40 h, MTTR 10–60 min), plus forced stops from faults. Its own Rng, consumed in time order.
 * `onChange` tells a listener (e.g. the casting supply of a moulding line) each transition.
 */
export class RunStatus {
  running = true;
  code: string | null = null;
  since: number;
  /** Bumped on every change (for state snapshots). */
  version = 0;
  onChange: ((atMs: number, running: boolean) => void) | undefined;
  private nextMs: number;
  private forced = false;

  constructor(
    private readonly rng: Rng,
    startMs: number,
    readonly mtbfH: number,
    readonly mttrMin: number,
  ) {
    this.since = startMs;
    this.nextMs = startMs + this.drawUp();
  }

  advance(nowMs: number): void {
    while (this.nextMs <= nowMs) {
      const t = this.nextMs;
      if (this.running) this.set(t, false, 'MACHINE_FAULT', Math.max(MINUTE, logNormal(this.rng, this.mttrMin * MINUTE, 0.5)));
      else this.set(t, true, null, this.drawUp());
    }
  }

  /** Forced stop now for `durationMs` (Infinity = until {@link release}). */
  forceDown(nowMs: number, code: string, durationMs = Infinity): void {
    this.advance(nowMs);
    this.set(Math.max(nowMs, this.since), false, code, durationMs);
    this.forced = true;
  }

  /** Ends a forced stop (only one with `code`, when given). */
  release(nowMs: number, code?: string): void {
    this.advance(nowMs);
    if (this.running || !this.forced || (code !== undefined && this.code !== code)) return;
    this.set(Math.max(nowMs, this.since), true, null, this.drawUp());
  }

  private set(t: number, running: boolean, code: string | null, forMs: number): void {
    this.forced = false;
    const changed = running !== this.running;
    this.running = running;
    this.code = code;
    this.since = t;
    this.version++;
    this.nextMs = t + Math.round(forMs);
    if (changed) this.onChange?.(t, running);
  }

  private drawUp(): number {
    return this.mtbfH > 0 ? (-Math.log(1 - this.rng.float()) * this.mtbfH * HOUR) : Infinity;
  }
}

/**
 * A fault that stops a {@link RunStatus}: `MACHINE_FAULT` (§2.5.7) or a named stop such as
 * LINE_STOP. Options: `durationMin` (default `defaultMin`; 0 = until cleared), `code`.
 */
export function runStatusFault(status: RunStatus, code: string, description: string, defaultMin: number, sync: (nowMs: number) => void = (n) => status.advance(n)): FaultHandler {
  let injected = code;
  return {
    description,
    inject(nowMs, options) {
      sync(nowMs);
      const minutes = optNum(options, 'durationMin', defaultMin);
      const given = options?.['code'];
      injected = typeof given === 'string' ? given.slice(0, 32) : code;
      status.forceDown(nowMs, injected, minutes > 0 ? minutes * MINUTE : Infinity);
    },
    clear(nowMs) {
      sync(nowMs);
      status.release(nowMs, injected);
    },
  };
}
