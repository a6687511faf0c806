import { parsePayload, parseTopic, schemaFor, TopicError, type ParsedTopic } from '@plantwatch/contracts';
import type { PlantDevice, PlantIndex } from '../plant/plant-model.js';

/** Why a message was refused (bounded: stored as a tag, counted per reason). */
export const REJECTION_REASONS = ['BAD_TOPIC', 'UNKNOWN_DEVICE', 'OVERSIZE', 'NOT_JSON', 'NON_FINITE', 'SCHEMA', 'NO_SCHEMA'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The validated envelope of any device payload (domain.md §3.3). */
export interface ValidEnvelope {
  readonly ts: number;
  readonly seq?: number;
  readonly v: Readonly<Record<string, unknown>>;
  readonly q?: string;
  readonly stale?: boolean;
}

export type ValidationResult =
  | { readonly ok: true; readonly topic: ParsedTopic; readonly device: PlantDevice; readonly envelope: ValidEnvelope }
  | { readonly ok: false; readonly reason: RejectionReason; readonly detail: string };

const NON_FINITE_TOKEN = /(?:^|[^"\w])-?(?:NaN|Infinity)(?:[^"\w]|$)/;

/**
 * Checks one device message in order: topic, known device, size, JSON, finite numbers, schema
 * of the device type. Pure; never throws. `data` is the JSON parse of the payload, or the raw
 * text when it was not JSON (as Nest's MQTT transport hands it over).
 */
export function validateMessage(plant: PlantIndex, topicText: string, data: unknown, payloadBytes: number, maxPayloadBytes: number): ValidationResult {
  let topic: ParsedTopic;
  try {
    topic = parseTopic(topicText);
  } catch (error) {
    return refuse('BAD_TOPIC', error instanceof TopicError ? error.reason : String(error));
  }
  const device = plant.device(topic.deviceKey);
  if (!device) return refuse('UNKNOWN_DEVICE', `no device ${topicText.split('/').slice(2, 8).join('/')} in the plant model`);
  if (payloadBytes > maxPayloadBytes) return refuse('OVERSIZE', `payload of ${payloadBytes} bytes exceeds ${maxPayloadBytes}`);
  if (typeof data === 'string' || data === undefined) {
    if (typeof data === 'string' && NON_FINITE_TOKEN.test(data)) return refuse('NON_FINITE', 'NaN/Infinity are not numbers in JSON; send null for a missing value');
    return refuse('NOT_JSON', 'payload is not valid JSON');
  }
  if (!allFinite(data)) return refuse('NON_FINITE', 'a number overflows to ±Infinity; send null for a missing value');
  const schema = schemaFor(device.type, topic.cls, topic.sub);
  if (!schema) return refuse('NO_SCHEMA', `no schema for ${device.type} ${topic.series}`);
  const parsed = parsePayload(schema, data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('SCHEMA', issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema mismatch');
  }
  return { ok: true, topic, device, envelope: parsed.data as ValidEnvelope };
}

function refuse(reason: RejectionReason, detail: string): ValidationResult {
  return { ok: false, reason, detail };
}

/** JSON.parse turns 1e999 into Infinity; such a payload is refused as NON_FINITE. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!allFinite(item)) return false;
    return true;
  }
  for (const key in value) if (!allFinite((value as Record<string, unknown>)[key])) return false;
  return true;
}
