import { paintLatency, type LiveClient } from './live.js';

/**
 * Batched rendering: any number of socket messages between two frames cost one render, on the
 * next animation frame; ages tick once a second. After a frame that drew new values, the
 * following frame (the paint has happened) records publish-to-pixels latencies.
 */
export class RenderLoop {
  private scheduled = false;
  private render: (now: number) => void = () => undefined;

  constructor(private readonly live: () => LiveClient | undefined) {
    setInterval(() => this.invalidate(), 1_000);
  }

  use(render: (now: number) => void): void {
    this.render = render;
    this.invalidate();
  }

  invalidate(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.scheduled = false;
    const live = this.live();
    const painted = live ? live.pendingPaint : [];
    if (live) live.pendingPaint = [];
    this.render(Date.now());
    if (painted.length > 0) requestAnimationFrame(() => recordLatency(painted));
  }
}

function recordLatency(sourceTimes: readonly number[]): void {
  const now = Date.now();
  for (const ts of sourceTimes) paintLatency.push(now - ts);
  if (paintLatency.length > 20_000) paintLatency.splice(0, paintLatency.length - 20_000);
}
