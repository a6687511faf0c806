import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { startBareRelay } from './bare-relay.js';

describe('startBareRelay', () => {
  it('relays a message from a publisher to a wildcard subscriber, then stops cleanly', async () => {
    const relay = await startBareRelay();
    try {
      expect(relay.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      expect(relay.pid).toBeGreaterThan(0);
      const subscriber = await connectAsync(relay.url, { clientId: 'lt-sub', reconnectPeriod: 0 });
      const publisher = await connectAsync(relay.url, { clientId: 'lt-pub', reconnectPeriod: 0 });
      try {
        await subscriber.subscribeAsync('lt/#', { qos: 1 });
        const received = new Promise<{ topic: string; payload: string }>((resolve) => {
          subscriber.once('message', (topic, payload) => resolve({ topic, payload: payload.toString() }));
        });
        await publisher.publishAsync('lt/plant/device-1', '{"seq":1}', { qos: 1 });
        expect(await received).toEqual({ topic: 'lt/plant/device-1', payload: '{"seq":1}' });
      } finally {
        await Promise.all([subscriber.endAsync(), publisher.endAsync()]);
      }
    } finally {
      await relay.stop();
    }
    expect(await relay.exited).toMatchObject({ code: 0, signal: null });
  });

  it('rejects with the stderr tail when the relay dies before listening', async () => {
    await expect(startBareRelay({ nodeArgs: ['--require', '/nonexistent/preload.cjs'] })).rejects.toThrow(/exited before listening[\s\S]*Cannot find module/);
  });
});
