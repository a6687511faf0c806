import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type CommandRecord, type JoinAck, type LiveClientToServer, type LiveServerToClient, type LiveView, type ViewAck } from '@plantwatch/contracts';
import type { Namespace, Socket } from 'socket.io';
import { SessionStore } from '../auth/sessions.js';
import { CommandService } from '../commands/command.service.js';
import { authenticateSockets, refreshSocketSessions, type SocketAuth } from './live-auth.js';
import { LiveHub } from './live.hub.js';
import { LiveRollups } from './live.rollups.js';
import { ViewState } from './view-state.js';

export const LIVE_OPTIONS = Symbol('LiveOptions');
export interface LiveOptions {
  /** Values per series are coalesced to one per this many ms. */
  readonly coalesceMs: number;
  /** Roll-ups (badges, counts) are sent at most this often [ms]. Default 1,000. */
  readonly rollupMs?: number;
}

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, Record<string, never>, SocketAuth & { view?: ViewState }>;
const ROOM_PREFIX = 'node:';
const SESSION_CHECK_MS = 30_000;

/**
 * socket.io namespace `/live`, authenticated (see live-auth.ts). Each socket has one view —
 * overview, a node's floor plan, or a detail — and gets only what that view shows: values
 * coalesced per tick (detail), roll-ups and device statuses that changed (every view), and
 * updates of commands to devices in view or issued by its user.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: false }, connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false } })
export class LiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly nsp!: Namespace<LiveClientToServer, LiveServerToClient, Record<string, never>, SocketAuth & { view?: ViewState }>;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(LiveRollups) private readonly rollups: LiveRollups,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(CommandService) private readonly commands: CommandService,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  afterInit(): void {
    authenticateSockets(this.nsp.server, this.sessions);
    this.timers.push(setInterval(() => this.valuesTick(), this.options.coalesceMs));
    this.timers.push(setInterval(() => this.rollupTick(), this.options.rollupMs ?? 1_000));
    this.timers.push(setInterval(() => refreshSocketSessions(this.nsp.server, this.sessions), SESSION_CHECK_MS));
    this.commands.onChange((record) => this.commandChanged(record));
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Detail view of one node (kept for scripts and older clients). */
  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): JoinAck {
    const node = typeof body === 'object' && body !== null && 'node' in body ? (body as { node: unknown }).node : undefined;
    if (typeof node !== 'string' || node.length > 200) return { ok: false, error: 'join needs {node: "<hierarchy key>"}' };
    const ack = this.view(socket, { kind: 'detail', node });
    return ack.ok ? { ok: true, node, devices: ack.devices } : ack;
  }

  @SubscribeMessage('view')
  view(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): ViewAck {
    const view = parseView(body);
    if (!view) return { ok: false, error: 'view needs {kind: "overview"} or {kind: "node"|"detail", node: "<hierarchy key>"}' };
    if (view.kind !== 'overview' && !this.rollups.nodes.has(view.node)) return { ok: false, error: `unknown node ${JSON.stringify(view.node.slice(0, 80))}` };
    for (const room of socket.rooms) if (room.startsWith(ROOM_PREFIX)) void socket.leave(room);
    const scope = this.rollups.nodes.scope(view);
    socket.data.view = new ViewState(view, scope.nodes, scope.devices);
    const batch = socket.data.view.next(this.rollups.current());
    if (batch) socket.emit('rollup', batch);
    if (view.kind === 'detail') {
      void socket.join(ROOM_PREFIX + view.node);
      const snapshot = this.hub.snapshot(view.node, Date.now());
      if (snapshot.values.length > 0) socket.emit('values', snapshot);
    }
    return { ok: true, view, devices: view.kind === 'overview' ? this.rollups.nodes.devicesOf('').length : this.rollups.nodes.devicesOf(view.node).length };
  }

  private valuesTick(): void {
    const rooms = this.nsp.adapter.rooms;
    const batches = this.hub.drain((node) => (rooms.get(ROOM_PREFIX + node)?.size ?? 0) > 0, Date.now());
    for (const batch of batches) this.nsp.to(ROOM_PREFIX + batch.node).emit('values', batch);
  }

  private rollupTick(): void {
    if (this.nsp.sockets.size === 0) return;
    const tick = this.rollups.refresh();
    for (const socket of this.nsp.sockets.values()) {
      const batch = socket.data.view?.next(tick);
      if (batch) socket.emit('rollup', batch);
    }
  }

  private commandChanged(record: CommandRecord): void {
    for (const socket of this.nsp.sockets.values()) {
      if (socket.data.view?.covers(record.device) || socket.data.operator?.username === record.user) socket.emit('command', record);
    }
  }
}

function parseView(body: unknown): LiveView | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { kind, node } = body as { kind?: unknown; node?: unknown };
  if (kind === 'overview') return { kind };
  if ((kind === 'node' || kind === 'detail') && typeof node === 'string' && node.length <= 200) return { kind, node };
  return undefined;
}
