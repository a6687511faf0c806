import { BadRequestException, ConflictException, GatewayTimeoutException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';

export const ALARMS_CLIENT = 'ALARMS_CLIENT';
const ANSWER_WITHIN_MS = 10_000;

/**
 * Asks the alarms service, which owns alarm state, over MQTT request/response
 * (`ClientProxy.send` → `@MessagePattern`). Maps its coded errors to HTTP: NOT_FOUND 404,
 * INVALID_TRANSITION and EXPIRED 409, BAD_REQUEST 400, no answer 504.
 */
@Injectable()
export class AlarmsClient {
  constructor(@Inject(ALARMS_CLIENT) private readonly client: ClientProxy) {}

  /** Mutations carry `expiresAt`, so one that waited in a session is never applied late. */
  static expiresAt(now = Date.now()): number {
    return now + ANSWER_WITHIN_MS;
  }

  async ask<T>(pattern: string, request: unknown): Promise<T> {
    try {
      return await firstValueFrom(this.client.send<T>(pattern, request).pipe(timeout(ANSWER_WITHIN_MS)));
    } catch (error) {
      if (error instanceof TimeoutError) throw new GatewayTimeoutException('the alarms service did not answer in 10 s');
      const coded = error as { code?: unknown; message?: unknown };
      const message = String(coded.message ?? error);
      if (coded.code === 'BAD_REQUEST') throw new BadRequestException(message);
      if (coded.code === 'NOT_FOUND') throw new NotFoundException(message);
      if (coded.code === 'INVALID_TRANSITION' || coded.code === 'EXPIRED') throw new ConflictException(message);
      throw new ServiceUnavailableException(`alarms service failed: ${message}`);
    }
  }
}
