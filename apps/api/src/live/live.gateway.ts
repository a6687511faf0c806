import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type JoinAck, type LiveClientToServer, type LiveServerToClient } from '@plantwatch/contracts';
import type { Namespace, Socket } from 'socket.io';
import { LiveHub } from './live.hub.js';

export const LIVE_OPTIONS = Symbol('LiveOptions');
export interface LiveOptions {
  readonly coalesceMs: number;
}

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient>;
const ROOM_PREFIX = 'node:';

/**
 * socket.io namespace `/live`: a client joins one hierarchy node and receives that node's
 * live values, coalesced per tick; only watched rooms cost anything.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: false } })
export class LiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly nsp!: Namespace<LiveClientToServer, LiveServerToClient>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  afterInit(): void {
    this.timer = setInterval(() => this.tick(), this.options.coalesceMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): JoinAck {
    const node = typeof body === 'object' && body !== null && 'node' in body ? (body as { node: unknown }).node : undefined;
    if (typeof node !== 'string' || node.length > 200) return { ok: false, error: 'join needs {node: "<hierarchy key>"}' };
    const devices = this.hub.devicesUnder(node);
    if (devices === 0) return { ok: false, error: `unknown node ${JSON.stringify(node.slice(0, 80))}` };
    for (const room of socket.rooms) if (room.startsWith(ROOM_PREFIX)) void socket.leave(room);
    void socket.join(ROOM_PREFIX + node);
    const snapshot = this.hub.snapshot(node, Date.now());
    if (snapshot.values.length > 0) socket.emit('values', snapshot);
    return { ok: true, node, devices };
  }

  private tick(): void {
    const rooms = this.nsp.adapter.rooms;
    const batches = this.hub.drain((node) => (rooms.get(ROOM_PREFIX + node)?.size ?? 0) > 0, Date.now());
    for (const batch of batches) this.nsp.to(ROOM_PREFIX + batch.node).emit('values', batch);
  }
}
