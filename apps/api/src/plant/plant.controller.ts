import { Controller, Get, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SVC_TOPICS } from '@plantwatch/contracts';
import { buildHierarchy, PlantIndex, type HierarchyNode } from '@plantwatch/domain';
import { Public } from '../auth/roles.decorator.js';
import { ApiHealth } from './api-health.js';

@Controller('api')
export class PlantController {
  private readonly hierarchy: HierarchyNode[];

  constructor(
    @Inject(PlantIndex) private readonly plant: PlantIndex,
    @Inject(ApiHealth) private readonly health: ApiHealth,
  ) {
    this.hierarchy = buildHierarchy(plant.model);
  }

  /** The ISA-95 hierarchy of the plant model, enterprise → device. */
  @Get('plant')
  plantTree(): { name: string; devices: number; hierarchy: HierarchyNode[] } {
    return { name: this.plant.model.name, devices: this.plant.devices.length, hierarchy: this.hierarchy };
  }

  /** Liveness plus what the api knows of the pipeline (broker link, ingest's last counters). */
  @Public()
  @Get('health')
  healthStatus(): Record<string, unknown> {
    return this.health.report();
  }

  /** ingest publishes its counters (retained) every few seconds. */
  @EventPattern<string>(SVC_TOPICS.ingestStats)
  onIngestStats(@Payload() stats: unknown): void {
    this.health.ingestStats = stats;
  }
}
