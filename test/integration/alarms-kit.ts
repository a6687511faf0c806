import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startAlarms, loadRoster, ManualClock, SHIPPED_ROSTER, SHIPPED_RULES_DIR, type AlarmsDeps, type RunningAlarms } from '@plantwatch/alarms';
import { buildTopic, parseDeviceKey } from '@plantwatch/contracts';
import type { PlantIndex } from '@plantwatch/domain';
import type { Secrets } from '@plantwatch/platform';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { SMTPServer } from 'smtp-server';
import { firstValueFrom } from 'rxjs';

/** 09:00 in Shanghai on a weekday: shift `a`, the firing area's owner is li.wei, then zhang.min. */
export const T0 = Date.UTC(2024, 5, 10, 1, 0, 0);

export interface WebhookCall {
  readonly key: string;
  readonly body: { kind: string; to?: { person: string; email?: string }; alarm: { id: string; code: string; esc: number } };
}

/** A real HTTP receiver on port 0; answers 503 to the first `failFirst` calls. */
export async function webhookReceiver(failFirst = 0): Promise<{ url: string; calls: WebhookCall[]; close(): Promise<void> }> {
  const calls: WebhookCall[] = [];
  let failures = failFirst;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      calls.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(text) as WebhookCall['body'] });
      res.statusCode = failures-- > 0 ? 503 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/alarms`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Mail {
  readonly to: string[];
  readonly text: string;
}

/** A real SMTP server (smtp-server) on port 0 that keeps every message. */
export async function smtpReceiver(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function alarmsFor(brokerUrl: string, secrets: Secrets, rest: Omit<AlarmsDeps, 'mqtt' | 'roster'>): Promise<RunningAlarms> {
  return startAlarms({ ...rest, roster: loadRoster(SHIPPED_ROSTER), mqtt: { url: brokerUrl, username: 'svc-alarms', password: secrets.services['alarms'] ?? '' }, logger: false });
}

/** The api's way in: a Nest MQTT ClientProxy (request/response), here logged in as the test bridge service. */
export async function rpcClient(brokerUrl: string, secrets: Secrets): Promise<{ ask<T>(pattern: string, data: unknown): Promise<T>; close(): Promise<void> }> {
  const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.MQTT, options: { url: brokerUrl, username: 'svc-bridge', password: secrets.services['bridge'] ?? '', protocolVersion: 4 } });
  await client.connect();
  return { ask: (pattern, data) => firstValueFrom(client.send(pattern, data)), close: async () => client.close() };
}

/** A valid tunnel-kiln `telemetry/combustion` payload (domain.md §3.4) with overrides. */
export function combustion(seq: number, ts: number, over: Record<string, number> = {}): string {
  const v = { gas: 168.4, air: 1862, lambda: 1.15, pGasMain: 214, pGasHdr: 11.6, pAir: 5.9, zoneValve: [42, 55, 61, 58, 60, 57, 49, 40], zoneGas: [16, 21, 23, 22, 23, 21, 18, 15], burnersOn: 40, burnersTotal: 40, gasTot: 1234567, ...over };
  return JSON.stringify({ ts, seq, v, q: 'good' });
}

export function combustionTopic(kilnKey: string): string {
  return buildTopic({ ...parseDeviceKey(kilnKey), cls: 'telemetry', sub: ['combustion'] });
}

export { ManualClock };
export type { PlantIndex };

/**
 * The shipped tunnel-kiln rules without the no-data rule: under a manual clock the test's kiln
 * publishes only when told, and its silence would (rightly) suppress everything behind DEV_COMM_LOSS.
 */
export function kilnRulesWithoutSilence(dir: string): string {
  const file = JSON.parse(readFileSync(join(SHIPPED_RULES_DIR, 'tunnel-kiln.rules.json'), 'utf8')) as { rules: { id: string }[] };
  file.rules = file.rules.filter((r) => r.id !== 'no-data');
  writeFileSync(join(dir, 'tunnel-kiln.rules.json'), JSON.stringify(file));
  return dir;
}
