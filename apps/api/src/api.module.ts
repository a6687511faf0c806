import { Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PlantIndex } from '@plantwatch/domain';
import { HistoryController } from './history/history.controller.js';
import { STORE_CLIENT, StoreClient } from './history/store.client.js';
import { LIVE_OPTIONS, LiveGateway, type LiveOptions } from './live/live.gateway.js';
import { LiveHub } from './live/live.hub.js';
import { TelemetryConsumer } from './live/telemetry.consumer.js';
import { ApiHealth } from './plant/api-health.js';
import { PlantController } from './plant/plant.controller.js';

export interface ApiModuleOptions {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string };
  readonly live: LiveOptions;
}

@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ClientsModule.register([
          {
            name: STORE_CLIENT,
            transport: Transport.MQTT,
            options: {
              url: options.mqtt.url,
              username: options.mqtt.username,
              password: options.mqtt.password,
              clientId: `plantwatch-api-rpc-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
              protocolVersion: 4,
            },
          },
        ]),
      ],
      controllers: [PlantController, HistoryController, TelemetryConsumer],
      providers: [
        { provide: PlantIndex, useValue: options.plant },
        { provide: LiveHub, useValue: new LiveHub(options.plant) },
        { provide: LIVE_OPTIONS, useValue: options.live },
        ApiHealth,
        StoreClient,
        LiveGateway,
      ],
    };
  }
}
