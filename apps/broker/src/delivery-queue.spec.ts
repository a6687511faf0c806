import { describe, expect, it } from 'vitest';
import { DeliveryQueue, type DeliveryListener, type QueuedMessage } from './delivery-queue.js';

const message = (topic: string, n = 0): QueuedMessage & { n: number } => ({ topic, n });

describe('DeliveryQueue', () => {
  it('delivers to every matching filter, with empty levels matched by + (MQTT-4.7.1-3)', () => {
    const queue = new DeliveryQueue(10);
    const seen: string[] = [];
    const listener = (name: string): DeliveryListener => (m, done) => {
      seen.push(`${name}:${m.topic}`);
      done();
    };
    queue.on('uns/+/kiln-1/#', listener('wild'));
    queue.on('uns/yq/kiln-1/zone', listener('exact'));
    queue.on('other/#', listener('other'));
    queue.emit(message('uns/yq/kiln-1/zone'));
    queue.emit(message('uns//kiln-1/zone'));
    expect(seen.sort()).toEqual(['exact:uns/yq/kiln-1/zone', 'wild:uns//kiln-1/zone', 'wild:uns/yq/kiln-1/zone']);
  });

  it('completes a message only once every subscriber is done, and holds the rest beyond concurrency', () => {
    const queue = new DeliveryQueue(2);
    const pending: (() => void)[] = [];
    queue.on('t/#', (_m, done) => pending.push(() => done()));
    queue.on('t/a', (_m, done) => pending.push(() => done()));
    const completed: number[] = [];
    for (const n of [1, 2, 3]) queue.emit(message('t/a', n), () => completed.push(n));
    expect(queue.current).toBe(2);
    expect(queue.length).toBe(1);
    pending.shift()?.();
    expect(completed).toEqual([]);
    pending.shift()?.();
    expect(completed).toEqual([1]);
    expect(queue.length).toBe(0);
    expect(queue.current).toBe(2);
  });

  it('starts queued messages in arrival order', () => {
    const queue = new DeliveryQueue(1);
    const order: number[] = [];
    let release: (() => void) | undefined;
    queue.on('t', (m, done) => {
      order.push((m as ReturnType<typeof message>).n);
      release = () => done();
    });
    for (let n = 0; n < 5; n++) queue.emit(message('t', n));
    while (release) {
      const next = release;
      release = undefined;
      next();
    }
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  // mqemitter 7 recursed here (released → _do → released …): "Maximum call stack size exceeded".
  it('drains a large backlog of messages nobody subscribes to without growing the stack', () => {
    const queue = new DeliveryQueue(1);
    let hold: (() => void) | undefined;
    queue.on('busy', (_m, done) => void (hold = () => done()));
    queue.emit(message('busy'));
    let completed = 0;
    for (let n = 0; n < 200_000; n++) queue.emit(message('nobody/listens', n), () => completed++);
    expect(queue.length).toBe(200_000);
    hold?.();
    expect(completed).toBe(200_000);
    expect(queue.length).toBe(0);
    expect(queue.current).toBe(0);
  });

  it('accepts messages emitted from a completion callback without recursing', () => {
    const queue = new DeliveryQueue(4);
    queue.on('chain', (_m, done) => done());
    let left = 100_000;
    const next = (): void => {
      if (--left > 0) queue.emit(message('chain'), next);
    };
    queue.emit(message('chain'), next);
    expect(left).toBe(0);
  });

  it('refuses messages once closed, and stops delivering to a removed listener', async () => {
    const queue = new DeliveryQueue(1);
    const seen: string[] = [];
    const listener: DeliveryListener = (m, done) => {
      seen.push(m.topic);
      done();
    };
    queue.on('t', listener);
    await new Promise<void>((resolve) => queue.removeListener('t', listener, resolve));
    queue.emit(message('t'));
    expect(seen).toEqual([]);
    await new Promise<void>((resolve) => queue.close(resolve));
    const errors: unknown[] = [];
    queue.emit(message('t'), (error) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/closed/);
  });

  it('rejects a concurrency that would deliver nothing', () => {
    expect(() => new DeliveryQueue(0)).toThrow(RangeError);
  });
});
