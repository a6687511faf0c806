import type { CommandRecord } from '../api/command.dto.js';
import type { NodeRollup, DeviceStatus, AlarmSummary } from './rollup.js';

/**
 * socket.io event maps shared by the api and every browser or test client (typed events,
 * socket.io `lib/typed-events.ts` style). Namespace: {@link LIVE_NAMESPACE}. A connection must
 * carry a session (the HttpOnly cookie, or `auth: {token}`); a revoked session is disconnected
 * and cannot reconnect.
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
  /** Replayed by a gateway after a link loss (`stale: true` payload, domain.md §3.3): late by design. */
  readonly stale?: true;
}

export interface LiveBatch {
  /** The hierarchy node (room) this batch is for. */
  readonly node: string;
  readonly values: readonly LiveValue[];
}

export type JoinAck = { readonly ok: true; readonly node: string; readonly devices: number } | { readonly ok: false; readonly error: string };

/**
 * What a screen shows; the server sends a socket only that (ARCHITECTURE.md §4):
 * - `overview`: roll-ups of every site (and enterprise), about once a second, changes only;
 * - `node`: roll-ups of a node's children and the status of every device under it, with a few
 *   badge values per device (a site's areas, an area's floor plan);
 * - `detail`: every series of every device under the node, coalesced (device or kiln detail),
 *   plus the same roll-ups as `node`.
 */
export type LiveView =
  | { readonly kind: 'overview' }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'detail'; readonly node: string };

export type ViewAck = { readonly ok: true; readonly view: LiveView; readonly devices: number } | { readonly ok: false; readonly error: string };

/** Roll-ups and device statuses for the socket's current view; `full` replaces, otherwise merge. */
export interface RollupBatch {
  readonly full: boolean;
  readonly nodes: readonly NodeRollup[];
  readonly devices: readonly DeviceStatus[];
  /** Plant-wide: the highest-priority unacknowledged alarm (banner) and counts. */
  readonly alarms: AlarmSummary;
}

export interface LiveServerToClient {
  /** Coalesced updates for the joined node (at most one per series per tick). */
  values: (batch: LiveBatch) => void;
  /** Status roll-ups for the current view. */
  rollup: (batch: RollupBatch) => void;
  /** A command to a device in the current view, or the socket user's own, changed state. */
  command: (record: CommandRecord) => void;
}

export interface LiveClientToServer {
  /** Watch one hierarchy node (site/area/line/cell/device key); replaces the previous one (= `view` detail). */
  join: (request: { readonly node: string }, ack: (result: JoinAck) => void) => void;
  /** Switch the socket's view (replaces the previous view or join). */
  view: (request: LiveView, ack: (result: ViewAck) => void) => void;
}
