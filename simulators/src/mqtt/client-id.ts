import { createHash } from 'node:crypto';

/** Short, stable MQTT client id of a device: 23 characters from [0-9a-z] (MQTT 3.1.1 §3.1.3.1). */
export function deviceClientId(deviceKey: string): string {
  return `d${createHash('sha256').update(deviceKey).digest('hex').slice(0, 22)}`;
}
