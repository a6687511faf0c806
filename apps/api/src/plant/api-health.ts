import { Injectable } from '@nestjs/common';

/** What /api/health reports: the api's broker link and ingest's latest published counters. */
@Injectable()
export class ApiHealth {
  brokerConnected = false;
  ingestStats: unknown = null;
  private readonly startedAt = Date.now();

  report(): Record<string, unknown> {
    return { ok: true, uptimeS: Math.round((Date.now() - this.startedAt) / 1000), broker: { connected: this.brokerConnected }, ingest: this.ingestStats };
  }
}
