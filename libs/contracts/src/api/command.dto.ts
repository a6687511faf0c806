import { z } from 'zod';
import { COMMAND_STATUSES, type CommandStatus } from '../payload/command.schemas.js';

/**
 * `POST /api/commands`: an operator's command to one device (domain.md §3.5). The api adds
 * `cmdId`, `ts`, `expiresAt` and `user`, publishes it on `…/{device}/cmd/{name}` and tracks the
 * answers. `reason` is mandatory: every command is audit-logged with user and reason.
 */
export const commandCreateRequest = z.strictObject({
  device: z.string().min(1).max(200),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/),
  target: z.string().max(64).optional(),
  value: z.union([z.number(), z.array(z.number()).max(64), z.string().max(128), z.boolean(), z.null()]),
  unit: z.string().max(16).optional(),
  rampPerMin: z.number().positive().max(1_000).optional(),
  reason: z.string().trim().min(1, 'a reason is required').max(256),
});
export type CommandCreateRequest = z.infer<typeof commandCreateRequest>;

/** Lifecycle of a command as the one-map shows it: the device's answers plus the api's own. */
export const COMMAND_LIFECYCLE = ['pending', ...COMMAND_STATUSES, 'timeout'] as const;
export type CommandLifecycle = 'pending' | CommandStatus | 'timeout';

/** Terminal states: nothing the device says later changes what happened. */
export function isFinalLifecycle(status: CommandLifecycle): boolean {
  return status === 'applied' || status === 'rejected' || status === 'failed' || status === 'expired';
}

/** One step of a command's life. */
export interface CommandStep {
  readonly status: CommandLifecycle;
  /** When the api learned of it (epoch ms). */
  readonly at: number;
  readonly code?: string;
  readonly message?: string;
}

/** A command and its lifecycle (`GET /api/commands`, socket.io `command`). */
export interface CommandRecord {
  readonly cmdId: string;
  readonly device: string;
  readonly name: string;
  readonly target?: string;
  readonly value: unknown;
  readonly rampPerMin?: number;
  readonly user: string;
  readonly reason: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly status: CommandLifecycle;
  readonly steps: readonly CommandStep[];
  /** Value before the change, as the device reported it on `accepted`. */
  readonly prev?: unknown;
  readonly reachedAt?: number;
}
