/**
 * Castings flowing from moulding lines to the machining cells they feed (domain.md §2.5.7
 * LINE_STOP: "mould counter stops; downstream machining starves after buffer time (30–120 min)").
 * Shared through `DeviceContext.shared(castingSupplyKey(...))`: each moulding line registers as a
 * feeder of its own device slug and of its line slug, and reports its stops and restarts; a CNC
 * reads the supply it names (`castingsFrom`) against its own buffer. A supply with several
 * feeders is stopped only while all of them are.
 */
export class CastingSupply {
  private readonly feeders = new Map<string, number | undefined>();
  /** When the supply last came back after a stop. */
  restartedAt: number | undefined;

  /** A feeder joins (running). */
  register(feeder: string): void {
    if (!this.feeders.has(feeder)) this.feeders.set(feeder, undefined);
  }

  stop(feeder: string, nowMs: number): void {
    if (this.feeders.get(feeder) === undefined) this.feeders.set(feeder, nowMs);
  }

  start(feeder: string, nowMs: number): void {
    const wasStopped = this.stoppedAt !== undefined;
    this.feeders.set(feeder, undefined);
    if (wasStopped) this.restartedAt = nowMs;
  }

  /** Since when every feeder is stopped, or undefined while one runs (or none is registered). */
  get stoppedAt(): number | undefined {
    if (this.feeders.size === 0) return undefined;
    let latest = -Infinity;
    for (const at of this.feeders.values()) {
      if (at === undefined) return undefined;
      latest = Math.max(latest, at);
    }
    return latest;
  }

  /** When a consumer with `bufferMs` of castings in stock runs dry, or undefined if it does not (yet). */
  dryAt(nowMs: number, bufferMs: number): number | undefined {
    const stopped = this.stoppedAt;
    if (stopped === undefined) return undefined;
    const dry = stopped + bufferMs;
    return dry <= nowMs ? dry : undefined;
  }
}
