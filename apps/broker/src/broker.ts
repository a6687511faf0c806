import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import type { PlantIndex } from '@plantwatch/domain';
import { createAuthHooks } from './auth-hooks.js';
import { DeliveryQueue } from './delivery-queue.js';
import { emptyStats, STATS_TOPIC, type BrokerStats } from './broker-stats.js';
import { IngressGate } from './ingress-gate.js';
import { createMemoryPersistence } from './memory-persistence.js';
import { guardConnection, type ConnectionLimits, type GuardEvents } from './connection-guard.js';
import type { Principal } from './principal.js';
import { listenTcp, listenWebSocket, type Transport } from './transports.js';

/** aedes options a caller may set (persistence, mq, heartbeat …); the hooks are always ours. */
export type AedesPassThrough = Omit<AedesOptions, 'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe' | 'authorizeForward' | 'connectTimeout'>;

/** Options of {@link createBroker}; everything but `plant` has a default in {@link defaultBrokerOptions}. */
export interface BrokerOptions extends Partial<ConnectionLimits> {
  /** Credentials and topic rights come from here. */
  readonly plant: PlantIndex;
  /** Interface to bind. */
  readonly host?: string;
  /** MQTT over TCP; 0 = an ephemeral port (read it back from `RunningBroker.tcpPort`). */
  readonly tcpPort?: number;
  /** MQTT over WebSocket on {@link BrokerOptions.wsPath}; 0 = ephemeral, null = off. */
  readonly wsPort?: number | null;
  readonly wsPath?: string;
  /** Publish {@link BrokerStats} retained on `$SYS/plantwatch/broker/stats` this often; 0 = never. */
  readonly statsIntervalMs?: number;
  /** Extra aedes options, e.g. a persistent `persistence` or a shared `mq` for a cluster. */
  readonly aedes?: AedesPassThrough;
}

type ResolvedOptions = Required<Omit<BrokerOptions, 'aedes'>> & Pick<BrokerOptions, 'aedes'>;

/** Documented defaults, merged under the caller's options (as aedes' own `defaultOptions`). */
export const defaultBrokerOptions = {
  host: '127.0.0.1',
  tcpPort: 1883,
  wsPort: 8083,
  wsPath: '/mqtt',
  /** 256 KiB: a tunnel-kiln profile is a few KiB; nothing legitimate comes near it. */
  maxPacketBytes: 256 * 1024,
  connectTimeoutMs: 10_000,
  /** Per client. A 5G gateway relays tens of south devices at ≤ 1 Hz each (domain.md §3). */
  publishRate: 2_000,
  publishBurst: 2_000,
  statsIntervalMs: 10_000,
} as const satisfies Omit<ResolvedOptions, 'plant' | 'aedes'>;

/** A started broker. */
export interface RunningBroker {
  /** Bound TCP port. */
  readonly tcpPort: number;
  /** Bound WebSocket port, or null when WebSocket is off. */
  readonly wsPort: number | null;
  readonly aedes: Aedes;
  /** A snapshot of the counters. */
  stats(): BrokerStats;
  /** Stops listening, disconnects every client and closes aedes; resolves when all is done. */
  close(): Promise<void>;
}

function resolveOptions(options: BrokerOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaultBrokerOptions, ...defined } as ResolvedOptions;
}

/**
 * Starts the plantwatch MQTT broker: aedes with plant-model credentials and topic ACLs
 * (auth-hooks.ts, acl.ts), behind a per-connection guard for packet size, CONNECT timeout and
 * publish rate (connection-guard.ts), on TCP and optionally WebSocket.
 */
/** Messages waiting in aedes' delivery queue above which reading PUBLISH packets pauses, and below which it resumes. */
const DELIVERY_BACKLOG_HIGH = 10_000;
const DELIVERY_BACKLOG_LOW = 2_000;
/**
 * Messages being delivered at once. aedes' default, 100, capped the pipeline near 5,000 msg/s with
 * the broker at a third of a core: a delivery takes two turns of the event loop (aedes writes from
 * a setImmediate and completes from another), so at most 100 messages moved per two turns, and a
 * turn serving 1,000 publishers takes milliseconds (docs/load.md). 5,000 in flight is ~2 MB.
 */
