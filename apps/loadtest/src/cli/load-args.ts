import { isDeviceType, type DeviceType } from '@plantwatch/contracts';
import { parseDuration, parseList, parseNumber, parseSet, scenarioNames, UsageError } from '@plantwatch/simulators';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { LoadConfig } from '../load-config.js';
import { autoRates } from '../run/ramp-run.js';

export const LOAD_USAGE = `Usage:
  plant-load [--scenario NAME[,NAME…]] [--duration 2m] [--set knob=value,…]
             [--ramp auto|RATE[,RATE…]] [--step 20s] [--refine 2] [--p99-bound 2s] [--fleet 1000] [--type energy-meter] [--qos 0|1]
             [--store influx|embedded] [--influx-url http://127.0.0.1:8086] [--baselines relay,influx|none]
             [--profile] [--socket-nodes node,node] [--out results/load/<time>] [--max-time 60m] [--seed 42]
  Spawns the built stack (broker, ingest, api, alarms) on free ports and measures it, hop by hop:
  --scenario runs those plants at real rate for --duration (per-hop latency, loss from seq, CPU/RSS);
  --ramp raises a synthetic fleet's rate step by step until a step loses messages, falls behind or breaks
  the p99 bound, then runs --refine steps halfway between the highest rate held and the lowest one
  missed (the knee: highest held), then does the same against a bare aedes relay (--baselines relay), and
  measures a bare InfluxDB writer (--baselines influx). --profile writes each stack process's CPU profile.
  Writes <out>/report.json, report.md and charts/*.svg; stops by itself (--max-time bounds everything).`;

const OPTIONS = {
  scenario: { type: 'string' },
  duration: { type: 'string', default: '2m' },
  set: { type: 'string' },
  ramp: { type: 'string' },
  step: { type: 'string', default: '20s' },
  refine: { type: 'string', default: '2' },
  'p99-bound': { type: 'string', default: '2s' },
  fleet: { type: 'string', default: '1000' },
  type: { type: 'string', default: 'energy-meter' },
  qos: { type: 'string', default: '0' },
  store: { type: 'string', default: 'influx' },
  'influx-url': { type: 'string', default: process.env['INFLUX_URL'] ?? 'http://127.0.0.1:8086' },
  baselines: { type: 'string', default: 'relay,influx' },
  'influx-baseline': { type: 'string', default: '10s' },
  profile: { type: 'boolean', default: false },
  'socket-nodes': { type: 'string' },
  out: { type: 'string' },
  'max-time': { type: 'string', default: '60m' },
  seed: { type: 'string', default: '42' },
  help: { type: 'boolean', default: false },
} as const;

/** `--ramp auto` = 1,000 msg/s × 1.5 per step up to 60,000 msg/s (the ramp stops past the knee). */
const AUTO_RAMP = autoRates(1_000, 60_000);

/** Parses and checks the command line; a bad one is a {@link UsageError} naming the option. */
export function parseLoadArgs(argv: readonly string[], now = new Date()): LoadConfig | 'help' {
  const { values: v } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  if (v.help) return 'help';
  const scenarios = v.scenario === undefined ? [] : parseList(v.scenario);
  for (const name of scenarios) if (!scenarioNames().includes(name)) throw new UsageError(`--scenario ${name}: unknown (known: ${scenarioNames().join(', ')})`);
  const rampRates = v.ramp === undefined ? [] : v.ramp === 'auto' ? AUTO_RAMP : parseList(v.ramp).map((r) => parseNumber(r, 'ramp', 1, 1_000_000));
  if (scenarios.length === 0 && rampRates.length === 0) throw new UsageError('plant-load needs --scenario and/or --ramp (see --help)');
  if (v.store !== 'influx' && v.store !== 'embedded') throw new UsageError('--store must be influx or embedded');
  if (v.qos !== '0' && v.qos !== '1') throw new UsageError('--qos must be 0 or 1');
  if (!isDeviceType(v.type)) throw new UsageError(`--type ${v.type}: not a device type`);
  const baselines = v.baselines === 'none' ? [] : parseList(v.baselines);
  for (const b of baselines) if (b !== 'relay' && b !== 'influx') throw new UsageError(`--baselines ${b}: expected relay, influx or none`);
  if (!/^https?:\/\/./.test(v['influx-url'])) throw new UsageError(`--influx-url ${v['influx-url']}: expected http(s)://host:port`);
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    scenarios,
    scenarioSet: parseSet(v.set),
    durationMs: parseDuration(v.duration, 'duration'),
    rampRates,
    stepMs: parseDuration(v.step, 'step'),
    refineSteps: parseNumber(v.refine, 'refine', 0, 6, true),
    p99BoundMs: parseDuration(v['p99-bound'], 'p99-bound'),
    fleetDevices: parseNumber(v.fleet, 'fleet', 1, 100_000, true),
    fleetType: v.type as DeviceType,
    qos: v.qos === '1' ? 1 : 0,
    store: v.store,
    influxUrl: v['influx-url'].replace(/\/$/, ''),
    baselines: { relay: baselines.includes('relay'), influx: baselines.includes('influx') },
    influxBaselineSeconds: parseDuration(v['influx-baseline'], 'influx-baseline') / 1000,
    profile: v.profile,
    ...(v['socket-nodes'] === undefined ? {} : { socketNodes: parseList(v['socket-nodes']) }),
    out: v.out ?? join('results', 'load', stamp),
    maxMs: parseDuration(v['max-time'], 'max-time'),
    seed: parseNumber(v.seed, 'seed', 0, 2 ** 32 - 1, true),
    command: ['plant-load', ...argv].join(' '),
  };
}
