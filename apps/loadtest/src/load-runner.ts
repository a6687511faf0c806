import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { startBareRelay } from './baseline/bare-relay.js';
import { runInfluxWriterBaseline } from './baseline/influx-writer.js';
import { payloadTemplate } from './fleet/payload-template.js';
import { SyntheticFleet } from './fleet/synthetic-fleet.js';
import type { LoadConfig } from './load-config.js';
import { busiestLines, writeLoadPlant, type LoadPlant } from './load-plant.js';
import { MqttProbe } from './probe/mqtt-probe.js';
import { ProcessSampler } from './probe/process-sampler.js';
import { SocketProbe } from './probe/socket-probe.js';
import { StackStatsProbe } from './probe/stack-stats-probe.js';
import { findings } from './run/findings.js';
import type { InfluxWriterBaseline, LoadReport, ProfileSummary, RunResult } from './report/load-report.js';
import { summarizeProfileDir } from './report/profile-summary.js';
import { runRamp } from './run/ramp-run.js';
import { runSteady } from './run/steady-run.js';
import { spawnStack, type SpawnedStack } from './stack/spawned-stack.js';

/** Stream topics (telemetry and events) of every device. */
const STREAM_FILTERS = ['uns/v1/+/+/+/+/+/+/telemetry/#', 'uns/v1/+/+/+/+/+/+/event'];
/** The pipeline ramp's broker-hop probe follows every n-th fleet device (a sample, so it costs the broker little). */
const PROBE_EVERY = 10;

export interface LoadIo {
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * One load invocation: writes the plant, spawns the stack (InfluxDB or embedded store), runs the
 * scenarios at real rate, ramps a synthetic fleet against the pipeline, stops the stack (CPU
 * profiles land), ramps the same fleet against a bare aedes relay, measures a bare InfluxDB
 * writer, and returns the report. Every phase is bounded; a dying process ends its phase and
 * becomes a finding, not a hang.
 */
export async function runLoad(config: LoadConfig, io: LoadIo): Promise<LoadReport> {
  const startedAt = new Date().toISOString();
  const plant = await writeLoadPlant(config);
  io.log(`plant: ${plant.scenarioDevices.length} scenario device(s), ${plant.fleetKeys.length} fleet device(s) in ${plant.dir}`);
  const influxDb = `plantwatch_load_${Date.now()}`;
  const runs: RunResult[] = [];
  const profileDir = join(config.out, 'profiles');
  const stack = await spawnStack({ dataDir: plant.dir, secrets: plant.plant.secrets, store: config.store, influxUrl: config.influxUrl, influxDb, ...(config.profile ? { cpuProfDir: profileDir } : {}), log: (line) => (/error|warn|exited/i.test(line) ? io.log(line) : undefined) });
  io.log(`stack up: broker ${stack.brokerUrl}, api ${stack.apiUrl}, store ${config.store}`);
  const exitsAt = (): string | undefined => (stack.exits.length === 0 ? undefined : stack.exits.map((e) => `${e.name} exited (${e.signal ?? e.code}): ${e.stderrTail.trim().split('\n').slice(-3).join(' | ')}`).join('; '));
  try {
    const probeSecret = plant.plant.secrets.services['probe'] ?? '';
    const stats = await StackStatsProbe.start(stack.brokerUrl, 'svc-probe', probeSecret);
    const sampler = new ProcessSampler({ ...stack.pids, 'plant-load': process.pid });
    try {
      if (config.scenarios.length > 0 && io.signal?.aborted !== true) runs.push(await steady(config, plant, stack, stats, sampler, io));
      if (config.rampRates.length > 0 && io.signal?.aborted !== true && exitsAt() === undefined) runs.push(await pipelineRamp(config, plant, stack, stats, sampler, exitsAt, io));
    } finally {
      sampler.stop();
      await stats.close();
    }
  } finally {
    await stack.stop();
  }
  const stackDied = exitsAt();
  if (config.baselines.relay && config.rampRates.length > 0 && io.signal?.aborted !== true) runs.push(await relayRamp(config, plant, io));
  let influxWriter: InfluxWriterBaseline | undefined;
  if (config.baselines.influx && config.store === 'influx' && io.signal?.aborted !== true) {
    io.log(`baseline: bare InfluxDB line-protocol writer, ${config.influxBaselineSeconds} s`);
    influxWriter = await runInfluxWriterBaseline({ url: config.influxUrl, seconds: config.influxBaselineSeconds, ...(io.signal === undefined ? {} : { signal: io.signal }) });
  }
  if (config.store === 'influx') await dropDatabase(config.influxUrl, influxDb);
  const profiles: ProfileSummary[] = config.profile ? await summarizeProfileDir(profileDir) : [];
  const pipelineKnee = runs.find((r) => r.name === 'ramp-pipeline')?.kneePerS;
  const relayKnee = runs.find((r) => r.name === 'ramp-relay')?.kneePerS;
  const report: LoadReport = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    command: config.command,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, os: `${platform()} ${release()}` },
    config: { store: config.store, fleetDevices: config.fleetDevices, fleetType: config.fleetType, qos: config.qos, stepS: config.stepMs / 1000, p99BoundMs: config.p99BoundMs, durationS: config.durationMs / 1000, scenarios: config.scenarios.join(',') || 'none', profile: config.profile, seed: config.seed },
    runs,
    baselines: influxWriter === undefined ? {} : { influxWriter },
    ...(pipelineKnee && relayKnee ? { ratio: { pipelineKneePerS: pipelineKnee, relayKneePerS: relayKnee, pipelineOverRelay: Math.round((pipelineKnee / relayKnee) * 100) / 100 } } : {}),
    ...(profiles.length > 0 ? { profiles } : {}),
    findings: [],
  };
  return { ...report, findings: findings(report, stackDied) };
}

