import type { FaultHandler } from '../sim-device.js';

/**
 * METER_COMM_LOSS (energy/environment signature): the meter stops answering its data logger, so
 * nothing is published while the fault lasts; the retained state says `online:false,
 * reason:"comm_loss"` as a gateway reports a silent south device (domain.md §3.6 item 3). The
 * meter itself keeps counting: its totaliser jumps by the energy of the gap when data return.
 */
export class CommLoss {
  lost = false;

  /** The `state` value: online, or offline for comm loss. */
  state(): Readonly<Record<string, unknown>> {
    return this.lost ? { online: false, reason: 'comm_loss' } : { online: true };
  }

  /** `payload` unless communication is lost. */
  gate<T>(payload: T): T | undefined {
    return this.lost ? undefined : payload;
  }

  handler(): FaultHandler {
    return {
      description: 'Meter comm loss: no data from the meter (state online:false, reason comm_loss); the totaliser keeps counting and jumps when data return',
      inject: () => {
        this.lost = true;
      },
      clear: () => {
        this.lost = false;
      },
    };
  }
}
