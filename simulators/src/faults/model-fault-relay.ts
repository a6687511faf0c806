import type { FaultInjector } from './fault-injector.js';
import type { GroundTruthRecord, ModelFaultLog } from './ground-truth.js';

/**
 * The {@link ModelFaultLog} device models get in their context: device models are built before
 * the simulation's {@link FaultInjector}, so reports made before {@link attach} are kept and
 * handed over then; afterwards they go straight to the injector's ground truth.
 */
export class ModelFaultRelay implements ModelFaultLog {
  private injector: FaultInjector | undefined;
  private readonly pending: { device: string; faultCode: string; atMs: number; endMs?: number }[] = [];
  private readonly records = new Map<number, GroundTruthRecord>();
  private nextHandle = 1;

  begin(device: string, faultCode: string, atMs: number): number {
    const handle = this.nextHandle++;
    if (this.injector) this.records.set(handle, this.injector.recordModelFault(faultCode, device, atMs));
    else this.pending[handle - 1] = { device, faultCode, atMs };
    return handle;
  }

  end(handle: number, atMs: number): void {
    const record = this.records.get(handle);
    if (record && this.injector) {
      this.injector.endModelFault(record, atMs);
      this.records.delete(handle);
      return;
    }
    const early = this.pending[handle - 1];
    if (early) early.endMs = atMs;
  }

  attach(injector: FaultInjector): void {
    this.injector = injector;
    for (const [i, report] of this.pending.entries()) {
      if (report === undefined) continue;
      const record = injector.recordModelFault(report.faultCode, report.device, report.atMs);
      if (report.endMs === undefined) this.records.set(i + 1, record);
      else injector.endModelFault(record, report.endMs);
    }
    this.pending.length = 0;
  }
}