const DELIVERY_CONCURRENCY = 5_000;

export async function createBroker(options: BrokerOptions): Promise<RunningBroker> {
  const opts = resolveOptions(options);
  const stats = emptyStats();
  const online = new Map<string, Client>();
  const principals = new WeakMap<Client, Principal>();
  const aedes = await Aedes.createBroker({
    persistence: createMemoryPersistence(),
    concurrency: DELIVERY_CONCURRENCY,
    mq: new DeliveryQueue(DELIVERY_CONCURRENCY),
    ...opts.aedes,
    // aedes' own timer is a backstop for the guard's (which also covers a dribbled CONNECT).
    connectTimeout: opts.connectTimeoutMs * 2,
    ...createAuthHooks({ plant: opts.plant, stats, principals, online }),
  });
  trackOnlineClients(aedes, online);

  const limits: ConnectionLimits = opts;
  const events = guardEvents(stats);
  const queue = (aedes as unknown as { mq: { length: number } }).mq; // the delivery queue (not in aedes' typings)
  const gate = new IngressGate(() => queue.length, DELIVERY_BACKLOG_HIGH, DELIVERY_BACKLOG_LOW);
  function onConnection(raw: Duplex, req?: IncomingMessage): void {
    stats.connections++;
    aedes.handle(guardConnection(raw, limits, events, gate), req);
  }

  const transports: Transport[] = [];
  try {
    transports.push(await listenTcp(opts.host, opts.tcpPort, onConnection));
    if (opts.wsPort !== null) {
      const onOversize = (): void => void stats.oversizeRejected++;
      transports.push(await listenWebSocket(opts.host, opts.wsPort, opts.wsPath, opts.maxPacketBytes, onConnection, onOversize));
    }
  } catch (error) {
    await Promise.all(transports.map((t) => t.close()));
    await new Promise<void>((resolve) => aedes.close(resolve));
    throw error;
  }

  const snapshot = (): BrokerStats => ({ ...stats, clientsConnected: aedes.connectedClients, ingressHeld: gate.held });
  const statsTimer = opts.statsIntervalMs > 0 ? setInterval(() => publishStats(aedes, snapshot()), opts.statsIntervalMs) : undefined;
  statsTimer?.unref();

  let closing: Promise<void> | undefined;
  return {
    tcpPort: transports[0]?.port ?? opts.tcpPort,
    wsPort: opts.wsPort === null ? null : (transports[1]?.port ?? opts.wsPort),
    aedes,
    stats: snapshot,
    close: () => {
      closing ??= (async () => {
        clearInterval(statsTimer);
        gate.close();
        const stopped = Promise.all(transports.map((t) => t.close()));
        await new Promise<void>((resolve) => aedes.close(resolve));
        await stopped;
      })();
      return closing;
    },
  };
}

/** Online clients by id, for the client-id takeover rule in auth-hooks.ts. */
function trackOnlineClients(aedes: Aedes, online: Map<string, Client>): void {
  aedes.on('clientReady', (client) => online.set(client.id, client));
  aedes.on('clientDisconnect', (client) => {
    if (online.get(client.id) === client) online.delete(client.id);
  });
}

function guardEvents(stats: BrokerStats): GuardEvents {
  return {
    onRejected(reason) {
      if (reason === 'oversize') stats.oversizeRejected++;
      else if (reason === 'connect-timeout') stats.connectTimeouts++;
      else stats.protocolRejected++;
    },
    onThrottled(over) {
      stats.rateLimited += over;
    },
  };
}

/** Retained, so a service that subscribes sees the latest figures at once. */
function publishStats(aedes: Aedes, stats: BrokerStats): void {
  const payload = Buffer.from(JSON.stringify({ ts: Date.now(), ...stats }));
  aedes.publish({ cmd: 'publish', topic: STATS_TOPIC, payload, qos: 0, retain: true, dup: false }, () => undefined);
}
