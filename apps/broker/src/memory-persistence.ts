import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { AedesOptions } from 'aedes';
import { RetainedIndex } from './retained-index.js';

type RetainedPacket = { readonly topic: string; readonly payload: Buffer };
type AsyncMemoryPersistence = new (options?: object) => {
  storeRetained(packet: RetainedPacket): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  createRetainedStreamCombi(patterns: string[]): Readable;
};
type CallBackPersistence = new (factory: (options: object) => object, options?: object) => NonNullable<AedesOptions['persistence']>;

// aedes' own in-memory persistence (aedes-persistence 11), not in its typings' exports.
const require = createRequire(import.meta.url);
const AsyncMemory = require('aedes-persistence/asyncPersistence.js') as AsyncMemoryPersistence;
const { CallBackPersistence } = require('aedes-persistence/callBackPersistence.js') as { CallBackPersistence: CallBackPersistence };

/** aedes' memory persistence with retained messages in a {@link RetainedIndex}. */
class IndexedRetainedPersistence extends AsyncMemory {
  private readonly retained = new RetainedIndex<RetainedPacket>();

  override async storeRetained(packet: RetainedPacket): Promise<void> {
    if (packet.payload.length === 0) this.retained.delete(packet.topic);
    else this.retained.set(packet.topic, { ...packet });
  }

  override createRetainedStream(pattern: string): Readable {
    return Readable.from(this.retained.match(pattern));
  }

  override createRetainedStreamCombi(patterns: string[]): Readable {
    const retained = this.retained;
    return Readable.from(
      (function* () {
        for (const pattern of patterns) yield* retained.match(pattern);
      })(),
    );
  }
}

/** The broker's default persistence: in memory, as aedes' default, with indexed retained messages. */
export function createMemoryPersistence(): NonNullable<AedesOptions['persistence']> {
  return new CallBackPersistence((options) => new IndexedRetainedPersistence(options));
}
