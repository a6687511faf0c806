import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a fault came from (`model`: raised by a device model itself, e.g. a machine's own MTBF stop). */
export type FaultSource = 'timeline' | 'cli' | 'random' | 'api' | 'model';

/**
 * One injected fault, the ground truth alarm detection is scored against: what (`faultCode`),
 * where (`device`), when (`injectedAt`, `clearedAt` — simulated epoch ms, null while active).
 */
export interface GroundTruthRecord {
  readonly id: number;
  readonly faultCode: string;
  readonly device: string;
  readonly deviceType: string;
  readonly injectedAt: number;
  clearedAt: number | null;
  readonly options: Readonly<Record<string, number | string>>;
  readonly source: FaultSource;
}

/**
 * Where device models report the faults they raise by themselves (a machine's random stop by its
 * own MTBF), so those are ground truth like injected ones. `begin` returns a handle for `end`.
 */
export interface ModelFaultLog {
  begin(device: string, faultCode: string, atMs: number): number;
  end(handle: number, atMs: number): void;
}

/** Receives every inject and clear as it happens (a side-effect port). */
export interface GroundTruthSink {
  write(event: 'inject' | 'clear', record: GroundTruthRecord): void;
}

/**
 * Ground truth as JSON Lines: one line at injection (`clearedAt: null`) and one at clearing,
 * both with the same `id`, so a crash never loses an injection and the last line per id is the
 * full record. Appended synchronously: faults are rare and their order matters.
 */
export class JsonlGroundTruthFile implements GroundTruthSink {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  write(event: 'inject' | 'clear', record: GroundTruthRecord): void {
    appendFileSync(this.file, `${JSON.stringify({ event, ...record })}\n`);
  }
}
