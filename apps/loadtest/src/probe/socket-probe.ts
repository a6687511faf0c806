import { LIVE_NAMESPACE, type LiveClientToServer, type LiveServerToClient } from '@plantwatch/contracts';
import { LatencyHistogram, type HistogramSnapshot } from '@plantwatch/domain';
import { io, type Socket } from 'socket.io-client';

export interface SocketProbeOptions {
  readonly apiUrl: string;
  readonly username: string;
  readonly password: string;
  /** Hierarchy nodes to watch in detail, one socket each (as a one-map screen would). */
  readonly nodes: readonly string[];
}

/**
 * Headless one-map clients: log in to the api, open one socket.io connection per node with a
 * detail view, and measure source `ts` → received for every live value with a `seq` (gateway
 * replays, `stale`, left out).
 */
export class SocketProbe {
  readonly latency = new LatencyHistogram();
  private values = 0;

  private constructor(private readonly sockets: readonly Socket<LiveServerToClient, LiveClientToServer>[]) {
    for (const socket of sockets) {
      socket.on('values', (batch) => {
        const now = Date.now();
        for (const value of batch.values) {
          this.values++;
          // A gateway's replayed value is late by design (left out of every hop's latency).
          if (value.seq !== undefined && value.stale !== true && value.series.startsWith('telemetry')) this.latency.record(now - value.ts);
        }
      });
    }
  }

  static async start(options: SocketProbeOptions): Promise<SocketProbe> {
    const token = await login(options.apiUrl, options.username, options.password);
    const sockets = await Promise.all(options.nodes.map((node) => openDetail(options.apiUrl, token, node)));
    return new SocketProbe(sockets);
  }

  /** Live values received so far (coalesced: at most one per series per tick). */
  get received(): number {
    return this.values;
  }

  snapshot(): HistogramSnapshot {
    return this.latency.snapshot();
  }

  close(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}

async function login(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`api login as ${username} failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function openDetail(apiUrl: string, token: string, node: string): Promise<Socket<LiveServerToClient, LiveClientToServer>> {
  const socket: Socket<LiveServerToClient, LiveClientToServer> = io(`${apiUrl}${LIVE_NAMESPACE}`, { transports: ['websocket'], auth: { token }, reconnection: true });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => reject(new Error(`live socket for ${node}: ${error.message}`)));
    socket.once('connect', () => {
      socket.emit('view', { kind: 'detail', node }, (ack) => (ack.ok ? resolve(socket) : reject(new Error(`live view ${node}: ${ack.error}`))));
    });
  });
}
