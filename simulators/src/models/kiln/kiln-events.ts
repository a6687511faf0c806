/** One discrete occurrence inside a kiln assembly, addressed to the device that publishes it. */
export interface KilnEvent {
  /** Publishing device: `plc`, `pusher`, or a burner name such as `b07`. */
  readonly source: string;
  /** Simulated time of the occurrence [epoch ms]. */
  readonly ts: number;
  /** Flat event values (`type` first), as in domain.md §3.4 events. */
  readonly v: Readonly<Record<string, number | string | boolean>>;
}

/** Reading position of one device in a {@link KilnEventLog}. */
export interface EventCursor {
  at: number;
}

const KEEP = 256;

/**
 * A bounded log of kiln events shared by every device of one kiln: the model appends, each device
 * polls its own events from its cursor (event streams are polled, domain.md §2.7 "event per
 * push", "on change"). Old entries are dropped in batches, so a device that never polls cannot
 * grow memory.
 */
export class KilnEventLog {
  private items: KilnEvent[] = [];
  private base = 0;

  /** A cursor that sees only events appended from now on. */
  cursor(): EventCursor {
    return { at: this.base + this.items.length };
  }

  append(event: KilnEvent): void {
    this.items.push(event);
    if (this.items.length > 2 * KEEP) {
      const drop = this.items.length - KEEP;
      this.items = this.items.slice(drop);
      this.base += drop;
    }
  }

  /** The next event for `source` after `cursor` (advancing it), or undefined. */
  next(cursor: EventCursor, source: string): KilnEvent | undefined {
    const end = this.base + this.items.length;
    for (let at = Math.max(cursor.at, this.base); at < end; at++) {
      const event = this.items[at - this.base];
      if (event?.source === source) {
        cursor.at = at + 1;
        return event;
      }
    }
    cursor.at = end;
    return undefined;
  }
}
