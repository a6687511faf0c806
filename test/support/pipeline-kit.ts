import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBroker, type RunningBroker } from '@plantwatch/broker';
import { PlantIndex, type PlantModel } from '@plantwatch/domain';
import { startIngest, type IngestDeps, type RunningIngest } from '@plantwatch/ingest';
import { hashSecret, type Secrets } from '@plantwatch/platform';
import { generatePlant, MemoryNetwork, startSimulation, VirtualClock } from '@plantwatch/simulators';
import mqtt, { type MqttClient } from 'mqtt';

/** The skeleton plant plus a `bridge` service that may publish for any (even unknown) device. */
export function testPlant(): { model: PlantModel; secrets: Secrets; plant: PlantIndex; kilnKey: string } {
  const { model, secrets } = generatePlant('skeleton');
  const bridgeSecret = 'bridge-secret-0123456789abcdef';
  const withBridge: PlantModel = { ...model, services: [...model.services, { name: 'bridge', secretSha256: hashSecret(bridgeSecret) }] };
  const kiln = model.devices.find((d) => d.type === 'tunnel-kiln');
  if (!kiln) throw new Error('skeleton plant has no kiln');
  return { model: withBridge, secrets: { ...secrets, services: { ...secrets.services, bridge: bridgeSecret } }, plant: new PlantIndex(withBridge), kilnKey: kiln.key };
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function startTestBroker(plant: PlantIndex): Promise<RunningBroker & { url: string }> {
  const broker = await createBroker({ plant, tcpPort: 0, wsPort: null, host: '127.0.0.1' });
  return Object.assign(broker, { url: `mqtt://127.0.0.1:${broker.tcpPort}` });
}

export function ingestFor(brokerUrl: string, secrets: Secrets, rest: Omit<IngestDeps, 'mqtt'>): Promise<RunningIngest> {
  return startIngest({ ...rest, mqtt: { url: brokerUrl, username: 'svc-ingest', password: secrets.services['ingest'] ?? '' }, logger: false });
}

/** An MQTT 3.1.1 client that resolves once connected (rejects on refusal). */
export async function connectClient(url: string, username: string, password: string, clientId?: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, { username, password, protocolVersion: 4, reconnectPeriod: 0, ...(clientId ? { clientId } : {}) });
}

/**
 * Runs scenario `name` at 5 % scale on a stepped clock and an in-memory network for `minutes`
 * simulated minutes from 2024-06-10 02:00 UTC; every message its devices published, and the clock.
 */
export async function simulatedMessages(name: string, minutes: number, seed: number): Promise<{ plant: PlantIndex; messages: MemoryNetwork['messages']; now: number }> {
  const generated = generatePlant(name, { set: { scale: 0.05 } });
  const network = new MemoryNetwork();
  const clock = new VirtualClock(Date.UTC(2024, 5, 10, 2));
  const simulation = await startSimulation({ links: network.factory, model: generated.model, secrets: generated.secrets, clock, seed, plan: generated.runtime.plan });
  for (let minute = 0; minute < minutes; minute++) clock.advance(60_000);
  await simulation.stop();
  return { plant: new PlantIndex(generated.model), messages: network.messages, now: clock.now() };
}
