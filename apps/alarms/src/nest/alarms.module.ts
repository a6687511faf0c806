import { Module, type DynamicModule } from '@nestjs/common';
import { AlarmService } from '../alarm.service.js';
import { AlarmsController } from './alarms.controller.js';

@Module({})
export class AlarmsModule {
  /** The composition root hands in the built service (ports, not config). */
  static register(service: AlarmService): DynamicModule {
    return { module: AlarmsModule, controllers: [AlarmsController], providers: [{ provide: AlarmService, useValue: service }] };
  }
}
