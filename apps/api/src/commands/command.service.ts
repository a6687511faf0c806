import { randomBytes } from 'node:crypto';
import { BadRequestException, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ACCEPT_TIMEOUT_MS, buildTopic, isFinalLifecycle, parseDeviceKey, type CommandAck, type CommandCreateRequest, type CommandLifecycle, type CommandRecord, type CommandRequest, type CommandStep, type Operator } from '@plantwatch/contracts';
import { PlantIndex } from '@plantwatch/domain';
import { AuditLog } from '../audit/audit.log.js';
import { LiveHub } from '../live/live.hub.js';
import { commandProblem } from './command-limits.js';
import { CommandTransport } from './command.transport.js';

export const COMMAND_OPTIONS = Symbol('CommandOptions');
export interface CommandOptions {
  /** A command the device has not answered by then is never applied (domain.md §3.5) [ms]. */
  readonly expiryMs: number;
  /** `timeout` when no `accepted` came within this [ms] (5 s LAN, 15 s behind a 5G gateway). */
  readonly acceptTimeoutMs?: { readonly lan: number; readonly fiveG: number };
}

type Mutable = { -readonly [K in keyof CommandRecord]: CommandRecord[K] } & { steps: CommandStep[] };
type Listener = (record: CommandRecord) => void;

/** Commands kept in memory for the screens (the audit log keeps all of them). */
const KEEP = 2_000;

/**
 * Operators' commands to devices (domain.md §3.5): validates against the device's published
 * limits, publishes `…/cmd/{name}` with `cmdId`/`expiresAt`/`user`, and follows the device's
 * answers on `…/cmd/{name}/res` — pending → accepted → applied, or rejected / failed / expired,
 * and `timeout` when no answer came in time. Every command and answer is audit-logged.
 */
@Injectable()
export class CommandService implements OnModuleDestroy {
  private readonly records = new Map<string, Mutable>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: Listener[] = [];

  constructor(
    @Inject(PlantIndex) private readonly plant: PlantIndex,
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CommandTransport) private readonly transport: CommandTransport,
    @Inject(COMMAND_OPTIONS) private readonly options: CommandOptions,
  ) {}

  /** Sends one command on behalf of `operator`; resolves once the broker has it (QoS 1). */
  async issue(request: CommandCreateRequest, operator: Operator): Promise<CommandRecord> {
    const device = this.plant.device(request.device);
    if (!device) throw new BadRequestException(`unknown device ${JSON.stringify(request.device.slice(0, 200))}`);
    const meta = this.hub.latestValue(device.key, 'meta');
    const problem = commandProblem(request, meta?.['cmds'] as Readonly<Record<string, unknown>> | undefined);
    if (problem) throw new BadRequestException(problem);
    const now = Date.now();
    const body: CommandRequest = {
      cmdId: `${now.toString(36)}-${randomBytes(8).toString('base64url')}`,
      ts: now,
      expiresAt: now + this.options.expiryMs,
      user: operator.username,
      op: request.name === 'set-curve' ? 'setCurve' : 'set',
      ...(request.target === undefined ? {} : { target: request.target }),
      value: request.value,
      ...(request.unit === undefined ? {} : { unit: request.unit }),
      ...(request.rampPerMin === undefined ? {} : { rampPerMin: request.rampPerMin }),
      reason: request.reason,
    };
    const record = this.remember(body, request, device.key);
    void this.audit.append({ ts: now, kind: 'command', user: operator.username, role: operator.role, cmdId: body.cmdId, device: device.key, name: request.name, target: request.target, value: request.value, rampPerMin: request.rampPerMin, reason: request.reason });
    await this.transport.publish(buildTopic({ ...parseDeviceKey(device.key), cls: 'cmd', sub: [request.name] }), body);
    this.armTimeout(record, device.via === undefined ? this.acceptTimeout().lan : this.acceptTimeout().fiveG);
    this.emit(record);
    return snapshot(record);
  }

  /** A device's answer (already schema-checked); answers to unknown commands are only audited. */
  onAck(device: string, name: string, ack: CommandAck): void {
    void this.audit.append({ ts: Date.now(), kind: 'command_ack', user: device, cmdId: ack.cmdId, name, status: ack.status, code: ack.code, deviceTs: ack.ts });
    const record = this.records.get(ack.cmdId);
    if (!record || record.device !== device || record.name !== name) return;
    if (isFinalLifecycle(record.status)) return;
    record.status = ack.status;
    record.steps.push({ status: ack.status, at: Date.now(), ...(ack.code === undefined ? {} : { code: ack.code }), ...(ack.message === undefined ? {} : { message: ack.message }) });
    if (ack.prev !== undefined) record.prev = ack.prev;
    if (ack.reachedAt !== undefined) record.reachedAt = ack.reachedAt;
    this.emit(record);
  }

  list(filter: { device?: string; limit: number }): CommandRecord[] {
    const all = [...this.records.values()].filter((r) => filter.device === undefined || r.device === filter.device || r.device.startsWith(`${filter.device}/`));
    return all.slice(-filter.limit).reverse().map(snapshot);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private remember(body: CommandRequest, request: CommandCreateRequest, device: string): Mutable {
    const record: Mutable = {
      cmdId: body.cmdId, device, name: request.name, value: request.value, user: body.user, reason: request.reason,
      createdAt: body.ts, expiresAt: body.expiresAt, status: 'pending', steps: [{ status: 'pending', at: body.ts }],
      ...(request.target === undefined ? {} : { target: request.target }),
      ...(request.rampPerMin === undefined ? {} : { rampPerMin: request.rampPerMin }),
    };
    this.records.set(record.cmdId, record);
    if (this.records.size > KEEP) this.records.delete(this.records.keys().next().value as string);
    return record;
  }

  private armTimeout(record: Mutable, afterMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (record.status !== 'pending') return;
      this.setStatus(record, 'timeout', `no answer within ${afterMs / 1000} s`);
    }, afterMs);
    timer.unref();
    this.timers.add(timer);
  }

  private setStatus(record: Mutable, status: CommandLifecycle, message: string): void {
    record.status = status;
    record.steps.push({ status, at: Date.now(), message });
    void this.audit.append({ ts: Date.now(), kind: 'command_ack', user: 'api', cmdId: record.cmdId, name: record.name, status, message });
    this.emit(record);
  }

  private acceptTimeout(): { lan: number; fiveG: number } {
    return this.options.acceptTimeoutMs ?? ACCEPT_TIMEOUT_MS;
  }

  private emit(record: Mutable): void {
    const copy = snapshot(record);
    for (const listener of this.listeners) listener(copy);
  }
}

function snapshot(record: Mutable): CommandRecord {
  return { ...record, steps: [...record.steps] };
}
