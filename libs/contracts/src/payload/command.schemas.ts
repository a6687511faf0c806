import { z } from 'zod';
import { epochMs } from './envelope.js';

/**
 * Commands and their acknowledgements (domain.md §3.5, ARCHITECTURE.md §2). MQTT 3.1.1 has no
 * correlation data or expiry, so the body carries them: request on `…/{device}/cmd/{name}`
 * (QoS 1, not retained), answers on `…/{device}/cmd/{name}/res` with the same `cmdId`:
 * `accepted` → `applied` | `failed`, or `rejected` | `expired`. A late command is never applied.
 */
export const COMMAND_STATUSES = ['accepted', 'rejected', 'applied', 'failed', 'expired'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

/** Why a device refused a command (§3.5 table). */
export const REJECT_CODES = ['OUT_OF_RANGE', 'NOT_REMOTE', 'INTERLOCK', 'UNKNOWN_TARGET', 'RATE_LIMIT', 'DUPLICATE', 'UNAUTHORISED', 'BAD_REQUEST'] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Why an accepted command could not be carried out. */
export const FAIL_CODES = ['DRIVE_FAULT', 'PLC_WRITE_ERROR', 'TIMEOUT', 'INTERLOCK'] as const;
export type FailCode = (typeof FAIL_CODES)[number];

const commandValue = z.union([z.number(), z.array(z.number()).max(64), z.string().max(128), z.boolean(), z.null()]);

/** The body of `cmd/{name}`. `value`'s meaning and limits depend on the command (device `meta.cmds`). */
export const commandRequest = z.strictObject({
  cmdId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  ts: epochMs,
  expiresAt: epochMs,
  user: z.string().min(1).max(64),
  op: z.string().max(32).optional(),
  target: z.string().max(64).optional(),
  value: commandValue.optional(),
  unit: z.string().max(16).optional(),
  rampPerMin: z.number().positive().max(1_000).optional(),
  reason: z.string().max(256).optional(),
});
export type CommandRequest = z.infer<typeof commandRequest>;

/** The body of `cmd/{name}/res`. */
export const commandAck = z.strictObject({
  cmdId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  ts: epochMs,
  status: z.enum(COMMAND_STATUSES),
  code: z.enum([...REJECT_CODES, ...FAIL_CODES]).optional(),
  message: z.string().max(256).optional(),
  prev: commandValue.optional(),
  value: commandValue.optional(),
  reachedAt: epochMs.optional(),
});
export type CommandAck = z.infer<typeof commandAck>;

/** How long after `ts` a backend marks a command `timeout` when no `accepted` came (§3.5). */
export const ACCEPT_TIMEOUT_MS = { lan: 5_000, fiveG: 15_000 } as const;
