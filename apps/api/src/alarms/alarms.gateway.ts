import { Controller, Inject, Injectable } from '@nestjs/common';
import { MqttContext } from '@nestjs/microservices';
import { DeviceMessages } from '@plantwatch/platform';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { classFilter, parseTopic, type AlarmView } from '@plantwatch/contracts';
import { ancestorKeys, PlantIndex, validateMessage } from '@plantwatch/domain';
import type { Namespace, Socket } from 'socket.io';

/** socket.io namespace of alarm transitions (one-map push). */
export const ALARMS_NAMESPACE = '/alarms';
const ROOM = 'alarms:';

export interface AlarmsServerToClient {
  alarm: (alarm: AlarmView) => void;
}
export interface AlarmsClientToServer {
  join: (request: { readonly node: string }, ack: (result: { ok: boolean; node?: string; error?: string }) => void) => void;
}

/**
 * `/alarms`: a socket joins a hierarchy node ('' = the whole plant) and receives every alarm
 * transition under it as it happens (`alarm` events, the §3.4 payload plus device and ts).
 */
@WebSocketGateway({ namespace: ALARMS_NAMESPACE, cors: { origin: false } })
export class AlarmsGateway {
  @WebSocketServer() private readonly nsp!: Namespace<AlarmsClientToServer, AlarmsServerToClient>;

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): { ok: boolean; node?: string; error?: string } {
    const node = typeof body === 'object' && body !== null && 'node' in body ? (body as { node: unknown }).node : undefined;
    if (typeof node !== 'string' || node.length > 200) return { ok: false, error: 'join needs {node: "<hierarchy key>"} ("" = whole plant)' };
    for (const room of socket.rooms) if (room.startsWith(ROOM)) void socket.leave(room);
    void socket.join(ROOM + node);
    return { ok: true, node };
  }

  /** Sends one transition to the rooms of the plant, its site, area, line, cell and device. */
  push(alarm: AlarmView): void {
    const rooms = ['', ...ancestorKeys(parseTopic(`uns/v1/${alarm.device}/alarm`))].map((k) => ROOM + k);
    this.nsp?.to(rooms).emit('alarm', alarm);
  }
}

/** Feeds the gateway from the broker: every `alarm` message, validated (same filter as the live view: both methods take each message). */
@Controller()
@Injectable()
export class AlarmEventsConsumer {
  constructor(
    @Inject(AlarmsGateway) private readonly gateway: AlarmsGateway,
    @Inject(PlantIndex) private readonly plant: PlantIndex,
  ) {}

  @DeviceMessages(classFilter('alarm'))
  onAlarm(data: unknown, ctx: MqttContext): void {
    const result = validateMessage(this.plant, ctx.getTopic(), data, ctx.getPacket().payload.length, 64 * 1024);
    if (!result.ok || result.topic.cls !== 'alarm') return;
    this.gateway.push({ ...(result.envelope.v as unknown as Omit<AlarmView, 'device' | 'ts'>), device: result.device.key, ts: result.envelope.ts });
  }
}
