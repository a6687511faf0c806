import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { MqttClient } from 'mqtt';

/**
 * The api's way onto the broker for commands: the MQTT connection of its own Transport.MQTT
 * server (attached at start-up), publishing QoS 1, not retained (domain.md §3.2 `cmd`).
 */
@Injectable()
export class CommandTransport {
  private client: MqttClient | undefined;

  attach(client: MqttClient): void {
    this.client = client;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async publish(topic: string, payload: object): Promise<void> {
    const client = this.client;
    if (!client?.connected) throw new ServiceUnavailableException('the api is not connected to the broker; the command was not sent');
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1, retain: false });
  }
}
