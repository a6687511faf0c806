import type { ConsumerDeserializer, IncomingEvent, IncomingRequest } from '@nestjs/microservices';

/**
 * Device payloads are never Nest packets: hand them over whole. Nest's default deserializer
 * unwraps a top-level `data` key and treats an `id` key as a request to answer
 * (nestjs/nest #13675; MEASURED.md). Service requests under `svc/` keep Nest's packet format.
 */
export class UnsDeserializer implements ConsumerDeserializer {
  deserialize(value: unknown, options?: { channel?: string }): IncomingRequest | IncomingEvent {
    const channel = options?.channel ?? '';
    if (channel.startsWith('svc/') && value !== null && typeof value === 'object' && 'pattern' in value) {
      return value as IncomingRequest;
    }
    return { pattern: channel, data: value };
  }
}
