import type { MqttOptions } from '@nestjs/microservices';
import { UnsMqttServer } from '@plantwatch/platform';
import type { MqttClient } from 'mqtt';

type IncomingPacket = Parameters<MqttClient['handleMessage']>[0];

/**
 * plantwatch's Transport.MQTT server ({@link UnsMqttServer}), with one change: a QoS ≥ 1 message is acknowledged only after
 * `untilDurable()` resolves (the point is in the store or the disk spool), so a store outage
 * or an ingest crash loses nothing the broker handed over. mqtt.js sends the PUBACK when
 * `client.handleMessage`'s callback runs, and reads the next packet only after that, so the
 * broker keeps the rest queued in our persistent session meanwhile (backpressure).
 * The hook is set on the client before it connects, so even the first queued message waits.
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
    client.handleMessage = (packet: IncomingPacket, callback: (error?: Error) => void) => {
      if (packet.cmd !== 'publish' || packet.qos === 0) {
        callback();
        return;
      }
      // The 'message' event (Nest's handler) was emitted just before this call, and the handler
      // finishes its microtasks before setImmediate fires: the message is in the batch by then.
      setImmediate(() => {
        this.untilDurable().then(
          () => callback(),
          (error: unknown) => this.onAckError(error),
        );
      });
    };
    return client;
  }
}
