import { Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PlantIndex } from '@plantwatch/domain';
import { ALARMS_CLIENT, AlarmsClient } from './alarms.client.js';
import { AlarmsController } from './alarms.controller.js';
import { AlarmEventsConsumer, AlarmsGateway } from './alarms.gateway.js';

export interface AlarmsApiOptions {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string };
}

/** REST and socket.io for alarms; the alarms service is reached over MQTT request/response. */
@Module({})
export class AlarmsApiModule {
  static register(options: AlarmsApiOptions): DynamicModule {
    return {
      module: AlarmsApiModule,
      imports: [
        ClientsModule.register([
          {
            name: ALARMS_CLIENT,
            transport: Transport.MQTT,
            options: {
              url: options.mqtt.url,
              username: options.mqtt.username,
              password: options.mqtt.password,
              clientId: `plantwatch-api-alarms-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
              protocolVersion: 4,
            },
          },
        ]),
      ],
      controllers: [AlarmsController, AlarmEventsConsumer],
      providers: [{ provide: PlantIndex, useValue: options.plant }, AlarmsClient, AlarmsGateway],
    };
  }
}
