import { isDeviceType, type DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { createSimDevice, type DeviceContext } from '@plantwatch/simulators';

/** Builds one device's telemetry payload for a source time and sequence number. */
export interface PayloadTemplate {
  /** Topic suffix after the device key: `telemetry` or `telemetry/{sub}`. */
  readonly suffix: string;
  /** The payload text; only `ts` and `seq` change from message to message. */
  payload(ts: number, seq: number): string;
  /** Size of one payload [bytes]. */
  readonly bytes: number;
}

/**
 * A payload template of `type`'s first telemetry stream, taken from the simulator's own model (so
 * it passes ingest's schema for that type); the values stay those of the first sample — a load
 * test measures the path, not the physics.
 */
export function payloadTemplate(type: string): PayloadTemplate {
  if (!isDeviceType(type)) throw new RangeError(`unknown device type ${JSON.stringify(type)}`);
  const device = { key: 'load/fleet/synthetic/l01/c001/d00001', type: type as DeviceType, name: 'template', secretSha256: '0'.repeat(64) } as PlantDevice;
  const memo = new Map<string, unknown>();
  const context: DeviceContext = { seed: 1, startMs: Date.now(), shared: <T>(key: string, create: () => T): T => (memo.has(key) ? memo.get(key) : memo.set(key, create()).get(key)) as T, deviceParams: () => undefined };
  const sim = createSimDevice(device, context);
  const stream = sim?.streams.find((s) => s.cls === 'telemetry');
  if (sim === undefined || stream === undefined) throw new RangeError(`device type ${type} has no simulated telemetry stream to copy`);
  let sample: object | undefined;
  for (let t = 0; sample === undefined && t < 20; t++) sample = stream.emit(context.startMs + stream.firstAfterMs + t * stream.periodMs);
  const values = (sample as { v?: unknown } | undefined)?.v;
  if (values === undefined) throw new RangeError(`device type ${type} published no telemetry sample`);
  const tail = `,"v":${JSON.stringify(values)},"q":"good"}`;
  return {
    suffix: ['telemetry', ...stream.sub].join('/'),
    payload: (ts, seq) => `{"ts":${ts},"seq":${seq}${tail}`,
    bytes: `{"ts":1700000000000,"seq":1000000${tail}`.length,
  };
}
