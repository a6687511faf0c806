import type { MqttOptions } from '@nestjs/microservices';
import { UnsMqttServer } from '@plantwatch/platform';
import type { MqttClient } from 'mqtt';

type OutgoingPacket = { cmd: string; messageId?: number };
type SendPacket = (packet: OutgoingPacket, done?: (error?: Error) => void, ...rest: unknown[]) => void;

/**
 * plantwatch's Transport.MQTT server ({@link UnsMqttServer}), with one change: the PUBACK of a
 * QoS ≥ 1 message is sent only after `untilDurable()` resolves (the point is in the store or the
 * disk spool), so a store outage or an ingest crash loses nothing the broker handed over — the
 * broker keeps an unacknowledged message in our persistent session and redelivers it.
 *
 * Only the PUBACK waits, not mqtt.js: its packet handler is released at once, so it keeps reading
 * while a store write is in flight. (Holding `handleMessage`'s callback instead made mqtt.js read
 * one QoS 1 packet per store round-trip; the socket filled, aedes waited for its drain and the
 * whole broker stalled behind ingest.) PUBACKs leave in the order the PUBLISHes came
 * (MQTT 3.1.1 §4.6): durability resolves in order, and so do their setImmediate callbacks.
 */
export class AckAfterStoreMqttServer extends UnsMqttServer {
  constructor(
    options: Required<MqttOptions>['options'],
    private readonly untilDurable: () => Promise<void>,
    private readonly onAckError: (error: unknown) => void,
  ) {
    super(options);
  }

  override async createMqttClient(): Promise<MqttClient> {
    const client = (await super.createMqttClient()) as MqttClient;
    const internals = client as unknown as { _sendPacket: SendPacket };
    const send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, done, ...rest) => {
      if (packet.cmd !== 'puback') {
        send(packet, done, ...rest);
        return;
      }
      done?.();
      // The 'message' event was emitted just before, and the pipeline took the message in it
      // (synchronously, as a @DeviceMessages method): it is in the pending batch by then.
      // A PUBACK outliving its connection is dropped: the broker redelivers the message, and its
      // packet id may by then name another message on the new connection.
      const connection = client.stream;
      setImmediate(() => {
        this.untilDurable().then(
          () => {
            if (client.stream === connection) send(packet, undefined, ...rest);
          },
          (error: unknown) => this.onAckError(error),
        );
      });
    };
    return client;
  }
}
