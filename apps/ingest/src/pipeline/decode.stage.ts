import { HIERARCHY_LEVELS, measurementFor, type DevicePath, type UnsTopic } from '@plantwatch/contracts';
import { flattenValues, validateMessage, type FieldValue, type RejectionReason, type PlantIndex, type TelemetryPoint } from '@plantwatch/domain';
import { pointProblem, type DeadLetter } from '@plantwatch/store';

export type Decoded = { readonly ok: true; readonly point: TelemetryPoint } | { readonly ok: false; readonly deadLetter: DeadLetter };

export interface DecodeOptions {
  readonly plant: PlantIndex;
  readonly maxPayloadBytes: number;
}

/**
 * decode → validate → enrich (STYLE.md §8): a valid message becomes one store point (tags =
 * hierarchy, fields = flattened values + seq/q/stale); a refused one a dead letter with reason.
 */
export function decode(topicText: string, data: unknown, payload: Buffer, receivedAt: number, options: DecodeOptions): Decoded {
  const refuse = (reason: RejectionReason, detail: string): Decoded => ({
    ok: false,
    deadLetter: {
      receivedAt,
      reason,
      topic: topicText.slice(0, 256),
      detail: detail.slice(0, 512),
      payloadBytes: payload.length,
      payloadHead: payload.subarray(0, 256).toString('base64'),
    },
  });
  const result = validateMessage(options.plant, topicText, data, payload.length, options.maxPayloadBytes);
  if (!result.ok) return refuse(result.reason, result.detail);
  const { topic, device, envelope } = result;
  const fields: Record<string, FieldValue> = topic.cls === 'meta' ? metaFields(envelope.v) : flattenValues(envelope.v);
  if (envelope.seq !== undefined) fields['seq'] = envelope.seq;
  if (envelope.q !== undefined) fields['q'] = envelope.q;
  if (envelope.stale) fields['stale'] = true;
  if (topic.cls === 'alarm') splitAlarmReading(fields);
  const point = { measurement: measurementFor(device.type, topic.cls, topic.sub), tags: devicePathOf(topic), fields, ts: envelope.ts };
  // The store's own input rules, checked here so one bad point can never poison a batch.
  const problem = pointProblem(point);
  return problem === undefined ? { ok: true, point } : refuse('SCHEMA', problem);
}

/**
 * An alarm's `val` is a reading, a discrete state or a flag (alarm.schemas.ts), but an InfluxDB
 * field has one type per measurement: a state goes to `val_state`, a flag to `val_flag`, so a
 * device type's limit and state alarms all store (a mixed `val` was refused for type conflict).
 */
function splitAlarmReading(fields: Record<string, FieldValue>): void {
  const val = fields['val'];
  if (typeof val === 'number' || val === undefined) return;
  delete fields['val'];
  fields[typeof val === 'string' ? 'val_state' : 'val_flag'] = val;
}

/** Only the six hierarchy levels become tags (bounded cardinality). */
function devicePathOf(topic: UnsTopic): DevicePath {
  const path = {} as Record<(typeof HIERARCHY_LEVELS)[number], string>;
  for (const level of HIERARCHY_LEVELS) path[level] = topic[level];
  return path;
}

/**
 * A birth certificate is stored by its scalars only (type, schema, names, firmware, `via`): its
 * structure (units, positions, command limits keyed by command name) is configuration, stays in
 * the retained message, and would otherwise become ever-new field names.
 */
function metaFields(values: Readonly<Record<string, unknown>>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') fields[name] = value;
  }
  return fields;
}
