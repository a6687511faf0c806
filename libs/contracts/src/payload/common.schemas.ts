import { z } from 'zod';
import { envelope, reading, snapshotEnvelope } from './envelope.js';

const text = (max: number) => z.string().max(max);
const finite = z.number();

/** Plain text without control characters (a newline could split a line-protocol record). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const plainText = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

/** Fields every device `state` may carry; device types extend them with {@link deviceStateWith}. */
export const baseStateFields = {
  online: z.boolean().optional(),
  reason: z.enum(['lwt', 'comm_loss', 'shutdown']).optional(),
  mode: text(32).optional(),
};

/**
 * Retained `state` of any device (§3.2, §3.6): birth writes `{online:true}`, the Last Will
 * `{online:false, reason:"lwt"}`; a type may add its own fields (burner flame, pusher doors …).
 */
export function deviceStateWith<S extends z.ZodRawShape>(extra: S) {
  return snapshotEnvelope(z.strictObject({ ...baseStateFields, ...extra }));
}
export const deviceState = deviceStateWith({});

/** Retained `meta` (birth certificate) of any device (§3.2). */
export const deviceMeta = snapshotEnvelope(
  z.strictObject({
    type: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    schema: z.int().min(1),
    name: text(128).optional(),
    nameZh: text(128).optional(),
    fw: text(64).optional(),
    via: text(200).optional(),
    units: z.record(text(32), text(16)).optional(),
    tcPos: z.array(finite).max(64).optional(),
    pPos: z.array(finite).max(32).optional(),
    cmds: z.record(text(32), z.looseObject({})).optional(),
  }),
);

const eventValue = z.union([z.number(), z.boolean(), plainText(128), z.null(), z.array(reading).max(64)]);

/**
 * Discrete occurrences (car pushed, part done, handover …): `type` plus at most 32 flat,
 * camelCase-named values, so an event can never smuggle a hostile field name into the store.
 * (Refinements, not `.and(object)`: zod 4 drops a record's key errors inside an intersection.)
 */
export const deviceEvent = envelope(
  z
    .record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, 'event value names are camelCase [a-zA-Z0-9], ≤ 32 characters'), eventValue)
    .refine((v) => Object.keys(v).length <= 33, 'at most 32 values besides type')
    .refine((v) => typeof v['type'] === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(v['type']), { message: 'type must be a snake_case event name', path: ['type'] }),
);

export type DeviceState = z.infer<typeof deviceState>;
export type DeviceMeta = z.infer<typeof deviceMeta>;
export type DeviceEvent = z.infer<typeof deviceEvent>;
