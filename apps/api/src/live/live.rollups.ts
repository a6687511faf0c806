import { Inject, Injectable } from '@nestjs/common';
import { PlantIndex } from '@plantwatch/domain';
import { AlarmBook } from './alarm-book.js';
import { DeviceBook } from './device-book.js';
import { LiveHub } from './live.hub.js';
import { NodeIndex } from './node-index.js';
import { RollupBuilder } from './rollup.builder.js';
import { rollupTick, type RollupTick } from './view-state.js';

/**
 * The live roll-up state shared by every socket: device facts, active alarms, node structure,
 * and the latest computed tick (recomputed at most once per roll-up interval).
 */
@Injectable()
export class LiveRollups {
  readonly book = new DeviceBook();
  readonly alarms = new AlarmBook();
  readonly nodes: NodeIndex;
  private readonly builder: RollupBuilder;
  private latest: RollupTick | undefined;

  constructor(@Inject(PlantIndex) plant: PlantIndex, @Inject(LiveHub) hub: LiveHub) {
    this.nodes = new NodeIndex(plant);
    this.builder = new RollupBuilder(plant, this.book, this.alarms, hub);
  }

  /** Recomputes every roll-up now. */
  refresh(): RollupTick {
    this.latest = rollupTick(this.builder.build(Date.now()), this.alarms.summary());
    return this.latest;
  }

  /** The latest tick (computed now if there is none yet). */
  current(): RollupTick {
    return this.latest ?? this.refresh();
  }
}
