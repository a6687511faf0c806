import { parseTopic, TopicError, UNS_ROOT, isSlug, type UnsTopic } from '@plantwatch/contracts';
import type { Principal } from './principal.js';

/**
 * Topic access rules (shared/ARCHITECTURE.md §2, domain.md §3). Pure functions of a principal
 * and a topic, so the aedes hooks stay one line each and the rules are unit-tested alone.
 *
 * - A device publishes only under its own `uns/v1/{device key}/` (a gateway also under its south
 *   devices'), only the classes a device produces, and a command only as its answer
 *   `cmd/{name}/res`: commands themselves come from services.
 * - A device subscribes only to its own commands: `…/cmd/#`, `…/cmd/+` or `…/cmd/{name}`.
 * - A service publishes and subscribes anywhere under `uns/v1/` and `svc/v1/`, and alone may
 *   read `$SYS/` (aedes lets anyone read it by default, MEASURED.md).
 */

/** Classes a device publishes itself; `cmd` only as `cmd/{name}/res`, `kpi` is computed by services. */
const DEVICE_CLASSES: ReadonlySet<string> = new Set(['telemetry', 'state', 'meta', 'event', 'alarm']);
const UNS_PREFIX = `${UNS_ROOT}/`;
/** Service-to-service request/response topics (e.g. api ↔ alarms over MQTT). */
export const SERVICE_ROOT = 'svc/v1';
const SERVICE_PREFIX = `${SERVICE_ROOT}/`;
const SYS_PREFIX = '$SYS/';

/** The parsed UNS topic, or undefined when it does not parse (refused everywhere). */
function parseOrUndefined(topic: string): UnsTopic | undefined {
  try {
    return parseTopic(topic);
  } catch (error) {
    if (error instanceof TopicError) return undefined;
    throw error;
  }
}

/** `svc/v1/` followed by one or more non-empty levels, no wildcards. */
function isServiceTopic(topic: string): boolean {
  if (!topic.startsWith(SERVICE_PREFIX) || topic.length > 512) return false;
  return topic.slice(SERVICE_PREFIX.length).split('/').every((level) => level.length > 0 && !/[+#]/.test(level));
}

function ownsTopic(principal: Principal, topic: string): boolean {
  return principal.devicePrefixes.some((prefix) => topic.startsWith(prefix));
}

/** May `principal` publish on `topic` (a PUBLISH or its Last Will)? */
export function mayPublish(principal: Principal, topic: string): boolean {
  if (principal.kind === 'service') {
    return topic.startsWith(UNS_PREFIX) ? parseOrUndefined(topic) !== undefined : isServiceTopic(topic);
  }
  const parsed = parseOrUndefined(topic);
  if (!parsed || !ownsTopic(principal, topic)) return false;
  if (DEVICE_CLASSES.has(parsed.cls)) return true;
  return parsed.cls === 'cmd' && parsed.sub.length === 2 && parsed.sub[1] === 'res';
}

/** May `principal` subscribe with `filter`? (Wildcard syntax itself is checked by aedes.) */
export function maySubscribe(principal: Principal, filter: string): boolean {
  if (principal.kind === 'service') {
    return filter.startsWith(UNS_PREFIX) || filter.startsWith(SERVICE_PREFIX) || filter.startsWith(SYS_PREFIX);
  }
  return principal.devicePrefixes.some((prefix) => {
    const cmdPrefix = `${prefix}cmd/`;
    if (!filter.startsWith(cmdPrefix)) return false;
    const rest = filter.slice(cmdPrefix.length);
    return rest === '#' || rest === '+' || isSlug(rest);
  });
}

/**
 * May `principal` receive a message on `topic`? Checked on every delivery (aedes
 * authorizeForward), so queued messages of a persistent session and retained messages obey
 * the same rules as subscriptions, whoever created the session.
 */
export function mayRead(principal: Principal, topic: string): boolean {
  if (principal.kind === 'service') {
    return topic.startsWith(UNS_PREFIX) || topic.startsWith(SERVICE_PREFIX) || topic.startsWith(SYS_PREFIX);
  }
  return ownsTopic(principal, topic) && parseOrUndefined(topic)?.cls === 'cmd';
}
