import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PlantIndex } from '@plantwatch/domain';
import { AlarmsApiModule } from './alarms/alarms-api.module.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditLog } from './audit/audit.log.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth/auth.options.js';
import { ADDRESS_LIMITER, LoginLimiter } from './auth/login-limiter.js';
import { SessionStore } from './auth/sessions.js';
import { UsersController } from './auth/users.controller.js';
import { UsersStore } from './auth/users.store.js';
import { CommandController } from './commands/command.controller.js';
import { COMMAND_OPTIONS, CommandService, type CommandOptions } from './commands/command.service.js';
import { CommandTransport } from './commands/command.transport.js';
import { HistoryController } from './history/history.controller.js';
import { STORE_CLIENT, StoreClient } from './history/store.client.js';
import { LIVE_OPTIONS, LiveGateway, type LiveOptions } from './live/live.gateway.js';
import { LiveHub } from './live/live.hub.js';
import { LiveRollups } from './live/live.rollups.js';
import { TelemetryConsumer } from './live/telemetry.consumer.js';
import { ApiHealth } from './plant/api-health.js';
import { PlantController } from './plant/plant.controller.js';

export interface ApiModuleOptions {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string };
  readonly live: LiveOptions;
  readonly users: UsersStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  readonly auth: AuthOptions;
  readonly commands: CommandOptions;
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
        AlarmsApiModule.register({ plant: options.plant, mqtt: options.mqtt }),
      ],
      controllers: [AuthController, UsersController, AuditController, PlantController, HistoryController, CommandController, TelemetryConsumer],
      providers: [
        { provide: PlantIndex, useValue: options.plant },
        { provide: LiveHub, useValue: new LiveHub(options.plant) },
        { provide: LIVE_OPTIONS, useValue: options.live },
        { provide: UsersStore, useValue: options.users },
        { provide: SessionStore, useValue: options.sessions },
        { provide: AuditLog, useValue: options.audit },
        { provide: AUTH_OPTIONS, useValue: options.auth },
        { provide: COMMAND_OPTIONS, useValue: options.commands },
        { provide: LoginLimiter, useValue: new LoginLimiter(5) },
        { provide: ADDRESS_LIMITER, useValue: new LoginLimiter(30) },
        { provide: APP_GUARD, useClass: AuthGuard },
        ApiHealth,
        StoreClient,
        LiveRollups,
        CommandTransport,
        CommandService,
        LiveGateway,
      ],
    };
  }
}
