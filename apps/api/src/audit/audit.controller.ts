import { Controller, Get, Inject, Query } from '@nestjs/common';
import { MinRole } from '../auth/roles.decorator.js';
import { AuditLog, type AuditEntry } from './audit.log.js';

/** `GET /api/audit?kind=command&user=…&limit=100` — the newest audit entries (engineer or higher). */
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  @MinRole('engineer')
  recent(@Query('kind') kind?: string, @Query('user') user?: string, @Query('limit') limit?: string): Promise<AuditEntry[]> {
    const n = Math.min(1_000, Math.max(1, Number(limit ?? 100) || 100));
    return this.audit.recent(n, (e) => (kind === undefined || e.kind === kind) && (user === undefined || e.user === user));
  }
}
