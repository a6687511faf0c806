/**
 * socket.io event maps shared by the api and every browser or test client (typed events,
 * socket.io `lib/typed-events.ts` style). Namespace: {@link LIVE_NAMESPACE}.
 */
export const LIVE_NAMESPACE = '/live';

/** One live value: the latest payload of one device series, with its age. */
export interface LiveValue {
  /** Device key `enterprise/site/area/line/cell/device`. */
  readonly device: string;
  /** Class and sub-levels: `telemetry/profile`, `state`. */
  readonly series: string;
  /** Source timestamp, epoch ms. */
  readonly ts: number;
  readonly seq?: number;
  readonly q?: string;
  readonly v: Readonly<Record<string, unknown>>;
  /** How old the value was when the server sent it (ms) — screens show it; stale looks stale. */
  readonly ageMs: number;
}

export interface LiveBatch {
  /** The hierarchy node (room) this batch is for. */
  readonly node: string;
  readonly values: readonly LiveValue[];
}

export type JoinAck = { readonly ok: true; readonly node: string; readonly devices: number } | { readonly ok: false; readonly error: string };

export interface LiveServerToClient {
  /** Coalesced updates for the joined node (at most one per series per tick). */
  values: (batch: LiveBatch) => void;
}

export interface LiveClientToServer {
  /** Watch one hierarchy node (site/area/line/cell/device key); replaces the previous one. */
  join: (request: { readonly node: string }, ack: (result: JoinAck) => void) => void;
}
