import { isAnnunciated, type AlarmChange } from './alarm-record.js';

/**
 * Scores alarm rules against the simulators' ground truth: which injected faults raised the
 * expected alarm (detected), which did not (missed), how long it took (time to alarm), and
 * which annunciated alarms no injected fault explains (false alarms).
 */

/** One injected fault (the simulators' ground-truth JSONL record). */
export interface TruthRecord {
  readonly faultCode: string;
  readonly device: string;
  readonly injectedAt: number;
  readonly clearedAt?: number | null;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** How far from the faulty device its alarms and consequences may show. */
export type FaultScope = 'device' | 'cell' | 'line' | 'area' | 'site' | 'south';

/** What a fault is expected to raise; by default an alarm with the fault's own code on its line. */
export interface FaultExpectation {
  readonly codes: readonly string[];
  readonly scope?: FaultScope;
  /** Consequences may show this far away (false-alarm accounting); default = scope. */
  readonly effectScope?: FaultScope;
  /**
   * Not an operator alarm by design, with the reason (ISA-18.2: an alarm needs an operator
   * action). Such faults are listed in their own rows, never counted as detected or missed; the
   * alarms they cause in their effect scope are still explained (not false).
   */
  readonly notAlarmed?: string;
}

export interface ScoreOptions {
  readonly expectations: Readonly<Record<string, FaultExpectation>>;
  /** An alarm up to this long after the fault cleared still counts (default 10 min). */
  readonly graceMs?: number;
  /** Gateway of a device (scope `south`). */
  readonly viaOf?: (device: string) => string | undefined;
}

export interface FaultScore {
  readonly faultCode: string;
  readonly injected: number;
  readonly detected: number;
  readonly missed: number;
  readonly medianTtaMs: number | null;
  readonly maxTtaMs: number | null;
  /** Why this fault is not expected to alarm (see {@link FaultExpectation.notAlarmed}). */
  readonly notAlarmed?: string;
}

export interface DetectionScore {
  readonly faults: FaultScore[];
  readonly missed: readonly TruthRecord[];
  /** Faults not alarmed by design (not in `missed`). */
  readonly notAlarmed: readonly TruthRecord[];
  readonly falseAlarms: readonly AlarmChange[];
  readonly annunciated: number;
}

const LEVELS: Readonly<Record<Exclude<FaultScope, 'south'>, number>> = { device: 6, cell: 5, line: 4, area: 3, site: 2 };

function inScope(alarmDevice: string, truthDevice: string, scope: FaultScope, viaOf?: (device: string) => string | undefined): boolean {
  if (scope === 'south') return alarmDevice === truthDevice || viaOf?.(alarmDevice) === truthDevice;
  const n = LEVELS[scope];
  return alarmDevice.split('/').slice(0, n).join('/') === truthDevice.split('/').slice(0, n).join('/');
}

/** Annunciated activations (suppressed or out-of-service alarms reached no operator). */
function raises(history: readonly AlarmChange[]): AlarmChange[] {
  return history.filter((c) => c.values.event === 'raise' && (isAnnunciated(c.values.state) || c.values.state === 'shelved')).sort((a, b) => a.ts - b.ts);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

/** Matches every truth record with its first expected alarm; unmatched alarms are false alarms. */
export function scoreDetections(truth: readonly TruthRecord[], history: readonly AlarmChange[], options: ScoreOptions): DetectionScore {
  const graceMs = options.graceMs ?? 600_000;
  const alarms = raises(history);
  const expectation = (code: string): FaultExpectation => options.expectations[code] ?? { codes: [code], scope: 'line' };
  const window = (t: TruthRecord, a: AlarmChange): boolean => a.ts >= t.injectedAt && a.ts <= (t.clearedAt ?? Infinity) + graceMs;
  const tta = new Map<string, number[]>();
  const missed: TruthRecord[] = [];
  const byDesign: TruthRecord[] = [];
  for (const t of truth) {
    const e = expectation(t.faultCode);
    if (e.notAlarmed !== undefined) {
      byDesign.push(t);
      continue;
    }
    const hit = alarms.find((a) => window(t, a) && e.codes.includes(a.values.code) && inScope(a.device, t.device, e.scope ?? 'line', options.viaOf));
    const list = tta.get(t.faultCode) ?? [];
    tta.set(t.faultCode, list);
    if (hit) list.push(hit.ts - t.injectedAt);
    else missed.push(t);
  }
  const explained = (a: AlarmChange): boolean =>
    truth.some((t) => {
      const e = expectation(t.faultCode);
      return window(t, a) && inScope(a.device, t.device, e.effectScope ?? e.scope ?? 'line', options.viaOf);
    });
  const faults: FaultScore[] = [...tta].map(([faultCode, ttas]) => {
    const injected = truth.filter((t) => t.faultCode === faultCode).length;
    return { faultCode, injected, detected: ttas.length, missed: injected - ttas.length, medianTtaMs: median(ttas), maxTtaMs: ttas.length === 0 ? null : Math.max(...ttas) };
  });
  for (const faultCode of new Set(byDesign.map((t) => t.faultCode))) {
    const injected = byDesign.filter((t) => t.faultCode === faultCode).length;
    faults.push({ faultCode, injected, detected: 0, missed: 0, medianTtaMs: null, maxTtaMs: null, notAlarmed: expectation(faultCode).notAlarmed ?? '' });
  }
  return { faults: faults.sort((a, b) => a.faultCode.localeCompare(b.faultCode)), missed, notAlarmed: byDesign, falseAlarms: alarms.filter((a) => !explained(a)), annunciated: alarms.length };
}

const seconds = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

/** The detection table as Markdown (for docs/alarms.md and the `score` command). */
export function detectionTable(score: DetectionScore): string {
  const rows = score.faults.map((f) =>
    f.notAlarmed === undefined ? `| ${f.faultCode} | ${f.injected} | ${f.detected} | ${f.missed} | ${seconds(f.medianTtaMs)} | ${seconds(f.maxTtaMs)} |` : `| ${f.faultCode} | ${f.injected} | — | — | not alarmed by design | ${f.notAlarmed} |`,
  );
  const alarmed = score.faults.filter((f) => f.notAlarmed === undefined);
  const total = alarmed.reduce((s, f) => ({ injected: s.injected + f.injected, detected: s.detected + f.detected }), { injected: 0, detected: 0 });
  const byDesign = score.faults.length === alarmed.length ? [] : [`| **not alarmed by design** | ${score.notAlarmed.length} | | | | |`];
  return [
    '| fault | injected | detected | missed | median time to alarm | max time to alarm |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    `| **all expected to alarm** | ${total.injected} | ${total.detected} | ${total.injected - total.detected} | | |`,
    ...byDesign,
    '',
    `Annunciated alarms: ${score.annunciated}; false alarms (no injected fault explains them): ${score.falseAlarms.length}.`,
  ].join('\n');
}
