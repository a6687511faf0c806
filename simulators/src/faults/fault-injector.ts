import type { Clock } from '../kit/clock.js';
import type { Scheduler, TaskHandle } from '../kit/scheduler.js';
import type { DeviceParams } from '../models/device-factory.js';
import type { FaultHandler } from '../models/sim-device.js';
import type { FaultSource, GroundTruthRecord, GroundTruthSink } from './ground-truth.js';

/** A device faults can be injected into. */
export interface FaultTarget {
  readonly key: string;
  readonly type: string;
  readonly faults: Readonly<Record<string, FaultHandler>>;
  readonly params?: DeviceParams;
}

export type FaultErrorCode = 'UNKNOWN_DEVICE' | 'UNSUPPORTED_FAULT' | 'ALREADY_ACTIVE' | 'NOT_ACTIVE';

/** A fault request that cannot be carried out; `code` says why. */
export class FaultError extends Error {
  constructor(
    readonly code: FaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FaultError';
  }
}

/** One injection. */
export interface InjectRequest {
  readonly faultCode: string;
  readonly device: string;
  readonly options?: Readonly<Record<string, number | string>>;
  /** Clears itself after this long [simulated ms]; absent = until cleared. */
  readonly durationMs?: number;
  readonly source: FaultSource;
}

interface Active {
  readonly record: GroundTruthRecord;
  readonly handler: FaultHandler;
  clearTask?: TaskHandle;
}

/**
 * Injects and clears faults on simulated devices and keeps the ground truth of every one
 * (what, where, when), in memory and through an optional {@link GroundTruthSink} (JSONL file),
 * so alarm detection can be scored later. Sources: scenario timeline, CLI at run time, random
 * MTBF/MTTR (see fault-schedule.ts).
 */
export class FaultInjector {
  readonly counters = { injected: 0, cleared: 0, unsupported: 0, model: 0 };
  private readonly targets = new Map<string, FaultTarget>();
  private readonly active = new Map<string, Active>();
  private readonly history: GroundTruthRecord[] = [];
  private nextId = 1;

  constructor(
    targets: Iterable<FaultTarget>,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly sink?: GroundTruthSink,
  ) {
    for (const target of targets) this.targets.set(target.key, target);
  }

  /** Every device that can take faults, in model order. */
  get all(): readonly FaultTarget[] {
    return [...this.targets.values()];
  }

  target(key: string): FaultTarget | undefined {
    return this.targets.get(key);
  }

  /** Injects now; throws {@link FaultError} for an unknown device/fault or one already active. */
  inject(request: InjectRequest): GroundTruthRecord {
    const target = this.targets.get(request.device);
    if (target === undefined) throw new FaultError('UNKNOWN_DEVICE', `device ${request.device} is not simulated`);
    const handler = target.faults[request.faultCode];
    if (handler === undefined) throw new FaultError('UNSUPPORTED_FAULT', `${target.type} has no fault ${request.faultCode} (known: ${Object.keys(target.faults).join(', ') || 'none'})`);
    const id = activeKey(request.device, request.faultCode);
    if (this.active.has(id)) throw new FaultError('ALREADY_ACTIVE', `${request.faultCode} is already active on ${request.device}`);
    const now = this.clock.now();
    const record: GroundTruthRecord = { id: this.nextId++, faultCode: request.faultCode, device: target.key, deviceType: target.type, injectedAt: now, clearedAt: null, options: request.options ?? {}, source: request.source };
    handler.inject(now, request.options);
    const entry: Active = { record, handler };
    if (request.durationMs !== undefined) entry.clearTask = this.scheduler.at(now + request.durationMs, () => this.clear(request.faultCode, request.device));
    this.active.set(id, entry);
    this.history.push(record);
    this.counters.injected++;
    this.sink?.write('inject', record);
    return record;
  }

  /** Like {@link inject}, but an unsupported fault or busy device is counted and skipped. */
  tryInject(request: InjectRequest): GroundTruthRecord | undefined {
    try {
      return this.inject(request);
    } catch (error) {
      if (!(error instanceof FaultError)) throw error;
      this.counters.unsupported++;
      return undefined;
    }
  }

  /** Clears an active fault now; throws {@link FaultError} NOT_ACTIVE otherwise. */
  clear(faultCode: string, device: string): GroundTruthRecord {
    const id = activeKey(device, faultCode);
    const entry = this.active.get(id);
    if (entry === undefined) throw new FaultError('NOT_ACTIVE', `${faultCode} is not active on ${device}`);
    const now = this.clock.now();
    if (entry.clearTask !== undefined) this.scheduler.cancel(entry.clearTask);
    this.active.delete(id);
    entry.handler.clear(now);
    entry.record.clearedAt = now;
    this.counters.cleared++;
    this.sink?.write('clear', entry.record);
    return entry.record;
  }

  /**
   * A fault a device model raised by itself (source `model`, no handler): recorded and written to
   * the ground truth like an injected one; {@link endModelFault} sets its `clearedAt`.
   */
  recordModelFault(faultCode: string, device: string, atMs: number): GroundTruthRecord {
    const record: GroundTruthRecord = { id: this.nextId++, faultCode, device, deviceType: this.targets.get(device)?.type ?? 'unknown', injectedAt: atMs, clearedAt: null, options: {}, source: 'model' };
    this.history.push(record);
    this.counters.model++;
    this.sink?.write('inject', record);
    return record;
  }

  endModelFault(record: GroundTruthRecord, atMs: number): void {
    if (record.clearedAt !== null) return;
    record.clearedAt = atMs;
    this.sink?.write('clear', record);
  }

  isActive(faultCode: string, device: string): boolean {
    return this.active.has(activeKey(device, faultCode));
  }

  /** Faults active now. */
  activeFaults(): GroundTruthRecord[] {
    return [...this.active.values()].map((a) => a.record);
  }

  /** Every fault injected so far, in order (cleared ones carry `clearedAt`). */
  records(): readonly GroundTruthRecord[] {
    return this.history;
  }
}

function activeKey(device: string, faultCode: string): string {
  return `${device}\u0000${faultCode}`;
}
