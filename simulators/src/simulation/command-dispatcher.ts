import { commandRequest, type CommandAck, type CommandRequest } from '@plantwatch/contracts';
import type { CommandHandler, CommandOutcome } from '../models/sim-device.js';

/** How long a device remembers a `cmdId` for idempotency (domain.md §3.5 backend rules). */
export const CMD_ID_CACHE_MS = 10 * 60_000;

/** Publishes one acknowledgement on `…/cmd/{name}/res` (QoS 1, not retained). */
export type AckSink = (name: string, ack: CommandAck) => void;

interface Pending {
  readonly name: string;
  readonly cmdId: string;
  progress(nowMs: number): CommandOutcome | undefined;
}

/** Counters of one device's commands. */
export interface CommandCounters {
  received: number;
  expired: number;
  rejected: number;
  applied: number;
  failed: number;
  invalid: number;
}

/**
 * One device's side of the command contract (domain.md §3.5): validates the request, answers
 * `expired` when it arrived after `expiresAt` (the handler is never called: a late setpoint is
 * never applied), `rejected DUPLICATE` for a `cmdId` seen in the last 10 min, otherwise asks the
 * device's handler; an accepted command is polled after every simulation step until `applied` or
 * `failed`.
 */
export class CommandDispatcher {
  readonly counters: CommandCounters = { received: 0, expired: 0, rejected: 0, applied: 0, failed: 0, invalid: 0 };
  /** cmdId → time first seen; Map keeps insertion order, so pruning stops at the first young one. */
  private readonly seen = new Map<string, number>();
  private pending: Pending[] = [];

  constructor(
    private readonly handlers: Readonly<Record<string, CommandHandler>>,
    private readonly ack: AckSink,
  ) {}

  /** True while an accepted command waits for its outcome. */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  /** Handles the body of `cmd/{name}` arriving at `nowMs`. */
  receive(name: string, body: string, nowMs: number): void {
    this.counters.received++;
    const request = parseRequest(body);
    if (request === undefined) {
      this.invalid(name, body, nowMs);
      return;
    }
    this.prune(nowMs);
    if (this.seen.has(request.cmdId)) return this.reject(name, request.cmdId, nowMs, 'DUPLICATE', 'cmdId already received');
    this.seen.set(request.cmdId, nowMs);
    if (nowMs > request.expiresAt) {
      this.counters.expired++;
      this.ack(name, { cmdId: request.cmdId, ts: nowMs, status: 'expired' });
      return;
    }
    this.decide(name, request, nowMs);
  }

  /** Polls every accepted command; publishes `applied`/`failed` for those that finished. */
  poll(nowMs: number): void {
    if (this.pending.length === 0) return;
    this.pending = this.pending.filter((p) => !this.settle(p, nowMs));
  }

  private decide(name: string, request: CommandRequest, nowMs: number): void {
    const handler = this.handlers[name];
    if (handler === undefined) return this.reject(name, request.cmdId, nowMs, 'UNKNOWN_TARGET', `no command ${name}`);
    const decision = handler(request, nowMs);
    if (decision.status === 'rejected') return this.reject(name, request.cmdId, nowMs, decision.code, decision.message);
    this.ack(name, { cmdId: request.cmdId, ts: nowMs, status: 'accepted', ...(decision.prev === undefined ? {} : { prev: decision.prev }) });
    const pending: Pending = { name, cmdId: request.cmdId, progress: (now) => decision.progress(now) };
    if (!this.settle(pending, nowMs)) this.pending.push(pending);
  }

  /** Publishes the outcome when there is one; true when the command is finished. */
  private settle(p: Pending, nowMs: number): boolean {
    const outcome = p.progress(nowMs);
    if (outcome === undefined) return false;
    if (outcome.status === 'applied') {
      this.counters.applied++;
      this.ack(p.name, {
        cmdId: p.cmdId,
        ts: nowMs,
        status: 'applied',
        ...(outcome.value === undefined ? {} : { value: outcome.value }),
        ...(outcome.reachedAt === undefined ? {} : { reachedAt: outcome.reachedAt }),
      });
    } else {
      this.counters.failed++;
      this.ack(p.name, { cmdId: p.cmdId, ts: nowMs, status: 'failed', code: outcome.code, ...(outcome.message === undefined ? {} : { message: outcome.message }) });
    }
    return true;
  }

  private reject(name: string, cmdId: string, nowMs: number, code: NonNullable<CommandAck['code']>, message?: string): void {
    this.counters.rejected++;
    this.ack(name, { cmdId, ts: nowMs, status: 'rejected', code, ...(message === undefined ? {} : { message: message.slice(0, 256) }) });
  }

  /** A body that is not a valid request: answered BAD_REQUEST when it carries a usable cmdId. */
  private invalid(name: string, body: string, nowMs: number): void {
    this.counters.invalid++;
    const cmdId = cmdIdOf(body);
    if (cmdId !== undefined) this.reject(name, cmdId, nowMs, 'BAD_REQUEST', 'request does not match the command schema');
  }

  private prune(nowMs: number): void {
    for (const [cmdId, at] of this.seen) {
      if (nowMs - at < CMD_ID_CACHE_MS) return;
      this.seen.delete(cmdId);
    }
  }
}

function parseRequest(body: string): CommandRequest | undefined {
  try {
    const result = commandRequest.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function cmdIdOf(body: string): string | undefined {
  try {
    const cmdId = (JSON.parse(body) as { cmdId?: unknown }).cmdId;
    return typeof cmdId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(cmdId) ? cmdId : undefined;
  } catch {
    return undefined;
  }
}