async function steady(config: LoadConfig, plant: LoadPlant, stack: SpawnedStack, stats: StackStatsProbe, sampler: ProcessSampler, io: LoadIo): Promise<RunResult> {
  const opened = new Opened();
  try {
    const probe = opened.add(await MqttProbe.start({ brokerUrl: stack.brokerUrl, filters: STREAM_FILTERS, username: 'svc-probe', password: plant.plant.secrets.services['probe'] ?? '' }), (p) => p.close());
    const socket = opened.add(await SocketProbe.start({ apiUrl: stack.apiUrl, username: 'admin', password: stack.adminPassword, nodes: config.socketNodes ?? busiestLines(plant.scenarioDevices) }), (s) => s.close());
    io.log(`steady: ${config.scenarios.join(' + ')} at real rate for ${config.durationMs / 1000} s`);
    return await runSteady(
      { target: 'pipeline', probe, probeSeesAll: true, stats, socket, sampler },
      {
        scenarios: config.scenarios,
        brokerUrl: stack.brokerUrl,
        model: plant.plant.model,
        secrets: plant.plant.secrets,
        plan: plant.plant.runtime.plan,
        devices: plant.scenarioDevices,
        nominalPerS: plant.nominalPerS,
        durationMs: config.durationMs,
        seed: config.seed,
        progress: io.log,
        ...(io.signal === undefined ? {} : { signal: io.signal }),
      },
    );
  } finally {
    await opened.closeAll();
  }
}

