import { Module, type DynamicModule } from '@nestjs/common';
import type { TelemetryStore } from '@plantwatch/store';
import { IngestController } from './ingest.controller.js';
import { IngestPipeline } from './pipeline/ingest.pipeline.js';
import { STORE_TOKEN } from './store-requests.js';

@Module({})
export class IngestModule {
  /** The composition root hands in the already-built pipeline and store (ports, not config). */
  static register(pipeline: IngestPipeline, store: TelemetryStore): DynamicModule {
    return {
      module: IngestModule,
      controllers: [IngestController],
      providers: [
        { provide: IngestPipeline, useValue: pipeline },
        { provide: STORE_TOKEN, useValue: store },
      ],
    };
  }
}
