import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeAlarmKpis, detectionTable, scoreDetections, type AlarmKpis, type FaultExpectation, type TruthRecord } from '@plantwatch/domain';
import { readHistory } from '../persistence/history-log.js';

/** Default fault → alarm expectations (`apps/alarms/fault-expectations.json`). */
export const SHIPPED_EXPECTATIONS = fileURLToPath(new URL('../../fault-expectations.json', import.meta.url));

/** `-24h`, `-30m`, epoch ms or ISO-8601, relative to `now`. */
export function parseWhen(text: string | undefined, fallback: number, now: number): number {
  if (text === undefined || text === 'now') return text === 'now' ? now : fallback;
  const relative = /^-(\d+(?:\.\d+)?)([smhd])$/.exec(text);
  if (relative) return now - Number(relative[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) throw new Error(`cannot read the time ${JSON.stringify(text)}`);
  return value;
}

/** The KPI report as text (EEMUA 191 / ISA-18.2 benchmarks). */
export function formatKpis(k: AlarmKpis): string {
  const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');
  const lines = [
    `Alarm KPIs ${iso(k.from)} → ${iso(k.to)}`,
    `annunciated alarms: ${k.annunciated}; peak per 10 min: ${k.peakPer10Min}; time in flood: ${k.pctTimeInFlood} %`,
    '',
    '| operator position | alarms | avg / 10 min | max / 10 min | flood episodes | % time in flood |',
    '|---|---:|---:|---:|---:|---:|',
    ...k.positions.map((p) => `| ${p.position} | ${p.alarms} | ${p.avgPer10Min} | ${p.maxPer10Min} | ${p.floodEpisodes} | ${p.pctTimeInFlood} |`),
    '',
    `flood episodes (start > 10 in 10 min, end < 5): ${k.floods.length}`,
    ...k.floods.map((f) => `  ${f.position}: ${iso(f.start)} → ${f.end === undefined ? 'ongoing' : iso(f.end)}, ${f.alarms} alarms, peak ${f.peak}`),
    `priority mix: ${Object.entries(k.priorityMix).map(([sev, m]) => `${sev} ${m.count} (${m.pct} %)`).join(', ')}`,
    `chattering (≥ 3 in 60 s): ${k.chattering.length}${k.chattering.length ? ` — ${k.chattering.slice(0, 5).map((c) => `${c.id} ×${c.activations}`).join(', ')}` : ''}`,
    `stale (active > 24 h): ${k.stale.length}`,
    'top-10 bad actors:',
    ...k.badActors.map((b, i) => `  ${i + 1}. ${b.id} (${b.code}) ×${b.activations} = ${b.pct} %`),
  ];
  return lines.join('\n');
}

export function report(dataDir: string, from: number, to: number, json: boolean): string {
  const kpis = computeAlarmKpis(readHistory(join(dataDir, 'alarms'), from - 7 * 86_400_000, to), from, to);
  return json ? JSON.stringify(kpis, null, 2) : formatKpis(kpis);
}

/** Ground truth JSONL: one line at injection and one at clearing per `id`; the last line wins. */
export function readTruth(file: string): TruthRecord[] {
  const byId = new Map<string, TruthRecord>();
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .forEach((line, i) => {
      const record = JSON.parse(line) as TruthRecord & { id?: unknown };
      byId.set(String(record.id ?? `line-${i}`), record);
    });
  return [...byId.values()];
}

export function score(dataDir: string, truthFile: string, expectationsFile: string, graceMs: number, viaOf?: (device: string) => string | undefined): string {
  const truth = readTruth(truthFile);
  if (truth.length === 0) return 'no injected faults in the ground truth';
  const expectations = JSON.parse(readFileSync(expectationsFile, 'utf8')) as Record<string, FaultExpectation>;
  delete expectations['_comment'];
  const from = Math.min(...truth.map((t) => t.injectedAt)) - 60_000;
  const to = Math.max(...truth.map((t) => (t.clearedAt ?? t.injectedAt) + graceMs)) + 60_000;
  const result = scoreDetections(truth, readHistory(join(dataDir, 'alarms'), from, to), { expectations, graceMs, ...(viaOf ? { viaOf } : {}) });
  return detectionTable(result);
}