async function pipelineRamp(config: LoadConfig, plant: LoadPlant, stack: SpawnedStack, stats: StackStatsProbe, sampler: ProcessSampler, died: () => string | undefined, io: LoadIo): Promise<RunResult> {
  const template = payloadTemplate(config.fleetType);
  const sampled = plant.fleetKeys.filter((_, i) => i % PROBE_EVERY === 0).map((key) => `uns/v1/${key}/${template.suffix}`);
  const firstCell = plant.fleetKeys[0]?.split('/').slice(0, 5).join('/') ?? '';
  const opened = new Opened();
  try {
    const probe = opened.add(await MqttProbe.start({ brokerUrl: stack.brokerUrl, filters: sampled, username: 'svc-probe', password: plant.plant.secrets.services['probe'] ?? '' }), (p) => p.close());
    const socket = opened.add(await SocketProbe.start({ apiUrl: stack.apiUrl, username: 'admin', password: stack.adminPassword, nodes: [firstCell] }), (s) => s.close());
    io.log(`ramp (pipeline): connecting ${plant.fleetKeys.length} × ${config.fleetType} (${template.bytes} B payloads, QoS ${config.qos})`);
    const fleet = opened.add(await SyntheticFleet.connect({ brokerUrl: stack.brokerUrl, keys: plant.fleetKeys, template, qos: config.qos, credentials: (key) => ({ username: key, password: plant.plant.secrets.devices[key] ?? '' }) }), (f) => f.close());
    return await runRamp(
      { target: 'pipeline', probe, probeSeesAll: false, stats, socket, sampler },
      { target: 'pipeline', fleet, load: `${plant.fleetKeys.length} × ${config.fleetType}, QoS ${config.qos}`, rates: config.rampRates, stepMs: config.stepMs, refine: config.refineSteps, p99BoundMs: config.p99BoundMs, check: died, progress: io.log, ...(io.signal === undefined ? {} : { signal: io.signal }) },
    );
  } finally {
    await opened.closeAll();
  }
}

async function relayRamp(config: LoadConfig, plant: LoadPlant, io: LoadIo): Promise<RunResult> {
  const opened = new Opened();
  try {
    const relay = opened.add(await startBareRelay(), (r) => r.stop());
    io.log(`ramp (bare aedes relay): ${relay.url}, one wildcard subscriber`);
    let exit: string | undefined;
    void relay.exited.then((e) => (exit = `bare aedes exited (${e.signal ?? e.code}): ${e.stderrTail.trim().split('\n').slice(-3).join(' | ')}`));
    const template = payloadTemplate(config.fleetType);
    const probe = opened.add(await MqttProbe.start({ brokerUrl: relay.url, filters: ['uns/v1/#'] }), (p) => p.close());
    const sampler = opened.add(new ProcessSampler({ 'bare-aedes': relay.pid, 'plant-load': process.pid }), (s) => s.stop());
    const fleet = opened.add(await SyntheticFleet.connect({ brokerUrl: relay.url, keys: plant.fleetKeys, template, qos: config.qos }), (f) => f.close());
    return await runRamp(
      { target: 'relay', probe, probeSeesAll: true, sampler },
      { target: 'relay', fleet, load: `${plant.fleetKeys.length} × ${config.fleetType}, QoS ${config.qos}`, rates: config.rampRates, stepMs: config.stepMs, refine: config.refineSteps, p99BoundMs: config.p99BoundMs, pastKnee: 1, check: () => exit, progress: io.log, ...(io.signal === undefined ? {} : { signal: io.signal }) },
    );
  } finally {
    await opened.closeAll();
  }
}

/**
 * What a phase opened (probes, fleets, relays), closed last-first when the phase ends — also when
 * opening a later one failed (an api login refused after the MQTT probe connected left the probe
 * reconnecting, and plant-load never exited).
 */
class Opened {
  private readonly closers: (() => unknown)[] = [];

  add<T>(thing: T, close: (thing: T) => unknown): T {
    this.closers.push(() => close(thing));
    return thing;
  }

  async closeAll(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await Promise.resolve().then(close).catch(() => undefined);
  }
}

async function dropDatabase(url: string, db: string): Promise<void> {
  await fetch(`${url}/query`, { method: 'POST', body: new URLSearchParams({ q: `DROP DATABASE "${db}"` }) }).catch(() => undefined);
}
