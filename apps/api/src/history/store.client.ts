import { BadRequestException, GatewayTimeoutException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { SVC_TOPICS, type DeadLetterRequest, type HistoryRequest } from '@plantwatch/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';

export const STORE_CLIENT = 'STORE_CLIENT';

export interface HistoryPointDto {
  readonly ts: number;
  readonly value: number | string | boolean | null;
}

/**
 * Asks ingest, which owns the store connection, over MQTT request/response
 * (`ClientProxy.send` → `@MessagePattern`). Maps its coded errors to HTTP.
 */
@Injectable()
export class StoreClient {
  constructor(@Inject(STORE_CLIENT) private readonly client: ClientProxy) {}

  history(request: HistoryRequest): Promise<HistoryPointDto[]> {
    return this.ask<HistoryPointDto[]>(SVC_TOPICS.history, request);
  }

  deadLetters(request: DeadLetterRequest): Promise<unknown[]> {
    return this.ask<unknown[]>(SVC_TOPICS.deadLetters, request);
  }

  private async ask<T>(pattern: string, request: unknown): Promise<T> {
    try {
      return await firstValueFrom(this.client.send<T>(pattern, request).pipe(timeout(10_000)));
    } catch (error) {
      if (error instanceof TimeoutError) throw new GatewayTimeoutException('the store service (ingest) did not answer in 10 s');
      const coded = error as { code?: unknown; message?: unknown };
      if (coded.code === 'BAD_REQUEST') throw new BadRequestException(String(coded.message));
      throw new ServiceUnavailableException(`store query failed: ${String(coded.message ?? error)}`);
    }
  }
}
