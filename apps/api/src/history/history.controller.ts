import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { historyRequest, isSlug, measurementFor, MESSAGE_CLASSES, type MessageClass } from '@plantwatch/contracts';
import { PlantIndex } from '@plantwatch/domain';
import { parseDuration, parseTime } from './query-params.js';
import { StoreClient, type HistoryPointDto } from './store.client.js';

export interface HistoryResponse {
  readonly device: string;
  readonly series: string;
  readonly field: string;
  readonly from: number;
  readonly to: number;
  readonly everyMs: number | null;
  readonly agg: string | null;
  readonly points: HistoryPointDto[];
}

/**
 * `GET /api/history?device=…&series=telemetry/profile&field=t.17&from=…&to=…&every=1m&agg=mean`
 * — one device field over a time range, downsampled server-side when `every` is given.
 */
@Controller('api')
export class HistoryController {
  constructor(
    @Inject(PlantIndex) private readonly plant: PlantIndex,
    @Inject(StoreClient) private readonly store: StoreClient,
  ) {}

  @Get('history')
  async history(@Query() q: Record<string, string | undefined>): Promise<HistoryResponse> {
    const device = this.plant.device(q['device'] ?? '');
    if (!device) throw new BadRequestException(`unknown device ${JSON.stringify((q['device'] ?? '').slice(0, 200))}`);
    const [cls, ...sub] = (q['series'] ?? 'telemetry').split('/');
    if (!(MESSAGE_CLASSES as readonly string[]).includes(cls ?? '') || !sub.every(isSlug)) throw new BadRequestException('series must be `class[/sub]`, e.g. telemetry/profile');
    const to = parseTime(q['to'], Date.now(), 'to');
    const from = parseTime(q['from'], to - 3_600_000, 'from');
    const everyMs = q['every'] === undefined ? undefined : parseDuration(q['every'], 'every');
    const request = historyRequest.safeParse({
      device: device.key,
      measurement: measurementFor(device.type, cls as MessageClass, sub),
      field: q['field'],
      from,
      to,
      ...(everyMs === undefined ? {} : { everyMs }),
      ...(q['agg'] === undefined ? {} : { agg: q['agg'] }),
      ...(q['limit'] === undefined ? {} : { limit: Number(q['limit']) }),
    });
    if (!request.success) {
      const issue = request.error.issues[0];
      throw new BadRequestException(issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad query');
    }
    const points = await this.store.history(request.data);
    return { device: device.key, series: [cls, ...sub].join('/'), field: request.data.field, from, to, everyMs: everyMs ?? null, agg: everyMs === undefined ? null : (request.data.agg ?? 'mean'), points };
  }

  /** `GET /api/dead-letters?from=…&to=…&limit=…` — what ingest refused, with reasons. */
  @Get('dead-letters')
  deadLetters(@Query() q: Record<string, string | undefined>): Promise<unknown[]> {
    const to = parseTime(q['to'], Date.now(), 'to');
    const from = parseTime(q['from'], to - 3_600_000, 'from');
    const limit = q['limit'] === undefined ? 100 : Number(q['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new BadRequestException('limit must be 1–1000');
    return this.store.deadLetters({ from, to, limit });
  }
}
