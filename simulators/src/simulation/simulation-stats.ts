import type { FaultInjector } from '../faults/fault-injector.js';
import type { Connection } from './assemble.js';

/** Live counters of a running simulation, summed over its connections. */
export interface SimulationStats {
  readonly devices: number;
  /** Devices whose data reaches the broker now (direct and up, or behind an up gateway and answering). */
  readonly online: number;
  /** MQTT connections (direct devices + gateways). */
  readonly connections: number;
  readonly published: number;
  readonly errors: number;
  readonly dropped: number;
  /** Messages waiting in gateway store-and-forward buffers. */
  readonly buffered: number;
  readonly faultsActive: number;
  readonly faultsInjected: number;
  /** Simulated time, epoch ms. */
  readonly simNowMs: number;
  readonly lastError?: string;
}

/** Sums the counters of every connection. */
export function sumStats(connections: readonly Connection[], simNowMs: number, failures: { readonly count: number; readonly last?: string | undefined }, faults: FaultInjector): SimulationStats {
  let online = 0;
  let published = 0;
  let errors = failures.count;
  let dropped = 0;
  let buffered = 0;
  let devices = 0;
  let lastError: string | undefined = failures.last;
  for (const c of connections) {
    const counters = c.link.counters();
    devices += c.carried.length;
    published += counters.published;
    errors += counters.errors;
    dropped += counters.dropped;
    lastError = counters.lastError ?? lastError;
    if (c.relay === undefined) online += c.link.up ? 1 : 0;
    else {
      buffered += c.relay.backlog;
      dropped += c.relay.counters.lost + c.relay.counters.overflow;
      online += c.link.up ? 1 + c.relay.southOnline : 0;
    }
  }
  const faultsActive = faults.activeFaults().length;
  return { devices, online, connections: connections.length, published, errors, dropped, buffered, faultsActive, faultsInjected: faults.counters.injected, simNowMs, ...(lastError === undefined ? {} : { lastError }) };
}
