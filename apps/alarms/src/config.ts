import { z } from 'zod';

/** Environment of the alarms process (validated once by `loadConfig`). */
export const alarmsEnv = z.object({
  PLANTWATCH_PLANT_MODEL: z.string().min(1),
  MQTT_URL: z.string().url().default('mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: z.string().default('svc-alarms'),
  MQTT_PASSWORD: z.string().min(1),
  /** Alarm state, journal, history and audit go to `{PLANTWATCH_DATA_DIR}/alarms`. */
  PLANTWATCH_DATA_DIR: z.string().default('./data'),
  /** Folder of the default rule files (`{device type}.rules.json`); edits are saved under the data folder. */
  ALARM_RULES_DIR: z.string().optional(),
  /** Roster of areas, shifts, people and escalation steps; default `apps/alarms/roster.json`. */
  ALARM_ROSTER_FILE: z.string().optional(),
  /** Escalations (and optionally raises) are POSTed here. */
  ALARM_WEBHOOK_URL: z.string().url().optional(),
  /** Comma-separated severities whose raises also go to the webhook, e.g. `critical`. */
  ALARM_WEBHOOK_ON_RAISE: z.string().regex(/^[a-z,]*$/).default(''),
  /** `smtp://host:port`: escalation e-mails to the person escalated to. */
  ALARM_SMTP_URL: z.string().url().optional(),
  ALARM_MAIL_FROM: z.string().default('plantwatch-alarms@localhost'),
  /** How often time-driven rules, delays, shelf expiry and escalation are evaluated. */
  ALARM_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
});
export type AlarmsEnv = z.infer<typeof alarmsEnv>;
